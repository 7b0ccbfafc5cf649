"""An answer made of the units that answer: the conclusion first, each line cited, then the
documents it rests on; or a refusal that names what the documents speak of."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from app.answer import REFUSAL, Answer, Citation, Intent
from app.asked import Kind, carried_kinds, recipient_classes
from app.citer import Citer, document_label
from app.evidence.reader import CONCLUSION_CHARS, FUNDING_RULE, EvidenceReader, Scored
from app.evidence.units import (
    _ITEM,
    _LEAD,
    _MAX_ITEMS,
    _SENTENCE_END,
    Neighbours,
    Unit,
    _compact,
    _items_after,
    _tidy,
    _units_after,
    items_cited_before,
    task_before,
)
from ingest.document import Span
from ingest.numbers import CAP, CLAUSE_END

_ARTICLE_AT = re.compile(r"^\s*(?:#+\s*)?第[一二三四五六七八九十百零〇]+条|^\s*第[一二三四五六七八九十]+章")


_LIST_ROOM = 3
_RUNS_ON = re.compile(r"[,，:：]\s*$")
_RUN_ON_CREDIT = 0.2


def conclusion(scored: Scored, reader: EvidenceReader) -> str:
    """The clauses of a unit that answer, for the answer's first line: the whole unit when it
    is short, else the clause carrying what is asked with the clauses before it that name
    the subject, within CONCLUSION_CHARS."""
    # "要承担哪些基本职责": a list asked for is given whole, as far as a list runs
    # ("哪些部门配合" asks for the units a note names, not for a list of what is done)
    listed = reader.asks_list and Kind.UNITS not in reader.asked
    room = CONCLUSION_CHARS * (_LIST_ROOM if listed else 1)
    meta = scored.unit.hit.meta
    return _answering_clauses(_tidy(scored.unit.text), reader, room, f"{meta.title} {meta.region}")


def _task_clauses(text: str, reader: EvidenceReader, room: int) -> str:
    """A task's heading ("(1)加快质量创新,打造企业质量标杆。"), which says what the task is,
    then the clauses of its text that answer."""
    heading = _TASK_HEADING.match(text)
    if heading is None or len(text) <= room:
        return _answering_clauses(text, reader, room)
    rest = text[heading.end():]
    return heading.group(0) + _answering_clauses(rest, reader, room - heading.end())


_TASK_HEADING = re.compile(r"^[^。;；]{2,30}[。;；]")


def _answering_clauses(text: str, reader: EvidenceReader, room: int, title: str = "") -> str:
    """The clauses of `text` that answer, within `room` characters: all of it when short.
    The words of the document's `title` hold for every clause ("许昌市市长质量奖…是…最高质量
    荣誉奖" is not the clause of "颁给什么样的单位" for naming the prize)."""
    if len(text) <= room:
        return text
    bounds, start = [], 0
    for match in CLAUSE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    rated = []
    # "对单位处…罚款,对个人处…罚款": where the unit pays each class its own, the class asked
    contrasted = len(recipient_classes(text)) > 1
    for index, (a, b) in enumerate(bounds):
        clause = text[a:b]
        # what must be carried counts most: "会被罚多少钱" is the clause with the sum, not the
        # one that orders the act corrected
        carried = carried_kinds(clause)
        kind_bonus = (1.0 if reader.asked & carried else 0.0) \
            + _REQUIRED_CREDIT * len(reader.required & carried)
        if reader.asks_cap and CAP.search(clause):
            kind_bonus += 0.5
        if contrasted:
            kind_bonus += _RECIPIENT_CREDIT * _same_recipient(reader.recipients, clause)
        # a clause is read with the one before it: "对新获得国内外专利授权的," says what
        # "给予每件6000元奖励;" pays for
        # ("新城是指…" read with "中心城是指…" before it does not hold "中心城" as well as that does)
        said = text[bounds[index - 1][0]:b] if index else clause
        rated.append(((reader.relevance(said, title=title) + reader.relevance(clause, title=title)) / 2
                      + kind_bonus, index))
    rating = [value for value, _ in sorted(rated, key=lambda pair: pair[1])]
    _, best = max(rated)
    first, last = best, best
    while True:
        # grow toward the better-rated neighbour first, so that "…的民办学校," takes the
        # clause after it that names who approves, not the clauses of another case before it
        options = []
        if first > 0 and bounds[last][1] - bounds[first - 1][0] <= room:
            options.append((rating[first - 1], 0, first - 1))
        if last + 1 < len(bounds) and bounds[last + 1][1] - bounds[first][0] <= room:
            # a sentence that runs on ("…的民办学校,") says its point in what follows
            runs_on = _RUNS_ON.search(text[bounds[last][0]:bounds[last][1]])
            options.append((rating[last + 1] + (_RUN_ON_CREDIT if runs_on else 0.0), 1, last + 1))
        if not options:
            break
        _, _, index = max(options)
        first, last = min(first, index), max(last, index)
    clause = text[bounds[first][0]:bounds[last][1]]
    return ("…" if first > 0 else "") + clause + ("…" if last + 1 < len(bounds) else "")


