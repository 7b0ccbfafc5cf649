"""Assemble an evaluation corpus from ../shared as a folder of links, without copying a file.

    python scripts/shared_corpus.py devcorpus OUT            # the 28 excerpts, no sidecars
    python scripts/shared_corpus.py devcorpus OUT --sidecars # with their .meta.json
    python scripts/shared_corpus.py regulations OUT --list evals/data/regulations_corpus.txt

then `policykb eval evals/data/devcorpus_dev.jsonl --corpus OUT`. Without sidecars every
title, issuer, date and region is inferred, as for a user's own files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def link(source: Path, folder: Path) -> None:
    target = folder / source.name
    if target.is_symlink() or target.exists():
        target.unlink()
    target.symlink_to(source.resolve())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=("devcorpus", "regulations"))
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--sidecars", action="store_true", help="link the .meta.json files too")
    parser.add_argument("--list", type=Path, help="regulations: one path per line, relative to it")
    args = parser.parse_args()
    root = args.shared / args.corpus
    if not root.is_dir():
        print(f"错误: {root} not found (the shared material is not on this machine)",
              file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    if args.corpus == "devcorpus":
        files = sorted(root.glob("[0-9][0-9]_*.txt"))
        for file in files:
            link(file, args.out)
            sidecar = file.with_name(file.stem + ".meta.json")
            if args.sidecars and sidecar.exists():
                link(sidecar, args.out)
    else:
        if args.list is None:
            print("错误: --list is required for regulations", file=sys.stderr)
            return 1
        names = [line.strip() for line in args.list.read_text("utf-8").splitlines() if line.strip()]
        files = [root / name for name in names]
        missing = [str(f) for f in files if not f.exists()]
        if missing:
            print(f"错误: {len(missing)} listed files not found, e.g. {missing[0]}", file=sys.stderr)
            return 1
        for file in files:
            link(file, args.out)
    print(f"{len(files)} files linked in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
