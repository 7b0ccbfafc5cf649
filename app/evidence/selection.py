"""Which units answer: those that hold the question and carry what it asks, best first; or,
where none does, the best of the document the question is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.asked import NUMERIC, Kind
from app.evidence.reader import (
    AGREED_RELEVANCE,
    DOMINANT_RELEVANCE,
    MAX_UNITS,
    MIN_RELEVANCE,
    NEAR_BEST,
    SAME_DOCUMENT_RELEVANCE,
    SANCTION_ASKED,
    SUBJECT_RELEVANCE,
    EvidenceReader,
    Scored,
    _pairs,
    _with_lead,
    performs,
)
from app.evidence.units import WORD_CHARS, Neighbours, Unit, _compact, read_units
from kb.hit import Hit


def select_units(reader: EvidenceReader, hits: Sequence[Hit],
                 neighbours: Neighbours | None = None,
                 subject: str = "", strict: bool = False,
                 near_best: float = NEAR_BEST) -> tuple[list[Scored], list[Scored]]:
    """(answering units best first, relevant units that lack what is asked).

    Where no unit both holds the question and carries what it asks, a unit of the document
    that holds the question best may answer with less of the question's words: "罚款多少" is
    answered by the penalty article, which names the act only by its article number.
    `subject`: the document another part of the same question was answered from; `strict`:
    only units that hold the question as well as a retrieved one must may answer;
    `near_best`: the share of the best unit's score a unit listed beside it must reach."""
    scored = [reader.score(unit) for hit in hits for unit in read_units(hit, neighbours)]
    named = [s for s in scored if reader.names_keys(s.unit)]
    # the document most of what retrieval found comes from is the one the question is about:
    # there a unit in the user's own words may hold a little less of the question
    # (and so may the rule of the place the question names: "洛阳的开发商…" is answered by
    # 洛阳's own regulation, though the State Council's holds as much of the question)
    dominant = _dominant_document(hits)
    relevant = [s for s in named if s.relevance >= MIN_RELEVANCE or (
        s.relevance >= DOMINANT_RELEVANCE and (s.unit.hit.chunk.doc_id == dominant
                                               or reader.of_region(s.unit)))]
    answering = sorted((s for s in relevant if reader.answers(s)), key=lambda s: -s.score)
    lacking = sorted((s for s in relevant if not reader.answers(s)), key=lambda s: -s.score)
    sanction = bool(SANCTION_ASKED.search(reader.part or reader.question))
    if answering and lacking and reader.required & NUMERIC_KINDS and not sanction:
        # "…设立的市质量品牌发展专项资金,每年安排多少钱": the passage that holds the question
        # ("设立市质量品牌发展专项资金,用于…") states no sum; a sum for a prize that holds far
        # less of it is another thing's, unless it stands beside that passage
        subject_unit = max(lacking, key=lambda s: s.relevance)
        if max(s.relevance for s in answering) < _OUTRANKED * subject_unit.relevance:
            answering = [s for s in answering if _near(s.unit, subject_unit.unit)]
    if not answering and reader.required - {Kind.UNITS} and not strict:
        # (who leads is never taken from a weaker passage: the note of the next task would do)
        # the document the question is about: its best passage, or, for a long question in a
        # user's own words that no passage holds half of, the passage that holds most of it
        about = lacking or sorted((s for s in named if s.relevance >= _subject_floor(s)),
                                  key=lambda s: -s.relevance)
        floor = SAME_DOCUMENT_RELEVANCE if lacking or subject else \
            _subject_floor(about[0]) if about else SUBJECT_RELEVANCE
        subject = subject or (about[0].unit.hit.chunk.doc_id if about else "")
        if has_own_sanction(reader, lacking):
            return [], lacking
        if about and not sanction:
            # a count or a period somewhere in the document is no answer: only a unit that
            # holds a good share of what the best one does ("字号最多几个汉字" is not answered
            # by "一次告知" of another article)
            floor = max(floor, _SUBJECT_SHARE * about[0].relevance)
        if not subject and sanction:
            # "开黑车被查到,驾驶证暂扣多久": the consequence of an act told in words no passage
            # uses, from the document most passages found come from ("非法客运"); a reward or a
            # target is never read off a document so loosely
            subject, floor = _dominant_document(hits), SAME_DOCUMENT_RELEVANCE
        # "绕城高速以内放烟花罚多少": the passage that holds the question ("…以内区域,禁止燃放烟花
        # 爆竹") names the act; the sanction answering is the one for that act
        act = _pairs(_compact(about[0].unit.text)) if about else set()
        # (a sentence of the best passage's own article may go on to name what it speaks of:
        # "实行杰出贡献人才表彰奖励制度。对…人才,颁发齐鲁杰出人才奖"; a number beside it may
        # be another thing's: "设立…专项资金。对获得…奖的…奖励50万元")
        # (and a period or a count in it is that of the rule it sets: "应当建立台账,记录…。台账
        # 至少保存二年", "…推选参加调处的代表。代表人数为三至五人")
        named_on = about and not reader.required & (NUMERIC_KINDS - {Kind.PERIOD, Kind.COUNT})
        near_floor = _ARTICLE_RELEVANCE if reader.required & NUMERIC_KINDS \
            else SAME_DOCUMENT_RELEVANCE
        answering = sorted((s for s in named if (s.relevance >= floor or named_on and s.relevance
                                                 >= near_floor and s.unit.scope
                                                 and _near(s.unit, about[0].unit))
                            and s.unit.hit.chunk.doc_id == subject and reader.answers(s)),
                           key=lambda s: -(s.score + _ACT_CREDIT * _echo(s.unit.text, act)))[:1]
    if not answering and not reader.required and not strict and dominant:
        # "在上海申请游行,负责人有什么户籍方面的要求": a question that asks for nothing a
        # passage must carry, in words of its own that no passage holds half of, is answered by
        # the passages that hold most of it in the document retrieval is about, where the best
        # of them is the best of all that was read
        held_most = max(named, key=lambda s: s.relevance, default=None)
        if held_most is not None and held_most.relevance >= _subject_floor(held_most) \
                and held_most.unit.hit.chunk.doc_id == dominant:
            answering = sorted((s for s in named if s.unit.hit.chunk.doc_id == dominant
                                and s.relevance >= _OWN_WORDS_SHARE * held_most.relevance
                                and reader.answers(s)), key=lambda s: -s.score)
    if Kind.DUTY in reader.asked:
        # "领导小组都负责些什么": the units that state duties come first, not the one that sets
        # the body up ("成立…领导小组,组长由…担任")
        stating = _stating_duties(answering)
        answering = stating + [s for s in answering if s not in stating]
        if stating and not sanction and Kind.PENALTY not in reader.asked:
            # "监理单位发现安全隐患应该怎么处理": the article that says what it must do, not
            # the one that fines it for not doing so ("发现安全事故隐患未及时要求…整改的")
            answering = [s for s in answering
                         if not _SANCTIONS_ACT.search(_compact(_with_lead(s.unit)))]
    if reader.listed:
        # "救助站要提供哪些救助": the rule that introduces that list ("…提供下列救助:"), whose
        # items are shown after it, comes before any sentence that only shares its words
        leading = [s for s in answering if reader.leads_list_asked(s.unit)]
        answering = leading + [s for s in answering if s not in leading]
    if reader.act:
        # "哪个部门负责指导": the units where a body performs the act come first, not a principle
        # that names it ("坚持政府指导、分级负责的原则")
        performing = [s for s in answering if performs(reader.act, _compact(s.unit.text))]
        answering = performing + [s for s in answering if s not in performing]
    if answering:
        best = answering[0].score
        answering = [s for s in answering if s.score >= near_best * best]
    return _distinct(answering)[:MAX_UNITS], lacking


