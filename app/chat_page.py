"""The chat page (gradio): cited answers, the cited passage highlighted, a reward check form."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import gradio as gr

from app.answer import Citation
from app.conversation import Reply
from app.errors import AppError
from app.limits import (
    MAX_CONVERSATION_ID_CHARS,
    MAX_HONOURS_TEXT_CHARS,
    MAX_QUESTION_CHARS,
    check_length,
)
from app.security import ASGIApp, Receive, Scope, Send, send_json
from ingest.document import Document

REGIONS = ("全部", "山东", "威海", "湖北")
EXAMPLES = (
    "好品山东宣传推广由哪个部门牵头？",
    "获得中国质量奖提名奖奖励多少？",
    "哪些品牌可以纳入好品山东？",
)
# offered when the documents name no rewarded honour yet
COMMON_HONOURS = ("中国质量奖", "中国质量奖提名奖", "省长质量奖", "中国驰名商标", "主导制修订国家标准",
                  "主导制修订行业标准", "地理标志")
# a restored conversation: its last messages, each at most this long (answers with sources)
_KEPT_MESSAGES, _MESSAGE_CHARS = 40, 20_000
# text shown around a cited passage: a little before, so the mark sits near the top
_CONTEXT_BEFORE, _CONTEXT_AFTER = 160, 900
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")
_FREE_TEXT_SPLIT = re.compile(r"[\n,，、;；]+")
# What the page itself requests (recorded in Chromium: loading, asking, the source panel, the
# reward form, a reload): the page, its assets, and the queue. Gradio's other routes (upload,
# file=, dev/reload, proxy=, run/, call/, info, monitoring …) are refused.
_PAGE_ROUTES = re.compile(
    r"(?:GET|HEAD) (?:/|/config|/theme\.css|/favicon\.ico|/robots\.txt|/manifest\.json"
    r"|/(?:assets|static)/[\w./-]{1,200})"
    r"|GET /gradio_api/(?:heartbeat/[\w-]{1,64}|queue/data)"
    r"|POST /gradio_api/queue/join")

CSS = """
.pkb-header h1 {margin-bottom: .2em}
.pkb-header p {color: var(--body-text-color-subdued); margin-top: 0}
.pkb-source {max-height: 560px; overflow-y: auto; line-height: 1.8; font-size: 15px}
.pkb-source .pkb-meta {font-size: 13px; color: var(--body-text-color-subdued); margin-bottom: .6em}
.pkb-source .pkb-text {white-space: pre-wrap; border-left: 3px solid #c0392b33; padding-left: .8em}
.pkb-source mark {background: #ffe58f; padding: 1px 0}
.pkb-result table {border-collapse: collapse; margin: .6em 0}
.pkb-result td, .pkb-result th {border: 1px solid #ddd; padding: 4px 10px}
.pkb-result .pkb-answer {white-space: pre-wrap; line-height: 1.8}
.pkb-result blockquote {margin: .3em 0 .6em; padding-left: .8em; border-left: 3px solid #ffe58f}
footer {display: none !important}
"""


@dataclass(frozen=True)
class ChatBackend:
    """What the page needs, as plain callables (the API wires them to the knowledge base)."""

    ask: Callable[..., Reply]  # (question, region, conversation_id) -> Reply
    document: Callable[[str], Document]
    check_rewards: Callable[[list[str], str | None], dict[str, Any]]
    honours: Callable[[], list[str]]


def escape_markdown(text: str) -> str:
    """Text shown literally by a markdown renderer: HTML and markdown syntax escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def source_link(doc_id: str, start: int, end: int) -> str:
    """The full-document page with the span highlighted."""
    return "/source?" + urlencode({"doc": doc_id, "start": start, "end": end})


def highlight_html(document: Document, start: int, end: int) -> str:
    """The passage [start, end) marked in its surroundings; every character of the text escaped."""
    text = document.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left, right = max(0, start - _CONTEXT_BEFORE), min(len(text), end + _CONTEXT_AFTER)
    meta = document.meta
    about = " · ".join(part for part in (meta.issuer, meta.date, meta.region, meta.validity) if part)
    return (
        f'<div class="pkb-source"><h3>《{html.escape(meta.title)}》</h3>'
        f'<div class="pkb-meta">{html.escape(about)} · 第 {start}–{end} 字 · '
        f'<a href="{html.escape(source_link(meta.doc_id, start, end))}" target="_blank" '
        f'rel="noopener">打开全文</a></div>'
        f'<div class="pkb-text">{"…" if left else ""}{html.escape(text[left:start])}'
        f'<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:right])}'
        f'{"…" if right < len(text) else ""}</div></div>'
    )


def _bot_message(reply: Reply) -> str:
    answer = reply.answer
    lines = [escape_markdown(answer.answer)]
    if reply.understood != answer.question:
        lines.insert(0, f"*理解为:{escape_markdown(reply.understood)}*")
    if answer.citations:
        lines.append("**来源**")
        lines.extend(f"\\[{c.n}\\] 《{escape_markdown(c.title)}》{escape_markdown(_about(c))}"
                     for c in answer.citations)
    return "\n\n".join(lines)


def _about(citation: Citation) -> str:
    parts = [p for p in (citation.issuer, citation.date, citation.region, citation.validity) if p]
    return f"({','.join(parts)})" if parts else ""


def _citation_state(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [{"n": c.n, "doc_id": c.doc_id, "title": c.title, "start": c.start, "end": c.end}
            for c in citations]


def _reward_html(result: dict[str, Any]) -> str:
    """The reward check as HTML built from escaped parts only."""
    parts = [f'<div class="pkb-result"><div class="pkb-answer">{html.escape(result["answer"])}</div>']
    if result.get("totals"):
        rows = "".join(f"<tr><td>{html.escape(t['title'])}</td><td>{html.escape(t['region'])}</td>"
                       f"<td>{t['total_wan']:g} 万元</td></tr>" for t in result["totals"])
        parts.append(f"<table><tr><th>文件</th><th>地区</th><th>合计</th></tr>{rows}</table>")
    for c in result.get("citations", []):
        link = html.escape(source_link(c["doc_id"], c["start"], c["end"]))
        parts.append(f'<p>[{c["n"]}] 《{html.escape(c["title"])}》 <a href="{link}" '
                     f'target="_blank" rel="noopener">查看原文</a></p>'
                     f'<blockquote>{html.escape(c["quote"])}</blockquote>')
    parts.append("</div>")
    return "".join(parts)


def build_page(backend: ChatBackend) -> gr.Blocks:
    """The Blocks of the chat page."""
    with gr.Blocks(title="政策问答 · policykb", analytics_enabled=False) as page:
        gr.Markdown("# 政策问答\n惠企政策智能问答:每个回答都摘自已收录的政策文件并注明出处,"
                    "右侧“出处”显示原文中被引用的段落(黄色高亮)。"
                    "支持追问,如“那提名奖呢？”“配合单位有哪些？”。",
                    elem_classes="pkb-header")
        with gr.Tab("政策问答"):
            _chat_tab(backend, page)
        with gr.Tab("奖励核对"):
            _rewards_tab(backend)
    return page


def _chat_tab(backend: ChatBackend, page: gr.Blocks) -> None:
    stored = gr.BrowserState({"conversation_id": None, "messages": []},
                             storage_key="policykb_chat")
    conversation = gr.State(None)
    # the messages shown, kept on the server: the chatbot is never an input, so a forged
    # history cannot fail gradio's validation, whose error text would carry the questions
    history = gr.State([])
    citations = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="对话", show_label=False, height=460,
                                 elem_id="pkb-chatbot", feedback_options=None,
                                 placeholder="请输入问题,或点击下方示例。",
                                 latex_delimiters=[])  # quotes stay verbatim: $$…$$ is text
            with gr.Row():
                question = gr.Textbox(placeholder="例如:好品山东宣传推广由哪个部门牵头？",
                                      show_label=False, scale=5, elem_id="pkb-question",
                                      max_lines=3, autofocus=True,
                                      max_length=MAX_QUESTION_CHARS)
                # a typed region is a filter too (德清县); gradio's refusal would echo it to the log
                region = gr.Dropdown(list(REGIONS), value="全部", label="地区", scale=1,
                                     min_width=90, allow_custom_value=True)
            with gr.Row():
                send = gr.Button("提问", variant="primary", elem_id="pkb-send")
                clear = gr.Button("新对话")
            gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="示例问题")
        with gr.Column(scale=2):
            gr.Markdown("### 出处")
            pick = gr.Radio([], label="选择引文", elem_id="pkb-pick")
            source = gr.HTML('<div class="pkb-source"><p>提问后,这里显示被引用的原文段落(黄色高亮)。'
                             "</p></div>", elem_id="pkb-source-panel")

    def submit(text: str, where: str, messages: list[dict[str, Any]],
               conversation_id: str | None) -> tuple[Any, ...]:
        try:
            reply = backend.ask(text, where, conversation_id)
        except AppError as error:
            gr.Warning(str(error))
            return (gr.update(), messages, messages, conversation_id, gr.update(), gr.update(),
                    gr.update(), {"conversation_id": conversation_id, "messages": messages})
        messages = [*messages, {"role": "user", "content": escape_markdown(text)},
                    {"role": "assistant", "content": _bot_message(reply)}]
        state = _citation_state(reply.answer.citations)
        choices = [(f"[{c['n']}] {c['title']}", i) for i, c in enumerate(state)]
        panel = show(0, state) if state else '<div class="pkb-source"><p>本回答没有引文。</p></div>'
        saved = {"conversation_id": reply.conversation_id, "messages": messages}
        return ("", messages, messages, reply.conversation_id, state,
                gr.update(choices=choices, value=0 if state else None), panel, saved)

    def show(index: int | None, state: list[dict[str, Any]]) -> Any:
        if index is None or not 0 <= index < len(state):
            return gr.update()
        cited = state[index]
        return highlight_html(backend.document(cited["doc_id"]), cited["start"], cited["end"])

    def restore(saved: Any) -> tuple[Any, ...]:
        messages, conversation_id = restored(saved)
        return messages, messages, conversation_id

    def reset() -> tuple[Any, ...]:
        return [], [], None, [], gr.update(choices=[], value=None), "", {
            "conversation_id": None, "messages": []}

    outputs = [question, chatbot, history, conversation, citations, pick, source, stored]
    send.click(submit, [question, region, history, conversation], outputs)
    question.submit(submit, [question, region, history, conversation], outputs)
    pick.change(show, [pick, citations], [source])
    clear.click(reset, None, [chatbot, history, conversation, citations, pick, source, stored])
    # the previous visit's conversation, from the browser's storage
    page.load(restore, [stored], [chatbot, history, conversation])


def restored(saved: Any) -> tuple[list[dict[str, str]], str | None]:
    """The messages and conversation id a browser kept, as far as they are well formed: the
    browser's storage is the client's to change."""
    saved = saved if isinstance(saved, dict) else {}
    messages = saved.get("messages")
    kept = [{"role": m["role"], "content": m["content"]}
            for m in (messages if isinstance(messages, list) else [])[-_KEPT_MESSAGES:]
            if isinstance(m, dict) and m.get("role") in ("user", "assistant")
            and isinstance(m.get("content"), str) and len(m["content"]) <= _MESSAGE_CHARS]
    conversation_id = saved.get("conversation_id")
    if not isinstance(conversation_id, str) or len(conversation_id) > MAX_CONVERSATION_ID_CHARS:
        conversation_id = None
    return kept, conversation_id


def _rewards_tab(backend: ChatBackend) -> None:
    honours = backend.honours() or list(COMMON_HONOURS)
    gr.Markdown("勾选或填写企业获得的荣誉,查看各文件给予的奖励及合计金额(每项均附原文出处)。"
                "数量写在后面,如“主导制定行业标准 2 项”。")
    with gr.Row():
        with gr.Column(scale=2):
            ticked = gr.CheckboxGroup(honours, label="荣誉", elem_id="pkb-honours")
            typed = gr.Textbox(label="其他荣誉(每行一项)", lines=3, elem_id="pkb-honours-text",
                               max_length=MAX_HONOURS_TEXT_CHARS)
            region = gr.Dropdown(list(REGIONS), value="全部", label="地区")
            check = gr.Button("核对奖励", variant="primary", elem_id="pkb-check")
        with gr.Column(scale=3):
            result = gr.HTML('<div class="pkb-result"><p>结果将显示在这里。</p></div>',
                             elem_id="pkb-reward-result")

    def run(chosen: list[str], text: str, where: str) -> str:
        try:
            check_length(text, MAX_HONOURS_TEXT_CHARS, "荣誉", "honours text")
            items = [*chosen, *(p.strip() for p in _FREE_TEXT_SPLIT.split(text or "") if p.strip())]
            return _reward_html(backend.check_rewards(items, where))
        except AppError as error:
            return f'<div class="pkb-result"><p>{html.escape(str(error))}</p></div>'

    check.click(run, [ticked, typed, region], [result])


class PageRoutesOnly:
    """ASGI: the mounted gradio app answers only the requests its page makes; 404 otherwise."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"].removeprefix(scope.get("root_path", "")) or "/"
            if _PAGE_ROUTES.fullmatch(f"{scope['method']} {path}"):
                await self.app(scope, receive, send)
            else:
                await send_json(send, 404, "Not Found")
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await self.app(scope, receive, send)


def mount_chat_page(app: Any, backend: ChatBackend, path: str = "/chat") -> Any:
    """Mount the page into a FastAPI app at `path`, behind `PageRoutesOnly`."""
    theme = gr.themes.Soft(primary_hue="red", neutral_hue="slate")
    # show_error off: an unexpected exception's text (object reprs) never reaches the page
    app = gr.mount_gradio_app(app, build_page(backend), path=path, theme=theme, css=CSS,
                              footer_links=[], show_error=False)
    mount = next(route for route in reversed(app.router.routes)
                 if getattr(route, "path", None) == path)
    mount.app = PageRoutesOnly(mount.app)
    return app
