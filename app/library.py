"""Opening the knowledge base, and filling it: the bundled corpus on first use, or paths."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.settings import Settings
from corpus import bundled_documents_dir
from ingest.errors import IngestError
from ingest.pipeline import discover_files, parse_file
from kb.knowledge_base import IngestReport, KnowledgeBase

log = logging.getLogger(__name__)


@dataclass
class IngestOutcome:
    """What `ingest` did with each path: indexed, unchanged, or skipped with a reason."""

    report: IngestReport
    skipped: list[tuple[str, str]] = field(default_factory=list)


def open_knowledge_base(settings: Settings, bootstrap: bool = True) -> KnowledgeBase:
    """The knowledge base of `settings.home`; an empty one is filled with the bundled corpus."""
    kb = KnowledgeBase(settings.home, settings.embedding_model, settings.chroma_url,
                       lock_timeout=settings.lock_timeout)
    if bootstrap and kb.is_empty():
        log.info("首次使用:正在索引内置文件 (first use: indexing the bundled corpus)")
        ingest_paths(kb, [bundled_documents_dir()], progress=True)
    return kb


def ingest_paths(kb: KnowledgeBase, paths: Iterable[Path], progress: bool = False) -> IngestOutcome:
    """Parse every supported file under `paths` and add it; bad files are skipped, not fatal."""
    from tqdm import tqdm

    files, skipped = discover_files(list(paths))
    outcome = IngestOutcome(report=IngestReport())
    outcome.skipped.extend((str(path), reason) for path, reason in skipped)
    parsed = []
    for path in tqdm(files, desc="解析 parsing", unit="file", disable=not progress, leave=False):
        try:
            parsed.append(parse_file(path))
        except IngestError as error:
            outcome.skipped.append((str(path), str(error)))
    outcome.report = kb.add(parsed, progress=progress)
    for path, reason in outcome.skipped:
        log.warning("跳过 skipped %s: %s", path, reason)
    return outcome
