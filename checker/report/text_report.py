"""The report people read: summary first, then each problem's coverage, then the findings."""

from __future__ import annotations

from checker.check import CheckResult
from checker.models import Finding

LABELS = {
    "zh": {"title": "plancheck 整改方案审核报告", "plan": "整改方案", "notice": "反馈意见", "date": "反馈日期",
           "unknown": "未知", "summary": "问题覆盖 {covered}/{total}，整改事项 {items} 项；错误 {errors} 项，警告 {warnings} 项",
           "verdict_ok": "结论：未发现须修改的错误。", "verdict_bad": "结论：方案存在须修改的问题，请逐条处理后再报送。",
           "coverage": "一、反馈问题逐条对应情况", "findings": "二、发现的问题", "notes": "三、说明",
           "covered": "已回应", "uncovered": "未回应", "uncertain": "待确认", "none": "（无）",
           "error": "错误", "warning": "警告", "info": "提示", "by": "对应", "sub": "子问题",
           "pack": "规则包", "params": "参数"},
    "en": {"title": "plancheck review of the rectification plan", "plan": "Plan", "notice": "Notice", "date": "Feedback date",
           "unknown": "unknown", "summary": "Problems covered {covered}/{total}, {items} items; {errors} errors, {warnings} warnings",
           "verdict_ok": "Verdict: no error to fix.", "verdict_bad": "Verdict: the plan has errors to fix before submission.",
           "coverage": "1. Coverage of each feedback problem", "findings": "2. Findings", "notes": "3. Notes",
           "covered": "covered", "uncovered": "NOT covered", "uncertain": "uncertain", "none": "(none)",
           "error": "error", "warning": "warning", "info": "info", "by": "by", "sub": "sub-problem",
           "pack": "Rule pack", "params": "Parameters"},
}


def _finding_line(f: Finding, lang: str, labels: dict) -> list[str]:
    where = f.location.describe(lang) if f.location else ""
    source = ""
    if f.location and f.location.kind == "notice":
        source = "反馈意见" if lang == "zh" else "notice"
    head = f"[{labels[f.severity]}] {f.rule}"
    if where:
        head += f"  {source}{where}"
    lines = [head, f"    {f.message}"]
    if f.snippet and f.snippet not in f.message:
        snippet = f.snippet.replace("\n", " ")
        lines.append(f"    原文：{snippet}" if lang == "zh" else f"    text: {snippet}")
    return lines


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    L = LABELS[lang]
    req, plan = result.requirements, result.plan
    covered = sum(1 for c in result.coverage.values() if c.covered)
    out = [L["title"], "=" * 40,
           f"{L['plan']}：{plan.path}" if lang == "zh" else f"{L['plan']}: {plan.path}",
           f"{L['notice']}：{req.notice_path}" if lang == "zh" else f"{L['notice']}: {req.notice_path}",
           (f"{L['date']}：" if lang == "zh" else f"{L['date']}: ") + (str(result.feedback_date) if result.feedback_date else L["unknown"]),
           "",
           L["summary"].format(covered=covered, total=len(req.problems), items=len(plan.items),
                               errors=result.count("error"), warnings=result.count("warning")),
           L["verdict_bad"] if result.failed(fail_on) else L["verdict_ok"], "", L["coverage"]]
    items = {i.id: i for i in plan.items}
    for p in req.problems:
        cov = result.coverage[p.id]
        state = L["covered"] if cov.covered else (L["uncertain"] if cov.uncertain else L["uncovered"])
        mark = "✓" if cov.covered else ("?" if cov.uncertain else "✗")
        out.append(f" {mark} {p.id} [{state}] {p.text[:70]}")
        if cov.covered:
            for e in cov.evidence[:2]:
                loc = items[e.item].location.describe(lang) if e.item in items else ""
                out.append(f"      {L['by']} {e.item} {loc} {e.score:.2f} {'、'.join(e.terms[:5])}")
        for s in cov.subs:
            if not s.covered:
                out.append(f"      ✗ {L['sub']}：{s.text}" if lang == "zh" else f"      ✗ {L['sub']}: {s.text}")
    out += ["", L["findings"]]
    if not result.findings:
        out.append(L["none"])
    for severity in ("error", "warning", "info"):
        for f in (f for f in result.findings if f.severity == severity):
            out += _finding_line(f, lang, L)
    out += ["", L["notes"],
            f"{L['pack']}：{'、'.join(result.pack.sources)}" if lang == "zh" else f"{L['pack']}: {', '.join(result.pack.sources)}",
            (f"{L['params']}：" if lang == "zh" else f"{L['params']}: ")
            + "；".join(f"{n} = {a.describe(lang)}" for n, a in result.params.items())]
    out += [f"- {n}" for n in result.notes]
    return "\n".join(out) + "\n"
