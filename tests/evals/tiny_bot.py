"""A tiny corpus, dataset and scripted bot, each answer built to pass or fail one metric."""

from __future__ import annotations

from collections.abc import Sequence

from app.answer import REFUSAL, Answer, Citation
from evals.dataset import EvalItem

DOCUMENTS = {
    "d1": (
        "一、奖励政策\n"
        "对获得甲奖的企业一次性给予200万元奖励。\n"
        "对获得乙奖的企业一次性给予50万元奖励。\n"
        "二、责任分工\n"
        "宣传推广由省商务厅牵头,省市场监管局配合。\n"
    ),
    "d2": "威海市质量强市意见\n到2025年,培育高新技术企业300家。\n",
}
CHUNKS = [line for text in DOCUMENTS.values() for line in text.splitlines() if line]

ITEMS = (
    # passes everything
    EvalItem("ok", "甲奖奖多少钱", "reward", ("200万元",), "对获得甲奖的企业一次性给予200万元奖励"),
    # wrong amount in the answer; evidence only at rank 2
    EvalItem("wrong", "乙奖奖多少钱", "reward", ("50万元",), "对获得乙奖的企业一次性给予50万元奖励"),
    # right answer, but one quote is not verbatim and the verbatim one backs nothing
    EvalItem("badquote", "宣传推广谁牵头", "responsibility", ("省商务厅",), "宣传推广由省商务厅牵头"),
    # the documents do not say: answered anyway
    EvalItem("answered", "深圳对甲奖奖多少", "unanswerable"),
    # the documents do not say: refused
    EvalItem("refused", "个人所得税怎么减", "unanswerable"),
    # answerable but refused; evidence never retrieved
    EvalItem("missed", "高新技术企业目标", "target", ("300家",), "培育高新技术企业300家"),
    # the bot raises; evidence at rank 4
    EvalItem("crash", "质量强市意见是什么", "general", ("质量强市",), "威海市质量强市意见"),
)


def cite(n: int, doc_id: str, quote: str) -> Citation:
    return Citation(n, doc_id, "标题", "发文机关", "2024-01-01", "山东省", quote)


def reply(question: str, text: str, *citations: Citation) -> Answer:
    return Answer(question, text, refused=False, intent="reward", citations=citations)


ANSWERS = {
    "甲奖奖多少钱": reply("甲奖奖多少钱", "一次性给予200万元奖励[1]", cite(1, "d1", "对获得甲奖的企业一次性给予200万元奖励")),
    "乙奖奖多少钱": reply("乙奖奖多少钱", "乙奖奖励30万元[1]", cite(1, "d1", "对获得乙奖的企业一次性给予50万元奖励")),
    "宣传推广谁牵头": reply(
        "宣传推广谁牵头",
        "省商务厅牵头[1][2]",
        cite(1, "d1", "宣传推广由省商务厅负责"),
        cite(2, "d1", "省市场监管局配合"),
    ),
    "深圳对甲奖奖多少": reply("深圳对甲奖奖多少", "200万元[1]", cite(1, "d1", "对获得甲奖的企业一次性给予200万元奖励")),
    "个人所得税怎么减": Answer("个人所得税怎么减", REFUSAL, refused=True, intent="general"),
    "高新技术企业目标": Answer("高新技术企业目标", REFUSAL, refused=True, intent="target"),
}

RANKINGS = {
    "甲奖奖多少钱": [CHUNKS[1], CHUNKS[2], CHUNKS[0]],
    "乙奖奖多少钱": [CHUNKS[1], CHUNKS[2], CHUNKS[0]],
    "宣传推广谁牵头": [CHUNKS[4], CHUNKS[3]],
    "高新技术企业目标": [CHUNKS[0], CHUNKS[3]],
    "质量强市意见是什么": [CHUNKS[0], CHUNKS[1], CHUNKS[2], CHUNKS[5], CHUNKS[6]],
}


def scripted_ask(question: str) -> Answer:
    if question not in ANSWERS:
        raise RuntimeError("bot is down")
    return ANSWERS[question]


def scripted_search(question: str, k: int) -> Sequence[str]:
    return RANKINGS.get(question, [])[:k]


def document_text(doc_id: str) -> str:
    return DOCUMENTS[doc_id]
