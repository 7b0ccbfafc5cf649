"""Evidence first: read what retrieval found unit by unit and answer from the unit that
carries what the question asks for.

A unit is a sentence, a list item, or a table row read with its header. A list item is read
with the line that introduces it ("有下列情形之一的,由省工商行政管理局撤销…:" before
"(一)以提供虚假证明文件…的;"). Units are scored by how much of the question's weight they
hold (words by IDF, and character pairs, which survive the segmenter's different cuts of
colloquial and formal wording), with the passage's own retrieval standing as a prior. A unit
answers a question that asks for a number (money, a count, a period, a date) only if it
carries one; otherwise the documents are read further before absence is stated."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from app.answer import Answer
from app.asked import NUMERIC, Kind, asked_kinds
from app.evidence.compose import absence, add_lines, compose
from app.evidence.keys import asked_posts
from app.evidence.reader import NEAR_BEST, SANCTION_ASKED, EvidenceReader, Scored
from app.evidence.selection import (
    _distinct,
    _dominant_document,
    has_own_sanction,
    in_article_of,
    select_units,
)
from app.evidence.units import (
    _ARTICLE_START,
    Unit,
    _compact,
    article_table,
    defined_terms,
    read_units,
    subsections,
)
from app.query import Query
from ingest.document import Chunk, Span
from kb.hit import Hit

__all__ = [
    "EvidenceReader",
    "Library",
    "add_lines",
    "answer_from_evidence",
    "names_what_is_asked",
    "question_parts",
    "read_units",
    "select_units",
]


class Library(Protocol):
    """What the evidence reader needs of the knowledge base."""

    def tokenize(self, text: str) -> list[str]: ...
    def term_weights(self, tokens: Iterable[str]) -> dict[str, float]: ...
    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]: ...
    def chunks(self, doc_id: str | None = None) -> list[Chunk]: ...


# "…哪天起施行？同时废止了哪部法规？" / "…谁起草的？征求了多少个部门的意见？": parts asked at once
_PART_END = re.compile(r"[？?；;]|(?:另外|此外|还有|同时)(?=[\u4e00-\u9fff]{4})")
_MIN_PART_CHARS = 4
# a part that makes the one before it specific, or gives an example of it
_CONTINUES = re.compile(r"(?:具体|比如|例如|譬如|比方说?|特别是|尤其是?|也就是说?)")


def question_parts(question: str) -> list[str]:
    """The parts of a compound question, each asking for its own thing; one part if simple."""
    parts: list[str] = []
    pieces = [piece for p in _PART_END.split(question) for piece in _numbers_apart(p)]
    for part in (p.strip(" ,，。") for p in pieces):
        if len(re.findall(r"[\u4e00-\u9fff]", part)) < _MIN_PART_CHARS:
            continue
        if parts and _CONTINUES.match(part):
            # "…能当工会负责人吗？具体是哪些亲属不行？": the same question made specific
            parts[-1] = f"{parts[-1]},{part}"
        else:
            parts.append(part)
    return parts if len(parts) > 1 else [question]


# kinds a clause asks for as a part of its own: a number, who pays, who acts
# ("能拿多少奖金,钱从哪出" asks a sum and its budget)
# (who, where a question word asks it: "向反垄断执法机构举报," only says to whom one went)
_OWN_PART_KINDS = frozenset(NUMERIC) | {Kind.FUNDING, Kind.UNITS}
_ASKS_WHO = re.compile(r"谁|哪|什么|啥")


def _numbers_apart(part: str) -> list[str]:
    """"多长时间评选一次,每次评几家企业": clauses between commas that each ask for a number of
    their own kind are parts of their own; any other clause stays with the one it leads to."""
    clauses = re.split(r"(?<=[,，])", part)
    groups: list[tuple[str, frozenset[Kind]]] = []
    pending = ""  # clauses that ask no number of a new kind, waiting for one that does
    for clause in clauses:
        kinds = asked_kinds(clause) & (_OWN_PART_KINDS if _ASKS_WHO.search(clause)
                                       else frozenset(NUMERIC))
        if kinds and (not groups or pending or not kinds & groups[-1][1]):
            groups.append((pending + clause, kinds))
            pending = ""
        else:
            pending += clause
    if not groups:
        return [part]
    if pending:
        groups[-1] = (groups[-1][0] + pending, groups[-1][1])
    return [text for text, _ in groups]


def _rest_of(doc_id: str, hits: Sequence[Hit], seen: Iterable[str],
             library: Library) -> list[Hit]:
    """The passages of the document retrieval is about that were not read yet."""
    if not doc_id:
        return []
    meta = next(hit.meta for hit in hits if hit.chunk.doc_id == doc_id)
    read = set(seen)
    return [Hit(chunk, meta, 0.0) for chunk in library.chunks(doc_id)[:_DOCUMENT_CHUNKS]
            if chunk.chunk_id not in read]


def _act_asked(reader: EvidenceReader, hits: Sequence[Hit], library: Library) -> list[Scored]:
    """For a sanction asked in the user's own words, the rule of the document retrieval is
    about that holds the act best, though less than a unit must hold to answer: "行人不走人行
    横道乱穿马路…罚多少" finds "(三)在没有人行横道…的路段横过机动车道的,…" of 洛阳's law, whose
    article the penalty article cites ("违反本条例第二十九条、第三十条规定的,…罚款")."""
    top = [hit.chunk.doc_id for hit in hits[:_ACT_PASSAGES]]
    about = max(top, key=top.count, default="")  # (the document most of them come from)
    if not about or top.count(about) * 2 < len(top):
        return []
    scored = [reader.score(unit) for hit in hits if hit.chunk.doc_id == about
              for unit in read_units(hit, library.neighbours)]
    acts = [s for s in scored if s.relevance >= _ACT_RELEVANCE and s.unit.scope
            and reader.names_keys(s.unit) and s.carries & {Kind.CONDITION, Kind.DUTY}]
    return sorted(acts, key=lambda s: -s.relevance)[:1]


_ACT_RELEVANCE = 0.3
_ACT_PASSAGES = 8


def _passages_of_article(anchor: Scored, hits: Sequence[Hit]) -> list[Hit]:
    """The passages that stand in the article of a unit."""
    article = _compact(anchor.unit.scope)
    return [hit for hit in hits if article and _compact(hit.chunk.text)[:_ARTICLE_PROBE] in article]


_ARTICLE_PROBE = 30


def _sanctions_of(anchor: Scored, reader: EvidenceReader, library: Library,
                  articles: Callable[[str], dict[str, str]]) -> list[Scored]:
    """The units answering a fine for the act of `anchor`, read in its own article and in
    the articles citing it."""
    doc_id = anchor.unit.hit.chunk.doc_id
    passages = _rest_of(doc_id, [anchor.unit.hit], (), library)
    article = _passages_of_article(anchor, passages) \
        + _passages_citing(anchor, passages, articles(doc_id))
    return select_units(reader, article, library.neighbours, doc_id)[0]


def _passages_citing(anchor: Scored, hits: Sequence[Hit], articles: dict[str, str]) -> list[Hit]:
    """The passages of the articles that cite the article of a unit by number ("违反本条例第
    二十七条规定")."""
    own = _ARTICLE_START.match(anchor.unit.scope)
    if own is None:
        return []
    cites = f"第{own.group(1)}条"
    citing = [_compact(body) for number, body in articles.items()
              if number != own.group(1) and cites in body]
    return [hit for hit in hits if any(_compact(hit.chunk.text)[:_ARTICLE_PROBE] in body
                                       for body in citing)]


def _defining_unit(reader: EvidenceReader, hits: Sequence[Hit],
                   library: Library) -> Scored | None:
    """Where a definition is asked, the unit of the document retrieval is about that defines
    the longest term the question names ("本条例所称的零散工业废水,是指…")."""
    if Kind.DEFINITION not in reader.asked or not hits:
        return None
    about = _dominant_document(hits) or hits[0].chunk.doc_id
    asked = _compact(reader.part or reader.question)
    chunks = library.chunks(about)
    named = [(term, span) for term, span in defined_terms(chunks)
             if len(term) >= 2 and term in asked]
    if not named:
        return None
    span = max(named, key=lambda found: len(found[0]))[1]
    chunk = next(c for c in chunks if c.chunk_id == span.chunk_id)
    meta = next(hit.meta for hit in hits if hit.chunk.doc_id == about)
    units = [unit for unit in read_units(Hit(chunk, meta, 0.0), library.neighbours)
             if unit.start <= span.start < unit.end]
    if not units:
        return None
    scored = reader.score(units[0])
    # ("单台价值达到多少万元以上才算“大型科学仪器设施”": a definition with no amount does
    # not answer the amount)
    return scored if not reader.required or reader.required & scored.carries else None


def _agreed_by_parts(readers: Sequence[EvidenceReader], hits: Sequence[Hit],
                     library: Library) -> list[Scored]:
    """The unit every part of a question holds best, where it carries what each part asks and
    one part holds it nearly as well as a whole question must be held."""
    units = [unit for hit in hits for unit in read_units(hit, library.neighbours)]
    best = []
    for reader in readers:
        scored = [reader.score(unit) for unit in units if reader.names_keys(unit)]
        top = max(scored, key=lambda s: s.relevance, default=None)
        if top is None or not reader.answers(top):
            return []
        best.append(top)
    places = {(s.unit.hit.chunk.doc_id, s.unit.start) for s in best}
    if len(places) > 1 or max(s.relevance for s in best) < _AGREED_PARTS:
        return []
    return [max(best, key=lambda s: s.relevance)]


_AGREED_PARTS = 0.36


def _one_unit_each(per_part: list[list[Scored]]) -> list[list[Scored]]:
    """One unit for each part of a compound question, as many of them different as can be and
    the best together: "有效期多长？什么时候申请续展？" takes "有效期为10年" for the first part
    although "届满前6个月内申请续展备案" holds more of its words, for that one answers the second."""
    options: list[list[Scored | None]] = [[*found[:_PART_OPTIONS]] or [None] for found in per_part]

    def key(s: Scored | None) -> tuple[str, int] | None:
        return (s.unit.hit.chunk.doc_id, s.unit.start) if s is not None else None

    def worth(choice: tuple[Scored | None, ...]) -> tuple[int, float]:
        distinct = {key(s) for s in choice if s is not None}
        return len(distinct), sum(s.score for s in choice if s is not None)

    best = max(itertools.product(*options), key=worth)
    return [[s] if s is not None else [] for s in best]


_PART_OPTIONS = 3
_PART_NEAR_BEST = 0.7
_DOCUMENT_CHUNKS = 800  # a document read whole before absence is stated
_READ_IN_EVERY_FORMAT = frozenset({Kind.MONEY, Kind.PERIOD, Kind.DATE})


def answer_from_evidence(query: Query, hits: Sequence[Hit], library: Library,
                         wider: Callable[[], Sequence[Hit]] | None = None,
                         best_only: bool = False, subject: str = "") -> Answer:
    """Answer from the units of the retrieved passages, each part of a compound question on
    its own; where none carries what is asked, read every passage `wider` gives (those
    naming the subject) before stating absence."""
    tables: dict[str, dict[str, str]] = {}

    def articles(doc_id: str) -> dict[str, str]:
        if doc_id not in tables:
            tables[doc_id] = article_table(library.chunks(doc_id))
        return tables[doc_id]

    texts: dict[str, str] = {}

    def document(doc_id: str) -> str:  # read and compacted once per question and document
        if doc_id not in texts:
            texts[doc_id] = _compact("".join(chunk.text for chunk in library.chunks(doc_id)))
        return texts[doc_id]

    question, intent, parts = query.text, str(query.intent), query.parts
    readers = [EvidenceReader(question, library.tokenize, library.term_weights,
                              part if len(parts) > 1 else None, articles, query.region,
                              document)
               for part in parts]
    per_part: list[list[Scored]] = []
    lacking: list[Scored] = []
    extra: list[Hit] | None = None
    rest: list[Hit] = []
    # (each part of a compound question keeps more of its units, so that the parts can be
    # answered by different ones: "期限最长多少年？临时用呢？" is not answered twice by "临时
    # 使用许可的期限最长不得超过一年")
    near = _PART_NEAR_BEST if len(readers) > 1 else NEAR_BEST
    for reader in readers:
        found, missing = select_units(reader, hits, library.neighbours, subject, near_best=near)
        if not found and reader.required and wider is not None \
                and not has_own_sanction(reader, missing):
            if extra is None:
                seen = {hit.chunk.chunk_id for hit in hits}
                # where retrieval is about one document, the amount missed is looked for in
                # it: a 供热 question is not answered by a 抗震 article that says "平方米"
                about = _dominant_document(hits)
                extra = [hit for hit in wider() if hit.chunk.chunk_id not in seen
                         and (not about or hit.chunk.doc_id == about)]
                rest = _rest_of(about, hits, [*seen, *(hit.chunk.chunk_id for hit in extra)],
                                library)
            found, more_missing = select_units(reader, extra, library.neighbours)
            if not found and rest and not SANCTION_ASKED.search(reader.part or question):
                # the number asked may stand in any article of that document, in words
                # retrieval did not match ("最迟多久会给答复" / "270日内作出…决定"): the rest
                # of it is read, and a unit there answers only if it holds the question as
                # well as a retrieved one must (a fine is not looked for so: penalty articles
                # cite what they punish by number, and one for another act holds the question
                # as well)
                found, _ = select_units(reader, rest, library.neighbours, strict=True)
            elif not found and SANCTION_ASKED.search(reader.part or question) \
                    and (missing := missing or _act_asked(reader, hits, library)):
                # "…禁烟的地方抽烟,劝了还不掐,罚多少": the act is an item of a list ("(二)不在…
                # 禁止吸烟的场所吸烟"), its fine a paragraph further on in the same article
                # ("违反前款第(二)项规定的,…处二十元以下罚款")
                # or in the penalty article that cites it ("违反本条例第二十七条规定,…:(三)
                # 违反第三项规定的,…并处五千元以上二万元以下罚款")
                found = _sanctions_of(missing[0], reader, library, articles)
            missing = [*missing, *more_missing]
        elif found and missing and SANCTION_ASKED.search(reader.part or question) \
                and missing[0].relevance > found[0].relevance:
            # the act asked about holds the question better than the fine found, which
            # punishes another item of its list: the fine of that act is looked for
            cited = _sanctions_of(missing[0], reader, library, articles)
            if cited and cited[0].score > found[0].score:
                found = cited
        defining = _defining_unit(reader, hits, library)
        if defining is not None:
            # "“零散工业废水”是怎么界定的": the sentence defining that very term comes first,
            # before those defining "零散工业废水产生单位"
            found = [defining, *(s for s in found if s.unit.start != defining.unit.start
                                 or s.unit.hit.chunk.doc_id != defining.unit.hit.chunk.doc_id)]
        per_part.append(found)
        lacking += missing
    if len(readers) > 1:
        per_part = _one_unit_each(per_part)
    answered = [found for found in per_part if found]
    if len(readers) > 1 and answered:
        # "关税法什么时候施行？以前的条例还用吗？": the parts ask about one document; a part
        # that found nothing is read again in the document another part was answered from
        subject = answered[0][0].unit.hit.chunk.doc_id
        for index, reader in enumerate(readers):
            if not per_part[index] and reader.required:
                per_part[index] = select_units(reader, hits, library.neighbours, subject)[0][:1] \
                    or in_article_of(answered[0][0], reader, hits, library.neighbours)
    vague = [index for index, reader in enumerate(readers) if not reader.asked]
    # (an amount, a period or a date, which are read in every format; a document number or a
    # count may be written in one the readers miss, and the unit holding it is not withheld)
    unfound = [index for index, reader in enumerate(readers)
               if not per_part[index] and reader.required & _READ_IN_EVERY_FORMAT]
    wanted = {kind for index in unfound for kind in readers[index].required}
    carried = {kind for found in per_part for s in found for kind in s.carries}
    if unfound and vague and not wanted & carried \
            and all(index in vague for index, found in enumerate(per_part) if found):
        # "政府给不给补贴？一个人补多少？": the amount is what is asked; a passage that only
        # speaks of the subject answers neither part, and the amount's absence is said
        return absence(question, intent, lacking, readers[unfound[0]], document)
    if len(readers) > 1 and not any(per_part):
        # "…从国外引进…禁止进境的东西,有没有可能？要经谁点头？": no part is held well enough
        # alone, but every part is held best by the same unit, which answers them together
        per_part = [_agreed_by_parts(readers, hits, library)]
    chosen = [s for found in per_part for s in found]
    chosen = _distinct(chosen)[:1] if best_only else _distinct(chosen)
    if not chosen:
        return absence(question, intent, lacking, readers[0], document)
    def sections(unit: Unit) -> list[Span]:
        return subsections(unit.hit.chunk, library.chunks(unit.hit.chunk.doc_id))

    def definitions(doc_id: str) -> list[tuple[str, Span]]:
        return defined_terms(library.chunks(doc_id))

    return compose(question, intent, chosen, readers[0], library.neighbours, sections, definitions)


def names_what_is_asked(query: Query) -> Callable[[Hit, Span], bool]:
    """Whether a passage's fact names the post or seat a question asks about, as an answering
    unit must: "领导小组的组长由谁担任" is not answered by a task's note of responsible units.
    (Other things a question names are matched by the fact itself: a list question names
    several, each held by another fact.)"""
    posts = asked_posts(query.text)

    def names(hit: Hit, span: Span) -> bool:
        text = _compact(f"{span.quote} {hit.chunk.context} {' '.join(hit.chunk.section_path)}")
        return all(post.held(text) for post in posts)
    return names
