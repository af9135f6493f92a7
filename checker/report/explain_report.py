"""`--explain P3`: the candidate items for one problem, ranked, with scores and shared terms."""

from __future__ import annotations

from checker.check import CheckResult
from checker.errors import UsageError
from checker.match import COVER, UNCERTAIN, ranked_candidates


def render_explain(result: CheckResult, problem_id: str, lang: str = "zh") -> str:
    req, plan = result.requirements, result.plan
    problem = next((p for p in req.problems if p.id == problem_id.upper()), None)
    if problem is None:
        ids = "、".join(p.id for p in req.problems)
        raise UsageError(f"没有问题 {problem_id}（本反馈意见的问题编号：{ids}）", f"no problem {problem_id} (ids: {ids})")
    cov = result.coverage[problem.id]
    items = {i.id: i for i in plan.items}
    state = "已回应" if cov.covered else ("待确认" if cov.uncertain else "未回应")
    lines = [f"{problem.id}：{problem.text}", f"结论：{state}（覆盖阈值 {COVER}，不确定区间 {UNCERTAIN}–{COVER}）",
             "候选整改事项（按得分排序）："]
    assigned = {e.item for e in cov.evidence} if cov.covered else set()
    for e in ranked_candidates(req, plan, problem.id):
        item = items[e.item]
        mark = "★" if e.item in assigned else " "
        lines.append(f" {mark} {e.item} {item.location.describe(lang)} 得分 {e.score:.2f}  共同词：{'、'.join(e.terms) or '无'}")
        lines.append(f"      问题：{(item.problem or '（未写）')[:50]}  措施：{item.measures[:50]}")
    if problem.subs:
        lines.append("子问题：")
        for s in cov.subs:
            ev = f"{s.evidence[0].item} {s.evidence[0].score:.2f}" if s.evidence else "无"
            lines.append(f"  {'✓' if s.covered else '✗'} {s.text}（最佳：{ev}）")
    return "\n".join(lines) + "\n"
