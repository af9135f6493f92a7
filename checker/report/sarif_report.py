"""SARIF 2.1.0 for code-scanning UIs and other CI tools.

- Every rule of the pack is declared (tool.driver.rules), fired or not, with its title, basis and
  default level; a disabled rule is declared with enabled: false.
- Each finding: ruleId/ruleIndex, level (error / warning / note), the message with its 表/段
  locator in front, our own `fingerprints` (checker.report.fingerprint: rule + subject text, no
  position), and `suppressions` (kind external, the reviewer's reason) when it is waived.
- Code-scanning UIs show only line-based locations in text files. A finding about the notice (an
  uncovered problem or suggestion) is anchored at its line in the notice, with the plan as a
  related location; a finding in the .docx names the plan file and carries the 表/段 locator as a
  logical location (there is no line to give).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from checker import __version__
from checker.check import CheckResult
from checker.messages import msg
from checker.models import Finding
from checker.report.fingerprint import VERSION, fingerprints
from checker.report.view import located_message, where

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MIME = {".docx": _DOCX, ".txt": "text/plain", ".md": "text/markdown", ".pdf": "application/pdf",
         ".html": "text/html", ".htm": "text/html", ".json": "application/json", ".yaml": "application/yaml"}


def artifact_uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative (repository-relative, as
    code-scanning wants them), absolute ones become file: URIs; non-ASCII is percent-encoded."""
    pure = PurePath(path)
    if pure.is_absolute():
        return Path(path).as_uri()
    return quote(pure.as_posix(), safe="/")


def _rule_descriptor(rule, disabled: bool) -> dict:
    descriptor = {
        "id": rule.id,
        "name": rule.id.replace("-", ""),
        "shortDescription": {"text": rule.title or rule.id},
        "fullDescription": {"text": rule.basis or rule.title or rule.id},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": not disabled},
        "properties": {"tags": ["plancheck", rule.pack] if rule.pack else ["plancheck"]},
    }
    if rule.basis:
        descriptor["help"] = {"text": f"{rule.title}\n{rule.basis}"}
    return descriptor


def _locations(result: CheckResult, finding: Finding, index: dict[str, int], lang: str) -> tuple[list, list]:
    loc = finding.location
    plan_path = result.plan.path
    if loc is not None and loc.kind == "notice":
        notice_path = loc.file or result.requirements.notice_path
        physical = {"artifactLocation": {"uri": artifact_uri(notice_path), "index": index[notice_path]}}
        if loc.line:
            physical["region"] = {"startLine": loc.line}
        related = [{"id": 1, "physicalLocation": {"artifactLocation": {"uri": artifact_uri(plan_path),
                                                                        "index": index[plan_path]}},
                    "message": {"text": _related_text(result, finding, lang)}}]
        return [{"physicalLocation": physical}], related
    physical = {"artifactLocation": {"uri": artifact_uri(plan_path), "index": index[plan_path]}}
    location: dict = {"physicalLocation": physical}
    locator = where(loc, lang)
    if locator:
        location["logicalLocations"] = [{"name": locator, "kind": "element"}]
    return [location], []


def _related_text(result: CheckResult, finding: Finding, lang: str) -> str:
    """For a notice finding: where in the plan a reader should look (the 台账, or the plan as a whole)."""
    tables = sorted({i.location.table for i in result.plan.items if i.location.table})
    if tables:
        return msg("related_plan", lang, where=msg("list_sep", lang).join(msg("table_n", lang, n=t) for t in tables))
    return msg("related_plan_nowhere", lang)


def build(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> dict:
    req, plan = result.requirements, result.plan
    files = [(plan.path, plan.sha256), (req.notice_path, req.notice_sha256)]
    artifacts, index = [], {}
    for path, sha in files:
        if path in index:
            continue
        index[path] = len(artifacts)
        artifact = {"location": {"uri": artifact_uri(path)}, "hashes": {"sha-256": sha}}
        mime = _MIME.get(Path(path).suffix.lower())
        if mime:
            artifact["mimeType"] = mime
        artifacts.append(artifact)
    rules = list(result.pack.rules)
    rule_index = {r.id: n for n, r in enumerate(rules)}
    prints = fingerprints(result)
    results = []
    for n, finding in enumerate(result.findings):
        locations, related = _locations(result, finding, index, lang)
        entry = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": located_message(finding, lang)},
            "locations": locations,
            "fingerprints": {VERSION: prints[n]},
            "properties": {k: v for k, v in (("problem", finding.problem), ("item", finding.item),
                                              ("snippet", finding.snippet)) if v},
        }
        if finding.rule in rule_index:
            entry["ruleIndex"] = rule_index[finding.rule]
        if related:
            entry["relatedLocations"] = related
        waiver = result.waived.get(n)
        if waiver is not None:
            entry["suppressions"] = [{"kind": "external", "status": "accepted", "justification": waiver.describe(lang)}]
        results.append(entry)
    notifications = [{"level": "note", "message": {"text": note}} for note in result.notes]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "plancheck", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule_descriptor(r, r.id in result.disabled) for r in rules]}},
            "artifacts": artifacts,
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"packs": list(result.pack.sources),
                           "summary": {"problems": len(req.problems),
                                       "covered": sum(1 for c in result.coverage.values() if c.covered),
                                       "errors": result.count("error"), "warnings": result.count("warning"),
                                       "waived": len(result.waived), "passed": not result.failed(fail_on)}},
        }],
    }


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    return json.dumps(build(result, fail_on, lang), ensure_ascii=False, indent=2) + "\n"
