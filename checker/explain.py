"""Words for a coverage verdict: which item answers, with what score and shared terms — or why none,
or why plancheck cannot tell (the uncertain band)."""

from __future__ import annotations

from checker.context import Outcome
from checker.models import Plan, ProblemCoverage


def _item_where(plan: Plan, item_id: str) -> str:
    item = next((i for i in plan.items if i.id == item_id), None)
    return f"{item_id}（{item.location.describe(cell=False)}）" if item and item.location.describe() else item_id


def _terms(terms: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(terms) or ("无" if lang == "zh" else "none")


def coverage_outcome(cov: ProblemCoverage, plan: Plan, lang_subject: str = "problem") -> Outcome:
    if cov.covered:
        best = cov.evidence[0]
        others = [e.item for e in cov.evidence[1:]]
        zh = f"由{_item_where(plan, best.item)}回应（得分{best.score:.2f}，共同词：{_terms(best.terms, 'zh')}）"
        en = f"answered by {best.item} (score {best.score:.2f}; shared: {_terms(best.terms, 'en')})"
        if others:
            zh += f"，另有{'、'.join(others)}"
            en += f", also {', '.join(others)}"
        return Outcome(True, zh, en)
    from checker.match import DEFAULT

    if cov.restated:
        where = "、".join(_item_where(plan, k) for k in cov.restated)
        return Outcome(False, f"{where}的整改措施只是复述问题，视同没有整改措施",
                       f"{', '.join(cov.restated)} only restate the problem: counted as no measures")
    missing = [s.text for s in cov.subs if not s.covered]
    answered_in_part = any(s.covered or s.evidence for s in cov.subs)
    if cov.evidence and missing and (answered_in_part or cov.evidence[0].score >= DEFAULT.cover):
        best = cov.evidence[0]
        return Outcome(False, f"{_item_where(plan, best.item)}只回应了部分内容，未见对“{'”“'.join(missing)}”的整改措施",
                       f"{best.item} answers only part of it; nothing answers: {'; '.join(missing)}")
    if cov.evidence and cov.evidence[0].score > 0:
        best = cov.evidence[0]
        zh = f"最接近的是{_item_where(plan, best.item)}，得分{best.score:.2f}，低于阈值"
        en = f"closest is {best.item} with score {best.score:.2f}, below the threshold"
        if cov.uncertain:
            zh += "，属不确定区间，请人工确认"
            en += " (uncertain band: please confirm)"
        return Outcome(False, zh, en)
    return Outcome(False, "方案中没有相关内容", "nothing in the plan is related")


def uncertain_outcome(cov: ProblemCoverage, plan: Plan) -> Outcome:
    """True (with the reason) when the best answer lies in the calibrated uncertain band: neither
    a confirmed answer nor a confirmed gap — a person should look."""
    if not cov.uncertain:
        return Outcome(False)
    from checker.match import DEFAULT

    band = f"{DEFAULT.uncertain:.2f}–{DEFAULT.cover:.2f}"
    doubtful = [s for s in cov.subs if s.uncertain]
    best = cov.evidence[0] if cov.evidence else None
    if best is None:
        return Outcome(True, "匹配得分处于不确定区间，请人工确认", "the match score is in the uncertain band: please confirm")
    where = _item_where(plan, best.item)
    if doubtful:
        sub = doubtful[0]
        score = sub.evidence[0].score if sub.evidence else 0.0
        band = f"{DEFAULT.sub_uncertain:.2f}–{DEFAULT.sub_cover:.2f}"
        return Outcome(True, f"{where}回应了该问题，但对“{sub.text}”的回应不确定（得分{score:.2f}，不确定区间{band}），请人工确认",
                       f"{best.item} answers the problem, but its answer to '{sub.text}' is uncertain "
                       f"(score {score:.2f}, band {band}): please confirm")
    return Outcome(True, f"最接近的是{where}（得分{best.score:.2f}，共同词：{_terms(best.terms, 'zh')}），"
                         f"处于不确定区间{band}，请人工确认",
                   f"closest is {best.item} (score {best.score:.2f}; shared: {_terms(best.terms, 'en')}), "
                   f"in the uncertain band {band}: please confirm")
