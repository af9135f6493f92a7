"""The rule language: errors a rule author can act on, extends/overrides, load-time checks."""

import datetime as dt
from pathlib import Path

import pytest

from checker.dsl.loader import builtin_pack_names, compile_pack, load_pack
from checker.errors import RulePackError
from checker.models import Duration
from checker.timecalc import add_duration, add_months, add_workdays

GOOD = '''pack t "测试"
param 期限 = 2 个月
concept 报告 = "整改情况报告" | "整改报告"
rule T-ONE error "报告"
  basis "依据"
  require plan mentions 报告 within 期限 after feedback
  message "未按时报告：{detail}，期限{limit}"
end
'''


def _error(text: str) -> str:
    with pytest.raises(RulePackError) as info:
        compile_pack(text, "pack.rules")
    return info.value.message


def test_good_pack_compiles():
    pack = compile_pack(GOOD, "pack.rules")
    assert [r.id for r in pack.rules] == ["T-ONE"]
    assert pack.params["期限"].default == Duration(value=2, unit="months")
    assert pack.concepts["报告"].terms == ("整改情况报告", "整改报告")


def test_syntax_error_names_line_column_and_expected_tokens():
    lines = GOOD.splitlines()
    lines[6] = '  message 未加引号'  # line 7
    msg = _error("\n".join(lines))
    assert msg.startswith("pack.rules:7:")
    assert "带引号的文字" in msg and "未加引号" in msg


def test_unknown_field_is_caught_at_load_time():
    text = GOOD.replace("rule T-ONE error", "rule T-TWO error \"x\"\n for each item\n require item has leadr\n message \"m\"\nend\nrule T-ONE error")
    msg = _error(text)
    assert "leadr" in msg and "pack.rules:" in msg


@pytest.mark.parametrize("change, words", [
    (("within 期限", "within 期间"), "期间"),
    (("mentions 报告", "mentions 报表"), "报表"),
    (("{detail}", "{detial}"), "detial"),
    (("require plan", "require item"), "item"),
])
def test_unknown_names_are_load_time_errors(change, words):
    assert words in _error(GOOD.replace(*change))


def test_duplicate_rule_id_is_an_error():
    dup = GOOD + GOOD[GOOD.index("rule"):]
    assert "重复" in _error(dup)


def test_bad_rule_id_and_missing_require():
    assert "规则编号" in _error(GOOD.replace("T-ONE", "tone"))
    assert "require" in _error(GOOD.replace("  require plan mentions 报告 within 期限 after feedback\n", ""))


def test_pack_text_is_never_executed():
    # a pack is data: Python in a string or a name is just text, and unknown names are refused
    text = GOOD.replace('"整改报告"', '"__import__(\'os\').system(\'echo pwned\')"')
    pack = compile_pack(text, "pack.rules")
    assert "__import__('os').system('echo pwned')" in pack.concepts["报告"].terms
    assert "未知的判断“eval”" in _error(GOOD.replace("plan mentions 报告 within 期限 after feedback", "plan is eval"))


def test_builtin_packs_load_and_local_pack_overrides_numbers():
    assert {"xuncha", "local/example-city"} <= set(builtin_pack_names())
    base = load_pack("xuncha")
    city = load_pack("local/example-city")
    assert base.params["报告期限"].default == Duration(value=2, unit="months")
    assert city.params["报告期限"].default == Duration(value=3, unit="months")
    assert city.params["民主生活会期限"].default == Duration(value=20, unit="workdays")
    assert city.params["报告期限"].from_notice == "整改情况报告"  # inherited link to the notice
    assert [r.id for r in city.rules][: len(base.rules)] == [r.id for r in base.rules]
    assert city.rule("LC-REVIEW") is not None


def test_pack_from_a_path_extending_a_builtin(tmp_path: Path):
    f = tmp_path / "mine.rules"
    f.write_text('pack mine "本地"\nextends "xuncha"\nparam 报告期限 = 40 天\n', encoding="utf-8")
    pack = load_pack(str(f))
    assert pack.params["报告期限"].default == Duration(value=40, unit="days")
    assert len(pack.rules) == len(load_pack("xuncha").rules)


def test_extends_cycle_is_reported(tmp_path: Path):
    (tmp_path / "a.rules").write_text('pack a "a"\nextends "b.rules"\n', encoding="utf-8")
    (tmp_path / "b.rules").write_text('pack b "b"\nextends "a.rules"\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="循环"):
        load_pack(str(tmp_path / "a.rules"))


def test_missing_pack_is_a_clear_error():
    with pytest.raises(RulePackError, match="找不到规则包"):
        load_pack("no-such-pack")


def test_working_days_across_national_day_2023():
    # 2023-09-29 is the first day of the Mid-Autumn/National Day holiday; make-up workdays on 10-07 and 10-08
    assert add_workdays(dt.date(2023, 9, 29), 5) == (dt.date(2023, 10, 11), True)
    assert add_workdays(dt.date(2024, 9, 30), 1) == (dt.date(2024, 10, 8), True)


def test_working_days_outside_the_holiday_table_fall_back_to_weekdays():
    day, exact = add_workdays(dt.date(2030, 1, 4), 1)  # a Friday
    assert day == dt.date(2030, 1, 7) and exact is False


def test_month_arithmetic_clamps_to_month_end():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_duration(dt.date(2024, 11, 20), Duration(value=2, unit="months")) == dt.date(2025, 1, 20)
