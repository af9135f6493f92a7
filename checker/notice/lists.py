"""Lists written inline in running text: 一是…二是…, 一要…二要…, 其一…其二…, （1）…（2）…, ：1.…；2.…,
①…②….

A list is a run of consecutive ordinals of one family; each item runs from its marker to the next
marker, and the last one to the end of the paragraph minus the sentences that close the list
(问题线索 handed on, 同时…, another speaker, a demand).
"""

from __future__ import annotations

import re

from checker.notice.clauses import Span, sentences, trim
from checker.notice.sections import is_closing
from checker.timeexpr import chinese_number

_BOUNDARY = r"(?:^|(?<=[。；;：:，,\s、）)”]))"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
FAMILIES: dict[str, re.Pattern[str]] = {
    "是": re.compile(rf"{_BOUNDARY}(?P<n>[一二三四五六七八九十]{{1,2}})\s*是(?![否非])"),
    "要": re.compile(rf"{_BOUNDARY}(?P<n>[一二三四五六七八九十]{{1,2}})\s*要(?![求点素件害事务闻员案])"),
    "其": re.compile(rf"{_BOUNDARY}其\s*(?P<n>[一二三四五六七八九十]{{1,2}})\s*[，,、：:]?"),
    "(n)": re.compile(rf"{_BOUNDARY}[（(]\s*(?P<n>\d{{1,2}})\s*[）)]\s*[、.．]?"),
    # 主要表现在：1.…；2.…  (after a colon or semicolon only: "2.5亿元", "第1.2条" are not items)
    "n.": re.compile(r"(?:(?<=[：:；;。])|^)\s*(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d))"),
    "circled": re.compile(rf"(?P<c>[{_CIRCLED}])\s*[、.．]?"),
}


def _number(m: re.Match[str]) -> int | None:
    if "c" in m.groupdict() and m.group("c"):
        return _CIRCLED.index(m.group("c")) + 1
    return chinese_number(m.group("n"))


def ordinal_markers(text: str, start: int, end: int, family: str, first: int = 1) -> list[tuple[int, int]]:
    """(marker start, content start) for the run first, first+1, … of one family in text[start:end]."""
    found: list[tuple[int, int]] = []
    expected = first
    for m in FAMILIES[family].finditer(text, start, end):
        if _number(m) == expected:
            found.append((m.start(), m.end()))
            expected += 1
    return found


def items_from_markers(
    text: str, markers: list[tuple[int, int]], end: int, *, demand_closes: bool = True
) -> list[Span]:
    """The content span of each marked item (markers excluded, trimmed)."""
    items: list[Span] = []
    for i, (_, content_start) in enumerate(markers):
        if i + 1 < len(markers):
            item_end = markers[i + 1][0]
        else:
            item_end = cut_before_closing(text, content_start, end, demand_closes=demand_closes)
        span = trim(text, content_start, item_end)
        if span[1] > span[0]:
            items.append(span)
    return items


def cut_before_closing(text: str, start: int, end: int, *, demand_closes: bool = True) -> int:
    """Where the list ends inside text[start:end]: before the first closing sentence after the
    item's own first sentence."""
    for index, (s, e) in enumerate(sentences(text, start, end)):
        if index > 0 and is_closing(text[s:e], demand_closes=demand_closes):
            return trim(text, start, s)[1]
    return end


def first_family(text: str, start: int, end: int, families: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]] | None:
    """The earliest-starting list of two or more items among the given families."""
    best: tuple[str, list[tuple[int, int]]] | None = None
    for family in families:
        markers = ordinal_markers(text, start, end, family)
        if len(markers) >= 2 and (best is None or markers[0][0] < best[1][0][0]):
            best = (family, markers)
    return best
