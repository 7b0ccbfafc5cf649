"""The `policykb` command: ingest, ask, rewards, serve, eval, bench."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from app.answer import Answer
from app.errors import AppError
from app.settings import Settings, load_settings
from ingest.errors import IngestError
from kb.errors import KBError

cli = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="policykb: 政策文件知识库与问答 (cited Q&A over policy documents)")
log = logging.getLogger("policykb")

KbOption = Annotated[Path | None, typer.Option("--kb", help="数据目录 data folder "
                                                  "(default: $POLICYKB_HOME or ~/.policykb)")]
RegionOption = Annotated[str | None, typer.Option("--region", help="只用该地区的文件, e.g. 山东 / 威海")]


@contextmanager
def _edge() -> Iterator[None]:
    """Errors of any layer become one line on stderr and a non-zero exit."""
    try:
        yield
    except (KBError, IngestError, AppError, OSError, ValueError) as error:
        typer.echo(f"错误 Error: {error}", err=True)
        raise typer.Exit(1) from None


def _settings(kb: Path | None) -> Settings:
    return load_settings(kb)


def _print_answer(answer: Answer, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        return
    typer.echo(answer.answer)
    if answer.citations:
        typer.echo("\n引用 Sources:")
    for citation in answer.citations:
        standing = f" | {citation.validity}" if citation.validity else ""
        typer.echo(f"[{citation.n}] 《{citation.title}》 {citation.issuer} | {citation.date} | "
                   f"{citation.region}{standing}")
        typer.echo(f"    “{_shorten(citation.quote, 160)}”")


def _shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut in the middle: a table row's units are at
    its end (the JSON output keeps the whole quote)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    tail = limit // 3
    return flat[: limit - tail - 1] + "…" + flat[-tail:]


@cli.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="文件或目录; none: the bundled corpus")] = None,
    kb: KbOption = None,
    rebuild: Annotated[bool, typer.Option(help="删除现有索引后重建 (wipe, then rebuild)")] = False,
) -> None:
    """索引文件 Add or update documents (txt, md, html, docx, pdf)."""
    from app.library import ingest_paths, open_knowledge_base
    from corpus import bundled_documents_dir
    from kb.knowledge_base import KnowledgeBase

    with _edge():
        settings = _settings(kb)
        if rebuild:
            KnowledgeBase.wipe(settings.home, settings.chroma_url, settings.lock_timeout)
        knowledge_base = open_knowledge_base(settings, bootstrap=False)
        outcome = ingest_paths(knowledge_base, paths or [bundled_documents_dir()], progress=True)
        report = outcome.report
        typer.echo(
            f"added {len(report.added)}, replaced {len(report.replaced)}, unchanged "
            f"{len(report.unchanged)}, skipped {len(outcome.skipped)}; "
            f"{report.chunks_embedded} chunks embedded; knowledge base: {settings.home}"
        )
        for path, reason in outcome.skipped:
            typer.echo(f"  skipped {path}: {reason}")


def _questions(batch: Path) -> Iterator[tuple[str | None, str | None]]:
    """(question, error) for each line of a JSON Lines file."""
    with batch.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question = item["question"] if isinstance(item, dict) else None
                if not isinstance(question, str):
                    raise TypeError("no string field 'question'")
                yield question, None
            except (ValueError, KeyError, TypeError) as error:
                yield None, f"line {number}: {error}"


@cli.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="问题 the question")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
    batch: Annotated[Path | None, typer.Option(help="JSON Lines file of {\"question\": ...}")] = None,
    region: RegionOption = None,
    kb: KbOption = None,
) -> None:
    """提问 Ask a question; the answer quotes the documents it rests on."""
    from app.generation import make_answerer
    from app.library import open_knowledge_base

    with _edge():
        if question is None and batch is None:
            raise AppError("give a question, or --batch FILE.jsonl")
        settings = _settings(kb)
        answerer = make_answerer(open_knowledge_base(settings), settings)
        if batch is None:
            _print_answer(answerer.ask(question or "", region=region), as_json)
            return
        for text, error in _questions(batch):
            _print_batch_item(answerer.ask, text, error, region, as_json)


def _print_batch_item(ask_one: Callable[..., Answer], text: str | None, error: str | None,
                      region: str | None, as_json: bool) -> None:
    """One line of batch output; a bad question reports its error and the batch goes on."""
    if error is None:
        try:
            _print_answer(ask_one(text or "", region=region), as_json)
            return
        except AppError as problem:
            error = str(problem)
    failed: dict[str, Any] = {"question": text, "answer": "", "refused": True,
                              "intent": "error", "citations": [], "error": error}
    typer.echo(json.dumps(failed, ensure_ascii=False) if as_json else f"错误 Error: {error}")


@cli.command()
def rewards(
    honor: Annotated[list[str], typer.Option("--honor", help="荣誉, e.g. 中国驰名商标 / 主导制定行业标准 2 项")],
    region: RegionOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
    kb: KbOption = None,
) -> None:
    """奖励核对 Every reward that applies to an enterprise's honours, with totals."""
    from app.library import open_knowledge_base
    from app.rewards import check_rewards, format_reward_check

    with _edge():
        knowledge_base = open_knowledge_base(_settings(kb))
        metas = {meta.doc_id: meta for meta in knowledge_base.documents()}
        check = check_rewards(honor, knowledge_base.facts("reward", region=region), metas,
                              region=region)
        _print_answer(format_reward_check(check), as_json)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    kb: KbOption = None,
) -> None:
    """网页服务 Chat page (/chat), widget (/widget.js), demo (/demo) and JSON API (/docs)."""
    from app.server import run_server

    with _edge():
        run_server(_settings(kb), host, port)


