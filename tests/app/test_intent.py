"""Question intents from different wordings, and the region a question names."""

from __future__ import annotations

import pytest

from app.answer import Intent
from app.intent import classify, extract_region

PARAPHRASES = {
    Intent.RESPONSIBILITY: [
        "构建好品山东品牌体系谁牵头", "宣传推广由哪个部门负责", "质量基础设施建设哪些单位配合",
        "开展工程质量提升行动的责任单位是谁", "品牌监管归哪个部门管", "标准体系建设的牵头部门是什么",
        "权益保护工作由谁来负责？", "品牌宣传纳入年度考核，谁来牵这个头",
        "质量基础设施建设是不是市场监管局负责", "标准化工作财政局有责任吗",
        "质检中心建设有市科技局的事吗", "商标品牌培育归哪两个部门管", "计量测试中心建设由哪几家单位负责",
    ],
    Intent.DUTIES: [
        "市场监管局负责哪些工作", "省商务厅有哪些任务", "市发改委的职责是什么",
        "省工业和信息化厅牵头哪些事项", "青岛海关要做什么", "市委宣传部承担什么工作",
        "山东省市场监督管理局的责任清单", "省科技厅被列为哪些任务的责任单位", "市商务局要抓哪些事",
        "省总工会有什么分工", "市地方金融局参与的是哪一项任务", "市统计局在哪几项工作里有分工",
    ],
    Intent.REWARD: [
        "获得中国质量奖奖励多少", "驰名商标能拿多少钱", "主导制定行业标准有资助吗",
        "5A级景区有什么奖励", "鲁班奖给多少补贴", "省长质量奖奖金是多少", "评上地理标志补助几万",
        "政府质量奖的奖金由哪级财政承担", "鲁班奖奖金谁出钱",
    ],
    Intent.QUALIFICATION: [
        "哪些品牌可以纳入好品山东", "什么情况下撤销好品山东品牌资格", "好品山东的认定条件",
        "好品山东企业能享受哪些优惠措施", "什么样的品牌能进入好品山东品牌体系？不符合会被取消吗",
        "企业出了严重质量问题还能保留好品山东资格吗", "违规使用好品山东标识会怎样",
        "好品山东企业出了小问题如何处理", "什么情况下会被取消好品山东称号",
    ],
    Intent.TARGET: [
        "到2025年省长质量奖企业目标是多少", "高新技术企业要达到多少家", "顾客满意度要达到多少",
        "2025年新增多少家质量标杆企业", "好品山东产业集群的目标", "农产品抽检合格率指标",
        "省级质检中心要新增几个",
    ],
    Intent.GENERAL: ["好品山东是什么", "这份文件什么时候发布的", "介绍一下质量强市建设"],
}


@pytest.mark.parametrize(("intent", "question"),
                         [(i, q) for i, qs in PARAPHRASES.items() for q in qs])
def test_classify_paraphrases(intent: Intent, question: str) -> None:
    assert classify(question) is intent


def test_paraphrases_are_not_copies() -> None:
    questions = [q for qs in PARAPHRASES.values() for q in qs]
    assert len(set(questions)) == len(questions)
    assert all(len(qs) >= 6 for i, qs in PARAPHRASES.items() if i is not Intent.GENERAL)


@pytest.mark.parametrize(("question", "region"), [
    ("威海市对驰名商标奖励多少", "山东省威海市"), ("山东对中国质量奖有什么奖励", "山东省"),
    ("湖北的鲁班奖奖励", "湖北省"), ("荆州市的规定", "湖北省荆州市"),
    ("哪些品牌可以纳入好品山东", None), ("青岛海关要做什么", None), ("中国质量奖奖励多少", None),
])
def test_extract_region(question: str, region: str | None) -> None:
    assert extract_region(question) == region


@pytest.mark.parametrize("question", [
    "除了牵头单位，还有哪些政法单位负责？",
    "这笔奖励钱由谁来出？",
    "县里企业拿的奖金由哪一级财政承担？",
])
def test_unit_and_funding_phrasings(question: str) -> None:
    expected = Intent.REWARD if "钱" in question or "财政" in question else Intent.RESPONSIBILITY
    assert classify(question) == expected


def test_a_question_about_where_something_comes_from_is_not_about_money() -> None:
    assert classify("这个政策从哪里来的？") != Intent.REWARD