def in_article_of(anchor: Scored, reader: EvidenceReader, hits: Sequence[Hit],
                  neighbours: Neighbours | None = None) -> list[Scored]:
    """The best unit of the article another part was answered from that carries what this part
    asks: "…被处罚了,以后还能不能再从事？多久内不行？" is told further on in the penalty's
    article ("自处罚决定作出之日起五年内不得从事相关活动")."""
    if not anchor.unit.scope:
        return []
    in_article = [reader.score(unit) for hit in hits for unit in read_units(hit, neighbours)
                  if unit.scope == anchor.unit.scope and unit.start != anchor.unit.start]
    return sorted((s for s in in_article if reader.answers(s)), key=lambda s: -s.score)[:1]


def _near(unit: Unit, subject: Unit) -> bool:
    """Whether a unit stands where what it says is about the subject's unit: in its article
    or its passage ("设立市质量品牌发展专项资金…" is not paid by a prize's amount in the next
    paragraph)."""
    if unit.scope and unit.scope == subject.scope:
        return True
    return unit.hit.chunk.chunk_id == subject.hit.chunk.chunk_id


def _subject_floor(scored: Scored) -> float:
    """How much of the question a unit must hold to say what the question is about: less in
    the passage that both searches rank first, by words and by meaning, for a question put in
    words of its own ("燃气表坏了、走不了字" of "燃气计量装置发生故障造成无法计量")."""
    hit = scored.unit.hit
    agreed = max(hit.bm25_rank or _UNRANKED, hit.vector_rank or _UNRANKED) <= _AGREED_RANK
    return AGREED_RELEVANCE if agreed else SUBJECT_RELEVANCE


