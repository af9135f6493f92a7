"""Renderers: CheckResult → the text of one report format. Imported lazily by name, so `plancheck
--help` and a text report do not pay for the others."""

from __future__ import annotations

from importlib import import_module

RENDERERS = {
    "text": "checker.report.text_report",
    "json": "checker.report.json_report",
    "sarif": "checker.report.sarif_report",
    "markdown": "checker.report.markdown_report",
    "html": "checker.report.html_report",
    "github": "checker.report.github_report",
    "junit": "checker.report.junit_report",
}
# how a file of each format is named (batch reports, docs)
SUFFIXES = {"text": ".txt", "json": ".json", "sarif": ".sarif", "markdown": ".md", "html": ".html",
            "github": ".txt", "junit": ".xml"}


def render_report(result, fmt: str, fail_on: str = "error", lang: str = "zh") -> str:
    return import_module(RENDERERS[fmt]).render(result, fail_on, lang)
