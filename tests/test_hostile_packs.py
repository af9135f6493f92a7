"""Rule packs from strangers: whatever a pack file holds, loading it ends within 2 s, either in a
loaded pack or in a RulePackError whose message is one line naming the file and the limit hit —
and through the CLI in exit 2 with that line on stderr, never a traceback.

The DSL has no pattern feature: a concept term is a plain substring (checker/mentions.py uses
`term in text`), so a regex-shaped term is only ever matched literally.
"""

from __future__ import annotations

import contextlib
import io
import random
import time
from pathlib import Path

import pytest

from checker.cli import main
from checker.dsl import loader
from checker.dsl.loader import load_pack
from checker.errors import RulePackError
from checker.testing import check_data, fired

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
XUNCHA = (RULES_DIR / "xuncha.rules").read_text(encoding="utf-8")
SECONDS = 2.0
HEAD = 'pack hostile "陌生人的规则包"\nconcept 会 = "民主生活会"\n'


def rule(n: int, condition: str = "plan mentions 会") -> str:
    return f'rule HX-R{n} error "第{n}条"\n  require {condition}\n  message "未写明"\nend\n'


def timed_load(path: Path):
    started = time.perf_counter()
    try:
        return load_pack(str(path)), None, time.perf_counter() - started
    except RulePackError as error:
        return None, error, time.perf_counter() - started


def assert_refused(path: Path, *limit_words: str, named: Path | None = None) -> RulePackError:
    """Refused at load in time, one line naming the file (`named`, when the limit is hit in a pack
    it extends) and the limit; the CLI says the same."""
    pack, error, elapsed = timed_load(path)
    assert error is not None, f"loaded {len(pack.rules)} rules"
    assert elapsed < SECONDS, f"took {elapsed:.2f} s"
    for message in (error.message, error.message_en):
        assert "\n" not in message and len(message) <= loader.MAX_MESSAGE_CHARS + 10, message[:500]
        assert str(named or path) in message, message
    assert all(word in error.message for word in limit_words), error.message
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["rules", "list", "--rules", str(path)])
    assert time.perf_counter() - started < SECONDS
    assert code == 2
    assert err.getvalue().splitlines() == [f"plancheck: {error.message}"]
    return error


