"""What a question asks for (who leads, a department's duties, a reward …) and for which region."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.answer import Intent
from app.asked import asks_recipient
from ingest.department import find_mentions, find_offices
from ingest.places import question_place

# A department's own list of work: "市场监管局负责哪些工作" / "省商务厅牵头哪些任务".
_DUTIES = re.compile(
    r"(负责|牵头|配合|承担|参与|分管|主管)(了)?(哪些|什么|啥)(工作|任务|事项|事情|职责)?"
    r"|(负责|牵头|配合|承担|参与|分管|主管)的(工作|任务|事项|事情|职责)"
    r"|职责|责任清单|任务清单|工作任务|有哪些任务|要做什么|干什么|做哪些|分工是什么|(什么|哪些)分工"
    r"|管哪(一)?(块|些|方面)|管什么|负责哪(一)?(块|方面)"
)
# A unit named and a list of its work asked, whatever else is said: "海洋发展局被列为哪些任务的
# 责任单位" / "市文旅局要抓哪些事".
_DUTY_LIST = re.compile(r"(哪些|什么|几项|哪一?项|哪几项)(任务|工作|事项|事情|事儿|事|活儿?)")
_RESPONSIBILITY = re.compile(
    r"谁(来)?(牵|负责|主管|配合|主抓|承担|管)|由谁|哪(个|些|几个|两个|三个|几家|两家|一个)"
    r"[\u4e00-\u9fff]{0,4}?(部门|单位|机构|厅|局|委|部|家单位|(?<!国)家)|什么(部门|单位)|责任(单位|部门)|牵头(单位|部门)"
    r"|配合(单位|部门)|主管部门|谁管|归谁|(牵头|负责)的是"
)
# "是不是市场监管局负责" / "财政局有责任吗" / "有卫健委的事吗": is this unit in charge of a task.
_UNIT_CHECK = re.compile(
    r"是不是|是否|有(没有)?责任|的事|要不要(参与|配合|负责)|(负责|牵头|配合|参与)[^,，。]*吗"
    r"|是[^,，。]{2,20}吗"
)
# "奖金由谁出钱" / "哪级财政承担": who pays a reward, read from the reward facts.
ASKS_FUNDING = re.compile(
    r"出钱|谁出|出资|谁(?:来)?(?:出|承担|支付|付|掏|兑现|负担)|哪(?:一)?级财政|什么财政|哪里出|从哪"
    r"|资金(?:来源|由谁)|经费(?:来源|由谁)|财政(?:承担|负担|分担)"
)
_MONEY = re.compile(r"奖|钱|资金|经费|财政|补贴|资助")
_REWARD = re.compile(
    r"奖励|奖金|奖多少|奖补|补贴|补助|资助|多少钱|给多少|拿多少|发多少|几万|万元|现金|重奖|奖励标准"
)
_QUALIFICATION = re.compile(
    r"纳入|撤销|取消|吊销|资格|认定条件|申请条件|什么条件|哪些条件|符合|哪些品牌|什么样的品牌|能不能(加入|申请)"
    r"|政策激励|政策扶持|优惠措施|享受|有(什么|哪些)?(政策)?(扶持|激励)吗?"
    r"|(会|将)?(怎么|如何)(处理|处罚)|会怎样|会怎么样|什么后果|追究|约谈|什么情况下"
)
_TARGET = re.compile(
    r"目标|到\s*20\d\d\s*年|20\d\d年(前|底|末)?(要|要求|需要|应当)?(达到|实现|新增)|要达到|达到多少"
    r"|新增多少|多少家|多少个|多少项|多少件|指标|满意度|合格率|覆盖率"
    r"|(新增|建|建设|建成|培育|达到|突破)几(个|家|项|件|所|批)"
)

# "人社厅是什么角色": a department's part in a task; "新闻媒体要发挥什么作用" names no department,
# and what the media must do is read in the passages
_ROLE = re.compile(r"(什么|哪些|啥)(样的)?(角色|作用)")

# "哪个机构印发的" / "由哪个部门起草": who issued a document, not who carries out a task
_ISSUED = re.compile(r"印发|发布|出台|发文|起草|制定的")


def classify(question: str) -> Intent:
    """The intent of a question, from its wording; GENERAL when no fact type fits."""
    text = re.sub(r"\s+", "", question)
    if _ISSUED.search(text) and not _DUTY_LIST.search(text):
        return Intent.GENERAL
    names_a_unit = bool(find_mentions(text) or find_offices(text))
    if names_a_unit and _DUTY_LIST.search(text):
        return Intent.DUTIES
    if names_a_unit and _DUTIES.search(text) and not _RESPONSIBILITY.search(text):
        return Intent.DUTIES
    if ASKS_FUNDING.search(text) and _MONEY.search(text):
        return Intent.REWARD
    if (_RESPONSIBILITY.search(text) or names_a_unit and (_UNIT_CHECK.search(text)
                                                          or _ROLE.search(text))) \
            and not asks_recipient(text):
        return Intent.RESPONSIBILITY
    if _REWARD.search(text):
        return Intent.REWARD
    if _QUALIFICATION.search(text):
        return Intent.QUALIFICATION
    if _TARGET.search(text):
        return Intent.TARGET
    if names_a_unit and re.search(r"负责|牵头|配合", text):
        return Intent.DUTIES
    return Intent.GENERAL


def extract_region(question: str, library: Iterable[str] = ()) -> str | None:
    """The region a question names, as documents write it: 山东省, 山东省威海市, 浙江省湖州市德清县;
    `library`, the regions of the documents held, lets a county's short name count."""
    place = question_place(question, library)
    return place.name if place else None
