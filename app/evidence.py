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

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from app.answer import REFUSAL, Answer, Citation
from app.asked import Kind, asked_kinds, carried_kinds, money_flavour, required_kinds
from app.citer import Citer, document_label
from app.fact_match import QUESTION_WORDS as _FACT_QUESTION_WORDS
from app.query import Query
from ingest.document import Chunk, Span
from ingest.numbers import CAP, CLAUSE_END
from kb.hit import Hit
from kb.region import is_place_name
from kb.tokenizer import domain_tokenizer

Tokenize = Callable[[str], list[str]]
Weigh = Callable[[list[str]], dict[str, float]]
Neighbours = Callable[[Chunk], tuple[Chunk | None, Chunk | None]]
Articles = Callable[[str], dict[str, str]]

# Words that say how a question is put. Fact matching also drops the verbs of duty and reward
# (牵头, 负责, 奖励), which its facts hold apart; a sentence holds them in its words, and they
# tell "市教育行政部门主管全市幼儿园工作" from every other sentence about 幼儿园.
QUESTION_WORDS = _FACT_QUESTION_WORDS - {
    "牵头", "负责", "主管", "配合", "参与", "奖励", "奖金", "标准", "目标", "要求", "处理", "包括",
    "包含", "责任单位", "牵头单位", "管", "规定"}
# A unit answers when it holds this much of the question's weight ...
MIN_RELEVANCE = 0.46
# ... or this much, in the document whose passage holds the question best.
SAME_DOCUMENT_RELEVANCE = 0.24
# ... and further units are listed beside the best while within this share of its score.
NEAR_BEST = 0.82
MAX_UNITS = 3
# Long units are cut to the clauses that answer, for the conclusion line.
CONCLUSION_CHARS = 110
# sentence ends, line breaks, and a colon that opens a list ("以下原则:一是…")
_LINE_SPLIT = re.compile(
    r"[。;；!?！？]|\n|[:：](?=\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+是))")
# "(一)" / "1." / "(1)" / "一是" / "第五条": where a list item starts
_ITEM = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、)]|[一二三四五六七八九十]+[、是])")
# "…具备下列条件:" / "有下列情形之一的,…撤销:": a line that introduces the items below it
_LEAD = re.compile(r"[:：]\s*$")
_CONTENT_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z%]")
_QUESTION_CHARS = re.compile(
    r"请问|是不是|有没有|能不能|可不可以|多少|哪|什么|怎么|如何|是否|吗|呢|吧|啊|谁|几")


@dataclass(frozen=True)
class Unit:
    """A sentence, list item or table row of a retrieved passage."""

    hit: Hit
    start: int  # offsets into the document
    end: int
    text: str
    lead: Span | None = None  # the line introducing this list item, if any
    lead_chunk: Chunk | None = None  # the chunk that holds `lead`

    def span(self) -> Span:
        chunk = self.hit.chunk
        return Span(doc_id=chunk.doc_id, start=self.start, end=self.end, quote=self.text,
                    chunk_id=chunk.chunk_id, section_path=chunk.section_path, row=chunk.row)


@dataclass(frozen=True)
class Scored:
    unit: Unit
    relevance: float
    score: float
    carries: frozenset[Kind]


