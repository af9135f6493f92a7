"""What each command loads, checked in a fresh interpreter: `plancheck --help` and `rules list` stay
free of jieba and python-docx (they answer in a blink), a check loads only the reader and the report
format it needs, and jieba comes without pkg_resources (~0.1 s of start-up for nothing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "plan.docx"
NOTICE = ROOT / "examples" / "notice.txt"

_AFTER_MAIN = """
import io, json, sys, contextlib
from checker.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(json.loads(sys.argv[1]))
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_after(*args: str) -> tuple[int, set[str]]:
    """Run plancheck's main() with these arguments in a fresh interpreter: (exit code, modules loaded)."""
    result = subprocess.run([sys.executable, "-c", _AFTER_MAIN, json.dumps(list(args))], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["code"], set(data["modules"])


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


HEAVY = {"jieba", "docx", "lxml", "opencc", "pypdf"}


def test_help_loads_nothing_heavy():
    code, modules = modules_after("--help")
    assert code == 0
    assert not top_level(modules) & (HEAVY | {"pydantic", "lark", "yaml"}), sorted(top_level(modules) & HEAVY)
    assert not any(m.startswith("checker.") and m not in {"checker.cli", "checker.cli_rules", "checker.errors"}
                   for m in modules), sorted(m for m in modules if m.startswith("checker."))


def test_a_subcommands_help_loads_nothing_heavy():
    code, modules = modules_after("check", "--help")
    assert code == 0
    assert not top_level(modules) & HEAVY


@pytest.mark.parametrize("args", [("rules", "list"), ("rules", "explain", "PC-DLM")])
def test_rules_commands_load_neither_jieba_nor_python_docx(args):
    code, modules = modules_after(*args)
    assert code == 0
    assert not top_level(modules) & HEAVY, sorted(top_level(modules) & HEAVY)
    assert "checker.segmenter" not in modules and "checker.documents.docx_reader" not in modules


def test_a_check_loads_one_report_format_and_no_other_reader():
    code, modules = modules_after(str(PLAN), "--against", str(NOTICE), "--format", "json")
    assert code in (0, 1)
    assert {"jieba", "docx", "checker.report.json_report"} <= modules | top_level(modules)
    others = {"checker.report.html_report", "checker.report.sarif_report", "checker.report.junit_report",
              "checker.report.markdown_report", "checker.report.annotate", "checker.batch",
              "checker.documents.pdf_reader", "checker.documents.html_reader"}
    assert not modules & others, sorted(modules & others)
    assert "pypdf" not in top_level(modules)


def test_jieba_is_loaded_without_pkg_resources():
    code = ("import sys; from checker.segmenter import tokenizer; tokenizer().lcut('整改'); "
            "print('pkg_resources' in sys.modules, 'jieba' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_pkg_resources_stays_importable_after_jieba():
    # the block is lifted once jieba is in: a later `import pkg_resources` (a plugin, a user) works
    pytest.importorskip("pkg_resources")
    code = ("import warnings; warnings.simplefilter('ignore'); from checker.segmenter import tokenizer; tokenizer(); "
            "import pkg_resources; print(pkg_resources.__name__)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "pkg_resources", result.stderr
