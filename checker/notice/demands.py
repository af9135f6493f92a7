"""The procedural demands a notice states itself: which of the rule packs' concepts it names, with
the time allowed (反馈后2个月内) and the recipient (报送巡察办) when it says them.

A mention is read in its clause: the time is the one in the same clause, or in the clause just
before it when that clause is only a time ("反馈之后2个月内，要将整改情况报告报送…"); the recipient is
looked for in the clause and in the clauses that continue it (…，经…初审后，上报巡察办审核). One
Demand per concept: the most specific mention (a time beats a recipient beats a mere modal verb;
the earliest on ties); a mention with none of the three reports what was done (…对问题即知即改), not a
demand. A table row reads "制定整改方案，报县委巡察办审核，反馈后15日内": a time that follows the
mention (and its recipient) as the row's last cell is its time too. A "*个月内" placeholder counts as
a stated time with no number (within=None).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from checker.models import Duration
from checker.notice.clauses import Span, split, trim
from checker.timeexpr import find_time_mentions

CONCEPTS: dict[str, re.Pattern[str]] = {
    "问题清单": re.compile(r"问题清单|三张清单"),
    "任务清单": re.compile(r"任务清单|三张清单"),
    "责任清单": re.compile(r"责任清单|三张清单"),
    "专题民主生活会": re.compile(r"民主生活会|专题组织生活会"),
    "整改情况报告": re.compile(r"整改(?:工作)?(?:进展|落实|推进)?(?:情况)?(?:的)?报告|组织落实(?:整改)?情况(?:的)?报告"),
    "整改方案": re.compile(r"整改(?:工作|落实)?(?:实施)?方案"),
    "党内通报": re.compile(r"党内[^。；;，,]{0,10}通报|在[^。；;，,]{0,8}内[^。；;]{0,12}通报|通报[^。；;]{0,6}党内|内部通报"),
    "向社会公开": re.compile(r"向社会(?:公开|公布)|社会公开|对外公开|(?:网站|媒体)[^。；;，,]{0,6}(?:公开|公布)|以适当方式公开"),
    # 集中整改, or the period in which most problems must be closed: 确保在3个月内取得明显整改成效
    "集中整改": re.compile(r"集中整改|(?:\d+|[一二两三四五六七八九十]+)\s*个月内[^。；;]{0,10}(?:取得|完成)[^。；;]{0,10}整改"),
    "第一责任人": re.compile(r"第一责任人"),
    "一岗双责": re.compile(r"一岗双责"),
    "长效机制": re.compile(r"长效机制|建章立制|长久立"),
    "立行立改": re.compile(r"立行立改|即知即改|立说立改|立知立改"),
    "上轮整改": re.compile(
        r"(?:上轮|上一轮|上次|前次|上届|以往|历次|此前)(?:巡视|巡察|审计)[^。；;]{0,24}(?:整改|问题)"
        r"|(?:审计|巡视|巡察)(?:发现|指出|反馈)的?问题[^。；;]{0,6}整改(?:不到位|不彻底|不力|未到位)"
    ),
}
_ORGAN = (
    r"(?:[省市县区州旗盟]委)?(?:巡察工作领导小组(?:办公室)?|巡视工作领导小组(?:办公室)?|巡察办|巡视办"
    r"|纪委监委|纪委|监委|组织部)|[省市县区州旗盟]委"
)
_ORGANS = rf"[^，,；;。、\s]{{0,10}}?(?:{_ORGAN})(?:[和及、与][^，,；;。、\s]{{0,10}}?(?:{_ORGAN}))*"
# 报送巡察办 / 上报县委巡察办审核 / 向区委巡察办报送 / 报市纪委监委和市委组织部
_RECIPIENT = re.compile(
    rf"(?:报送|上报|呈报|提交|报)(?!告|送)(?:至|给|到)?\s*(?P<to>{_ORGANS})"
    rf"|向\s*(?P<to2>{_ORGANS})\s*(?:报送|上报|呈报|提交|报告|汇报|报)"
)
_CONTINUATION = re.compile(r"^(?:经|并?(?:同时)?(?:报|上报|抄送))")
_MODAL = re.compile(r"要|必须|务必|应当|应|确保|须|需|按规定|按照规定|按要求|及时")
_AFTER_ANY_END = 1 << 62  # sorts after any end offset
_ONLY_TIME = re.compile(r"^(?:在|于|自|从)?[^，,；;。]{0,12}(?:内|以内|之内|前)$")


@dataclass
class FoundDemand:
    concept: str
    start: int
    end: int
    within: Duration | None
    to: str | None
    score: int


def find_demands(text: str, *, statements: list[Span], problems: list[Span]) -> list[FoundDemand]:
    """The best mention of each concept. Nothing comes from `statements` (the unit's 表态: its
    promises are not the notice's demands); nothing but 上轮整改 from `problems` (a problem that says
    上轮巡察整改不到位 is how a notice demands the leftovers be fixed)."""
    statements, problems = sorted(statements), sorted(problems)
    mentions: dict[str, list[tuple[Span, FoundDemand]]] = {}
    for sentence in split(text, 0, len(text), "。！？!?；;\n"):
        clause_spans = split(text, sentence[0], sentence[1], "，,")
        for index, clause in enumerate(clause_spans):
            if _overlaps(clause, statements):
                continue
            in_problem = _overlaps(clause, problems)
            for concept, pattern in CONCEPTS.items():
                if pattern.search(text, *clause) and (not in_problem or concept == "上轮整改"):
                    found = _read_mention(text, concept, clause_spans, index)
                    if found.score == 0 and concept != "上轮整改":
                        continue  # no time, recipient or 要: a report of what was done (…即知即改)
                    mentions.setdefault(concept, []).append((sentence, found))
    best = [_most_specific(found) for found in mentions.values()]
    return sorted(best, key=lambda d: list(CONCEPTS).index(d.concept))


def _most_specific(found: list[tuple[Span, FoundDemand]]) -> FoundDemand:
    """The highest-scoring mention; when it names no recipient and the same sentence names one
    for the same concept (…15日内研究制定整改方案，…，整改方案经初审后报县委巡察办审核), it takes that
    one too and its text reaches over both."""
    sentence, best = max(found, key=lambda pair: pair[1].score)  # max keeps the first on ties
    if best.to is None:
        for other_sentence, other in found:
            if other_sentence == sentence and other.to is not None:
                return FoundDemand(best.concept, min(best.start, other.start), max(best.end, other.end),
                                   best.within, other.to, best.score + 2)
    return best


def _overlaps(span: Span, spans: list[Span]) -> bool:
    """Is the middle of `span` inside one of `spans` (sorted, not overlapping)?"""
    middle = (span[0] + span[1]) // 2
    index = bisect_right(spans, (middle, _AFTER_ANY_END)) - 1
    return index >= 0 and spans[index][0] <= middle < spans[index][1]



def _read_mention(text: str, concept: str, clauses: list[Span], index: int) -> FoundDemand:
    start, end = clauses[index]
    time = _time_in(text, start, end)
    if time is None and index > 0 and _ONLY_TIME.match(text[slice(*clauses[index - 1])]):
        time = _time_in(text, *clauses[index - 1])
        if time is not None:
            start = clauses[index - 1][0]
    after = index + 1
    for following in clauses[index + 1 :]:
        if not _CONTINUATION.match(text[slice(*following)]):
            break
        end = following[1]
        after += 1
    if time is None and after == len(clauses) - 1 and _ONLY_TIME.match(text[slice(*clauses[after])]):
        time = _time_in(text, *clauses[after])  # a table row: 制定整改方案，报县委巡察办审核，反馈后15日内
        if time is not None:
            end = clauses[after][1]
    start, end = trim(text, start, end)
    piece = text[start:end]
    recipient = _RECIPIENT.search(piece)
    stated, within = time if time is not None else (False, None)
    modal = _MODAL.search(text, clauses[0][0], clauses[-1][1]) is not None  # 要… anywhere in the sentence
    score = 4 * stated + 2 * (recipient is not None) + modal
    to = (recipient.group("to") or recipient.group("to2")) if recipient else None
    return FoundDemand(concept, start, end, within, to, score)


def _time_in(text: str, start: int, end: int) -> tuple[bool, Duration | None] | None:
    """(a time is stated, its duration) for the first duration in the clause; "*" gives (True, None)."""
    for mention in find_time_mentions(text[start:end]):
        if mention.kind == "duration":
            return True, mention.duration
    return None
