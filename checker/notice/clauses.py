"""Cutting notice text into sentences and clauses without cutting inside quotes or brackets, and the
word lists that tell a failing from praise or a demand.

Every function works on spans (start, end) of one string, so what comes out can always be sliced
back from the joined notice text verbatim. Both full-width and half-width punctuation are accepted:
published notices come with either (，/, ；/; ：/: （/( ).
"""

from __future__ import annotations

import re

Span = tuple[int, int]

SENTENCE_ENDS = "。！？!?\n"
CLAUSE_SEPARATORS = "，,；;" + SENTENCE_ENDS
SEMICOLONS = "；;"
_TRIM = " \t\u3000\xa0\n，,；;。：:、！？!?"

_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "【": "】", "「": "」", "『": "』",
          "[": "]", "〈": "〉"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_LONGEST_QUOTE = 150  # an opener with no closer this close is a typo, not a quotation


def _protected(text: str, start: int, end: int) -> list[bool]:
    """For each position in text[start:end]: is it inside a (matched, short) quote or bracket?"""
    inside = [False] * (end - start)
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch == '"':  # ASCII quotes open and close alike
            if stack and stack[-1][0] == '"':
                _mark(inside, stack.pop()[1] - start, i - start)
            else:
                stack.append((ch, i))
        elif ch in _PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == _CLOSERS[ch]:
                    opener = stack[depth][1]
                    del stack[depth:]
                    if i - opener <= _LONGEST_QUOTE:
                        _mark(inside, opener - start, i - start)
                    break
    return inside


def _mark(inside: list[bool], first: int, last: int) -> None:
    for k in range(first + 1, last):
        inside[k] = True


def trim(text: str, start: int, end: int, extra: str = "") -> Span:
    """Shrink a span past surrounding whitespace and punctuation."""
    chars = _TRIM + extra
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def split(text: str, start: int, end: int, separators: str) -> list[Span]:
    """Cut text[start:end] at the separator characters that are outside quotes and brackets;
    pieces are trimmed, empty pieces dropped."""
    inside = _protected(text, start, end)
    pieces: list[Span] = []
    piece_start = start
    for i in range(start, end):
        if text[i] in separators and not inside[i - start]:
            pieces.append(trim(text, piece_start, i))
            piece_start = i + 1
    pieces.append(trim(text, piece_start, end))
    return [(s, e) for s, e in pieces if e > s]


def sentences(text: str, start: int, end: int) -> list[Span]:
    return split(text, start, end, SENTENCE_ENDS)


def clauses(text: str, start: int, end: int) -> list[Span]:
    return split(text, start, end, CLAUSE_SEPARATORS)


# --------------------------------------------------------------------------- word lists

# Words that state a failing. Used to tell a problem list from praise, plans or demands, and to
# decide whether a clause is a failing of its own; never to cut text.
FAILING = re.compile(
    r"不到位|不够|不足|不强|不深|不高|不严|不实|不力|不细|不准|不紧|不规范|不充分|不彻底|不及时|不健全"
    r"|不完善|不全面|不全|不明显|不落实|不清|不一致|不合规|不扎实|不精准|不聚焦|不平衡|不牢|不好|不佳|不畅|不经常|不均衡|不稳定|不紧密|不严谨|不专业"
    r"|不多|不大|不广|不善|不当|不严肃|不作为|有差距|差距|缺乏|缺失|缺少|缺位|欠缺|薄弱|弱化|虚化|淡化"
    r"|泛化|边缘化|滞后|偏差|偏软|偏弱|偏松|宽松软|失之于宽|流于形式|走过场|形式主义|官僚主义|隐患"
    r"|漏洞|违规|违反|违纪|超标|超范围|擅自|随意|未能|未按|未经|未及时|未建立|未制定|未开展|未落实|未|没有|无"
    r"|拖沓|重[^，,；;。]{1,8}轻|屡查屡犯|打折扣|搞变通|空转|落差|温差|混乱|乱象|推诿|敷衍|懈怠|挪用"
    r"|截留|虚报|套取|代替|替代|空缺|应付|照抄照搬|抄袭|而不决|重复研究|搁置|欠缴|拖欠|突出|失职|失责"
    r"|松懈|放松|松弛|弱|差|低|少|难|慢|乏力|短板|盲区|死角|瑕疵|问题"
)
# Praise and background that a notice writes before its problems (坚持以…为指导, 取得了成效).
PRAISE = re.compile(
    r"坚持以[^。；;]{0,40}为指导|取得了?[^。；;，,]{0,8}成效|取得[^。；;]{0,6}成绩|给予[^。；;]{0,4}肯定"
    r"|充分肯定|工作扎实|成效明显|积极推进|不断增强|持续向好|明显提升|稳步推进|好的做法"
)
# A demand or plan, not a failing: 要…, 必须…, 将…
# 应 is "should", not the 应 of 应急/应用/应收/应对 (应急救灾物资储备不足 is a problem)
DEMAND_START = re.compile(r"^\s*(?:要|必须|务必|应当|应(?![急用届收付缴对变聘征试])|希望|须|将|要求|请|进一步|切实|坚决|认真|抓好|加强)")
# Problem leads handed to the discipline bodies: not the unit's to rectify.
CLUE = re.compile(r"问题线索|已按有关规定|已移交|已移送|转交?[^。；;]{0,12}(?:纪委|监委|组织部)[^。；;]{0,12}处理")

_CLOSING_ETC = re.compile(
    r"(?<![平高同中均相初上优次对])等(?:等)?(?:方面)?(?:的)?(?:突出)?(?:问题|情况|现象|情形|不足)?$"
)


def states_failing(fragment: str) -> bool:
    return FAILING.search(fragment) is not None


def strip_closing_etc(text: str, start: int, end: int) -> Span:
    """Drop the 等 / 等问题 / 等情况 that closes a list (平等, 高等 stay)."""
    start, end = trim(text, start, end)
    m = _CLOSING_ETC.search(text, start, end)
    if m and m.start() > start:
        return trim(text, start, m.start())
    return start, end


def with_full_stop(text: str, end: int) -> int:
    """Take in the 。 right after a span that ends a sentence (an item quoted as a sentence)."""
    return end + 1 if text[end : end + 1] in ("。", "！", "？") else end
