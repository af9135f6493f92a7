"""Date arithmetic for parameters: N days, N working days (mainland China's official calendar)
or N months after a date."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from checker.models import Duration


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day N months later, clamped to the month's end (1月31日 + 1个月 = 2月28/29日)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _official(day: dt.date) -> bool | None:
    """chinesecalendar's verdict (holidays and make-up workdays), None outside its years."""
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(day)
    except (NotImplementedError, ImportError):
        return None


def _days(first: str, last: str) -> Iterable[dt.date]:
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


class WorkCalendar:
    """Working days: chinesecalendar's table, plus years a rule pack adds (`holidays 2027 … end`),
    plus Monday–Friday where neither knows the year (and then `exact` turns False)."""

    def __init__(self, tables: Iterable = ()):
        self.overrides: dict[dt.date, bool] = {}
        self.years: set[int] = set()
        for table in tables:  # checker.dsl.ast.HolidayTable
            self.years.add(table.year)
            for first, last in table.off:
                self.overrides.update((d, False) for d in _days(first, last))
            for first, last in table.work:
                self.overrides.update((d, True) for d in _days(first, last))
        self.guessed_years: set[int] = set()

    def is_workday(self, day: dt.date) -> bool | None:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.years:
            return day.weekday() < 5
        return _official(day)

    def add_workdays(self, day: dt.date, count: int) -> tuple[dt.date, bool]:
        """The date `count` working days after `day` (day itself not counted), and whether every
        day on the way was known (False: Monday–Friday was assumed for some)."""
        exact = True
        current = day
        remaining = count
        while remaining > 0:
            current += dt.timedelta(days=1)
            official = self.is_workday(current)
            if official is None:
                exact = False
                self.guessed_years.add(current.year)
                official = current.weekday() < 5
            if official:
                remaining -= 1
        return current, exact

    def add(self, day: dt.date, duration: Duration) -> dt.date:
        if duration.unit == "days":
            return day + dt.timedelta(days=duration.value)
        if duration.unit == "months":
            return add_months(day, duration.value)
        return self.add_workdays(day, duration.value)[0]


DEFAULT_CALENDAR = WorkCalendar()


def add_workdays(day: dt.date, count: int) -> tuple[dt.date, bool]:
    return WorkCalendar().add_workdays(day, count)


def add_duration(day: dt.date, duration: Duration, cal: WorkCalendar | None = None) -> dt.date:
    return (cal or DEFAULT_CALENDAR).add(day, duration)


def duration_fits(stated: Duration, limit: Duration, start: dt.date | None, cal: WorkCalendar | None = None) -> bool:
    """Is a stated period ("反馈后20日内") no longer than the limit ("1个月")?"""
    if stated.unit == limit.unit:
        return stated.value <= limit.value
    anchor = start or dt.date(2024, 1, 15)  # any ordinary date compares units well enough
    return add_duration(anchor, stated, cal) <= add_duration(anchor, limit, cal)
