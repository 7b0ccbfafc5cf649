"""Answers read straight from structured facts, each naming its document and citing verbatim."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TypeVar

from app.answer import REFUSAL, Answer, Citation, Intent
from app.intent import extract_region, region_applies
from ingest.department import canonical, find_mentions, match_units
from ingest.document import DocumentMeta, Span
from ingest.fact import Fact, Qualification, Responsibility, Reward, Target
from ingest.terms import HONOURS, domain_terms, find_honours, honour_key

F = TypeVar("F", Responsibility, Reward, Qualification, Target)
Metas = Mapping[str, DocumentMeta]

# Words of the question that say what is asked, not what about.
_STOP = {
    "谁", "牵头", "负责", "哪个", "哪些", "部门", "单位", "配合", "责任", "责任单位", "工作", "什么",
    "是", "由", "的", "多少", "奖励", "目标", "要求", "要", "达到", "可以", "能", "哪", "情况",
    "情况下", "怎么", "如何", "规定", "文件", "是否", "有", "吗", "呢", "了", "和", "与", "及",
}
_MAX_MATCHES = 3


class Citer:
    """Numbers spans in the order they are cited; the same span keeps its number."""

    def __init__(self, metas: Metas) -> None:
        self.metas = metas
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, span: Span) -> str:
        key = (span.doc_id, span.start, span.end)
        if key not in self._numbers:
            meta = self.metas.get(span.doc_id) or DocumentMeta(span.doc_id, span.doc_id)
            number = len(self.citations) + 1
            self._numbers[key] = number
            self.citations.append(Citation(
                n=number, doc_id=span.doc_id, title=meta.title, issuer=meta.issuer,
                date=meta.date, region=meta.region, quote=span.quote, start=span.start,
                end=span.end, section_path=span.section_path, row=span.row,
            ))
        return f"[{self._numbers[key]}]"


def document_label(meta: DocumentMeta | None, doc_id: str = "") -> str:
    """《title》(issuer,region,date): what every answer names for each document it rests on."""
    if meta is None:
        return f"《{doc_id}》"
    details = ",".join(part for part in (meta.issuer, meta.region, meta.date) if part)
    return f"《{meta.title}》({details})"


def refusal(question: str, intent: Intent, text: str = REFUSAL) -> Answer:
    return Answer(question=question, answer=text, refused=True, intent=str(intent))


def by_document(facts: Sequence[F]) -> dict[str, list[F]]:
    groups: dict[str, list[F]] = {}
    for fact in facts:
        groups.setdefault(fact.span.doc_id, []).append(fact)
    return groups


def in_region(facts: Sequence[F], metas: Metas, region: str | None) -> list[F]:
    return [f for f in facts if region_applies(_region(metas, f.span.doc_id), region)]


def _region(metas: Metas, doc_id: str) -> str:
    meta = metas.get(doc_id)
    return meta.region if meta else ""


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for term in domain_terms():
        tokenizer.add_word(term, freq=100000)
    return tokenizer


def question_terms(text: str) -> set[str]:
    """Content words of a question, domain terms kept whole."""
    words = _tokenizer().lcut(re.sub(r"[\s“”\"?？!！,，。、]", " ", text))
    return {w for w in words if len(w.strip()) >= 2 and w not in _STOP}


def rank(question: str, facts: Sequence[F], text_of: Callable[[F], str]) -> list[F]:
    """Facts sharing the rarest and longest words with the question, best first."""
    terms = question_terms(question)
    texts = [text_of(fact) for fact in facts]
    frequency = {t: sum(t in text for text in texts) for t in terms}
    scored = []
    for fact, text in zip(facts, texts):
        score = sum(len(t) * math.log(1 + len(facts) / frequency[t]) for t in terms if t in text)
        if score > 0:
            scored.append((score, fact))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    kept = [(s, f) for s, f in scored if s >= 0.8 * best]
    kept.sort(key=lambda pair: (-pair[0], pair[1].span.doc_id, pair[1].span.start))
    return [fact for _, fact in kept[:_MAX_MATCHES]]


def describe_units(fact: Responsibility) -> str:
    """Unit names exactly as the document writes them, with their roles."""
    if fact.lead and fact.cooperate:
        return f"{'、'.join(fact.lead)}牵头,{'、'.join(fact.cooperate)}配合"
    if fact.lead:
        return f"{'、'.join(fact.lead)}负责"
    return f"责任单位:{'、'.join(fact.joint)}(文件未指定牵头单位)"


def _task_label(fact: Responsibility) -> str:
    task = fact.task if len(fact.task) <= 40 else fact.task[:40] + "…"
    return f"{fact.heading} · {task}" if fact.heading and fact.heading not in task else task


def answer_responsibility(question: str, facts: Sequence[Fact], metas: Metas) -> Answer | None:
    """Who leads and who cooperates on the task the question names."""
    pool = in_region([f for f in facts if isinstance(f, Responsibility)], metas,
                     extract_region(question))
    matches = rank(question, pool, lambda f: f"{f.task} {f.heading} {f.span.quote}")
    if not matches:
        return None
    citer = Citer(metas)
    lines = []
    for doc_id, group in by_document(matches).items():
        lines.append(f"根据{document_label(metas.get(doc_id), doc_id)}:")
        lines += [f"- {_task_label(f)}:{describe_units(f)}。{citer.cite(f.span)}" for f in group]
    return Answer(question, "\n".join(lines), False, str(Intent.RESPONSIBILITY),
                  tuple(citer.citations))


def _role(fact: Responsibility, names: set[str]) -> tuple[str, str]:
    """(role, name as written) of the asked unit in one fact."""
    for role, group in (("牵头", fact.lead), ("配合", fact.cooperate), ("共同负责", fact.joint)):
        for name in group:
            if canonical(name) in names:
                if role == "牵头" and not fact.cooperate:
                    role = "负责"
                if role == "共同负责" and len(fact.joint) == 1:
                    role = "负责"
                return role, name
    return "", ""


def answer_duties(question: str, facts: Sequence[Fact], metas: Metas) -> Answer | None:
    """A department's full list of tasks, grouped by document, each cited."""
    mentions = find_mentions(question)
    if not mentions:
        return None
    mention = mentions[0]
    names = set(match_units(mention)) or {canonical(mention)}
    pool = in_region([f for f in facts if isinstance(f, Responsibility)], metas,
                     extract_region(question))
    duties = [(f, *_role(f, names)) for f in pool]
    duties = [(f, role, name) for f, role, name in duties if role]
    if not duties:
        return refusal(question, Intent.DUTIES, f"已收录文件中未找到「{mention}」承担的任务。")
    citer = Citer(metas)
    lines = [f"「{mention}」在已收录文件中承担的任务(共{len(duties)}项):"]
    for doc_id, group in by_document([f for f, _, _ in duties]).items():
        lines.append(f"{document_label(metas.get(doc_id), doc_id)}:")
        for number, fact in enumerate(group, 1):
            role, name = _role(fact, names)
            lines.append(f"  {number}. [{name}{role}] {_task_label(fact)} {citer.cite(fact.span)}")
    return Answer(question, "\n".join(lines), False, str(Intent.DUTIES), tuple(citer.citations))


