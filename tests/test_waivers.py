"""Waivers: a reviewer accepts a finding with a reason, keyed by rule and problem text (never a
line or row number). Waived findings are listed as waived in every format, not hidden, and do not
fail the run; a waiver that matches nothing is reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest

from checker.check import run_check
from checker.cli import main
from checker.models import Location
from checker.report import render_report
from checker.waivers import Waiver, matches, subject_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# jiaoyu-gaps: CV-PROBLEM P3 (意识形态) and P9 (财务和资产), IT-LEADER on the 八项规定 row
WAIVERS = '''
[[waivers]]
rule = "CV-PROBLEM"
problem = "意识形态工作责任制落实不到位"
reason = "该问题由县委宣传部牵头整改，另行制定专项方案"
by = "县委第二巡察组 审核人"
date = 2024-09-02

[[waivers]]
rule = "CV-PROBLEM"
problem = "国有资产登记不全、账实不符"
reason = "已移交县财政局和县审计局办理"

[[waivers]]
rule = "IT-LEADER"
problem = "违反中央八项规定精神问题仍有发生"
reason = "责任领导待县委组织部调整后补充"
'''


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def waived_result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("waivers")
    (folder / "豁免.toml").write_text(WAIVERS, encoding="utf-8")
    from checker.waivers import load_waiver_file

    waivers = load_waiver_file(folder / "豁免.toml")
    return run_check(FIXTURES / "plans/jiaoyu-gaps.docx", FIXTURES / "notices/jiaoyu-letter.txt", waivers=waivers)


def test_waived_findings_stay_listed_and_stop_failing(waived_result):
    result = waived_result
    assert len(result.findings) == 3 and len(result.waived) == 3
    assert result.count("error") == 0 and not result.failed("error") and not result.failed("warning")
    assert {result.waived[n].reason for n in range(3)} >= {"已移交县财政局和县审计局办理"}


def test_waived_in_every_format(waived_result):
    result = waived_result
    reasons = [w.reason for w in result.waived.values()]
    text = render_report(result, "text")
    assert text.count("[已豁免·错误]") == 3 and all(r in text for r in reasons) and "错误 0 项" in text
    report = json.loads(render_report(result, "json"))
    assert report["summary"]["waived"] == 3 and report["summary"]["errors"] == 0 and report["summary"]["passed"]
    assert all(f["waived"]["reason"] in reasons for f in report["findings"])
    assert report["findings"][0]["waived"]["by"] == "县委第二巡察组 审核人"
    sarif = json.loads(render_report(result, "sarif"))
    assert all(r["suppressions"][0]["kind"] == "external" for r in sarif["runs"][0]["results"])
    github = [line for line in render_report(result, "github").splitlines() if line.startswith("::")]
    assert len(github) == 3 and all(line.startswith("::notice ") and "已豁免" in line for line in github)
    suite = ET.fromstring(render_report(result, "junit")).find("testsuite")
    assert suite.get("failures") == "0" and suite.get("skipped") == "2"  # CV-PROBLEM and IT-LEADER
    for fmt in ("markdown", "html"):
        page = render_report(result, fmt)
        assert "已豁免（3）" in page and all(r in page for r in reasons), fmt


def test_waivers_from_the_config_through_the_command_line(capsys, tmp_path):
    shutil.copy(FIXTURES / "plans/jiaoyu-gaps.docx", tmp_path / "方案.docx")
    shutil.copy(FIXTURES / "notices/jiaoyu-letter.txt", tmp_path / "反馈意见.txt")
    (tmp_path / "plancheck.toml").write_text(WAIVERS, encoding="utf-8")
    code, out, err = _run(capsys, tmp_path / "方案.docx", "--against", tmp_path / "反馈意见.txt",
                          "--annotate", tmp_path / "批注.docx")
    assert code == 0, err  # everything waived: the run passes
    assert "已豁免" in out and "结论：未发现须修改的错误" in out
    comments = [c.text for c in docx.Document(str(tmp_path / "批注.docx")).comments]
    assert sum("【已豁免】" in c for c in comments) == 3
    code, out, _ = _run(capsys, tmp_path / "方案.docx", "--against", tmp_path / "反馈意见.txt", "--no-config")
    assert code == 1  # without the config nothing is waived


def test_part_of_the_problem_is_enough_and_punctuation_does_not_matter(waived_result):
    result = waived_result
    finding = next(f for f in result.findings if f.problem == "P9")
    subject = subject_text(result, finding)
    assert matches(Waiver(rule="cv-problem", problem="校舍维修项目未按规定招标 合同管理混乱", reason="x"), finding, subject)
    assert not matches(Waiver(rule="CV-PROBLEM", problem="公务接待超标准", reason="x"), finding, subject)
    assert not matches(Waiver(rule="IT-LEADER", problem="财务和资产管理不规范", reason="x"), finding, subject)


def test_keyed_by_text_not_by_position(waived_result):
    result = waived_result
    for finding in result.findings:
        moved = finding.model_copy(update={"location": Location(file=finding.location.file, kind=finding.location.kind,
                                                                table=7, row=99, col=1, line=1234, paragraph=5)})
        waiver = result.waived[result.findings.index(finding)]
        assert matches(waiver, moved, subject_text(result, moved))


def test_a_waiver_without_text_covers_only_plan_level_findings(capsys):
    result = run_check(FIXTURES / "plans/gaoxiao-gaps.docx", FIXTURES / "notices/gaoxiao-faxian.txt",
                       waivers=[Waiver(rule="PC-LIST-PROBLEM", reason="问题清单以附件台账代替"),
                                Waiver(rule="IT-DEPT", reason="不写问题原文的豁免不作用于某一事项"),
                                Waiver(rule="PC-DLM", reason="本方案没有这一发现")])
    waived = {result.findings[n].rule for n in result.waived}
    assert waived == {"PC-LIST-PROBLEM"}
    assert any("IT-DEPT" in note and "没有对应的发现" in note for note in result.notes)
    assert any("PC-DLM" in note for note in result.notes)


def test_a_waiver_needs_a_reason():
    with pytest.raises(ValueError):
        Waiver(rule="CV-PROBLEM", problem="x", reason="")
