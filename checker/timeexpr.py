"""Time expressions in Chinese official text: durations (反馈后2个月内, 15个工作日内, 半年内) and
dates (2024年8月15日, 2024年8月底, 8月中旬, 2024.8.15, 年底).

Shared by the notice analyser (deadlines the notice states) and the plan analyser (deadlines and
scheduled meetings in the plan). Pure functions over strings; no I/O, no third-party imports.

Conventions, so that a date always means "the last day allowed":
- 8月 / 8月底 / 8月末 / 8月下旬 → the last day of the month; 8月上旬 / 8月初 → the 10th; 8月中旬 → the 20th;
- 年底 / 年末 / 年内 → 31 December; 上半年 → 30 June; 第一季度 → 31 March;
- a month without a year takes the year of `ref`, or the next year when the month is before ref's
  month (a deadline is never read as lying in the past of the reference date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from checker.models import Duration

# --------------------------------------------------------------------------- numbers

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "零〇○一二两三四五六七八九十百"
NUMBER = rf"(?:\d+|[{_CN_NUM}]+)"


def chinese_number(text: str) -> int | None:
    """Arabic or Chinese numerals (一..九百九十九, 两, digit-by-digit 二〇二四) → int, else None."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)  # also handles full-width digits
    if any(ch not in _CN_NUM for ch in text):
        return None
    if "十" not in text and "百" not in text:
        # 二〇二四 is read digit by digit; a lone 五 is 5
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


# --------------------------------------------------------------------------- the result type


@dataclass(frozen=True)
class TimeMention:
    """One time expression found in a text; start/end are offsets into that text."""

    kind: Literal["date", "duration"]
    start: int
    end: int
    text: str
    date: date | None = None  # kind "date": the last day meant; None when the year is unknown
    duration: Duration | None = None  # kind "duration": None for a "*" placeholder (*个月内)
    anchor: str | None = None  # what the duration counts from, when stated (反馈)


# --------------------------------------------------------------------------- durations

# A number must not continue a date (8月15日内 is a day of August, not 15 days)
_NOT_AFTER_DATE = rf"(?<![月\d{_CN_NUM}.．])"
_ANCHOR = r"(?P<anchor>(?:巡[视察])?(?:反馈|通报|印发|下发|召开[^，,。；;]{0,8}?)(?:之)?后\s*(?:的)?\s*)"
_DURATION = re.compile(
    rf"{_ANCHOR}?(?:在\s*)?"
    rf"(?:"
    rf"(?P<half>半\s*(?:个\s*)?(?:年|月))"  # 半年, 半个月
    rf"|{_NOT_AFTER_DATE}(?P<num>{NUMBER}|\*+)\s*(?P<unit>个\s*半\s*月|个\s*工\s*作\s*日|工\s*作\s*日"
    rf"|个\s*月|个\s*星\s*期|星\s*期|周|天|日(?=\s*(?:内|以内|之内))|年(?=\s*(?:内|以内|之内)))"
    rf")(?P<within>\s*(?:以内|之内|内))?"
)
_HALF_AFTER = re.compile(r"[上下]$")  # 上半年 / 下半年 are dates, not durations


def _duration_from_match(m: re.Match[str]) -> Duration | None:
    if m.group("half"):
        return Duration(value=6, unit="months") if "年" in m.group("half") else Duration(value=15, unit="days")
    raw, unit = m.group("num"), re.sub(r"\s+", "", m.group("unit"))
    if raw.startswith("*"):
        return None
    n = chinese_number(raw)
    if n is None or n <= 0 or n > 10_000:  # a deadline, not a serial number read as one
        return None
    value, kind = _in_units(n, unit)
    # a notice's "99999个月" is noise, not a demand: no limit rather than an overflow
    return Duration(value=value, unit=kind) if Duration.within_limit(value, kind) else None


def _in_units(n: int, unit: str) -> tuple[int, str]:
    if unit == "个半月":
        return n * 30 + 15, "days"
    if "工作日" in unit:
        return n, "workdays"
    if unit == "个月":
        return n, "months"
    if unit in ("周", "星期", "个星期"):
        return n * 7, "days"
    if unit == "年":
        return n * 12, "months"
    return n, "days"


def _duration_mentions(text: str) -> list[TimeMention]:
    found = []
    for m in _DURATION.finditer(_ascii_digits(text)):
        if m.group("half") and _HALF_AFTER.search(text[: m.start("half")]):
            continue
        anchor = m.group("anchor")
        found.append(
            TimeMention(
                kind="duration",
                start=m.start(),
                end=m.end(),
                text=text[m.start() : m.end()],
                duration=_duration_from_match(m),
                anchor=re.sub(r"[之后的\s]+$", "", anchor) if anchor else None,
            )
        )
    return found


def parse_duration(text: str) -> Duration | None:
    """The first duration stated in `text`: "2个月内" → 2 months, "十五日内" → 15 days,
    "5个工作日内" → 5 workdays, "半年内" → 6 months; None when there is none or it is "*"."""
    for mention in _duration_mentions(text):
        if mention.duration is not None:
            return mention.duration
    return None


