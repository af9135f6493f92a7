"""Words for a coverage verdict: which item answers, with what score and shared terms — or why none."""

from __future__ import annotations

from checker.context import Outcome
from checker.models import Plan, ProblemCoverage


def _item_where(plan: Plan, item_id: str) -> str:
    item = next((i for i in plan.items if i.id == item_id), None)
    return f"{item_id}（{item.location.describe(cell=False)}）" if item and item.location.describe() else item_id


def coverage_outcome(cov: ProblemCoverage, plan: Plan, lang_subject: str = "problem") -> Outcome:
    if cov.covered:
        best = cov.evidence[0]
        return Outcome(True, f"由{_item_where(plan, best.item)}回应（得分{best.score:.2f}，共同词：{'、'.join(best.terms)}）",
                       f"answered by {best.item} (score {best.score:.2f}; shared: {', '.join(best.terms)})")
    missing = [s.text for s in cov.subs if not s.covered]
    if cov.evidence and cov.evidence[0].score > 0 and missing and any(s.covered for s in cov.subs):
        best = cov.evidence[0]
        return Outcome(False, f"{_item_where(plan, best.item)}只回应了部分内容，未见对“{'”“'.join(missing)}”的整改措施",
                       f"{best.item} answers only part of it; nothing answers: {'; '.join(missing)}")
    if cov.evidence and cov.evidence[0].score > 0:
        best = cov.evidence[0]
        zh = f"最接近的是{_item_where(plan, best.item)}，得分{best.score:.2f}，低于阈值"
        if cov.uncertain:
            zh += "，属不确定区间，请人工确认"
        return Outcome(False, zh, f"closest is {best.item} with score {best.score:.2f}, below the threshold")
    return Outcome(False, "方案中没有相关内容", "nothing in the plan is related")
