"""Units of retrieved passages: sentences, list items read with the line that introduces
them, table rows with their headers; and the text around a unit (the items a lead introduces,
the sections under a heading, the articles a penalty cites by number)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ingest.document import Chunk, Span
from kb.hit import Hit

Tokenize = Callable[[str], list[str]]
Weigh = Callable[[list[str]], dict[str, float]]
Neighbours = Callable[[Chunk], tuple[Chunk | None, Chunk | None]]
Articles = Callable[[str], dict[str, str]]
# sentence ends, line breaks, the bullets of a page's attribute bar ("•【施行日期】2021.12.01•"),
# and a colon that opens a list ("以下原则:一是…")
_LINE_SPLIT = re.compile(
    r"[。!?！？•]|\n|[:：](?=\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+是))")
# "(一)" / "1." / "(1)" / "一是" / "第五条": where a list item starts
_ITEM = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、)]|[一二三四五六七八九十]+[、是])")
# "…具备下列条件:" / "有下列情形之一的,…撤销:": a line that introduces the items below it,
# also where it goes on past the list's name ("…如发生下列情形之一的,由…撤销其奖项。")
_NAMES_LIST = re.compile(r"下列")
_LEAD = re.compile(rf"[:：]\s*$|{_NAMES_LIST.pattern}")
_CONTENT_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z%]")
# the characters that make a unit's words, without punctuation or spacing
WORD_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
# a sentence that begins by pointing back at what the sentence before it named
# ("但每月扣除的部分不得超过…": a sentence that limits the one before it says of the same thing)
_POINTS_BACK = re.compile(r"\s*(?:(?:该|上述|前述|此类|此项)(?![条款项规办法决定通知意见])[\u4e00-\u9fff]"
                          r"|但(?:是)?[\u4e00-\u9fff]{2})")


@dataclass(frozen=True)
class Unit:
    """A sentence, list item or table row of a retrieved passage."""

    hit: Hit
    start: int  # offsets into the document
    end: int
    text: str
    lead: Span | None = None  # the line introducing this list item, if any
    lead_chunk: Chunk | None = None  # the chunk that holds `lead`
    scope: str = ""  # the whole article (第X条) the unit stands in, where it stands in one

    def span(self) -> Span:
        chunk = self.hit.chunk
        return Span(doc_id=chunk.doc_id, start=self.start, end=self.end, quote=self.text,
                    chunk_id=chunk.chunk_id, section_path=chunk.section_path, row=chunk.row)




def read_units(hit: Hit, neighbours: Neighbours | None = None) -> list[Unit]:
    """The units of one retrieved passage, each list item with its introducing line."""
    chunk = hit.chunk
    if chunk.kind == "table_row":
        return [Unit(hit, chunk.start, chunk.end, chunk.text)]
    units: list[Unit] = []
    scope = article_of(chunk, neighbours)
    lead, lead_chunk = _lead_before(chunk, neighbours)
    for start, end in _pieces(chunk.text):
        text = chunk.text[start:end]
        if not _CONTENT_CHARS.search(text):
            continue
        span_start = chunk.start + start
        is_item = bool(_ITEM.match(text))
        if units and not is_item and _POINTS_BACK.match(text) \
                and units[-1].text.rstrip().endswith("。") and not _LEAD.search(units[-1].text):
            # "…追缴奖金,并向社会公告。该企业不得参加下两届…评审": a sentence that points
            # back at what the one before it named goes on saying it, and is read with it
            before = units.pop()
            units.append(replace(before, end=chunk.start + end,
                                 text=chunk.text[before.start - chunk.start:end]))
            continue
        unit = Unit(hit, span_start, span_start + len(text), text,
                    lead if is_item else None, lead_chunk if is_item else None, scope)
        units.append(unit)
        if _LEAD.search(text):
            lead, lead_chunk = unit.span(), chunk
        elif not is_item and len(text) > 40:
            lead, lead_chunk = None, None
    if units and lead is not None and lead.start == units[-1].start and neighbours is not None \
            and _SANCTION_LEAD.search(lead.quote):
        # "第五十二条 …由公安机关分别给予处罚:" alone in its passage: the sanctions, in the
        # passages after it, are read with it
        units += _items_in_next(hit, lead, neighbours, scope)
    return units


_SANCTION_LEAD = re.compile(r"处罚|罚款|处分|拘留|吊销|没收")


def _items_in_next(hit: Hit, lead: Span, neighbours: Neighbours, scope: str) -> list[Unit]:
    """The items that follow a passage ending with a lead, each read with the lead."""
    items: list[Unit] = []
    chunk = neighbours(hit.chunk)[1]
    while chunk is not None and len(items) < _MAX_ITEMS:
        for a, b in _pieces(chunk.text):
            text = chunk.text[a:b]
            if not _ITEM.match(text):
                return items
            items.append(Unit(replace(hit, chunk=chunk), chunk.start + a, chunk.start + b, text,
                              lead, hit.chunk, scope))
        chunk = neighbours(chunk)[1]
    return items


# "第十六条 …有下列情形之一的,…撤销…:" then its items in chunks of their own: one article
_HAS_ARTICLE = re.compile(r"(?m)^\s*(?:#+\s*)?第[一二三四五六七八九十百零〇]+条")
_ARTICLE_CHUNKS = 12
_ARTICLE_CHARS = 1500


def article_of(chunk: Chunk, neighbours: Neighbours | None) -> str:
    """The text of the article a chunk stands in (its items and closing sentences too), or
    the chunk's own text where it stands in none."""
    if neighbours is None:
        return chunk.text
    first, before = chunk, [chunk.text]
    for _ in range(_ARTICLE_CHUNKS):
        if _HAS_ARTICLE.search(first.text):
            break
        previous = neighbours(first)[0]
        if previous is None:
            return chunk.text
        first = previous
        before.insert(0, first.text)
    else:
        return chunk.text
    after, current = [], chunk
    for _ in range(_ARTICLE_CHUNKS):
        following = neighbours(current)[1]
        if following is None or _HAS_ARTICLE.search(following.text):
            break
        after.append(following.text)
        current = following
    return "\n".join([*before, *after])[:_ARTICLE_CHARS]


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, trimmed of white space, end punctuation kept."""
    pieces, start = [], 0
    for match in _LINE_SPLIT.finditer(text):
        if match.group() == "\n" and _wrapped(text, match.start()):
            continue  # a line broken where the page ran out ("…给予一次性\n奖励20万元。")
        pieces.append((start, match.end() if match.group() != "\n" else match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    trimmed = []
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            trimmed += _split_long(text, a + lead, a + lead + len(piece))
    return trimmed


# a line that ends a sentence, a heading or a list item; and a line that starts one
_LINE_ENDS = re.compile(r"[。！？!?；;：:）)」”\]】|]\s*$")
_LINE_STARTS = re.compile(r"^\s*(?:[(（【〔\[]|第[一二三四五六七八九十百零〇]+[章节条]|\d{1,2}\s*[.．、)]"
                          r"|[一二三四五六七八九十]+[、是]|[—-]|#|\|)")
_WRAPPED_LINE = 18  # a line shorter than this is a heading or a signature, never a wrap


def _wrapped(text: str, end: int) -> bool:
    """Whether the line break at `end` only wraps a sentence: the line before runs on (no end
    punctuation, long enough not to be a heading) and the line after starts no item."""
    line = text[text.rfind("\n", 0, end) + 1:end]
    following = text[end + 1:text.find("\n", end + 1) if "\n" in text[end + 1:] else len(text)]
    return (len(line.strip()) >= _WRAPPED_LINE and not _LINE_ENDS.search(line)
            and bool(following.strip()) and not _LINE_STARTS.match(following))


# a text stripped of its punctuation ("…制定本办法第二条本办法所称…") still starts its chapters
# and articles: a long run is cut there, and else into pieces a reader can take in
_LONG_PIECE = 300
_PIECE_CHARS = 150
_INNER_ARTICLE = re.compile(r"(?<=[\u4e00-\u9fff\d])第[一二三四五六七八九十百零〇]+[章条]")


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= _LONG_PIECE:
        return [(start, end)]
    cuts = [start, *(m.start() for m in _INNER_ARTICLE.finditer(text, start, end)), end]
    pieces = []
    for a, b in pairwise(cuts):
        while b - a > _LONG_PIECE:
            pieces.append((a, a + _PIECE_CHARS))
            a += _PIECE_CHARS
        if b > a:
            pieces.append((a, b))
    return pieces


def _lead_before(chunk: Chunk,
                 neighbours: Neighbours | None) -> tuple[Span | None, Chunk | None]:
    """The line that introduces a chunk which begins with a list item: the last line of the
    nearest chunk before it that is not itself an item, where that line ends in a colon."""
    if neighbours is None or not _ITEM.match(chunk.text):
        return None, None
    before, _ = neighbours(chunk)
    for _ in range(_MAX_ITEMS_BACK):
        if before is None:
            return None, None
        pieces = _pieces(before.text)
        prose = False  # a sentence that is no item stands between the lead and the items
        for a, b in reversed(pieces):
            text = before.text[a:b]
            if (_NAMES_LIST if prose else _LEAD).search(text):
                # ("…如发生下列情形之一的,…撤销其奖项。撤销奖项的企业不得…。(一)…": the
                # article's lead, though a sentence of its own follows it)
                return Span(doc_id=before.doc_id, start=before.start + a, end=before.start + b,
                            quote=text, chunk_id=before.chunk_id,
                            section_path=before.section_path, row=before.row), before
            if not _ITEM.match(text):
                if prose or _ARTICLE_START.match(text):
                    return None, None
                prose = True
        if prose:
            return None, None
        before, _ = neighbours(before)
    return None, None


_MAX_ITEMS_BACK = 12

# "违反本条例第十二条规定" / "依照本办法第五条": an article cited by number
# "违反本条例第二十二条" / "违反第三十七条规定": an article of the same document; "依照《…法》第
# 六十条" is another's
_CITED_ARTICLE = re.compile(r"(?:本条例|本规定|本办法|本法|本细则|本决定|违反|依照|按照|适用)"
                            r"第([一二三四五六七八九十百零〇]+)条")
_ARTICLE_START = re.compile(r"^\s*(?:#+\s*)?第([一二三四五六七八九十百零〇]+)条")


def article_table(chunks: Sequence[Chunk]) -> dict[str, str]:
    """The articles of one document by number ("二十二" -> its text)."""
    table: dict[str, str] = {}
    current = ""
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            match = _ARTICLE_START.match(line)
            if match:
                current = match.group(1) if match.group(1) not in table else ""
                if current:
                    table[current] = ""
            if current and len(table[current]) < _ARTICLE_CHARS:
                # the article with its items: "禁止下列行为:…(二)便溺、吸烟、随地吐痰…"
                table[current] = (table[current] + "\n" + line).strip()[:_ARTICLE_CHARS]
    return table


_ARTICLE_CHARS = 600

# "本条例所称近亲属，是指配偶、父母…" / "所称中心城是指本市外环线以内的地区": a term the document
# defines, and the sentence that defines it
# ("本条例所称科技成果包括专利技术、…": a term defined by what it covers)
_DEFINED = re.compile(r"所称(?:的)?[“\"]?([\u4e00-\u9fff]{2,16}?)[”\"]?\s*[,，]?\s*(?:是指|系指|指|包括)")
_SENTENCE_END = re.compile(r"[。；;\n]")


def defined_terms(chunks: Sequence[Chunk]) -> list[tuple[str, Span]]:
    """The terms a document defines, each with the sentence that defines it."""
    found = []
    for chunk in chunks:
        for match in _DEFINED.finditer(chunk.text):
            ends = [m.end() for m in _SENTENCE_END.finditer(chunk.text, 0, match.start())]
            begin = ends[-1] if ends else 0
            after = _SENTENCE_END.search(chunk.text, match.end())
            end = after.end() if after else len(chunk.text)
            quote = chunk.text[begin:end].strip()
            offset = begin + chunk.text[begin:end].index(quote) if quote else begin
            found.append((match.group(1), Span(
                doc_id=chunk.doc_id, start=chunk.start + offset, end=chunk.start + offset + len(quote),
                quote=quote, chunk_id=chunk.chunk_id, section_path=chunk.section_path,
                row=chunk.row)))
    return found




def _tidy(text: str) -> str:
    """Text for an answer line: the spaces PDF copies leave inside Chinese ("奖励 30 万元")
    go, those between Latin words and in markup ("<img src=x>") stay."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)