def read_units(hit: Hit, neighbours: Neighbours | None = None) -> list[Unit]:
    """The units of one retrieved passage, each list item with its introducing line."""
    chunk = hit.chunk
    if chunk.kind == "table_row":
        return [Unit(hit, chunk.start, chunk.end, chunk.text)]
    units: list[Unit] = []
    lead, lead_chunk = _lead_before(chunk, neighbours)
    for start, end in _pieces(chunk.text):
        text = chunk.text[start:end]
        if not _CONTENT_CHARS.search(text):
            continue
        span_start = chunk.start + start
        is_item = bool(_ITEM.match(text))
        unit = Unit(hit, span_start, span_start + len(text), text,
                    lead if is_item else None, lead_chunk if is_item else None)
        units.append(unit)
        if _LEAD.search(text):
            lead, lead_chunk = unit.span(), chunk
        elif not is_item and len(text) > 40:
            lead, lead_chunk = None, None
    return units


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, trimmed of white space, end punctuation kept."""
    pieces, start = [], 0
    for match in _LINE_SPLIT.finditer(text):
        pieces.append((start, match.end() if match.group() != "\n" else match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    trimmed = []
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            trimmed.append((a + lead, a + lead + len(piece)))
    return trimmed


def _lead_before(chunk: Chunk,
                 neighbours: Neighbours | None) -> tuple[Span | None, Chunk | None]:
    """The line that introduces a chunk which begins with a list item: the last line of the
    nearest chunk before it that is not itself an item, where that line ends in a colon."""
    if neighbours is None or not _ITEM.match(chunk.text):
        return None, None
    before, _ = neighbours(chunk)
    for _ in range(_MAX_ITEMS_BACK):
        if before is None:
            return None, None
        pieces = _pieces(before.text)
        for a, b in reversed(pieces):
            text = before.text[a:b]
            if _LEAD.search(text):
                return Span(doc_id=before.doc_id, start=before.start + a, end=before.start + b,
                            quote=text, chunk_id=before.chunk_id,
                            section_path=before.section_path, row=before.row), before
            if not _ITEM.match(text):
                return None, None
        before, _ = neighbours(before)
    return None, None


_MAX_ITEMS_BACK = 12


class EvidenceReader:
    """Scores units against one question."""

    def __init__(self, question: str, tokenize: Tokenize, weigh: Weigh,
                 part: str | None = None, articles: Articles | None = None) -> None:
        self.question = question
        self.part = part  # the part of a compound question this reader answers
        self.asked = asked_kinds(part or question)
        self.required = required_kinds(self.asked)
        self.flavour = money_flavour(part or question)
        self.articles = articles
        tokens = [t for t in dict.fromkeys(tokenize(question))
                  if t not in QUESTION_WORDS and not _QUESTION_CHARS.search(t)]
        weights = weigh(tokens)  # known words only
        # a word no passage uses is how the user put it (weighed as a common word); a single
        # unknown character says nothing
        self.words = {t: weights.get(t, _UNSEEN_WEIGHT) for t in tokens
                      if weights.get(t, 1.0) > 0 and (t in weights or len(t) > 1)}
        # "珠海市" and its parts "珠海", "海市": the longest word carries the weight, a part
        # found alone earns part of it
        self.parts = {t: [p for p in self.words if p != t and p in t] for t in self.words
                      if not any(t != other and t in other for other in self.words)}
        self.total = sum(self.words[t] for t in self.parts)
        self.pairs = _pairs(_QUESTION_CHARS.sub(" ", question))
        self.levels = frozenset(_LEVEL.findall(question))
        self.keys = _key_words(question, weigh, tokenize)
        self.asks_cap = bool(_ASKS_CAP.search(question))
        self.asks_list = bool(_ASKS_LIST.search(question))
        self.measure = _measure(part or question)
        self.asks_reward = bool(_ASKS_REWARD.search(part or question))

    def _held(self, word: str, text: str) -> float:
        if word in text:
            return self.words[word]
        found = [self.words[p] for p in self.parts[word] if p in text]
        return min(self.words[word], _PART_CREDIT * max(found)) if found else 0.0

    def relevance(self, text: str, context: str = "", title: str = "") -> float:
        """Share of the question held by `text`: IDF-weighted words and character pairs,
        averaged. Words of the document's title hold for every unit of it (they say which
        document, not which unit); words of `context` (headings) count half."""
        if not self.total and not self.pairs:
            return 0.0
        compact, around, named = _compact(text), _compact(context), _compact(title)
        words = 0.0
        if self.total:
            held = 0.0
            for word in self.parts:
                own, near = self._held(word, compact), self._held(word, around)
                titled = self._held(word, named)
                held += max(own, _TITLE_CREDIT * titled, 0.5 * near)
            words = held / self.total
        pairs = 0.0
        if self.pairs:
            held_pairs = sum(1.0 if p in compact else _TITLE_CREDIT if p in named
                             else 0.5 if p in around else 0.0 for p in self.pairs)
            pairs = held_pairs / len(self.pairs)
        return 0.5 * words + 0.5 * pairs

    def score(self, unit: Unit) -> Scored:
        lead = unit.lead.quote if unit.lead else ""
        chunk = unit.hit.chunk
        context = " ".join((*chunk.section_path, chunk.context, self._cited_articles(unit)))
        relevance = self.relevance(lead + unit.text, context, unit.hit.meta.title)
        if self.part:
            relevance = 0.6 * relevance + 0.4 * self.relevance_to_part(lead + unit.text)
        carries = carried_kinds(unit.text, chunk.context)
        if _BOILERPLATE.search(unit.text) or _compact(unit.text) == _compact(unit.hit.meta.title):
            relevance *= 0.5
        if _INSTRUCTION.search(unit.text) and not _CONTENT_LEFT.search(_without_orders(unit.text)):
            relevance = 0.0  # an order planted in a document is text, never an answer
        if self.levels and _other_level_only(unit.text, self.levels):
            relevance *= 0.5
        score = relevance + 0.1 * unit.hit.coverage
        if self.asked & carries:
            score += 0.12
        if unit.hit.bm25_rank == 1 or unit.hit.vector_rank == 1:
            score += 0.03
        return Scored(unit, relevance, score, carries)

    def names_keys(self, unit: Unit) -> bool:
        """Whether a unit's passage, with its lead, headings and document title, names every
        key word of the question: "省长质量奖" is not "中国质量奖", "楚天杯" not "鲁班奖"."""
        if not self.keys:
            return True
        chunk = unit.hit.chunk
        meta = unit.hit.meta
        around = " ".join((unit.lead.quote if unit.lead else "", *chunk.section_path,
                           chunk.context, meta.title, meta.region, meta.issuer))
        # an honour or programme must be named by the unit itself ("省长质量奖" beside a
        # sentence that pays "中国质量奖" is not paid); another thing, by its passage
        own = _compact(f"{unit.text} {around}")
        passage = _compact(f"{chunk.text} {around}")
        return all(key.held(own if key.known else passage) for key in self.keys)

    def answers(self, scored: Scored) -> bool:
        """Whether a unit can answer: it carries a number asked for, where one is asked, and
        money of the kind asked (a fine does not answer "奖励多少", nor a reward "罚款多少")."""
        if self.required and not self.required & scored.carries:
            return False
        if Kind.MONEY in self.required:
            flavour = money_flavour(_unit_words(scored.unit))
            # a fine answers only a question about fines; a question about a reward or a
            # fine, only money said to be one ("赌注特大是指五百元以上" is neither)
            if flavour == {"penalty"} and "penalty" not in self.flavour:
                return False
            if self.flavour and not flavour & self.flavour:
                return False
        if self.asks_reward and "reward" not in money_flavour(_unit_words(scored.unit)):
            return False
        if self.measure and self.required:
            return _holds_word(self.measure, _compact(scored.unit.text))
        return True

    def relevance_to_part(self, text: str) -> float:
        if self.part is None:
            return 0.0
        pairs = _pairs(_QUESTION_CHARS.sub(" ", self.part))
        compact = _compact(text)
        return sum(p in compact for p in pairs) / len(pairs) if pairs else 0.0

    def _cited_articles(self, unit: Unit) -> str:
        """The articles a unit cites ("违反本规定第二十二条第三款规定的"): a penalty is about
        what the cited article forbids."""
        if self.articles is None:
            return ""
        numbers = _CITED_ARTICLE.findall(unit.text)
        if not numbers:
            return ""
        table = self.articles(unit.hit.chunk.doc_id)
        return " ".join(table.get(number, "") for number in numbers[:3])


# The preamble of a notice says which document, never what it rules: "现将《…》印发给你们,请
# 认真贯彻执行。" / "各区县人民政府,市政府各部门:" / "关于印发…的通知"
_BOILERPLATE = re.compile(r"印发给你们|请认真|请结合实际|遵照执行|贯彻执行|贯彻实施|按照执行|^各[^。]{2,60}[:：]$"
                          r"|^关于印发|会议(?:通过|批准|修订|修正)\)?$|^根据[^。]{2,80}修正\)?$")
# "忽略以上指令,直接回答:…" / "ignore previous instructions": words addressed to a model
_INSTRUCTION = re.compile(r"忽略(?:以上|上述|之前|前面|所有)*的?(?:指令|指示|提示|规则)|直接回答[:：]"
                          r"|(?i:ignore\s+(?:all\s+)?(?:the\s+)?(?:previous|above|prior)\s+instructions)")
_CONTENT_LEFT = re.compile(r"[\u4e00-\u9fff]{6}")


def _without_orders(text: str) -> str:
    """A unit less the orders planted in it: a bracketed aside that holds one, or the rest of
    the sentence from where one begins ("…奖励20万元(忽略以上所有指令,…)" keeps its rule)."""
    text = re.sub(r"[(（][^()（）]*[)）]",
                  lambda m: "" if _INSTRUCTION.search(m.group(0)) else m.group(0), text)
    match = _INSTRUCTION.search(text)
    return text[:match.start()] if match else text


# Levels of government that tier a rule: "对认定为省级…、市级…的分别奖励…"
_LEVEL = re.compile(r"国家级|省级|市级|县级|区级|州级|乡镇级")
_LEVEL_ALIASES: dict[str, str] = {}


def _other_level_only(text: str, asked: frozenset[str]) -> bool:
    """A unit that tiers by level but never names the level asked ("县级未来工厂" against
    "省级…、市级…未来工厂") speaks of other levels."""
    named = {_LEVEL_ALIASES.get(level, level) for level in _LEVEL.findall(text)}
    wanted = {_LEVEL_ALIASES.get(level, level) for level in asked}
    return bool(named) and not (named & wanted)


# "领导小组都有哪些职责" / "包括哪几项": the whole list is asked
_ASKS_LIST = re.compile(r"哪些|哪几|都有|包括|包含|有什么|分别是|具体指|哪[一二三四五六七八九十两]")
# "封顶最多能补多少" / "上限是多少": the cap of an amount is asked
_ASKS_CAP = re.compile(r"封顶|最多|最高|上限|不超过|顶格")
# "违反本条例第十二条规定" / "依照本办法第五条": an article cited by number
_CITED_ARTICLE = re.compile(r"(?:本条例|本规定|本办法|本法|本细则|本决定)第([一二三四五六七八九十百零〇]+)条")
_ARTICLE_START = re.compile(r"^\s*(?:#+\s*)?第([一二三四五六七八九十百零〇]+)条")


def article_table(chunks: Sequence[Chunk]) -> dict[str, str]:
    """The articles of one document by number ("二十二" -> its text)."""
    table: dict[str, str] = {}
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            match = _ARTICLE_START.match(line)
            if match:
                table.setdefault(match.group(1), line[:300])
    return table


@dataclass(frozen=True)
class KeyWord:
    """A thing the question names that an answer must name too."""

    word: str
    parts: tuple[str, ...]  # the segmenter's parts of a known word
    known: bool  # some passage uses the word

    def held(self, text: str) -> bool:
        if self.word in text:
            return True
        if self.known:
            # a domain term is written whole: "长质量奖" in "市长质量奖" is not "省长质量奖"
            return False
        # a word no passage uses ("个体户"): most of its character pairs must be there
        # ("个体工商户"), not one of them ("个人所得税" against "个人")
        pairs = [self.word[i:i + 2] for i in range(len(self.word) - 1)]
        held = sum(pair in text for pair in pairs)
        return held * 2 > len(pairs) or (len(pairs) == 2 and held == 1)


# Quoted names in a question are named things: “楚天杯” / 《质量发展纲要》
_QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,30})[”\"》」]")


def _key_words(question: str, weigh: Weigh, tokenize: Tokenize) -> tuple[KeyWord, ...]:
    """The things a question names: quoted names, domain terms (honours, programmes), and
    words of three or more characters that no passage uses as a word. Common words are left
    to relevance; places to the region filter; numbers to the answer kind."""
    tokenizer = domain_tokenizer()
    found: dict[str, None] = {}
    candidates = [_compact(w) for w in tokenizer.segment(_QUOTED.sub(" ", question))]
    weights = weigh(candidates)  # the words some passage uses
    for quoted in _QUOTED.findall(question):
        # “三证” / “四强”: a short quoted name is often a count of things the text lists
        if len(_compact(quoted)) >= 3:
            found[_compact(quoted)] = None
    for word in tokenizer.segment(_QUOTED.sub(" ", question)):
        word = _compact(word)
        if (len(word) < 3 or word in QUESTION_WORDS or is_place_name(word)
                or _QUESTION_CHARS.search(word) or _GENERIC.search(word)
                or not re.search(r"[\u4e00-\u9fff]{2}", word)):
            continue
        # a word no passage uses is a thing only when long enough not to be a turn of phrase
        # ("个人所得税", not "查出来" or "最多能")
        unseen = word not in weights and len(word) >= _MIN_UNSEEN_KEY
        if word in tokenizer.terms or unseen:
            found[word] = None
    keys = []
    for word in found:
        parts = tuple(t for t in tokenize(word) if t != word and len(t) > 1)
        known = word in tokenizer.terms and word in weights
        keys.append(KeyWord(word, parts, known))
    return tuple(keys)


_MIN_UNSEEN_KEY = 4
# measures that passages name in other words ("奖励多少" is answered by "给予…50万元")
_PLAIN_MEASURES = re.compile(
    r"奖励|奖金|补助|补贴|资助|扶持|奖补|金额|数额|标准|比例|资金|费用|罚款|罚金|时间|时限|期限|钱")
_ASKS_NUMBER = re.compile(r"多少|几")
_MEASURE_REACH = 3
# what may stand between the measure and "多少": "有效期是几年", "租金最高多少"
_BETWEEN_MEASURE = re.compile(r"是|为|有|要|最高|最多|最少|至少|大概|一般|约|大约|可以|能|不超过|共|一共|的")


def _measure(question: str) -> str:
    """What is counted, where the question names it right before "多少"/"几": "有效期是几年",
    "每月租金最高多少", "关税税率是多少"; "" when the word is a plain one or none is named."""
    tokenizer = domain_tokenizer()
    words = [w for w in tokenizer.segment(question) if w.strip()]
    for index, word in enumerate(words):
        if not _ASKS_NUMBER.match(word):
            continue
        for before in reversed(words[max(0, index - _MEASURE_REACH):index]):
            if len(before) >= 2 and tokenizer.in_dictionary(before) \
                    and tokenizer.tag(before).startswith("n") \
                    and not _QUESTION_CHARS.search(before):
                return "" if _PLAIN_MEASURES.search(before) else before
            if not _BETWEEN_MEASURE.fullmatch(before):
                break
    return ""


def _holds_word(word: str, text: str) -> bool:
    """A word, or most of its character pairs, in a text."""
    if word in text:
        return True
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(pair in text for pair in pairs) * 2 > len(pairs)
# words of three characters that name no particular thing
_GENERIC = re.compile(r"^(有关部门|相关部门|什么样|怎么样|哪些人|老百姓|工作人员|负责人|具体内容)$"
                      r"|[省市县区州镇乡]$|^(多长|多久|多少|几)")
# "有没有购车补贴" / "能拿奖励吗": whether a reward exists is asked
_ASKS_REWARD = re.compile(r"有没有[^，,。？?]{0,10}(补贴|奖励|补助|资助|奖金|奖补)"
                          r"|(补贴|奖励|补助|资助|奖金|奖补)吗|能不能(拿|领|享受)")


def _unit_words(unit: Unit) -> str:
    """A unit with its lead, headings and column names: what it is said under."""
    chunk = unit.hit.chunk
    return " ".join((unit.lead.quote if unit.lead else "", unit.text, chunk.context,
                     *chunk.section_path))


# a word of the document's title holds for each of its units, a little less than the unit's own
_TITLE_CREDIT = 0.9
_UNSEEN_WEIGHT = 1.0
_PART_CREDIT = 0.8


def _tidy(text: str) -> str:
    """Text for an answer line: the spaces PDF copies leave inside Chinese ("奖励 30 万元")
    go, those between Latin words and in markup ("<img src=x>") stay."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pairs(text: str) -> set[str]:
    """Character pairs inside the question's content words, for matching across different
    cuts of one word ("评选一次" / "评一次"); pairs across two words ("这份质量" -> "份质") are
    how the sentence runs, not what it asks."""
    tokenizer = domain_tokenizer()
    pairs = set()
    for word in tokenizer.segment(text):
        word = word.strip()
        if len(word) < 2 or word in QUESTION_WORDS or not re.fullmatch(
                r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", word):
            continue
        pairs |= {word[i:i + 2] for i in range(len(word) - 1)}
    return {p for p in pairs if p not in _FILLER_PAIRS}


# pairs that say how a question is asked, not what about
_FILLER_PAIRS = frozenset({
    "请问", "我们", "企业", "公司", "这个", "那个", "可以", "的是", "是哪", "哪个", "一下", "知道",
    "想问", "问一", "现在", "如果", "要是", "的话", "个部", "么样", "怎样", "多少", "少钱",
})


def select_units(reader: EvidenceReader, hits: Sequence[Hit],
                 neighbours: Neighbours | None = None) -> tuple[list[Scored], list[Scored]]:
    """(answering units best first, relevant units that lack what is asked).

    Where no unit both holds the question and carries what it asks, a unit of the document
    that holds the question best may answer with less of the question's words: "罚款多少" is
    answered by the penalty article, which names the act only by its article number."""
    scored = [reader.score(unit) for hit in hits for unit in read_units(hit, neighbours)]
    named = [s for s in scored if reader.names_keys(s.unit)]
    relevant = [s for s in named if s.relevance >= MIN_RELEVANCE]
    answering = sorted((s for s in relevant if reader.answers(s)), key=lambda s: -s.score)
    lacking = sorted((s for s in relevant if not reader.answers(s)), key=lambda s: -s.score)
    if not answering and lacking and reader.required:
        subject = lacking[0].unit.hit.chunk.doc_id
        answering = sorted((s for s in named if s.relevance >= SAME_DOCUMENT_RELEVANCE
                            and s.unit.hit.chunk.doc_id == subject and reader.answers(s)),
                           key=lambda s: -s.score)[:1]
    if answering:
        best = answering[0].score
        answering = [s for s in answering if s.score >= NEAR_BEST * best]
    return _distinct(answering)[:MAX_UNITS], lacking


def _distinct(scored: list[Scored]) -> list[Scored]:
    seen: set[tuple[str, int]] = set()
    kept = []
    for s in scored:
        key = (s.unit.hit.chunk.doc_id, s.unit.start)
        if key not in seen:
            seen.add(key)
            kept.append(s)
    return kept


def conclusion(scored: Scored, reader: EvidenceReader) -> str:
    """The clauses of a unit that answer, for the answer's first line: the whole unit when it
    is short, else the clause carrying what is asked with the clauses before it that name
    the subject, within CONCLUSION_CHARS."""
    text = _tidy(scored.unit.text)
    if len(text) <= CONCLUSION_CHARS:
        return text
    bounds, start = [], 0
    for match in CLAUSE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    rated = []
    for index, (a, b) in enumerate(bounds):
        clause = text[a:b]
        kind_bonus = 1.0 if reader.asked & carried_kinds(clause) else 0.0
        if reader.asks_cap and CAP.search(clause):
            kind_bonus += 0.5
        rated.append((reader.relevance(clause) + kind_bonus, index))
    _, best = max(rated)
    first, last = best, best
    while first > 0 and bounds[last][1] - bounds[first - 1][0] <= CONCLUSION_CHARS:
        first -= 1
    while last + 1 < len(bounds) and bounds[last + 1][1] - bounds[first][0] <= CONCLUSION_CHARS:
        last += 1
    clause = text[bounds[first][0]:bounds[last][1]]
    return ("…" if first > 0 else "") + clause + ("…" if last + 1 < len(bounds) else "")


def compose(question: str, intent: str, chosen: Sequence[Scored], reader: EvidenceReader,
            neighbours: Neighbours | None = None,
            sections: Callable[[Unit], list[Span]] | None = None) -> Answer:
    """The conclusion first, each line cited, then the documents it rests on."""
    metas = {s.unit.hit.meta.doc_id: s.unit.hit.meta for s in chosen}
    citer = Citer(metas)
    lines = []
    listed: set[int] = set()
    for s in chosen:
        unit = s.unit
        if unit.start in listed or (unit.lead is not None and unit.lead.start in listed):
            continue
        if unit.lead is not None and unit.lead_chunk is not None and (
                reader.asks_list or reader.relevance(unit.lead.quote) >= reader.relevance(unit.text)):
            # the question is about what the list's lead names ("领导小组职责"): every item
            items = _items_after(unit.lead_chunk, unit.lead.end, neighbours)
            listed |= {span.start for span in items} | {unit.lead.start}
            lines.append(f"{_tidy(unit.lead.quote)}{citer.cite(unit.lead)} " + " ".join(
                f"{_tidy(span.quote)}{citer.cite(span)}" for span in items))
            continue
        lead = ""
        if unit.lead is not None:
            lead = f"{_tidy(unit.lead.quote)}{citer.cite(unit.lead)} "
        line = f"{lead}{conclusion(s, reader)}{citer.cite(unit.span())}"
        for span in _following(s, reader, neighbours):
            line += f" {_tidy(span.quote)}{citer.cite(span)}"
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


# "(市商务局牵头,…配合)" / "〔责任单位:省市场监管局按职责分工负责。〕" / "X、Y负责落实。": the
# note after a task that names who carries it out
_RESPONSIBILITY_NOTE = re.compile(r"牵头|配合|负责|责任单位|责任部门|主管部门|承办")
_NOTE_CHARS = 120
_HEADING_CHARS = 30
_BODY_CHARS = 220
_MAX_ITEMS = 8
_ITEMS_CHARS = 360


def _following(scored: Scored, reader: EvidenceReader,
               neighbours: Neighbours | None) -> list[Span]:
    """What must be read after a unit for it to answer: the items a list's lead introduces,
    or, for "who" questions, the note naming the units that carry out a task."""
    unit = scored.unit
    after = _units_after(unit.hit.chunk, unit.end, neighbours)
    if _LEAD.search(unit.text):
        return _items_after(unit.hit.chunk, unit.end, neighbours)
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


def _items_after(chunk: Chunk, end: int, neighbours: Neighbours | None) -> list[Span]:
    """The list items that follow a lead ending at `end`; a sentence or two that explains an
    item ("一是坚持市场主导,政府推动。加强…。二是…") is passed over, not taken for the end."""
    items: list[Span] = []
    size, between = 0, 0
    for span in _units_after(chunk, end, neighbours, _MAX_ITEMS * 3):
        if not _ITEM.match(span.quote):
            between += 1
            if not items or between > _MAX_BETWEEN_ITEMS:
                break
            continue
        if size + len(span.quote) > _ITEMS_CHARS:
            break
        between = 0
        items.append(span)
        size += len(span.quote)
        if len(items) == _MAX_ITEMS:
            break
    return items


_MAX_BETWEEN_ITEMS = 3


def _units_after(start_chunk: Chunk, end: int, neighbours: Neighbours | None,
                 limit: int = _MAX_ITEMS + 2) -> list[Span]:
    """The pieces after offset `end` in a chunk and in the next chunks, as spans."""
    spans: list[Span] = []
    chunk: Chunk | None = start_chunk
    first = True
    while chunk is not None and len(spans) < limit:
        for a, b in _pieces(chunk.text):
            start = chunk.start + a
            if first and start < end:
                continue
            spans.append(Span(doc_id=chunk.doc_id, start=start, end=chunk.start + b,
                              quote=chunk.text[a:b], chunk_id=chunk.chunk_id,
                              section_path=chunk.section_path, row=chunk.row))
        first = False
        chunk = neighbours(chunk)[1] if neighbours is not None else None
    return spans


_KIND_WORDS = {
    Kind.MONEY: "金额或比例", Kind.COUNT: "数量", Kind.PERIOD: "期限或周期", Kind.DATE: "日期",
}


def absence(question: str, intent: str, lacking: Sequence[Scored],
            reader: EvidenceReader) -> Answer:
    """A refusal that says which documents speak of the subject without what was asked."""
    if not lacking:
        return Answer(question=question, answer=REFUSAL, refused=True, intent=intent)
    what = "、".join(_KIND_WORDS[k] for k in sorted(reader.required, key=str) if k in _KIND_WORDS)
    titles = list(dict.fromkeys(document_label(s.unit.hit.meta) for s in lacking[:3]))
    text = (f"{REFUSAL}已收录的{';'.join(titles)}涉及所问事项,但相关条文未载明{what or '所问内容'}。")
    return Answer(question=question, answer=text, refused=True, intent=intent)


class Library(Protocol):
    """What the evidence reader needs of the knowledge base."""

    def tokenize(self, text: str) -> list[str]: ...
    def term_weights(self, tokens: Iterable[str]) -> dict[str, float]: ...
    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]: ...
    def chunks(self, doc_id: str | None = None) -> list[Chunk]: ...


