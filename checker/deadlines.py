"""Reading the 整改时限 of a plan item: "2024年12月底前", "立行立改", "长期坚持", "9月中旬" …

`parse_deadline(text, feedback_date)` returns a Deadline whose `date` is the LAST day the wording
allows (月底 → the month's last day, 上旬 → the 10th, 三季度 → 30 Sep). Order of precedence, as a
reviewer reads a cell:

1. a date (or a period after feedback, "3个月内") governs: "2024年12月底前完成，长期坚持" → date;
   several dates → the latest one ("6月底前初见成效，12月底前全面完成" → 12月31日);
2. otherwise 立行立改 / 即知即改 … → "immediate" (also "立行立改并长期坚持");
3. otherwise 长期坚持 / 持续推进 / 常态化 … → "long_term";
4. otherwise "unknown" (the IT-DEADLINE rule reports it).

A date without a year (12月底前) takes the year of an earlier date in the same text, else the first
such date on or after the feedback date. When no year can be found (no feedback date) or the
period is named but not dated (集中整改期内), the kind is still "date" and `date` is None: the
wording is a deadline, only its calendar day is unknown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from checker.models import Deadline, Duration
from checker.timecalc import add_duration

IMMEDIATE_WORDS = (
    "立行立改", "即知即改", "立说立改", "立即整改", "立查立改", "即查即改", "边查边改", "边巡边改",
    "马上就改", "立即", "立刻", "即时", "已完成", "已整改", "已经完成",
)
LONG_TERM_WORDS = (
    "长期坚持", "长期", "持续推进", "持续整改", "持续", "常态化", "久久为功", "长效",
    "经常性", "定期", "每年", "每季度", "每月", "动态",
)
# Named periods that are deadlines whose calendar day depends on the rule pack, not on the text.
UNDATED_PERIOD_WORDS = ("集中整改期", "集中整改阶段", "集中整改期间", "整改期内", "巡察整改期")

# The few Traditional spellings that matter here (the document reader converts whole texts; this
# keeps parse_deadline right on raw strings too).
_TRADITIONAL = str.maketrans("長堅個週內號後進態續禮即這", "长坚个周内号后进态续礼即这")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})(?=\s*年)")
_CN_NUMBER = re.compile(r"([〇○零一二三四五六七八九十两]{1,3})(?=\s*(?:月|日|号|季度|个月|个工作日|天|周|个星期|年))")
# OCR noise inside numbers: 2O24年, l2月 (letter O for zero, l/I for one).
_OCR_NUMBER = re.compile(r"(?<![A-Za-z])[0-9OoIl]{1,4}(?=\s*[年月日号.\-/])")


def _cn_to_int(s: str) -> int | None:
    if "十" not in s:
        if len(s) == 1:
            return _CN_DIGITS.get(s)
        return None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    value = (_CN_DIGITS.get(tens, -100) if tens else 1) * 10 + (_CN_DIGITS.get(ones, -100) if ones else 0)
    return value if value > 0 else None


def _arabic_numbers(s: str) -> str:
    """二〇二四年十二月三十一日 → 2024年12月31日; 两个月 → 2个月; 2O24年 → 2024年."""
    s = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(1)), s)

    def number(m: re.Match[str]) -> str:
        value = _cn_to_int(m.group(1))
        return str(value) if value is not None else m.group(1)

    s = _CN_NUMBER.sub(number, s)

    def ocr(m: re.Match[str]) -> str:
        token = m.group(0)
        if not any(c.isdigit() for c in token):
            return token
        return token.translate(str.maketrans("OoIl", "0011"))

    return _OCR_NUMBER.sub(ocr, s)


def normalise_deadline_text(text: str) -> str:
    """Full-width digits → ASCII, Traditional → Simplified (the few characters that matter),
    Chinese numerals → digits. Only for parsing: Deadline.text keeps the plan's own words."""
    s = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    return _arabic_numbers(s)


# --------------------------------------------------------------------------- date mentions

_YEAR = r"(?:(?P<y>(?:19|20)\d{2})\s*年(?:度)?|(?P<rel>今年|本年|当年|明年|次年|翌年|下一年|下年)(?:度)?)"
_MONTH = (
    rf"(?:{_YEAR}\s*)?(?<!\d)(?P<m>1[0-2]|0?[1-9])\s*月(?:份)?\s*"
    r"(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]|(?P<part>上旬|中旬|下旬|上半月|下半月|初|中|底|末))?"
)
_QUARTER = rf"(?:{_YEAR}\s*)?(?:第)?(?<!\d)(?P<q>[1-4])\s*季度(?:末|底)?"
_HALF = rf"(?:{_YEAR}\s*)?(?P<h>上半年|下半年|年中|年底|年末|年内|全年|底|末)"
_NUMERIC = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.\-/]\s*(?P<m>1[0-2]|0?[1-9])"
    r"(?:\s*[.\-/]\s*(?P<d>3[01]|[12]\d|0?[1-9]))?(?!\d)"
)
_YEAR_ONLY = _YEAR
_RELATIVE = r"(?<!\d)(?P<n>\d{1,3}|半)\s*(?P<u>个月|个工作日|工作日|日|天|周|个星期|年)\s*(?:内|以内|之内)"

