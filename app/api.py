"""The HTTP API and pages of one process: ask (plain, streamed), search, documents, rewards."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, Field, StringConstraints
from swagger_ui_bundle import swagger_ui_path

from app.answer import Answer, Citation
from app.answerer import clean_question
from app.conversation import Conversations, Reply
from app.errors import AppError, BadQuestion
from app.limits import (
    MAX_CONVERSATION_ID_CHARS,
    MAX_HONOUR_CHARS,
    MAX_HONOURS,
    MAX_META_CHARS,
    MAX_QUESTION_CHARS,
    MAX_REGION_CHARS,
    MAX_SEARCH_CHARS,
    check_honours,
    check_length,
)
from app.security import (
    ForwardedHeaders,
    Guard,
    Limits,
    RateLimiter,
    SecurityHeaders,
    TrustedProxies,
    check_admin_token,
    redact_access_log,
    secret_of,
)
from app.settings import Settings
from app.uploads import RejectedUpload, UploadFolder
from ingest.document import Document, DocumentMeta, ParsedDocument
from ingest.errors import IngestError, UnsupportedFile
from kb.errors import KBError, StorageError, UnknownDocument
from kb.knowledge_base import IngestReport, KnowledgeBase

STATIC = Path(__file__).parent / "static"
ALL_REGIONS = ("", "全部", "all")
_DOC_ID = re.compile(r"[A-Za-z0-9_\-\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]{0,127}")
questions_log = logging.getLogger("policykb.questions")
MetaField = Annotated[str, Form(max_length=MAX_META_CHARS)]


class AnswersQuestions(Protocol):
    @property
    def kb(self) -> KnowledgeBase: ...

    def ask(self, question: str, region: str | None = None) -> Answer: ...


def unicode_text(value: Any) -> Any:
    """Refuse lone surrogates ("\\udcff" in JSON): no encoder downstream can take them.

    Run before the length check, whose own error for them would not say what is wrong."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("含有无法识别的字符 (not valid Unicode text: lone surrogates)") from None
    return value


# every string a client sends has a bound (app/limits.py), checked before anything reads it
Question = Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS),
                     BeforeValidator(unicode_text)]
Region = Annotated[str, StringConstraints(max_length=MAX_REGION_CHARS), BeforeValidator(unicode_text)]
ConversationId = Annotated[str, StringConstraints(max_length=MAX_CONVERSATION_ID_CHARS),
                           BeforeValidator(unicode_text)]
Honour = Annotated[str, StringConstraints(max_length=MAX_HONOUR_CHARS), BeforeValidator(unicode_text)]
SearchText = Annotated[str, StringConstraints(max_length=MAX_SEARCH_CHARS),
                       BeforeValidator(unicode_text)]


class AskRequest(BaseModel):
    """Unknown fields are ignored, so an older or newer widget keeps working."""

    question: Question = Field(description="问题, e.g. 好品山东宣传推广由哪个部门牵头？")
    region: Region | None = Field(None, description="只用该地区的文件: 山东 / 威海 / 湖北")
    conversation_id: ConversationId | None = Field(None, description="上一轮返回的 conversation_id")


class RewardsRequest(BaseModel):
    honours: list[Honour] = Field(max_length=MAX_HONOURS,
                                  description="荣誉, e.g. [\"中国驰名商标\", \"主导制定行业标准 2 项\"]")
    region: Region | None = None


def citation_json(citation: Citation) -> dict[str, Any]:
    """The contract's citation plus where it stands: [start, end) of the document text."""
    return {**citation.to_json(), "start": citation.start, "end": citation.end,
            "section_path": list(citation.section_path), "row": citation.row}


def answer_json(answer: Answer) -> dict[str, Any]:
    """`Answer.to_json()` with located citations."""
    return {**answer.to_json(), "citations": [citation_json(c) for c in answer.citations]}


def reply_json(reply: Reply) -> dict[str, Any]:
    return {**answer_json(reply.answer), "conversation_id": reply.conversation_id,
            "understood": reply.understood}


def meta_json(meta: DocumentMeta) -> dict[str, Any]:
    return {**asdict(meta), "inferred": list(meta.inferred)}


