"""`plancheck extract` as text: what plancheck sees in a notice, for a person to verify."""

from __future__ import annotations

from checker.models import Requirements


def render_text(req: Requirements, lang: str = "zh") -> str:
    out = [f"反馈意见：{req.notice_path}",
           f"被巡察单位：{req.unit or '未识别'}", f"巡察组：{req.inspector or '未识别'}",
           *([f"巡察轮次：{req.round}"] if req.round else []),
           f"反馈日期：{req.date or '未识别（检查时可用 --feedback-date 指定）'}", "",
           f"问题（{len(req.problems)}）："]
    if not req.problems:
        out.append("  （未识别出任何问题：若这份文件确有问题清单，请导出 JSON 手工补充后用 --against 传入）")
    for p in req.problems:
        loc = p.location.describe(lang)
        out.append(f"  {p.id} [{loc}]{'（' + p.unit + '）' if p.unit else ''} {p.text}")
        for s in p.subs:
            out.append(f"      · {s}")
    out += ["", f"意见建议（{len(req.suggestions)}）："]
    out += [f"  {s.id} {s.text}" for s in req.suggestions]
    out += ["", f"程序性要求（{len(req.demands)}）："]
    for d in req.demands:
        within = d.within.describe(lang) + "内" if d.within else ("期限以“*”占位，未写明" if "*" in d.text else "未写明期限")
        out.append(f"  {d.concept}：{within}{'，报送' + d.to if d.to else ''}｜{d.text[:60]}")
    out += [f"- {w}" for w in req.warnings]
    return "\n".join(out) + "\n"
