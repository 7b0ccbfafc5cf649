"""Brand programme conditions: what qualifies, earns incentives, is sanctioned, or revokes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.document import content_hash
from ingest.fact import FactKind, Qualification
from ingest.facts.source import Source

_PROGRAMME = re.compile(r"“([^”]{2,12})”")
# Each pattern: "对<condition>,<outcome>", the outcome naming the programme or its benefit.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "对依据法律法规、政策和…标准产生的品牌,纳入“好品山东”品牌体系"
    ("qualifies", re.compile(r"对(?P<condition>[^;；。]+?)[,，](?P<outcome>纳入“(?P<programme>[^”]+)”"
                             r"[^,，;；。]*(?:[,，]使用“[^”]+”标识)?)")),
    # "对技术和质量达不到标准要求的产品、工程和服务,撤销其相应“好品山东”品牌资格"
    ("revokes", re.compile(r"对(?P<condition>[^;；。]+?)[,，](?P<outcome>(?:撤销|取消)其?(?:相应|所有|全部)?"
                           r"“(?P<programme>[^”]+)”[^,，;；。]*?资格)")),
    # "对“好品山东”市场主体的境外商标注册、广告、展览等项目,给予相关政策扶持"
    ("incentive", re.compile(r"对(?P<condition>[^;；。]+?)[,，](?P<outcome>给予(?:相应|相关|一定)?"
                             r"政策(?:激励|扶持|支持))")),
    # "支持“好品山东”市场主体参评中国质量奖…,享受进出口货物通关一体化等优惠措施"
    ("incentive", re.compile(r"支持(?P<condition>“[^”]+”[^,，;；。]*?)[,，](?P<outcome>享受[^;；。]+)")),
    # "对问题轻微的进行约谈" / "对未经授权,违规使用“好品山东”形象标识的企业和个人,依法追究其责任"
    ("sanctions", re.compile(r"(?<![针面绝相])对(?P<condition>[^;；。]+?)[,，]?(?P<outcome>(?:进行|予以|给予)?"
                             r"(?:约谈|通报批评|限期整改|责令整改|依法追究[^,，;；。]{0,6}责任))")),
)


def extract_qualifications(source: Source) -> Iterator[Qualification]:
    """One fact per programme a condition names, quoted from "对" to the outcome."""
    for start, end in source.pieces(0, len(source.text), "。;；\n|"):
        clause = source.text[start:end]
        for effect, pattern in _PATTERNS:
            for match in pattern.finditer(clause):
                for programme in _programmes(match, clause, effect):
                    span = source.span(start + match.start(), start + match.end())
                    condition = match.group("condition").strip()
                    fact_id = content_hash(source.doc_id, FactKind.QUALIFICATION,
                                           str(span.start), programme, effect)
                    yield Qualification(fact_id, span, programme=programme, effect=effect,
                                        condition=condition, outcome=match.group("outcome"))


def _programmes(match: re.Match[str], clause: str, effect: str) -> list[str]:
    named = match.groupdict().get("programme")
    if named:
        return [named]
    # An incentive names its programmes in the condition: "对…、“好品山东”“同线同标同质”等品牌企业";
    # a sanction may name it earlier in the clause: "建立健全“好品山东”动态管理机制,对问题轻微的进行约谈".
    places = [match.group("condition")]
    if effect == "sanctions":
        places.append(clause[: match.start()])
    for text in places:
        names = [name for name in _PROGRAMME.findall(text) if "、" not in name]
        if names:
            return names
    return []
