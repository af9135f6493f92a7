"""Evaluate a compiled rule pack on a CheckContext and produce Findings.

The engine knows the shapes of conditions (mentions / has / is / and / or / not) and the scopes
(plan, each problem, each suggestion, each item) — never a rule ID: every rule is data.
"""

from __future__ import annotations

from checker.context import CheckContext, Outcome
from checker.dsl.ast import And, Expr, Has, Is, Mentions, Not, Or, Pack, Rule
from checker.dsl.predicates import PREDICATES, evaluate_has
from checker.mentions import evaluate_mentions
from checker.models import Finding, Location


def evaluate(expr: Expr, ctx: CheckContext, subject) -> Outcome:
    if isinstance(expr, Mentions):
        return evaluate_mentions(ctx, expr, subject)
    if isinstance(expr, Has):
        return evaluate_has(subject, expr.field)
    if isinstance(expr, Is):
        return PREDICATES[expr.predicate].function(ctx, subject, *expr.args)
    if isinstance(expr, Not):
        inner = evaluate(expr.operand, ctx, subject)
        value = None if inner.value is None else not inner.value
        return Outcome(value, inner.why, inner.why_en, inner.location, inner.snippet)
    if isinstance(expr, And):
        undecided = None
        last = Outcome(True)
        for operand in expr.operands:
            last = evaluate(operand, ctx, subject)
            if last.value is False:
                return last  # the first failing part is the reason
            if last.value is None:
                undecided = last
        return undecided or last
    if isinstance(expr, Or):
        failures = []
        undecided = None
        for operand in expr.operands:
            result = evaluate(operand, ctx, subject)
            if result.value:
                return result
            if result.value is None:
                undecided = result
            else:
                failures.append(result)
        if undecided:
            return undecided
        return Outcome(False, "；".join(f.why for f in failures if f.why), "; ".join(f.why_en for f in failures if f.why_en),
                       failures[0].location if failures else None, failures[0].snippet if failures else "")
    raise TypeError(f"unknown condition {expr!r}")  # the loader builds only the kinds above


def _subjects(rule: Rule, ctx: CheckContext) -> list:
    if rule.scope == "problem":
        return list(ctx.requirements.problems)
    if rule.scope == "suggestion":
        return list(ctx.requirements.suggestions)
    if rule.scope == "item":
        return list(ctx.plan.items)
    if rule.scope == "demand":
        return list(ctx.requirements.demands)
    return [None]  # plan scope: one evaluation


def run_pack(pack: Pack, ctx: CheckContext, *, lang: str = "zh", disabled: frozenset[str] = frozenset()) -> list[Finding]:
    findings: list[Finding] = []
    for rule in pack.rules:
        if rule.id in disabled:
            continue
        for subject in _subjects(rule, ctx):
            if rule.when is not None and not evaluate(rule.when, ctx, subject).value:
                continue
            outcome = evaluate(rule.require, ctx, subject)
            if outcome.value is None:
                note = f"{rule.id} 未能检查{_subject_label(subject)}：{outcome.why}"
                if note not in ctx.notes:
                    ctx.notes.append(note)
                continue
            if outcome.value:
                continue
            findings.append(_finding(rule, ctx, subject, outcome, lang))
    for year in sorted(ctx.calendar.guessed_years):
        note = (f"{year}年的法定节假日和调休未知，工作日按周一至周五计算；"
                f"可在规则包中用 holidays {year} … end 补充当年安排")
        if note not in ctx.notes:
            ctx.notes.append(note)
    return findings


def _subject_label(subject) -> str:
    return f"（{subject.id}）" if subject is not None and hasattr(subject, "id") else ""


def _finding(rule: Rule, ctx: CheckContext, subject, outcome: Outcome, lang: str) -> Finding:
    template = rule.message_en if lang == "en" and rule.message_en else rule.message
    detail = outcome.why_en if lang == "en" and outcome.why_en else outcome.why
    values = {"detail": detail, "limit": _limit_text(rule, ctx, lang)}
    for name, applied in ctx.params.items():
        values[f"param.{name}"] = applied.describe(lang)
    problem_id = item_id = None
    location: Location | None = outcome.location
    snippet = outcome.snippet
    if rule.scope == "problem":
        problem_id = subject.id
        values.update({"problem.id": subject.id, "problem.text": subject.text})
        location = location or subject.location.model_copy(update={"file": ctx.requirements.notice_path})
        snippet = snippet or subject.text[:80]
    elif rule.scope == "suggestion":
        values.update({"suggestion.id": subject.id, "suggestion.text": subject.text})
        location = location or subject.location.model_copy(update={"file": ctx.requirements.notice_path})
        snippet = snippet or subject.text[:80]
    elif rule.scope == "item":
        item_id = subject.id
        where = subject.location.describe(lang, cell=False)
        values.update({
            "item.id": subject.id,
            "item.where": (f"{where}：" if where else "") if lang == "zh" else where,  # en messages add ": "
            "item.problem": (subject.problem or "（未写问题）")[:60],
            "item.measures": subject.measures[:60],
            "item.deadline": subject.deadline.text if subject.deadline else "",
        })
        location = location or subject.location
        snippet = snippet or (subject.problem or subject.measures)[:80]
    if location is None:
        location = Location(file=ctx.plan.path, kind="paragraph")
    if location.file is None:
        location = location.model_copy(update={"file": ctx.plan.path})
    message = _fill(template, values)
    return Finding(rule=rule.id, severity=rule.severity, message=message, problem=problem_id, item=item_id,
                   location=location, snippet=snippet)


def _limit_text(rule: Rule, ctx: CheckContext, lang: str) -> str:
    names = _params_used(rule.require)
    return "；".join(ctx.params[n].describe(lang) for n in names if n in ctx.params)


def _params_used(expr: Expr | None) -> list[str]:
    if isinstance(expr, Mentions):
        return [expr.within_param] if expr.within_param else []
    if isinstance(expr, Is):
        return [a for a in expr.args if PREDICATES[expr.predicate].args[expr.args.index(a)] == "param"]
    if isinstance(expr, Not):
        return _params_used(expr.operand)
    if isinstance(expr, (And, Or)):
        return [n for e in expr.operands for n in _params_used(e)]
    return []


def _fill(template: str, values: dict[str, str]) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out
