"""One message catalogue (checker/messages.py): both languages for every key with the same
placeholders, the renderers take their words from it (no Chinese string left in their code), and
--lang en gives English reports in every format."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from checker.check import run_check
from checker.messages import CATALOGUE, msg, placeholders
from checker.report import RENDERERS, render_report

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# modules whose words all come from the catalogue (annotate.py also matches 台账/清单 in the plan's text)
RENDERER_FILES = [ROOT / "checker" / "report" / f"{name}.py" for name in
                  ("text_report", "json_report", "sarif_report", "markdown_report", "html_report", "github_report",
                   "junit_report", "view", "explain_report", "fingerprint")]


def test_both_languages_for_every_key_with_the_same_placeholders():
    for key, (zh, en) in CATALOGUE.items():
        assert zh.strip() and en.strip(), key
        assert placeholders(zh) == placeholders(en), key
        assert not CJK.search(en) or key in ("batch_no_notice",), (key, en)  # that one names Chinese file names


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    out, previous = [], None
    for token in tokens:
        is_docstring = previous in (None, tokenize.INDENT, tokenize.NEWLINE, tokenize.NL, tokenize.DEDENT) \
            and token.string.startswith(('"""', "'''"))
        if token.type == tokenize.STRING and not is_docstring:
            out.append((token.start[0], token.string))
        if token.type not in (tokenize.COMMENT,):
            previous = token.type
    return out


@pytest.mark.parametrize("path", RENDERER_FILES, ids=lambda p: p.stem)
def test_renderers_take_their_words_from_the_catalogue(path):
    chinese = [(line, s) for line, s in _string_literals(path) if CJK.search(s)]
    assert not chinese, chinese


@pytest.fixture(scope="module")
def english():
    fixtures = ROOT / "fixtures"
    return run_check(fixtures / "plans/fulian-gaps.docx", fixtures / "notices/fulian-news.txt", lang="en")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_lang_en_reports_have_no_chinese_labels(english, fmt):
    report = render_report(english, fmt, "error", "en")
    # labels that cannot occur in the documents' own text (which stays Chinese in an English report)
    labels = ["title", "coverage", "findings", "notes", "verdict_bad", "rules_used", "summary", "junit_suite",
              "group_count", "fired_times", "waived", "col_outcome"]
    for key in labels:
        zh = msg(key, "zh").split("{")[0]
        assert len(zh) >= 2 or key in ("group_count", "fired_times")
        if len(zh) >= 2:
            assert zh not in report, (fmt, key, zh)
    if fmt in ("text", "markdown", "html"):
        assert msg("title", "en") in report


def test_msg_fills_placeholders_and_nested_labels():
    from checker.messages import label

    assert msg("batch_totals", "en", total=3, passed=1, failed=1, broken=1) == \
        "3 plans: 1 passed, 1 failed, 1 could not be checked"
    assert msg("config_type", "zh", key="rules", kind=label("kind_list")) == "“rules”应为字符串列表"
    assert msg("config_type", "en", key="rules", kind=label("kind_list")) == '"rules" should be a list of strings'
