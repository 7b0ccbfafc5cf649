"""One question, read once: its text, what it asks, its parts and its region; passed down."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.answer import Intent
from app.asked import Kind, asked_kinds
from app.intent import classify, extract_region
from ingest.front_matter import DOC_NUMBER


@dataclass(frozen=True)
class Query:
    """A question as the answerer reads it. `region` is where answers may come from: the one
    the caller chose (`explicit_region`, a region selector or `--region`), else the one the
    question names."""

    text: str  # cleaned: NFKC, no control characters
    asked: str  # as the user wrote it, printable
    intent: Intent
    kinds: frozenset[Kind]  # the kinds of answer asked for (money, period, units …)
    parts: tuple[str, ...]  # the parts of a compound question; one part if simple
    region: str | None
    explicit_region: str | None
    # names that only say which place or document is meant ("荆江质量奖所在的那座城市")
    identifying: tuple[str, ...] = ()

    @property
    def topic(self) -> str:
        """The question without the names that only say which place or document is meant:
        "荆江质量奖所在的那座城市,景区评上3A级奖多少" asks about 3A级景区, not 荆江质量奖."""
        return without_identifying(self.text)


# A name used to point at a place or a document, not asked about: "那个设了荆江质量奖的城市",
# "荆江质量奖所在的那座城市", "湖北那个荆江质量奖城市", "有荆江质量奖的那个湖北城市"
_PLACE_HEAD = r"(?:城市|地方|地区|市|县|区|省|州)"
_IDENTIFYING = re.compile(
    r"(?:那个|那份|那部|这个|哪个)[^，,。？?]{0,4}?(?:设了?|设立了?|有|搞了?|出了?|发了?|评)"
    r"(?P<a>[^，,。？?]{2,16}?)的(?:那个)?[\u4e00-\u9fff]{0,3}?(?:城市|市|地方|县|区|省|州|文件|意见|办法|条例)"
    # "(湖北、设荆江质量奖的那份)": the document pointed at by what it sets up
    r"|(?:设了?|设立了?|有)(?P<f>[^，,。？?（(、]{2,16}?)的(?:那份|那个|那部|那座)"
    rf"|(?P<b>[^，,。？?有在]{{2,16}}?)所在的?(?:(?:那个|那座|这个)[\u4e00-\u9fff]{{0,4}}?{_PLACE_HEAD}"
    r"|城市|地方|地区)"
    rf"|有(?P<c>[^，,。？?]{{2,16}}?)的(?:那个|那座)[\u4e00-\u9fff]{{0,4}}?{_PLACE_HEAD}"
    r"|(?:那个|那座|这个)(?P<d>[^，,。？?的]{2,16}?)(?:城市|地方|地区)"
    # "那个针对骗购外汇…给予行政处分或纪律处分的暂行规定": what a document is about, to say
    # which document is meant
    r"|(?:那个|那份|那部)(?:针对|关于|专门讲|专门管|讲|管|规范)(?P<e>[^。？?]{2,40}?)的"
    r"(?:暂行)?(?:规定|条例|办法|法规|法律|意见|决定|细则|文件)"
    # "(许政[2010]8号那版)": the document meant, by its number
    rf"|(?P<g>{DOC_NUMBER.pattern})(?:那版|那份|那个|版本|文件)?")


def identifying_names(question: str) -> tuple[str, ...]:
    """The names a question uses only to point at a place or a document."""
    return tuple(next(name for name in match.groups() if name)
                 for match in _IDENTIFYING.finditer(question))


def without_identifying(question: str) -> str:
    """The question with its pointing phrases blanked."""
    return _IDENTIFYING.sub(" ", question)


def make_query(text: str, asked: str, explicit_region: str | None = None,
               library: Iterable[str] = ()) -> Query:
    """Read a cleaned question once; `library` holds the regions of the documents held."""
    from app.evidence import question_parts

    return Query(text=text, asked=asked, intent=classify(text),
                 kinds=asked_kinds(without_identifying(text)),
                 parts=tuple(question_parts(text)),
                 region=explicit_region or extract_region(text, library),
                 explicit_region=explicit_region, identifying=identifying_names(text))


Asked = str | Query


def read_query(question: Asked, regions: Iterable[str] = ()) -> Query:
    """The query a fact answer reads: the one the answerer built, or, for a question given as
    text (tests, the reward form), one read now against the library's regions."""
    if isinstance(question, Query):
        return question
    return make_query(question, question, None, regions)