@cli.command("eval")
def evaluate(
    dataset: Annotated[Path, typer.Argument(help="JSON Lines: id, question, intent, must_contain, evidence")],
    corpus: Annotated[Path | None, typer.Option(help="先用该目录的文件建新知识库 (build a fresh KB from this folder first)")] = None,
    kb: KbOption = None,
    out: Annotated[Path, typer.Option(help="report folder")] = Path("eval-report"),
    min_accuracy: Annotated[float | None, typer.Option(help="exit 1 below this answer accuracy (0-1)")] = None,
    llm: Annotated[bool, typer.Option("--llm", help="also evaluate the LLM path (POLICYKB_LLM_*), written to OUT/llm")] = False,
) -> None:
    """评测 Run a citation-checked evaluation; writes report.md, report.json, report.png."""
    from app.answerer import Answerer
    from app.generation import GeneratingAnswerer, make_answerer
    from app.library import ingest_paths, open_knowledge_base
    from evals.runner import evaluate_command

    with _edge():
        settings = _settings(kb if kb is not None or corpus is None else out / "kb")
        if corpus is not None:
            from kb.knowledge_base import KnowledgeBase

            KnowledgeBase.wipe(settings.home, settings.chroma_url, settings.lock_timeout)
            knowledge_base = open_knowledge_base(settings, bootstrap=False)
            ingest_paths(knowledge_base, [corpus], progress=True)
        else:
            knowledge_base = open_knowledge_base(settings)
        # the answerer `serve` uses, with the same settings
        extractive = Answerer(knowledge_base, top_k=settings.top_k)
        paths: list[tuple[str, Any, Path]] = [("extractive", extractive, out)]
        if llm:
            generating = make_answerer(knowledge_base, settings)
            if not isinstance(generating, GeneratingAnswerer):
                raise AppError("--llm needs POLICYKB_LLM_BASE_URL and POLICYKB_LLM_MODEL")
            paths.append(("llm", generating, out / "llm"))
        codes = []
        for name, answerer, folder in paths:
            typer.echo(f"== {name} ==")
            codes.append(evaluate_command(
                dataset,
                ask=answerer.ask,
                search=lambda query, k: [hit.chunk.text for hit in knowledge_base.search(query, k)],
                document_text=lambda doc_id: knowledge_base.document(doc_id).text,
                out_dir=folder,
                min_accuracy=min_accuracy,
                title=f"policykb evaluation ({name})",
            ))
        raise typer.Exit(max(codes))


@cli.command()
def bench(
    sizes: Annotated[str, typer.Option(help="synthetic documents added to the bundled ones, comma-separated (4000 takes about an hour: embedding runs at ~10 chunks/s on 2 cores)")] = "0,40,400",
    out: Annotated[Path, typer.Option(help="folder for bench.md, bench.json, bench.png")] = Path("bench-report"),
    questions: Annotated[Path | None, typer.Option(help="JSON Lines of questions (default: the evaluation set)")] = None,
) -> None:
    """性能基准 Ingest throughput, latency, memory and index size as the corpus grows."""
    from evals.bench import run_bench
    from evals.dataset import DEFAULT_DATASET

    with _edge():
        counts = [int(part) for part in sizes.split(",") if part.strip()]
        run_bench(counts, out, questions or DEFAULT_DATASET)


def main() -> None:
    """Entry point of the `policykb` console script."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    for noisy in ("httpx", "chromadb", "jieba", "urllib3", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    cli()


if __name__ == "__main__":
    main()
