"""checker.timeexpr: durations and dates as notices and plans write them."""

from __future__ import annotations

import re

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.models import Duration
from checker.timeexpr import chinese_number, find_time_mentions, parse_duration


@pytest.mark.parametrize(
    ("text", "value"),
    [("5", 5), ("十", 10), ("十五", 15), ("二十", 20), ("二十一", 21), ("九十九", 99), ("两", 2),
     ("一百二十", 120), ("二〇二四", 2024), ("１５", 15), ("", None), ("半", None)],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2个月内", Duration(value=2, unit="months")),
        ("两个月内", Duration(value=2, unit="months")),
        ("反馈后三个月内取得明显成效", Duration(value=3, unit="months")),
        ("15日内", Duration(value=15, unit="days")),
        ("15天内", Duration(value=15, unit="days")),
        ("十五日内", Duration(value=15, unit="days")),
        ("二十日以内", Duration(value=20, unit="days")),
        ("5个工作日内", Duration(value=5, unit="workdays")),
        ("15 个 工作日内", Duration(value=15, unit="workdays")),
        ("半年内", Duration(value=6, unit="months")),
        ("一个月", Duration(value=1, unit="months")),
        ("一年内", Duration(value=12, unit="months")),
        ("3周内", Duration(value=21, unit="days")),
        ("一个半月内", Duration(value=45, unit="days")),
        ("半个月内", Duration(value=15, unit="days")),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    ["*个月内", "**日内", "2024年8月15日", "8月15日内完成", "上半年", "立行立改", "长期坚持", "年内", "15日",
     "99999个月内", "9999年内", "121个月内"],  # longer than any deadline (MAX_DURATION): noise, not a demand
)
def test_no_duration(text):
    assert parse_duration(text) is None


def _dates(text, ref=None):
    return [(m.text, m.date) for m in find_time_mentions(text, ref) if m.kind == "date"]


REF = date(2024, 6, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("于2024年8月15日前完成", ("2024年8月15日", date(2024, 8, 15))),
        ("2024年8月完成", ("2024年8月", date(2024, 8, 31))),
        ("2024年2月底前", ("2024年2月底", date(2024, 2, 29))),  # leap year
        ("2024年8月中旬召开专题民主生活会", ("2024年8月中旬", date(2024, 8, 20))),
        ("2024年8月上旬", ("2024年8月上旬", date(2024, 8, 10))),
        ("2024年8月下旬", ("2024年8月下旬", date(2024, 8, 31))),
        ("8月底前完成", ("8月底", date(2024, 8, 31))),
        ("8月中旬", ("8月中旬", date(2024, 8, 20))),
        ("8月上旬", ("8月上旬", date(2024, 8, 10))),
        ("10月31日前", ("10月31日", date(2024, 10, 31))),
        ("十二月底前", ("十二月底", date(2024, 12, 31))),
        ("完成时限：2024.8.15", ("2024.8.15", date(2024, 8, 15))),
        ("2024-08-15", ("2024-08-15", date(2024, 8, 15))),
        ("2024/9/30", ("2024/9/30", date(2024, 9, 30))),
        ("2024.12", ("2024.12", date(2024, 12, 31))),
        ("年底前完成", ("年底", date(2024, 12, 31))),
        ("年内完成", ("年内", date(2024, 12, 31))),
        ("2025年底前", ("2025年底", date(2025, 12, 31))),
        ("2024年第三季度", ("2024年第三季度", date(2024, 9, 30))),
        ("明年3月底前", ("明年3月底", date(2025, 3, 31))),
        ("二〇二四年八月十五日", ("二〇二四年八月十五日", date(2024, 8, 15))),
        ("２０２４年８月１５日", ("２０２４年８月１５日", date(2024, 8, 15))),
        ("2024 年 8 月 15 日", ("2024 年 8 月 15 日", date(2024, 8, 15))),
    ],
)
def test_dates(text, expected):
    assert _dates(text, REF) == [expected]


def test_month_before_ref_month_is_next_year():
    assert _dates("1月底前完成", date(2024, 11, 20)) == [("1月底", date(2025, 1, 31))]
    assert _dates("11月30日前", date(2024, 11, 20)) == [("11月30日", date(2024, 11, 30))]
    assert _dates("12月上旬", date(2024, 11, 20)) == [("12月上旬", date(2024, 12, 10))]


def test_dates_without_reference_keep_their_text_but_no_year():
    mentions = find_time_mentions("8月底前完成，年底前销号")
    assert [(m.text, m.date) for m in mentions] == [("8月底", None), ("年底", None)]


def test_impossible_dates_are_not_mentions():
    assert _dates("2023年2月30日", REF) == []


def test_durations_with_anchor_and_placeholders():
    mentions = find_time_mentions("反馈后2个月内报送；巡察反馈之后*个月内召开；15个工作日内制定", REF)
    assert [(m.kind, m.text, m.duration, m.anchor) for m in mentions] == [
        ("duration", "反馈后2个月内", Duration(value=2, unit="months"), "反馈"),
        ("duration", "巡察反馈之后*个月内", None, "巡察反馈"),
        ("duration", "15个工作日内", Duration(value=15, unit="workdays"), None),
    ]


def test_mixed_sentence_in_text_order_without_overlaps():
    text = "专题民主生活会于2024年8月中旬召开，反馈后2个月内报送整改情况报告，2024年12月底前完成集中整改"
    mentions = find_time_mentions(text, REF)
    assert [m.kind for m in mentions] == ["date", "duration", "date"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert mentions[2].date == date(2024, 12, 31)


def test_inspection_period_gives_two_dates():
    assert _dates("2023年3月13日至2023年5月3日") == [
        ("2023年3月13日", date(2023, 3, 13)), ("2023年5月3日", date(2023, 5, 3))]


def test_a_year_alone_or_a_count_is_not_a_date():
    assert _dates("2024年工作要点，共有3个问题，第6项", REF) == []


@given(st.text(alphabet="0123456789年月日底前内个工作天半一二三四五六七八九十两*.-/ 反馈后上中下旬", max_size=40))
def test_never_raises_and_spans_are_exact(text):
    for mention in find_time_mentions(text, REF):
        assert text[mention.start : mention.end] == mention.text
        if mention.kind == "date":
            assert mention.duration is None
        else:
            assert mention.date is None
            if mention.duration is None:  # a "*" placeholder, a zero count or an era has no duration
                assert ("*" in mention.text or "0" in mention.text or "年" in mention.text
                        or len(re.sub(r"\D", "", mention.text)) >= 3)
            else:
                assert mention.duration.value > 0
    parse_duration(text)
