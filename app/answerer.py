"""Answering a question: route by intent to the extracted facts, else quote passages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from app.answer import Answer, Intent
from app.asked import NUMERIC, Kind, asks_effect, asks_issued
from app.citer import holds_place
from app.document_number import (
    answer_document_number,
    answer_effective_date,
    answer_issue_date,
    answer_issuer,
    asks_issuer,
    documents_named,
)
from app.errors import BadQuestion
from app.evidence import add_lines, answer_from_evidence, names_what_is_asked
from app.fact_answers import (
    answer_duties,
    answer_qualification,
    answer_responsibility,
    answer_reward,
    answer_target,
)
from app.limits import MAX_QUESTION_CHARS
from app.passages import relevant_hits
from app.query import Asked, Query, make_query
from app.titles import TitleIndex
from ingest.document import DocumentMeta, Span
from ingest.fact import Fact, FactKind
from ingest.numbers import YEAR
from ingest.places import place_names
from ingest.plain import expansion
from kb.hit import Hit
from kb.knowledge_base import KnowledgeBase
from kb.region import region_matches
from kb.tokenizer import domain_tokenizer

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

FactAnswer = Callable[[Asked, Sequence[Fact], Mapping[str, DocumentMeta]], Answer | None]
# the reward answer also reads targets and qualifications: an honour that is only a target
# (省长质量奖) is cited as such, with no amount borrowed from a similar award
_BY_INTENT: dict[Intent, tuple[FactKind | None, FactAnswer]] = {
    Intent.RESPONSIBILITY: (FactKind.RESPONSIBILITY, answer_responsibility),
    Intent.DUTIES: (FactKind.RESPONSIBILITY, answer_duties),
    Intent.REWARD: (None, answer_reward),
    Intent.QUALIFICATION: (FactKind.QUALIFICATION, answer_qualification),
    Intent.TARGET: (FactKind.TARGET, answer_target),
}


# intents whose facts can answer once retrieval found their passage, and the answerer that
# formats them (any overlap with the question suffices: retrieval already judged relevance)
_GROUNDED: dict[Intent, Callable[..., Answer | None]] = {
    Intent.RESPONSIBILITY: answer_responsibility,
    Intent.QUALIFICATION: answer_qualification,
    Intent.TARGET: answer_target,
}
_GROUNDING_PASSAGES = 2
# a question that names this many documents or fewer is searched in them too
_NAMED_DOCUMENTS = 2
# passages read unit by unit when no fact answers; and, before absence is stated, every
# passage that shares the question's keywords
_EVIDENCE_PASSAGES = 8
_ABSENCE_PASSAGES = 40
_PREFILTER_ABOVE = 2000
_PREFILTER_PASSAGES = 300
_POINTER_CHARS = 5  # the shortest tail of a pointing name that still names one thing


def readable(question: str) -> str:
    """The question as it can be printed: bytes that were not UTF-8 reach us as lone
    surrogates, which no encoder downstream takes; they become U+FFFD."""
    return _SURROGATE.sub("\ufffd", question or "")


def clean_question(question: str) -> str:
    """The question as text to match: NFKC, no control characters, bounded length."""
    # controls go before NFKC, which may lengthen the text: the patterns read what was sent
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", readable(question)))
    text = text.replace("\ufffd", "").strip()
    if not text:
        raise BadQuestion("问题为空 (the question is empty)")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(
            f"问题过长:{len(text)} 字,最多 {MAX_QUESTION_CHARS} 字 "
            f"(the question has {len(text)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return text


@dataclass(frozen=True)
class Evidence:
    """What the extractive path read to answer: the facts it quotes or the passages it
    searched, and the answer it made of them."""

    question: str  # cleaned
    intent: Intent
    region: str | None
    facts: tuple[Fact, ...]  # the facts whose spans the extractive answer cites
    hits: tuple[Hit, ...]  # the passages searched, where no fact answered
    extractive: Answer


class Answerer:
    """The extractive answerer: exact facts first, verbatim passages otherwise."""

    def __init__(self, kb: KnowledgeBase, top_k: int = 5) -> None:
        self.kb = kb
        self.top_k = top_k
        self._title_index: tuple[tuple[tuple[str, str], ...], TitleIndex] | None = None

    def ask(self, question: str, region: str | None = None) -> Answer:
        """Answer one question, optionally only from documents of `region`."""
        return self.evidence(question, region).extractive

    def evidence(self, question: str, region: str | None = None) -> Evidence:
        """The extractive answer to one question with the facts and passages it rests on."""
        # 1. normalise and read the question once
        metas = {meta.doc_id: meta for meta in self.kb.documents()}
        query = make_query(clean_question(question), readable(question), region,
                           [meta.region for meta in metas.values()])
        text, asked_text, intent, region = query.text, query.asked, query.intent, query.region
        chosen_region = query.explicit_region
        # 2. an exact answer from metadata or extracted facts, where there is one
        number = answer_document_number(text, metas, lambda d: self.kb.document(d).text)
        if number is not None and not number.refused:
            number = self._other_parts(number, query, self._search(text, region, metas))
            return Evidence(text, intent, region, (), (), replace(number, question=asked_text))
        if asks_issuer(text):
            # "…是哪个部门印发的": the issuers of the document named, from its header
            issuer = answer_issuer(text, metas, self._titled(text, metas))
            if issuer is not None:
                return Evidence(text, intent, region, (), (), replace(issuer, question=asked_text))
        asked = query.kinds
        facts: list[Fact] = []
        fact_refusal: Answer | None = None
        if intent in _BY_INTENT and _facts_can_answer(intent, asked):
            kind, answer_with = _BY_INTENT[intent]
            # the reward answer reads the question's region itself, so that it can say when
            # only another region's document rewards what was asked (and never as this one's)
            scope = chosen_region if intent == Intent.REWARD else region
            facts = self.kb.facts(str(kind) if kind else None, region=scope)
            if len(facts) > _PREFILTER_ABOVE and intent in _GROUNDED:
                # thousands of facts: match only those in passages that share the question's
                # keywords, or matching alone costs hundreds of milliseconds
                near = self.kb.keyword_chunk_ids(text, _PREFILTER_PASSAGES, scope)
                facts = [fact for fact in facts if fact.span.chunk_id in near]
            facts = self._of_years(facts, YEAR.findall(text), metas)
            facts = self._pointed_at(facts, query.identifying)
            facts = _of_documents_named(facts, text, metas)
            answer = answer_with(_on_topic(query), facts, metas)
            if answer is not None and not answer.refused:
                if _reads_beside(query):
                    answer = self._beside(answer, query, self._search(text, region, metas))
                return Evidence(text, intent, region, _cited_facts(answer, facts), (),
                                replace(answer, question=asked_text))
            # "no document gives an amount for X" is said only once the passages are read
            fact_refusal = answer
        # 3. the passages the question is about; the facts they hold, where the intent has some
        hits = self._search(text, region, metas)
        grounded = self._facts_in_passages(_on_topic(query), facts, hits[:self.top_k], metas,
                                           names_what_is_asked(query))
        if grounded is not None and _reads_beside(query):
            grounded = self._beside(grounded, query, hits)
        if grounded is not None:
            return Evidence(text, intent, region, _cited_facts(grounded, facts), tuple(hits),
                            replace(grounded, question=asked_text))
        # 4. otherwise the units of the passages that carry what is asked; a refusal when none
        if number is None and hits:
            # "南昌市长质量奖管理办法的发文字号": the document retrieval finds is the one named
            number = answer_document_number(text, metas, lambda d: self.kb.document(d).text,
                                            hits[0].meta)
            if number is not None and not number.refused:
                number = self._other_parts(number, query, hits)
                return Evidence(text, intent, region, (), tuple(hits),
                                replace(number, question=asked_text))
        answer = answer_from_evidence(
            query, hits, self.kb,
            lambda: self._local(self.kb.keyword_hits(text, _ABSENCE_PASSAGES, region,
                                                     expansion(text)), region, metas))
        if answer.refused and asks_effect(text):
            # "…从哪天开始施行": a date only the document's header gives
            answer = answer_effective_date(text, metas, hits[0].meta if hits else None) \
                or (self._effective_clause(query, hits, metas) if hits else None) or answer
        elif answer.refused and asks_issued(text):
            # "…是哪天印发的": the document's own date, which its source line shows
            # of a document the question names or nearly spells out, never of the best passage's
            answer = answer_issue_date(text, metas, self._titled(text, metas)) or answer
        if answer.refused and fact_refusal is not None:
            answer = fact_refusal
        elif answer.refused and number is not None:
            answer = number
        return Evidence(text, intent, region, (), tuple(hits), replace(answer, question=asked_text))

    def _of_years(self, facts: list[Fact], years: list[str],
                  metas: Mapping[str, DocumentMeta]) -> list[Fact]:
        """"上海2012年度农业品牌奖励标准": the facts of documents that speak of every year named
        (in their title, date or text); a 2011 notice does not answer for 2012."""
        if not years:
            return facts
        held: dict[str, bool] = {}
        for doc_id in {fact.span.doc_id for fact in facts}:
            meta = metas.get(doc_id)
            around = f"{meta.title} {meta.date}" if meta else ""
            unsaid = [year for year in years if year not in around]
            held[doc_id] = not unsaid or self._text_holds(doc_id, unsaid, every=True)
        return [fact for fact in facts if held[fact.span.doc_id]]

    def _pointed_at(self, facts: list[Fact], names: Sequence[str]) -> list[Fact]:
        """"那个设了鹤鸣质量奖的城市…归哪几个局管": the facts of the documents that hold the
        names the question points with (those names are not matched against the facts
        themselves); all facts where no document holds them."""
        if not names:
            return facts
        # "湖北荆江质量奖": the name may carry the place before it
        forms = [[name[i:] for i in range(len(name) - _POINTER_CHARS + 1)] for name in names]
        held = {doc_id for doc_id in {fact.span.doc_id for fact in facts}
                if all(self._text_holds(doc_id, options) for options in forms)}
        return [fact for fact in facts if fact.span.doc_id in held] if held else facts

    def _text_holds(self, doc_id: str, words: Sequence[str], every: bool = False) -> bool:
        """Whether a document's text (its passages, in memory) holds any, or `every`, of `words`."""
        text = "".join(chunk.text for chunk in self.kb.chunks(doc_id))
        return (all if every else any)(word in text for word in words)

    def _beside(self, answer: Answer, query: Query, hits: list[Hit]) -> Answer:
        """A fact answer with the lines the passages add to it: "要制定多少项标准？要形成几个产业
        集群？": the facts may answer one part, the others are read from the passages; "查禁赌博的
        主管部门是谁" / "品牌做起来以后由谁运营": a task matched in other words may not be the one
        asked, so the sentence that reads best is shown beside it ("交由…协会具体负责运营")."""
        compound = len(query.parts) > 1
        return add_lines(answer, answer_from_evidence(query, hits, self.kb,
                                                      best_only=not compound))

    def _other_parts(self, number: Answer, query: Query, hits: list[Hit]) -> Answer:
        """"是哪次会议通过的？文号是多少？": the parts beside the 文号 are read from the passages."""
        if len(query.parts) < 2:
            return number
        return add_lines(number, answer_from_evidence(query, hits, self.kb))

    def _search(self, text: str, region: str | None,
                metas: Mapping[str, DocumentMeta]) -> list[Hit]:
        """The passages for a question, and those of the documents it names."""
        k = max(self.top_k, _EVIDENCE_PASSAGES)
        also = expansion(text)  # "坐过牢" is searched as "刑事处罚" too
        hits = self.kb.search(text, k=k, region=region, also=also)
        named = {meta.doc_id for meta in documents_named(text, metas)}
        if len(named) > _NAMED_DOCUMENTS:
            named = set()
        # "宁波的宗教活动场所要办什么手续": the document whose title the question nearly spells out
        named |= set(self._titles(metas).about(text, exclude=named)[:_NAMED_DOCUMENTS - len(named)])
        if named:
            # "按照《土地调查条例》,…最多罚多少": the passages of the document named, beside the
            # best of all; in a library of thousands, its answering article may rank below others
            # (where every document it names is of a place inside the one the question names,
            # that place's document is read: "河南省陆浑水库…" names 洛阳's 陆浑水库 regulation;
            # "浙江企业搞工资集体协商…" names 浙江's own rules beside 杭州's, and is read in 浙江's)
            inside = region is not None and not any(
                region_matches(metas[doc_id].region, region) for doc_id in named)
            seen = {hit.chunk.chunk_id for hit in hits}
            hits += [hit for hit in self.kb.search(text, k=k, region=None if inside else region,
                                                   documents=named, also=also)
                     if hit.chunk.chunk_id not in seen
                     and (not inside or region_matches(region or "", hit.meta.region))]
        return self._local(hits, region, metas)

    def _effective_clause(self, query: Query, hits: list[Hit],
                          metas: Mapping[str, DocumentMeta]) -> Answer | None:
        """"对外关系法从哪天开始施行": the clause that says so ("本法自2023年7月1日起施行")
        shares no word with the question but 施行, so retrieval seldom finds it; it is read in
        the document the question names, or else in that of the best passage."""
        titled = self._titled(query.text, metas)
        doc_id = titled.doc_id if titled is not None else hits[0].chunk.doc_id
        clauses = [Hit(chunk, metas[doc_id], 0.0) for chunk in self.kb.chunks(doc_id)
                   if _EFFECTIVE_CLAUSE.search(chunk.text)]
        if not clauses:
            return None
        answer = answer_from_evidence(query, clauses, self.kb, best_only=True, subject=doc_id)
        return None if answer.refused else answer

    def _titled(self, text: str, metas: Mapping[str, DocumentMeta]) -> DocumentMeta | None:
        """The document whose title the question names or nearly spells out, if one."""
        titled = self._titles(metas).about(text)
        return metas[titled[0]] if titled else None

    def _titles(self, metas: Mapping[str, DocumentMeta]) -> TitleIndex:
        """The index of the titles held, rebuilt when the documents change."""
        key = tuple((doc_id, meta.title) for doc_id, meta in metas.items())
        if self._title_index is None or self._title_index[0] != key:
            self._title_index = (key, TitleIndex(metas, domain_tokenizer()))
        return self._title_index[1]

    def _local(self, hits: list[Hit], region: str | None,
               metas: Mapping[str, DocumentMeta]) -> list[Hit]:
        """Where the question names a place the library holds documents of, a document of
        unknown region answers only if its text names that place: "黔江区…奖多少" is not
        answered by a county's rule that never says which county it is."""
        if not region or not holds_place(metas, region):
            return hits
        names = place_names(region)
        unplaced = {hit.chunk.doc_id for hit in hits if not hit.meta.region}
        naming = {doc_id for doc_id in unplaced if self._text_holds(doc_id, names)}
        return [hit for hit in hits if hit.meta.region or hit.chunk.doc_id in naming]

    @staticmethod
    def _facts_in_passages(query: Query, facts: Sequence[Fact],
                           hits: Sequence[Hit], metas: Mapping[str, DocumentMeta],
                           names: Callable[[Hit, Span], bool]) -> Answer | None:
        """The structured answer from the facts inside the best passages.

        Fact matching alone misses paraphrases ("争创质量强县这事由哪些单位负责"); hybrid
        search finds the passage by meaning, and its facts then answer exactly as written.
        """
        if query.intent not in _GROUNDED:
            return None
        passages = {hit.chunk.chunk_id: hit for hit in relevant_hits(hits)[:_GROUNDING_PASSAGES]}
        # (a fact answers only where its passage names what the question names)
        pool = [fact for fact in facts if fact.span.chunk_id in passages
                and names(passages[fact.span.chunk_id], fact.span)]
        return _GROUNDED[query.intent](query, pool, metas, 0.0) if pool else None


