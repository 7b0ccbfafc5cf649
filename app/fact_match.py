"""How well a fact answers a question: the IDF-weighted share of the question's content words
the fact's text holds, per enumerated item when the question lists several."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from ingest.department import aliases_of, match_units
from ingest.places import PLACE_NAMES
from ingest.plain import expansion
from kb.tokenizer import domain_tokenizer

T = TypeVar("T")

# A fact must hold at least this share of the question's content weight to answer it;
# below it the facts do not speak to the question and passages answer instead.
MIN_MATCH = 0.5
# Facts within this share of the best score are kept with it (several rows of one task).
NEAR_BEST = 0.8
# An enumerated item lighter than this share of the question is read with its neighbour:
# "国家级、省级、市级政府质量奖" is one item, "5A级、4A级旅游景区" two.
MIN_ITEM_SHARE = 0.25
MAX_MATCHES = 3
# A compound word found only in parts counts for this much of a whole one.
PART_CREDIT = 0.8

# Words that say what is asked, not what about; the intent already carries them.
QUESTION_WORDS = frozenset({
    "谁", "谁来", "哪个", "哪些", "哪几个", "哪两个", "哪几家", "哪家", "哪一个", "什么", "什么样",
    "怎么", "怎样", "如何", "多少", "几个", "几家", "几项", "是否", "是不是", "能不能", "可不可以",
    "要不要", "有没有", "吗", "呢", "吧", "这个", "那个", "这些", "那些", "那份", "这份", "各是",
    "分别", "各自", "具体", "主要", "一下", "请问", "可以", "能", "需要", "应该", "会", "要", "有",
    "是", "由", "的", "了", "和", "与", "及", "以及", "在", "对", "把", "将", "里", "中", "上",
    "牵头", "负责", "部门", "单位", "机构", "配合", "参与", "责任", "责任单位", "牵头单位", "归",
    "管", "主管", "目标", "要求", "达到", "规定", "文件", "情况", "情况下", "时候", "之类", "工作",
    "奖励", "奖金", "多少钱", "标准", "事", "问题", "涉及", "包括", "包含", "属于", "出现", "发生",
    "处理", "怎么办", "希望", "还有", "除了", "其他", "另外", "总体目标", "主要目标", "具体目标",
    # who asks: "我们企业…" says nothing of which rule applies
    "企业", "公司", "我们", "我司", "单位里", "一般", "通常",
})
# Parts of speech (jieba's dictionary tags) that never say what a question is about: numerals,
# measure words, pronouns, prepositions, conjunctions, particles, place and direction words
# ("这件事" / "除了…" / "省里" / "文件里").
_FILLER_TAGS = frozenset({"m", "mq", "q", "r", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud",
                          "y", "e", "o", "f", "s", "zg"})
# "那份意见" / "这条措施" / "这件事": a pointer at something already named.
_POINTER = re.compile(r"[这那该此本][份个条项件些次种类]")
# "4+1" / "NQI": written without Chinese, whole, and not split by the segmenter.
_CODE = re.compile(r"\d+\s*\+\s*\d+|[A-Z]{2,}")
# "威海推广…、卓越绩效…" / "…企业和质量标杆企业": where a question lists several things.
_ITEM_SEPARATORS = frozenset({"、", "和", "及", "与", "以及", "跟"})
# Only a question that asks for each item ("各是多少" / "分别") is answered item by item;
# "建立质量发展资金、加大财政投入这条措施" is one measure.
_EACH = re.compile(r"分别|各是|各为|各自|各有|各要|每个|每项|都是|各[^，,。？?]{0,4}(多少|几)"
                   r"|[、和及与][^，,。？?]{1,12}(多少|几[个家项件])")
# Contiguous question words found contiguous in a fact rank it first: "好品山东品牌体系".
ADJACENCY_BONUS = 0.25
_PUNCTUATION = re.compile(r"[\s“”\"'‘’《》()（）?？!！,，。:：;；]")


def _is_content(word: str) -> bool:
    word = word.strip()
    return (len(word) >= 2 and word not in QUESTION_WORDS and word not in PLACE_NAMES
            and domain_tokenizer().tag(word) not in _FILLER_TAGS
            and not re.fullmatch(r"\d+|20\d\d年?", word))


def question_items(question: str) -> list[list[str]]:
    """Content words of the question, one list per item it enumerates (one list if none)."""
    codes = [re.sub(r"\s", "", code) for code in _CODE.findall(question)]
    text = _POINTER.sub(" ", _PUNCTUATION.sub(" ", _CODE.sub(" ", question)))
    items: list[list[str]] = [codes]
    for word in domain_tokenizer().segment(text):
        if word in _ITEM_SEPARATORS:
            items.append([])
        elif _is_content(word):
            items[-1].append(word)
    return [item for item in items if item] or [[]]


def question_terms(question: str) -> set[str]:
    """Content words of a question, domain terms kept whole."""
    return {word for item in question_items(question) for word in item}


@lru_cache(maxsize=4096)
def expand_units(text: str) -> str:
    """Every alias of each unit named in `text`, so 卫健委 meets 市卫生健康委."""
    names = {name for mention in re.findall(r"[\u4e00-\u9fa5]{2,20}", text)
             for name in match_units(mention)}
    return " ".join(alias for name in sorted(names) for alias in aliases_of(name))


class Matcher:
    """Scores facts against one question: weights are IDF over the candidate facts' texts."""

    def __init__(self, question: str, texts: Sequence[str]) -> None:
        items = question_items(question)
        self.terms = [term for item in items for term in item]
        weight = self._weight_of(texts)
        self.items = _merge_light(items, weight) if _EACH.search(question) else [self.terms]
        self.texts = texts

    def _weight_of(self, texts: Sequence[str]) -> Callable[[str], float]:
        count = len(texts)
        weights: dict[str, float] = {}

        def weight(term: str) -> float:
            if term not in weights:
                frequency = sum(term in text for text in texts)
                weights[term] = len(term) * math.log((count + 1) / (frequency + 0.5))
            return weights[term]

        self.weight = weight
        return weight

    def coverage(self, terms: Sequence[str], text: str) -> float:
        total = sum(self.weight(term) for term in terms)
        if total <= 0:
            return 0.0
        return sum(self.weight(term) * _found(term, text) for term in terms) / total

    def score(self, text: str) -> float:
        """The share of the question's content weight that `text` holds."""
        return self.coverage(self.terms, text)

    def adjacency(self, text: str) -> float:
        """The share of neighbouring question words that stand together in `text` too."""
        pairs = list(zip(self.terms, self.terms[1:]))
        if not pairs:
            return 0.0
        joined = _PUNCTUATION.sub("", text)
        return sum(first + second in joined for first, second in pairs) / len(pairs)

    def per_item(self, text: str) -> list[float]:
        return [self.coverage(item, text) for item in self.items]


