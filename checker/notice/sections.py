"""What a part of a notice is about (problems, suggestions, something else), the category heading a
problem stands under, and the lines that belong to nobody's list (the unit's own 表态, closings).
"""

from __future__ import annotations

import re
from enum import Enum

from checker.notice.clauses import CLUE, DEMAND_START, FAILING


class Kind(Enum):
    PROBLEMS = "problems"
    SUGGESTIONS = "suggestions"
    OTHER = "other"  # background, praise, 整改要求, a speech's demands


_SUGGESTION_HEAD = re.compile(
    r"意见建议|整改意见|整改建议|工作建议|意见和建议|几点建议|^\s*建议|(?:提出|提了)[^。；;]{0,12}(?:意见|建议)"
)
_SPEECH = re.compile(r"讲[^。；;]{0,6}意见|谈[^。；;]{0,6}意见")  # 讲三点意见: a speech's points
# a speech's points: 第一，要从讲政治的高度… (a demand, not a heading of problems)
_SPEECH_DEMAND = re.compile(r"^\s*(?:要|必须|务必|应当|希望)")
_OTHER_HEAD = re.compile(
    r"整改要求|工作要求|有关要求|相关要求|基本情况|总体评价|总体情况|主要成效|工作开展情况|取得的成效|成绩"
    r"|下一步|问题线索|巡察工作开展|巡视工作开展|整改工作安排"
)
_BOTH = re.compile(r"问题(?:和|及|以及|与|、)[^。；;，,]{0,4}(?:整改)?(?:意见|建议)")
_TURN = re.compile(r"[，,。]\s*(?:但是?|然而|不过|同时)")
_AREA_HEAD = re.compile(r"方面(?:存在的|的)?(?:主要|突出)?(?:问题)?\s*[：:。]?\s*$")
# a notice for several units: the problems all share, and each unit's own
_SHARED_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?\s*(?:存在的)?(?:共性|个性)问题")
_PROBLEM_HEAD = re.compile(
    r"问题|不足|差距|短板|发现|指出|党的领导|党的建设|全面从严治党|从严治党|方面|表现在|表现为"
    # a short news item goes straight from the meeting to the list: …反馈巡察情况。一是… / 主要是：…
    r"|反馈了?[^。；;]{0,8}(?:巡察|巡视)(?:情况|意见)|^\s*主要(?:是|有|表现为)"
)

KNOWN_CATEGORIES = re.compile(
    r"党的领导|党的建设|全面从严治党|从严治党|党风廉政建设|纪律建设|作风建设|组织建设|思想建设|政治建设"
    r"|选人用人|意识形态|巡[察视]整改|审计整改|整改落实|落实上[轮次]"
)
_CATEGORY_TAIL = re.compile(
    r"(?:方面)?(?:存在的|的)?(?:主要|突出)?(?:问题|不足)?\s*[:：。，,]?\s*$"
)
_LONGEST_CATEGORY = 40


def classify(head: str) -> Kind | None:
    """What a heading or lead-in announces; None when it does not say (a plain numbered point)."""
    if _SPEECH.search(head) or _SPEECH_DEMAND.search(head):
        return Kind.OTHER
    if _BOTH.search(head):
        return None  # 现将巡察发现的主要问题和整改意见反馈如下： announces both; its headings say which
    if _SUGGESTION_HEAD.search(head):
        return Kind.SUGGESTIONS
    if _AREA_HEAD.search(head) or _SHARED_HEAD.search(head):
        return Kind.PROBLEMS  # "…和市委工作要求方面" names an area of problems, not a 工作要求 section
    turns = list(_TURN.finditer(head))
    if turns:  # …取得了一定成绩，但巡察也发现了一些问题，主要是： — what comes after the turn counts
        tail = head[turns[-1].start() :]
        if _PROBLEM_HEAD.search(tail) and not _OTHER_HEAD.search(tail):
            return Kind.PROBLEMS
    if _OTHER_HEAD.search(head):
        return Kind.OTHER
    if _PROBLEM_HEAD.search(head):
        return Kind.PROBLEMS
    return None


