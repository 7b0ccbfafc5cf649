"""How well a unit answers a question: the question's weight it holds, the kind of answer
it carries, the things it must name, and whether its money is of the kind asked."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.asked import (
    NUMERIC,
    Kind,
    asked_kinds,
    asks_conditions,
    asks_frequency,
    carried_kinds,
    date_events,
    imposes_sanction,
    money_flavour,
    required_kinds,
    states_conditions,
    states_frequency,
)
from app.evidence.units import (
    _CITED_ARTICLE,
    Articles,
    Neighbours,
    Tokenize,
    Unit,
    Weigh,
    _compact,
    read_units,
    task_before,
)
from app.fact_match import QUESTION_WORDS as _FACT_QUESTION_WORDS
from ingest import numbers
from ingest.department import find_offices
from ingest.numbers import CAP
from kb.hit import Hit
from kb.region import is_place_name
from kb.tokenizer import Tokenizer, domain_tokenizer

# Words that say how a question is put. Fact matching also drops the verbs of duty and reward
# (牵头, 负责, 奖励), which its facts hold apart; a sentence holds them in its words, and they
# tell "市教育行政部门主管全市幼儿园工作" from every other sentence about 幼儿园.
QUESTION_WORDS = _FACT_QUESTION_WORDS - {
    "牵头", "负责", "主管", "配合", "参与", "奖励", "奖金", "标准", "目标", "要求", "处理", "包括",
    "包含", "责任单位", "牵头单位", "管", "规定"}
# A unit answers when it holds this much of the question's weight ...
MIN_RELEVANCE = 0.46
# ... or this much, in the document whose passage holds the question best (at least this much).
SAME_DOCUMENT_RELEVANCE = 0.24
SUBJECT_RELEVANCE = 0.36
# ... and further units are listed beside the best while within this share of its score.
NEAR_BEST = 0.82
MAX_UNITS = 3
# Long units are cut to the clauses that answer, for the conclusion line.
CONCLUSION_CHARS = 110
# a part that asks again what the part before it asked: "…呢", "那…", "…也是吗"
_ELLIPTIC = re.compile(r"呢\s*$|^(那|那么|还有)|也是")
_QUESTION_CHARS = re.compile(
    r"请问|是不是|有没有|能不能|可不可以|多少|哪|什么|怎么|如何|是否|吗|呢|吧|啊|谁|几")




@dataclass(frozen=True)
class Scored:
    unit: Unit
    relevance: float
    score: float
    carries: frozenset[Kind]



class EvidenceReader:
    """Scores units against one question."""

    def __init__(self, question: str, tokenize: Tokenize, weigh: Weigh,
                 part: str | None = None, articles: Articles | None = None,
                 region: str | None = None,
                 document: Callable[[str], str] | None = None) -> None:
        self.question = question
        self.part = part  # the part of a compound question this reader answers
        self.asked = asked_kinds(part or question)
        if part and not self.asked and _ELLIPTIC.search(part):
            # "驰名商标奖多少？马德里国际注册呢？": the second part asks what the first did
            self.asked = asked_kinds(question)
        self.required = required_kinds(self.asked, part or question)
        self.asks_conditions = not self.required and asks_conditions(part or question)
        if self.asks_conditions:
            self.required = frozenset({Kind.CONDITION})
        # "2023年第一批…": a year the question names is a fact the answer must stand in
        self.years = frozenset(numbers.YEAR.findall(part or question))
        self.region = region
        self.flavour = money_flavour(part or question)
        self.articles = articles
        self.document = document  # a document's whole text by its id, white space removed
        # the words that only say which place or document is meant are not sought in passages
        said = _IDENTIFYING.sub(" ", question)
        tokens = [t for t in dict.fromkeys(tokenize(said))
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
        self.pairs = _pairs(_QUESTION_CHARS.sub(" ", said))
        self.levels = frozenset(_LEVEL.findall(question))
        self.keys = _key_words(question, weigh, tokenize)
        # "湖北那个设了荆江质量奖的城市…工程质量归哪几个局管": a name that says which place or
        # document is meant, held by the document, not by the passage that answers
        self.identifying = frozenset(_compact(m) for m in _IDENTIFYING.findall(question))
        self.asks_cap = bool(_ASKS_CAP.search(question))
        self.asks_list = bool(_ASKS_LIST.search(question))
        self.measure = _measure(part or question)
        self.events = date_events(part or question)
        self.asks_frequency = self.required == {Kind.PERIOD} and asks_frequency(part or question)
        self.time_units = numbers.time_asked(part or question) \
            if Kind.PERIOD in self.required and not self.required & {Kind.MONEY, Kind.COUNT} \
            else frozenset()
        # "要拘留几天": the sanction named must be the one the answer imposes
        self.sanctions = [word for word in _NAMED_SANCTIONS if word in (part or question)]
        self.amounts = [rf"(?<![\d.]){re.escape(m.group(1) or m.group(3))}\s*"
                        rf"{m.group(2) or m.group(4)}"
                        for m in _AMOUNT_NAMED.finditer(_compact(part or question))]
        self.asks_reward = bool(_ASKS_REWARD.search(part or question))

    def _held(self, word: str, text: str) -> float:
        if word in text:
            return self.words[word]
        if _abbreviates(word, text):
            return self.words[word]  # "业委会" is held by "业主委员会"
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
        task = task_before(unit) if Kind.UNITS in self.asked else None
        if task is not None:
            # "(责任单位:市住建局、…)" is read with the task it closes: "开展工程质量提升行动…"
            lead = f"{task.quote[-_TASK_CHARS:]} {lead}"
        relevance = self.relevance(lead + unit.text, context, unit.hit.meta.title)
        if self.part:
            relevance = 0.6 * relevance + 0.4 * self.relevance_to_part(lead + unit.text)
        carries = carried_kinds(unit.text, chunk.context)
        if unit.lead is not None:
            led = carried_kinds(unit.lead.quote)
            if Kind.PENALTY in led:
                # "有下列情形之一的,…处一百元以上两百元以下的罚款: (一)在禁放区域燃放…": the
                # sanction of the lead is that of each case it lists
                carries |= led & _SANCTION_KINDS
        if _BOILERPLATE.search(unit.text) or _compact(unit.text) == _compact(unit.hit.meta.title):
            relevance *= 0.5
        if _TABLE_OF_CONTENTS.search(_compact(unit.text)):
            relevance = 0.0  # "目录第一章总则第二章…": a list of headings answers nothing
        if _HISTORY.match(_compact(unit.text)) and not self.asked & _HISTORY_KINDS:
            # "2007年3月31日国务院令第491号公布": a law's history says when, never who or what
            relevance = 0.0
        if _PREAMBLE.match(_compact(unit.text)) and not _ASKS_PURPOSE.search(self.part or self.question):
            # "第一条 为加强品牌建设,…根据《…》,制定本办法": why and on what basis a rule is
            # made answers only a question about that, though it names much of the subject
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
        if self.region and _plain_region(unit.hit.meta.region) == _plain_region(self.region):
            score += _OWN_REGION  # "在洛阳…": 洛阳's own regulation before 河南省's
        if self.measure and re.search(rf"{re.escape(self.measure)}(?:为|是|:|：)?\s*{_NUMBER_START}",
                                      _compact(unit.text)):
            score += _STATED_MEASURE  # "有效期为10年" states what "有效期多长" asks
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
        passage = _compact(f"{unit.scope or chunk.text} {around}")
        for key in self.keys:
            if isinstance(key, NamedThing):
                # a department or an item: named anywhere in the unit's document will do
                if not key.held(passage) and not (
                        self.document is not None and key.held(self.document(chunk.doc_id))):
                    return False
            elif any(key.word in words for words in self.identifying) \
                    and self.document is not None:
                if not key.held(self.document(chunk.doc_id)):
                    return False
            elif not key.held(own if key.known else passage):
                return False
        return True

    def answers(self, scored: Scored) -> bool:
        """Whether a unit can answer: it carries a number asked for, where one is asked, and
        money of the kind asked (a fine does not answer "奖励多少", nor a reward "罚款多少")."""
        if self.required and not self.required & scored.carries:
            return False
        numeric = self.required & frozenset(NUMERIC)
        if numeric and not numeric & scored.carries:
            return False  # "罚款多少钱" is not answered by "(五)罚款;", which names no sum
        if Kind.MONEY in self.required:
            flavour = money_flavour(_unit_words(scored.unit))
            # a fine answers only a question about fines; a question about a reward or a
            # fine, only money said to be one ("赌注特大是指五百元以上" is neither)
            if flavour == {"penalty"} and "penalty" not in self.flavour:
                return False
            if self.flavour and not flavour & self.flavour:
                return False
        if self.asks_conditions and scored.relevance < MIN_RELEVANCE \
                and not states_conditions(_unit_words(scored.unit)):
            # a unit that holds the question may put its condition its own way ("对主创工程获得
            # 鲁班奖的…"); one that holds less of it must state conditions as conditions
            return False
        if self.asks_reward and "reward" not in money_flavour(_unit_words(scored.unit)):
            return False
        if self.region and self.required & {Kind.COUNT, Kind.MONEY} \
                and _TARGET.search(scored.unit.text) \
                and _plain_region(scored.unit.hit.meta.region) != _plain_region(self.region):
            # "威海到2025年要培育多少家": a province's target is the province's total
            return False
        if self.years:
            unit = scored.unit
            around = f"{unit.scope or unit.hit.chunk.text} {unit.hit.meta.title} {unit.hit.meta.date}"
            if not all(year in around for year in self.years):
                return False
        if self.required == {Kind.PENALTY} and "罚" in (self.part or self.question) \
                and not imposes_sanction(_with_lead(scored.unit)):
            return False  # "会给什么处罚" is not answered by "…撤销…按照国家有关规定执行"
        if self.asks_cap and self.required & {Kind.COUNT, Kind.MONEY, Kind.PERIOD} \
                and _FLOOR.search(scored.unit.text) and not CAP.search(scored.unit.text):
            return False  # "最多可以用几个汉字" is not answered by "两个以上"
        if any(word not in _with_lead(scored.unit) for word in self.sanctions):
            return False  # "拘留几天" is not answered by "暂扣其驾驶证一个月至三个月"
        if self.time_units and not (self.time_units & numbers.period_units(scored.unit.text)):
            return False  # "到期前多少天" is not answered by "有效期五年"
        if self.asks_frequency and not states_frequency(_unit_words(scored.unit)):
            return False  # "多久评一次" is not answered by "获奖后三年内…撤销"
        if self.amounts and not all(re.search(amount, _compact(scored.unit.text))
                                    for amount in self.amounts):
            return False  # "200万元那档奖励" is the rule that pays 200万元
        if Kind.DATE in self.required and self.events and not (self.required - {Kind.DATE}) \
                and not any(event.search(_compact(scored.unit.text)) for event in self.events):
            return False  # "哪天开始施行" is not answered by the day it was adopted
        if self.measure and self.required:
            return _measured(self.measure, _compact(scored.unit.text))
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
        numbers = _CITED_ARTICLE.findall(_with_lead(unit))
        if not numbers:
            return ""
        table = self.articles(unit.hit.chunk.doc_id)
        return " ".join(table.get(number, "") for number in numbers[:3])


# The preamble of a notice says which document, never what it rules: "现将《…》印发给你们,请
# 认真贯彻执行。" / "各区县人民政府,市政府各部门:" / "关于印发…的通知"
_BOILERPLATE = re.compile(r"印发给你们|请认真|请结合实际|遵照执行|贯彻执行|贯彻实施|按照执行|^各[^。]{2,60}[:：]$"
                          r"|^关于印发|会议(?:通过|批准|修订|修正)\)?$|^根据[^。]{2,80}修正\)?$"
                          r"|目录\s*第一章|^[\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\s*第?\d+号$")
_HISTORY = re.compile(r"^[(（]?(?:19|20)\d\d年\d{1,2}月\d{1,2}日.{0,90}?"
                      r"(?:通过|公布|施行|修订|修正|批准|发布)[)）]?[。]?$")
_IDENTIFYING = re.compile(r"(?:那个|那份|那部|这个|哪个)[^，,。？?]{0,4}?(?:设了?|设立了?|有|搞了?|出了?|发了?|评)"
                          r"([^，,。？?]{2,16}?)的(?:那个)?(?:城市|市|地方|县|区|省|州|文件|意见|办法|条例)")
_PREAMBLE = re.compile(r"^(?:第一条)?为了?[^。]{4,300}?(?:制定|修订|修改)本(?:办法|条例|规定|细则|方案|意见|措施|法|规则|标准|决定)")
_ASKS_PURPOSE = re.compile(r"依据|根据|目的|为什么|为何|宗旨|出台背景|为了什么")
_HISTORY_KINDS = frozenset({Kind.DATE, Kind.MEETING, Kind.DOC_NUMBER})
_TABLE_OF_CONTENTS = re.compile(r"目录(?:第[一二三四五六七八九十]+章[\u4e00-\u9fff]{2,10}?){3,}")
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
_ASKS_CAP = re.compile(r"封顶|最多|最高|最长|上限|不超过|顶格")
# a floor, which answers no question about a cap: "两个以上", "不少于3年"
_FLOOR = re.compile(r"以上|不少于|不低于|至少|起码")
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
        return held * 2 > len(pairs) or (len(pairs) == 2 and held == 1) \
            or _abbreviates(_unplaced(self.word), text)


def _unplaced(word: str) -> str:
    """A name without the place it starts with: "北京市人大常委会" -> "人大常委会"."""
    match = _PLACE_PREFIX.match(word)
    return word[match.end():] if match and is_place_name(match.group(0)) else word


def _abbreviates(word: str, text: str) -> bool:
    """Whether `text` writes out the body `word` abbreviates: its characters in order, within a
    short reach ("人大常委会" in "人民代表大会常务委员会", "财经委" in "财政经济委员会")."""
    if len(word) < 3 or word[-1] not in _OFFICE_ENDINGS:
        return False  # only a body's name is shortened so: "个人所得税" is not "个人…所得税"
    reach = len(word) * _ABBREVIATION_REACH
    for match in re.finditer(re.escape(word[0]), text):
        rest = _after_in_order(word[1:], text[match.end():match.start() + reach])
        if rest is not None:
            return True
    return False


_PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:自治州|自治县|省|市|县|区|州)(?=[\u4e00-\u9fff]{3})")
_ABBREVIATION_REACH = 3


# Quoted names in a question are named things: “楚天杯” / 《质量发展纲要》
_QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,30})[”\"》」]")


def _key_words(question: str, weigh: Weigh,
               tokenize: Tokenize) -> tuple[KeyWord | NamedThing, ...]:
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
        if _is_office(word):
            continue  # a department is a named thing: "市财政局" is held by "市人民政府财政部门"
        if word in tokenizer.terms or unseen:
            found[word] = None
    keys: list[KeyWord | NamedThing] = []
    for word in found:
        parts = tuple(t for t in tokenize(word) if t != word and len(t) > 1)
        known = word in tokenizer.terms and word in weights
        keys.append(KeyWord(word, parts, known))
    keys += [thing for thing in _named_things(question, tokenizer)
             if not any(thing.word in key.word or key.word in thing.word for key in keys)]
    return tuple(keys)


@dataclass(frozen=True)
class NamedThing:
    """A department ("省教育厅") or a kind of item ("实用新型专利", "企业所得税", "个人奖") that the
    question names: a passage that never names it, in any spacing of its characters, is about
    something else. "市场监管局" is held by "市场监督管理局", "市长奖" by "市长质量奖"."""

    word: str
    stem: str  # what distinguishes it: 教育 of 省教育厅, 实用新型 of 实用新型专利
    suffix: str  # what kind of thing: 厅, 专利

    def held(self, text: str) -> bool:
        if self.suffix[0] in _OFFICE_ENDINGS:
            # an office: what it does, then an office's ending (市场监管局 / 市场监督管理局)
            # "人大常委" is held by "人民代表大会常务委员会": a formal name writes out its abbreviation
            reach = len(self.stem) * _ABBREVIATION_REACH + len(self.suffix) + _THING_SLACK
            for start in (m.start() for m in re.finditer(re.escape(self.stem[0]), text)):
                rest = _after_in_order(self.stem, text[start:start + reach])
                if rest is not None and any(c in _OFFICE_ENDINGS for c in rest):
                    return True
            return False
        # an item: its kind, with what distinguishes it on either side ("注册商标" is held by
        # "商标注册", "实用新型专利" not by "发明专利")
        reach = len(self.stem) + _THING_SLACK
        for match in re.finditer(re.escape(self.suffix), text):
            before = text[max(0, match.start() - reach):match.start()]
            after = text[match.end():match.end() + reach]
            if _after_in_order(self.stem, before) is not None \
                    or _after_in_order(self.stem, after) is not None:
                return True
        return False


def _is_office(word: str) -> bool:
    return any(match.group(0) == word for match in find_offices(word))


def _after_in_order(chars: str, text: str) -> str | None:
    """The text after `chars` found in order in it (with others between), or None."""
    position = 0
    for char in chars:
        position = text.find(char, position)
        if position < 0:
            return None
        position += 1
    return text[position:]


_THING_SLACK = 4
_OFFICE_ENDINGS = "厅局委办部室会"
# the endings of things a question names as items: patents, trademarks, taxes, titles, prizes
_ITEM_ENDINGS = ("专利", "商标", "所得税", "增值税", "称号", "证书", "许可证", "奖")
# "县里奖", "市级奖": where a prize is given, not which prize
_PLACE_WORD = re.compile(r"^[省市县区州乡镇村](?:里|级|内)?$|级$")
# "名牌产品奖多少": what follows a 奖 that pays
_REWARD_VERB = re.compile(r"多少|几|励|金|钱|了|吗|不|给|\d|[一二三四五六七八九十两]")


def _named_things(question: str, tokenizer: Tokenizer) -> list[NamedThing]:
    """The departments and items a question names, each with what distinguishes it."""
    things = [NamedThing(m.group(0), m.group(1), m.group(2)) for m in find_offices(question)]
    words = [w for w in tokenizer.segment(_QUOTED.sub(" ", question)) if w.strip()]
    for index, word in enumerate(words):
        ending = next((e for e in _ITEM_ENDINGS if word.endswith(e)), None)
        if ending is None or word in tokenizer.terms:
            continue
        following = "".join(words[index + 1:index + 3])
        if ending == "奖" and _REWARD_VERB.match(following):
            continue  # "名牌产品奖多少": 奖 is how much is paid, not a prize
        stem = word[: -len(ending)]
        if not stem and index > 0:
            before = words[index - 1]
            if (re.fullmatch(r"[\u4e00-\u9fff]{2,6}", before) and not is_place_name(before)
                    and (tokenizer.tag(before)[:1] in "nlb" or tokenizer.tag(before) == "ns")):
                stem = before
        elif stem and not (tokenizer.in_dictionary(stem) and tokenizer.tag(stem)[:1] in "nlba") \
                and not (tokenizer.in_dictionary(word) and tokenizer.tag(word)[:1] in "nl"):
            continue  # "能奖" is a turn of phrase, "使用商标" an act, "个人奖" a prize
        if len(stem) >= 2 and ending not in stem and not _QUESTION_CHARS.search(stem) \
                and not _PLACE_WORD.search(stem) \
                and not _GENERIC.search(stem):
            things.append(NamedThing(stem + ending, stem, ending))
    return things


_MIN_UNSEEN_KEY = 5
# measures that passages name in other words ("奖励多少" is answered by "给予…50万元")
_PLAIN_MEASURES = re.compile(
    r"奖励|奖金|补助|补贴|资助|扶持|奖补|金额|数额|标准|比例|资金|费用|罚款|罚金|时间|时限|期限|钱"
    r"|范围|幅度|额度|上限|下限|区间|多长")
_ASKS_NUMBER = re.compile(r"多少|几|多长|多久")
_DOCUMENT_KIND = re.compile(r"(?:条例|办法|规定|细则|决定|意见|通知|方案|规则|法)$")
_TIME_MEASURE = re.compile(r"(?:期|期限|时间|时限|年限|时长)$")
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
        # "有效期多长" names a measure of time; "名牌产品多久认定一次" only its subject
        of_time = word.startswith(("多长", "多久"))
        for before in reversed(words[max(0, index - _MEASURE_REACH):index]):
            if len(before) >= 2 and tokenizer.in_dictionary(before) \
                    and tokenizer.tag(before).startswith("n") \
                    and not _QUESTION_CHARS.search(before) \
                    and (not of_time or _TIME_MEASURE.search(before)):
                # "按河南省开发区条例多少天内": the document asked about, not what is counted
                return "" if _PLAIN_MEASURES.search(before) or _DOCUMENT_KIND.search(before) \
                    else before
            if not _BETWEEN_MEASURE.fullmatch(before):
                break
    return ""


def _measured(word: str, text: str) -> bool:
    """A text that gives the measure asked: where it names the word itself, a number stands
    in the clause that follows it ("有效期为五年", not "…每2年进行1次;对有效期满申请复评的…");
    a text that names it in other words is taken on its pairs."""
    if word not in text:
        return _holds_word(word, text)
    return any(_NUMBER_NEAR.search(re.split(r"[。;；]", text[m.end():], maxsplit=1)[0][:_MEASURE_SPAN])
               for m in re.finditer(re.escape(word), text))


_NUMBER_START = r"[\d一二两三四五六七八九十百半]"
_STATED_MEASURE = 0.15
_NUMBER_NEAR = re.compile(r"\d|[一二两三四五六七八九十百千万半]")
_MEASURE_SPAN = 16


def _holds_word(word: str, text: str) -> bool:
    """A word, or most of its character pairs, in a text."""
    if word in text:
        return True
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(pair in text for pair in pairs) * 2 > len(pairs)
# words of three characters that name no particular thing
_GENERIC = re.compile(r"^(有关部门|相关部门|什么样|怎么样|哪些人|老百姓|工作人员|负责人|具体内容)$"
                      r"|[省市县区州镇乡]$|^(多长|多久|多少|几)")
# an amount the question names: "拿200万元那档奖励" asks about the rule that pays it
# ("去年缴税400万元" says who the asker is, not which rule)
_AMOUNT_NAMED = re.compile(r"(?:拿|领|得|奖)[^，,。？?\d]{0,2}(\d+(?:\.\d+)?)(万元|万|元)"
                           r"|(?<![\d.])(\d+(?:\.\d+)?)(万元|万|元)(?=[那这]?档)")
_TARGET = re.compile(r"到\s*20\d\d\s*年")


_OWN_REGION = 0.04
_TASK_CHARS = 300


def _plain_region(region: str) -> str:
    return re.sub(r"[((].*?[))]", "", region or "").strip()
# "有没有购车补贴" / "能拿奖励吗": whether a reward exists is asked
_ASKS_REWARD = re.compile(r"有没有[^，,。？?]{0,10}(补贴|奖励|补助|资助|奖金|奖补)"
                          r"|(补贴|奖励|补助|资助|奖金|奖补)吗|能不能(拿|领|享受)")


def _with_lead(unit: Unit) -> str:
    return f"{unit.lead.quote} {unit.text}" if unit.lead else unit.text


_NAMED_SANCTIONS = ("拘留", "吊销", "没收", "停产停业", "责令关闭")
_SANCTION_KINDS = frozenset({Kind.PENALTY, Kind.MONEY, Kind.PERIOD})


def _unit_words(unit: Unit) -> str:
    """A unit with its lead, headings and column names: what it is said under."""
    chunk = unit.hit.chunk
    return " ".join((unit.lead.quote if unit.lead else "", unit.text, chunk.context,
                     *chunk.section_path))


# a word of the document's title holds for each of its units, a little less than the unit's own
_TITLE_CREDIT = 0.9
_UNSEEN_WEIGHT = 1.0
_PART_CREDIT = 0.8



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
                 neighbours: Neighbours | None = None,
                 subject: str = "") -> tuple[list[Scored], list[Scored]]:
    """(answering units best first, relevant units that lack what is asked).

    Where no unit both holds the question and carries what it asks, a unit of the document
    that holds the question best may answer with less of the question's words: "罚款多少" is
    answered by the penalty article, which names the act only by its article number.
    `subject`: the document another part of the same question was answered from."""
    scored = [reader.score(unit) for hit in hits for unit in read_units(hit, neighbours)]
    named = [s for s in scored if reader.names_keys(s.unit)]
    relevant = [s for s in named if s.relevance >= MIN_RELEVANCE]
    answering = sorted((s for s in relevant if reader.answers(s)), key=lambda s: -s.score)
    lacking = sorted((s for s in relevant if not reader.answers(s)), key=lambda s: -s.score)
    if not answering and reader.required - {Kind.UNITS}:
        # (who leads is never taken from a weaker passage: the note of the next task would do)
        # the document the question is about: its best passage, or, for a long question in a
        # user's own words that no passage holds half of, the passage that holds most of it
        about = lacking or sorted((s for s in named if s.relevance >= SUBJECT_RELEVANCE),
                                  key=lambda s: -s.relevance)
        floor = SAME_DOCUMENT_RELEVANCE if lacking or subject else SUBJECT_RELEVANCE
        subject = subject or (about[0].unit.hit.chunk.doc_id if about else "")
        sanction = bool(_SANCTION_ASKED.search(reader.part or reader.question))
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
        answering = sorted((s for s in named if s.relevance >= floor
                            and s.unit.hit.chunk.doc_id == subject and reader.answers(s)),
                           key=lambda s: -(s.score + _ACT_CREDIT * _echo(s.unit.text, act)))[:1]
    if answering:
        best = answering[0].score
        answering = [s for s in answering if s.score >= NEAR_BEST * best]
    return _distinct(answering)[:MAX_UNITS], lacking


def _echo(text: str, pairs: set[str]) -> float:
    """The share of a text's character pairs that `pairs` holds."""
    own = _pairs(_compact(text))
    return len(own & pairs) / len(own) if own and pairs else 0.0


_ACT_CREDIT = 0.3


def has_own_sanction(reader: EvidenceReader, lacking: Sequence[Scored]) -> bool:
    """"不按期移交档案的罚款多少": the act asked about has its own sanction (处分), which names
    no fine; another act's fine in the same law is no answer, here or in passages read later."""
    return bool(lacking) and Kind.PENALTY in lacking[0].carries \
        and bool(_SANCTION_ASKED.search(reader.part or reader.question))


def _dominant_document(hits: Sequence[Hit]) -> str:
    """The document of the best passage, where it holds half or more of the best passages."""
    top = [hit.chunk.doc_id for hit in hits[:_DOMINANT_OF]]
    if top and top.count(top[0]) * 2 >= len(top):
        return top[0]
    return ""


_DOMINANT_OF = 8
_SUBJECT_SHARE = 0.5
_SANCTION_ASKED = re.compile(r"罚|赔|暂扣|扣留|拘留|吊销|处分|处罚|追究|没收")


def _distinct(scored: list[Scored]) -> list[Scored]:
    seen: set[tuple[str, int]] = set()
    kept = []
    for s in scored:
        key = (s.unit.hit.chunk.doc_id, s.unit.start)
        if key not in seen:
            seen.add(key)
            kept.append(s)
    return kept


