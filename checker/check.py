"""One check, start to end: read both files, analyse them, match, run the rule packs.

This is the only module that knows the order of the stages; the CLI, batch and tests call
`run_check` and render its `CheckResult`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.context import AppliedParam, CheckContext
from checker.dsl.ast import Pack
from checker.errors import UsageError
from checker.models import MAX_DURATION, Duration, Finding, Plan, ProblemCoverage, Requirements
from checker.timecalc import WorkCalendar

DEFAULT_PACK = "xuncha"
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


@dataclass
class CheckResult:
    requirements: Requirements
    plan: Plan
    pack: Pack
    params: dict[str, AppliedParam]
    coverage: dict[str, ProblemCoverage]
    suggestion_coverage: dict[str, ProblemCoverage]
    findings: list[Finding]
    feedback_date: dt.date | None
    notes: list[str] = field(default_factory=list)
    # findings a reviewer accepted (index into `findings` → checker.waivers.Waiver): still listed
    # in every report, but neither counted as errors/warnings nor failing the run
    waived: dict = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()  # rules of the pack not run (config / --disable)

    def active(self) -> list[Finding]:
        return [f for n, f in enumerate(self.findings) if n not in self.waived]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.active() if f.severity == severity)

    def failed(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        return any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[fail_on] for f in self.active())


def load_requirements(notice_path: str | Path, feedback_date: dt.date | None) -> Requirements:
    """A notice file, or an extract JSON/YAML that a reviewer corrected by hand."""
    from checker.documents import read_document
    from checker.feedback import analyse_notice, requirements_from_json

    path = Path(notice_path)
    if path.suffix.lower() in {".json", ".yaml", ".yml"}:
        from checker.extract_io import read_extract

        req = requirements_from_json(read_extract(path), str(path))
        if feedback_date:
            req = req.model_copy(update={"date": feedback_date})
        return req
    return analyse_notice(read_document(path), feedback_date=feedback_date)


def _actions(pack: Pack) -> tuple[str, ...] | None:
    """The pack's 具体动作 words: measures with none of them may only restate the problem."""
    concept = pack.concepts.get("具体动作")
    return tuple(concept.terms) if concept else None


def load_packs(specs: list[str] | None) -> Pack:
    """One or more packs; later ones add rules and override params/concepts of earlier ones."""
    from checker.dsl.loader import load_pack

    specs = specs or [DEFAULT_PACK]
    merged = load_pack(specs[0])
    for spec in specs[1:]:
        extra = load_pack(spec)
        merged.params.update(extra.params)
        merged.concepts.update(extra.concepts)
        ids = [r.id for r in merged.rules]
        for rule in extra.rules:
            if rule.id in ids:
                merged.rules[ids.index(rule.id)] = rule
            else:
                merged.rules.append(rule)
        merged.sources.extend(extra.sources)
        merged.name = f"{merged.name}+{extra.name}"
    return merged


_UNIT_WORDS = {"days": "days", "day": "days", "天": "days", "日": "days", "workdays": "workdays",
               "个工作日": "workdays", "工作日": "workdays", "months": "months", "month": "months",
               "个月": "months", "月": "months"}


def parse_param_value(text: str) -> Duration:
    """`2个月`, `2 months`, `15天`, `5个工作日` → Duration."""
    m = re.fullmatch(r"\s*(\d+)\s*([^\d\s]+)\s*", text)
    if not m or m.group(2) not in _UNIT_WORDS:
        raise UsageError(f"参数值“{text}”无法识别，应写成如 2个月、15天、5个工作日",
                         f"cannot read parameter value '{text}': write e.g. 2months, 15days, 5workdays")
    value, unit = m.group(1), _UNIT_WORDS[m.group(2)]
    if len(value) > 6 or not Duration.within_limit(int(value), unit):
        limit = MAX_DURATION[unit]
        raise UsageError(f"参数值“{text[:24]}”过大：期限上限为 {Duration(value=limit, unit=unit).describe()}",
                         f"parameter value '{text[:24]}' is too large: the limit is {Duration(value=limit, unit=unit).describe('en')}")
    return Duration(value=int(value), unit=unit)


