"""What a question names that an answer must name too: quoted names, domain terms, words no
passage uses, departments and items; and the words that only say how a question is put."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.evidence.units import Tokenize, Weigh, _compact
from app.fact_match import QUESTION_WORDS as _FACT_QUESTION_WORDS
from ingest.department import find_offices
from kb.region import is_place_name
from kb.tokenizer import Tokenizer, domain_tokenizer

# Words that say how a question is put. Fact matching also drops the verbs of duty and reward
# (牵头, 负责, 奖励), which its facts hold apart; a sentence holds them in its words, and they
# tell "市教育行政部门主管全市幼儿园工作" from every other sentence about 幼儿园.
QUESTION_WORDS = _FACT_QUESTION_WORDS - {
    "牵头", "负责", "主管", "配合", "参与", "奖励", "奖金", "标准", "目标", "要求", "处理", "包括",
    "包含", "责任单位", "牵头单位", "管", "规定"}
_QUESTION_CHARS = re.compile(
    r"请问|是不是|有没有|能不能|可不可以|多少|哪|什么|怎么|如何|是否|吗|呢|吧|啊|谁|几")
# words of three characters that name no particular thing
_GENERIC = re.compile(r"^(有关部门|相关部门|什么样|怎么样|哪些人|老百姓|工作人员|负责人|具体内容)$"
                      r"|[省市县区州镇乡]$|^(多长|多久|多少|几)"
                      # "同类称号", "两份奖励": what kind or how many of a thing, not which thing
                      r"|^(同类|同一|同种|相同|不同|各类|各种|这类|那类|这个|那个|两份|两个|多个|其他|其它)"
                      # "荣誉称号", "奖励称号": an honour of any name
                      r"|^(荣誉|奖励|表彰|奖项|人才)$")
# "企业专利", "我们商标": whose thing it is, not which kind ("企业所得税" is a kind of tax)
_OWNER = re.compile(r"^(企业|公司|单位|个人|我们|我司|本企业|本公司|自己|他人|别人)$")
_OWNED = ("专利", "商标", "证书", "称号")  # ("个人奖" is a prize of its own)


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
# a word that asks which thing of a kind: the kind it is followed by names no particular thing
_WHICH = re.compile(r"(?:哪|什么|何)(?:个|些|项|一|类|种|部|份|家|条|级)?$")
_QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,30})[”\"》」]")


def _key_words(question: str, weigh: Weigh,
               tokenize: Tokenize) -> tuple[KeyWord | NamedThing | AskedPost, ...]:
    """The things a question names: quoted names, domain terms (honours, programmes), and
    words of three or more characters that no passage uses as a word. Common words are left
    to relevance; places to the region filter; numbers to the answer kind."""
    tokenizer = domain_tokenizer()
    found: dict[str, None] = {}
    offices = [match.group(0) for match in find_offices(question)]
    candidates = [_compact(w) for w in tokenizer.segment(_QUOTED.sub(" ", question))]
    weights = weigh(candidates)  # the words some passage uses
    for quoted in _QUOTED.findall(question):
        # “三证” / “四强”: a short quoted name is often a count of things the text lists
        if len(_compact(quoted)) >= 3:
            found[_compact(quoted)] = None
    previous = ""
    for word in tokenizer.segment(_QUOTED.sub(" ", question)):
        word, asked_kind = _compact(word), _WHICH.search(previous)
        previous = word or previous
        if asked_kind:
            continue  # "按哪个国家标准评审": the kind of thing asked, not one the answer names
        if (len(word) < 3 or word in QUESTION_WORDS or is_place_name(word)
                or _QUESTION_CHARS.search(word) or _GENERIC.search(word)
                or not re.search(r"[\u4e00-\u9fff]{2}", word)):
            continue
        # a word no passage uses is a thing only when long enough not to be a turn of phrase
        # ("个人所得税", not "查出来" or "最多能")
        unseen = word not in weights and len(word) >= _MIN_UNSEEN_KEY
        if _is_office(word) or word.endswith(_COURTS) \
                or word[-1] in _OFFICE_ENDINGS and any(word in office for office in offices):
            # a department is a named thing: "市财政局" is held by "市人民政府财政部门", the
            # "公安局" of "县公安局" by "公安部门"; a court, by the note naming those
            # responsible ("责任单位:…市法院、市检察院")
            continue
        if word.endswith("政府"):
            continue  # a government is a level ("省政府" is "省人民政府"), read as one elsewhere
        if word in tokenizer.terms or unseen:
            found[word] = None
    keys: list[KeyWord | NamedThing] = []
    for word in found:
        parts = tuple(t for t in tokenize(word) if t != word and len(t) > 1)
        known = word in tokenizer.terms and word in weights
        keys.append(KeyWord(word, parts, known))
    keys += [thing for thing in _named_things(question, tokenizer)
             if not any(thing.word in key.word or key.word in thing.word for key in keys)]
    return (*keys, *asked_posts(question))


@dataclass(frozen=True)
class AskedPost:
    """A post whose holder is asked ("评审委员会主任由哪位领导担任") or where a body sits
    ("秘书处设在哪个部门"): a passage that never names it does not say who or where."""

    word: str
    forms: tuple[str, ...] = ()
    known: bool = True

    def held(self, text: str) -> bool:
        return any(form in text for form in (self.word, *self.forms))


_POSTS = r"(主任|副主任|组长|副组长|秘书长|主席|副主席|召集人|总指挥)"
_POST_ASKED = re.compile(rf"(?:谁|哪位|哪个|哪一位|哪名|什么人|什么领导)[^，,。？?]{{0,10}}?担任(?:的)?{_POSTS}"
                         rf"|{_POSTS}[^，,。？?]{{0,6}}?(?:由|是)(?:谁|哪位|哪个|什么)")
_SEAT_ASKED = re.compile(r"(?:设在|设于|挂靠在?|放在|安排在|落在)(?:哪|什么)")
_SEATS = ("设在", "设于", "挂靠")


def asked_posts(question: str) -> tuple[AskedPost, ...]:
    """The posts and seats a question asks who holds or where they are."""
    compact = _compact(question)
    posts = [AskedPost(next(g for g in match.groups() if g))
             for match in _POST_ASKED.finditer(compact)]
    if _SEAT_ASKED.search(compact):
        posts.append(AskedPost(_SEATS[0], _SEATS[1:]))
    return tuple(posts)


@dataclass(frozen=True)
class NamedThing:
    """A department ("省教育厅") or a kind of item ("实用新型专利", "企业所得税", "个人奖") that the
    question names: a passage that never names it, in any spacing of its characters, is about
    something else. "市场监管局" is held by "市场监督管理局", "市长奖" by "市长质量奖"."""

    word: str
    stem: str  # what distinguishes it: 教育 of 省教育厅, 实用新型 of 实用新型专利
    suffix: str  # what kind of thing: 厅, 专利
    by_field: bool = False  # "民政部门": a body named by its field only, in a user's words

    def is_office(self) -> bool:
        return self.suffix[0] in _OFFICE_ENDINGS

    def held(self, text: str) -> bool:
        if self.is_office():
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

    def others_of_kind(self, text: str) -> bool:
        """Whether a text names things of this item's kind with another stem before it
        ("国家标准、行业标准" for "国际标准")."""
        stems = (text[max(0, m.start() - 2):m.start()] for m in re.finditer(re.escape(self.suffix), text))
        return any(re.fullmatch(r"[\u4e00-\u9fff]{2}", stem) and stem != self.stem[-2:] for stem in stems)


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
_COURTS = ("法院", "检察院")
# the endings of things a question names as items: patents, trademarks, taxes, titles, prizes,
# standards ("国际标准" is not paid by a rule for "国家标准、行业标准")
_ITEM_ENDINGS = ("专利", "商标", "所得税", "增值税", "称号", "证书", "许可证", "奖", "标准")
# "县里奖", "市级奖": where a prize is given, not which prize
_PLACE_WORD = re.compile(r"^[省市县区州乡镇村](?:里|级|内)?$|级$")
# "名牌产品奖多少": what follows a 奖 that pays
_REWARD_VERB = re.compile(r"多少|几|励|金|钱|了|吗|不|给|\d|[一二三四五六七八九十两]")


def _named_things(question: str, tokenizer: Tokenizer) -> list[NamedThing]:
    """The departments and items a question names, each with what distinguishes it."""
    # ("县里哪个局在管" names no office: it asks which)
    things = [NamedThing(m.group(0), m.group(1), m.group(2)) for m in find_offices(question)
              if not _QUESTION_CHARS.search(m.group(0))]
    for match in _FIELD_BODY.finditer(_compact(question)):
        # "民政部门": a body named by its field, without a level ("汶川…民政部门负责哪些工作")
        field = next((match.group(1)[-size:] for size in (4, 3, 2)
                      if tokenizer.in_dictionary(match.group(1)[-size:])
                      and tokenizer.tag(match.group(1)[-size:]) in _FIELD_TAGS), None)
        if field and not _GENERIC_FIELD.search(field) and not _QUESTION_CHARS.search(field) \
                and not any(field in thing.word for thing in things):
            things.append(NamedThing(field + "部门", field, "部门", by_field=True))
    words = [w for w in tokenizer.segment(_QUOTED.sub(" ", question)) if w.strip()]
    for index, word in enumerate(words):
        ending = next((e for e in _ITEM_ENDINGS if word.endswith(e)), None)
        if ending is None or word in tokenizer.terms or index and _WHICH.search(words[index - 1]):
            continue
        following = "".join(words[index + 1:index + 3])
        if ending == "奖" and _REWARD_VERB.match(following):
            continue  # "名牌产品奖多少": 奖 is how much is paid, not a prize
        stem = word[: -len(ending)]
        if not stem and index > 0:
            before = words[index - 1]
            # (a word the segmenter knows: "主把" of "商标主把商标许可" is a guess of its own)
            if (re.fullmatch(r"[\u4e00-\u9fff]{2,6}", before) and not is_place_name(before)
                    and tokenizer.in_dictionary(before)
                    and (tokenizer.tag(before)[:1] in "nlb" or tokenizer.tag(before) == "ns")):
                stem = before
            elif ending in _LICENCES and index > 1 and tokenizer.tag(before) in ("vn", "v") \
                    and tokenizer.in_dictionary(words[index - 2]) \
                    and tokenizer.tag(words[index - 2])[:1] == "n" \
                    and not is_place_name(words[index - 2]):
                # "食品经营许可证": a licence is named by what and which act it permits
                # ("医疗器械经营许可证" is another)
                stem = words[index - 2] + before
        elif stem and not (tokenizer.in_dictionary(stem) and tokenizer.tag(stem)[:1] in "nlba") \
                and not (tokenizer.in_dictionary(word) and tokenizer.tag(word)[:1] in "nl"):
            continue  # "能奖" is a turn of phrase, "使用商标" an act, "个人奖" a prize
        if ending == "标准" and _CRITERIA.search(stem):
            continue  # "奖金标准", "收费标准": the criteria of a sum or a step, not a standard
        if len(stem) >= 2 and ending not in stem and not _QUESTION_CHARS.search(stem) \
                and not _PLACE_WORD.search(stem) \
                and not _GENERIC.search(stem) and not (ending in _OWNED and _OWNER.search(stem)):
            things.append(NamedThing(stem + ending, stem, ending))
    return things


_MIN_UNSEEN_KEY = 5
_LICENCES = ("许可证", "证书")
_CRITERIA = re.compile(r"奖|补|资助|费|价|评|考核|认定|申报|审|验收|检验|执行|技术|管理|服务|安全|质量")
_FIELD_TAGS = ("n", "nz", "vn")  # a field is a noun: 民政, 财政, 教育
_FIELD_BODY = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:行政)?(?:主管)?部门")
# fields that name no body in particular: "有关部门", "职能部门", "政府部门"
_GENERIC_FIELD = re.compile(r"有关|相关|职能|业务|政府|其他|其它|行政|主管|管理|监管|执法|责任|牵头|配合"
                            r"|各级|上级|同级|本级|主要|具体|国家|地方|哪|什么|机关|单位")