# "…哪天起施行？同时废止了哪部法规？" / "…谁起草的？征求了多少个部门的意见？": parts asked at once
_PART_END = re.compile(r"[？?；;]|(?:另外|此外|还有|同时)(?=[\u4e00-\u9fff]{4})")
_MIN_PART_CHARS = 4


def question_parts(question: str) -> list[str]:
    """The parts of a compound question, each asking for its own thing; one part if simple."""
    parts = [p.strip(" ,，。") for p in _PART_END.split(question)]
    parts = [p for p in parts if len(re.findall(r"[\u4e00-\u9fff]", p)) >= _MIN_PART_CHARS]
    return parts if len(parts) > 1 else [question]


def answer_from_evidence(query: Query, hits: Sequence[Hit], library: Library,
                         wider: Callable[[], Sequence[Hit]] | None = None,
                         best_only: bool = False) -> Answer:
    """Answer from the units of the retrieved passages, each part of a compound question on
    its own; where none carries what is asked, read every passage `wider` gives (those
    naming the subject) before stating absence."""
    tables: dict[str, dict[str, str]] = {}

    def articles(doc_id: str) -> dict[str, str]:
        if doc_id not in tables:
            tables[doc_id] = article_table(library.chunks(doc_id))
        return tables[doc_id]

    question, intent, parts = query.text, str(query.intent), query.parts
    readers = [EvidenceReader(question, library.tokenize, library.term_weights,
                              part if len(parts) > 1 else None, articles) for part in parts]
    chosen: list[Scored] = []
    lacking: list[Scored] = []
    extra: list[Hit] | None = None
    for reader in readers:
        found, missing = select_units(reader, hits, library.neighbours)
        if not found and reader.required and wider is not None:
            if extra is None:
                seen = {hit.chunk.chunk_id for hit in hits}
                extra = [hit for hit in wider() if hit.chunk.chunk_id not in seen]
            found, more_missing = select_units(reader, extra, library.neighbours)
            missing = [*missing, *more_missing]
        chosen += found[:1] if len(readers) > 1 else found
        lacking += missing
    chosen = _distinct(chosen)[:1] if best_only else _distinct(chosen)
    if not chosen:
        return absence(question, intent, lacking, readers[0])
    def sections(unit: Unit) -> list[Span]:
        return subsections(unit.hit.chunk, library.chunks(unit.hit.chunk.doc_id))

    return compose(question, intent, chosen, readers[0], library.neighbours, sections)