def region_of(region: str | None) -> str | None:
    """"全部" and empty mean every region."""
    region = (region or "").strip()
    return None if region in ALL_REGIONS else region


class Library:
    """The knowledge base behind one lock: its SQLite connection is shared by every request."""

    def __init__(self, answerer: AnswersQuestions, log_questions: bool = False) -> None:
        self.kb = answerer.kb
        self._lock = threading.Lock()
        self.conversations = Conversations(self._ask)
        self._answerer = answerer
        self._log_questions = log_questions
        self._document_count = len(self.kb.documents())

    def _ask(self, question: str, region: str | None = None) -> Answer:
        if self._log_questions:
            questions_log.info("question %r region %r", question[:500], region)
        try:
            # the question's embedding is made before the lock: only the search waits for it
            self.kb.query_vector(clean_question(question))
        except BadQuestion:
            pass  # the answerer says what is wrong with it
        with self._lock:
            answer = self._answerer.ask(question, region=region)
            self._document_count = len(self.kb.documents())
            return answer

    def add(self, parsed: ParsedDocument) -> IngestReport:
        """Add or replace one document: readers see the old version until the swap commits,
        and wait only for the swap itself, never while the passages are embedded."""
        report = self.kb.add([parsed], readers=self._lock)
        self.documents()
        return report

    def remove(self, doc_id: str) -> None:
        with self._lock:
            self.kb.remove(doc_id)
            self._document_count = len(self.kb.documents())

    def ask(self, question: str, region: str | None = None,
            conversation_id: str | None = None) -> Reply:
        check_length(question, MAX_QUESTION_CHARS, "问题", "question")
        check_length(region, MAX_REGION_CHARS, "地区", "region")
        check_length(conversation_id, MAX_CONVERSATION_ID_CHARS, "对话编号", "conversation id")
        return self.conversations.ask(question, region_of(region), conversation_id)

    def document(self, doc_id: str) -> Document:
        with self._lock:
            return self.kb.document(doc_id)

    def documents(self) -> list[DocumentMeta]:
        with self._lock:
            documents = self.kb.documents()
            self._document_count = len(documents)
            return documents

    @property
    def document_count(self) -> int:
        """The documents held when the library was last read: a health check never waits for
        the questions queued on the lock."""
        return self._document_count

    def search(self, query: str, k: int, region: str | None) -> list[dict[str, Any]]:
        check_length(query, MAX_SEARCH_CHARS, "查询", "query")
        check_length(region, MAX_REGION_CHARS, "地区", "region")
        with self._lock:
            hits = self.kb.search(query, k=k, region=region_of(region))
        return [{**meta_json(hit.meta), "chunk_id": hit.chunk.chunk_id, "text": hit.chunk.text,
                 "start": hit.chunk.start, "end": hit.chunk.end,
                 "section_path": list(hit.chunk.section_path), "row": hit.chunk.row,
                 "score": hit.score} for hit in hits]

    def honours(self) -> list[str]:
        """Honours the documents pay rewards for, for the reward form."""
        with self._lock:
            facts = self.kb.facts("reward")
        return list(dict.fromkeys(str(getattr(fact, "honour", "")) for fact in facts if
                                  getattr(fact, "honour", "")))

    def check_rewards(self, honours: list[str], region: str | None = None) -> dict[str, Any]:
        """Every reward for the honours, as a cited answer plus the per-document totals."""
        from app.rewards import check_rewards, format_reward_check

        check_honours(honours)
        check_length(region, MAX_REGION_CHARS, "地区", "region")
        honours = [h.strip() for h in honours if h and h.strip()]
        if not honours:
            raise AppError("请至少填写一项荣誉 (give at least one honour)")
        region = region_of(region)
        with self._lock:
            facts = self.kb.facts("reward", region=region)
            metas = {meta.doc_id: meta for meta in self.kb.documents()}
        check = check_rewards(honours, facts, metas, region=region)
        titles = {meta.doc_id: meta for meta in check.documents}
        return {
            **answer_json(format_reward_check(check)),
            "totals": [{"doc_id": doc_id, "title": titles[doc_id].title if doc_id in titles else "",
                        "region": titles[doc_id].region if doc_id in titles else "",
                        "total_wan": total} for doc_id, total in check.totals],
            "unmatched": list(check.unmatched),
        }


