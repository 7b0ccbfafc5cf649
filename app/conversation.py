"""Conversations: follow-ups ("那提名奖呢？") rewritten into full questions from earlier turns."""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.answer import Answer
from ingest.places import NOT_PLACES, PLACE_NAMES

MAX_CONVERSATIONS = 1000
MAX_TURNS = 6
_MAX_FOLLOW_UP = 14  # a "那X呢" longer than this carries its own subject

_PUNCTUATION = re.compile(r"[\s?？!！。,，、;；:：“”\"'‘’]+")
# "那威海呢？" / "那么提名奖呢" / "还有配合单位呢" / "威海的呢"
_ELLIPSIS = re.compile(r"^(?:那么|那|还有|另外|那个)?(?P<subject>.+?)(?:的)?(?:呢|怎么样|如何)$")
_STARTS_LIKE_FOLLOW_UP = re.compile(r"^(?:那么|那|还有|另外)")
# Where a question's subject ends and its ask begins: "好品山东宣传推广|由哪个部门牵头".
_ASK_STARTS = re.compile(
    r"(?:由|是|归)?(?:谁|哪个|哪些|哪一|哪家|什么|多少|几|怎么|怎样|如何|是否|能否|有没有|可否|吗)"
)
# Words that ask or name a role but no subject: "配合单位有哪些" says nothing of which task.
_ASK_WORDS = re.compile(
    r"牵头|配合|负责|责任|主管|单位|部门|机构|分别|还|都|又|呢|吗|那么|那|还有|另外|其他|其它"
    r"|奖励|奖金|资助|补贴|金额|标准|多少钱|多少|给予|给|能|可以|拿|获得|有|是|由|的|谁|哪些|哪个"
    r"|什么|几|怎么|如何|条件|要求|具体"
)
_TRAILING_GLUE = re.compile(r"(?:的|是|由|有|可|能|可以|将|给予|奖励|获得的?)+$")
# Grades of an award, appended to the award the previous turn asked about.
_AWARD_GRADES = ("提名奖", "一等奖", "二等奖", "三等奖", "特等奖", "金奖", "银奖", "铜奖",
                 "优秀奖", "鼓励奖", "特别奖")
_KIND_SUFFIXES = ("商标", "标准", "品牌", "名牌", "企业", "项目")

# the longest name first, so 山东省 is found before 山东
_PLACE_PATTERN = re.compile("|".join(sorted(map(re.escape, PLACE_NAMES), key=len, reverse=True)))


@dataclass(frozen=True)
class Turn:
    """One exchange: the question as asked, as understood, and the answer's intent."""

    asked: str
    understood: str
    intent: str


def contextualise(question: str, history: Sequence[Turn]) -> str:
    """The question made self-contained from the last turn; a complete question is unchanged."""
    if not history:
        return question
    previous = history[-1].understood
    bare = _PUNCTUATION.sub("", question)
    ellipsis = _ELLIPSIS.match(bare)
    if ellipsis and len(bare) <= _MAX_FOLLOW_UP and not _ASK_STARTS.search(ellipsis["subject"]):
        rewritten = _substitute(ellipsis["subject"], previous)
        if rewritten:
            return rewritten
    if _lacks_subject(bare):
        return _join(subject_of(previous), bare, question)
    return question


def subject_of(question: str) -> str:
    """What a question is about: the words before its ask ("好品山东宣传推广")."""
    bare = _PUNCTUATION.sub("", question)
    ask = _ASK_STARTS.search(bare)
    subject = bare[: ask.start()] if ask else bare
    return _TRAILING_GLUE.sub("", subject)


def _lacks_subject(bare: str) -> bool:
    """Whether a question only asks ("配合单位有哪些", "奖励多少") and names nothing."""
    residue = _ASK_WORDS.sub("", bare)
    return len(residue) <= 1 and bool(_ASK_STARTS.search(bare) or _STARTS_LIKE_FOLLOW_UP.match(bare))


def _join(subject: str, bare: str, question: str) -> str:
    """Subject and ask as one question, keeping the asker's punctuation at the end."""
    if not subject:
        return question
    ask = _STARTS_LIKE_FOLLOW_UP.sub("", bare)
    ask = re.sub(r"呢$", "", ask)
    glue = "" if re.match(r"[由是谁的]", ask) or subject.endswith("的") else "的"
    return f"{subject}{glue}{ask}？"


