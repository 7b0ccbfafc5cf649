"""Brand qualification conditions and numeric targets, on the real seed text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ingest.fact import Qualification, Target
from ingest.facts import extract_facts
from ingest.pipeline import parse_file

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "documents"


@cache
def facts(prefix: str) -> tuple:
    parsed = parse_file(next(SEEDS.glob(f"{prefix}_*.txt")))
    return extract_facts(parsed.document, parsed.chunks)


def qualifications(prefix: str) -> list[Qualification]:
    return [f for f in facts(prefix) if isinstance(f, Qualification)]


def targets(prefix: str) -> list[Target]:
    return [f for f in facts(prefix) if isinstance(f, Target)]


def test_qualifies_from_000_row_2_and_002() -> None:
    row2 = [q for q in qualifications("000") if q.effect == "qualifies"]
    assert [(q.span.row, q.programme, q.condition) for q in row2] == [
        (2, "好品山东", "依据法律法规、政策和品牌建设及相应技术标准产生的品牌")]
    assert row2[0].span.quote == ("对依据法律法规、政策和品牌建设及相应技术标准产生的品牌,"
                                  "纳入“好品山东”品牌体系")
    (interpretation,) = qualifications("002")
    assert interpretation.condition == "依据法律法规、政策和标准产生的品牌"
    assert interpretation.outcome == "纳入“好品山东”品牌体系,使用“好品山东”标识"


def test_sanctions_of_000_row_18_name_their_programme() -> None:
    sanctions = [q for q in qualifications("000") if q.effect == "sanctions"]
    assert [(q.span.row, q.programme, q.condition, q.outcome) for q in sanctions] == [
        (18, "好品山东", "问题轻微的", "进行约谈"),
        (18, "好品山东", "未经授权,违规使用“好品山东”形象标识的企业和个人", "依法追究其责任"),
    ]
    assert sanctions[0].span.quote == "对问题轻微的进行约谈"


def test_a_sanction_is_read_from_other_wordings() -> None:
    from ingest.document import Document, DocumentMeta
    from ingest.facts.qualification import extract_qualifications
    from ingest.facts.source import Source

    text = ("建立“鲁字号”品牌退出机制,对抽检不合格的予以通报批评;"
            "对冒用“鲁字号”标识的单位,依法追究其法律责任。针对重点行业开展专项检查。")
    document = Document(DocumentMeta("d", "t"), text, "")
    found = [(q.programme, q.condition, q.outcome) for q in extract_qualifications(Source(document))]
    assert found == [("鲁字号", "抽检不合格的", "予以通报批评"),
                     ("鲁字号", "冒用“鲁字号”标识的单位", "依法追究其法律责任")]


def test_revocations_of_000_row_18_keep_their_scope() -> None:
    revokes = [q for q in qualifications("000") if q.effect == "revokes"]
    assert [q.outcome for q in revokes] == ["撤销其相应“好品山东”品牌资格", "撤销其所有“好品山东”品牌资格"]
    assert revokes[0].condition == "技术和质量达不到标准要求的产品、工程和服务"
    assert revokes[1].condition.endswith("列入严重违法失信名单的")
    assert all(q.span.row == 18 for q in revokes)


def test_incentives_of_000_and_001() -> None:
    incentives = [q for q in qualifications("000") if q.effect == "incentive"]
    assert [q.span.row for q in incentives] == [15, 17]
    assert incentives[0].outcome == "给予相关政策扶持"
    weihai = {q.programme: q for q in qualifications("001")}
    assert set(weihai) == {"好品山东", "同线同标同质"}
    assert weihai["好品山东"].outcome == "给予相应政策激励"


def test_targets_of_000_row_3_paired_with_units() -> None:
    row3 = [(t.metric, t.value) for t in targets("000") if t.span.row == 3]
    assert row3 == [
        ("新增省长质量奖企业", "20家以上"),
        ("新增省制造业高端品牌企业", "1500家以上"), ("新增服务业高端品牌企业", "600家以上"),
        ("新增省制造业单项冠军企业", "300家以上"), ("新增质量标杆企业", "50家以上"),
    ]
    first = next(t for t in targets("000") if t.span.row == 3)
    assert first.deadline == "2025年" and first.units == ("省工业和信息化厅", "省市场监管局")
    assert first.span.quote == "到2025年,新增省长质量奖企业20家以上"


def test_targets_of_000_and_003_by_metric() -> None:
    by_metric = {t.metric: t for t in targets("000") + targets("003")}
    assert by_metric["培育高新技术企业"].value == "30000家"
    assert by_metric["生活性服务业顾客满意度"].value == "80%以上"
    assert by_metric["新增省长江质量奖"].value == "1个以上"
    assert by_metric["培育质量标杆企业"].value == "20家以上"
    assert by_metric["驰名商标"].value == "突破30件"  # the bound as written
    assert by_metric["中国质量奖"].value == "实现零的突破"
    assert all(t.deadline == "2025年" for t in by_metric.values())


def test_no_money_is_read_as_a_target_and_001_has_none() -> None:
    assert not [t for t in targets("003") if "万元" in t.value]
    assert targets("001") == []
    assert len(targets("000")) == 13 and len(targets("003")) == 26


def test_goals_in_words_right_after_a_deadline() -> None:
    goals = {(t.deadline, t.metric, t.value, t.span.quote) for t in targets("002")}
    assert goals == {
        ("2025年", "竞争力", "位居全国区域品牌前列", "到2025年,竞争力位居全国区域品牌前列"),
        ("2030年", "", "成为具备国际竞争力的区域品牌", "到2030年,成为具备国际竞争力的区域品牌"),
    }
    evaluation = next(t for t in targets("000") if t.metric == "“好品山东”评价")
    assert evaluation.value == "涵盖产品、工程、服务等领域" and evaluation.deadline == "2025年"
