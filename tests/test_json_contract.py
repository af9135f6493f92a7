"""The JSON outputs are contracts (DESIGN.md): the report (schema_version 1) and the extract.

Every fixture pair is checked through the real command line, in-process: the JSON validates against
docs/schema/*.schema.json, and its numbers agree with its own lists. The extract, given back to
--against as JSON or YAML, must give the same verdicts as the notice it came from.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

import jsonschema
import pytest
import yaml

from checker.check import load_packs
from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SCHEMAS = ROOT / "docs" / "schema"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


REPORT_SCHEMA = _validator("report-v1.schema.json")
EXTRACT_SCHEMA = _validator("extract-v1.schema.json")


class Pair(NamedTuple):
    plan: Path
    notice: Path
    options: list[str]  # --feedback-date / --set the labelled case asks for
    name: str


def _notice_of(stem: str, seen: frozenset[str] = frozenset()) -> str | None:
    """The notice a fixture plan answers: its source YAML names it, or names the base plan that does."""
    source = FIXTURES / "plans" / "src" / f"{stem}.yaml"
    if stem in seen or not source.exists():
        return None
    spec = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    if spec.get("notice"):
        return spec["notice"]
    return _notice_of(spec["base"], seen | {stem}) if spec.get("base") else None


def fixture_pairs() -> list[Pair]:
    """Every labelled case of fixtures/cases.yaml, and any other built plan whose source names its notice."""
    pairs: dict[Path, Pair] = {}
    cases_file = FIXTURES / "cases.yaml"
    cases = yaml.safe_load(cases_file.read_text(encoding="utf-8")) if cases_file.exists() else []
    for case in cases.get("cases", []) if isinstance(cases, dict) else cases or []:
        plan, notice = (FIXTURES / case["plan"]).resolve(), (FIXTURES / case["notice"]).resolve()
        options = ["--feedback-date", str(case["feedback_date"])] if case.get("feedback_date") else []
        for name, value in (case.get("set") or {}).items():
            options += ["--set", f"{name}={value}"]
        if plan.exists() and notice.exists():
            pairs[plan] = Pair(plan, notice, options, case["name"])
    for plan in sorted((FIXTURES / "plans").glob("*.docx")):
        notice = _notice_of(plan.stem)
        if plan.resolve() not in pairs and notice and (FIXTURES / notice).exists():
            pairs[plan.resolve()] = Pair(plan.resolve(), (FIXTURES / notice).resolve(), [], plan.stem)
    return list(pairs.values())


PAIRS = fixture_pairs()
NOTICES = sorted({p.notice for p in PAIRS} | set((FIXTURES / "notices").glob("*.txt")))


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()  # drop whatever an earlier call printed
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def schema_errors(validator: jsonschema.Draft202012Validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]


def verdicts(report: dict) -> dict:
    """What a check decided, without the paths it was given."""
    return {
        "problems": [(p["id"], p["covered"], [s["covered"] for s in p["subs"]]) for p in report["problems"]],
        "findings": sorted((f["rule"], f["severity"], f["problem"] or "", f["item"] or "",
                            f["location"]["kind"], f["location"]["line"] or 0, f["location"]["row"] or 0)
                           for f in report["findings"]),
        "summary": report["summary"],
    }


def test_there_are_fixture_pairs_to_check():
    assert len(PAIRS) >= 4, "fixtures/plans/*.docx with a known notice"


def test_the_schemas_reject_what_the_contract_forbids():
    # guards against a schema so loose that every test below would pass whatever the report holds
    bad_finding = {"rule": "CV-PROBLEM", "severity": "fatal", "message": "m", "problem": None, "item": None,
                   "location": {"file": "a", "kind": "page", "paragraph": None, "table": None, "row": None,
                                "col": None, "line": None}, "snippet": ""}
    report = {"schema_version": 1, "tool": {"name": "plancheck", "version": "0"},
              "plan": {"path": "p.docx", "sha256": "0" * 64},
              "feedback": {"path": "n.txt", "date": "2024-7-1", "unit": None, "inspector": None},
              "rules": {"packs": ["x"], "params": {}},
              "summary": {"problems": 1, "covered": 0, "items": 0, "errors": 1, "warnings": 0, "passed": "no"},
              "problems": [], "items": [{"id": "I1"}], "findings": [bad_finding]}
    found = " ".join(schema_errors(REPORT_SCHEMA, report))
    for what in ("'fatal'", "'page'", "'2024-7-1'", "'no'", "'location' is a required property"):
        assert what in found, what
    extract = {"schema_version": 2, "kind": "requirements", "notice": {"path": "n", "sha256": "x"},
               "unit": None, "inspector": None, "date": None, "problems": [{"id": "P1", "text": ""}],
               "suggestions": [], "demands": [{"concept": "c", "text": "", "within": {"value": 2, "unit": "weeks"},
                                               "to": None, "location": {"kind": "notice"}}]}
    assert len(schema_errors(EXTRACT_SCHEMA, extract)) >= 5


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_report_json_follows_the_contract(capsys, pair):
    plan, notice, options, _ = pair
    code, out, err = run_cli(capsys, plan, "--against", notice, "--format", "json", *options)
    assert code in (0, 1), err
    report = json.loads(out)
    assert schema_errors(REPORT_SCHEMA, report) == []

    summary, problems, items, findings = report["summary"], report["problems"], report["items"], report["findings"]
    assert summary["problems"] == len(problems)
    assert summary["covered"] == sum(1 for p in problems if p["covered"])
    assert summary["items"] == len(items)
    assert summary["errors"] == sum(1 for f in findings if f["severity"] == "error")
    assert summary["warnings"] == sum(1 for f in findings if f["severity"] == "warning")
    assert summary["passed"] == (code == 0) == (summary["errors"] == 0)  # default --fail-on error

    assert report["plan"]["sha256"] == hashlib.sha256(plan.read_bytes()).hexdigest()
    problem_ids, item_ids = [p["id"] for p in problems], [i["id"] for i in items]
    assert len(set(problem_ids)) == len(problem_ids) and len(set(item_ids)) == len(item_ids)
    rule_ids = {r.id for r in load_packs(None).rules}
    for f in findings:
        assert f["rule"] in rule_ids
        assert f["problem"] is None or f["problem"] in problem_ids
        assert f["item"] is None or f["item"] in item_ids
    for p in problems:
        for e in p["evidence"] + [e for s in p["subs"] for e in s["evidence"]]:
            assert e["item"] in item_ids, f"{p['id']} cites unknown item {e['item']}"
        if p["covered"]:
            assert p["evidence"], f"{p['id']} covered without evidence"
            assert all(s["covered"] for s in p["subs"]), f"{p['id']} covered with an uncovered sub-problem"
    # every uncovered problem is reported, and only those: a gap as CV-PROBLEM, a doubt as CV-UNCERTAIN
    assert {f["problem"] for f in findings if f["rule"] == "CV-PROBLEM"} == {
        p["id"] for p in problems if not p["covered"] and not p["uncertain"]}
    assert {f["problem"] for f in findings if f["rule"] == "CV-UNCERTAIN"} == {p["id"] for p in problems if p["uncertain"]}


@pytest.mark.parametrize("notice", NOTICES, ids=[n.stem for n in NOTICES])
def test_extract_json_and_yaml_follow_the_contract(capsys, notice):
    code, out, err = run_cli(capsys, "extract", notice, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert schema_errors(EXTRACT_SCHEMA, data) == []
    assert data["problems"], f"no problem extracted from {notice.name}"
    assert data["notice"]["sha256"] == hashlib.sha256(notice.read_bytes()).hexdigest()
    ids = [p["id"] for p in data["problems"]] + [s["id"] for s in data["suggestions"]]
    assert len(set(ids)) == len(ids)

    code, out, err = run_cli(capsys, "extract", notice, "--format", "yaml")
    assert code == 0, err
    assert yaml.safe_load(out) == data


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_extract_given_back_to_against_gives_the_same_verdicts(capsys, tmp_path, pair):
    plan, notice, options, _ = pair
    code, out, err = run_cli(capsys, plan, "--against", notice, "--format", "json", *options)
    expected = verdicts(json.loads(out))
    for fmt in ("json", "yaml"):
        extract = tmp_path / f"requirements.{fmt}"
        assert run_cli(capsys, "extract", notice, "--format", fmt, "--output", extract)[0] == 0
        again, out_again, err_again = run_cli(capsys, plan, "--against", extract, "--format", "json", *options)
        assert again == code, err_again
        assert verdicts(json.loads(out_again)) == expected, fmt


def test_a_hand_corrected_extract_changes_the_verdict(capsys, tmp_path):
    """The point of the round trip: a reviewer adds a problem the notice parser missed, and the
    check then reports it as unanswered."""
    plan, notice, _, _ = next(p for p in PAIRS if p.name.endswith("complete") and not p.options)
    data = json.loads(run_cli(capsys, "extract", notice, "--format", "json")[1])
    data["problems"].append({"text": "殡葬改革推进缓慢，公墓年检流于形式"})  # no id, no location: allowed by hand
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run_cli(capsys, plan, "--against", edited, "--format", "json")
    report = json.loads(out)
    assert code == 1
    added = report["problems"][-1]
    assert added["text"].startswith("殡葬改革") and not added["covered"]
    assert any(f["rule"] == "CV-PROBLEM" and f["problem"] == added["id"] for f in report["findings"])
