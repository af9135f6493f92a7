"""Who inspected whom, in which round, and when the feedback was given.

The inspected unit is the organisation the feedback is given to (向市妇联党组反馈), inspected
(对…开展了巡察) or addressed (a letter's salutation "县教育局党组："); a name given a short form
(市社会科学界联合会党组（以下简称市社科联党组）) is reported in full. A notice for several units
(联动巡察, 集中反馈: "石桥镇党委、柳河镇党委、白沙乡党委：") has them all in `units`. The round is
how the notice names it: 十一届市委第十轮, 县委2024年第二轮.

The feedback date is the date of the 反馈 (反馈会, 向…反馈了巡察情况), not the inspection period
(3月13日至5月3日 进行了巡察) nor the date of a joint meeting for several units. A date written without
a year (6月9日) takes the year that puts it closest to the other full dates of the text (the dateline,
the inspection period), or, when there is none, to the year of the round (2025年县委第一轮巡察).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from datetime import date

from checker.timeexpr import TimeMention, chinese_number, find_time_mentions

_ORG_SUFFIX = r"(?:党组|党委|党工委|党总支|党支部|党组织|领导班子|委员会)"
# a character of a unit's name, or a short bracketed part of it (县烟草专卖局（分公司）党总支)
_UNIT_CHARS = r"(?:[^，,。；;：:、\s“”\"（）()]|[（(][^（）()，,。；;]{1,4}[）)])"

# 向市妇联党组反馈 / 向市妇联党组主要负责人邬春梅反馈 (cut after the organisation)
_TO_UNIT = re.compile(rf"向({_UNIT_CHARS}{{2,30}}?)(?:主要负责人{_UNIT_CHARS}{{0,4}}|及其{_UNIT_CHARS}{{0,6}})?反馈")
# 对市妇联党组进行了巡察 / 对县教育局党组开展了常规巡察 / 巡察了县教育局党组
_OF_UNIT = re.compile(
    rf"对({_UNIT_CHARS}{{2,30}}?)(?:[（(]以下简称[^）)]{{1,20}}[）)])?(?:进行了?|开展了?|实施了?)(?:为期[^，,。]{{1,8}})?(?:常规|专项|机动|提级|交叉|巡察|巡视|政治)"
)
# 关于巡察市统计局党组的反馈意见 / 巡察县教育局党组情况的反馈
_INSPECTED_OBJECT = re.compile(rf"(?:巡察|巡视)了?({_UNIT_CHARS}{{2,30}}?{_ORG_SUFFIX})(?:的|情况|反馈)")
_INSPECTED_UNIT = re.compile(rf"被巡[察视](?:单位|党组织)[为是:：]?({_UNIT_CHARS}{{2,30}}{_ORG_SUFFIX})")
_NOT_A_UNIT = re.compile(r"^(?:我|你|本|各|被巡|巡察|巡视|上述|以上|这些|该)|巡[察视]组$|^\*|分别|被巡[察视]|组长|巡[察视]组|\d+\s*[家个]")
# 市社会科学界联合会党组（以下简称市社科联党组）
_ALIAS = re.compile(rf"({_UNIT_CHARS}{{2,30}}?{_ORG_SUFFIX})[（(]以下简称[“\"]?({_UNIT_CHARS}{{2,20}}?)[”\"]?[）)]")
# a list of organisations: 石桥镇党委、柳河镇党委和白沙乡党委
_ORG = rf"{_UNIT_CHARS}{{2,30}}?{_ORG_SUFFIX}"
_ORG_LIST = rf"{_ORG}(?:(?:、|和|及|以及){_ORG})+"
_UNITS_ADDRESSED = re.compile(rf"^\s*({_ORG_LIST})\s*[：:]\s*$", re.MULTILINE)
_UNITS_INSPECTED = re.compile(
    rf"(?:对|向)({_ORG_LIST})(?:[（(][^）)]{{1,30}}[）)])?(?:等)?(?:\s*\d+\s*[个家]单位)?"
    rf"(?:分别|集中)?(?:进行了?|开展了?|实施了?|反馈)"
)
_SALUTATION = re.compile(rf"^\s*({_ORG})\s*[：:]\s*$", re.MULTILINE)
_ROUND = re.compile(
    r"(?:(?:19|20)\d{2}\s*年度?\s*)?"  # 2025年县委第一轮
    r"(?:[一二三四五六七八九十]{1,3}届)?(?:(?:中央|省委|市委|州委|县委|区委|旗委|盟委|党委|党组)\s*)?"
    r"(?:[一二三四五六七八九十]{1,3}届\s*)?(?:(?:19|20)\d{2}\s*年度?\s*)?第\s*[一二三四五六七八九十\d]{1,3}\s*轮"
)

_INSPECTOR = re.compile(
    r"(?:(?:中央|省委|市委|州委|县委|区委|旗委|盟委|校党委|院党委|党委|党组|自治区党委)\s*"
    # a body's own inspection group: 鹤浦市烟草专卖局（公司）党组第一巡察组
    rf"|{_UNIT_CHARS}{{2,20}}?(?:党组|党委)(?=第))?第\s*[一二三四五六七八九十\d]{{1,3}}\s*(?:巡视|巡察)组"
)

# Sentences that are about the feedback itself, strongest first
_FEEDBACK_CUES = [
    re.compile(r"向[^。；;]{2,40}?反馈|反馈了?[^。；;]{0,6}(?:巡察|巡视)(?:情况|意见)|(?:巡察|巡视)(?:情况)?反馈会"),
    re.compile(r"反馈会|反馈意见|进行反馈|集中反馈|反馈"),
]


def find_units(text: str) -> list[str]:
    """The inspected units: several for a notice to several units at once, else the one unit."""
    for pattern in (_UNITS_ADDRESSED, _UNITS_INSPECTED):
        for m in pattern.finditer(text):
            units = [u for u in (_clean_unit(part) for part in re.split(r"、|以及|和|及", m.group(1))) if u]
            if len(units) >= 2 and len(set(units)) == len(units):
                return units
    unit = find_unit(text)
    return [unit] if unit else []


def find_unit(text: str) -> str | None:
    # the full name is what follows the last 对/向 before （以下简称…）
    aliases = {_clean_unit(m.group(2)): _clean_unit(re.split(r"[对向]", m.group(1))[-1]) for m in _ALIAS.finditer(text)}
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for weight, pattern in ((3, _TO_UNIT), (2, _INSPECTED_UNIT), (2, _SALUTATION), (1, _OF_UNIT), (1, _INSPECTED_OBJECT)):
        for m in pattern.finditer(text):
            unit = _clean_unit(m.group(1))
            unit = aliases.get(unit) or unit
            if unit:
                votes[unit] += weight
                first_seen.setdefault(unit, m.start())
    if not votes:
        return None
    return max(votes, key=lambda u: (votes[u], -first_seen[u]))


def find_round(text: str) -> str | None:
    """The round as the notice names it (十一届市委第十轮); None for a template's 第*轮."""
    m = _ROUND.search(text)
    return re.sub(r"\s+", "", m.group(0)) if m else None