_MAX_ITEMS = 8
_ITEMS_CHARS = 360


def _items_after(chunk: Chunk, end: int, neighbours: Neighbours | None) -> list[Span]:
    """The list items that follow a lead ending at `end`; a sentence or two that explains an
    item ("一是坚持市场主导,政府推动。加强…。二是…") is passed over, not taken for the end."""
    items: list[Span] = []
    size, between = 0, 0
    following = _units_after(chunk, end, neighbours, _MAX_ITEMS * 3)
    if following and not _ITEM.match(following[0].quote):
        # "享受以下优待:" then lines that carry no marker: each line up to the next article
        for span in following:
            if _ARTICLE_OR_HEADING.match(span.quote) or size + len(span.quote) > _ITEMS_CHARS:
                break
            items.append(span)
            size += len(span.quote)
            if len(items) == _MAX_ITEMS:
                break
        return items
    for span in following:
        if _ARTICLE_OR_HEADING.match(span.quote):
            break  # "第四十八条 …有下列情形之一的": the items after it are another article's
        if not _ITEM.match(span.quote):
            between += 1
            if not items or between > _MAX_BETWEEN_ITEMS:
                break
            continue
        if size + len(span.quote) > _ITEMS_CHARS:
            break
        between = 0
        items.append(span)
        size += len(span.quote)
        if len(items) == _MAX_ITEMS:
            break
    return items