def describe_reward(fact: Reward) -> str:
    """"主创工程 鲁班奖:一次性奖励50万元", every word copied from the fact."""
    once = "一次性" if "一次性" in fact.qualifier else ""
    limit = next((q for q in ("不超过", "最高", "最多") if q in fact.qualifier), "")
    who = f"(对象:{fact.recipient})" if fact.recipient else ""
    condition = f"{fact.condition} " if fact.condition else ""
    return f"{condition}{fact.honour}{who}:{once}{fact.verb}{limit}{fact.amount}"


def reward_lines(rewards: Sequence[Reward], metas: Metas, citer: Citer) -> list[str]:
    """One block per document: its label, each reward, and the funding rule it names."""
    lines: list[str] = []
    for doc_id, group in by_document(rewards).items():
        lines.append(f"{document_label(metas.get(doc_id), doc_id)}规定:")
        for fact in group:
            line = f"- {describe_reward(fact)}{citer.cite(fact.span)}"
            if fact.funding_span:
                line += f";资金:{fact.funding}{citer.cite(fact.funding_span)}"
            lines.append(line)
    return lines


def _mentions_of(key: str, facts: Sequence[Fact]) -> list[Fact]:
    """Targets and qualifications naming the honour (else task rows), one per quoted place."""
    found: dict[tuple[str, int], Fact] = {}
    for kinds in ((Target, Qualification), (Responsibility,)):
        for fact in facts:
            text = fact.metric if isinstance(fact, Target) else fact.span.quote
            if isinstance(fact, kinds) and key in honour_key(text):
                found.setdefault((fact.span.doc_id, fact.span.start), fact)
        if found:
            break
    return list(found.values())


