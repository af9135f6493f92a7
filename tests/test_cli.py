"""The command line as a new user meets it (the acceptance checks of the issue).

Exit codes (contract): 0 nothing at or above --fail-on, 1 there is, 2 the check could not be done
with ONE line on stderr. Everything runs in-process through checker.cli.main except the last tests,
which start the real program to see the real exit codes, stderr and output encoding.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from checker.check import load_packs

from test_json_contract import PAIRS, REPORT_SCHEMA, run_cli, schema_errors

EXAMPLES = Path("/work/shared/examples")

# the rule IDs of the default pack are a contract (DESIGN.md)
CONTRACT_RULE_IDS = """CV-PROBLEM CV-SUGGESTION CV-PREVIOUS PC-LIST-PROBLEM PC-LIST-TASK PC-LIST-RESP PC-DLM
PC-REPORT PC-DISCLOSE PC-LEAD PC-DUAL PC-LONGTERM PC-IMMEDIATE IT-MEASURE IT-LEADER IT-DEPT IT-DEADLINE
IT-DEADLINE-RANGE IT-STANDARD IT-VAGUE IT-DUPLICATE""".split()


def pair(name: str) -> tuple[Path, Path]:
    found = next((p for p in PAIRS if p.name == name), None)
    if found is None:
        pytest.skip(f"fixture case {name} (plan or notice) not built yet")
    return found.plan, found.notice


def report_of(capsys, *argv) -> tuple[int, dict]:
    code, out, err = run_cli(capsys, *argv, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)


def assert_one_line_error(err: str) -> str:
    assert "Traceback" not in err and "内部错误" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plancheck: "), err
    return lines[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- a complete plan passes


def test_complete_plan_passes_with_valid_json(capsys):
    plan, notice = pair("fulian-complete")
    code, report = report_of(capsys, plan, "--against", notice)
    assert code == 0
    assert schema_errors(REPORT_SCHEMA, report) == []
    assert report["summary"]["passed"] and report["summary"]["covered"] == report["summary"]["problems"] > 0


def test_plancheck_check_is_the_same_as_the_short_form(capsys):
    plan, notice = pair("fulian-complete")
    short = run_cli(capsys, plan, "--against", notice, "--format", "json")
    long = run_cli(capsys, "check", plan, "--against", notice, "--format", "json")
    assert short == long


# --------------------------------------------------------------------------- a deleted item is reported


def _starts_a_merge(plan: Path, location: dict) -> bool:
    """A row that starts a vertical merge: deleting it would leave the next row continuing nothing."""
    row = docx.Document(str(plan)).tables[location["table"] - 1]._tbl.tr_lst[location["row"] - 1]
    return any(v.get(qn("w:val")) == "restart" for v in row.iter(qn("w:vMerge")))


def _only_answer(plan: Path, report: dict, kind: str) -> tuple[dict, dict]:
    """A problem answered by exactly one item of the given location kind, and that item."""
    items = {i["id"]: i for i in report["items"]}
    for p in report["problems"]:
        cited = {e["item"] for e in p["evidence"]}
        if not p["covered"] or len(cited) != 1:
            continue
        item = items[cited.pop()]
        if item["location"]["kind"] == kind and not (kind == "table_cell" and _starts_a_merge(plan, item["location"])):
            return p, item
    pytest.fail(f"no problem of {plan.name} answered by a single {kind} item")


def _delete_ledger_row(plan: Path, location: dict, out: Path) -> None:
    document = docx.Document(str(plan))
    table = document.tables[location["table"] - 1]._tbl
    table.remove(table.tr_lst[location["row"] - 1])
    document.save(str(out))


def _delete_paragraph(plan: Path, location: dict, out: Path) -> None:
    document = docx.Document(str(plan))
    paragraph = document.paragraphs[location["paragraph"] - 1]._p
    paragraph.getparent().remove(paragraph)
    document.save(str(out))


@pytest.mark.parametrize("stem,kind,delete", [
    ("guoqi-complete", "table_cell", _delete_ledger_row),
    ("fulian-complete", "paragraph", _delete_paragraph),
], ids=["ledger-row", "item-paragraph"])
def test_deleting_the_item_that_answers_a_problem_fails_and_names_it(capsys, tmp_path, stem, kind, delete):
    plan, notice = pair(stem)
    code, before = report_of(capsys, plan, "--against", notice)
    assert code == 0
    problem, item = _only_answer(plan, before, kind)
    mutated = tmp_path / f"{stem}-minus-{item['id']}.docx"
    delete(plan, item["location"], mutated)

    code, after = report_of(capsys, mutated, "--against", notice)
    assert code == 1
    assert after["summary"]["items"] == before["summary"]["items"] - 1
    missed = {f["problem"] for f in after["findings"] if f["rule"] == "CV-PROBLEM"}
    assert missed == {problem["id"]}
    # the text report a person reads names the problem: its id, its words, and that it is unanswered
    code, text, _ = run_cli(capsys, mutated, "--against", notice)
    assert code == 1
    line = next(line for line in text.splitlines() if f" {problem['id']} [" in line)
    assert "未回应" in line and problem["text"][:20] in line
    assert "CV-PROBLEM" in text


# --------------------------------------------------------------------------- exit 2, one line


def test_empty_notice_is_exit_2_with_one_line(capsys, tmp_path):
    plan, _ = pair("fulian-complete")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run_cli(capsys, plan, "--against", empty)
    assert code == 2 and out == ""
    assert "empty.txt" in assert_one_line_error(err)


def test_old_word_doc_renamed_docx_says_save_as_docx(capsys, tmp_path):
    _, notice = pair("fulian-complete")
    old = tmp_path / "整改方案.docx"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + "旧版文档".encode("utf-16-le"))
    code, _, err = run_cli(capsys, old, "--against", notice)
    assert code == 2
    line = assert_one_line_error(err)
    assert "另存为" in line and ".docx" in line


@pytest.mark.parametrize("which", ["plan", "notice"])
def test_missing_file_is_exit_2(capsys, tmp_path, which):
    plan, notice = pair("fulian-complete")
    missing = tmp_path / ("没有这个文件.docx" if which == "plan" else "没有这个文件.txt")
    argv = [missing, "--against", notice] if which == "plan" else [plan, "--against", missing]
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert "没有这个文件" in assert_one_line_error(err)


def test_a_notice_without_problems_is_exit_2(capsys, tmp_path):
    plan, _ = pair("fulian-complete")
    speech = EXAMPLES / "notice-speech-template.txt"
    chatter = tmp_path / "会议通知.txt"
    chatter.write_text("关于召开全体干部职工大会的通知\n各科室：定于下周一上午九时在三楼会议室召开全体干部职工大会，请准时参加。\n",
                       encoding="gb18030")
    for notice in [chatter] + ([speech] if speech.exists() else []):
        code, out, err = run_cli(capsys, plan, "--against", notice)
        assert code == 2 and out == "", notice
        assert "问题" in assert_one_line_error(err)


@pytest.mark.parametrize("option", [
    ["--set", "报告期限"],  # no =
    ["--set", "报告期限=两个多月"],  # value not a duration
    ["--set", "没有的参数=2个月"],  # not a parameter of the pack
    ["--set", "报告期限=99999999个月"],  # a date past year 9999: overflowed before
    ["--set", "报告期限=3000个工作日"],  # over the limit (walks the calendar for minutes)
    ["--feedback-date", "2024-02-30"],
    ["--feedback-date", "2024年7月12日"],
    ["--rules", "no-such-pack"],
    ["--format", "pdf"],
    ["--fail-on", "sometimes"],
    ["--explain", "P999"],
])
def test_bad_options_are_exit_2_with_one_line(capsys, option):
    plan, notice = pair("fulian-complete")
    code, out, err = run_cli(capsys, plan, "--against", notice, *option)
    assert code == 2 and out == ""
    assert_one_line_error(err)


def test_a_broken_rule_pack_is_exit_2_naming_the_line(capsys, tmp_path):
    plan, notice = pair("fulian-complete")
    pack = tmp_path / "broken.rules"
    pack.write_text('rule X-ONE error "示例"\n  require 乱写 ((\nend\n', encoding="utf-8")
    code, _, err = run_cli(capsys, plan, "--against", notice, "--rules", pack)
    assert code == 2
    assert "broken.rules:2" in assert_one_line_error(err)


def test_bad_option_message_follows_lang(capsys):
    code, _, err = run_cli(capsys, "x.docx", "--against", "y.txt", "--feedback-date", "July", "--lang", "en")
    assert code == 2
    assert "bad command line" in assert_one_line_error(err)


# --------------------------------------------------------------------------- --output


@pytest.mark.parametrize("which", ["plan", "notice"])
def test_output_onto_an_input_is_refused_and_the_input_kept(capsys, tmp_path, which):
    source_plan, source_notice = pair("fulian-complete")
    plan, notice = tmp_path / source_plan.name, tmp_path / source_notice.name
    shutil.copy(source_plan, plan)
    shutil.copy(source_notice, notice)
    target = plan if which == "plan" else notice
    before = sha256(target)
    # spelled differently from the input on purpose: the same file by another path
    code, out, err = run_cli(capsys, plan, "--against", notice, "--output", tmp_path / "." / target.name)
    assert code == 2 and out == ""
    assert "--output" in assert_one_line_error(err)
    assert sha256(target) == before


def test_output_writes_the_report(capsys, tmp_path):
    plan, notice = pair("fulian-complete")
    target = tmp_path / "报告.json"
    code, out, err = run_cli(capsys, plan, "--against", notice, "--format", "json", "--output", target)
    assert code == 0 and out == "" and err == ""
    assert schema_errors(REPORT_SCHEMA, json.loads(target.read_text(encoding="utf-8"))) == []
    assert not list(tmp_path.glob(".*plancheck-tmp"))  # the temporary file was moved into place


# --------------------------------------------------------------------------- --fail-on


def test_fail_on_sets_the_exit_code_as_documented(capsys):
    # a plan with both errors and warnings: every documented combination
    gap_pairs = [(p.plan, p.notice) for p in PAIRS if "gaps" in p.name and not p.options]
    chosen = None
    for plan, notice in gap_pairs:
        _, report = report_of(capsys, plan, "--against", notice)
        if report["summary"]["errors"] and report["summary"]["warnings"]:
            chosen = plan, notice, report
            break
    if chosen is None:
        pytest.skip("no fixture plan with both errors and warnings yet")
    plan, notice, report = chosen
    expected = {"error": 1, "warning": 1, "never": 0}
    for fail_on, code in expected.items():
        assert run_cli(capsys, plan, "--against", notice, "--fail-on", fail_on)[0] == code, fail_on

    # without its error rules only warnings remain: passing by default, failing on warning
    disable = [a for rule in sorted({f["rule"] for f in report["findings"] if f["severity"] == "error"})
               for a in ("--disable", rule)]
    code, report = report_of(capsys, plan, "--against", notice, *disable)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] > 0
    expected = {"error": 0, "warning": 1, "never": 0}
    for fail_on, code in expected.items():
        got = run_cli(capsys, plan, "--against", notice, *disable, "--fail-on", fail_on, "--format", "json")
        assert got[0] == code, fail_on
        assert json.loads(got[1])["summary"]["passed"] == (code == 0)


# --------------------------------------------------------------------------- language, help, rules


def test_lang_en_gives_english_headings(capsys):
    plan, notice = pair("fulian-complete")
    code, out, _ = run_cli(capsys, plan, "--against", notice, "--lang", "en")
    assert code == 0
    for heading in ("Coverage of each feedback problem", "Findings", "Notes", "Verdict"):
        assert heading in out
    assert "反馈问题逐条对应情况" not in out


def test_help_works(capsys):
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    assert "--against" in out and "check" in out and "extract" in out and "rules" in out
    code, out, _ = run_cli(capsys, "check", "--help")
    assert code == 0
    for option in ("--against", "--rules", "--set", "--format", "--output", "--fail-on", "--feedback-date", "--lang"):
        assert option in out


def test_rules_list_names_every_rule_of_the_default_pack(capsys):
    code, out, err = run_cli(capsys, "rules", "list")
    assert code == 0, err
    listed = {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    assert set(CONTRACT_RULE_IDS) <= listed
    assert {r.id for r in load_packs(None).rules} == listed


def test_rules_explain_shows_the_basis(capsys):
    code, out, err = run_cli(capsys, "rules", "explain", "PC-DLM")
    assert code == 0, err
    basis = load_packs(None).rule("PC-DLM").basis
    assert basis and f"依据：{basis}" in out
    assert "rule PC-DLM" in out  # the rule's own text, from its pack
    code, _, err = run_cli(capsys, "rules", "explain", "NO-SUCH-RULE")
    assert code == 2
    assert "NO-SUCH-RULE" in assert_one_line_error(err)


def test_explain_ranks_the_candidates(capsys):
    plan, notice = pair("guoqi-complete")
    _, report = report_of(capsys, plan, "--against", notice)
    chosen = report["problems"][0]["evidence"][0]["item"]
    code, out, err = run_cli(capsys, plan, "--against", notice, "--explain", "P1")
    assert code == 0, err
    assert out.startswith("P1：")
    candidates = re.findall(r"^ ([★ ]) (I\d+) .*?得分 (\d+\.\d+)", out, flags=re.M)
    assert len(candidates) >= 2
    scores = [float(s) for _, _, s in candidates]
    assert scores == sorted(scores, reverse=True)
    assert ("★", chosen) in [(mark, item) for mark, item, _ in candidates]


# --------------------------------------------------------------------------- extract


def test_extract_in_every_format(capsys):
    _, notice = pair("guoqi-complete")
    code, as_json, err = run_cli(capsys, "extract", notice, "--format", "json")
    assert code == 0, err
    data = json.loads(as_json)
    code, as_text, _ = run_cli(capsys, "extract", notice)
    assert code == 0
    for p in data["problems"]:
        assert f"{p['id']} " in as_text and p["text"] in as_text
    assert f"问题（{len(data['problems'])}）" in as_text
    code, as_yaml, _ = run_cli(capsys, "extract", notice, "--format", "yaml")
    assert code == 0 and "problems:" in as_yaml and data["problems"][0]["text"] in as_yaml


# --------------------------------------------------------------------------- the real program


def _program() -> list[str]:
    script = Path(sys.executable).with_name("plancheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def test_the_installed_program_exit_codes_and_stderr(tmp_path):
    plan, notice = pair("fulian-complete")
    ok = subprocess.run([*_program(), str(plan), "--against", str(notice), "--format", "json"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stderr == ""  # jieba's DEBUG chatter must not reach the user
    assert json.loads(ok.stdout)["summary"]["passed"] is True

    missing = subprocess.run([*_program(), str(tmp_path / "无.docx"), "--against", str(notice)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert_one_line_error(missing.stderr)

    bad_option = subprocess.run([*_program(), str(plan), "--against", str(notice), "--feedback-date", "2024-13-01"],
                                capture_output=True, text=True, timeout=120)
    assert bad_option.returncode == 2
    assert_one_line_error(bad_option.stderr)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_gbk_console_gets_a_report_not_an_internal_error(fmt):
    """On Chinese Windows stdout is GBK, which has no ✓ and no rare characters such as 㛃 (a name in
    the gaoxiao fixture): the text report degrades to "?", the JSON stays UTF-8 and complete."""
    plan, notice = pair("gaoxiao-complete")
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    env.pop("PYTHONUTF8", None)
    done = subprocess.run([*_program(), str(plan), "--against", str(notice), "--format", fmt],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode("gbk", errors="replace")
    if fmt == "json":
        report = json.loads(done.stdout.decode("utf-8"))
        assert schema_errors(REPORT_SCHEMA, report) == []
        assert "㛃" in done.stdout.decode("utf-8")
    else:
        assert "整改方案审核报告" in done.stdout.decode("gbk")