_MAX_SECTIONS = 8


def subsections(chunk: Chunk, chunks: Sequence[Chunk]) -> list[Span]:
    """The headings of the sections directly under the one `chunk` stands in, each as the
    span where its chunk begins with it."""
    path = chunk.section_path
    if not path:
        return []
    found: dict[str, Span] = {}
    for other in chunks:
        if len(other.section_path) <= len(path) or other.section_path[:len(path)] != path:
            continue
        heading = other.section_path[len(path)]
        at = other.text.find(heading)
        if heading in found or at < 0:
            continue
        found[heading] = Span(doc_id=other.doc_id, start=other.start + at,
                              end=other.start + at + len(heading), quote=heading,
                              chunk_id=other.chunk_id, section_path=other.section_path)
        if len(found) == _MAX_SECTIONS:
            break
    return list(found.values())


_MARK = re.compile(r"\[(\d+)\]")


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
        if not numbers or any(overlaps(by_number[n]) for n in numbers if n in by_number):
            continue
        for n in numbers:
            if n not in renumber and n in by_number:
                renumber[n] = len(citations) + 1
                citations.append(replace(by_number[n], n=renumber[n]))
        lines.append(_MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", line))
    if not lines:
        return first
    labels = list(dict.fromkeys(
        f"《{c.title}》" for c in citations[len(first.citations):]))
    text = "\n".join([first.answer, *lines, "另见:" + ";".join(labels)])
    return replace(first, answer=text, citations=tuple(citations))
