"""parse_deadline: the 整改时限 wording → Deadline(text, date = last day allowed, kind)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.deadlines import normalise_deadline_text, parse_deadline

FEEDBACK = dt.date(2023, 6, 9)
D = dt.date


@pytest.mark.parametrize(
    "text, kind, date",
    [
        ("立行立改", "immediate", None),
        ("即知即改", "immediate", None),
        ("立说立改", "immediate", None),
        ("立即整改", "immediate", None),
        ("立行立改并长期坚持", "immediate", None),
        ("长期坚持", "long_term", None),
        ("持续推进", "long_term", None),
        ("常态化推进", "long_term", None),
        ("长期", "long_term", None),
        ("長期堅持", "long_term", None),  # Traditional, as a raw cell may read
        ("2024年12月底前", "date", D(2024, 12, 31)),
        ("2024年12月31日前", "date", D(2024, 12, 31)),
        ("2024年12月", "date", D(2024, 12, 31)),
        ("2024年2月", "date", D(2024, 2, 29)),
        ("2024.12.31", "date", D(2024, 12, 31)),
        ("2024-12-31", "date", D(2024, 12, 31)),
        ("2024/9/5", "date", D(2024, 9, 5)),
        ("２０２４年９月底前", "date", D(2024, 9, 30)),  # full-width digits
        ("二〇二三年十二月底前", "date", D(2023, 12, 31)),
        ("2O23年l1月底前", "date", D(2023, 11, 30)),  # OCR: letter O for zero, l for one
        ("12月31日前", "date", D(2023, 12, 31)),
        ("12月底前", "date", D(2023, 12, 31)),
        ("十二月底前", "date", D(2023, 12, 31)),
        ("6月底前", "date", D(2023, 6, 30)),  # on or after the feedback date: this year
        ("5月底前", "date", D(2024, 5, 31)),  # already past this year: next year
        ("年底前", "date", D(2023, 12, 31)),
        ("2024年第三季度", "date", D(2024, 9, 30)),
        ("三季度末", "date", D(2023, 9, 30)),
        ("第一季度", "date", D(2024, 3, 31)),
        ("9月中旬", "date", D(2023, 9, 20)),
        ("9月上旬", "date", D(2023, 9, 10)),
        ("9月下旬", "date", D(2023, 9, 30)),
        ("2023年上半年", "date", D(2023, 6, 30)),
        ("2023年底", "date", D(2023, 12, 31)),
        ("明年6月底前", "date", D(2024, 6, 30)),
        ("2024年12月底前完成，长期坚持", "date", D(2024, 12, 31)),
        ("立行立改，2023年8月底前全部完成", "date", D(2023, 8, 31)),
        ("2023年9月底前初见成效，12月底前全面完成", "date", D(2023, 12, 31)),
        ("2023年11月至2024年3月", "date", D(2024, 3, 31)),
        ("2023年11月至3月", "date", D(2024, 3, 31)),  # the year runs on past December
        ("3个月内", "date", D(2023, 9, 9)),
        ("反馈后两个月内", "date", D(2023, 8, 9)),
        ("半年内", "date", D(2023, 12, 9)),
        ("每季度报告一次", "long_term", None),
        ("自2023年7月起长期坚持", "long_term", None),  # a start date is not a deadline
        ("2023年2月30日前", "unknown", None),  # no such day
        ("按要求完成", "unknown", None),
        ("尽快", "unknown", None),
    ],
)
def test_wordings(text, kind, date):
    deadline = parse_deadline(text, FEEDBACK)
    assert (deadline.kind, deadline.date) == (kind, date)
    assert deadline.text == text


def test_a_year_less_date_without_feedback_date_is_a_date_of_unknown_day():
    assert parse_deadline("12月底前", None).model_dump() == {"text": "12月底前", "date": None, "kind": "date"}
    assert parse_deadline("2024年12月底前", None).date == D(2024, 12, 31)
    # the year of an earlier date in the same text still applies
    assert parse_deadline("2024年6月启动，9月底前完成", None).date == D(2024, 9, 30)


def test_named_period_is_a_deadline_without_a_day():
    assert parse_deadline("集中整改期内完成", FEEDBACK).kind == "date"


def test_text_is_kept_stripped():
    assert parse_deadline("  立行立改 ", FEEDBACK).text == "立行立改"


def test_normalisation_for_parsing():
    assert normalise_deadline_text("二〇二四年十月三十一日") == "2024年10月31日"
    assert normalise_deadline_text("两个月内") == "2个月内"


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_full_dates_round_trip(day):
    for text in (f"{day.year}年{day.month}月{day.day}日前", f"{day.year}.{day.month:02d}.{day.day:02d}",
                 f"{day.year}-{day.month}-{day.day}"):
        assert parse_deadline(text, None).date == day


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_end_of_month_is_the_last_day(year, month):
    last = D(year, month, calendar.monthrange(year, month)[1])
    assert parse_deadline(f"{year}年{month}月底前", None).date == last
    assert parse_deadline(f"{year}年{month}月下旬", None).date == last


@given(st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_year_less_dates_fall_within_a_year_on_or_after_feedback(feedback, month, day):
    deadline = parse_deadline(f"{month}月{day}日前", feedback)
    assert deadline.kind == "date" and deadline.date is not None
    assert feedback <= deadline.date <= feedback + dt.timedelta(days=366)
    assert (deadline.date.month, deadline.date.day) == (month, day)
