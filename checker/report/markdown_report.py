"""The Markdown report: the HTML report's content (summary, coverage matrix, findings by
severity, waived findings, notes, rule pack and parameters) for wikis, merge requests and
GitHub job summaries ($GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

from checker.check import CheckResult
from checker.messages import msg
from checker.report.view import FindingRow, ReportView, build_view


def _cell(text) -> str:
    """Table-cell safe: no pipe, no line break, no HTML or Markdown taken literally."""
    out = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")
    return out.replace("<br>", "\x00").replace("<", "&lt;").replace(">", "&gt;").replace("\x00", "<br>")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _finding_table(rows: list[FindingRow], lang: str) -> list[str]:
    body = []
    for row in rows:
        f = row.finding
        text = f.message
        if f.snippet and f.snippet not in f.message:
            text += f"\n{msg('source_text', lang)}{msg('colon', lang)}{f.snippet}"
        if row.waiver is not None:
            text += f"\n{row.waiver.describe(lang)}"
        body.append([f"`{f.rule}`", row.where or "—", text])
    return _table([msg(k, lang) for k in ("col_rule", "col_where", "col_message")], body)


def render_view(view: ReportView) -> str:
    lang = view.lang
    colon = msg("colon", lang)
    out = [f"# {msg('title', lang)}", ""]
    out += [f"- **{msg('plan', lang)}**{colon}{view.plan}", f"- **{msg('notice', lang)}**{colon}{view.notice}",
            f"- **{msg('date', lang)}**{colon}{view.date}"]
    if view.unit:
        out.append(f"- **{msg('unit', lang)}**{colon}{view.unit}")
    if view.inspector:
        out.append(f"- **{msg('inspector', lang)}**{colon}{view.inspector}")
    out += ["", f"> **{view.verdict()}** {view.summary()}", "", f"## {msg('coverage', lang)}", ""]
    matrix = []
    for row in view.coverage:
        problem = f"**{row.id}** {row.text}"
        if row.missing_subs:
            problem += "\n" + msg("missing_subs", lang) + colon + msg("clause_sep", lang).join(row.missing_subs)
        if row.doubtful_subs:
            problem += "\n" + msg("doubtful_subs", lang) + colon + msg("clause_sep", lang).join(row.doubtful_subs)
        evidence = "\n".join(
            msg("evidence_line", lang, item=e.item, where=e.where, score=f"{e.score:.2f}",
                terms=msg("list_sep", lang).join(e.terms[:6]))
            for e in row.evidence) if row.evidence and row.state != "uncovered" else msg("none", lang)
        mark = {"covered": "✓", "uncertain": "?", "uncovered": "✗"}[row.state]
        matrix.append([problem, f"{mark} {msg(row.state, lang)}", evidence])
    out += _table([msg(k, lang) for k in ("col_problem", "col_state", "col_items")], matrix)
    out += [f"## {msg('findings', lang)}", ""]
    if not any(view.groups.values()) and not view.waived:
        out += [msg("none", lang), ""]
    for severity, rows in view.groups.items():
        if rows:
            out += [f"### {msg('group_count', lang, label=msg(severity, lang), n=len(rows))}", ""]
            out += _finding_table(rows, lang)
    if view.waived:
        out += [f"### {msg('group_count', lang, label=msg('waived', lang), n=len(view.waived))}", ""]
        out += _finding_table(view.waived, lang)
    out += [f"## {msg('notes', lang)}", ""]
    out += [f"- {n}" for n in view.notes] or [msg("none", lang)]
    out += ["", f"## {msg('rules_used', lang)}", "", f"**{msg('pack', lang)}**{colon}"
            + msg("list_sep", lang).join(f"`{p}`" for p in view.packs), ""]
    out += _table([msg("col_name", lang), msg("col_value", lang)], [[n, v] for n, v in view.params])
    rules = []
    for r in view.rules:
        state = msg("disabled", lang) if r.disabled else (msg("fired_times", lang, n=r.fired) if r.fired else msg("silent", lang))
        rules.append([f"`{r.id}`", r.title, msg(r.severity, lang), state])
    out += _table([msg(k, lang) for k in ("col_rule", "col_name", "col_severity", "col_outcome")], rules)
    out += [f"<sub>{msg('generated_by', lang, version=view.version)}</sub>", ""]
    return "\n".join(out)


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    return render_view(build_view(result, fail_on, lang))
