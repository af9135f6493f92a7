"""The JSON report, schema_version 1 (the contract in DESIGN.md).

Additions to the contract (allowed: consumers ignore keys they do not know): summary.waived, and
per finding a `fingerprint` (stable across edits that move it, see checker.report.fingerprint)
and `waived` (null, or the reviewer's reason). Waived findings are not counted in
summary.errors/warnings and do not make `passed` false."""

from __future__ import annotations

import json

from checker import __version__
from checker.check import CheckResult
from checker.models import Deadline, Item, Location, ProblemCoverage
from checker.report.fingerprint import fingerprints

SCHEMA_VERSION = 1


def _location(loc: Location | None) -> dict | None:
    if loc is None:
        return None
    return {"file": loc.file, "kind": loc.kind, "paragraph": loc.paragraph, "table": loc.table,
            "row": loc.row, "col": loc.col, "line": loc.line}


def _evidence(cov: ProblemCoverage) -> list[dict]:
    return [{"item": e.item, "score": e.score, "terms": list(e.terms)} for e in cov.evidence]


def _item(item: Item) -> dict:
    # the contract has no null deadline: a missing one is an empty text of kind "unknown"
    d = item.deadline or Deadline(text="")
    return {
        "id": item.id, "location": _location(item.location), "problem": item.problem, "measures": item.measures,
        "leader": item.leader, "department": item.department,
        "deadline": {"text": d.text, "date": d.date.isoformat() if d.date else None, "kind": d.kind},
        "standard": item.standard, "category": item.category,
    }


def _waiver(waiver) -> dict | None:
    """A waived finding stays in the list (additive key; null when not waived)."""
    if waiver is None:
        return None
    return {"reason": waiver.reason, "by": waiver.by, "date": waiver.date.isoformat() if waiver.date else None,
            "source": waiver.source}


def build(result: CheckResult, fail_on: str = "error") -> dict:
    req, plan = result.requirements, result.plan
    problems = []
    for p in req.problems:
        cov = result.coverage[p.id]
        problems.append({
            "id": p.id, "text": p.text, "covered": cov.covered, "uncertain": cov.uncertain,
            "evidence": _evidence(cov),
            "subs": [{"text": s.text, "covered": s.covered, "uncertain": s.uncertain,
                      "evidence": [{"item": e.item, "score": e.score, "terms": list(e.terms)} for e in s.evidence]}
                     for s in cov.subs],
        })
    errors, warnings = result.count("error"), result.count("warning")
    prints = fingerprints(result)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "plancheck", "version": __version__},
        "plan": {"path": plan.path, "sha256": plan.sha256},
        "feedback": {"path": req.notice_path, "date": result.feedback_date.isoformat() if result.feedback_date else None,
                     "unit": req.unit, "inspector": req.inspector},
        "rules": {"packs": list(result.pack.sources),
                  "params": {n: {"value": a.value.value, "unit": a.value.unit, "source": a.source}
                             for n, a in result.params.items()}},
        "summary": {"problems": len(req.problems), "covered": sum(1 for c in result.coverage.values() if c.covered),
                    "items": len(plan.items), "errors": errors, "warnings": warnings,
                    "waived": len(result.waived), "passed": not result.failed(fail_on)},
        "problems": problems,
        "suggestions": [{"id": s.id, "text": s.text, "covered": result.suggestion_coverage[s.id].covered,
                         "evidence": _evidence(result.suggestion_coverage[s.id])}
                        for s in req.suggestions if s.id in result.suggestion_coverage],
        "items": [_item(i) for i in plan.items],
        "findings": [{"rule": f.rule, "severity": f.severity, "message": f.message, "problem": f.problem,
                      "item": f.item, "location": _location(f.location), "snippet": f.snippet,
                      "fingerprint": prints[n], "waived": _waiver(result.waived.get(n))}
                     for n, f in enumerate(result.findings)],
        "notes": list(result.notes),
    }


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    return json.dumps(build(result, fail_on), ensure_ascii=False, indent=2) + "\n"
