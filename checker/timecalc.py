"""Date arithmetic for parameters: N days, N working days (mainland China's official calendar)
or N months after a date."""

from __future__ import annotations

import calendar
import datetime as dt

from checker.models import Duration


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day N months later, clamped to the month's end (1月31日 + 1个月 = 2月28/29日)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_workday(day: dt.date) -> bool | None:
    """Official working day per chinesecalendar (holidays and make-up workdays); None when the
    year is outside its table."""
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(day)
    except (NotImplementedError, ImportError):
        return None


def add_workdays(day: dt.date, count: int) -> tuple[dt.date, bool]:
    """The date `count` working days after `day` (day itself not counted).

    Returns (date, exact): exact is False when some day fell outside the known holiday table and
    Monday–Friday was assumed for it. Written here because chinesecalendar's find_workday is off by
    one across National Day 2023.
    """
    exact = True
    current = day
    remaining = count
    while remaining > 0:
        current += dt.timedelta(days=1)
        official = is_workday(current)
        if official is None:
            exact = False
            official = current.weekday() < 5
        if official:
            remaining -= 1
    return current, exact


def add_duration(day: dt.date, duration: Duration) -> dt.date:
    if duration.unit == "days":
        return day + dt.timedelta(days=duration.value)
    if duration.unit == "months":
        return add_months(day, duration.value)
    return add_workdays(day, duration.value)[0]


def duration_fits(stated: Duration, limit: Duration, start: dt.date | None) -> bool:
    """Is a stated period ("反馈后20日内") no longer than the limit ("1个月")?"""
    if stated.unit == limit.unit:
        return stated.value <= limit.value
    anchor = start or dt.date(2024, 1, 15)  # any ordinary date compares units well enough
    return add_duration(anchor, stated) <= add_duration(anchor, limit)
