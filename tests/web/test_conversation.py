"""Follow-up questions rewritten from the previous turn; complete questions pass unchanged."""

from __future__ import annotations

import pytest

from app.answer import Answer
from app.conversation import Conversations, Turn, contextualise, subject_of


def _after(previous: str, question: str) -> str:
    return contextualise(question, [Turn(previous, previous, "general")])


@pytest.mark.parametrize(("previous", "question", "expected"), [
    ("获得中国质量奖奖励多少？", "那提名奖呢？", "获得中国质量奖提名奖奖励多少？"),
    ("获得中国质量奖奖励多少？", "提名奖呢", "获得中国质量奖提名奖奖励多少？"),
    ("获得中国质量奖奖励多少？", "那么提名奖呢?", "获得中国质量奖提名奖奖励多少？"),
    ("获得中国质量奖提名奖奖励多少？", "那一等奖呢", "获得中国质量奖一等奖奖励多少？"),
    ("获得中国质量奖奖励多少？", "那长江质量奖呢？", "获得长江质量奖奖励多少？"),
    ("获得中国质量奖奖励多少？", "那威海呢？", "威海获得中国质量奖奖励多少？"),
    ("山东获得中国质量奖奖励多少？", "那威海呢？", "威海获得中国质量奖奖励多少？"),
    ("获得中国驰名商标奖励多少", "那地理标志商标呢", "获得地理标志商标奖励多少"),
    ("好品山东宣传推广由哪个部门牵头？", "那品牌培育呢？", "品牌培育由哪个部门牵头？"),
])
def test_an_elliptical_follow_up_takes_the_previous_question(previous: str, question: str,
                                                              expected: str) -> None:
    assert _after(previous, question) == expected


@pytest.mark.parametrize("question", ["配合单位有哪些？", "有哪些配合单位", "那配合单位呢？",
                                      "谁配合？", "牵头单位是谁？"])
def test_a_question_without_subject_takes_the_previous_subject(question: str) -> None:
    rewritten = _after("好品山东宣传推广由哪个部门牵头？", question)
    ask = question.rstrip("？?").removeprefix("那").removesuffix("呢")
    assert rewritten.startswith("好品山东宣传推广") and rewritten.endswith(ask + "？")


def test_reward_ask_without_subject_takes_the_previous_award() -> None:
    assert _after("获得中国质量奖奖励多少？", "奖励多少？") == "获得中国质量奖的奖励多少？"


@pytest.mark.parametrize("question", [
    "威海市获得省长质量奖奖励多少？",
    "哪些品牌可以纳入好品山东？",
    "好品山东品牌培育由哪个部门牵头？",
    "那么获得中国驰名商标的企业可以拿到多少奖励？",
    "<img src=x onerror=alert(1)>",
])
def test_a_complete_question_passes_unchanged(question: str) -> None:
    assert _after("获得中国质量奖奖励多少？", question) == question


def test_the_first_question_passes_unchanged() -> None:
    assert contextualise("那提名奖呢？", []) == "那提名奖呢？"


def test_a_programme_named_after_a_place_is_not_a_place() -> None:
    assert _after("好品山东宣传推广由哪个部门牵头？", "那威海呢？").startswith("威海好品山东")


def test_subject_is_what_comes_before_the_ask() -> None:
    assert subject_of("好品山东宣传推广由哪个部门牵头？") == "好品山东宣传推广"
    assert subject_of("获得中国质量奖奖励多少？") == "获得中国质量奖"


def _echo(question: str, region: str | None = None) -> Answer:
    return Answer(question=question, answer=f"答:{question}", refused=False, intent="general")


def test_conversations_chain_follow_ups_and_keep_the_asked_question() -> None:
    conversations = Conversations(_echo)
    first = conversations.ask("获得中国质量奖奖励多少？")
    second = conversations.ask("那提名奖呢？", conversation_id=first.conversation_id)
    third = conversations.ask("那威海呢？", conversation_id=first.conversation_id)
    assert second.understood == "获得中国质量奖提名奖奖励多少？"
    assert second.answer.question == "那提名奖呢？"
    assert third.understood == "威海获得中国质量奖提名奖奖励多少？"
    other = conversations.ask("那提名奖呢？")
    assert other.conversation_id != first.conversation_id and other.understood == "那提名奖呢？"


def test_conversations_are_bounded() -> None:
    conversations = Conversations(_echo, max_conversations=3, max_turns=2)
    ids = [conversations.ask(f"问题{i}号是什么？").conversation_id for i in range(5)]
    assert conversations.history(ids[0]) == [] and len(conversations.history(ids[-1])) == 1
    for i in range(4):
        conversations.ask(f"追问{i}是什么？", conversation_id=ids[-1])
    assert [t.asked for t in conversations.history(ids[-1])] == ["追问2是什么？", "追问3是什么？"]


def test_a_malformed_conversation_id_starts_a_new_conversation() -> None:
    reply = Conversations(_echo).ask("问题是什么？", conversation_id="../../x" * 20)
    assert reply.conversation_id != "../../x" * 20
