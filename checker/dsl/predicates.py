"""The fields (`item has leader`) and predicates (`item is vague(口号, 具体动作)`) a rule pack may use.

Each entry declares which subjects it applies to and what its arguments are, so the loader can reject
an unknown name or a wrong argument at load time; the functions only read the CheckContext.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.context import CheckContext, Outcome
from checker.models import Item, Problem, Suggestion

# --------------------------------------------------------------------------- fields (`has`)

ITEM_FIELDS: dict[str, tuple[str, str]] = {
    # field → (Chinese name, English name) used in messages
    "problem": ("问题描述", "problem text"),
    "measures": ("整改措施", "measures"),
    "leader": ("责任领导", "responsible leader"),
    "department": ("责任部门或责任人", "responsible department or person"),
    "deadline": ("整改时限", "deadline"),
    "standard": ("完成标准", "completion standard"),
}

FIELDS_BY_SUBJECT: dict[str, dict[str, tuple[str, str]]] = {"item": ITEM_FIELDS}


def evaluate_has(item: Item, field: str) -> Outcome:
    value = getattr(item, field)
    present = bool(value.strip()) if isinstance(value, str) else value is not None
    zh, en = ITEM_FIELDS[field]
    loc = item.field_locations.get(field, item.location)
    if present:
        return Outcome(True, f"已填写{zh}", f"{en} given", loc)
    return Outcome(False, f"未填写{zh}", f"no {en}", loc, _item_snippet(item))


def _item_snippet(item: Item) -> str:
    return (item.problem or item.measures)[:60]


# --------------------------------------------------------------------------- predicates (`is`)


@dataclass(frozen=True)
class Predicate:
    subjects: tuple[str, ...]
    args: tuple[str, ...]  # kinds: "concept" | "param"
    function: Callable[..., Outcome]
    doc: str


def _covered(ctx: CheckContext, problem: Problem) -> Outcome:
    from checker.explain import coverage_outcome

    return coverage_outcome(ctx.coverage[problem.id], ctx.plan, lang_subject="problem")


def _uncertain(ctx: CheckContext, problem: Problem) -> Outcome:
    from checker.explain import uncertain_outcome

    return uncertain_outcome(ctx.coverage[problem.id], ctx.plan)


def _suggestion_covered(ctx: CheckContext, suggestion: Suggestion) -> Outcome:
    from checker.explain import coverage_outcome

    return coverage_outcome(ctx.suggestion_coverage[suggestion.id], ctx.plan, lang_subject="suggestion")


def _vague(ctx: CheckContext, item: Item, slogans: str, actions: str) -> Outcome:
    from checker.quality import answered_problems, slogan_only

    problems = answered_problems(item, ctx.requirements, ctx.coverage)
    found = slogan_only(item.measures, ctx.concepts[slogans], ctx.concepts[actions], problems)
    if found is None:
        return Outcome(False)
    loc = item.field_locations.get("measures", item.location)
    return Outcome(
        True,
        f"整改措施只有口号式表述（{'、'.join(found)}），缺少具体动作、对象、数量或时限",
        f"measures are slogans only ({', '.join(found)}) with no concrete action, object or number",
        loc,
        item.measures[:60],
    )


def _restating(ctx: CheckContext, item: Item, actions: str) -> Outcome:
    from checker.quality import answered_problems, restates_any

    overlap = restates_any(item.measures, answered_problems(item, ctx.requirements, ctx.coverage), ctx.concepts[actions])
    if overlap is None:
        return Outcome(False)
    loc = item.field_locations.get("measures", item.location)
    return Outcome(
        True,
        f"整改措施基本是问题描述的复述（重合度{overlap:.0%}），没有提出整改动作",
        f"measures restate the problem ({overlap:.0%} overlap) without an action",
        loc,
        item.measures[:60],
    )


def _duplicated(ctx: CheckContext, item: Item) -> Outcome:
    others = ctx.duplicate_groups.get(item.id, [])
    if not others:
        return Outcome(False)
    loc = item.field_locations.get("measures", item.location)
    return Outcome(
        True,
        f"整改措施与{'、'.join(others)}完全相同，而所针对的问题不同",
        f"measures identical to {', '.join(others)}, under a different problem",
        loc,
        item.measures[:60],
    )


def _deadline_readable(ctx: CheckContext, item: Item) -> Outcome:
    d = item.deadline
    loc = item.field_locations.get("deadline", item.location)
    if d is None:
        return Outcome(False, "未填写整改时限", "no deadline", loc)
    if d.kind == "unknown":
        return Outcome(False, f"整改时限“{d.text}”无法识别为日期、立行立改或长期坚持",
                       f"deadline '{d.text}' is neither a date, 立行立改 nor 长期坚持", loc, d.text)
    return Outcome(True)


def _deadline_after_feedback(ctx: CheckContext, item: Item) -> Outcome:
    d = item.deadline
    if d is None or d.date is None:
        return Outcome(True)  # nothing dated to compare; IT-DEADLINE speaks of missing ones
    if ctx.feedback_date is None:
        return Outcome(None)
    loc = item.field_locations.get("deadline", item.location)
    if d.date < ctx.feedback_date:
        return Outcome(False, f"整改时限“{d.text}”（{d.date}）早于反馈日期{ctx.feedback_date}",
                       f"deadline '{d.text}' ({d.date}) is before the feedback date {ctx.feedback_date}", loc, d.text)
    return Outcome(True)


def _deadline_within(ctx: CheckContext, item: Item, param: str) -> Outcome:
    from checker.timecalc import add_duration

    d = item.deadline
    if d is None or d.date is None:
        return Outcome(True)
    if ctx.feedback_date is None:
        return Outcome(None)
    applied = ctx.params[param]
    limit = add_duration(ctx.feedback_date, applied.value, ctx.calendar)
    loc = item.field_locations.get("deadline", item.location)
    if d.date > limit:
        return Outcome(
            False,
            f"整改时限“{d.text}”（{d.date}）超出集中整改期：反馈后{applied.describe()}，即{limit}前",
            f"deadline '{d.text}' ({d.date}) is after the end of the concentrated period "
            f"({applied.describe('en')} after feedback, {limit})",
            loc,
            d.text,
        )
    return Outcome(True)


PREDICATES: dict[str, Predicate] = {
    "covered": Predicate(("problem",), (), _covered, "该问题有整改事项回应（含每个子问题）"),
    "uncertain": Predicate(("problem",), (), _uncertain, "匹配得分处于不确定区间"),
    "taken_up": Predicate(("suggestion",), (), _suggestion_covered, "意见建议在方案中有所体现"),
    "vague": Predicate(("item",), ("concept", "concept"), _vague, "整改措施只有口号（口号概念, 具体动作概念）"),
    "restating": Predicate(("item",), ("concept",), _restating, "整改措施只是复述问题（具体动作概念）"),
    "duplicated": Predicate(("item",), (), _duplicated, "整改措施与另一问题下的措施完全相同"),
    "deadline_readable": Predicate(("item",), (), _deadline_readable, "整改时限可识别"),
    "deadline_after_feedback": Predicate(("item",), (), _deadline_after_feedback, "整改时限不早于反馈日期"),
    "deadline_within": Predicate(("item",), ("param",), _deadline_within, "整改时限在反馈后给定期限内"),
}