def apply_params(pack: Pack, req: Requirements, overrides: dict[str, str]) -> dict[str, AppliedParam]:
    unknown = set(overrides) - set(pack.params)
    if unknown:
        raise UsageError(f"规则包中没有参数：{'、'.join(sorted(unknown))}（可用：{'、'.join(pack.params)}）",
                         f"unknown parameter(s): {', '.join(sorted(unknown))}")
    applied: dict[str, AppliedParam] = {}
    for name, param in pack.params.items():
        value = AppliedParam(name, param.default, "pack")
        if param.from_notice:
            demand = next((d for d in req.demands if d.concept == param.from_notice and d.within), None)
            if demand is not None:
                value = AppliedParam(name, demand.within, "notice", demand.text)
        if name in overrides:
            value = AppliedParam(name, parse_param_value(overrides[name]), "option", overrides[name])
        applied[name] = value
    return applied


def apply_rule_settings(pack: Pack, severity: dict[str, str], disabled: frozenset[str]) -> None:
    """Severity overrides and disabled rules from a config: every ID must be a rule of the pack,
    so a typo is an error rather than a setting that silently does nothing."""
    unknown = sorted((set(severity) | set(disabled)) - {r.id for r in pack.rules})
    if unknown:
        raise UsageError(f"规则包中没有规则：{'、'.join(unknown)}（用 plancheck rules list 查看）",
                         f"no such rule in the pack: {', '.join(unknown)} (see plancheck rules list)")
    pack.rules = [replace(r, severity=severity[r.id]) if r.id in severity else r for r in pack.rules]


def run_check(plan_path: str | Path, notice_path: str | Path, *, packs: list[str] | None = None,
              overrides: dict[str, str] | None = None, feedback_date: dt.date | None = None,
              lang: str = "zh", disabled: frozenset[str] = frozenset(),
              severity: dict[str, str] | None = None, waivers: list | None = None,
              unit: str | None = None) -> CheckResult:
    from checker.documents import read_document
    from checker.engine import run_pack
    from checker.match import match_problems, match_suggestions
    from checker.plan import analyse_plan
    from checker.quality import duplicate_groups
    from checker.units import narrow_to_unit

    pack = load_packs(packs)  # first: a broken pack should fail before any slow work
    apply_rule_settings(pack, severity or {}, disabled)
    req = load_requirements(notice_path, feedback_date)
    date = feedback_date or req.date
    plan = analyse_plan(read_document(plan_path), feedback_date=date)
    req, unit_note = narrow_to_unit(req, plan, unit)  # a notice to several units: this plan's part
    params = apply_params(pack, req, overrides or {})
    ctx = CheckContext(
        requirements=req, plan=plan,
        coverage=match_problems(req, plan, _actions(pack)),
        suggestion_coverage=match_suggestions(req, plan) if req.suggestions else {},
        params=params,
        concepts={name: c.terms for name, c in pack.concepts.items()},
        feedback_date=date,
        duplicate_groups=duplicate_groups(plan.items),
        calendar=WorkCalendar(pack.holidays.values()),
    )
    if unit_note:
        ctx.notes.append(unit_note)
    if date is None:
        ctx.notes.append("反馈日期未知：与日期有关的检查（时限、民主生活会、报告期限）未能完成。请用 --feedback-date 指定")
    findings = run_pack(pack, ctx, lang=lang, disabled=disabled)
    notes = ctx.notes + req.warnings + plan.warnings
    result = CheckResult(req, plan, pack, params, ctx.coverage, ctx.suggestion_coverage, findings, date, notes,
                         disabled=disabled)
    if waivers:
        from checker.waivers import apply_waivers

        apply_waivers(result, waivers, lang)
    return result
