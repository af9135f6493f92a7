"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=反馈意见.txt,line=16,title=CV-PROBLEM 反馈问题逐条整改::反馈意见第16行：…

A finding about the notice carries its line (GitHub shows it in the diff view of that text file);
one in the .docx names the file and puts the 表/段 locator in the message. Waived findings are
`::notice` annotations marked as waived, not hidden. The last line is the plain summary.
Escaping follows the workflow-command rules (% CR LF in the message, also : and , in properties).
"""

from __future__ import annotations

from checker.check import CheckResult
from checker.messages import msg
from checker.report.view import build_view, located_message

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> str:
    titles = {r.id: r.title for r in result.pack.rules}
    lines = []
    for n, finding in enumerate(result.findings):
        loc = finding.location
        waiver = result.waived.get(n)
        command = "notice" if waiver is not None else _COMMAND[finding.severity]
        props = [f"file={_property((loc.file if loc and loc.file else result.plan.path).replace(chr(92), '/'))}"]
        if loc is not None and loc.kind == "notice" and loc.line:
            props.append(f"line={loc.line}")
        title = f"{finding.rule} {titles.get(finding.rule, '')}".strip()
        if waiver is not None:
            title += f" ({msg('waived', lang)})"
        props.append(f"title={_property(title)}")
        text = located_message(finding, lang)
        if waiver is not None:
            text += f"\n{waiver.describe(lang)}"
        lines.append(f"::{command} {','.join(props)}::{_data(text)}")
    view = build_view(result, fail_on, lang)
    lines.append(f"plancheck {result.plan.path}: {view.summary()} {view.verdict()}")
    return "\n".join(lines) + "\n"