_PATTERNS = [
    ("numeric", re.compile(_NUMERIC)),
    ("month", re.compile(_MONTH)),
    ("quarter", re.compile(_QUARTER)),
    ("half", re.compile(_HALF)),
    ("relative", re.compile(_RELATIVE)),
    ("year", re.compile(_YEAR_ONLY)),
]
# A mention followed by one of these is a start, not a deadline (自2024年1月起长期坚持).
_START_AFTER = re.compile(r"^\s*(?:起|开始|以来|启动)")


@dataclass
class _Mention:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def _find_mentions(s: str) -> list[_Mention]:
    """Leftmost-longest, non-overlapping date mentions."""
    found: list[_Mention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(s):
            if m.end() > m.start() and not (kind == "half" and m.group("h") in ("底", "末") and not _has_year(m)):
                found.append(_Mention(m.start(), m.end(), kind, m.groupdict()))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    chosen: list[_Mention] = []
    for mention in found:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def _has_year(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("y") or m.groupdict().get("rel"))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _day_in(year: int, g: dict[str, str | None], kind: str) -> dt.date | None:
    """The last allowed day of a mention in a given year; None when the date does not exist."""
    try:
        if kind in ("numeric", "month"):
            month = int(g["m"])  # type: ignore[arg-type]
            if g.get("d"):
                return dt.date(year, month, int(g["d"]))  # type: ignore[arg-type]
            part = g.get("part")
            day = {"上旬": 10, "初": 10, "上半月": 15, "中": 15, "中旬": 20}.get(part or "", _last_day(year, month))
            return dt.date(year, month, day)
        if kind == "quarter":
            month = int(g["q"]) * 3  # type: ignore[arg-type]
            return dt.date(year, month, _last_day(year, month))
        if kind == "half":
            return dt.date(year, 6, 30) if g["h"] in ("上半年", "年中") else dt.date(year, 12, 31)
        if kind == "year":
            return dt.date(year, 12, 31)
    except ValueError:  # 2月30日
        return None
    return None


def _explicit_year(g: dict[str, str | None], reference: dt.date | None) -> int | None:
    if g.get("y"):
        return int(g["y"])  # type: ignore[arg-type]
    rel = g.get("rel")
    if rel and reference is not None:
        return reference.year + (1 if rel in ("明年", "次年", "翌年", "下一年", "下年") else 0)
    return None


def _relative(g: dict[str, str | None], feedback_date: dt.date | None) -> dt.date | None:
    if feedback_date is None:
        return None
    unit = g["u"]
    if g["n"] == "半":  # 半年 = 6个月, 半个月 = 15日
        n, unit = (6, "个月") if unit == "年" else (15, "日")
    else:
        n = int(g["n"])  # type: ignore[arg-type]
    if unit in ("周", "个星期"):
        return feedback_date + dt.timedelta(weeks=n)
    if unit == "年":
        n, unit = n * 12, "个月"
    duration_unit = {"个月": "months", "个工作日": "workdays", "工作日": "workdays"}.get(unit or "", "days")
    return add_duration(feedback_date, Duration(value=n, unit=duration_unit))  # type: ignore[arg-type]


def _resolve(mentions: list[_Mention], s: str, feedback_date: dt.date | None) -> tuple[list[dt.date | None], bool]:
    """Dates of the deadline mentions (None: year unknown); and whether only start dates were seen."""
    dates: list[dt.date | None] = []
    context_year: int | None = None
    previous: dt.date | None = None
    saw_start = False
    for mention in mentions:
        g = mention.groups
        if _START_AFTER.match(s[mention.end:]):
            saw_start = True
            year = _explicit_year(g, feedback_date)
            context_year = year or context_year
            continue
        if mention.kind == "relative":
            dates.append(_relative(g, feedback_date))
            continue
        year = _explicit_year(g, feedback_date)
        if year is not None:
            day = _day_in(year, g, mention.kind)
            context_year = year
        elif context_year is not None:
            day = _day_in(context_year, g, mention.kind)
            if day is not None and previous is not None and day < previous:  # 2024年11月至3月
                day = _day_in(context_year + 1, g, mention.kind)
        elif feedback_date is not None:
            # the first such date on or after the feedback date
            day = _day_in(feedback_date.year, g, mention.kind)
            if day is None or day < feedback_date:
                day = _day_in(feedback_date.year + 1, g, mention.kind)
        else:
            dates.append(None)
            continue
        if day is None:  # a day that does not exist (2月30日): not a readable date
            continue
        dates.append(day)
        previous = day
    return dates, saw_start and not dates


def parse_deadline(text: str, feedback_date: dt.date | None) -> Deadline:
    """The deadline a plan item's 整改时限 states; see the module docstring for the rules."""
    original = (text or "").strip()
    s = normalise_deadline_text(original)
    mentions = _find_mentions(s)
    dates, _ = _resolve(mentions, s, feedback_date)
    if dates:
        known = [d for d in dates if d is not None]
        return Deadline(text=original, date=max(known) if known else None, kind="date")
    if any(word in s for word in IMMEDIATE_WORDS):
        return Deadline(text=original, kind="immediate")
    if any(word in s for word in LONG_TERM_WORDS):
        return Deadline(text=original, kind="long_term")
    if any(word in s for word in UNDATED_PERIOD_WORDS):
        return Deadline(text=original, kind="date")
    return Deadline(text=original, kind="unknown")