def _same_recipient(asked: frozenset[str], clause: str) -> int:
    """1 for a clause about the class of recipient the question names alone ("个人…罚多少"
    and "对个人处五百元…"), -1 for one about another class only, else 0."""
    named = recipient_classes(clause)
    if not asked or not named:
        return 0
    if named <= asked:
        return 1
    return -1 if not named & asked else 0


_RECIPIENT_CREDIT = 0.6
_REQUIRED_CREDIT = 0.25


def compose(question: str, intent: str, chosen: Sequence[Scored], reader: EvidenceReader,
            neighbours: Neighbours | None = None,
            sections: Callable[[Unit], list[Span]] | None = None,
            definitions: Callable[[str], list[tuple[str, Span]]] | None = None) -> Answer:
    """The conclusion first, each line cited, then the documents it rests on.
    `definitions`: the terms a document defines, with the sentence defining each."""
    metas = {s.unit.hit.meta.doc_id: s.unit.hit.meta for s in chosen}
    citer = Citer(metas)
    lines = []
    listed: set[tuple[str, int]] = set()  # (document, start) of the sentences shown
    said: set[str] = set()
    for s in chosen:
        unit = s.unit
        doc_id = unit.hit.chunk.doc_id
        if (doc_id, unit.start) in listed or (
                unit.lead is not None and (doc_id, unit.lead.start) in listed):
            continue
        sentence = f"{doc_id}\n{_compact(unit.text)}"
        if sentence in said:
            continue  # the same sentence in three articles of one document is said once
        said.add(sentence)
        if unit.lead is not None and unit.lead_chunk is not None and (
                reader.asks_list or reader.relevance(unit.lead.quote) >= reader.relevance(unit.text)
                or (Kind.DUTY in reader.asked or intent == Intent.DUTIES)
                and Kind.DUTY in carried_kinds(unit.lead.quote)):
            # the question is about what the list's lead names ("领导小组职责"): every item
            items = _items_after(unit.lead_chunk, unit.lead.end, neighbours)
            if not reader.asks_list and Kind.UNITS in reader.required & s.carries \
                    and Kind.UNITS not in carried_kinds(unit.lead.quote):
                # "街路巷由谁批准": the one item that names who, under its lead
                items = [unit.span()]
            elif all(span.start != unit.start for span in items):
                # the item that answers is shown though the list is cut before it
                items = [*items, unit.span()]
            items += [span for span in _rule_goes_on(unit, reader, neighbours)
                      if all(span.start != item.start for item in items)]
            listed |= {(doc_id, span.start) for span in items} | {(doc_id, unit.lead.start)}
            lines.append(f"{_tidy(unit.lead.quote)}{citer.cite(unit.lead)} " + " ".join(
                f"{_tidy(span.quote)}{citer.cite(span)}" for span in items))
            continue
        task = task_before(unit)
        if task is not None:
            # "(责任单位:…,市委宣传部)" names who; what they do is the task it closes. Asked
            # who, the note comes first
            note = f"{_tidy(unit.text)}{citer.cite(unit.span())}"
            if Kind.UNITS in reader.asked:
                lines.append(f"{note} 任务:{_clip(_tidy(task.quote), _TASK_LABEL_CHARS)}{citer.cite(task)}")
            else:
                # "市委宣传部在质量强市宣传上要做些什么": the clauses of its task that say so
                # ("发挥新闻媒体宣传引导作用,…"), not its first words
                room = CONCLUSION_CHARS * (_LIST_ROOM if Kind.DUTY in reader.asked else 1)
                lines.append(f"{_task_clauses(_tidy(task.quote), reader, room)}"
                             f"{citer.cite(task)} {note}")
            continue
        lead = ""
        if unit.lead is not None:
            lead = f"{_tidy(unit.lead.quote)}{citer.cite(unit.lead)} "
        line = f"{lead}{conclusion(s, reader)}{citer.cite(unit.span())}"
        listed.add((doc_id, unit.start))  # (not said again after the next unit)
        following = _following(s, reader, neighbours) or _goes_on_to_answer(s, reader, neighbours)
        for span in [*following, *_rule_goes_on(unit, reader, neighbours)]:
            if (doc_id, span.start) in listed:
                continue
            line += f" {_tidy(span.quote)}{citer.cite(span)}"
            listed.add((doc_id, span.start))  # a sentence shown after one unit is not shown again
        if definitions is not None and s is chosen[0] and _ASKS_SPECIFIC.search(question):
            defining = _definition_asked(question, unit, definitions(doc_id))
            if defining is not None and (doc_id, defining.start) not in listed:
                line += f" {_tidy(defining.quote)}{citer.cite(defining)}"
                listed.add((doc_id, defining.start))
        children = sections(unit) if sections is not None and reader.asks_list else []
        if len(children) >= 2 and s is chosen[0]:
            # "四大工程具体指哪四个": the sections under the one the unit stands in
            line += " 包括:" + " ".join(f"{_tidy(span.quote)}{citer.cite(span)}"
                                       for span in children)
        lines.append(line)
    if len(lines) > 1:
        lines = [f"- {line}" for line in lines]
    sources = list(dict.fromkeys(document_label(metas[c.doc_id]) for c in citer.citations))
    lines.append("来源:" + ";".join(sources))
    return Answer(question=question, answer="\n".join(lines), refused=False, intent=intent,
                  citations=tuple(citer.citations))


