"""Answers read straight from structured facts, each naming its document and citing verbatim.

A fact answers only when it holds most of the question's content words (app/fact_match.py);
otherwise the answerer quotes passages instead."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from app.answer import Answer, Intent
from app.citer import (
    Citer,
    by_document,
    document_label,
    grouped_answer,
    in_region,
    library_regions,
    refusal,
    region_of,
    title_of,
)
from app.fact_match import MIN_MATCH, best_matches, expand_units
from app.query import Asked, read_query
from app.rewards import MAX_LISTED, answer_reward
from ingest.department import (
    canonical,
    core_name,
    find_mentions,
    find_offices,
    level_of,
    match_units,
    unit_of,
)
from ingest.document import DocumentMeta
from ingest.fact import Fact, Qualification, Responsibility, Target
from ingest.outline import without_marker
from kb.tokenizer import domain_tokenizer

__all__ = ["answer_duties", "answer_qualification", "answer_responsibility", "answer_reward",
           "answer_target"]

Metas = Mapping[str, DocumentMeta]


def describe_units(fact: Responsibility, lead_asked: bool = True) -> str:
    """The note naming who carries out the task, as the document writes it ("〔责任单位:省市场
    监管局〕", a table's cell "省工业和信息化厅、省市场监管局按职责分工负责"); where no note
    of the passage names them all (a note "下同" carries over), the unit names exactly as the
    document writes them, with their roles. `lead_asked`: a note naming no lead says so
    ("谁牵头" is not answered by a list of equals without that)."""
    note = _note_as_written(fact)
    if note:
        unled = lead_asked and not fact.lead and "牵头" not in note
        return f"{note}(文件未指定牵头单位)" if unled else note
    if fact.lead and fact.cooperate:
        return f"{'、'.join(fact.lead)}牵头,{'、'.join(fact.cooperate)}配合"
    if fact.lead:
        return f"{'、'.join(fact.lead)}负责"
    return f"责任单位:{'、'.join(fact.joint)}(文件未指定牵头单位)"


# "(责任单位:…)" / "〔责任单位:…〕" closing a task; a table row's last cell
_NOTE_AT_END = re.compile(r"[(（〔【][^()（）〔〕【】]{2,160}[)）〕】]\s*[。;；]?\s*$")
_LAST_CELL = re.compile(r"\|([^|]{2,160})\|?\s*$")
_NOTE_WORDS = re.compile(r"牵头|配合|负责|责任单位|责任部门|参与|落实")


def _note_as_written(fact: Responsibility) -> str:
    """The note of the fact's passage that names every unit of the fact, or ""."""
    quote = fact.span.quote.strip()
    names = (*fact.lead, *fact.cooperate, *fact.joint)
    for pattern in (_NOTE_AT_END, _LAST_CELL):
        found = pattern.search(quote)
        if found is None:
            continue
        note = (found.group(1) if found.groups() else found.group(0)).strip().rstrip("。;；")
        if names and all(name in note for name in names) and _NOTE_WORDS.search(note):
            return note
    return ""


# a task is named by its first words; its whole text is the citation's quote. Beside the
# units asked for, a few words name it; in a list of duties, the task is the answer.
_TASK_CHARS = 36
_DUTY_CHARS = 80
# a task this short says little without the heading it stands under
_BARE_TASK_CHARS = 12


def _task_label(fact: Responsibility, chars: int = _TASK_CHARS) -> str:
    task = fact.task if len(fact.task) <= chars else fact.task[:chars] + "…"
    # ("(二)优化市场准入环境 · 优化市场准入环境" names its task twice)
    if fact.heading and without_marker(fact.heading) not in task and (
            chars == _DUTY_CHARS or len(fact.task) <= _BARE_TASK_CHARS):
        return f"{fact.heading} · {task}"
    return task


def answer_responsibility(asked: Asked, facts: Sequence[Fact], metas: Metas,
                          threshold: float = MIN_MATCH) -> Answer | None:
    """Who leads and who cooperates on the task the question names."""
    query = read_query(asked, library_regions(metas))
    question = query.text
    pool = in_region([f for f in facts if isinstance(f, Responsibility)], metas, query.region)
    matches = best_matches(_without_units(question), pool, _responsibility_text, threshold)
    if not matches:
        return None
    lead_asked = bool(_LEAD_ASKED.search(question))
    if len(query.parts) > 1:
        # "滨海湿地归哪个部门管？河流、湖泊、水库湿地又归谁？": each part's task, in the
        # documents the whole question is about
        documents = {f.span.doc_id for f in matches}
        for part in query.parts:
            matches += [f for f in best_matches(_without_units(part), pool,
                                                _responsibility_text, threshold)[:1]
                        if f.span.doc_id in documents and f not in matches]
    return grouped_answer(question, Intent.RESPONSIBILITY, matches, metas, lambda f, citer:
                          f"- {describe_units(f, lead_asked)}{citer.cite(f.span)}"
                          f"(任务:{_task_label(f)})")


_LEAD_ASKED = re.compile(r"牵头|主抓|挑头|带头|领头")


def _without_units(question: str) -> str:
    """The question less the units it names: "财政局有责任吗" is matched on the task it names,
    the units are read from the fact."""
    rest = question
    for mention in find_mentions(question):
        rest = rest.replace(mention, " ")
    return rest if re.search(r"[\u4e00-\u9fa5]{2}", rest) else question


def _responsibility_text(fact: Responsibility) -> str:
    units = "、".join((*fact.lead, *fact.cooperate, *fact.joint))
    return f"{fact.task} {fact.heading} {fact.span.quote} {expand_units(units)}"


def _role(fact: Responsibility, names: set[str]) -> tuple[str, str]:
    """(role, name as written) of the asked unit in one fact."""
    for role, group in (("牵头", fact.lead), ("配合", fact.cooperate), ("共同负责", fact.joint)):
        for name in group:
            if canonical(name) in names or any(
                    unit_of(asked) is None and core_name(asked) == core_name(name)
                    for asked in names):
                if role == "牵头" and not fact.cooperate:
                    role = "负责"
                if role == "共同负责" and len(fact.joint) == 1:
                    role = "负责"
                return role, name
    return "", ""


# "哪些活是X一家单独负责的" / "X牵头哪些工作" / "X配合哪些任务": the role asked for, if any
_ASKED_ROLES = (
    (re.compile(r"单独|独自|独立|一家"), {"负责"}),
    (re.compile(r"牵头(了)?(哪些|什么|的)"), {"牵头", "负责"}),
    (re.compile(r"配合(了)?(哪些|什么|的)"), {"配合"}),
)


_MORE_ROLES = re.compile(r"另外|还有|以及|和其他|其他|分工负责")


def answer_duties(asked: Asked, facts: Sequence[Fact], metas: Metas) -> Answer | None:
    """A department's full list of tasks, grouped by document, each cited."""
    query = read_query(asked, library_regions(metas))
    question = query.text
    mentions = find_mentions(question) or [match.group(0) for match in find_offices(question)]
    if not mentions:
        return None
    mention = _with_level(question, mentions[0])
    names = set(match_units(mention)) or {canonical(mention)}
    pool = in_region([f for f in facts if isinstance(f, Responsibility)], metas, query.region)
    # "省市场监管局负责哪些工作" is not answered with a city bureau's duties, nor the reverse
    asked_level = level_of(mention)
    duties = [(f, *_role(f, names)) for f in pool]
    if asked_level:
        duties = [(f, role, name) for f, role, name in duties
                  if level_of(name, region_of(metas, f.span.doc_id)) in (asked_level, "")]
    asked_roles = [roles for pattern, roles in _ASKED_ROLES if pattern.search(question)]
    # "牵头什么？另外还有哪些它要按职责分工负责的事" asks more than one role: none is left out
    roles = asked_roles[0] if len(asked_roles) == 1 and not _MORE_ROLES.search(question) else None
    duties = [(f, role, name) for f, role, name in duties if role and (not roles or role in roles)]
    if not duties:
        return refusal(question, Intent.DUTIES, f"已收录文件中未找到「{mention}」承担的任务。")
    # "市农业农村局在农产品质量提升上要做哪些工作": the duties on the topic named come first,
    # with what they say
    topic = _duty_topic(question, mention)
    focused = best_matches(topic, [f for f, _, _ in duties], lambda f: f.span.quote,
                           _TOPIC_MATCH, limit=_TOPIC_LISTED) if topic else []
    duties.sort(key=lambda duty: duty[0] not in focused)
    citer = Citer(metas)
    lines = [f"「{mention}」在已收录文件中承担的任务(共{len(duties)}项):"]
    if len(duties) > MAX_LISTED:
        lines[0] += f"(仅列出前{MAX_LISTED}项;请加上地区或文件名缩小范围)"
    for doc_id, group in by_document([f for f, _, _ in duties[:MAX_LISTED]]).items():
        lines.append(f"{document_label(metas.get(doc_id), doc_id)}:")
        for number, fact in enumerate(group, 1):
            role, name = _role(fact, names)
            # a short list says what each task is; a long one, only of those on the topic asked
            said = _said_beyond(fact) if fact in focused or len(duties) <= _SHORT_LIST else ""
            lines.append(f"  {number}. [{name}{role}] {_task_label(fact, _DUTY_CHARS)}{said} "
                         f"{citer.cite(fact.span)}")
    return Answer(question, "\n".join(lines), False, str(Intent.DUTIES), tuple(citer.citations))


def _with_level(question: str, mention: str) -> str:
    """The mention with the level the question puts before it: "县教育局" where only "教育局" is
    a known name, so that a city's 市教育局 is not taken for the county's."""
    at = question.find(mention)
    before = _LEVEL_BEFORE.search(question[:at]) if at > 0 else None
    if before and level_of(mention) == "":
        return before.group(0) + mention  # "乡镇人民政府", not any 人民政府
    return mention


_LEVEL_BEFORE = re.compile(r"(?:乡镇|街道|[省市县区州乡镇])$")


_TOPIC_MATCH = 0.3
_SHORT_LIST = 4
_TOPIC_LISTED = 3
_TOPIC_CHARS = 100
# what every duties question says beside its topic
_DUTY_WORDS = re.compile(r"承担|负责|牵头|配合|参与|具体|主要|都|要|需要|应当|做|干|开展|哪些|什么|啥|些"
                         r"|工作|任务|职责|事情?|活动|方面|上|中|里|在|的|了|呢|吗|？|\?|，|,|。")


def _duty_topic(question: str, mention: str) -> str:
    """What a duties question is about beside the department: "在农产品质量提升上" -> 农产品质量提升."""
    rest = _DUTY_WORDS.sub(" ", question.replace(mention, " "))
    return rest if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 4 else ""


def _without_note(text: str) -> str:
    """A task without its responsibility note: "…(责任单位:市农业农村局)" -> "…"."""
    return re.sub(r"[(（〔]\s*(责任|牵头|配合)[^)）〕]*[)）〕]\s*$", "", text.strip()).strip()


def _said_beyond(fact: Responsibility) -> str:
    """What the task's text says beyond its short form, clipped: ":推进农业标准化生产,…"."""
    body = _without_note(fact.span.quote)
    if fact.task in body:
        at = body.index(fact.task)
        after = body[at + len(fact.task):].strip(" 。;；,，|:：")
        # "…计算所需奖励资金,向州财政申请…,州质量发展领导小组办公室负责资金使用管理": where the task
        # closes its sentence, what it says stands before it
        if len(after) < 6:
            # what stands right before the task describes it: its end is kept
            # (quoted as written up to the task's end: "…办公室负责资金使用管理")
            before = body[:at].strip(" 。;；,，|:：")
            written = body[:at + len(fact.task)].lstrip(" 。;；,，|:：")
            if len(before) > _TOPIC_CHARS:
                return f":…{written[-(_TOPIC_CHARS + len(fact.task)):]}"
            return f":{written}" if len(before) >= 6 else ""
        body = after
    body = body.strip(" 。;；,，|:：")
    return f":{_clip(body)}" if len(body) >= 6 else ""


def _clip(text: str) -> str:
    return text if len(text) <= _TOPIC_CHARS else text[:_TOPIC_CHARS] + "…"


_EFFECT_WORDS = {
    # "达不到标准会怎么处理": a consequence may be a sanction or the loss of the status
    "revokes": re.compile(r"撤销|取消|吊销|失去|不再|保留|处理|后果|会怎样|会怎么样|怎么办"),
    "qualifies": re.compile(r"纳入|哪些品牌|什么品牌|认定|条件|加入|符合|进入"),
    "incentive": re.compile(r"激励|扶持|优惠|享受|支持"),
    "sanctions": re.compile(r"处理|处罚|约谈|追究|后果|会怎样|会怎么样|怎么办|违规|未经授权|没有授权"
                            r"|冒用|轻微"),
}
_NAMED_PROGRAMME_MATCH = 0.1  # the pool is already narrow: some shared words suffice
_EFFECT_LABEL = {"qualifies": "纳入", "incentive": "激励", "revokes": "撤销资格",
                 "sanctions": "处理"}


def answer_qualification(asked: Asked, facts: Sequence[Fact], metas: Metas,
                         threshold: float = MIN_MATCH) -> Answer | None:
    """Conditions under which a brand qualifies, earns incentives, is sanctioned or loses its
    status; None when no condition matches the question well."""
    query = read_query(asked, library_regions(metas))
    question = query.text
    pool = in_region([f for f in facts if isinstance(f, Qualification)], metas, query.region)
    every = pool
    effects = {e for e, pattern in _EFFECT_WORDS.items() if pattern.search(question)}
    if effects:
        pool = [f for f in pool if f.effect in effects]
        # the programme and the kind of condition are named: the few conditions left need
        # only share some words with a colloquial question ("有点小问题" ~ "问题轻微")
        if any(f.programme in question for f in pool):
            threshold = min(threshold, _NAMED_PROGRAMME_MATCH)
    chosen = best_matches(question, pool, lambda f: f"{f.programme} {f.condition} {f.outcome}",
                          threshold, limit=len(pool))
    if not chosen:
        return None
    whether = _WHETHER.search(question) or _MILD.search(question) and "吗" in question
    if _EACH.search(question) or effects and whether \
            and all(f.effect == "revokes" for f in chosen):
        # "小毛病和产品质量不达标分别怎么处理": each case asked is answered, and the cases
        # stand side by side ("对问题轻微的进行约谈;对…达不到标准…的,撤销…资格"); so is
        # "有点轻微问题,会不会直接被取消资格": whether it is revoked is told by the cases beside
        # the one that revokes, whatever they lead to (where a milder one was found, it tells)
        chosen = sorted({*chosen, *(f for f in every for c in chosen if _side_by_side(f, c))},
                        key=lambda f: (f.span.doc_id, f.span.start))
    return grouped_answer(question, Intent.QUALIFICATION, chosen, metas, lambda f, citer:
                          f"- [{_EFFECT_LABEL.get(f.effect, f.effect)}] 对{f.condition}:"
                          f"{f.outcome}{citer.cite(f.span)}")


_EACH = re.compile(r"分别|各自|各是|各(?:怎么|如何|有什么)")
_WHETHER = re.compile(r"会不会|是不是|是否|会否|能不能|要不要")
# a case milder than the one that revokes: "问题不大,会被取消资格吗" is told by the cases beside
_MILD = re.compile(r"轻微|小问题|问题不大|不严重|小毛病|小瑕疵|情节较轻|问题较小")
_SIDE_BY_SIDE_CHARS = 40


def _side_by_side(fact: Qualification, other: Qualification) -> bool:
    """Whether two conditions are clauses of one sentence or row, next to each other."""
    a, b = fact.span, other.span
    return (a.doc_id, a.chunk_id, a.row) == (b.doc_id, b.chunk_id, b.row) \
        and max(a.start - b.end, b.start - a.end) <= _SIDE_BY_SIDE_CHARS


_MAX_PER_YEAR = 3
_YEAR = re.compile(r"(20\d\d)\s*年?")


def answer_target(asked: Asked, facts: Sequence[Fact], metas: Metas,
                  threshold: float = MIN_MATCH) -> Answer | None:
    """Goals matching the question, with deadline and responsible units; each year asked
    ("到2025年和2030年") answered on its own."""
    query = read_query(asked, library_regions(metas))
    question, region = query.text, query.region
    # A province's target is the province's total, not each city's: only the asked region's own.
    pool = [f for f in facts if isinstance(f, Target)
            and (region is None or _region(metas, f.span.doc_id) == region)]
    years = list(dict.fromkeys(_YEAR.findall(question))) or [""]
    per_year = [best_matches(question, [f for f in pool if f.deadline.startswith(year)],
                             lambda f: _target_text(f, metas), threshold, limit=len(pool))
                for year in years]
    # "到2025年和2030年分别…": prefer the document that answers every year asked.
    every = set.intersection(*({f.span.doc_id for f in found} for found in per_year))
    matches = [f for found in per_year
               for f in ([f for f in found if f.span.doc_id in every] or found)[:_MAX_PER_YEAR]]
    if not matches:
        return None
    return grouped_answer(question, Intent.TARGET, [*matches, *_siblings(question, matches, pool)],
                          metas, _target_line)


def _siblings(question: str, matches: Sequence[Target], pool: Sequence[Target]) -> list[Target]:
    """Goals of the same sentence that name what the question names and the matches do not:
    "制造业和服务业高端品牌企业各要新增多少" is answered by both halves of
    "省制造业、服务业高端品牌企业分别新增1500家、600家以上"."""
    spans = {(f.span.doc_id, f.span.start) for f in matches}
    named = " ".join(f.metric for f in matches)
    words = {w for w in domain_tokenizer().segment(question) if len(w) >= 2 and w not in named}
    return [f for f in pool if f not in matches and (f.span.doc_id, f.span.start) in spans
            and any(w in f.metric for w in words)]


def _target_line(fact: Target, citer: Citer) -> str:
    units = f"(责任单位:{'、'.join(fact.units)})" if fact.units else ""
    deadline = f"到{fact.deadline}" if fact.deadline else ""
    if fact.metric and f"{fact.metric}{fact.value}" in fact.span.quote:
        # "新增国家级质检中心2个" is quoted as the document writes it
        return f"- {deadline}{',' if deadline else ''}{fact.metric}{fact.value}{units}" \
               f"{citer.cite(fact.span)}"
    metric = f"{fact.metric}:" if fact.metric else ""
    return f"- {metric}{deadline}{fact.value}{units}{citer.cite(fact.span)}"


def _region(metas: Metas, doc_id: str) -> str:
    meta = metas.get(doc_id)
    return meta.region.replace("(推断)", "").strip() if meta else ""


def _target_text(fact: Target, metas: Metas) -> str:
    return f"{fact.metric} {fact.value} {title_of(metas, fact.span.doc_id)}"