def _clean_unit(raw: str) -> str | None:
    raw = raw.strip()
    # the inspecting group is sometimes the subject right before 向/对: 市委第三巡察组向… is fine,
    # but "巡察组对" must not give a unit ending in 巡察组
    # 区卫生健康委员会党委: a party body after 委员会 belongs to the name
    # 县委机构编制委员会办公室: the committee's office is the unit
    m = re.match(rf"^(.*?(?:委员会)?(?:党组|党委|党工委|党总支|党支部|党组织|领导班子))", raw) or \
        re.match(rf"^(.*?(?:委员会办公室|委员会办公厅|{_ORG_SUFFIX}))", raw)
    unit = m.group(1) if m else raw
    unit = re.sub(r"^(?:中共|中国共产党)", "", unit) if len(unit) > 4 else unit
    if _NOT_A_UNIT.search(unit) or len(unit) < 2:
        return None
    return unit


def find_inspector(text: str) -> str | None:
    found = [re.sub(r"^(?:中共|中国共产党)(?=.{4})", "", re.sub(r"\s+", "", m.group(0))) for m in _INSPECTOR.finditer(text)]
    if not found:
        return None
    # prefer the fullest form (市委第三巡察组 over 第三巡察组), then the most frequent
    counts = Counter(found)
    return max(counts, key=lambda name: (_has_prefix(name), counts[name], -found.index(name)))


