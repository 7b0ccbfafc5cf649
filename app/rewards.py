"""Rewards: the amount each document grants for an honour asked about, who pays it, and a
list of honours checked at once; each cited, never borrowed across regions."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.answer import Answer, Intent
from app.citer import (
    Citer,
    by_document,
    document_label,
    in_region,
    library_regions,
    refusal,
    title_of,
)
from app.fact_match import MIN_MATCH, Matcher, best_matches, question_terms
from app.intent import ASKS_FUNDING
from app.limits import MAX_COUNT_DIGITS
from app.query import Asked, read_query
from ingest.document import DocumentMeta
from ingest.fact import Fact, Qualification, Responsibility, Reward, Target
from ingest.numbers import find_amounts
from ingest.terms import HONOURS, find_honours, honour_key

# "主导制定行业标准 2 项" / "4A级景区×2" / "驰名商标2件": a trailing count multiplies the amount.
# A count is a few digits at the very end, so only the last characters are searched: a run of
# thousands of digits ("111…1x") would make a search from every position quadratic.
_COUNT = re.compile(rf"\s*[x×*]?\s*(?<!\d)(\d{{1,{MAX_COUNT_DIGITS}}})\s*(?:项|个|件|次|家)?$")
_COUNT_TAIL = MAX_COUNT_DIGITS + 20  # "× 12 项" with some spaces


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


def describe_reward(fact: Reward) -> str:
    """The clause that pays, as the document writes it ("…称号的企业,一次性奖励现金10万元" ->
    "“重庆名牌产品”称号(对象:企业):一次性奖励现金10万元"); where the amount is not written so
    (a table's bare number under "金额(万元)"), "主创工程 鲁班奖:一次性奖励50万元", every word
    copied from the fact."""
    clause = _paying_clause(fact)
    if clause:
        if _compact(fact.honour) in _compact(clause):
            return clause  # "对获得中国质量奖的企业奖励100万元" names the honour itself
        who = f"(对象:{fact.recipient})" if fact.recipient else ""
        condition = f"{fact.condition} " if fact.condition else ""
        return f"{condition}{_balanced(fact.honour)}{who}:{clause}"
    once = "一次性" if "一次性" in fact.qualifier else ""
    limit = next((q for q in ("不超过", "最高", "最多") if q in fact.qualifier), "")
    who = f"(对象:{fact.recipient})" if fact.recipient else ""
    condition = f"{fact.condition} " if fact.condition else ""
    return f"{condition}{fact.honour}{who}:{once}{fact.verb}{limit}{fact.amount}"


def _balanced(name: str) -> str:
    """"重庆名牌产品”称号" -> "“重庆名牌产品”称号": a name cut inside its quotes, closed."""
    if name.count("”") > name.count("“") and not name.startswith("“"):
        return "“" + name
    return name


# a clause of a rule ends at these; a table cell at its pipe
_CLAUSE_BOUND = re.compile(r"[,，;；。:：|\n]")
_PAYING_CHARS = 40


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _paying_clause(fact: Reward) -> str:
    """The clause of the fact's passage that states its amount, as written; "" where the
    amount is not written there as the fact holds it, or the clause is long."""
    quote = fact.span.quote
    at = quote.find(fact.amount)
    if at < 0 or quote.find(fact.amount, at + 1) >= 0:
        return ""  # not written so, or written twice: which clause is meant is not clear
    start = max((m.end() for m in _CLAUSE_BOUND.finditer(quote, 0, at)), default=0)
    end_match = _CLAUSE_BOUND.search(quote, at + len(fact.amount))
    end = end_match.start() if end_match else len(quote)
    clause = quote[start:end].strip()
    sums = [amount for amount in find_amounts(clause) if amount.percent is None]
    if len(clause) > _PAYING_CHARS or "分别" in clause or len(sums) > 1:
        return ""  # "分别给予200万元、100万元": the fact says which amount is this honour's
    return clause


def parse_honour(text: str) -> tuple[str, int]:
    """"主导制定行业标准 2 项" -> ("主导制定行业标准", 2); no count, or over 4 digits, means 1."""
    text = text.strip()
    match = _COUNT.search(text, max(0, len(text) - _COUNT_TAIL))
    if match and match.start() > 0:
        return text[: match.start()].strip(), int(match.group(1))
    return text, 1


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


# "能拿多少钱" / "奖金是多少": the amount is asked; with none written, the answer is a refusal.
# "有什么奖励" asks what kind, and a written policy incentive (给予相应政策激励) answers it.
_AMOUNT_ASKED = re.compile(r"多少|几万|金额|数额|奖金|资金|补贴|补助|资助")
# "奖金由谁出钱" / "哪级财政承担" / "资金从哪里出": who pays, read from the funding rules.
_LISTING_ASKED = re.compile(r"哪些奖励|什么奖励|奖励政策|奖励标准|有哪些|奖励办法")
# Words every reward question uses; what is left says which rewards are meant.
_REWARD_WORDS = frozenset({"奖励", "奖金", "资助", "补贴", "补助", "奖补", "政策", "奖励政策",
                           "奖励标准", "企业", "获得", "多少钱", "给予", "一次性", "资金"})


def answer_reward(asked_as: Asked, facts: Sequence[Fact], metas: Mapping[str, DocumentMeta],
                  ) -> Answer | None:
    """The amount for each honour asked about, per document and region, never borrowed."""
    query = read_query(asked_as, library_regions(metas))
    question, region = query.text, query.region
    rewards = [f for f in facts if isinstance(f, Reward)]
    asked = find_honours(question, [*HONOURS, *(f.honour for f in rewards)])
    if ASKS_FUNDING.search(question):
        return answer_funding(question, rewards, asked, metas, region)
    if not asked:
        return _answer_listing(question, rewards, metas, region)
    citer = Citer(metas)
    local = [f for key in asked
             for f in in_region([r for r in rewards if honour_key(r.honour) == key], metas, region)]
    # "获得长江质量奖、长江质量奖提名奖的分别给予100万元、50万元": the asked honour's own
    # variants paid in the same sentence come with it
    local += [r for r in rewards if r not in local and any(
        r.span == f.span and honour_key(r.honour).startswith(honour_key(f.honour))
        for f in local)]
    lines = reward_lines(local, metas, citer)
    answered = bool(local)
    for key in asked:
        same = [f for f in rewards if honour_key(f.honour) == key]
        if any(f in local for f in same):
            continue
        found, incentive = _lines_without_amount(key, same, facts, metas, region, citer)
        lines += found
        answered = answered or (incentive and not _AMOUNT_ASKED.search(question))
    if not citer.citations:
        return refusal(question, Intent.REWARD, "\n".join(lines))
    # No amount for any honour asked: a refusal, still citing where the honour stands (as a
    # target, a supported item, or another region's rule) so the reader can check.
    return Answer(question, "\n".join(lines), not answered, str(Intent.REWARD),
                  tuple(citer.citations))


def _lines_without_amount(key: str, same: Sequence[Reward], facts: Sequence[Fact],
                          metas: Mapping[str, DocumentMeta], region: str | None,
                          citer: Citer) -> tuple[list[str], bool]:
    """What the documents say of an honour that has no amount here, and whether a written
    policy incentive (not money) is among it."""
    where = f"{region}的" if region else ""
    lines = [f"已收录{where}文件均未规定「{key}」的奖励金额。"]
    mentions = in_region(_mentions_of(key, facts), metas, region)
    incentive = False
    groups = by_document(mentions)
    if len(groups) > _MAX_MENTIONING:
        lines.append(f"  (另有{len(groups) - _MAX_MENTIONING}份文件提及该名称,未列出。)")
    for doc_id, group in list(groups.items())[:_MAX_MENTIONING]:
        label = document_label(metas.get(doc_id), doc_id)
        for fact in group:
            if isinstance(fact, Qualification) and fact.effect == "incentive":
                incentive = True
                lines.append(f"  {label}对该类企业的规定:{fact.outcome}{citer.cite(fact.span)}。")
        cites = "".join(citer.cite(f.span) for f in group
                        if not (isinstance(f, Qualification) and f.effect == "incentive"))
        if cites:
            lines.append(f"  该名称在{label}中仅作为目标或支持事项出现{cites}。")
    if same:  # only another region's documents pay for it
        lines.append(f"  其他地区文件的规定(不适用于{region}),仅供参考:")
        lines += ["  " + line for line in reward_lines(same[:MAX_LISTED], metas, citer)]
    return lines, incentive


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


# a list longer than this is cut, with a note: nobody reads 500 rewards in a chat answer
MAX_LISTED = 50
# documents quoted for an honour they only mention (as a target or supported item)
_MAX_MENTIONING = 5


def _answer_listing(question: str, rewards: Sequence[Reward], metas: Mapping[str, DocumentMeta],
                    region: str | None) -> Answer | None:
    """Every reward of the region, when the question asks for the list and nothing narrower."""
    if not _LISTING_ASKED.search(question):
        return None
    local = in_region(rewards, metas, region)
    if not local:
        return refusal(question, Intent.REWARD)
    # "各县市区能不能自己制定配套的奖励政策" names more than the list: passages answer it.
    rest = [t for t in question_terms(question) if t not in _REWARD_WORDS]
    texts = [f"{f.honour} {f.condition} {f.span.quote} {title_of(metas, f.span.doc_id)}"
             for f in local]
    matcher = Matcher(" ".join(rest), texts) if rest else None
    if matcher is not None and max(matcher.score(text) for text in texts) < MIN_MATCH:
        return None
    citer = Citer(metas)
    lines = reward_lines(local[:MAX_LISTED], metas, citer)
    if len(local) > MAX_LISTED:
        lines.append(f"(共{len(local)}项,仅列出前{MAX_LISTED}项;请指明荣誉名称或地区。)")
    return Answer(question, "\n".join(lines), False, str(Intent.REWARD), tuple(citer.citations))


# "除了X以外/之外的其他…": X is left out of what is asked
_EXCLUDED = re.compile(r"除(?:了)?([^,，。？?]{2,20}?)(?:以外|之外|外)")


def answer_funding(question: str, rewards: Sequence[Reward], asked: Sequence[str],
                   metas: Mapping[str, DocumentMeta], region: str | None) -> Answer | None:
    """Which budget pays a reward: the funding rule of the honours asked, else the rule whose
    words match the question."""
    local = [f for f in in_region(rewards, metas, region) if f.funding_span is not None]
    excluded = _EXCLUDED.search(question)
    if excluded:
        # "除了政府质量奖以外的其他奖项,奖励资金谁来出": the rule for the others is asked
        left_out = set(find_honours(excluded.group(1), HONOURS)) | {excluded.group(1)}
        asked = [key for key in asked if key not in left_out and key not in excluded.group(1)]
        local = [f for f in local if not any(name and name in f.funding for name in left_out)]
    named = [f for f in local if honour_key(f.honour) in asked] or (local if excluded else [])
    rules = {(f.funding_span.doc_id, f.funding_span.start): f for f in named}  # type: ignore[union-attr]
    if not rules:
        by_rule = {(f.funding_span.doc_id, f.funding_span.start): f  # type: ignore[union-attr]
                   for f in local}
        best = best_matches(question, list(by_rule.values()), lambda f: f.funding)
        rules = {(f.funding_span.doc_id, f.funding_span.start): f  # type: ignore[union-attr]
                 for f in best}
    if not rules:
        return None
    citer = Citer(metas)
    lines: list[str] = []
    for doc_id, group in by_document(list(rules.values())).items():
        lines.append(f"{document_label(metas.get(doc_id), doc_id)}规定奖励资金:")
        for fact in group:
            assert fact.funding_span is not None
            covered = "、".join(f.honour for f in local if f.funding_span == fact.funding_span)
            lines.append(f"- {fact.funding}{citer.cite(fact.funding_span)}(适用于:{covered})")
    return Answer(question, "\n".join(lines), False, str(Intent.REWARD), tuple(citer.citations))


def reward_lines(rewards: Sequence[Reward], metas: Mapping[str, DocumentMeta],
                 citer: Citer) -> list[str]:
    """The rewards, each cited with the funding rule it names: the amounts first and then the
    source line where one document pays; a block per document, under its label, where several do."""
    lines: list[str] = []
    groups = by_document(rewards)
    for doc_id, group in groups.items():
        rows = []
        # one rule pays for every reward of the group: it is said once, after them
        funding = group[0].funding_span
        once = len(group) > 1 and all(fact.funding_span == funding for fact in group)
        for fact in group:
            line = f"- {describe_reward(fact)}{citer.cite(fact.span)}"
            if fact.funding_span and not once:
                line += f";资金:{fact.funding}{citer.cite(fact.funding_span)}"
            rows.append(line)
        if once and funding is not None:
            rows.append(f"资金:{group[0].funding}{citer.cite(funding)}")
        if len(groups) == 1:
            if len(rows) == 1:
                rows[0] = rows[0].removeprefix("- ")
            lines += [*rows, f"来源:{document_label(metas.get(doc_id), doc_id)}"]
        else:
            lines += [f"{document_label(metas.get(doc_id), doc_id)}规定:", *rows]
    return lines