_MAX_BETWEEN_ITEMS = 3
_ARTICLE_OR_HEADING = re.compile(r"^\s*(?:#+\s*|第[一二三四五六七八九十百零〇]+[章节条])")


def _units_after(start_chunk: Chunk, end: int, neighbours: Neighbours | None,
                 limit: int = _MAX_ITEMS + 2) -> list[Span]:
    """The pieces after offset `end` in a chunk and in the next chunks, as spans."""
    spans: list[Span] = []
    chunk: Chunk | None = start_chunk
    first = True
    while chunk is not None and len(spans) < limit:
        for a, b in _pieces(chunk.text):
            start = chunk.start + a
            if first and start < end:
                continue
            spans.append(_piece(chunk, a, b))
        first = False
        chunk = neighbours(chunk)[1] if neighbours is not None else None
    return spans


def _piece(chunk: Chunk, start: int, end: int) -> Span:
    """The span of `chunk.text[start:end]`."""
    return Span(doc_id=chunk.doc_id, start=chunk.start + start, end=chunk.start + end,
                quote=chunk.text[start:end], chunk_id=chunk.chunk_id,
                section_path=chunk.section_path, row=chunk.row)


def items_cited_before(unit: Unit, neighbours: Neighbours | None) -> list[Span]:
    """The items of its own article a unit cites: "前款第(一)、(二)、(八)项规定的重大事项应当每年
    …报告" reports the first, second and eighth items listed before it, which are what it says."""
    cited = CITED_ITEM_LIST.search(_compact(unit.text))
    if cited is None:
        return []
    numbers = re.findall(r"[一二三四五六七八九十]+", re.sub(r"第[一二三四五六七八九十]+款", "", cited.group(0)))
    chunks = [unit.hit.chunk]
    while neighbours is not None and len(chunks) < _CITED_REACH \
            and not _HAS_ARTICLE.search(chunks[0].text):
        before = neighbours(chunks[0])[0]
        if before is None or before.doc_id != unit.hit.chunk.doc_id:
            break
        chunks.insert(0, before)
    spans: list[Span] = []
    for chunk in chunks:
        for a, b in _pieces(chunk.text):
            if chunk.start + a >= unit.start:
                break
            if _ARTICLE_START.match(chunk.text[a:b]):
                spans = []  # the items cited are those of the unit's own article
            spans.append(_piece(chunk, a, b))
    marked = {}
    for span in spans:
        mark = re.match(r"\s*[(（]([一二三四五六七八九十]+)[)）]", span.quote)
        if mark and mark.group(1) in numbers and mark.group(1) not in marked:
            marked[mark.group(1)] = span
    return [marked[number] for number in numbers if number in marked]


