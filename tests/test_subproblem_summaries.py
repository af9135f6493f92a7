"""Which first clause of a problem only sums up the failings after it (a reviewer does not look
for an answer to it of its own) and which is a failing beside them — the cases the held-out notices
showed: 融合不紧 / 存在隐患 / 办法不多 before a list, and a judgement before one instance of it."""

from __future__ import annotations

import pytest

from checker.match import sums_up_next
from checker.notice.subproblems import sub_problems


def subs(text: str) -> list[str]:
    return sub_problems(text, 0, len(text))


@pytest.mark.parametrize("text,expected", [
    # an area judged as a whole, then its failings
    ("机关党建与业务融合不紧，支部主题党日多以读文件代替研讨，党员志愿服务队长期未开展活动",
     ["支部主题党日多以读文件代替研讨", "党员志愿服务队长期未开展活动"]),
    ("食品安全监管存在隐患，农贸市场快检设备长期损坏，学校食堂抽检频次不足",
     ["农贸市场快检设备长期损坏", "学校食堂抽检频次不足"]),
    ("推动产业发展办法不多，2个村集体经济收入低于10万元，部分扶贫车间停产",
     ["2个村集体经济收入低于10万元", "部分扶贫车间停产"]),
    ("市场监管存在宽松软现象，对校外培训机构预收费监管不到位，加油站计量检查流于形式",
     ["对校外培训机构预收费监管不到位", "加油站计量检查流于形式"]),
    ("档案利用服务不充分，开放审核积压，查档预约渠道单一", ["开放审核积压", "查档预约渠道单一"]),
])
def test_a_first_clause_that_judges_the_area_sums_up_the_failings_after_it(text, expected):
    assert subs(text) == expected


@pytest.mark.parametrize("text", [
    "服务决策作用发挥不充分，近两年仅有1篇调研报告被采用",  # a number: the instance of the judgement
    "车辆平台化管理推进缓慢，部分单位车辆仍未纳入平台调度",  # 部分…: its instance
])
def test_a_judgement_before_one_instance_of_it_is_one_failing(text):
    assert subs(text) == []


@pytest.mark.parametrize("text,expected", [
    # a judgement before a different failing: two failings side by side
    ("院级党组织作用发挥不充分，党政联席会议制度执行不严格", ["院级党组织作用发挥不充分", "党政联席会议制度执行不严格"]),
    ("人居环境整治推进缓慢，改厕管护机制不健全", ["人居环境整治推进缓慢", "改厕管护机制不健全"]),
])
def test_a_judgement_before_a_different_failing_is_a_failing_of_its_own(text, expected):
    assert subs(text) == expected


def test_the_matcher_also_reads_these_judgements_as_sums_of_what_follows():
    # when the reader keeps such a clause (a labelled notice, extract JSON edited by hand), the matcher
    # counts it answered with the detail it sums up
    assert sums_up_next(["机关党建与业务融合不紧", "支部主题党日多以读文件代替研讨"]) == [True, False]
    assert sums_up_next(["食品安全监管存在隐患", "快检设备长期损坏"]) == [True, False]
    assert sums_up_next(["改厕管护机制不健全", "快检设备长期损坏"]) == [False, False]


def test_a_failing_followed_by_a_number_that_shows_it_is_answered_with_it():
    # …脱节，培训后实现就业的不足三成 / …把关不严，多付服务费18.6万元: the number is the failing's instance
    assert sums_up_next(["职业技能培训与市场需求脱节", "培训后实现就业的不足三成"]) == [True, False]
    assert sums_up_next(["结算审核把关不严", "多付服务费18.6万元"]) == [True, False]
    assert sums_up_next(["结算审核把关不严", "罚没款未及时上缴国库"]) == [False, False]