_EFFECTIVE_CLAUSE = re.compile(
    r"自\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|公布之日|发布之日|印发之日)\s*起\s*"
    r"(?:施行|实施|生效|执行)")


def _of_documents_named(facts: list[Fact], text: str,
                        metas: Mapping[str, DocumentMeta]) -> list[Fact]:
    """"根据《内河交通安全管理条例》,乡镇人民政府要履行哪些职责": the facts of the documents
    the question names (of all, where it names none or too many to mean one)."""
    named = {meta.doc_id for meta in documents_named(text, metas)}
    if not named or len(named) > _NAMED_DOCUMENTS:
        return facts
    return [fact for fact in facts if fact.span.doc_id in named]


def _on_topic(query: Query) -> Query:
    """The query facts are matched with: "荆江质量奖所在的那座城市,3A级景区奖多少" asks about
    3A级景区; the honour that only says which city is meant matches no fact."""
    return replace(query, text=query.topic) if query.identifying else query


def _reads_beside(query: Query) -> bool:
    """Whether a fact answer is read with the passages: for a compound question, who is
    responsible, or what a body must do (the notes list the tasks it is named in; a sentence
    may say what it must do: "省政府有关部门和各市政府要进一步细化相关政策和标准")."""
    return len(query.parts) > 1 or query.intent in (Intent.RESPONSIBILITY, Intent.DUTIES)


def _facts_can_answer(intent: Intent, asked: frozenset[Kind]) -> bool:
    """Reward facts hold amounts: a question about a reward's conditions, cycle or number of
    winners ("谁可以申请", "多久评一次", "评几个") is answered from the passages. Facts of who
    qualifies and what revokes hold no numbers: "撤销后多少年内不能重新申请" is read in the
    passages."""
    if intent == Intent.QUALIFICATION:
        return not asked & frozenset(NUMERIC)
    if intent != Intent.REWARD or not asked:
        return True
    # ("有资助吗？多少？": a quantity a reward question asks is its amount)
    return bool(asked & {Kind.MONEY, Kind.FUNDING, Kind.QUANTITY}) \
        or not (asked & {*NUMERIC, Kind.CONDITION})


def _cited_facts(answer: Answer, facts: Sequence[Fact]) -> tuple[Fact, ...]:
    """The facts an answer quotes: those whose span one of its citations is."""
    cited = {(c.doc_id, c.start, c.end) for c in answer.citations}
    return tuple(f for f in facts if (f.span.doc_id, f.span.start, f.span.end) in cited)
