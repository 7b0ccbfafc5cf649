"""Rewards: each honour with its amount as written, paired item by item where 分别 says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ingest.document import Span, content_hash
from ingest.fact import FactKind, Reward
from ingest.facts.enumeration import AMOUNT, normalise_amount, split_items
from ingest.facts.source import Source

_VERB = re.compile(r"奖励|资助|补助|补贴|奖补")
# Where the achievement ends and the money begins: "…的一次性分别给予200万元…奖励".
_PAYOUT = re.compile(r"一次性|分别|给予|奖励|资助|补助|补贴|奖补")
_RECIPIENT = re.compile(r"的(企业|单位|个人|组织|团队|集体|项目)?\s*[,，]?\s*$")
_ACHIEVE = re.compile(r"^(?P<condition>.*?)(?P<verb>新获得|获得|荣获|获评|被评为|评定为|认定为|被认定为)")
_LIMIT = re.compile(r"(不超过|最高|最多)\s*$")
_LEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+条|[(（]?\d{1,2}[)）.．、]|[(（][一二三四五六七八九十]+[)）])?\s*对?")
# "获得国家级、省级、市级政府质量奖的奖励资金由市级财政承担" / "其他奖项的奖励资金,…分担"
_FUNDING = re.compile(r"^(?:获得)?(?P<scope>[^。]*?)的?奖励资金.*?(?:承担|分担|负担|列支|支付|安排)")
_LEVELS = re.compile(r"^(?:国家级|省级|市级|县级|国家|省|市)+|政府")


@dataclass(frozen=True)
class _FundingRule:
    scope: tuple[str, ...]  # honour cores it covers: ("质量奖",); () for every other award
    span: Span


def extract_rewards(source: Source) -> Iterator[Reward]:
    """Reward facts from sentences and honour | amount table rows, with their funding rules."""
    rules = list(_funding_rules(source))
    for reward in (*_from_sentences(source), *_from_rows(source)):
        rule = _rule_for(reward.honour, rules)
        yield replace(reward, funding=rule.span.quote, funding_span=rule.span) if rule else reward


def _from_sentences(source: Source) -> Iterator[Reward]:
    for start, end in source.sentences():
        clause = source.text[start:end]
        amounts = list(AMOUNT.finditer(clause))
        payout = _PAYOUT.search(clause)
        verb = _VERB.search(clause, amounts[0].start() if amounts else 0) or _VERB.search(clause)
        if not amounts or not payout or not verb or "奖励资金" in clause:
            continue
        head = _LEADING.sub("", clause[: payout.start()], count=1)
        recipient_match = _RECIPIENT.search(head)
        recipient = (recipient_match.group(1) or "") if recipient_match else ""
        head = head[: recipient_match.start()] if recipient_match else head
        achieve = _ACHIEVE.match(head)
        condition = ""
        if achieve:
            condition = achieve.group("condition").strip(" ,，")
            if achieve.group("verb") == "新获得":
                condition = (condition + " 新获得").strip()
            head = head[achieve.end():]
        honours = split_items(head)
        pairs = _pair(honours, amounts, "分别" in clause)
        span = source.span(start, end)
        for honour, amount in pairs:
            limit = _LIMIT.search(clause[: amount.start()])
            qualifier = "、".join(q for q in ("一次性" if "一次性" in clause else "",
                                             limit.group(1) if limit else "") if q)
            yield _make(source, span, honour, amount, qualifier, verb.group(0), recipient,
                        condition)


def _pair(honours: list[str], amounts: list[re.Match[str]], respectively: bool,
          ) -> list[tuple[str, re.Match[str]]]:
    """分别 pairs item by item; one amount goes to every honour; anything else is not read."""
    if not honours:
        return []
    if len(honours) == len(amounts) and (respectively or len(amounts) == 1):
        return list(zip(honours, amounts))
    if len(amounts) == 1:
        return [(honour, amounts[0]) for honour in honours]
    return []


def _make(source: Source, span: Span, honour: str, amount: re.Match[str], qualifier: str,
          verb: str, recipient: str, condition: str) -> Reward:
    written, value = normalise_amount(amount.group(1), amount.group(2))
    fact_id = content_hash(source.doc_id, FactKind.REWARD, str(span.start), honour, written)
    return Reward(fact_id, span, honour=honour, amount=written, amount_wan=value,
                  qualifier=qualifier, verb=verb, recipient=recipient, condition=condition)


def _from_rows(source: Source) -> Iterator[Reward]:
    """Tables of honour | amount: "中国质量奖 | 200万元 |"."""
    for row in source.rows:
        money = [c for c in row.cells if re.fullmatch(rf"(?:不超过|最高)?\s*{AMOUNT.pattern}", c.text)]
        names = [c for c in row.cells if c not in money and not re.fullmatch(r"[\d.]+", c.text)]
        if len(money) != 1 or not names:
            continue
        amount = AMOUNT.search(money[0].text)
        assert amount is not None
        span = source.span(names[0].start, money[0].end)
        limit = "不超过" if money[0].text.startswith(("不超过", "最高")) else ""
        yield _make(source, span, names[0].text, amount, limit, "奖励", "", "")


def _funding_rules(source: Source) -> Iterator[_FundingRule]:
    for start, end in source.pieces(0, len(source.text), "。\n"):
        match = _FUNDING.search(_LEADING.sub("", source.text[start:end].strip(), count=1))
        if not match:
            continue
        scope_text = match.group("scope").strip(" ,，")
        if not scope_text or scope_text.startswith(("其他", "其余")):
            scope: tuple[str, ...] = ()
        else:
            scope = tuple(_LEVELS.sub("", item) for item in split_items(scope_text))
        yield _FundingRule(scope, source.span(start, end))


def _rule_for(honour: str, rules: list[_FundingRule]) -> _FundingRule | None:
    scoped = [rule for rule in rules if rule.scope and any(c and c in honour for c in rule.scope)]
    if scoped:
        return scoped[0]
    return next((rule for rule in rules if not rule.scope), None)
