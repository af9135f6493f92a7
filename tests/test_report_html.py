"""The HTML report in a real browser: headless Chromium renders a fixture's report to PNG without
a single console message. Skipped where Chromium is not installed (a
fresh CI machine has only Python and pip; Debian: apt-get install chromium).

The PNG is kept in $PLANCHECK_TEST_OUTPUT when that is set (else in pytest's tmp_path, which pytest
keeps for the last three runs) and its path is printed (pytest -s, or -rA).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.cli import main

from render_html import find_browser, png_size, render

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

pytestmark = pytest.mark.skipif(find_browser() is None, reason="Chromium not installed (apt-get install chromium)")


def _output_dir(tmp_path: Path) -> Path:
    keep = Path(os.environ.get("PLANCHECK_TEST_OUTPUT") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    return keep


def test_the_report_of_a_fixture_renders_without_console_errors(capsys, tmp_path):
    out = _output_dir(tmp_path)
    page = out / "jiaoyu-gaps.html"
    code = main([str(FIXTURES / "plans/jiaoyu-gaps.docx"), "--against", str(FIXTURES / "notices/jiaoyu-letter.txt"),
                 "--format", "html", "--output", str(page), "--no-config"])
    assert code == 1
    png = out / "jiaoyu-gaps.png"
    problems = render(page, png)  # A4 print too: python tests/render_html.py page.html page.png --pdf page.pdf
    assert not problems, problems
    assert png_size(png) == (1240, 1754)
    assert png.stat().st_size > 50_000  # a rendered page of Chinese text, not a blank one
    with capsys.disabled():
        print(f"\nHTML report rendered by Chromium: {png}")


def test_the_render_check_fails_on_a_page_that_fetches_something(tmp_path):
    """The check can fail: a report that loaded an outside resource would be caught."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" "
                    "content=\"default-src 'none'\"></head><body><p>报告</p><img src=\"https://example.invalid/logo.png\">"
                    "</body></html>", encoding="utf-8")
    problems = render(page, tmp_path / "bad.png")
    assert any("Content Security Policy" in p for p in problems), problems
