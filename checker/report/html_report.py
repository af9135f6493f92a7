"""The HTML report: one self-contained file to read on screen, print on A4 and file with the plan.

No script, no font, no image, no link to anything outside the file; a Content-Security-Policy
that forbids every fetch makes that checkable (a browser logs a console error for any attempt,
and tests/render_html.py fails on console errors). Sections: summary, coverage matrix (each
notice problem → the plan items answering it, with score and shared terms), findings by severity
(waived ones in their own group, with the reason), rule pack and parameters, notes.
"""

from __future__ import annotations

from html import escape

from checker.check import CheckResult
from checker.messages import msg
from checker.report.view import FindingRow, ReportView, build_view

_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun",
       "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; line-height: 1.55; color: #1b1b1b;
       margin: 0 auto; max-width: 190mm; padding: 8mm 4mm; background: #fff; }
h1 { font-size: 17pt; margin: 0 0 4mm; border-bottom: 2px solid #a4161a; padding-bottom: 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; color: #a4161a; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0 0 3mm; }
dl.meta dt { color: #555; } dl.meta dd { margin: 0; word-break: break-all; }
.verdict { padding: 2.5mm 4mm; border-radius: 1.5mm; font-weight: bold; margin: 2mm 0; }
.verdict.ok { background: #e7f4ea; border: 1px solid #2e7d32; color: #1b5e20; }
.verdict.bad { background: #fdecea; border: 1px solid #c62828; color: #8e0000; }
.cards { display: flex; gap: 3mm; flex-wrap: wrap; margin: 2mm 0 1mm; }
.card { border: 1px solid #ccc; border-radius: 1.5mm; padding: 1.5mm 3mm; min-width: 28mm; }
.card b { display: block; font-size: 14pt; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
th { background: #f1f1f1; font-weight: bold; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
.state { white-space: nowrap; font-weight: bold; }
.covered { color: #1b5e20; } .uncovered { color: #b71c1c; } .uncertain { color: #b26a00; }
.sev-error { color: #b71c1c; } .sev-warning { color: #b26a00; } .sev-info { color: #1565c0; } .sev-waived { color: #555; }
.ev { margin: 0 0 1mm; } .ev:last-child { margin: 0; }
.muted, .terms { color: #666; font-size: 9pt; }
.subs { margin: 1mm 0 0; padding-left: 5mm; color: #b71c1c; font-size: 9.5pt; }
.snippet { color: #555; font-size: 9pt; margin-top: 0.8mm; }
.waiver { color: #37474f; font-size: 9pt; margin-top: 0.8mm; }
.nowrap { white-space: nowrap; }
footer { margin-top: 8mm; color: #777; font-size: 8.5pt; border-top: 1px solid #ddd; padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } h2 { page-break-after: avoid; break-after: avoid; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(text) -> str:
    return escape(str(text), quote=True)


def _meta(view: ReportView) -> str:
    lang = view.lang
    rows = [("plan", view.plan), ("notice", view.notice), ("date", view.date)]
    if view.unit:
        rows.append(("unit", view.unit))
    if view.inspector:
        rows.append(("inspector", view.inspector))
    return "<dl class=\"meta\">" + "".join(f"<dt>{_e(msg(k, lang))}</dt><dd>{_e(v)}</dd>" for k, v in rows) + "</dl>"


def _cards(view: ReportView) -> str:
    lang = view.lang
    cards = [(msg("col_problem", lang), f"{view.covered}/{view.problems}"), (msg("batch_col_errors", lang), view.errors),
             (msg("batch_col_warnings", lang), view.warnings), (msg("batch_col_waived", lang), view.waived_count)]
    return "<div class=\"cards\">" + "".join(f"<div class=\"card\"><b>{_e(v)}</b>{_e(k)}</div>" for k, v in cards) + "</div>"


def _matrix(view: ReportView) -> str:
    lang = view.lang
    head = "".join(f"<th>{_e(msg(k, lang))}</th>" for k in ("col_problem", "col_state", "col_items"))
    rows = []
    for row in view.coverage:
        evidence = "".join(
            f"<div class=\"ev\"><b>{_e(e.item)}</b> <span class=\"muted\">{_e(e.where)}</span> "
            f"{_e(e.problem[:60] or e.measures[:60])}<br><span class=\"terms\">{_e(msg('col_score', lang))} {e.score:.2f}"
            f" · {_e(msg('col_terms', lang))}{_e(msg('colon', lang))}{_e(msg('list_sep', lang).join(e.terms[:6]))}</span></div>"
            for e in row.evidence) if row.evidence and row.state != "uncovered" else f"<span class=\"muted\">{_e(msg('none', lang))}</span>"
        subs = ""
        if row.missing_subs:
            subs = (f"<div class=\"muted\">{_e(msg('missing_subs', lang))}</div><ul class=\"subs\">"
                    + "".join(f"<li>{_e(s)}</li>" for s in row.missing_subs) + "</ul>")
        if row.doubtful_subs:
            subs += (f"<div class=\"muted\">{_e(msg('doubtful_subs', lang))}</div><ul class=\"subs uncertain\">"
                     + "".join(f"<li>{_e(s)}</li>" for s in row.doubtful_subs) + "</ul>")
        rows.append(f"<tr id=\"{_e(row.id)}\"><td><b>{_e(row.id)}</b> {_e(row.text)}{subs}</td>"
                    f"<td class=\"state {row.state}\">{_e(msg(row.state, lang))}</td><td>{evidence}</td></tr>")
    return f"<table class=\"matrix\"><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _finding_rows(rows: list[FindingRow], lang: str) -> str:
    head = "".join(f"<th>{_e(msg(k, lang))}</th>" for k in ("col_rule", "col_where", "col_message"))
    body = []
    for row in rows:
        f = row.finding
        extra = ""
        if f.snippet and f.snippet not in f.message:
            extra += f"<div class=\"snippet\">{_e(msg('source_text', lang))}{_e(msg('colon', lang))}{_e(f.snippet)}</div>"
        if row.waiver is not None:
            extra += f"<div class=\"waiver\">{_e(row.waiver.describe(lang))}</div>"
        body.append(f"<tr><td class=\"nowrap\">{_e(f.rule)}</td><td class=\"nowrap\">{_e(row.where or '—')}</td>"
                    f"<td>{_e(f.message)}{extra}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _findings(view: ReportView) -> str:
    lang = view.lang
    parts = []
    for severity, rows in view.groups.items():
        if rows:
            title = msg("group_count", lang, label=msg(severity, lang), n=len(rows))
            parts.append(f"<h3 class=\"sev-{severity}\">{_e(title)}</h3>{_finding_rows(rows, lang)}")
    if view.waived:
        title = msg("group_count", lang, label=msg("waived", lang), n=len(view.waived))
        parts.append(f"<h3 class=\"sev-waived\">{_e(title)}</h3>{_finding_rows(view.waived, lang)}")
    return "".join(parts) or f"<p>{_e(msg('none', lang))}</p>"


def _rules(view: ReportView) -> str:
    lang = view.lang
    packs = "".join(f"<li>{_e(p)}</li>" for p in view.packs)
    params = "".join(f"<tr><td>{_e(n)}</td><td>{_e(v)}</td></tr>" for n, v in view.params)
    rule_rows = []
    for r in view.rules:
        state = msg("disabled", lang) if r.disabled else (msg("fired_times", lang, n=r.fired) if r.fired else msg("silent", lang))
        rule_rows.append(f"<tr><td class=\"nowrap\">{_e(r.id)}</td><td>{_e(r.title)}</td>"
                         f"<td class=\"sev-{r.severity}\">{_e(msg(r.severity, lang))}</td><td>{_e(state)}</td></tr>")
    head = lambda *keys: "".join(f"<th>{_e(msg(k, lang))}</th>" for k in keys)  # noqa: E731
    return (f"<h3>{_e(msg('pack', lang))}</h3><ul>{packs}</ul>"
            f"<h3>{_e(msg('params', lang))}</h3><table><thead><tr>{head('col_name', 'col_value')}</tr></thead>"
            f"<tbody>{params}</tbody></table>"
            f"<h3>{_e(msg('rules_fired', lang))}</h3><table><thead><tr>"
            f"{head('col_rule', 'col_name', 'col_severity', 'col_outcome')}</tr></thead><tbody>{''.join(rule_rows)}</tbody></table>")


def render_view(view: ReportView) -> str:
    lang = view.lang
    notes = "".join(f"<li>{_e(n)}</li>" for n in view.notes)
    notes = f"<ul>{notes}</ul>" if notes else f"<p>{_e(msg('none', lang))}</p>"
    verdict = f"<div class=\"verdict {'ok' if view.passed else 'bad'}\">{_e(view.verdict())}</div>"
    return (
        "<!DOCTYPE html>\n"
        f"<html lang=\"{'en' if lang == 'en' else 'zh-CN'}\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_e(msg('title', lang))} · {_e(view.plan)}</title><style>{_CSS}</style></head>\n<body>\n"
        f"<h1>{_e(msg('title', lang))}</h1>{_meta(view)}{verdict}<p>{_e(view.summary())}</p>{_cards(view)}\n"
        f"<h2>{_e(msg('coverage', lang))}</h2>{_matrix(view)}\n"
        f"<h2>{_e(msg('findings', lang))}</h2>{_findings(view)}\n"
        f"<h2>{_e(msg('notes', lang))}</h2>{notes}\n"
        f"<h2>{_e(msg('rules_used', lang))}</h2>{_rules(view)}\n"
        f"<footer>{_e(msg('generated_by', lang, version=view.version))}</footer>\n</body></html>\n"
    )


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    return render_view(build_view(result, fail_on, lang))
