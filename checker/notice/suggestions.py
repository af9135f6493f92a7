"""The suggestions (意见建议 / 整改意见) of a notice.

Shapes: "提出了四点整改意见。一要…二要…" (each 一要… group up to the next 二要 is one suggestion,
the ordinal left out), "意见建议：1.… 2.…" (a lead-in and numbered lines), an outline section
"（二）意见建议" whose points are the suggestions, or whose paragraphs are, one each, and
"张三建议，XX党组要…；要…；要…" / "…要A，要B，要C" / "建议：…；…" (one per part, its opening "…要"
left out). A section of suggestions ends at the first paragraph that closes it (another speaker, a
source line); a paragraph's own 一要/二是 marker is left out.
A speech's "讲三点意见" is not a suggestion list: its points are demands on everyone present.
"""

from __future__ import annotations

import re

from checker.notice.clauses import Span, sentences, split, trim, with_full_stop
from checker.notice.lists import FAMILIES, cut_before_closing, first_family, items_from_markers
from checker.notice.outline import LONGEST_SECTION_TITLE, Node
from checker.notice.sections import Kind, classify, is_closing
from checker.notice.text import Line

_FAMILIES = ("要", "是", "其", "(n)", "n.", "circled")
_SUGGESTION_CUE = re.compile(
    r"(?:提出|提了|提)[^。；;]{0,12}(?:意见|建议)|意见建议|整改意见|整改建议|建议\s*[：:，,]"
)
# the subject and modal that open each part of "张三建议，XX党组要…；要…；要…"
_OPENING_MODAL = re.compile(r"[^，,；;。]{0,16}?(?<![重主需必只])要(?![求点素件害])")
_SPEECH = re.compile(r"讲[^。；;]{0,6}意见|谈[^。；;]{0,6}意见")
_SHORTEST_SUGGESTION = 4


class SuggestionFinder:
    def __init__(self, text: str, *, skip_lines: set[int]):
        self.text = text
        self.skip_lines = skip_lines
        self.found: list[Span] = []

    def run(self, root: Node) -> list[Span]:
        self._walk(root, None)
        self.found.sort()
        return self.found

    def _walk(self, node: Node, kind: Kind | None) -> None:
        head = node.head
        titled = node.line is not None and (not node.numbered or node.children or len(head) <= LONGEST_SECTION_TITLE)
        own = classify(head) if titled else None
        if kind is Kind.SUGGESTIONS and own is not Kind.SUGGESTIONS:
            own = None  # a point inside a suggestions section ("（一）加强…") stays a suggestion
        kind = own or kind
        if kind is Kind.SUGGESTIONS:
            if node.children:
                for child in node.children:
                    self._walk(child, kind)
            elif node.numbered and own is not Kind.SUGGESTIONS:
                self._add(node.head_start, self._point_end(node))
            else:
                self._section_body(node.body)
            return
        self._inline(node.body)
        for child in node.children:
            self._walk(child, kind)

    def _point_end(self, node: Node) -> int:
        end = node.head_end
        for line in node.body:
            if line.start in self.skip_lines or is_closing(self._first_sentence(line), demand_closes=False):
                break
            end = line.end
        return end

    def _section_body(self, lines: list[Line]) -> None:
        """Paragraphs under a suggestions heading: an inline 一要… list, or one suggestion each
        (its own 一要/二是 marker left out), up to the first paragraph that closes the list."""
        for line in lines:
            if line.start in self.skip_lines:
                continue
            s, e = trim(self.text, line.start, line.end)
            marked = first_family(self.text, s, e, _FAMILIES)
            if marked:  # 针对上述问题，巡察组提出以下建议：一是…；二是…
                for item in items_from_markers(self.text, marked[1], e, demand_closes=False):
                    self._add(*item)
                continue
            if is_closing(self._first_sentence(line), demand_closes=False):
                break
            single = next((m for f in _FAMILIES if (m := FAMILIES[f].match(self.text, s, e))), None)
            self._add(single.end() if single else s, e)

    def _inline(self, lines: list[Line]) -> None:
        """"…提出了四点整改意见。一要…二要…" inside a paragraph of running text."""
        for line in lines:
            if line.start in self.skip_lines:
                continue
            s, e = trim(self.text, line.start, line.end)
            for cue in _SUGGESTION_CUE.finditer(self.text, s, e):
                if _SPEECH.search(self.text[max(s, cue.start() - 4) : cue.end()]):
                    continue
                marked = first_family(self.text, cue.end(), e, _FAMILIES)
                if marked:
                    for item in items_from_markers(self.text, marked[1], e, demand_closes=False):
                        self._add(*item)
                    break
                announced = self.text[cue.end() - 1] in "：:"  # 建议：A；B — a list by its colon
                if self._semicolon_list(cue.end(), e, announced=announced):
                    break

    def _semicolon_list(self, start: int, end: int, *, announced: bool) -> bool:
        """"建议，XX党组要守牢…；要深化…；要加强…" : each part after its 要 is one suggestion; without
        semicolons, "…要坚持A，要规范B，要压紧C" : each clause that opens with 要 starts one."""
        sentence = sentences(self.text, start, end)
        if not sentence:
            return False
        parts = split(self.text, sentence[0][0], sentence[0][1], "；;")
        if len(parts) < 2:
            parts = self._modal_clauses(*sentence[0])
        if len(parts) < 2 and announced:  # 巡察组建议：压实河长制责任，规范项目管理。 — one suggestion
            self._add(*sentence[0])
            return True
        modals = [_OPENING_MODAL.match(self.text, s, e) for s, e in parts]
        if len(parts) < 2 or (not announced and sum(m is not None for m in modals) * 2 < len(parts)):
            return False  # not a list of things to do (…提出了意见建议；韩雪提出要求；…作表态发言)
        for (s, e), modal in zip(parts, modals):
            self._add(modal.end() if modal else s, e, sentence=False)
        return True

    def _modal_clauses(self, start: int, end: int) -> list[Span]:
        """Clauses grouped so that each group opens with 要 (the first after its subject)."""
        groups: list[Span] = []
        for s, e in split(self.text, start, end, "，,"):
            opens = self.text.startswith("要", s) or (not groups and _OPENING_MODAL.match(self.text, s, e))
            if opens or not groups:
                groups.append((s, e))
            else:
                groups[-1] = (groups[-1][0], e)
        return groups if sum(self.text.startswith("要", s) for s, _ in groups[1:]) == len(groups) - 1 else []

    def _first_sentence(self, line: Line) -> str:
        spans = sentences(self.text, line.start, line.end)
        return self.text[slice(*spans[0])] if spans else ""

    def _add(self, start: int, end: int, *, sentence: bool = True) -> None:
        start, end = trim(self.text, start, end)
        end = cut_before_closing(self.text, start, end, demand_closes=False)
        if sentence:
            end = with_full_stop(self.text, end)
        if end - start >= _SHORTEST_SUGGESTION and not any(a < end and start < b for a, b in self.found):
            self.found.append((start, end))
