"""`--explain P3`: why plancheck says what it says about one problem — the candidate items ranked
with their scores and shared terms, which of them the assignment gave to this problem (and, for
the others, which problem they answer instead), and for each sub-problem the item that answers it.
Words come from checker.messages."""

from __future__ import annotations

from checker.check import CheckResult
from checker.match import DEFAULT, ProblemMatcher
from checker.messages import error, msg

_LIMIT = 8


def _flat(text: str, limit: int = 50) -> str:
    """One line of at most `limit` characters (cells hold several measures on several lines)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render_explain(result: CheckResult, problem_id: str, lang: str = "zh") -> str:
    req, plan = result.requirements, result.plan
    problem = next((p for p in req.problems if p.id == problem_id.upper()), None)
    if problem is None:
        raise error("explain_no_problem", id=problem_id, ids=" ".join(p.id for p in req.problems))
    cov = result.coverage[problem.id]
    matcher = ProblemMatcher(req.problems, plan.items)
    items = {i.id: i for i in plan.items}
    sep = msg("list_sep", lang)
    state = msg("covered" if cov.covered else ("uncertain" if cov.uncertain else "uncovered"), lang)
    lines = [f"{problem.id}{msg('colon', lang)}{problem.text}",
             msg("explain_verdict", lang, state=state, cover=f"{DEFAULT.cover:.2f}", low=f"{DEFAULT.uncertain:.2f}"),
             msg("explain_candidates", lang), msg("explain_assigned", lang, sub=f"{DEFAULT.sub_cover:.2f}")]
    assigned = set(matcher.assignment().get(problem.id, []))
    ranked = matcher.ranked(problem.id)
    for e in [e for e in ranked if e.score > 0][:_LIMIT] or ranked[:1]:
        item = items[e.item]
        lines.append(msg("explain_candidate", lang, mark="★" if e.item in assigned else " ", item=e.item,
                         where=item.location.describe(lang), score=f"{e.score:.2f}",
                         terms=sep.join(e.terms) or msg("explain_nothing", lang)))
        lines.append(msg("explain_item", lang, problem=_flat(item.problem or msg("explain_unwritten", lang)),
                         measures=_flat(item.measures)))
        if e.item not in assigned:
            others = [pid for pid in matcher.answered_by(e.item) if pid != problem.id]
            if others:
                lines.append(msg("explain_answers_other", lang, problems=sep.join(others)))
    if cov.subs:
        lines.append(msg("explain_subs", lang))
        for s in cov.subs:
            best = (msg("explain_sub_best", lang, item=s.evidence[0].item, score=f"{s.evidence[0].score:.2f}",
                        terms=sep.join(s.evidence[0].terms)) if s.evidence else msg("explain_nothing", lang))
            lines.append(msg("explain_sub", lang, mark="✓" if s.covered else ("?" if s.uncertain else "✗"), text=s.text, best=best))
    return "\n".join(lines) + "\n"
