"""`policykb bench`: ingest throughput, question latency, memory and index size, by corpus size.

Each corpus size runs in its own process, so its peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus import bundled_documents_dir
from ingest.document import ParsedDocument

FALLBACK_QUESTIONS = [
    "好品山东宣传推广由哪个部门牵头？", "获得中国质量奖奖励多少钱？", "省市场监管局负责哪些工作？",
    "哪些品牌可以纳入好品山东品牌体系？", "到2025年新增省长质量奖企业多少家？",
    "威海市如何建设质量强国标杆城市？", "个人所得税怎么申报？", "评为4A级旅游景区奖励多少？",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def load_questions(path: Path | None) -> list[str]:
    """Questions of a JSON Lines file (the evaluation set), or a small built-in mix."""
    if path is None or not path.exists():
        return FALLBACK_QUESTIONS
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def measure_one(synthetic: int, work: Path, questions: list[str]) -> dict[str, float]:
    """Build a knowledge base of the bundled + `synthetic` documents and time everything."""
    from app.answerer import Answerer
    from evals.synthetic import write_corpus
    from ingest.pipeline import discover_files, parse_file
    from kb.knowledge_base import IngestReport, KnowledgeBase

    corpus = work / f"corpus-{synthetic}"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(bundled_documents_dir(), corpus)
    if synthetic:
        write_corpus(corpus / "synthetic", synthetic)
    home = work / f"kb-{synthetic}"
    shutil.rmtree(home, ignore_errors=True)
    files, _ = discover_files([corpus])

    def ingest() -> tuple[float, float, IngestReport, list[ParsedDocument]]:
        started = time.perf_counter()
        parsed = [parse_file(path) for path in files]
        parsing = time.perf_counter() - started
        report = KnowledgeBase(home).add(parsed)
        return parsing, time.perf_counter() - started, report, parsed

    parsing, first_seconds, report, parsed = ingest()
    _, again_seconds, _, _ = ingest()
    answerer = Answerer(KnowledgeBase(home))
    answerer.ask(questions[0])  # warm-up: model and index load once per process
    latencies = []
    for question in questions:
        started = time.perf_counter()
        answerer.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
    characters = sum(len(p.document.text) for p in parsed)
    chunks = sum(len(p.chunks) for p in parsed)
    seconds = report.seconds
    return {
        "documents": len(parsed), "characters": characters, "chunks": chunks,
        "ingest_s": first_seconds, "parse_s": parsing,
        "embed_s": seconds.get("embedding", 0.0), "tokenize_s": seconds.get("tokenizing", 0.0),
        "index_s": seconds.get("indexing", 0.0),
        "chars_per_s": characters / first_seconds, "chunks_per_s": chunks / first_seconds,
        "reingest_s": again_seconds, "reingest_share": again_seconds / first_seconds,
        "questions": len(latencies), "latency_median_ms": statistics.median(latencies),
        "latency_p95_ms": _percentile(latencies, 0.95), "latency_max_ms": max(latencies),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "index_mb": _folder_bytes(home) / 1e6,
    }


COLUMNS = [
    ("documents", "docs", "{:.0f}"), ("chunks", "chunks", "{:.0f}"),
    ("ingest_s", "ingest s", "{:.1f}"), ("parse_s", "parse s", "{:.1f}"),
    ("embed_s", "embed s", "{:.1f}"), ("index_s", "index s", "{:.1f}"),
    ("chars_per_s", "chars/s", "{:.0f}"), ("chunks_per_s", "chunks/s", "{:.1f}"),
    ("reingest_share", "re-ingest %", "{:.1%}"), ("latency_median_ms", "median ms", "{:.1f}"),
    ("latency_p95_ms", "p95 ms", "{:.1f}"), ("latency_max_ms", "max ms", "{:.1f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"), ("index_mb", "index MB", "{:.1f}"),
]


def format_table(rows: list[dict[str, float]]) -> str:
    """A Markdown table of the figures, one row per corpus size."""
    lines = ["| " + " | ".join(title for _, title, _ in COLUMNS) + " |",
             "|" + "---:|" * len(COLUMNS)]
    for row in rows:
        lines.append("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def write_chart(rows: list[dict[str, float]], path: Path) -> None:
    """Latency and ingest time against corpus size, on log axes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [row["documents"] for row in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(sizes, [r["latency_median_ms"] for r in rows], "o-", label="median")
    left.plot(sizes, [r["latency_p95_ms"] for r in rows], "s-", label="p95")
    left.axhline(100, color="grey", linestyle="--", label="100 ms target")
    left.set(xscale="log", xlabel="documents", ylabel="question latency (ms)")
    left.legend()
    right.plot(sizes, [r["ingest_s"] for r in rows], "o-", label="first ingest")
    right.plot(sizes, [r["reingest_s"] for r in rows], "s-", label="unchanged re-ingest")
    right.set(xscale="log", yscale="log", xlabel="documents", ylabel="seconds")
    right.legend()
    figure.suptitle("policykb bench (2 CPU cores, no LLM)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def run_bench(sizes: list[int], out_dir: Path, questions: Path | None) -> list[dict[str, float]]:
    """Measure each size in a child process; print the table, write JSON, Markdown and a chart."""
    from tqdm import tqdm

    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "work"
    rows = []
    for size in tqdm(sizes, desc="bench", unit="size"):
        command = [sys.executable, "-m", "evals.bench", str(size), str(work)]
        if questions is not None:
            command.append(str(questions))
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    shutil.rmtree(work, ignore_errors=True)
    table = format_table(rows)
    (out_dir / "bench.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    (out_dir / "bench.md").write_text(table + "\n", encoding="utf-8")
    write_chart(rows, out_dir / "bench.png")
    print(table)
    return rows


if __name__ == "__main__":
    # child process: python -m evals.bench SIZE WORK_DIR [QUESTIONS.jsonl]
    import logging

    logging.disable(logging.WARNING)
    size, work_dir = int(sys.argv[1]), Path(sys.argv[2])
    question_file = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    work_dir.mkdir(parents=True, exist_ok=True)
    print(json.dumps(measure_one(size, work_dir, load_questions(question_file))))
