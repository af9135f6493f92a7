"""A notice to several units: each unit's plan answers the shared problems and its own, no others.

fixtures/extraction/xiangzhen-gongxing-2022.txt is addressed to 石桥镇党委、柳河镇党委、白沙乡党委: four
共性问题 (P1–P4), then two 个性问题 for each town (P5–P6 石桥镇, P7–P8 柳河镇, P9–P10 白沙乡).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from checker.check import run_check
from checker.errors import UsageError
from checker.units import unit_stem

NOTICE = Path(__file__).resolve().parent.parent / "fixtures" / "extraction" / "xiangzhen-gongxing-2022.txt"

# one ledger row per problem the 柳河镇 plan must answer (the shared four and its own two)
LIUHE_ROWS = [
    ("落实乡村振兴战略有差距，产业发展规划缺乏特色，村级集体经济增收渠道单一",
     "编制镇级特色产业发展规划，每村确定1个主导产业；发展物业经营、农旅融合，减少村集体收入对资产租赁和上级补助的依赖，年底前消除收入5万元以下薄弱村"),
    ("惠民政策落实不够精准，救助对象动态调整不及时，耕地地力保护补贴审核不严",
     "每季度开展低保、特困供养对象动态调整；耕地地力保护补贴面积逐户实地核查，追回虚报面积补贴资金"),
    ("农村“三资”管理不规范，财务收支审批把关不严，合同签订不规范、租金长期未收缴",
     "修订村级财务收支审批办法；开展集体资产资源清产核资，逐项清理不规范合同，追缴拖欠租金"),
    ("基层党组织建设有弱项，“三会一课”流于形式，村务监督委员会作用发挥不充分，发展党员计划执行不严",
     "镇党委每季度抽查各村“三会一课”记录；村务监督委员会每月列席村“两委”会议；严格按计划发展党员"),
    ("河湖长制落实不力，部分河段垃圾清理不及时、巡河记录造假",
     "镇村两级河长每月巡河不少于2次，建立河段保洁责任清单，垃圾当日清运；巡河记录留存轨迹，对记录造假的严肃问责"),
    ("干部作风不实，便民服务中心窗口工作人员脱岗",
     "便民服务中心实行考勤打卡和群众评议，脱岗人员通报批评并扣减绩效"),
]


def _plan(path: Path, title: str) -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph("为认真抓好县委第三巡察组反馈意见整改落实，制定本方案。")
    table = document.add_table(rows=1, cols=6)
    for cell, head in zip(table.rows[0].cells, ["序号", "问题", "整改措施", "责任领导", "责任部门", "整改时限"]):
        cell.text = head
    for n, (problem, measures) in enumerate(LIUHE_ROWS, 1):
        for cell, text in zip(table.add_row().cells, [str(n), problem, measures, "王建华", "镇党政办", "2022年8月31日前"]):
            cell.text = text
    document.save(path)
    return path


def _problem_ids(result) -> dict[str, str]:
    return {p.id: p.text for p in result.requirements.problems}


def test_the_plan_title_names_its_unit(tmp_path):
    plan = _plan(tmp_path / "plan.docx", "中共柳河镇委员会关于县委第三巡察组联动巡察反馈意见的整改方案")
    result = run_check(plan, NOTICE)
    texts = _problem_ids(result).values()
    assert len(texts) == 6
    assert any("河湖长制" in t for t in texts) and not any("安全生产" in t or "人居环境" in t for t in texts)
    assert not [f for f in result.findings if f.rule == "CV-PROBLEM"], [f.message for f in result.findings]
    assert any("柳河镇党委" in note and "按整改方案标题识别" in note for note in result.notes)


def test_another_units_problem_left_out_of_the_plan_is_not_a_gap_but_its_own_is(tmp_path):
    rows = LIUHE_ROWS[:]
    del LIUHE_ROWS[4]  # 河湖长制: 柳河镇's own problem
    try:
        plan = _plan(tmp_path / "plan.docx", "柳河镇党委巡察整改工作方案")
        result = run_check(plan, NOTICE)
    finally:
        LIUHE_ROWS[:] = rows
    gaps = [f for f in result.findings if f.rule == "CV-PROBLEM"]
    assert len(gaps) == 1 and "河湖长制" in gaps[0].message


def test_unit_given_by_the_reviewer(tmp_path):
    plan = _plan(tmp_path / "plan.docx", "巡察整改工作方案")
    result = run_check(plan, NOTICE, unit="柳河镇")
    assert len(result.requirements.problems) == 6
    assert any("按 --unit 指定" in note for note in result.notes)


def test_a_plan_naming_no_unit_is_refused_with_the_choices(tmp_path):
    plan = _plan(tmp_path / "plan.docx", "巡察整改工作方案")
    with pytest.raises(UsageError) as refused:
        run_check(plan, NOTICE)
    message = str(refused.value)
    assert "--unit" in message and "石桥镇党委" in message and "白沙乡党委" in message


def test_an_unknown_unit_is_refused(tmp_path):
    plan = _plan(tmp_path / "plan.docx", "柳河镇党委巡察整改工作方案")
    with pytest.raises(UsageError, match="可选"):
        run_check(plan, NOTICE, unit="青山镇党委")


def test_unit_stem():
    assert unit_stem("石桥镇党委") == "石桥镇"
    assert unit_stem("中共白沙乡委员会") == "白沙乡"
    assert unit_stem("区司法局党组") == "区司法局"


def test_the_cli_takes_the_unit_and_refuses_a_plan_naming_none(tmp_path, capsys):
    from checker.cli import main

    plan = _plan(tmp_path / "plan.docx", "巡察整改工作方案")
    assert main([str(plan), "--against", str(NOTICE)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--unit" in err
    assert main([str(plan), "--against", str(NOTICE), "--unit", "柳河镇党委", "--format", "json"]) in (0, 1)
    assert "柳河镇党委" in capsys.readouterr().out