# --------------------------------------------------------------------------- dates

_Y = r"(?P<y>(?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})"
_M = rf"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = rf"(?P<d>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_PART = r"(?P<q>上旬|中旬|下旬|底|末|初)"
_REL = r"(?P<rel>今年|本年|当年|明年|次年|来年|下一年)"
_BARE_YEAR_PART = r"年底|年末|年内|上半年|下半年"

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"{_Y}\s*年\s*{_M}\s*月\s*{_D}\s*[日号]")),
    ("iso", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*[-./．]\s*(?P<m>1[0-2]|0?[1-9])\s*[-./．]\s*"
                       r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])")),
    ("ym", re.compile(rf"{_Y}\s*年\s*{_M}\s*月(?:份)?\s*{_PART}?")),
    ("y.m", re.compile(r"(?<![\d.])(?P<y>20\d{2})\s*[.．/]\s*(?P<m>1[0-2]|0?[1-9])(?![\d.])")),
    ("y-part", re.compile(rf"{_Y}\s*年\s*(?P<yp>年底|年末|底|末|内|上半年|下半年|第[一二三四1-4]季度)")),
    ("md", re.compile(rf"{_REL}?{_NOT_AFTER_DATE}{_M}\s*月\s*(?:{_D}\s*[日号]|份?\s*{_PART}|份)")),
    # 今年底, 明年上半年, and a bare 年底 / 年内 (after a number 年内 is a duration: 一年内)
    ("rel-part", re.compile(rf"{_REL}\s*(?P<yp>年底|年末|底|末|内|上半年|下半年)"
                            rf"|(?<![\d{_CN_NUM}年])(?P<yp2>{_BARE_YEAR_PART})")),
]
_YEAR_PART_END = {"上半年": (6, 30), "下半年": (12, 31), "第一季度": (3, 31), "第1季度": (3, 31),
                  "第二季度": (6, 30), "第2季度": (6, 30), "第三季度": (9, 30), "第3季度": (9, 30),
                  "第四季度": (12, 31), "第4季度": (12, 31)}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day_for_part(year: int, month: int, part: str | None) -> date:
    if part in ("上旬", "初"):
        return date(year, month, 10)
    if part in ("中旬", "中"):
        return date(year, month, 20)
    return _month_end(year, month)


def _year_of(raw: str) -> int:
    value = chinese_number(raw)
    assert value is not None  # the pattern only admits numerals
    return value


def _relative_year(rel: str | None, month: int | None, ref: date | None) -> int | None:
    if ref is None:
        return None
    if rel in ("明年", "次年", "来年", "下一年"):
        return ref.year + 1
    if rel in ("今年", "本年", "当年") or month is None:
        return ref.year
    return ref.year if month >= ref.month else ref.year + 1


def _date_from_match(kind: str, m: re.Match[str], ref: date | None) -> date | None:
    groups = m.groupdict()
    month = chinese_number(groups["m"]) if groups.get("m") else None
    day = chinese_number(groups["d"]) if groups.get("d") else None
    if kind in ("ymd", "iso", "ym", "y.m", "y-part"):
        year = _year_of(groups["y"])
    else:
        year = _relative_year(groups.get("rel"), month, ref)
        if year is None:
            return None
    if kind in ("y-part", "rel-part"):
        part = groups.get("yp") or groups.get("yp2") or ""
        month_day = _YEAR_PART_END.get(part, (12, 31))
        return date(year, *month_day)
    assert month is not None
    if day is not None:
        return date(year, month, day)
    return _day_for_part(year, month, groups.get("q"))


def _date_mentions(text: str, ref: date | None) -> list[TimeMention]:
    found = []
    impossible: list[tuple[int, int]] = []
    readable = _ascii_digits(text)
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(readable):
            if m.end() == m.start():
                continue
            try:
                value = _date_from_match(kind, m, ref)
            except ValueError:  # 2月30日: not a date, and its 2月 is no date either
                impossible.append((m.start(), m.end()))
                continue
            found.append(TimeMention(kind="date", start=m.start(), end=m.end(), text=text[m.start() : m.end()], date=value))
    return [t for t in found if not any(a <= t.start and t.end <= b for a, b in impossible)]


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _ascii_digits(text: str) -> str:
    """Full-width digits read as ASCII ones; the length (and so every offset) stays the same."""
    return text.translate(_FULL_WIDTH_DIGITS)


# --------------------------------------------------------------------------- all mentions


def find_time_mentions(text: str, ref: date | None = None) -> list[TimeMention]:
    """Every date and duration in `text`, in text order, without overlaps (the longest wins).

    `ref` is the reference date (usually the feedback date) that gives a year to "8月底" and "年底";
    without it such dates are returned with date=None."""
    candidates = _date_mentions(text, ref) + _duration_mentions(text)
    candidates.sort(key=lambda t: (t.start, -(t.end - t.start)))
    chosen: list[TimeMention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen
