"""The outline of a notice: 一、 / （一） / 1. / （1） / ① / 第一， numbered lines, Word headings, and
lead-in lines ending with a colon ("巡察发现的主要问题如下：", "意见建议："), as a tree.

Levels are not fixed by marker style (some notices number their top level "1."): as in any nested
list, a style seen for the first time opens a level below the current one, and a style already open
closes everything below it. Unnumbered lines are the body of the node above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.notice.sections import classify
from checker.notice.text import Line, NoticeText

_CN = "一二三四五六七八九十"
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("cn、", re.compile(rf"^\s*[{_CN}]{{1,3}}\s*[、．.](?![{_CN}\d])")),
    ("(cn)", re.compile(rf"^\s*[（(]\s*[{_CN}]{{1,3}}\s*[）)]\s*[、．.]?")),
    ("n.", re.compile(r"^\s*\d{1,2}\s*(?:[、．]|\.(?!\d))")),
    ("(n)", re.compile(r"^\s*[（(]\s*\d{1,2}\s*[）)]\s*[、．.]?")),
    ("n)", re.compile(r"^\s*\d{1,2}\s*[)）]")),
    ("circled", re.compile(r"^\s*[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*[、．.]?")),
    ("第cn", re.compile(rf"^\s*第[{_CN}]{{1,3}}\s*[，,、：:．.]")),
    # ——履行职能有差距。… / ●… : unnumbered items, one per line
    ("dash", re.compile(r"^\s*(?:——|—|－－|--)\s*")),
    ("bullet", re.compile(r"^\s*[●■◆◇□○•·▪►]\s*")),
]
_LEAD_IN_END = re.compile(r"[：:]\s*$")
_LONGEST_LEAD_IN_SENTENCE = 80
LONGEST_SECTION_TITLE = 20  # a numbered line this short can be a section title (二、意见建议)
_ANNOUNCES = re.compile(r"如下|以下|下列|主要|问题|建议|意见|要求|表现|发现|包括|指出|有|是|为")


@dataclass
class Node:
    style: str  # marker style, "h<level>" for an unnumbered Word heading, "leadin", or "root"
    line: Line | None  # None for the root
    head_start: int = 0  # where the heading's own words begin (after the marker)
    head_end: int = 0
    head: str = ""  # those words
    body: list[Line] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def numbered(self) -> bool:
        return self.style not in ("root", "leadin") and not self.style.startswith("h")


def marker_of(text: str) -> tuple[str, int] | None:
    """(style, length of the marker) when the line starts with an outline number."""
    for style, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            return style, m.end()
    return None


def _is_lead_in(text: str) -> bool:
    """A line that announces what follows: "主要问题如下：", or a paragraph whose last sentence does
    (not a salutation such as "县教育局党组：" or "同志们：")."""
    if not _LEAD_IN_END.search(text):
        return False
    last_sentence = re.split(r"[。！？!?]", text.rstrip("：: "))[-1]
    return len(last_sentence) <= _LONGEST_LEAD_IN_SENTENCE and _ANNOUNCES.search(last_sentence) is not None


def build_outline(notice: NoticeText) -> Node:
    root = Node(style="root", line=None)
    stack: list[Node] = [root]
    joined = notice.text
    for line in notice.lines:
        text = line.text_in(joined)
        if not text.strip():
            continue
        style, marker_len = _style_of(line, text)
        if style is None:
            stack[-1].body.append(line)
            continue
        node = Node(style=style, line=line, head_start=line.start + marker_len, head_end=line.end,
                    head=joined[line.start + marker_len : line.end])
        if style == "leadin":
            _place_lead_in(stack, text)
        else:
            open_styles = [n.style for n in stack]
            if style in open_styles:
                del stack[open_styles.index(style):]
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _place_lead_in(stack: list[Node], text: str) -> None:
    """A lead-in has no level of its own. One that announces the same kind of content as the
    section it is in ("主要表现在：" under "（一）党的领导方面") nests; one that announces another kind
    ("意见建议如下：" after the problems) closes the numbered lists and replaces an open lead-in."""
    announced = classify(text)
    headings = (n for n in reversed(stack) if n.line and (not n.numbered or len(n.head) <= LONGEST_SECTION_TITLE))
    current = next((kind for kind in map(classify, (n.head for n in headings)) if kind), None)
    if announced is None or announced == current:
        return
    while len(stack) > 1 and stack[-1].numbered:
        stack.pop()
    if stack[-1].style == "leadin":
        stack.pop()


def _style_of(line: Line, text: str) -> tuple[str | None, int]:
    found = marker_of(text)
    if found:
        return found
    if line.block.kind == "heading":
        return f"h{line.block.level or 1}", 0
    if _is_lead_in(text):
        return "leadin", 0
    return None, 0


def walk(node: Node):
    """Every node below `node`, depth first, in document order."""
    for child in node.children:
        yield child
        yield from walk(child)
