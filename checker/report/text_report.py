"""The report people read in a terminal: summary first, then each problem's coverage, then the
findings (waived ones last, with the reason), then the pack, the parameters and the notes."""

from __future__ import annotations

from checker.check import CheckResult
from checker.messages import msg
from checker.report.view import FindingRow, ReportView, build_view


def _finding_lines(row: FindingRow, lang: str, tag: str) -> list[str]:
    f = row.finding
    head = f"[{tag}] {f.rule}"
    if row.where:
        head += f"  {row.where}"
    lines = [head, f"    {f.message}"]
    if f.snippet and f.snippet not in f.message:
        snippet = f.snippet.replace("\n", " ")
        lines.append(f"    {msg('source_text', lang)}{msg('colon', lang)}{snippet}")
    if row.waiver is not None:
        lines.append(f"    {row.waiver.describe(lang)}")
    return lines


def _field(key: str, value: str, lang: str) -> str:
    return f"{msg(key, lang)}{msg('colon', lang)}{value}"


def render_view(view: ReportView) -> str:
    lang = view.lang
    out = [msg("title", lang), "=" * 40, _field("plan", view.plan, lang), _field("notice", view.notice, lang),
           _field("date", view.date, lang), "", view.summary(), view.verdict(), "", msg("coverage", lang)]
    for row in view.coverage:
        mark = {"covered": "✓", "uncertain": "?", "uncovered": "✗"}[row.state]
        out.append(f" {mark} {row.id} [{msg(row.state, lang)}] {row.text[:70]}")
        if row.state != "uncovered":
            for e in row.evidence[:2]:
                out.append(f"      {msg('by', lang)} {e.item} {e.cell} {e.score:.2f} "
                           f"{msg('list_sep', lang).join(e.terms[:5])}")
        for sub in row.missing_subs:
            out.append(f"      ✗ {msg('sub', lang)}{msg('colon', lang)}{sub}")
        for sub in row.doubtful_subs:
            out.append(f"      ? {msg('sub_doubtful', lang)}{msg('colon', lang)}{sub}")
    out += ["", msg("findings", lang)]
    if not any(view.groups.values()) and not view.waived:
        out.append(msg("none", lang))
    for severity, rows in view.groups.items():
        for row in rows:
            out += _finding_lines(row, lang, msg(severity, lang))
    for row in view.waived:
        out += _finding_lines(row, lang, f"{msg('waived', lang)}·{msg(row.finding.severity, lang)}")
    out += ["", msg("notes", lang), _field("pack", msg("list_sep", lang).join(view.packs), lang),
            _field("params", msg("clause_sep", lang).join(f"{n} = {v}" for n, v in view.params), lang)]
    out += [f"- {n}" for n in view.notes]
    return "\n".join(out) + "\n"


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    return render_view(build_view(result, fail_on, lang))