def create_api(settings: Settings, answerer: AnswersQuestions | None = None,
               chat_page: bool = True) -> FastAPI:
    """The app: JSON API under /api, /widget.js, /demo, /source, and the chat page at /chat."""
    if answerer is None:
        from app.answerer import Answerer
        from app.library import open_knowledge_base

        answerer = Answerer(open_knowledge_base(settings), top_k=settings.top_k)
    library = Library(answerer, log_questions=settings.log_questions)
    uploads = UploadFolder(settings.home / "uploads", settings.max_upload_bytes,
                           settings.max_unpacked_bytes)
    uploads.remove_abandoned()
    # /docs from Swagger UI's files of the swagger-ui-bundle package: no CDN, works on an intranet
    app = FastAPI(title="policykb", version="0.1.0", docs_url=None, redoc_url=None,
                  description="政策文件问答 API: 每个回答都附有逐字引用 (cited answers)")
    app.state.library = library
    _add_middleware(app, settings)
    _add_error_handlers(app)
    _add_api_routes(app, library)
    _add_admin_routes(app, library, uploads)
    _add_pages(app)
    if chat_page:
        from app.chat_page import ChatBackend, mount_chat_page

        mount_chat_page(app, ChatBackend(library.ask, library.document, library.check_rewards,
                                         library.honours), path="/chat")
    return app


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    """Innermost first: the guard, then CORS (so a 429 still reaches the widget), then headers,
    then the proxy's word on who the client is (which the guard's limits are per)."""
    limits = Limits(admin_token=secret_of(settings.admin_token),
                    max_request_bytes=settings.max_request_bytes,
                    max_upload_bytes=settings.max_upload_bytes)
    check_admin_token(limits.admin_token)
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    admin_failures = RateLimiter(settings.admin_failures_per_minute, settings.admin_failure_burst)
    app.add_middleware(Guard, limits=limits, limiter=limiter, admin_failures=admin_failures)
    origins = [o.strip().rstrip("/") for o in settings.cors_origins.split(",") if o.strip()]
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ForwardedHeaders, trusted=TrustedProxies(settings.trusted_proxies))
    redact_access_log()


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def bad_request(request: Request, error: AppError) -> JSONResponse:
        status = error.status if isinstance(error, RejectedUpload) else 400
        return JSONResponse({"detail": str(error)}, status_code=status)

    @app.exception_handler(IngestError)
    async def unreadable(request: Request, error: IngestError) -> JSONResponse:
        status = 415 if isinstance(error, UnsupportedFile) else 422
        return JSONResponse({"detail": str(error)}, status_code=status)

    @app.exception_handler(StorageError)
    async def no_room(request: Request, error: StorageError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=507)

    @app.exception_handler(UnknownDocument)
    async def not_found(request: Request, error: UnknownDocument) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=404)

    @app.exception_handler(KBError)
    async def unavailable(request: Request, error: KBError) -> JSONResponse:
        return JSONResponse({"detail": f"知识库不可用 (knowledge base unavailable): {error}"},
                            status_code=503)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'] if part != 'body')}: {e['msg']}"
            for e in error.errors()
        )
        return JSONResponse({"detail": f"请求格式错误 (invalid request): {problems}"},
                            status_code=422)