_CITED_REACH = 30  # chunks read back to the article's start (an item may be a chunk of its own)
# "前款第(一)、(二)、(八)项", "本条第一款第七项", "第(二)项、第(三)项": items cited by number
CITED_ITEM_LIST = re.compile(r"(?:前款|本条(?:第[一二三四五六七八九十]+款)?)"
                             r"(?:[、和及]?第?[(（]?[一二三四五六七八九十]+[)）]?项?)+(?<=项)")
_MAX_SECTIONS = 8


def subsections(chunk: Chunk, chunks: Sequence[Chunk]) -> list[Span]:
    """The headings of the sections directly under the one `chunk` stands in, each as the
    span where its chunk begins with it."""
    path = chunk.section_path
    if not path:
        return []
    found: dict[str, Span] = {}
    for other in chunks:
        if len(other.section_path) <= len(path) or other.section_path[:len(path)] != path:
            continue
        heading = other.section_path[len(path)]
        at = other.text.find(heading)
        if heading in found or at < 0:
            continue
        found[heading] = Span(doc_id=other.doc_id, start=other.start + at,
                              end=other.start + at + len(heading), quote=heading,
                              chunk_id=other.chunk_id, section_path=other.section_path)
        if len(found) == _MAX_SECTIONS:
            break
    return list(found.values())


