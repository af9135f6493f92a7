"""Rule packs as a 巡察办 uses them: examples (`rules test`), local numbers, holiday tables,
the formatter's round trip, and a loader that never crashes on garbage."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import main
from checker.dsl.ast import And, Concept, Example, HolidayTable, Is, Mentions, Not, Or, Param, Rule
from checker.dsl.loader import compile_pack, load_pack, parse_statements
from checker.dsl.printer import format_statements
from checker.errors import RulePackError
from checker.models import Duration
from checker.testing import check_data, fired
from checker.timecalc import WorkCalendar

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def test_rules_test_passes_for_every_shipped_pack(capsys):
    assert main(["rules", "test"]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out and "xuncha" in out and "xunshi" in out and "example-city" in out


def test_rules_test_fails_naming_the_rule_when_an_example_is_broken(tmp_path, capsys):
    text = (RULES_DIR / "xuncha.rules").read_text(encoding="utf-8")
    broken = text.replace('plan "能够立即解决的问题立行立改。"', 'plan "需要时间解决的问题集中整改。"')
    assert broken != text
    pack = tmp_path / "broken.rules"
    pack.write_text(broken, encoding="utf-8")
    assert main(["rules", "test", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "FAIL PC-IMMEDIATE pass" in out and "1 failed" in out


def test_a_rule_without_examples_fails_rules_test(tmp_path, capsys):
    pack = tmp_path / "bare.rules"
    pack.write_text('pack bare "x"\nconcept 会 = "民主生活会"\nrule X-ONE error "t"\n  require plan mentions 会\n  message "m"\nend\n',
                    encoding="utf-8")
    assert main(["rules", "test", str(pack)]) == 1
    assert "缺少 fire 示例" in capsys.readouterr().out


def test_rules_list_and_explain(capsys):
    assert main(["rules", "list", "--rules", "local/example-city"]) == 0
    out = capsys.readouterr().out
    assert "LC-REVIEW" in out and "PC-DLM" in out
    assert main(["rules", "explain", "pc-dlm"]) == 0
    out = capsys.readouterr().out
    assert "依据" in out and "example fire" in out and "within 民主生活会期限 after feedback" in out


# --------------------------------------------------------------------------- local numbers

NATIONAL_DAY_PLAN = {
    "feedback_date": "2023-09-15",
    "notice": {"problems": ["党组会议记录不完整"]},
    "paragraphs": ["2023年10月18日召开巡察整改专题民主生活会。"],
    "items": [{"problem": "党组会议记录不完整", "measures": "制定《党组会议记录规范》", "leader": "李红",
               "department": "办公室", "deadline": "2023年12月10日前", "standard": "规范印发"}],
}


def _timing_findings(pack: str) -> dict[str, str]:
    result = check_data(NATIONAL_DAY_PLAN, packs=[pack])
    return {f.rule: f.message for f in result.findings if f.rule in {"PC-DLM", "IT-DEADLINE-RANGE"}}


def test_city_pack_and_default_give_different_correct_deadline_findings():
    default = _timing_findings("xuncha")
    city = _timing_findings("local/example-city")
    # default: meeting within 1 month (by 2023-10-15) → 10-18 is late; window 3 months → 12-10 fine
    assert set(default) == {"PC-DLM"} and "2023-10-15" in default["PC-DLM"]
    # city: 20 working days after 2023-09-15 across the National Day holiday (09-29..10-06 off,
    # 10-07 and 10-08 make-up workdays) is 2023-10-19 → 10-18 is in time; window 2 months → 12-10 late
    assert set(city) == {"IT-DEADLINE-RANGE"} and "2023-11-15" in city["IT-DEADLINE-RANGE"]


def test_the_finding_says_which_limit_applied():
    data = dict(NATIONAL_DAY_PLAN, paragraphs=["2023年12月20日召开巡察整改专题民主生活会。"])
    data["notice"] = {"problems": ["党组会议记录不完整"],
                      "demands": [{"concept": "专题民主生活会", "text": "反馈后2个月内召开专题民主生活会",
                                   "within": {"value": 2, "unit": "months"}}]}
    message = {f.rule: f.message for f in check_data(data).findings}["PC-DLM"]
    assert "2个月（反馈意见要求）" in message
    message = {f.rule: f.message for f in check_data(data, overrides={"民主生活会期限": "3个月"}).findings}["PC-DLM"]
    assert "3个月（配置/命令行指定）" in message  # 09-15 + 3 months = 12-15, still before 12-20


def test_option_beats_notice_beats_pack():
    data = dict(NATIONAL_DAY_PLAN, paragraphs=["2023年12月10日召开巡察整改专题民主生活会。"])
    data["notice"] = {"problems": ["党组会议记录不完整"],
                      "demands": [{"concept": "专题民主生活会", "text": "反馈后2个月内召开",
                                   "within": {"value": 2, "unit": "months"}}]}
    assert "PC-DLM" in fired(check_data(data))  # notice: by 11-15
    assert "PC-DLM" not in fired(check_data(data, overrides={"民主生活会期限": "3个月"}))  # option: by 12-15


def test_holiday_table_from_a_pack_and_the_weekday_fallback(tmp_path):
    table = HolidayTable(2027, off=(("2027-10-01", "2027-10-07"),), work=(("2027-10-09", "2027-10-09"),))
    cal = WorkCalendar([table])
    assert cal.add_workdays(dt.date(2027, 9, 30), 1) == (dt.date(2027, 10, 8), True)
    assert cal.add_workdays(dt.date(2027, 10, 8), 1) == (dt.date(2027, 10, 9), True)  # make-up Saturday
    guess = WorkCalendar()
    assert guess.add_workdays(dt.date(2027, 9, 30), 1) == (dt.date(2027, 10, 1), False)
    assert 2027 in guess.guessed_years

    pack = tmp_path / "y2027.rules"
    pack.write_text('pack y2027 "2027"\nextends "xuncha"\nparam 民主生活会期限 = 5 个工作日\n'
                    "holidays 2027\n  off 2027-10-01 .. 2027-10-07\n  work 2027-10-09\nend\n", encoding="utf-8")
    data = {"feedback_date": "2027-09-28", "notice": {"problems": ["党组会议记录不完整"]},
            "paragraphs": ["2027年10月11日召开巡察整改专题民主生活会。"], "items": []}
    with_table = check_data(data, packs=[str(pack)])
    assert "PC-DLM" not in fired(with_table)  # 09-29, 09-30, 10-08, 10-09, 10-11 → in time
    assert not any("2027年" in n for n in with_table.notes)
    without = check_data(data, overrides={"民主生活会期限": "5个工作日"})
    assert "PC-DLM" in fired(without)  # Monday–Friday assumed: limit 10-05
    assert any("2027年的法定节假日和调休未知" in n for n in without.notes)


@pytest.mark.parametrize("bad, words", [
    ("holidays 2027\n  off 2026-10-01\nend\n", "其他年份"),
    ("holidays 2027\n  off 2027-02-30\nend\n", "不存在"),
    ("holidays 2027\n  off 2027-10-07 .. 2027-10-01\nend\n", "颠倒"),
])
def test_bad_holiday_tables_are_load_errors(bad, words):
    with pytest.raises(RulePackError, match=words):
        compile_pack('pack h "h"\n' + bad, "h.rules")


# --------------------------------------------------------------------------- formatter round trip


@pytest.mark.parametrize("name", ["xuncha.rules", "xunshi.rules", "local/example-city.rules"])
def test_shipped_packs_are_formatted(name):
    assert main(["rules", "fmt", "--check", str(RULES_DIR / name)]) == 0


def _strip(statements):
    return [(kind, obj) for kind, obj, _ in statements]


names = st.sampled_from(["问题清单", "报告", "期限", "会", "口号", "动作", "a_b", "x-1"])
words = st.text(alphabet=st.sampled_from(list('整改问题"\\清单报告民主生活会 ab#（）')), min_size=1, max_size=12).filter(str.strip)
durations = st.builds(Duration, value=st.integers(0, 99), unit=st.sampled_from(["days", "workdays", "months"]))
atoms = st.one_of(
    st.builds(Mentions, subject=st.just("plan"), concepts=st.lists(names, min_size=1, max_size=3).map(tuple),
              require_all=st.booleans(), with_concept=st.none() | names, within_param=st.none() | names),
    st.builds(Is, subject=st.just("plan"), predicate=names, args=st.lists(names, max_size=2).map(tuple)),
)
exprs = st.recursive(atoms, lambda inner: st.one_of(
    st.builds(Not, inner),
    st.builds(And, st.lists(inner, min_size=2, max_size=3).map(tuple)),
    st.builds(Or, st.lists(inner, min_size=2, max_size=3).map(tuple)),
), max_leaves=6)
examples = st.builds(Example, kind=st.sampled_from(["fire", "pass"]), title=st.just("") | words, lines=st.lists(st.one_of(
    st.tuples(st.sampled_from(["plan", "problem", "suggestion", "notice"]), words),
    st.tuples(st.just("set"), st.tuples(names, durations)),
    st.tuples(st.just("item"), st.lists(st.tuples(st.sampled_from(["problem", "leader"]), words), max_size=2).map(tuple)),
), max_size=3).map(tuple))
rules = st.builds(Rule, id=st.sampled_from(["PC-A", "IT-B2", "X-Y-Z"]), severity=st.sampled_from(["error", "warning", "info"]),
                  title=words, require=exprs, scope=st.just("plan"), when=st.none() | exprs, basis=st.just("") | words,
                  message=words, message_en=st.just("") | words, examples=st.lists(examples, max_size=2).map(tuple))
statements = st.lists(st.one_of(
    st.tuples(st.just("param"), st.builds(Param, name=names, default=durations, description=st.just("") | words,
                                         from_notice=st.none() | names)),
    st.tuples(st.just("concept"), st.builds(Concept, name=names, terms=st.lists(words, min_size=1, max_size=3).map(tuple))),
    st.tuples(st.just("extends"), words),
    st.tuples(st.just("rule"), rules),
), max_size=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statements)
def test_print_then_parse_gives_the_same_statements(stmts):
    text = format_statements([(k, o, None) for k, o in stmts])
    assert _strip(parse_statements(text, "gen.rules")) == stmts
    assert format_statements(parse_statements(text, "gen.rules")) == text


VOCAB = ["pack", "rule", "end", "param", "concept", "require", "when", "message", "basis", "for", "each", "item",
         "plan", "notice", "mentions", "has", "is", "and", "or", "not", "(", ")", "=", "|", ",", "error", "warning",
         '"文字"', "X-ONE", "名称", "2", "个月", "within", "after", "feedback", "example", "fire", "pass", "{", "}",
         "holidays", "off", "2027-01-01", "..", "#注释\n", "\n", '"未闭合', "extends", "all", "of", "set"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=40))
def test_token_soup_never_crashes_the_loader(tokens):
    try:
        compile_pack(" ".join(tokens), "soup.rules")
    except RulePackError:
        pass


def test_hostile_packs_are_bounded():
    with pytest.raises(RulePackError, match="嵌套"):
        compile_pack('pack p "p"\nconcept c = "x"\nrule A-B error "t"\n require ' + "(" * 60 + "plan mentions c"
                     + ")" * 60 + '\n message "m"\nend\n', "deep.rules")
    with pytest.raises(RulePackError, match="超过200字"):
        compile_pack('pack p "p"\nconcept c = "' + "长" * 300 + '"\n', "long.rules")


def test_loading_the_default_pack_reads_every_rule_of_the_catalogue():
    ids = {r.id for r in load_pack("xuncha").rules}
    catalogue = {"CV-PROBLEM", "CV-SUGGESTION", "CV-PREVIOUS", "PC-LIST-PROBLEM", "PC-LIST-TASK", "PC-LIST-RESP",
                 "PC-DLM", "PC-REPORT", "PC-DISCLOSE", "PC-LEAD", "PC-DUAL", "PC-LONGTERM", "PC-IMMEDIATE",
                 "IT-MEASURE", "IT-LEADER", "IT-DEPT", "IT-DEADLINE", "IT-DEADLINE-RANGE", "IT-STANDARD",
                 "IT-VAGUE", "IT-DUPLICATE"}
    assert catalogue <= ids
