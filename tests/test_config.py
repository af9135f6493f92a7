"""Configuration: plancheck.toml or [tool.plancheck] found upward from the plan; what it sets
(pack, params, severity, disabled rules, dictionary, format, fail-on, lang, waivers); exact
one-line errors; the command line winning over it; `plancheck init`; a fast `--help`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from checker.check import load_packs
from checker.cli import main
from checker.config import Config, Dictionary, apply_dictionary, find_config, load_config, parse_config, resolve, starter_config
from checker.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def workspace(tmp_path):
    """A round folder with the 教育局 plan (3 errors: CV-PROBLEM ×2, IT-LEADER) and its notice."""
    unit = tmp_path / "第十轮" / "教育局"
    unit.mkdir(parents=True)
    shutil.copy(FIXTURES / "plans/jiaoyu-gaps.docx", unit / "整改方案.docx")
    shutil.copy(FIXTURES / "notices/jiaoyu-letter.txt", unit / "反馈意见.txt")
    return unit


# --------------------------------------------------------------------------- finding


def test_found_upward_nearest_first(tmp_path):
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    plan = deep / "方案.docx"
    assert find_config(plan) is None or not str(find_config(plan)).startswith(str(tmp_path))
    (tmp_path / "a" / "plancheck.toml").write_text('format = "json"\n', encoding="utf-8")
    assert find_config(plan) == tmp_path / "a" / "plancheck.toml"
    (tmp_path / "a" / "b" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(plan) == tmp_path / "a" / "plancheck.toml"  # no [tool.plancheck]: passed over
    (tmp_path / "a" / "b" / "pyproject.toml").write_text('[tool.plancheck]\nlang = "en"\n', encoding="utf-8")
    assert find_config(plan) == tmp_path / "a" / "b" / "pyproject.toml"
    assert load_config(find_config(plan)).lang == "en"


def test_everything_a_config_can_say(tmp_path):
    (tmp_path / "本市.rules").write_text("", encoding="utf-8")
    config = parse_config(tomllib.loads('''
rules = ["xuncha", "本市.rules"]
format = "sarif"
fail-on = "warning"
lang = "en"
disable = ["pc-immediate"]
waiver-files = ["豁免.toml"]
[params]
"报告期限" = "3个月"
[severity]
IT-STANDARD = "info"
[dictionary]
terms = ["医共体"]
stopwords = ["抓手"]
[dictionary.synonyms]
"医疗卫生共同体" = ["医共体", "县域医共体"]
[[waivers]]
rule = "cv-problem"
problem = "违规发放津贴补贴"
reason = "已移交县纪委监委"
'''), tmp_path / "plancheck.toml")
    assert config.rules == ["xuncha", str((tmp_path / "本市.rules").resolve())]
    assert (config.format, config.fail_on, config.lang) == ("sarif", "warning", "en")
    assert config.disable == ["PC-IMMEDIATE"] and config.severity == {"IT-STANDARD": "info"}
    assert config.params == {"报告期限": "3个月"}
    assert config.waiver_files == [str(tmp_path / "豁免.toml")]
    assert config.dictionary.synonyms == {"医疗卫生共同体": ["医共体", "县域医共体"]}
    assert config.waivers[0].rule == "CV-PROBLEM" and config.waivers[0].source == str(tmp_path / "plancheck.toml")


@pytest.mark.parametrize("text,expected", [
    ('formt = "json"', "formt"),  # a typo is an error, never silently ignored
    ('format = "pdf"', "format"),
    ('fail-on = "sometimes"', "fail-on"),
    ("disable = \"PC-DLM\"", "disable"),
    ('[severity]\nIT-LEADER = "fatal"', "severity.IT-LEADER"),
    ('[dictionary]\nwords = ["x"]', "dictionary.words"),
    ('[[waivers]]\nrule = "CV-PROBLEM"\nproblem = "x"', "reason"),
    ('[[waivers]]\nrule = "CV-PROBLEM"\nreason = "  "', "reason"),
    ("format = ", "TOML"),
])
def test_a_wrong_setting_is_one_line_naming_file_and_key(capsys, workspace, text, expected):
    (workspace / "plancheck.toml").write_text(text + "\n", encoding="utf-8")
    code, out, err = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "plancheck.toml" in lines[0] and expected in lines[0], err


def test_unknown_rule_ids_in_severity_or_disable_are_errors(capsys, workspace):
    (workspace / "plancheck.toml").write_text('[severity]\nIT-LEADR = "warning"\n', encoding="utf-8")
    code, _, err = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt")
    assert code == 2 and "IT-LEADR" in err
    code, _, err = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt", "--no-config",
                        "--disable", "PC-NOPE")
    assert code == 2 and "PC-NOPE" in err


# --------------------------------------------------------------------------- what it changes


def test_config_settings_apply_and_the_command_line_wins(capsys, workspace):
    plan, notice = workspace / "整改方案.docx", workspace / "反馈意见.txt"
    (workspace.parent / "plancheck.toml").write_text(
        'format = "json"\ndisable = ["CV-PROBLEM"]\n[severity]\nIT-LEADER = "warning"\n[params]\n"报告期限" = "3个月"\n',
        encoding="utf-8")
    code, out, err = _run(capsys, plan, "--against", notice)
    report = json.loads(out)  # format from the config
    assert code == 0, err  # CV-PROBLEM off, IT-LEADER only a warning
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("IT-LEADER", "warning")]
    assert report["rules"]["params"]["报告期限"] == {"value": 3, "unit": "months", "source": "option"}
    assert any("plancheck.toml" in n for n in report["notes"])
    code, out, _ = _run(capsys, plan, "--against", notice, "--format", "text", "--fail-on", "warning",
                        "--set", "报告期限=4个月")
    assert code == 1 and out.startswith("plancheck 整改方案审核报告") and "报告期限 = 4个月" in out
    code, out, _ = _run(capsys, plan, "--against", notice, "--no-config", "--format", "json")
    assert code == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {"CV-PROBLEM", "IT-LEADER"}


def test_explicit_config_file_and_missing_one(capsys, workspace, tmp_path):
    elsewhere = tmp_path / "审核" / "设置.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text('lang = "en"\nfail-on = "never"\n', encoding="utf-8")
    code, out, _ = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt", "--config", elsewhere)
    assert code == 0 and out.startswith("plancheck review of the rectification plan")
    code, _, err = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt",
                        "--config", tmp_path / "none.toml")
    assert code == 2 and "none.toml" in err


def test_rule_packs_named_in_the_config_are_relative_to_it(capsys, workspace):
    (workspace.parent / "本市.rules").write_text(
        'pack benshi "本市规则" version "1.0"\nextends "xuncha"\nparam 报告期限 = 45 天\n', encoding="utf-8")
    (workspace.parent / "plancheck.toml").write_text('rules = ["本市.rules"]\nformat = "json"\n', encoding="utf-8")
    code, out, err = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt")
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["rules"]["packs"][-1].endswith("本市.rules")


def test_dictionary_is_handed_to_the_matcher_once(monkeypatch):
    calls = []
    import checker.textterms

    monkeypatch.setattr(checker.textterms, "extend_vocabulary", lambda **kw: calls.append(kw))
    words = Dictionary(terms=["医共体"], synonyms={"医疗卫生共同体": ["医共体"]}, stopwords=["抓手"])
    apply_dictionary(words)
    apply_dictionary(Dictionary(terms=["医共体"], synonyms={"医疗卫生共同体": ["医共体"]}, stopwords=["抓手"]))
    apply_dictionary(Dictionary())
    assert calls == [{"terms": ["医共体"], "synonyms": {"医疗卫生共同体": ["医共体"]}, "stopwords": ["抓手"]}]


def test_resolve_merges_config_and_options(tmp_path):
    config = Config(path="c.toml", rules=["a"], params={"x": "1天", "y": "2天"}, disable=["IT-VAGUE"], format="html")
    settings = resolve(config, rules=None, sets={"y": "3天"}, disable=["it-duplicate"], fail_on="warning")
    assert settings.packs == ["a"] and settings.overrides == {"x": "1天", "y": "3天"}
    assert settings.disabled == {"IT-VAGUE", "IT-DUPLICATE"} and settings.format == "html"
    assert settings.fail_on == "warning" and settings.lang == "zh"
    assert resolve(config, rules=["b"], format="text").packs == ["b"]


# --------------------------------------------------------------------------- plancheck init


def test_init_writes_a_commented_starter_and_refuses_to_overwrite(capsys, tmp_path):
    code, out, err = _run(capsys, "init", tmp_path)
    target = tmp_path / "plancheck.toml"
    assert code == 0 and target.exists() and str(target) in out
    text = target.read_text(encoding="utf-8")
    config = load_config(target)  # valid as written, and changes nothing until a line is uncommented
    assert config == Config(path=str(target))
    pack = load_packs(None)
    for name in pack.params:
        assert f'# "{name}" = ' in text
    for rule in pack.rules:
        assert rule.id in text
    code, _, err = _run(capsys, "init", tmp_path)
    assert code == 2 and "已存在" in err and target.read_text(encoding="utf-8") == text


def test_every_example_in_the_starter_is_a_valid_setting(tmp_path):
    """Uncommenting the example lines gives a config that loads: the template does not lie."""
    text = starter_config(load_packs(None))
    setting = re.compile(r'^# ((?:rules|format|fail-on|lang|disable|waiver-files|terms|stopwords|rule|problem|reason|by|date)'
                         r' = .*|"[^"]+" = \[.*\]|\[\[waivers\]\]|IT-STANDARD = .*|"[^"]+" = "\d+[^"]*")$')
    lines = []
    for line in text.splitlines():
        m = setting.match(line.split("    #")[0].rstrip()) if line.startswith("# ") else None
        lines.append(m.group(1) if m else line)
    uncommented = "\n".join(lines)
    config = parse_config(tomllib.loads(uncommented), tmp_path / "plancheck.toml")
    assert config.format == "text" and config.rules == ["xuncha"] and config.waivers[0].rule == "CV-PROBLEM"
    assert config.severity == {"IT-STANDARD": "info"} and set(config.params) == set(load_packs(None).params)
    assert config.dictionary.synonyms


# --------------------------------------------------------------------------- --help stays fast


def test_help_imports_no_heavy_module():
    code = ("import sys; from checker.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('docx', 'jieba', 'lark', 'lxml', 'pydantic')"
            " or m.startswith(('checker.report', 'checker.batch', 'checker.config', 'checker.check'))]\n"
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert out.strip().splitlines()[-1] == "[]", out


def test_errors_in_the_waiver_file_option(capsys, workspace, tmp_path):
    bad = tmp_path / "豁免.toml"
    bad.write_text('[[waivers]]\nrule = "CV-PROBLEM"\n', encoding="utf-8")
    code, _, err = _run(capsys, workspace / "整改方案.docx", "--against", workspace / "反馈意见.txt", "--waivers", bad)
    assert code == 2 and "豁免.toml" in err and "reason" in err
    with pytest.raises(UsageError):
        load_config(tmp_path / "missing.toml")