def _add_api_routes(app: FastAPI, library: Library) -> None:
    @app.get("/healthz", tags=["meta"])
    async def healthz() -> dict[str, Any]:
        # on the event loop, with the count last read: neither a worker thread nor the answer
        # lock is waited for, so a load balancer sees a busy instance as alive
        return {"status": "ok", "documents": library.document_count}

    @app.post("/api/ask", tags=["ask"])
    def ask(request: AskRequest) -> dict[str, Any]:
        """Answer a question; pass the returned conversation_id back for follow-ups."""
        return reply_json(library.ask(request.question, request.region, request.conversation_id))

    @app.post("/api/ask/stream", tags=["ask"])
    def ask_stream(request: AskRequest) -> StreamingResponse:
        """Server-sent events: `answer` (text pieces), `citations`, then `done` (the whole reply)."""
        reply = library.ask(request.question, request.region, request.conversation_id)
        return StreamingResponse(_sse_events(reply), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    @app.get("/api/search", tags=["search"])
    def search(q: Annotated[SearchText, Query(min_length=1)],
               k: Annotated[int, Query(ge=1, le=50)] = 5,
               region: Region | None = None) -> dict[str, Any]:
        return {"query": q, "hits": library.search(q, k, region)}

    @app.get("/api/documents", tags=["documents"])
    def documents() -> dict[str, Any]:
        return {"documents": [meta_json(meta) for meta in library.documents()]}

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def document(doc_id: str) -> dict[str, Any]:
        """Metadata and the cleaned text; citation offsets [start, end) point into `text`."""
        found = library.document(checked_doc_id(doc_id))
        return {**meta_json(found.meta), "text": found.text}

    @app.post("/api/rewards", tags=["rewards"])
    def rewards(request: RewardsRequest) -> dict[str, Any]:
        """Every reward the documents grant for an enterprise's honours, with totals."""
        return library.check_rewards(request.honours, request.region)


def checked_doc_id(doc_id: str) -> str:
    """A document id as ingest makes them, or 400: never a path."""
    if ".." in doc_id or not _DOC_ID.fullmatch(doc_id):
        raise HTTPException(400, detail=f"无效的文件编号 (invalid document id): {doc_id!r}")
    return doc_id


def _add_admin_routes(app: FastAPI, library: Library, uploads: UploadFolder) -> None:
    """Upload and delete; the guard lets a request in only with the admin token."""

    @app.post("/api/documents", tags=["admin"], status_code=201)
    def upload_document(
        file: Annotated[UploadFile, File(description="txt, md, html, docx or pdf")],
        title: MetaField = "", issuer: MetaField = "", date: MetaField = "",
        region: MetaField = "", doc_number: MetaField = "", source_kind: MetaField = "",
    ) -> dict[str, Any]:
        """Add or replace one document (`Authorization: Bearer <POLICYKB_ADMIN_TOKEN>`)."""
        meta = {"title": title, "issuer": issuer, "date": date, "region": region,
                "doc_number": doc_number, "source_kind": source_kind}
        parsed, staging = uploads.parse(file.filename, file.file, meta)
        try:
            report = library.add(parsed)
        except BaseException:
            uploads.discard(staging)
            raise
        uploads.keep(staging)
        status = ("added" if report.added else "replaced" if report.replaced else "unchanged")
        return {**meta_json(parsed.document.meta), "status": status,
                "chunks": len(parsed.chunks), "facts": len(parsed.facts)}

    @app.delete("/api/documents/{doc_id}", tags=["admin"])
    def delete_document(doc_id: str) -> dict[str, Any]:
        """Remove a document, its passages, vectors, facts and its kept upload."""
        library.remove(checked_doc_id(doc_id))
        uploads.forget(doc_id)
        return {"doc_id": doc_id, "status": "deleted"}


def _sse_events(reply: Reply) -> Iterator[str]:
    """The reply as server-sent events, each carrying one JSON object."""
    def event(name: str, data: dict[str, Any]) -> str:
        return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    whole = reply_json(reply)
    yield event("meta", {"conversation_id": reply.conversation_id,
                         "understood": reply.understood, "intent": reply.answer.intent})
    for piece in reply.answer.answer.splitlines(keepends=True):
        yield event("answer", {"delta": piece})
    yield event("citations", {"citations": whole["citations"]})
    yield event("done", whole)


def _add_pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/chat/")

    @app.api_route("/widget.js", methods=["GET", "HEAD"], include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8",
                            headers={"Cache-Control": "public, max-age=300",
                                     "Cross-Origin-Resource-Policy": "cross-origin"})

    @app.api_route("/demo", methods=["GET", "HEAD"], include_in_schema=False)
    def demo() -> FileResponse:
        return FileResponse(STATIC / "demo.html", media_type="text/html; charset=utf-8")

    @app.api_route("/source", methods=["GET", "HEAD"], include_in_schema=False)
    def source() -> FileResponse:
        return FileResponse(STATIC / "source.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="policykb API",
                                   swagger_js_url="/docs/assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs/assets/swagger-ui.css",
                                   swagger_favicon_url="/docs/assets/favicon-32x32.png")

    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_path), name="swagger-ui")