def category_of(head: str) -> str | None:
    """"（一）党的领导方面" → 党的领导; "在全面从严治党方面存在的问题" → 全面从严治党; "共性问题" /
    "个性问题" in a notice to several units; None for a heading that states a failing itself or is
    not a category (巡察发现的主要问题)."""
    head = head.strip()
    shared = _SHARED_HEAD.search(head)
    if shared and len(head) <= _LONGEST_CATEGORY:
        return "共性问题" if "共性" in shared.group(0) else "个性问题"
    if len(head) > _LONGEST_CATEGORY or re.search(r"发现|主要问题如下|如下", head):
        return None
    if "方面" not in head and not KNOWN_CATEGORIES.search(head):
        return None
    core = head
    if "方面" in core:
        after = core[core.index("方面") :]
        if not _CATEGORY_TAIL.fullmatch(after):
            return None  # 党的领导方面：一是… carries its problems on the same line
        core = core[: core.index("方面")]
    core = _CATEGORY_TAIL.sub("", core)
    core = re.sub(r"^(?:关于|在|对于)", "", core).strip(" :：，,。")
    if not core or FAILING.search(core.replace("问题", "")):
        return None
    return core


# 党的领导方面：… / 在党的建设方面，… at the start of a paragraph
_INLINE_CATEGORY = re.compile(
    r"\s*(?:一是|二是|三是|四是|五是)?\s*(?:在|关于)?(?P<cat>[^，,。；;：:]{2,24}?)方面(?:存在的?|的)?(?:主要)?(?:问题)?"
    r"(?:主要(?:是|有|表现在|表现为))?\s*[：:，,。]"
)


def inline_category(text: str, start: int, end: int) -> tuple[str, int] | None:
    """(category, where the content starts) when a paragraph opens with "XX方面：" ."""
    m = _INLINE_CATEGORY.match(text, start, end)
    if not m:
        return None
    category = m.group("cat").strip()
    if FAILING.search(category.replace("问题", "")):
        return None
    return category, m.end()


_UNIT_HEADING = re.compile(
    r"^\s*(?:关于)?(?P<unit>[^，,。；;：:、\s]{2,30}?(?:党组|党委|党工委|党总支|党支部|总支部|支部委员会|委员会))"
    r"(?:存在的?(?:个性)?问题|的问题)?\s*[：:。]?\s*$"
)


def shared_category(lead: str) -> str | None:
    """"4家被巡察党组织存在的共性问题主要有：" announces problems all the units share."""
    m = re.search(r"(共性|个性)问题", lead)
    return f"{m.group(1)}问题" if m else None


def unit_heading(head: str) -> str | None:
    """"（一）石桥镇党委" under 个性问题: the unit whose own problems follow."""
    m = _UNIT_HEADING.match(head)
    return m.group("unit") if m and not FAILING.search(m.group("unit")) else None


# --------------------------------------------------------------------------- lines to leave alone

_STATEMENT = re.compile(r"^[^，,。；;：:]{2,40}?(?:表示|表态|表态说|表态发言|作表态发言|作了表态发言)\s*[，,：:]")
# 张三强调，… / 市委巡察办有关负责同志要求：… (not "坚持…的要求，": a demand's own words)
_SPEAKER = re.compile(r"^(?!坚持|按照|根据|对照|落实|围绕)[^，,。；;：:]{1,24}?(?<!的)(?:强调|要求|指出|表示|提出|希望|说|讲话|传达|提出[^，,。；;：:]{0,8}(?:意见|建议|要求))\s*[，,：:]")
_CLOSING_START = re.compile(r"^\s*(?:同时|此外|另外|对此|针对|下一步|会上|会议|最后|今后|为此)[，,]?")


def is_unit_statement(line_text: str) -> bool:
    """The inspected unit's own 表态 (X表示，将虚心接受…): its plans are not the notice's demands."""
    return _STATEMENT.match(line_text) is not None


def is_closing(sentence: str, *, demand_closes: bool = True) -> bool:
    """A sentence that ends a list of problems (or, with demand_closes=False, of suggestions,
    whose sentences are demands themselves): a clue handed on, a transition, another speaker."""
    return bool(
        CLUE.search(sentence)
        or _CLOSING_START.match(sentence)
        or _SPEAKER.match(sentence)
        or (demand_closes and DEMAND_START.match(sentence))
    )
