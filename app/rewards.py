"""An enterprise's honours in, the rewards each document grants for them out, each cited."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.answer import Answer, Intent
from app.fact_answers import Citer, by_document, describe_reward, document_label, in_region
from ingest.document import DocumentMeta
from ingest.fact import Fact, Reward
from ingest.terms import honour_key

# "主导制定行业标准 2 项" / "4A级景区×2" / "驰名商标2件": a trailing count multiplies the amount.
_COUNT = re.compile(r"\s*[x×*]?\s*(\d+)\s*(?:项|个|件|次|家)?\s*$")


@dataclass(frozen=True)
class RewardMatch:
    """One honour as given, and the reward facts that pay for it."""

    honour: str  # as the user wrote it
    key: str  # comparable form, e.g. 4A级旅游景区
    count: int
    rewards: tuple[Reward, ...]


@dataclass(frozen=True)
class RewardCheck:
    """Rewards for a list of honours: matches, totals per document, and what nothing pays for."""

    honours: tuple[str, ...]
    region: str | None
    matches: tuple[RewardMatch, ...]
    totals: tuple[tuple[str, float], ...]  # (doc_id, total in 万元)
    unmatched: tuple[str, ...]
    documents: tuple[DocumentMeta, ...]


def parse_honour(text: str) -> tuple[str, int]:
    """"主导制定行业标准 2 项" -> ("主导制定行业标准", 2); no count means 1."""
    match = _COUNT.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(), int(match.group(1))
    return text.strip(), 1


def check_rewards(honours: Sequence[str], facts: Sequence[Fact],
                  metas: Mapping[str, DocumentMeta], region: str | None = None) -> RewardCheck:
    """Each honour matched against the reward facts (within `region`), with totals per document."""
    rewards = in_region([f for f in facts if isinstance(f, Reward)], metas, region)
    matches: list[RewardMatch] = []
    unmatched: list[str] = []
    for honour in honours:
        name, count = parse_honour(honour)
        key = honour_key(name)
        found = tuple(f for f in rewards if honour_key(f.honour) == key)
        matches.append(RewardMatch(honour, key, count, found))
        if not found:
            unmatched.append(honour)
    totals: dict[str, float] = {}
    for match in matches:
        for reward in match.rewards:
            if reward.amount_wan is not None:
                doc_id = reward.span.doc_id
                totals[doc_id] = totals.get(doc_id, 0.0) + reward.amount_wan * match.count
    doc_ids = list(dict.fromkeys(r.span.doc_id for m in matches for r in m.rewards))
    return RewardCheck(
        honours=tuple(honours), region=region, matches=tuple(matches),
        totals=tuple(totals.items()), unmatched=tuple(unmatched),
        documents=tuple(metas[d] if d in metas else DocumentMeta(d, d) for d in doc_ids),
    )


def format_reward_check(check: RewardCheck) -> Answer:
    """The check as a cited answer: per document its rewards and total, then what is unmatched."""
    metas = {meta.doc_id: meta for meta in check.documents}
    citer = Citer(metas)
    question = "奖励核对: " + "、".join(check.honours)
    lines: list[str] = []
    counts = {id(r): m.count for m in check.matches for r in m.rewards}
    found = [r for m in check.matches for r in m.rewards]
    totals = dict(check.totals)
    for doc_id, group in by_document(found).items():
        lines.append(f"{document_label(metas.get(doc_id), doc_id)}:")
        for reward in group:
            times = f" × {counts[id(reward)]}" if counts[id(reward)] > 1 else ""
            lines.append(f"- {describe_reward(reward)}{times}{citer.cite(reward.span)}")
        lines.append(f"  合计:{totals.get(doc_id, 0):g}万元(仅适用于该文件所在地区:"
                     f"{metas[doc_id].region if doc_id in metas else '未知'})")
    if check.unmatched:
        where = f"{check.region}的" if check.region else ""
        lines.append(f"已收录{where}文件未规定奖励金额的荣誉:{'、'.join(check.unmatched)}")
    if not found:
        return Answer(question, "\n".join(lines), True, str(Intent.REWARD))
    return Answer(question, "\n".join(lines), False, str(Intent.REWARD), tuple(citer.citations))