# what a question says when it asks a term to be made specific (the term follows or precedes)
_ASKS_SPECIFIC = re.compile(r"哪些|哪几|哪类|什么|是指|指的是|包括|范围|界定|含义|定义")


def _definition_asked(question: str, unit: Unit, defined: list[tuple[str, Span]]) -> Span | None:
    """"具体是哪些亲属不行": the unit says "近亲属", which the law defines in another article
    ("本条例所称近亲属,是指配偶、父母…"); the definition of a term of the unit that the
    question asks to be made specific."""
    for term, span in defined:
        if term not in unit.text or unit.start <= span.start < unit.end:
            continue
        head = re.escape(term[-2:])
        if re.search(rf"(?:哪些|哪几种?|哪类|什么样?的?){head}|{head}.{{0,8}}(?:是指|指的是|指什么|包括|范围|界定|含义|定义)",
                     question):
            return span
    return None


# "(市商务局牵头,…配合)" / "〔责任单位:省市场监管局按职责分工负责。〕" / "X、Y负责落实。": the
# note after a task that names who carries it out
_RESPONSIBILITY_NOTE = re.compile(r"牵头|配合|负责|责任单位|责任部门|主管部门|承办")
_NOTE_CHARS = 120
_HEADING_CHARS = 30
_BODY_CHARS = 220



def _clip(text: str, chars: int = CONCLUSION_CHARS) -> str:
    return text if len(text) <= chars else text[:chars] + "…"


_TASK_LABEL_CHARS = 36


_INTRODUCES_LIST = re.compile(r"下列|以下(?:情形|条件|行为|情况)")
_CONSEQUENCE_KINDS = frozenset({Kind.CONDITION, Kind.PENALTY, Kind.PERIOD, Kind.DUTY})
_CLOSING_SENTENCES = 2
_RULED_KINDS = frozenset({Kind.CONDITION, Kind.PENALTY})
_CONSEQUENCE = re.compile(r"不得|撤销|取消|追回|收回|追缴|罚款|吊销")


def _rest_of_article(unit: Unit, neighbours: Neighbours | None) -> list[Span]:
    """The sentences of an article after its first one, its items passed over."""
    rest: list[Span] = []
    for span in _units_after(unit.hit.chunk, unit.end, neighbours, _MAX_ITEMS * 3):
        if _ARTICLE_AT.match(span.quote):
            break
        if _ITEM.match(span.quote):
            continue
        rest.append(span)
        if len(rest) == _CLOSING_SENTENCES:
            break
    return rest


def _rule_goes_on(unit: Unit, reader: EvidenceReader, neighbours: Neighbours | None) -> list[Span]:
    """"第十六条 获奖企业…如发生下列情形之一的,…撤销其…奖项…。撤销奖项的企业不得参加下一届…评审。
    (三)…": for an item asked about, the consequence its article's lead goes on to state."""
    if unit.lead is None or unit.lead_chunk is None or not _ARTICLE_AT.match(unit.lead.quote) \
            or not reader.asked & _RULED_KINDS:
        return []
    going_on = []
    for span in _units_after(unit.lead_chunk, unit.lead.end, neighbours, _CLOSING_SENTENCES):
        if _ITEM.match(span.quote) or _ARTICLE_AT.match(span.quote):
            break  # (what stands after the items is another paragraph's rule)
        going_on.append(span)
    return [span for span in going_on if _CONSEQUENCE.search(span.quote) and span.start != unit.start]