def _has_prefix(name: str) -> bool:
    return not name.startswith("第")


def find_feedback_date(text: str, given: date | None = None) -> date | None:
    """The feedback date; `given` (from --feedback-date) wins when there is one."""
    if given is not None:
        return given
    mentions = [m for m in find_time_mentions(text, None) if m.kind == "date"]
    full_dates = [m.date for m in mentions if m.date is not None and _has_year(m.text)]
    # no full date at all: the year of the round (反馈了2025年县委第一轮巡察情况) places the day
    full_dates = full_dates or [date(year, 7, 1) for year in _round_years(text)]
    days = [m for m in mentions if _is_day(m.text)]
    day_starts = [m.start for m in days]
    for cue in _FEEDBACK_CUES:
        for sentence_start, sentence_end in _sentences(text):
            first = bisect_left(day_starts, sentence_start)
            if first == len(days) or days[first].start >= sentence_end:
                continue  # no day in this sentence
            sentence = text[sentence_start:sentence_end]
            if cue.search(sentence) and not _is_period(sentence):
                return _with_year(days[first], full_dates)
    return _dateline(text, mentions)


# 2025年县委第一轮巡察 / 2025年度第三轮巡察 / 2025年第二轮巡视 (not 2023年以来…, a past year in a problem)
_ROUND_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?[^。；;，,\d]{0,12}?(?:第[一二三四五六七八九十\d]{1,3}轮|巡察|巡视)")


def _round_years(text: str) -> list[int]:
    return sorted({int(m.group(1)) for m in _ROUND_YEAR.finditer(text)})


def _dateline(text: str, mentions: list[TimeMention]) -> date | None:
    """A letter's date on a line of its own at the end (…巡察组\n2024年8月6日), or a speech's under its
    title (（2026年7月7日）): the day it was given."""
    for mention in reversed(mentions):
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[line_start:line_end].replace(mention.text, "")
        if mention.date and _has_year(mention.text) and not rest.strip(" \t\u3000（）()"):  # a speech's （2026年7月7日）
            return mention.date
    return None


def _sentences(text: str):
    start = 0
    for m in re.finditer(r"[。！？!?\n]", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _is_period(sentence: str) -> bool:
    """进驻/巡察期间 (3月13日至5月3日), which is not the feedback."""
    return re.search(r"日\s*(?:至|到|—|-|～|~)\s*(?:\d|[一二三四五六七八九十])", sentence) is not None and \
        re.search(r"进行了?[^。]{0,6}巡|开展了?[^。]{0,6}巡|进驻", sentence) is not None


def _has_year(fragment: str) -> bool:
    return re.match(r"\s*(?:(?:19|20)\d{2}|[二][〇零○])", fragment) is not None


def _is_day(fragment: str) -> bool:
    return re.search(r"[日号]$", fragment) is not None or re.match(r"\d{4}\s*[-./]", fragment) is not None


def _with_year(mention: TimeMention, full_dates: list[date]) -> date | None:
    if mention.date is not None:
        return mention.date
    m = re.search(r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]", mention.text)
    if not m or not full_dates:
        return None
    month, day = chinese_number(m.group(1)), chinese_number(m.group(2))
    assert month is not None and day is not None
    best: date | None = None
    for year in sorted({d.year for d in full_dates} | {d.year + 1 for d in full_dates} | {d.year - 1 for d in full_dates}):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        distance = min(abs((candidate - d).days) for d in full_dates)
        if best is None or distance < min(abs((best - d).days) for d in full_dates):
            best = candidate
    return best