# the labels of a note of who carries a task out: "责任单位:", "牵头部门", "责任主体"
_NOTE_LABEL = r"(?:牵头|责任|配合|协办|主办)(?:单位|部门)|责任主体"
# a unit that is nothing but such a note
_BARE_NOTE = re.compile(rf"^\s*[(（〔\[]\s*(?:{_NOTE_LABEL})")
_NOTE = re.compile(rf"[(（〔\[]\s*(?:{_NOTE_LABEL})[^)）〕\]]*[)）〕\]]")
_BRACKETED = re.compile(r"^\s*[(（〔\[][^()（）〔〕\[\]]+[)）〕\]]\s*[。;；]?\s*$")
_TASK_MARK = re.compile(r"(?:^|\n)\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.．、)]"
                        r"|[一二三四五六七八九十]+、)")


# a line that only names who carries the task above it out: "省农业厅、卫生厅、质监局负责落实。"
_LABELS = re.compile(rf"(?:{_NOTE_LABEL})[:：]?")
_ROLES = re.compile(r"(?:按职责分工|分别|共同)?(?:负责落实|负责|牵头|配合|落实|参与)")
_NAMES_APART = re.compile(r"[、，,;；\s]+")
_BODY_ENDINGS = "厅局委办部门室会府院处所站队社联行司"
_BODY_CHARS = 20


def _names_bodies_only(text: str) -> bool:
    """Whether a line is nothing but the bodies that carry a task out, with their roles."""
    line = _compact(text).strip("()（）〔〕[]【】。；;")
    if not _ROLES.search(line):
        return False  # "珠海市人民政府" alone signs a document
    line = _ROLES.sub("、", _LABELS.sub("、", line))
    names = [name for name in _NAMES_APART.split(line) if name]
    return bool(names) and all(len(name) <= _BODY_CHARS and name[-1] in _BODY_ENDINGS
                               for name in names)


def task_before(unit: Unit) -> Span | None:
    """The task a bare responsibility note closes: the text of its chunk from the item's
    marker (or the previous note) up to the note."""
    chunk = unit.hit.chunk
    before = chunk.text[:max(0, unit.start - chunk.start)]
    # (a line of its own: "(北海市人民政府、合浦县人民政府负责落实)" closing a paragraph may close
    # its last sentence only)
    own_line = not before.strip(" \t\u3000") or before.rstrip(" \t\u3000").endswith("\n")
    # ("(区国土分局牵头,区规划分局、区级相关部门配合)" in brackets closes the task before it on
    # its line)
    bracketed = bool(_BRACKETED.match(unit.text))
    if not (_BARE_NOTE.match(unit.text) or (own_line or bracketed)
            and _names_bodies_only(unit.text)):
        return None
    starts = [m.start() for m in _TASK_MARK.finditer(before)]
    notes = [m.end() for m in _NOTE.finditer(before)]
    begin = max([0, *starts, *notes])
    text = before[begin:]
    stripped = text.strip()
    if len(_compact(stripped)) < 6:
        return None
    offset = begin + text.index(stripped)
    return _piece(chunk, offset, offset + len(stripped))
