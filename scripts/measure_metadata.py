"""Share of metadata fields inferred right, measured against ground truth (no sidecars read).

    python scripts/measure_metadata.py [--devcorpus DIR] [--regulations DIR] [--misses N]
                                       [--save FILE] [--baseline FILE]

(a) the development corpus: every `NN_….txt` against its `NN_….meta.json`, on title, issuer,
    date and region, counting a field only where the sidecar gives it;
(b) the regulations corpus: every file listed in `metadata.jsonl`, on title, region (the
    province of a local regulation, 全国 for a national text) and date (where the file name
    gives one).
Each text goes through the pipeline's own steps (load, clean, infer) under the id the pipeline
gives its file. A region is right when the inferred one is the expected region or lies within
it (a city's regulation, 山东省东营市, is right for the expected 山东省); "region (exact)"
counts only equal ones. Titles and issuers are compared as the cleaner writes text (NFKC:
（ becomes "("), without spaces. --save writes the figures as JSON; --baseline prints them
beside the figures of an earlier run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ingest.cleaner import clean_text
from ingest.loader import load_file
from ingest.metadata import infer_metadata
from ingest.pipeline import document_id

SHARED = Path("/work/shared")
_SPACES = re.compile(r"\s+")
_NOTE = re.compile(r"[(（][^)）]*[)）]")  # "湖北省(推断)": a note, not part of the region
Case = tuple[str, Path, dict[str, str]]
Tally = dict[str, list[int]]


def devcorpus_cases(folder: Path) -> Iterator[Case]:
    """(name, text file, expected fields) for each excerpt that has a sidecar."""
    for path in sorted(folder.glob("*.txt")):
        sidecar = path.with_suffix(".meta.json")
        if sidecar.is_file():
            given = json.loads(sidecar.read_text(encoding="utf-8"))
            yield path.name, path, {key: str(given.get(key) or "")
                                    for key in ("title", "issuer", "date", "region")}


def regulation_cases(folder: Path) -> Iterator[Case]:
    """(name, markdown file, expected fields) for each line of metadata.jsonl."""
    with (folder / "metadata.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield row["file"], folder / row["file"], {key: str(row.get(key) or "")
                                                      for key in ("title", "region", "date")}


def is_right(field: str, inferred: str, wanted: str) -> bool:
    """Whether an inferred field matches the expected one."""
    if field == "region":
        return bool(inferred) and _plain(inferred).startswith(_plain(wanted))
    if field == "region (exact)":
        return _plain(inferred) == _plain(wanted)
    if field in ("title", "issuer"):
        return _plain(inferred) == _plain(wanted)
    return inferred == wanted


def _plain(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", _NOTE.sub("", text)))


def measure(cases: Iterator[Case], misses: int) -> Tally:
    """[right, counted] per field; prints the first `misses` misses of each field."""
    tally: Tally = defaultdict(lambda: [0, 0])
    shown: dict[str, int] = defaultdict(int)
    for name, path, wanted in cases:
        meta = infer_metadata(clean_text(load_file(path)), document_id(path))
        for field, expected in {**wanted, "region (exact)": wanted["region"]}.items():
            if not expected:
                continue  # the ground truth does not say
            inferred = getattr(meta, field.split()[0])
            right = is_right(field, inferred, expected)
            tally[field][0] += right
            tally[field][1] += 1
            if not right and shown[field] < misses:
                shown[field] += 1
                print(f"  miss {field}: {name}: {inferred!r} != {expected!r}")
    return dict(tally)


def report(label: str, tally: Tally, baseline: Tally | None) -> None:
    print(label + ("" if baseline is None else "    (before -> now)"))
    for field, (right, counted) in tally.items():
        now = f"{right:>5}/{counted:<5} {100 * right / counted:5.1f} %"
        if baseline and field in baseline:
            old_right, old_counted = baseline[field]
            now = f"{100 * old_right / old_counted:5.1f} % -> " + now
        print(f"  {field:<14} {now}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--devcorpus", type=Path, default=SHARED / "devcorpus")
    parser.add_argument("--regulations", type=Path, default=SHARED / "regulations")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses per field")
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--baseline", type=Path, help="figures of an earlier run (--save)")
    args = parser.parse_args(argv)
    before = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else {}
    figures: dict[str, Tally] = {}
    if args.devcorpus.is_dir():
        figures["devcorpus"] = measure(devcorpus_cases(args.devcorpus), args.misses)
        report(f"devcorpus ({args.devcorpus})", figures["devcorpus"], before.get("devcorpus"))
    if (args.regulations / "metadata.jsonl").is_file():
        figures["regulations"] = measure(regulation_cases(args.regulations), args.misses)
        report(f"regulations ({args.regulations})", figures["regulations"],
               before.get("regulations"))
    if args.save:
        args.save.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
