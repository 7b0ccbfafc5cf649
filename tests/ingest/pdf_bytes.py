"""A minimal hand-written PDF, so tests need no PDF writer or CJK font."""

from __future__ import annotations


def build_pdf(lines: list[bytes], to_unicode: dict[str, str] | None = None,
              page_extra: bytes = b"") -> bytes:
    """One page showing `lines` in Helvetica; `to_unicode` maps a byte to the character it means.

    A ToUnicode map is how real Chinese PDFs make their text extractable, so mapping
    "A" -> "质" tests the same path as a PDF with an embedded CJK font. `page_extra` goes
    into the page dictionary as it is (a crafted entry for a parser to choke on).
    """
    shown = b" 0 -16 Td ".join(b"(" + line + b") Tj" for line in lines)
    content = b"BT /F1 12 Tf 72 720 Td " + shown + b" ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + page_extra + b">>"
        ),
        _stream(content),
        font + (b" /ToUnicode 6 0 R >>" if to_unicode else b" >>"),
    ]
    if to_unicode:
        pairs = "\n".join(
            f"<{ord(code):02X}> <{ord(char):04X}>" for code, char in to_unicode.items()
        )
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Custom def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(to_unicode)} beginbfchar\n{pairs}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        )
        objects.append(_stream(cmap.encode()))
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