def _found(term: str, text: str) -> float:
    """1 for a word the text holds; partial credit for a compound whose parts it holds apart
    ("加大财政投入" ~ "加大财政资金的投入")."""
    if term in text:
        return 1.0
    if len(term) < 4:
        return 0.0
    pairs = [term[i:i + 2] for i in range(0, len(term) - 1, 2)]
    return PART_CREDIT * sum(pair in text for pair in pairs) / len(pairs)


def _merge_light(items: list[list[str]], weight: Callable[[str], float]) -> list[list[str]]:
    """Items too light to stand alone joined to the next: 国家级、省级、市级政府质量奖 -> one."""
    total = sum(weight(term) for item in items for term in item) or 1.0
    merged: list[list[str]] = []
    carry: list[str] = []
    for item in items:
        carry = carry + item
        if sum(weight(term) for term in carry) / total >= MIN_ITEM_SHARE:
            merged.append(carry)
            carry = []
    if carry:
        if merged:
            merged[-1] = merged[-1] + carry
        else:
            merged.append(carry)
    return merged


def best_matches(question: str, facts: Sequence[T], text_of: Callable[[T], str],
                 threshold: float = MIN_MATCH, limit: int = MAX_MATCHES) -> list[T]:
    """Facts that answer the question well, best first; for an enumerating question, the best
    facts of each item. Empty when no fact reaches `threshold`."""
    if not facts:
        return []
    texts = [text_of(fact) for fact in facts]
    matcher = Matcher(question, texts)
    scores = [matcher.score(text) for text in texts]
    written = expansion(question)
    if written:
        # "出了点小问题" is matched as the "问题轻微" a document writes, where that matches
        # better than the user's own words
        plain = Matcher(f"{question} {written}", texts)
        scores = [max(score, plain.score(text)) for score, text in zip(scores, texts)]
    ranks = [score + ADJACENCY_BONUS * matcher.adjacency(text) if score >= threshold else 0.0
             for score, text in zip(scores, texts)]
    order = sorted(range(len(facts)), key=lambda i: -ranks[i])
    chosen = []
    if ranks[order[0]] > 0:
        chosen = [i for i in order if ranks[i] >= NEAR_BEST * ranks[order[0]]][:limit]
    if len(matcher.items) > 1:
        chosen += _best_per_item(matcher, texts, threshold, limit)
    return [facts[i] for i in dict.fromkeys(chosen)]


def _best_per_item(matcher: Matcher, texts: Sequence[str], threshold: float,
                   limit: int) -> list[int]:
    """For each item the question lists, the facts that match it best."""
    per_item = [matcher.per_item(text) for text in texts]
    chosen: list[int] = []
    for item in range(len(matcher.items)):
        best = max(scores[item] for scores in per_item)
        if best < threshold:
            continue
        near = [i for i, scores in enumerate(per_item) if scores[item] >= NEAR_BEST * best]
        chosen += sorted(near, key=lambda i: -per_item[i][item])[:limit]
    return chosen