def answer_reward(question: str, facts: Sequence[Fact], metas: Metas) -> Answer | None:
    """The amount for each honour asked about, per document and region, never borrowed."""
    rewards = [f for f in facts if isinstance(f, Reward)]
    region = extract_region(question)
    asked = find_honours(question, [*HONOURS, *(f.honour for f in rewards)])
    if not asked:
        if not re.search(r"哪些奖励|什么奖励|奖励政策|奖励标准|有哪些", question):
            return None
        asked_rewards = in_region(rewards, metas, region)
        if not asked_rewards:
            return refusal(question, Intent.REWARD)
        citer = Citer(metas)
        lines = reward_lines(asked_rewards, metas, citer)
        return Answer(question, "\n".join(lines), False, str(Intent.REWARD), tuple(citer.citations))
    citer = Citer(metas)
    lines: list[str] = []
    for key in asked:
        same = [f for f in rewards if honour_key(f.honour) == key]
        local = in_region(same, metas, region)
        if local:
            lines += reward_lines(local, metas, citer)
            continue
        where = f"{region}的" if region else ""
        lines.append(f"已收录{where}文件均未规定「{key}」的奖励金额。")
        mentions = in_region(_mentions_of(key, facts), metas, region)
        for doc_id, group in by_document(mentions).items():
            cites = "".join(citer.cite(f.span) for f in group)
            lines.append(f"  该名称仅在{document_label(metas.get(doc_id), doc_id)}中作为目标或支持事项出现{cites}。")
        others = [f for f in same if f not in local]
        if others:
            lines.append(f"  其他地区文件的规定(不适用于{region}),仅供参考:")
            lines += ["  " + line for line in reward_lines(others, metas, citer)]
    if not citer.citations:
        return refusal(question, Intent.REWARD, "\n".join(lines))
    return Answer(question, "\n".join(lines), False, str(Intent.REWARD), tuple(citer.citations))


_EFFECT_WORDS = {
    "revokes": re.compile(r"撤销|取消|吊销|失去|不再"),
    "qualifies": re.compile(r"纳入|哪些品牌|什么品牌|认定|条件|加入|符合"),
    "incentive": re.compile(r"激励|扶持|优惠|享受|支持"),
}
_EFFECT_LABEL = {"qualifies": "纳入", "incentive": "激励", "revokes": "撤销资格"}


def answer_qualification(question: str, facts: Sequence[Fact], metas: Metas) -> Answer | None:
    """Conditions under which a brand qualifies, earns incentives, or loses its status."""
    pool = in_region([f for f in facts if isinstance(f, Qualification)], metas,
                     extract_region(question))
    named = [f for f in pool if f.programme in question]
    pool = named or pool
    effects = {e for e, pattern in _EFFECT_WORDS.items() if pattern.search(question)}
    chosen = [f for f in pool if f.effect in effects] if effects else pool
    if not chosen:
        return None
    citer = Citer(metas)
    lines = []
    for doc_id, group in by_document(chosen).items():
        lines.append(f"根据{document_label(metas.get(doc_id), doc_id)}:")
        lines += [f"- [{_EFFECT_LABEL.get(f.effect, f.effect)}] 对{f.condition}:{f.outcome}"
                  f"{citer.cite(f.span)}" for f in group]
    return Answer(question, "\n".join(lines), False, str(Intent.QUALIFICATION),
                  tuple(citer.citations))


def answer_target(question: str, facts: Sequence[Fact], metas: Metas) -> Answer | None:
    """Numeric goals matching the question, with deadline and responsible units."""
    pool = in_region([f for f in facts if isinstance(f, Target)], metas, extract_region(question))
    year = re.search(r"(20\d\d)\s*年", question)
    if year:
        pool = [f for f in pool if f.deadline.startswith(year.group(1))]
    matches = rank(question, pool, lambda f: f.metric)
    if not matches:
        return None
    citer = Citer(metas)
    lines = []
    for doc_id, group in by_document(matches).items():
        lines.append(f"根据{document_label(metas.get(doc_id), doc_id)}:")
        for fact in group:
            units = f"(责任单位:{'、'.join(fact.units)})" if fact.units else ""
            deadline = f"到{fact.deadline}" if fact.deadline else ""
            lines.append(f"- {fact.metric}:{deadline}{fact.value}{units}{citer.cite(fact.span)}")
    return Answer(question, "\n".join(lines), False, str(Intent.TARGET), tuple(citer.citations))
