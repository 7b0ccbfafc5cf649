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
    asks_fund_size,
    asks_issued,
    carried_kinds,
    date_events,
    imposes_sanction,
    money_flavour,
    named_charges,
    names_fund,
    quantity_of_money,
    recipient_classes,
    required_kinds,
    states_conditions,
    states_frequency,
)
from app.evidence.keys import (
    _QUESTION_CHARS,
    _QUOTED,
    QUESTION_WORDS,
    AskedPost,
    KeyWord,
    NamedThing,
    _abbreviates,
    _key_words,
)
from app.evidence.units import (
    _CITED_ARTICLE,
    _DEFINED,
    WORD_CHARS,
    Articles,
    Tokenize,
    Unit,
    Weigh,
    _compact,
    task_before,
)
from app.query import identifying_names, without_identifying
from ingest import numbers
from ingest.document import DocumentMeta
from ingest.front_matter import DOC_NUMBER, KINDS
from ingest.numbers import CAP
from ingest.plain import written_for
from kb.tokenizer import domain_tokenizer

# A unit answers when it holds this much of the question's weight ...
MIN_RELEVANCE = 0.46
# ... or this much, in the document most retrieved passages come from;
DOMINANT_RELEVANCE = 0.42
# ... or this much, in the document whose passage holds the question best (at least this much).
SAME_DOCUMENT_RELEVANCE = 0.24
SUBJECT_RELEVANCE = 0.36
# ... in the passage both searches rank first
AGREED_RELEVANCE = 0.30
# ... and further units are listed beside the best while within this share of its score.
NEAR_BEST = 0.82
MAX_UNITS = 3
# Long units are cut to the clauses that answer, for the conclusion line.
CONCLUSION_CHARS = 110
# a part that asks again what the part before it asked: "…呢", "那…", "…也是吗"
_ELLIPTIC = re.compile(r"呢\s*$|^(那|那么|还有)|也是")




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
        # what is asked, without the phrases that only say which document or place is meant
        # ("那个针对…给予行政处分的暂行规定,适用于哪些人员" asks who, not a sanction)
        asking = without_identifying(part or question)
        self.asked = asked_kinds(asking)
        if part and not self.asked and _ELLIPTIC.search(part):
            # "驰名商标奖多少？马德里国际注册呢？": the second part asks what the first did
            self.asked = asked_kinds(question)
        # "有没有奖金？具体是多少？": a number asked after a reward is named is its sum
        named_before = ""
        if Kind.QUANTITY in self.asked \
                and quantity_of_money(asking, without_identifying(question)):
            self.asked = self.asked - {Kind.QUANTITY} | {Kind.MONEY}
            named_before = without_identifying(question)
        self.required = required_kinds(self.asked, asking)
        self.asks_conditions = not self.required and asks_conditions(asking)
        if self.asks_conditions:
            self.required = frozenset({Kind.CONDITION})
        # "2023年第一批…": a year the question names is a fact the answer must stand in
        self.years = frozenset(numbers.YEAR.findall(asking))
        self.region = region
        self.flavour = money_flavour(asking) or money_flavour(named_before)
        self.articles = articles
        self.document = document  # a document's whole text by its id, white space removed
        # the words that only say which place or document is meant are not sought in passages
        said = without_identifying(question)
        # "哪些行业的企业可以报": the kind of thing asked for is not a word the answer holds
        # ("从事产品制造、工程建设…的企业"); a unit that says "同行业" holds nothing asked
        said = _ASKED_CATEGORY.sub(r"\1", said)
        tokens = [t for t in dict.fromkeys(tokenize(said))
                  if t not in QUESTION_WORDS and not _QUESTION_CHARS.search(t)]
        weights = weigh(tokens)  # known words only
        # a word no passage uses is how the user put it (weighed as a common word); a single
        # unknown character says nothing
        self.words = {t: weights.get(t, _UNSEEN_WEIGHT) for t in tokens
                      if weights.get(t, 1.0) > 0 and (t in weights or len(t) > 1)}
        self.indexed = frozenset(weights)  # the words some passage uses as words
        self._focus: dict[str, list[str]] = {}  # the things named, by document
        # "珠海市" and its parts "珠海", "海市": the longest word carries the weight, a part
        # found alone earns part of it
        self.parts = {t: [p for p in self.words if p != t and p in t] for t in self.words
                      if not any(t != other and t in other for other in self.words)}
        self.total = sum(self.words[t] for t in self.parts)
        self.pairs = _pairs(_QUESTION_CHARS.sub(" ", said))
        # "坐过牢" is held by "受过刑事处罚": a word or pair inside an everyday phrase is held by
        # the words documents write for it
        self.stand_ins: dict[str, tuple[str, ...]] = {}
        for plain, written in written_for(said):
            for piece in (*self.words, *self.pairs):
                if piece in plain or plain in piece:
                    self.stand_ins[piece] = self.stand_ins.get(piece, ()) + written
        # (a question that asks which level, "由哪一级财政出钱", "什么级别", is answered at any
        # level)
        self.levels = frozenset() if Kind.LEVEL in self.asked or _WHICH_LEVEL.search(asking) \
            else frozenset(_LEVEL.findall(question))
        self.keys = _key_words(question, weigh, tokenize)
        # "这些质量奖、品牌奖的奖金谁出": things named side by side are asked about each; a unit
        # names one of them
        self.key_groups = coordinated(_compact(question), self.keys)
        # "湖北那个设了荆江质量奖的城市…工程质量归哪几个局管": a name that says which place or
        # document is meant, held by the document, not by the passage that answers
        self.identifying = frozenset(_compact(m) for m in identifying_names(question))
        self.asks_cap = bool(_ASKS_CAP.search(question))
        self.asks_list = bool(_ASKS_LIST.search(question))
        # "救助站要提供哪些救助": what follows the question word names the list asked
        self.listed = [match.group(1) for match in _LIST_ASKED.finditer(_compact(asking))]
        self.measure = _measure(asking)
        # "比作了哪三张“证”": a unit that names that many of the thing ("“健康证”…“信用证”…
        # “通行证”") lists what is asked
        which = _WHICH_OF_N.search(_compact(asking))
        count = numbers.read_number(which.group(1)) if which else None
        self.which_of_n = (int(count), which.group(2)) if which and count else None
        # "司法机关要承担什么任务": the body whose duties are asked; a unit where it acts
        # ("司法机关要建立健全…", "发挥新闻媒体宣传引导作用") says what it must do
        self.actor = duty_actor(asking) if Kind.DUTY in self.asked else ""
        # "市里是哪个部门负责指导": the act whose actor is asked; a unit where a body performs
        # it ("市住房和城乡建设行政主管部门负责指导…") answers, not a principle that names the
        # act ("政府指导、分级负责")
        self.act = asked_act(asking) if Kind.UNITS in self.asked else ""
        # "对申请主体有什么要求?个体户能不能享受?": who may have it is said where the rules say
        # whom they apply to ("本办法适用于…登记注册…的企业、个体工商户或组织")
        self.asks_eligibility = bool(_ASKS_ELIGIBILITY.search(_compact(asking)))
        # "国籍标志是什么": a thing whose value a unit states ("…的国籍标志为罗马体大写字母B")
        named = _WHAT_IS.search(_compact(asking))
        self.what_is = named.group(1) if named else ""
        # "哪些单位算参评的“组织”": a term the question quotes, which a document may define
        self.quoted = frozenset(_compact(term) for term in _QUOTED.findall(asking))
        self.events = date_events(asking)
        self.issued = asks_issued(asking)
        self.sanction_asked = bool(SANCTION_ASKED.search(asking)) or Kind.PENALTY in self.asked
        self.within_year = Kind.DATE in self.required and bool(_ASKS_WITHIN_YEAR.search(asking))
        self.asks_frequency = self.required == {Kind.PERIOD} and asks_frequency(asking)
        self.time_units = numbers.time_asked(asking) \
            if Kind.PERIOD in self.required and not self.required & {Kind.MONEY, Kind.COUNT} \
            else frozenset()
        self.count_units = numbers.count_asked(asking) \
            if self.required == {Kind.COUNT} else frozenset()
        self.measured_in = numbers.measure_asked(asking) \
            if self.required == {Kind.QUANTITY} else ""
        # "要拘留几天": the sanction named must be the one the answer imposes
        self.sanctions = [word for word in _NAMED_SANCTIONS if word in asking]
        # "每天加收多少滞纳金": money asked by the name of its charge is that charge
        self.charges = named_charges(_compact(asking)) \
            if self.required & {Kind.MONEY, Kind.QUANTITY} \
            else frozenset()
        if _FINE_ASKED.search(_compact(asking)):
            self.sanctions.append("罚款")  # "会被怎么罚款", not "以罚款的名义收钱"
        self.amounts = [rf"(?<![\d.]){re.escape(m.group(1) or m.group(3))}\s*"
                        rf"{m.group(2) or m.group(4)}"
                        for m in _AMOUNT_NAMED.finditer(_compact(asking))]
        self.asks_reward = bool(_ASKS_REWARD.search(asking))
        # "出过哪些问题就不能报名": what bars, not what is required
        self.asks_bar = bool(_ASKS_BAR.search(asking))
        # "得提前多长时间去换证": a period before a day, not how long a licence lasts
        self.asks_ahead = Kind.PERIOD in self.required and bool(_ASKS_AHEAD.search(asking))
        # a price in 元 is asked ("每平方米多少元"), not a share or a multiple
        self.asks_sum = bool(_ASKS_SUM.search(asking)) \
            and not _ASKS_SHARE.search(asking)
        # "个人…罚多少": the class of recipient asked about, where the question names one only
        recipients = recipient_classes(asking)
        self.recipients = recipients if len(recipients) == 1 else frozenset()

    def _held(self, word: str, text: str) -> float:
        if word in text or any(written in text for written in self.stand_ins.get(word, ())):
            return self.words[word]
        if _abbreviates(word, text):
            return self.words[word]  # "业委会" is held by "业主委员会"
        found = [self.words[p] for p in self.parts[word] if p in text]
        return min(self.words[word], _PART_CREDIT * max(found)) if found else 0.0

    def _pair_held(self, pair: str, text: str) -> bool:
        return pair in text or any(written in text for written in self.stand_ins.get(pair, ()))

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
            held_pairs = sum(1.0 if self._pair_held(p, compact) else _TITLE_CREDIT if p in named
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
        # the words naming the document's place say which document, as its title's do
        meta = unit.hit.meta
        named = f"{meta.title} {meta.region}"
        relevance = self.relevance(lead + unit.text, context, named)
        if self.part:
            relevance = 0.6 * relevance + 0.4 * self.relevance_to_part(lead + unit.text, named)
        carries = carried_kinds(unit.text, chunk.context)
        if Kind.UNITS in carries and "《" in unit.text \
                and Kind.UNITS not in carried_kinds(_TITLED.sub("", unit.text)):
            carries -= {Kind.UNITS}  # "根据《昆明市人民政府关于…的通知》" names a title, no body
        if _DUTIES_HEADING.match(_compact(unit.text)):
            carries -= {Kind.DUTY}  # a heading "第四条 部门职责" states no duty
        if unit.lead is not None:
            led = carried_kinds(unit.lead.quote)
            # "第五条 领导小组职责:1.制定…": what a lead says its items are, each item is
            # ("有下列情形之一的,…撤销…: (一)以提供虚假证明文件…": each item is a condition)
            carries |= led & {Kind.DUTY, Kind.CONDITION}
            if Kind.PENALTY in led:
                # "有下列情形之一的,…处一百元以上两百元以下的罚款: (一)在禁放区域燃放…": the
                # sanction of the lead is that of each case it lists
                carries |= led & _SANCTION_KINDS
        # (a notice's opening names the document it carries out: "为认真贯彻落实《…》(豫政〔2012〕
        # 103号),…请结合实际,认真贯彻落实" answers "是为了落实哪个文件")
        if (_BOILERPLATE.search(unit.text) and not self.asked & carries & {Kind.DOCUMENT}) \
                or _compact(unit.text) == _compact(unit.hit.meta.title):
            relevance *= 0.5
        if _TABLE_OF_CONTENTS.search(_compact(unit.text)):
            relevance = 0.0  # "目录第一章总则第二章…": a list of headings answers nothing
        if _HISTORY.match(_compact(unit.text)) and not self.asked & _HISTORY_KINDS:
            # "2007年3月31日国务院令第491号公布": a law's history says when, never who or what
            relevance = 0.0
        if _PREAMBLE.match(_compact(unit.text)) and not _ASKS_PURPOSE.search(self.part or self.question) \
                and Kind.DOCUMENT not in self.asked:
            # "第一条 为加强品牌建设,…根据《…》,制定本办法": why and on what basis a rule is
            # made answers only a question about that, though it names much of the subject
            relevance *= 0.5
        if _INSTRUCTION.search(unit.text) and not _CONTENT_LEFT.search(_without_orders(unit.text)):
            relevance = 0.0  # an order planted in a document is text, never an answer
        if Kind.UNITS in self.asked and _is_signature(unit) \
                and not _ASKS_ISSUER.search(self.part or self.question):
            # "忻州市人民政府办公室" under a document signs it: who issued it, not who does
            # what it rules
            relevance *= 0.3
        if self.levels and _other_level_only(unit.text, self.levels):
            relevance *= 0.5
        score = relevance + 0.1 * unit.hit.coverage
        if self.asked & carries:
            score += 0.12
        if unit.hit.bm25_rank == 1 or unit.hit.vector_rank == 1:
            score += 0.03
        if self.asks_bar and _BARS.search(f"{lead}{unit.text}"):
            score += _BAR_CREDIT  # "有下列情形之一的,不得申报:(三)近三年有重大质量…事故"
        if self.asks_ahead and _AHEAD.search(_compact(unit.text)):
            score += _AHEAD_CREDIT  # "应当在许可证有效期届满前6个月…申请换发"
        if self.of_region(unit):
            score += _OWN_REGION  # "在洛阳…": 洛阳's own regulation before 河南省's
        if self.measure and re.search(rf"{re.escape(self.measure)}(?:为|是|:|：)?\s*{_NUMBER_START}",
                                      _compact(unit.text)):
            score += _STATED_MEASURE  # "有效期为10年" states what "有效期多长" asks
        if self.what_is and re.search(rf"{re.escape(self.what_is)}(?:为|是)(?!指)", _compact(unit.text)):
            score += _STATED_MEASURE  # "国籍标志为罗马体大写字母B" states what "国籍标志是什么" asks
        if self.asks_eligibility and (_SCOPE.search(_compact(unit.text)) or _SCOPE_HEADING.search(
                " ".join(chunk.section_path)) and Kind.CONDITION in carries):
            relevance += _SCOPE_CREDIT
            score += _SCOPE_CREDIT
        if self.actor and _acts(self.actor, _compact(unit.text)):
            relevance += _ACTOR_CREDIT
            score += _ACTOR_CREDIT
            carries |= {Kind.DUTY}
        if Kind.FUNDING in self.asked and FUNDING_RULE.search(_compact(unit.text)):
            score += _STATED_MEASURE  # "品牌奖励资金,由州级财政负担" states who pays
        if self.which_of_n and _compact(unit.text).count(self.which_of_n[1]) >= self.which_of_n[0]:
            score += _STATED_MEASURE  # "哪三种保护": "自我保护、行政保护、司法保护"
        defined = _DEFINED.search(_compact(unit.text)) if self.quoted else None
        if defined and defined.group(1) in self.quoted:
            score += _DEFINES_QUOTED  # "本办法所称的组织,是指…" says what “组织” is
        return Scored(unit, relevance, score, carries)

    def leads_list_asked(self, unit: Unit) -> bool:
        """Whether a unit introduces the list the question asks for by the same noun: "提供
        哪些救助" and "救助站应当…提供下列救助:", "要满足哪些条件" and "应当具备下列条件:"."""
        text = _compact(unit.text)
        return any(f"{word}{noun}" in text for noun in self.listed for word in _LIST_WORDS)

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

        def held(key: Key) -> bool:
            if isinstance(key, NamedThing):
                if key.by_field and not (Kind.DUTY in self.asked and self.document is not None
                                         and key.held(self.document(chunk.doc_id))):
                    # "水务部门" is a user's name for "水行政主管部门"; a body named so binds
                    # only what it must do, where the document names it so
                    return True
                if key.is_office() and Kind.DUTY in self.asked:
                    # what "民政部门" must do is said where it is named, not in the sentence
                    # before it about "发展改革部门"
                    return key.held(own)
                # a department or an item: named anywhere in the unit's document will do, but
                # not by a passage that names others of its kind only ("国际标准" is not held by
                # a rule for "国家标准、行业标准")
                return key.held(passage) or (
                    self.document is not None and key.held(self.document(chunk.doc_id))
                    and (key.is_office() or not key.others_of_kind(passage)))
            if any(key.word in words for words in self.identifying) \
                    and self.document is not None:
                return key.held(self.document(chunk.doc_id))
            return key.held(own if key.known else passage)
        return all(any(held(key) for key in group) for group in self.key_groups)

    def answers(self, scored: Scored) -> bool:
        """Whether a unit can answer: it carries a number asked for, where one is asked, and
        money of the kind asked (a fine does not answer "奖励多少", nor a reward "罚款多少")."""
        if self.required and not self.required & scored.carries:
            return False
        if not self.asked & {Kind.NAME, Kind.DOC_NUMBER} and _is_title(scored.unit):
            return False  # the document's title line ("黔西南州品牌奖励管理办法") states nothing
        numeric = self.required & frozenset(NUMERIC)
        if numeric and not numeric & scored.carries:
            return False  # "罚款多少钱" is not answered by "(五)罚款;", which names no sum
        if self.required & {Kind.MONEY, Kind.QUANTITY} and _MONTHLY.search(self.part or self.question) \
                and _YEARLY.search(scored.unit.text) and not _MONTHLY.search(scored.unit.text):
            return False  # "月销售额多少" is not answered by "年应征增值税销售额未超过五百万元"
        if Kind.MONEY in self.required:
            # "(一)单位转让…的,不低于…净收入的20%" is paid as the article it stands in says
            # ("…给予职务发明创造的发明人…奖金和报酬")
            flavour = money_flavour(_unit_words(scored.unit)) or (
                self.flavour and money_flavour(scored.unit.scope))
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
        if Kind.MONEY in self.required and asks_fund_size(self.part or self.question) \
                and not names_fund(_unit_words(scored.unit)):
            return False  # "专项资金每年安排多少钱" is not answered by a prize's "50万元奖励"
        if self.levels and self.required & {Kind.MONEY, Kind.COUNT} \
                and _other_level_only(scored.unit.text, self.levels):
            return False  # "县级未来工厂奖多少" is not paid by "省级…、市级“未来工厂”…"
        if self.asks_sum and not numbers.header_unit(scored.unit.hit.chunk.context) \
                and not any(amount.yuan for amount in numbers.find_amounts(scored.unit.text)):
            return False  # "每平方米多少元" is not answered by "不得超过…热价的百分之三十"
        if self.region and self.required & {Kind.COUNT, Kind.MONEY} \
                and _TARGET.search(scored.unit.text) \
                and not self.of_region(scored.unit):
            # "威海到2025年要培育多少家": a province's target is the province's total
            return False
        if self.years and not all(self._dated(scored.unit, year) for year in self.years):
            return False
        if self.required == {Kind.PENALTY} and "罚" in (self.part or self.question) \
                and not imposes_sanction(_with_lead(scored.unit)):
            return False  # "会给什么处罚" is not answered by "…撤销…按照国家有关规定执行"
        if self.asks_cap and self.required & {Kind.COUNT, Kind.MONEY, Kind.PERIOD} \
                and _FLOOR.search(scored.unit.text) and not CAP.search(scored.unit.text):
            return False  # "最多可以用几个汉字" is not answered by "两个以上"
        if self.charges and not any(charge in _unit_words(scored.unit) for charge in self.charges):
            return False  # "加收多少滞纳金" is not answered by "…20倍以下的罚款"
        if any(word not in _with_lead(scored.unit) for word in self.sanctions):
            return False  # "拘留几天" is not answered by "暂扣其驾驶证一个月至三个月"
        if self.time_units and not (self.time_units & numbers.period_units(scored.unit.text)):
            return False  # "到期前多少天" is not answered by "有效期五年"
        if self.required == {Kind.PERIOD} and not self.asks_frequency \
                and not numbers.period_units(scored.unit.text):
            return False  # "隔多久才能再报" is a span, not the cycle "年度奖,每年评定…"
        if self.count_units and not (self.count_units & numbers.count_units(scored.unit.text)):
            return False  # "每周几节体育课" is not answered by "每天至少开展两次"
        if Kind.QUANTITY in self.required and not self.sanction_asked \
                and money_flavour(_unit_words(scored.unit)) == {"penalty"}:
            return False  # "监督费按造价的多少比例缴纳" is not answered by "…一倍以下罚款"
        if self.measured_in and not numbers.states_measure(scored.unit.text, self.measured_in):
            return False  # "最大不能超过多少岁" is not answered by "理事为5人至25人"
        if self.asks_frequency and not states_frequency(_unit_words(scored.unit)):
            return False  # "多久评一次" is not answered by "获奖后三年内…撤销"
        if self.amounts and not all(re.search(amount, _compact(scored.unit.text))
                                    for amount in self.amounts):
            return False  # "200万元那档奖励" is the rule that pays 200万元
        if Kind.DATE in self.required and not self._dates(scored):
            return False
        if Kind.MONEY in self.required and "reward" in self.flavour and not self.sanction_asked \
                and not self.holds_focus(scored.unit):
            # "新建国家级质检中心奖多少" is not answered by "4A级旅游景区…30万元": a reward is
            # paid for a thing the rule names (a fine, by contrast, names its act by article)
            return False
        if self.measure and self.required and not self.required & scored.carries \
                & {Kind.DOC_NUMBER}:
            # (a 文号 is written as itself, "武隆府办发〔2018〕79号", never with the word)
            return _measured(self.measure, _compact(scored.unit.text))
        return True

    def _dates(self, scored: Scored) -> bool:
        """Whether a unit's date is of the event asked and of the kind asked."""
        text = _compact(scored.unit.text)
        dated_only = not (self.required - {Kind.DATE}) & scored.carries
        dateline = bool(_DATELINE.match(text))
        if self.events and dated_only and not (dateline and self.issued) \
                and not any(event.search(_TITLED.sub("", clause)) for event in self.events
                            for clause in _CLAUSE.split(text) if carried_kinds(clause) & {Kind.DATE}):
            # "哪天开始施行" is not answered by the day it was adopted, nor by "到2025年,…企业
            # 实施先进质量管理模式": the event stands in the clause that gives the date
            return False
        if dated_only and dateline and not self.issued:
            # "办公室 2021年6月29日": a document's dateline says when it was issued, not when
            # anything it asks of others is due
            return False
        # "每年什么时候报送" is not answered by "到2025年"
        # (nor by the day one year's act was done: "2010年7月30日…公布" is not "每年哪个月")
        return not self.within_year or bool(_WITHIN_YEAR.search(numbers.DATE.sub(" ", text)))

    def holds_focus(self, unit: Unit) -> bool:
        """Whether a unit, with what it is said under, holds most (by weight) of the things the
        question names that its document speaks of outside its title: what a number is asked
        for ("质检中心" of "新建国家级质检中心能拿多少奖励"). A word the document never uses is
        the user's own, and proves nothing."""
        if self.document is None:
            return True
        doc_id = unit.hit.chunk.doc_id
        if doc_id not in self._focus:
            self._focus[doc_id] = self._things_named(unit.hit.meta, self.document(doc_id))
        candidates = self._focus[doc_id]
        if not candidates:
            return True
        around = _compact(" ".join((_unit_words(unit), unit.scope, self._cited_articles(unit))))
        # held whole: "中心" of "市中心城区" is no "质检中心"
        held = [word for word in candidates if self._held(word, around) >= self.words[word]]
        top = max(candidates, key=lambda word: self.words[word])
        return top in held or sum(self.words[word] for word in held) \
            >= _FOCUS_SHARE * sum(self.words[word] for word in candidates)

    def _things_named(self, meta: DocumentMeta, whole: str) -> list[str]:
        """The rare nouns of the question that a document uses outside its title."""
        named = _compact(f"{meta.title}{meta.region}{meta.issuer}")
        tagger = domain_tokenizer()
        rare = _FOCUS_WEIGHT * max(self.words.values(), default=0.0)
        return [word for word in self.parts
                if _THING_WORD.fullmatch(word) and word in self.indexed and word in whole
                and self.words[word] >= rare
                and (self.part is None or word in _compact(self.part))
                and self._held(word, named) < self.words[word]
                and tagger.tag(word)[:1] in _THING_TAGS and tagger.tag(word) != "ns"
                and not any(word in name for name in self.identifying)
                and not asked_kinds(word) and not _ASKS_SHARE.search(word)
                and not carried_kinds(word) & self.required]

    def _dated(self, unit: Unit, year: str) -> bool:
        """Whether a year the question names stands for the unit: in its passage, its
        document's title, date or file name ("…-2010.txt"), or, for a document that gives no
        date, anywhere in it ("2010年那版" of a text dated only by "(1996—2010)")."""
        meta = unit.hit.meta
        if any(year in text for text in (unit.scope or unit.hit.chunk.text, meta.title,
                                          meta.date, meta.source_file.rsplit("/", 1)[-1])):
            return True
        return not meta.date and self.document is not None \
            and year in self.document(unit.hit.chunk.doc_id)

    def of_region(self, unit: Unit) -> bool:
        """Whether a unit's document is of the place the question names (not of its province)."""
        return bool(self.region and unit.hit.meta.region) \
            and _plain_region(unit.hit.meta.region) == _plain_region(self.region or "")

    def relevance_to_part(self, text: str, title: str = "") -> float:
        """Share of this part's character pairs a text holds; those of the document's title
        hold for every unit of it, as in `relevance` ("…扶持办法适用哪些单位")."""
        if self.part is None:
            return 0.0
        pairs = _pairs(_QUESTION_CHARS.sub(" ", self.part))
        compact, named = _compact(text), _compact(title)
        held = sum(1.0 if p in compact else _TITLE_CREDIT if p in named else 0.0 for p in pairs)
        return held / len(pairs) if pairs else 0.0

    def _cited_articles(self, unit: Unit) -> str:
        """The articles a unit cites ("违反本规定第二十二条第三款规定的"): a penalty is about
        what the cited article forbids."""
        if self.articles is None:
            return ""
        text = _with_lead(unit)
        table = self.articles(unit.hit.chunk.doc_id)
        cited = []
        for match in _CITED_ARTICLE.finditer(text):
            article = table.get(match.group(1), "")
            # "违反本条例第十三条第一款第七项规定": what that item forbids, not its neighbours
            items = _CITED_ITEMS.match(text, match.end())
            # "违反本条例第二十七条规定,有下列行为之一的:…(三)违反第三项规定的,…": the item
            # says which of the cited article's items it punishes
            items = items or _ITEMS_OF_CITED.search(unit.text)
            cited.append(_items_of(article, items.group(0)) if items else article)
        if _OWN_ARTICLE.search(text) and not _OWN_ITEMS.search(text):
            # "违反本条规定的,…处一万元以上五万元以下的罚款": the act is the article's own
            cited.append(unit.scope)
        own = _OWN_ITEMS.search(text)
        if own:
            # "违反前款第(二)项规定的": the item of the unit's own article
            article = next((body for body in table.values() if _compact(unit.text)[:20]
                            in _compact(body)), "")
            cited.append(_items_of(article, own.group(0)))
        return " ".join(cited[:3])


_ITEM_NUMBER = r"[(（]?([一二三四五六七八九十]+)[)）]?项"
_CITED_ITEMS = re.compile(rf"(?:第[一二三四五六七八九十]+款)?(?:、?第{_ITEM_NUMBER})+")
_ITEMS_OF_CITED = re.compile(rf"^\s*[(（][一二三四五六七八九十]+[)）]\s*违反(?:、?第{_ITEM_NUMBER})+")
_OWN_ARTICLE = re.compile(r"违反(?:本条|本款|前款|前[两二三四五]款|上述|以上)(?:第[一二三四五六七八九十]+款)?(?:规定|要求)"
                          r"|有前款(?:规定的?)?(?:行为|情形)")
_OWN_ITEMS = re.compile(rf"(?:前款|本条(?:第[一二三四五六七八九十]+款)?)(?:、?第{_ITEM_NUMBER})+")


Key = KeyWord | NamedThing | AskedPost


def coordinated(question: str, keys: Sequence[Key]) -> list[tuple[Key, ...]]:
    """The keys in groups of those the question names side by side ("质量奖、品牌奖",
    "驰名商标和地理标志商标", "市财政还是县财政"); a key on its own is a group of one."""
    placed = sorted(((question.find(key.word), key) for key in keys), key=lambda p: p[0])
    groups: list[list[Key]] = []
    end = -1
    for start, key in placed:
        between = question[end:start] if 0 <= end <= start else None
        if groups and start >= 0 and between is not None and _SIDE_BY_SIDE.fullmatch(between):
            groups[-1].append(key)
        else:
            groups.append([key])
        end = start + len(key.word) if start >= 0 else -1
    return [tuple(group) for group in groups]


# (after what is counted of the first: "商标注册数量、驰名商标和地理标志数量")
_SIDE_BY_SIDE = re.compile(r"(?:数量|总量|总数|数目|的)?(?:[、，,/]|和|及|与|跟|或|或者|还是|以及|或是)")


def _items_of(article: str, citation: str) -> str:
    """The items of an article a citation names ("第七项", "第(二)项、第(三)项"); the whole
    article where it lists none of them."""
    numbers = re.findall(_ITEM_NUMBER, citation)
    items = [match.group(0) for number in numbers for match in
             re.finditer(rf"[(（]{number}[)）][^\n]*", article)][:len(numbers)]
    return " ".join(items) or article


# The preamble of a notice says which document, never what it rules: "现将《…》印发给你们,请
# 认真贯彻执行。" / "各区县人民政府,市政府各部门:" / "关于印发…的通知"
_BOILERPLATE = re.compile(r"印发给你们|请认真|请结合实际|遵照执行|贯彻执行|贯彻实施|按照执行|^各[^。]{2,60}[:：]$"
                          r"|^关于印发|会议(?:通过|批准|修订|修正)\)?$|^根据[^。]{2,80}修正\)?$"
                          r"|目录\s*第一章|^[\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\s*第?\d+号$")
_HISTORY = re.compile(r"^[(（]?(?:19|20)\d\d年\d{1,2}月\d{1,2}日.{0,90}?"
                      r"(?:通过|公布|施行|修订|修正|批准|发布)[)）]?[。]?$")
_WHICH_LEVEL = re.compile(r"哪一?级")  # "哪级财政": the other asks of a level are Kind.LEVEL
# (or, cut off by a page break before "制定本办法", its purpose and the laws it rests on)
_PREAMBLE = re.compile(r"^(?:第一条)?为了?[^。]{4,300}?(?:(?:制定|修订|修改)本(?:办法|条例|规定|细则|方案|意见|措施|法|规则|标准|决定)"
                       r"|(?:根据|依据|按照)《[^。：:；;]*$)")
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
    "省级…、市级…未来工厂") speaks of other levels; "省级以上" names the national level too."""
    named: set[str] = set()
    for match in _LEVEL_AND_ABOVE.finditer(text):
        level = _LEVEL_ALIASES.get(match.group(1), match.group(1))
        named.add(level)
        if match.group(2) and level in _LEVELS_UP:
            named.update(_LEVELS_UP[:_LEVELS_UP.index(level)])
    wanted = {_LEVEL_ALIASES.get(level, level) for level in asked}
    return bool(named) and not (named & wanted)


_LEVEL_AND_ABOVE = re.compile(rf"({_LEVEL.pattern})(以上)?")
_LEVELS_UP = ["国家级", "省级", "市级", "县级"]  # from the highest down


# the first two characters after the question word of a list ("哪些救助", "哪几类人员"), and
# the words with which a rule introduces its list ("下列救助:", "以下人员")
_LIST_ASKED = re.compile(r"(?:哪些|哪几(?:项|类|种|个|条)?)([\u4e00-\u9fff]{2})")
_LIST_WORDS = ("下列", "以下")
# "领导小组都有哪些职责" / "包括哪几项": the whole list is asked
_ASKS_LIST = re.compile(r"列举|列出|哪些|哪几|都有|包括|包含|有什么|分别是|分别叫|分别为|各叫什么|具体指|哪[一二三四五六七八九十两]")
# "封顶最多能补多少" / "上限是多少": the cap of an amount is asked
_ASKS_CAP = re.compile(r"封顶|最多|最高|最长|上限|不超过|顶格")
# a floor, which answers no question about a cap: "两个以上", "不少于3年"
_FLOOR = re.compile(r"以上|不少于|不低于|至少|起码")
# measures that passages name in other words ("奖励多少" is answered by "给予…50万元")
_PLAIN_MEASURES = re.compile(
    r"奖励|奖金|补助|补贴|资助|扶持|奖补|金额|数额|标准|比例|资金|费用|罚款|罚金|时间|时限|期限|钱"
    r"|范围|幅度|额度|上限|下限|区间|多长")
_ASKS_NUMBER = re.compile(r"多少|几|多长|多久")
_DOCUMENT_KIND = re.compile(rf"(?:{'|'.join(KINDS)})$")
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
        after = words[index + 1] if index + 1 < len(words) else ""
        if word in ("多少", "几") and len(after) >= 2 and tokenizer.tag(after).startswith("n"):
            return ""  # "初选名单要多少委员赞成": what is counted follows, the subject precedes
        # "有效期多长" names a measure of time; "名牌产品多久认定一次" only its subject
        of_time = word.startswith(("多长", "多久"))
        for before in reversed(words[max(0, index - _MEASURE_REACH):index]):
            if len(before) >= 2 and tokenizer.in_dictionary(before) \
                    and tokenizer.tag(before).startswith("n") \
                    and not _QUESTION_CHARS.search(before) \
                    and (not of_time or _TIME_MEASURE.search(before)):
                # "按河南省开发区条例多少天内": the document asked about, not what is counted
                # ("封顶多少": a cap of what the question names elsewhere, not a measure)
                # ("检验所一般多少天内": who acts, not what is counted)
                return "" if _PLAIN_MEASURES.search(before) or _DOCUMENT_KIND.search(before) \
                    or CAP.fullmatch(before) or _WHO.search(before) else before
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


_TITLED = re.compile(r"《[^》]*》")  # "《上海市实施…办法》同时废止": 实施 names that law, no event
_WHO = re.compile(r"(?:所|局|厅|部门|机构|机关|委员会|单位|公司|企业|政府|中心|人员|者)$")
_CLAUSE = re.compile(r"[,，;；。]")
_NUMBER_START = r"[\d一二两三四五六七八九十百半]"
_STATED_MEASURE = 0.15
# "哪三张“证”", "哪四大工程", "哪两类许可": how many of what the question asks for
_WHICH_OF_N = re.compile(r"哪([两二三四五六七八九十])(?:张|个|种|项|类|大|条|位|家|道)?[“\"「『]?([\u4e00-\u9fff]{1,2})")
_DEFINES_QUOTED = 0.15
# the body a duty question asks about: the words before "要承担…/应当做…/发挥什么作用" in its
# clause, ending as a body's name does
_DUTY_VERB = re.compile(r"(?:要|应当|应该|需要|必须|得|被要求|具体|主要|都|还)*"
                        r"(?:承担|负责|发挥|起到?|扮演|履行|做|干|办|管)")
_BODY_END = re.compile(r"(?:机关|部门|媒体|协会|商会|机构|单位|组织|委员会|中心|政府|局|厅|委|办|"
                       r"小组|法院|检察院|公司|企业|学校|医院|银行|海关)$")
_ACTOR_VERB = "要|应当|应|必须|须|负责|可以|依法|在|对|承担|履行|按照|会同"
_ACTOR_CREDIT = 0.25


# who pays, as a rule states it: "由州级财政负担", "市财政承担", "列入县级财政预算"
FUNDING_RULE = re.compile(r"由[^，,。;；]{0,12}(?:财政|预算|资金)[^，,。;；]{0,6}(?:负担|承担|列支|支出|安排|解决)"
                           r"|[省市州县区乡镇]级?财政[^，,。;；]{0,6}(?:负担|承担|列支|安排)")
_ASKS_ELIGIBILITY = re.compile(r"申请主体|申报主体|(?:谁|哪些|哪类|什么样?的?)[\u4e00-\u9fff]{0,4}?(?:可以|才能|能|有资格)"
                               r"(?:申请|申报|享受|参评|报名)"
                               r"|(?:能不能|能否|可不可以)(?:申请|申报|享受|参评)|(?:可以|能)享受|面向哪|适用于?哪"
                               r"|对象是")
# whom the rules apply to: "本办法适用于…", "奖励对象为…", or "适用于…" under "二、适用对象"
_SCOPE = re.compile(r"(?:^|(?:本|该)(?:办法|规定|细则|政策|措施|条例))适用于"
                    r"|(?:奖励|补助|资助|支持|扶持|表彰|申报)对象(?:为|是|:|：)|均可申报|均可申请")
_SCOPE_HEADING = re.compile(r"(?:适用|奖励|补助|资助|支持|扶持|申报)(?:对象|范围)")
_SCOPE_CREDIT = 0.15
_ASKED_CATEGORY = re.compile(r"(哪些|哪几类|哪几种|哪类|哪种|什么样?的?)(?:行业|领域|类型|类别|种类|门类)")


def duty_actor(asking: str) -> str:
    """"威海…体系里,司法机关要承担什么任务" -> "司法机关"; "" where the clause names no body."""
    for clause in re.split(r"[,，。？?；;:：]|里|中", _compact(asking)):
        for verb in _DUTY_VERB.finditer(clause):
            # "行业协会在品牌保护上要起…": the body is named before where it acts
            body = re.split(r"(?<=.)(?:在|对|就)", clause[:verb.start()])[0]
            body = re.sub(r"^(?:请问|那么?|我想问|我们?)", "", body)
            if 2 <= len(body) <= 12 and _BODY_END.search(body):
                return body
    return ""


# the act after a body asked for: "哪个部门负责指导", "由谁审批", "谁来组织实施"
_ACT_ASKED = re.compile(r"(?:(?:哪|什么)[个些一几家级类]*[^，,。？?]{0,2}?(?:部门|单位|机构|机关|局|委|厅|政府)"
                        r"|谁)(?:来|去|在|会|要|应当|专门|具体)?(?P<act>[\u4e00-\u9fff]{2,4})")
_ANY_ACT = re.compile(r"负责|主管|牵头|配合|协助|参与|承担|管理|负责管理|具体负责|来管|在管|管的")
_NOT_ACT = re.compile(r"^(?:是|的|呢|吗|有|可以|能|还)")
_PERFORMER = r"(?:部门|机构|机关|单位|政府|委员会|中心|海关|局|厅|委|办|所|站|小组)"


def asked_act(asking: str) -> str:
    """"市里是哪个部门负责指导" -> "负责指导"; "" where no act follows the body asked for."""
    match = _ACT_ASKED.search(_compact(asking))
    if match is None or _NOT_ACT.match(match.group("act")):
        return ""
    act = re.split(r"呢|吗|啊|吧|的|工作", match.group("act"))[0]
    # ("由谁负责" names no act of its own: every note of responsible units says it)
    return act if len(act) >= 2 and not _ANY_ACT.fullmatch(act) else ""


def performs(act: str, text: str) -> bool:
    """Whether a body performs the act in a unit: "…主管部门负责指导…", "由市房地产管理机构负责"
    ("负责指导" is held by a body followed by "负责指导", or by "负责" where only that is asked)."""
    return bool(re.search(rf"{_PERFORMER}(?:具体)?{re.escape(act)}", text))


def _acts(body: str, text: str) -> bool:
    """Whether a unit states what `body` does: "司法机关要建立…", "发挥新闻媒体…作用"."""
    # ("省政府有关部门和各市政府": each body named)
    return any(re.search(rf"{re.escape(one)}(?:{_ACTOR_VERB})|(?:发挥|由){re.escape(one)}", text)
               for one in re.split(r"和|及|与|、", body) if len(one) >= 2)


_WHAT_IS = re.compile(r"(?:的|^)([\u4e00-\u9fff]{2,8}?)(?:是什么|是啥|叫什么)[？?]?$")
_ASKS_ISSUER = re.compile(r"发布|印发|发文|制定|出台|颁布|签发|落款|谁发的|哪[^，,。？?]{0,6}发的")
_NUMBER_NEAR = re.compile(r"\d|[一二两三四五六七八九十百千万半]")
_MEASURE_SPAN = 16


def _holds_word(word: str, text: str) -> bool:
    """A word, or most of its character pairs, in a text."""
    if word in text:
        return True
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(pair in text for pair in pairs) * 2 > len(pairs)
# an amount the question names: "拿200万元那档奖励" asks about the rule that pays it
# ("去年缴税400万元" says who the asker is, not which rule)
_AMOUNT_NAMED = re.compile(r"(?:拿|领|得|奖)[^，,。？?\d]{0,2}(\d+(?:\.\d+)?)(万元|万|元)"
                           r"|(?<![\d.])(\d+(?:\.\d+)?)(万元|万|元)(?=[那这]?档)")
# "每年什么时候报送": a day or month of each year is asked, which a year never answers
_ASKS_WITHIN_YEAR = re.compile(r"每(?:年|季度?|月)[^，,。？?]{0,12}(?:什么时候|何时|哪天|几月|几号|哪个月)")
_WITHIN_YEAR = re.compile(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|月[底末初]|季度|[上中下]旬|日前|\d{1,2}\s*日")
_THING_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")  # a year or a number is read as one
_THING_TAGS = ("n", "l")  # nouns and set phrases: what a number can be asked for
_FOCUS_SHARE = 0.5
_FOCUS_WEIGHT = 0.5  # a thing named is a rare word of the question, not "国家" or "企业"
# a question about a sanction ("罚多少", "暂扣多久", "会被怎么处分")
SANCTION_ASKED = re.compile(r"罚|赔|暂扣|扣留|拘留|吊销|处分|处罚|追究|没收")
_DUTIES_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百]+条)?[^，,。；;]{0,16}(?:职责|职能|任务)[:：]?$")
_DATELINE = re.compile(r"^[^，,。；;:：]{0,80}?(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|[-./]\d{1,2}[-./]\d{1,2})$")
_TARGET = re.compile(r"到\s*20\d\d\s*年")


_OWN_REGION = 0.04
_ASKS_BAR = re.compile(r"不能|不得|不可以|不允许|不予|不让|没(?:有)?资格|取消资格|禁止|不符合")
_BARS = re.compile(r"不得|不能|不予|不受理|禁止|取消|撤销|不再")
_BAR_CREDIT = 0.08
_ASKS_AHEAD = re.compile(r"提前|之前|以前|前(?:多|几)")
_AHEAD = re.compile(r"前\s*[\d一二两三四五六七八九十]+\s*个?(?:工作日|日|天|月|年)|(?:届满|到期|截止)前")
_AHEAD_CREDIT = 0.08
_TASK_CHARS = 300


def _plain_region(region: str) -> str:
    return re.sub(r"[((].*?[))]", "", region or "").strip()
# "有没有购车补贴" / "能拿奖励吗": whether a reward exists is asked
_ASKS_REWARD = re.compile(r"有没有[^，,。？?]{0,10}(补贴|奖励|补助|资助|奖金|奖补)"
                          r"|(补贴|奖励|补助|资助|奖金|奖补)吗|能不能(拿|领|享受)")


def _with_lead(unit: Unit) -> str:
    return f"{unit.lead.quote} {unit.text}" if unit.lead else unit.text


_NAMED_SANCTIONS = ("拘留", "吊销", "没收", "停产停业", "责令关闭")
# "会被怎么罚款": a fine asked for by name (not "以罚款的名义收钱…给什么处分")
_FINE_ASKED = re.compile(r"(?:怎么|如何|怎样|什么|哪些|会被|要被|被)[^，,。？?]{0,3}罚款|罚款(?:多少|几|怎么|如何|标准|数额|金额)")
_SANCTION_KINDS = frozenset({Kind.PENALTY, Kind.MONEY, Kind.PERIOD})


def _unit_words(unit: Unit) -> str:
    """A unit with its lead, headings and column names: what it is said under."""
    chunk = unit.hit.chunk
    return " ".join((unit.lead.quote if unit.lead else "", unit.text, chunk.context,
                     *chunk.section_path))


# money counted by the month or by the year
_MONTHLY = re.compile(r"每月|按月|月(?:销售额|收入|工资|均|平均|租金|缴纳|营业额)|月度")
_YEARLY = re.compile(r"每年|按年|年(?:度|应征|销售额|收入|均|平均|营业额)")
_ASKS_SUM = re.compile(r"每[^，,。？?]{0,8}(?:多少|几)(?:钱|元|块)|(?:单价|价格|价钱|热价|水价|电价|票价)"
                       r"[^，,。？?]{0,4}(?:多少|几)")
_ASKS_SHARE = re.compile(r"比例|百分|%|％|几成|倍|费率|税率|利率")


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


def _is_title(unit: Unit) -> bool:
    """Whether a unit is only the document's title (or most of it), on a line of its own."""
    # ("…关于印发宁波市江东区区长质量奖评审管理办法的通知 东政发(2014)18号": the notice that
    # carries the rules, with its number, is their title too)
    text = _NOTICE.sub(r"\1", _DOC_NUMBER_AT_END.sub("", _compact(unit.text)))
    words = WORD_CHARS.findall(text)
    title = "".join(WORD_CHARS.findall(unit.hit.meta.title))
    return len(words) >= _TITLE_MIN_CHARS and "".join(words) in title \
        and len(words) >= _TITLE_SHARE * len(title)


_DOC_NUMBER_AT_END = re.compile(f"(?:{DOC_NUMBER.pattern})$")
_NOTICE = re.compile(r"^[\u4e00-\u9fff、]{2,40}?关于(?:印发|发布|转发)《?(.+?)》?的通知$")


_TITLE_MIN_CHARS = 6
_TITLE_SHARE = 0.6


def _is_signature(unit: Unit) -> bool:
    """Whether a unit is nothing but the name of its document's issuer."""
    text = _compact(unit.text).strip("。")
    return len(text) >= 4 and not re.search(r"[^\u4e00-\u9fff]", text) \
        and text in _compact(unit.hit.meta.issuer)