def _substitute(subject: str, previous: str) -> str | None:
    """The previous question about `subject` instead: a place, an award's grade, a sibling."""
    place = PLACE_NAMES.get(subject)
    if place is not None:
        return _with_place(subject, previous)
    if subject in _AWARD_GRADES:
        return _with_award_grade(subject, previous)
    if len(_ASK_WORDS.sub("", subject)) <= 1:
        return None  # "那配合单位呢": a role, joined to the previous subject by the caller
    award = _last_award(previous)
    if subject.endswith("奖") and award is not None:
        return previous[: award.start()] + subject + previous[award.end():]
    for suffix in _KIND_SUFFIXES:
        match = _last_name(previous, rf"[\u4e00-\u9fa5]{{1,10}}{suffix}")
        if subject.endswith(suffix) and match:
            return previous[: match.start()] + subject + previous[match.end():]
    old = subject_of(previous)
    if old and old in previous:
        return previous.replace(old, subject, 1)
    return None


def _with_place(place: str, previous: str) -> str:
    """The previous question about another place: the place replaced, or put in front."""
    masked = NOT_PLACES.sub(lambda match: "\0" * len(match.group()), previous)
    found = _PLACE_PATTERN.search(masked)
    if found:
        return previous[: found.start()] + place + previous[found.end():]
    return place + previous


def _with_award_grade(grade: str, previous: str) -> str | None:
    """"获得中国质量奖奖励多少" + "提名奖" -> "获得中国质量奖提名奖奖励多少"."""
    award = _last_award(previous)
    if award is None:
        return None
    name = award.group()
    for known in _AWARD_GRADES:
        if name.endswith(known) and len(name) > len(known):
            name = name[: -len(known)]
            break
    return previous[: award.start()] + name + grade + previous[award.end():]


def _last_award(question: str) -> re.Match[str] | None:
    """The award a question names, grade included ("中国质量奖提名奖")."""
    grades = "|".join(_AWARD_GRADES)
    return _last_name(question, rf"[\u4e00-\u9fa5“”\"]{{2,12}}?奖(?:{grades})?(?![励金补项])")


def _last_name(question: str, pattern: str) -> re.Match[str] | None:
    """The last match of `pattern` in `question`, leading verbs left out of it."""
    offset = len(question) - len(_strip_ask_prefix(question))
    matches = list(re.finditer(pattern, question[offset:]))
    if not matches:
        return None
    return re.compile(re.escape(matches[-1].group())).search(question, matches[-1].start() + offset)


def _strip_ask_prefix(question: str) -> str:
    """Leading verbs are not part of an award's name: "获得中国质量奖" -> "中国质量奖"."""
    return re.sub(r"^(?:对|请问|获得了?|获|荣获|拿到|评上)", "", question)


@dataclass(frozen=True)
class Reply:
    """An answer in a conversation, with the question as the bot understood it."""

    conversation_id: str
    understood: str
    answer: Answer


class Conversations:
    """Recent conversations in memory: the last `max_conversations`, each its last turns."""

    def __init__(self, ask: Callable[..., Answer], max_conversations: int = MAX_CONVERSATIONS,
                 max_turns: int = MAX_TURNS) -> None:
        self._ask = ask
        self._max_conversations = max_conversations
        self._max_turns = max_turns
        self._turns: OrderedDict[str, list[Turn]] = OrderedDict()
        self._lock = threading.Lock()

    def history(self, conversation_id: str) -> list[Turn]:
        with self._lock:
            return list(self._turns.get(conversation_id, ()))

    def ask(self, question: str, region: str | None = None,
            conversation_id: str | None = None) -> Reply:
        """Answer `question` in the light of the conversation's earlier turns."""
        conversation_id = _valid_id(conversation_id) or secrets.token_urlsafe(12)
        understood = contextualise(question, self.history(conversation_id))
        answer = self._ask(understood, region=region)
        if understood != question:
            from dataclasses import replace

            answer = replace(answer, question=question)
        self._remember(conversation_id, Turn(question, understood, answer.intent))
        return Reply(conversation_id, understood, answer)

    def _remember(self, conversation_id: str, turn: Turn) -> None:
        with self._lock:
            turns = self._turns.pop(conversation_id, [])
            turns = [*turns, turn][-self._max_turns:]
            self._turns[conversation_id] = turns
            while len(self._turns) > self._max_conversations:
                self._turns.popitem(last=False)


def _valid_id(conversation_id: str | None) -> str | None:
    """A client's conversation id, if it looks like one of ours (no arbitrary keys)."""
    if conversation_id and re.fullmatch(r"[A-Za-z0-9_-]{8,64}", conversation_id):
        return conversation_id
    return None