def write(tmp_path: Path, text: str, name: str = "hostile.rules", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- size


def test_a_50_mb_pack_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.rules"
    line = 'concept 会议 = "民主生活会" | "组织生活会"\n'.encode()
    with open(path, "wb") as handle:
        handle.write(HEAD.encode())
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size >= 50_000_000
    assert_refused(path, f"{path.stat().st_size} 字节", f"上限 {loader.MAX_PACK_BYTES}")


def test_ten_thousand_rules_are_refused_before_parsing(tmp_path):
    path = write(tmp_path, HEAD + "".join(rule(n) for n in range(10_000)))
    assert path.stat().st_size < loader.MAX_PACK_BYTES  # under the byte limit: the token budget stops it
    assert_refused(path, f"上限{loader.MAX_TOKENS}")


def test_more_rules_than_the_rule_limit_are_refused_at_the_first_one_over(tmp_path):
    path = write(tmp_path, HEAD + "".join(rule(n) for n in range(loader.MAX_RULES + 1)))
    error = assert_refused(path, f"超过{loader.MAX_RULES}条")
    last_line = 2 + 4 * loader.MAX_RULES + 1  # the header, the concept, then four lines a rule
    assert f"{path}:{last_line}:" in error.message


def test_a_pack_at_the_rule_limit_loads(tmp_path):
    pack, error, elapsed = timed_load(write(tmp_path, HEAD + "".join(rule(n) for n in range(loader.MAX_RULES))))
    assert error is None and len(pack.rules) == loader.MAX_RULES and elapsed < SECONDS


def test_a_100k_example_pack_is_refused(tmp_path):
    body = 'rule HX-ONE error "t"\n  require plan mentions 会\n  message "m"\n'
    body += '  example fire "无" plan "无关" end\n' * 100_000 + "end\n"
    assert_refused(write(tmp_path, HEAD + body), f"上限 {loader.MAX_PACK_BYTES}")


def test_examples_under_the_byte_limit_are_stopped_by_the_token_budget(tmp_path):
    body = 'rule HX-ONE error "t"\n  require plan mentions 会\n  message "m"\n' + "  example pass end\n" * 50_000 + "end\n"
    path = write(tmp_path, HEAD + body)
    assert path.stat().st_size < loader.MAX_PACK_BYTES
    assert_refused(path, f"上限{loader.MAX_TOKENS}")


# --------------------------------------------------------------------------- nesting


def test_ten_thousand_parentheses_deep_are_refused(tmp_path):
    condition = "(" * 10_000 + "plan mentions 会" + ")" * 10_000
    assert_refused(write(tmp_path, HEAD + rule(1, condition)), f"超过{loader.MAX_NESTING}层")


def test_ten_thousand_nots_deep_are_refused_not_a_recursion_error(tmp_path):
    # no parentheses to count before parsing: the depth is measured on the parsed condition
    path = write(tmp_path, HEAD + rule(1, "not " * 10_000 + "plan mentions 会"))
    error = assert_refused(path, f"超过{loader.MAX_NESTING}层")
    assert f"{path}:4:" in error.message  # where the condition is


def test_nesting_at_the_limit_loads_and_evaluates(tmp_path):
    depth = loader.MAX_NESTING - 1
    condition = "(" * (depth // 2) + "not " * (depth - depth // 2) + "plan mentions 会" + ")" * (depth // 2)
    pack, error, _ = timed_load(write(tmp_path, HEAD + rule(1, condition)))
    assert error is None
    data = {"notice": {"problems": ["党组会议记录不完整"]}, "paragraphs": ["召开专题民主生活会。"],
            "items": [{"problem": "党组会议记录不完整", "measures": "制定会议记录规范"}]}
    negations = depth - depth // 2  # odd: the condition is false when the plan mentions the meeting
    assert ("HX-R1" in fired(check_data(data, pack_object=pack))) == (negations % 2 == 1)


def test_a_wide_and_chain_is_bounded_by_the_token_budget(tmp_path):
    path = write(tmp_path, HEAD + rule(1, " and ".join(["plan mentions 会"] * 20_000)))
    assert_refused(path, f"上限{loader.MAX_TOKENS}")


# --------------------------------------------------------------------------- long strings and names


def test_a_1_mb_term_is_refused(tmp_path):
    path = write(tmp_path, HEAD + 'concept 长 = "' + "民" * 350_000 + '"\n')  # 1.05 MB in UTF-8
    assert_refused(path, f"上限 {loader.MAX_PACK_BYTES}")


def test_a_term_under_the_byte_limit_is_refused_by_the_term_limit(tmp_path):
    assert_refused(write(tmp_path, HEAD + 'concept 长 = "' + "民" * 300_000 + '"\n'), f"超过{loader.MAX_TERM_CHARS}字")


def test_an_error_naming_a_huge_name_stays_one_short_line(tmp_path):
    name = "名" * 300_000
    error = assert_refused(write(tmp_path, HEAD + f'concept {name} = ""\n'), "含有空词语")
    assert " … " in error.message  # the middle of the echoed name was left out


def test_a_syntax_error_in_a_huge_line_stays_one_short_line(tmp_path):
    assert_refused(write(tmp_path, HEAD + "rule " + "坏" * 300_000 + " oops\n"), "语法错误")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("value, unit, limit", [("99999999999999999999", "个月", "120个月"), ("121", "个月", "120个月"),
                                               ("3661", "天", "3660天"), ("100000", "个工作日", "2600个工作日")])
def test_a_deadline_parameter_beyond_ten_years_is_refused(tmp_path, value, unit, limit):
    # unbounded, these overflowed date arithmetic at check time (OverflowError, "year 10357 is out
    # of range") or walked the working-day calendar for minutes
    text = XUNCHA.replace("param 报告期限 = 2 个月", f"param 报告期限 = {value} {unit}")
    assert text != XUNCHA
    assert_refused(write(tmp_path, text), f"上限 {limit}")


def test_a_number_of_a_million_digits_is_refused_not_a_conversion_error(tmp_path):
    text = XUNCHA.replace("param 报告期限 = 2 个月", "param 报告期限 = " + "9" * 500_000 + " 个月")
    assert_refused(write(tmp_path, text), "上限 120个月")


@pytest.mark.parametrize("line, hostile", [("set 集中整改期 = 6 个月", "set 集中整改期 = 6000 个月"),
                                           ("demand 专题民主生活会 2 个月", "demand 专题民主生活会 20000000 个月")])
def test_example_durations_are_bounded_too(tmp_path, line, hostile):
    text = XUNCHA.replace(line, hostile, 1)
    assert text != XUNCHA
    assert_refused(write(tmp_path, text), "上限 120个月")


def test_a_holiday_table_for_a_huge_year_is_refused(tmp_path):
    assert_refused(write(tmp_path, HEAD + "holidays " + "2" * 5000 + "\nend\n"), "四位数字")


# --------------------------------------------------------------------------- patterns


def test_regex_shaped_terms_match_literally_and_quickly(tmp_path):
    pack_text = HEAD + 'concept 模式 = "(a+)+$" | ".*" | "[^x]*" | "\\\\d+"\n' + rule(1, "plan mentions 模式")
    pack, error, _ = timed_load(write(tmp_path, pack_text))
    assert error is None and pack.concepts["模式"].terms == ("(a+)+$", ".*", "[^x]*", "\\d+")
    hostile_text = "a" * 5_000 + "!"  # (a+)+$ as a regex would backtrack on this for ages
    data = {"notice": {"problems": ["党组会议记录不完整"]}, "paragraphs": [hostile_text, "整改123项"],
            "items": [{"problem": "党组会议记录不完整", "measures": hostile_text}]}
    started = time.perf_counter()
    result = check_data(data, pack_object=pack)
    assert time.perf_counter() - started < SECONDS
    assert "HX-R1" in fired(result)  # nothing in the plan contains any term literally
    data["paragraphs"].append("方案写明 (a+)+$ 原文")
    assert "HX-R1" not in fired(check_data(data, pack_object=pack))


# --------------------------------------------------------------------------- encodings and garbage


def test_binary_garbage_is_refused_as_not_text(tmp_path):
    path = tmp_path / "garbage.rules"
    path.write_bytes(random.Random(7).randbytes(200_000))
    assert_refused(path, "UTF-8")


def test_utf8_garbage_with_control_characters_gives_a_printable_syntax_error(tmp_path):
    error = assert_refused(write(tmp_path, "\x00\x1b[2J\x07rule\x00" * 100), "语法错误")
    assert "\x00" not in error.message and "\x1b" not in error.message


def test_a_gb18030_pack_is_refused_saying_which_encoding_it_is(tmp_path):
    assert_refused(write(tmp_path, XUNCHA, encoding="gb18030"), "UTF-8", "GB18030")


def test_a_utf16_pack_is_refused_saying_which_encoding_it_is(tmp_path):
    assert_refused(write(tmp_path, XUNCHA, encoding="utf-16"), "UTF-8", "UTF-16")


def test_a_pack_with_a_utf8_bom_loads_like_one_without(tmp_path):
    with_bom, error, _ = timed_load(write(tmp_path, "\ufeff" + XUNCHA))
    assert error is None
    assert [r.id for r in with_bom.rules] == [r.id for r in load_pack("xuncha").rules]


# --------------------------------------------------------------------------- extends


def test_a_pack_extending_itself_is_refused(tmp_path):
    path = write(tmp_path, 'pack self "自己"\nextends "self.rules"\n' + rule(1), name="self.rules")
    assert_refused(path, "循环")


def test_two_packs_extending_each_other_are_refused(tmp_path):
    write(tmp_path, 'pack b "乙"\nextends "a.rules"\n', name="b.rules")
    path = write(tmp_path, 'pack a "甲"\nextends "b.rules"\n', name="a.rules")
    assert_refused(path, "循环")


def test_a_long_extends_chain_is_refused_at_the_depth_limit(tmp_path):
    for n in range(20):
        write(tmp_path, f'pack p{n} "p"\nextends "p{n + 1}.rules"\n', name=f"p{n}.rules")
    write(tmp_path, HEAD, name="p20.rules")
    # named: the pack that would have been one level too deep
    assert_refused(tmp_path / "p0.rules", f"超过{loader.MAX_EXTENDS_DEPTH}层", named=tmp_path / "p8.rules")


def test_extending_a_huge_pack_is_refused_naming_that_pack(tmp_path):
    huge = tmp_path / "huge.rules"
    with open(huge, "wb") as handle:
        handle.write(b"# " + b"x" * (loader.MAX_PACK_BYTES + 10) + b"\n")
    path = write(tmp_path, 'pack small "小"\nextends "huge.rules"\n', name="small.rules")
    pack, error, elapsed = timed_load(path)
    assert error is not None and str(huge) in error.message and elapsed < SECONDS


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_extends_pointing_at_an_endless_device_is_refused(tmp_path, target):
    if not Path(target).exists():
        pytest.skip(f"no {target}")
    path = write(tmp_path, f'pack dev "设备"\nextends "{target}"\n')
    pack, error, elapsed = timed_load(path)
    assert error is not None and elapsed < SECONDS, error