def _following(scored: Scored, reader: EvidenceReader,
               neighbours: Neighbours | None) -> list[Span]:
    """What must be read after a unit for it to answer: the items a list's lead introduces,
    or, for "who" questions, the note naming the units that carry out a task."""
    unit = scored.unit
    after = _units_after(unit.hit.chunk, unit.end, neighbours)
    cited = items_cited_before(unit, neighbours)
    if cited:
        return cited  # "前款第(一)、(二)、(八)项规定的重大事项…": what those items are
    if _LEAD.search(unit.text):
        return _items_after(unit.hit.chunk, unit.end, neighbours)
    if Kind.FUNDING in reader.asked and after and after[0].chunk_id == unit.hit.chunk.chunk_id \
            and FUNDING_RULE.search(_compact(after[0].quote)):
        # "…政府质量奖的奖励资金由市级财政承担。其他奖项的奖励资金,…县市单位由所在县市财政承担。":
        # who pays is one rule in sentences that divide the prizes between them
        return after[:1]
    if (_INTRODUCES_LIST.search(unit.text) or _ARTICLE_AT.match(unit.text)) \
            and reader.asked & _CONSEQUENCE_KINDS:
        # "第十五条 对弄虚作假…骗取…的企业,…撤销其奖项,追缴奖金。该企业不得参加下两届…": the
        # sentences after an article's first one, past its list of items, are part of its rule
        return _rest_of_article(unit, neighbours)
    if len(_compact(unit.text)) <= _HEADING_CHARS and _ITEM.match(unit.text) and after \
            and not reader.asked & scored.carries:
        # "(一)实施质量建设“四强工程”。" is a heading: what it names is said after it
        body, size = [], 0
        for span in after:
            if _ITEM.match(span.quote) or span.chunk_id != after[0].chunk_id \
                    or size + len(span.quote) > _BODY_CHARS:
                break
            body.append(span)
            size += len(span.quote)
        if body:
            return body
    if Kind.UNITS in reader.asked and not _RESPONSIBILITY_NOTE.search(unit.text):
        # the note closes the item the unit belongs to: read on until the next item starts
        for index, span in enumerate(after):
            if _ITEM.match(span.quote) or (index and span.chunk_id != after[index - 1].chunk_id
                                            and span.chunk_id != unit.hit.chunk.chunk_id
                                            and index > 1):
                break
            if _RESPONSIBILITY_NOTE.search(span.quote) and len(span.quote) <= _NOTE_CHARS:
                return [span]
    return []




def _goes_on_to_answer(scored: Scored, reader: EvidenceReader,
                       neighbours: Neighbours | None) -> list[Span]:
    """"…需要民族自治地方承担配套资金的,适当降低配套资金的比例。民族自治地方的国家扶贫重点县和
    财政困难县确实无力负担的,免除配套资金。": the sentence after a unit, in its paragraph, that
    states the case of the same rule the question asks ("什么样的县可以不用承担配套资金"): it
    holds the question better read with the unit than the unit alone does."""
    unit, chunk = scored.unit, scored.unit.hit.chunk
    after = _units_after(chunk, unit.end, neighbours, 1)[:1]
    if not after or after[0].chunk_id != chunk.chunk_id \
            or _ITEM.match(after[0].quote) or _ARTICLE_AT.match(after[0].quote) \
            or "\n" in chunk.text[unit.end - chunk.start:after[0].start - chunk.start]:
        return []  # (the next sentence of the same paragraph only)
    named = f"{unit.hit.meta.title} {unit.hit.meta.region}"  # (its words hold for every unit)
    alone = reader.relevance(unit.text, title=named)
    read_on = reader.relevance(f"{unit.text}{after[0].quote}", title=named)
    # (it holds a good share of what the unit lacks of the question)
    return after if read_on - alone >= max(_READ_ON_GAIN, _READ_ON_SHARE * (1 - alone)) else []


_READ_ON_GAIN = 0.02
_READ_ON_SHARE = 0.4


_KIND_WORDS = {
    Kind.MONEY: "金额或比例", Kind.COUNT: "数量", Kind.PERIOD: "期限或周期", Kind.DATE: "日期",
    Kind.QUANTITY: "数值",
}


