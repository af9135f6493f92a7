"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines …).

One test suite per plan, one test case per rule of the pack — so the report shows what passed
too. A rule with findings at or above --fail-on is a <failure> listing them (locator, message);
findings below that level are in <system-out> of a passing case; a rule whose findings are all
waived is <skipped> with the reasons; a disabled rule is <skipped>.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from checker.check import SEVERITY_ORDER, CheckResult
from checker.messages import msg
from checker.report.view import located_message


def _line(finding, lang: str) -> str:
    return f"[{msg(finding.severity, lang)}] {located_message(finding, lang)}"


def _fails(severity: str, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_ORDER[severity] >= SEVERITY_ORDER[fail_on]


def build(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> ET.Element:
    stem = Path(result.plan.path).stem
    suite_name = msg("junit_suite", lang, plan=result.plan.path)
    suite = ET.Element("testsuite", name=suite_name)
    props = ET.SubElement(suite, "properties")
    for name, value in (("plan", result.plan.path), ("notice", result.requirements.notice_path),
                        ("packs", ", ".join(result.pack.sources))):
        ET.SubElement(props, "property", name=name, value=value)
    counts = {"tests": 0, "failures": 0, "skipped": 0}
    for rule in result.pack.rules:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", classname=f"plancheck.{stem}", name=f"{rule.id} {rule.title}".strip())
        fired = [(n, f) for n, f in enumerate(result.findings) if f.rule == rule.id]
        active = [f for n, f in fired if n not in result.waived]
        failing = [f for f in active if _fails(f.severity, fail_on)]
        if rule.id in result.disabled:
            ET.SubElement(case, "skipped", message=msg("disabled", lang))
            counts["skipped"] += 1
        elif failing:
            failure = ET.SubElement(case, "failure", type=rule.severity,
                                    message=msg("junit_fired", lang, n=len(failing)))
            failure.text = "\n".join(_line(f, lang) for f in failing)
            counts["failures"] += 1
        elif fired and not active:
            reasons = msg("clause_sep", lang).join(sorted({result.waived[n].describe(lang) for n, _ in fired}))
            ET.SubElement(case, "skipped", message=reasons)
            counts["skipped"] += 1
        others = [f for f in active if f not in failing]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f, lang) for f in others)
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("errors", "0")
    root = ET.Element("testsuites", name="plancheck", tests=str(counts["tests"]), failures=str(counts["failures"]),
                      skipped=str(counts["skipped"]), errors="0")
    root.append(suite)
    return root


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    root = build(result, fail_on, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