# a period or a count in the best passage's article, in a sentence that names little of the
# question
_ARTICLE_RELEVANCE = 0.12
_AGREED_RANK = 2
_UNRANKED = 1000
_OUTRANKED = 0.7
_OWN_WORDS_SHARE = 0.85




def _stating_duties(answering: list[Scored]) -> list[Scored]:
    """The units that state duties and hold nearly as much of the question as the best."""
    held = max((s.relevance for s in answering), default=0.0)
    return [s for s in answering if Kind.DUTY in s.carries and s.relevance >= _DUTY_SHARE * held]


_DUTY_SHARE = 0.75
# "…有下列行为之一的,责令限期改正" / "…的,由…处五万元以上罚款": a rule that sanctions an act
_SANCTIONS_ACT = re.compile(r"的[,，;；:：]?(?:由[^，,。；;]{1,30})?(?:处以?|并处|责令|依法给予|给予[^，,。]{0,6}处|"
                            r"追究|没收|吊销)")


def _echo(text: str, pairs: set[str]) -> float:
    """The share of a text's character pairs that `pairs` holds."""
    own = _pairs(_compact(text))
    return len(own & pairs) / len(own) if own and pairs else 0.0


_ACT_CREDIT = 0.3


def has_own_sanction(reader: EvidenceReader, lacking: Sequence[Scored]) -> bool:
    """"不按期移交档案的罚款多少": the act asked about has its own sanction (处分), which names
    no fine; another act's fine in the same law is no answer, here or in passages read later."""
    return bool(lacking) and Kind.PENALTY in lacking[0].carries \
        and bool(SANCTION_ASKED.search(reader.part or reader.question))


def _dominant_document(hits: Sequence[Hit]) -> str:
    """The document of the best passage, where it holds half or more of the best passages."""
    top = [hit.chunk.doc_id for hit in hits[:_DOMINANT_OF]]
    if top and top.count(top[0]) * 2 >= len(top):
        return top[0]
    return ""


NUMERIC_KINDS = frozenset(NUMERIC)
_DOMINANT_OF = 8
_SUBJECT_SHARE = 0.5


def _distinct(scored: list[Scored]) -> list[Scored]:
    """The units once each: a place read twice, or the same words at another place of the
    same document ("(二)知识产权类" as a heading and again as a passage's context)."""
    seen: set[tuple[str, int | str]] = set()
    kept = []
    for s in scored:
        doc_id = s.unit.hit.chunk.doc_id
        words = "".join(WORD_CHARS.findall(s.unit.text))
        if (doc_id, s.unit.start) not in seen and (doc_id, words) not in seen:
            seen.update({(doc_id, s.unit.start), (doc_id, words)})
            kept.append(s)
    return kept
