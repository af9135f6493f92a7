"""Lead-ins that announce a list of problems in the words real notices use, found by the blind
held-out set 4 (both notices gave no problem at all, exit 2, on its first run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.feedback import analyse_notice
from checker.documents import read_document
from checker.notice.sections import Kind, classify
from checker.testing import text_document as notice

HELDOUT4 = Path(__file__).resolve().parent.parent / "fixtures" / "heldout4" / "notices"

LIST = "主要是：课程思政覆盖面不广，本科生导师制落实不到位；党委会议议事规则多年未修订；科研经费使用随意，部分大型仪器设备长期闲置。"


@pytest.mark.parametrize("lead, kind", [
    # praise, then the turn: what comes after 但 decides
    ("张三指出，学院党委在学科建设等方面做了积极努力，取得了一定成绩，但巡察也发现了一些问题，", Kind.PROBLEMS),
    ("学院取得了一定成绩", Kind.OTHER),  # praise alone still is not a list of problems
    # an intro announcing both the problems and the suggestions names neither section
    ("现将巡察发现的主要问题和整改意见反馈如下：", None),
    ("现将巡察发现的主要问题反馈如下：", Kind.PROBLEMS),
    ("巡察组提出如下整改意见：", Kind.SUGGESTIONS),
])
def test_what_a_lead_in_announces(lead, kind):
    assert classify(lead) is kind


def test_praise_before_the_turn_does_not_hide_the_list():
    text = ("11月20日，校党委第三巡察组向材料学院党委反馈巡察情况。\n"
            "张三指出，学院党委在学科建设等方面做了积极努力，取得了一定成绩，但巡察也发现了一些问题，" + LIST + "\n"
            "张三强调，学院党委要在反馈后1个月内召开专题民主生活会，2个月内报送整改情况报告。\n")
    req = analyse_notice(notice(text))
    assert len(req.problems) == 3
    assert req.problems[0].text.startswith("课程思政")


@pytest.mark.parametrize("name, problems, suggestions", [("xueyuan-news.txt", 9, 4), ("ziyuan-noisy.txt", 9, 4)])
def test_the_held_out_notices_that_gave_no_problem(name, problems, suggestions):
    req = analyse_notice(read_document(HELDOUT4 / name))
    assert (len(req.problems), len(req.suggestions)) == (problems, suggestions)