def absence(question: str, intent: str, lacking: Sequence[Scored],
            reader: EvidenceReader, document: Callable[[str], str] | None = None) -> Answer:
    """A refusal that says which documents speak of the subject without what was asked.

    That a document does not state an amount (a period, a count, a date) is said only where no
    sentence of it states one at all; otherwise only that no passage found states it."""
    if not lacking:
        return Answer(question=question, answer=REFUSAL, refused=True, intent=intent)
    kinds = [k for k in sorted(reader.required, key=str) if k in _KIND_WORDS]
    what = "、".join(_KIND_WORDS[k] for k in kinds)
    documents = list(dict.fromkeys(s.unit.hit.chunk.doc_id for s in lacking[:3]))
    labels = {s.unit.hit.chunk.doc_id: document_label(s.unit.hit.meta) for s in lacking[:3]}
    titles = ";".join(labels[d] for d in documents)
    silent = bool(kinds) and document is not None and not any(
        set(kinds) & carried_kinds(sentence)
        for doc_id in documents for sentence in _SENTENCE_END.split(document(doc_id)))
    if silent:
        text = f"{REFUSAL}已收录的{titles}涉及所问事项,但全文未载明任何{what}。"
    else:
        text = (f"{REFUSAL}已收录的{titles}涉及所问事项,但检索到的条文中未找到所问的"
                f"{what or '内容'},请以原文为准。")
    return Answer(question=question, answer=text, refused=True, intent=intent)





_MARK = re.compile(r"\[(\d+)\]")


# the facts a line states: amounts, dates, deadlines, counts ("5月底前", "第62次", "300项")
_STATED = re.compile(r"第?\d+(?:\.\d+)?\s*[\u4e00-\u9fff%]{0,2}|[一二三四五六七八九十百千万两]+[万元年月日个项家名次倍]")


_ROW_NUMBER = re.compile(r"^[-\s…]*\d{1,3}\s*\|")
_ITEM_NUMBER = re.compile(r"[(（]\d{1,2}[)）]|(?<![\d.])\d{1,2}\s*[.．、](?!\d)")


def _says_more(line: str, answer: str) -> bool:
    """Whether a line states an amount, date or count the answer does not: "5月底前" beside a
    fact line that names only who leads the task."""
    # "14 | …": a table row's serial number states nothing
    line = _ROW_NUMBER.sub("", line)
    line = _ITEM_NUMBER.sub("", line)  # "(3)建立…" / "4 .开展…": an item's number states nothing
    said = _compact(answer)
    if any(_compact(found) not in said for found in _STATED.findall(line)):
        return True
    # "待品牌成熟后,交由夏县电商协会具体负责运营" beside a fact line that names only the bureau
    # that manages: a body the answer does not name
    return any(_compact(found) not in said for found in _BODY.findall(line))


# a body named in a line as one that acts, without the word that leads to it ("由", "交由",
# "会同"): "交由夏县电商协会具体负责运营", not "在知识产权海关保护展示中心等场所"
_BODY = re.compile(r"(?:(?<=[由交同和及与、,，;；:：])|^)(?:由|交由|会同)?"
                   r"([\u4e00-\u9fff]{2,12}?(?:协会|委员会|中心|局|厅|办公室|公司|银行|海关|法院|检察院))"
                   r"(?=[负牵配承组实具、,，;；。和及与]|$)")


def add_lines(first: Answer, second: Answer) -> Answer:
    """`first` with the lines of `second` whose quotes it does not already cite, renumbered;
    for the parts of a compound question that the first answer leaves open."""
    if second.refused:
        return first
    held = [(c.doc_id, c.start, c.end) for c in first.citations]

    def overlaps(citation: Citation) -> bool:
        return any(doc == citation.doc_id and start < citation.end and citation.start < end
                   for doc, start, end in held)

    by_number = {c.n: c for c in second.citations}
    citations = list(first.citations)
    renumber: dict[int, int] = {}
    lines = []
    for line in second.answer.split("\n"):
        numbers = [int(n) for n in _MARK.findall(line)]
        if not numbers:
            continue
        quoted = [by_number[n] for n in numbers if n in by_number]
        if quoted and all(overlaps(c) for c in quoted) \
                and not _says_more(_MARK.sub("", line), first.answer):
            continue  # the first answer quotes these passages and already says what they say
        for n in numbers:
            if n not in renumber and n in by_number:
                renumber[n] = len(citations) + 1
                citations.append(replace(by_number[n], n=renumber[n]))
        lines.append(_MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", line))
    if not lines:
        return first
    cited = {c.doc_id for c in first.citations}
    labels = list(dict.fromkeys(
        f"《{c.title}》" for c in citations[len(first.citations):] if c.doc_id not in cited))
    text = "\n".join([first.answer, *lines, *(["另见:" + ";".join(labels)] if labels else [])])
    return replace(first, answer=text, citations=tuple(citations))

