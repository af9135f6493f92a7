"""The problems of a notice, in every shape published notices use:

- one long sentence after a lead-in: "…发现了一些问题，主要是：A；B；C等。" (cut at ；);
- 一是…二是…三是… (in one paragraph or one per paragraph), 其一…, （1）…, ①…;
- "巡察发现，…；…；…等问题" and "存在A、B、C等问题" (each part a failing);
- an outline 一、（一）1.: the problems are the lowest numbered points, the headings above them
  (党的领导方面 …) their category; a category heading may instead be followed by plain paragraphs,
  one problem each, or by an inline list; a numbered sentence that states a failing ("1.…不到位。")
  over numbered details ("（1）…（2）…") is one problem, its details its parts;
- a numbered point may go on over the paragraphs after it; a list that stops at "；" at the end of a
  paragraph goes on in the next one; one more failing in a sentence of its own ends a list;
- a notice to several units: "共性问题" and, under "个性问题", one heading per unit (the problem's
  `unit`); a table of problems (序号 | 问题类别 | 具体问题), the category cell naming the category;
- a news report with no numbering at all: after the problems are announced ("通报了巡察发现的主要
  问题。" or "巡察发现，" opening the first one), each paragraph that opens with a short judgement
  (媒体融合改革推进缓慢。A；B。) is one problem, until a paragraph that closes the list (此外…,
  问题线索, another speaker).

Left out: 问题线索 handed to 纪委监委, praise and background, the speaker's demands, the unit's own
表态, and — in a speech to several units at once — the "有的单位…；有的…" observations about the round,
which belong to no unit in particular.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.notice.clauses import (
    CLUE, DEMAND_START, PRAISE, Span, sentences, split, states_failing, strip_closing_etc, trim,
    with_full_stop,
)
from checker.notice.lists import cut_before_closing, first_family, items_from_markers, ordinal_markers
from checker.notice.outline import LONGEST_SECTION_TITLE, Node
from checker.notice.sections import (
    Kind, category_of, classify, inline_category, is_closing, shared_category, unit_heading,
)
from checker.notice.subproblems import sub_problems
from checker.notice.text import Line

_LIST_FAMILIES = ("是", "其", "(n)", "n.", "circled")
# where a list starts when there is no colon: 主要是 / 发现… / 存在以下问题
_LIST_START_CUE = re.compile(
    r"主要(?:是|有|表现(?:在|为))|具体(?:表现)?(?:是|为|有|在)|发现(?:了)?(?:[^，,；;。：:]{0,20}?问题)?[，,]?"
    r"|存在(?:以下|如下|下列)(?:[^，,；;。：:]{0,8}?问题)?|从[^，,；;。]{0,10}(?:巡察|巡视)[^，,；;。]{0,8}看[，,]?"
    r"|(?:巡察|巡视)组?(?:还|也)?指出[，,]?"
)
# "有的单位…", "一些党组织…": an observation about many units, not a problem of one
_ROUND_WIDE = re.compile(r"^(?:有的|一些|个别|部分|少数)")
_SHORTEST_PROBLEM = 4
_LONGEST_TITLE = 30  # a title sentence of a problem paragraph: 粮食安全政治责任扛得不够牢。
# a sentence that sums the list up: 这些问题…, 上述问题…, 以上问题…
_SUMS_UP = re.compile(r"^\s*(?:这些|上述|以上|此类|对此|对这些|总的来看|总体看)")
# A paragraph that announces the problems of a news report written one paragraph per problem
# (白书琴代表巡察组通报了巡察发现的主要问题。). Only what follows it may be read that way: the same
# short judgements in background or a speech are not problems.
_PARAGRAPHS_LEAD = re.compile(
    r"(?:通报|反馈|指出|点明|列举)了?[^。；;]{0,16}?问题|(?:巡察|巡视)(?:组|中|工作中)?(?:还|也)?(?:发现|指出)"
)
# "巡察发现，" opening the first problem paragraph announces it; the problem starts after it
_OPENING_CUE = re.compile(r"\s*(?:(?:巡察|巡视)(?:组|中|工作中)?(?:还|也)?(?:发现|指出)了?)\s*[，,：:]\s*")


# "对上述共性问题，县委巡察办将另行通报县委统战部…，由主管部门统筹推动系统整改": the notice itself
# hands the problems all the inspected units share to their 主管部门; this unit's plan need not answer them
_HANDED_OVER = re.compile(
    r"由[^。；;]{0,20}主管部门[^。；;]{0,12}整改|(?:另行|将)[^。；;]{0,6}(?:通报|移交|转交|反馈)[^。；;]{0,30}系统整改"
)


# a line that opens with a number or an ordinal: a list item of its own
_NUMBERED_LINE = re.compile(r"^\s*(?:[\d０-９]+[.．、]|[（(][\d一二三四五六七八九十]+[)）]|[①-⑳]|[一二三四五六七八九十]+[是、])")


_LEADING_ORDINAL = re.compile(r"\s*(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|问题[一二三四五六七八九十\d]+(?=[：:]))[，,：:]?\s*")
# "问题三：…。主要表现为：（1）…；（2）…" — a paragraph labelled as one problem, its list its parts
_PROBLEM_LABEL = re.compile(r"\s*问题[一二三四五六七八九十\d]+[：:]")


def _hands_over_shared(paragraph: str) -> bool:
    return "共性" in paragraph and _HANDED_OVER.search(paragraph) is not None


def _bare_category(line: str) -> bool:
    """A category heading on a line of its own, unnumbered and unpunctuated (党的建设方面)."""
    line = line.strip()
    return bool(line) and not re.search(r"[。；;，,：:！？!?]", line) and category_of(line) is not None


def _judges(fragment: str) -> bool:
    """States a failing, not merely the word 问题 (解决了一批问题 is praise)."""
    return states_failing(fragment.replace("问题", ""))


@dataclass
class FoundProblem:
    start: int
    end: int
    category: str | None = None
    subs: list[str] = field(default_factory=list)
    unit: str | None = None


class ProblemFinder:
    def __init__(self, text: str, *, skip_lines: set[int], multi_unit: bool):
        self.text = text
        self.skip_lines = skip_lines  # start offsets of lines nobody's list may use (表态)
        self.multi_unit = multi_unit
        self.found: list[FoundProblem] = []
        self.handed_over: list[int] = []  # where the notice hands its 共性问题 to the 主管部门

    def run(self, root: Node) -> list[FoundProblem]:
        self.unit: str | None = None  # under 个性问题: the unit whose problems these are
        self.running_category: str | None = None  # named inline (党的建设方面，…) for the rest of a paragraph
        self._walk(root, None, None)
        self.found.sort(key=lambda p: p.start)
        return self.found

    # ----------------------------------------------------------------- the outline

    def _walk(self, node: Node, kind: Kind | None, category: str | None) -> None:
        head = node.head
        # a heading says what its section holds; a long numbered point is content, whatever its words
        # ("5. 上轮巡察整改要求落实不到位" is a problem, not a 整改要求 section)
        titled = node.line is not None and (not node.numbered or node.children or len(head) <= LONGEST_SECTION_TITLE)
        kind = (classify(head) if titled else None) or kind
        if kind in (Kind.SUGGESTIONS, Kind.OTHER):
            return
        category = category_of(head) or category
        outer_unit = self.unit
        if titled:
            self.unit = (unit_heading(head) if category == "个性问题" else None) or self.unit
        try:
            self._walk_below(node, head, kind, category)
        finally:
            self.unit = outer_unit

    def _walk_below(self, node: Node, head: str, kind: Kind | None, category: str | None) -> None:
        if self._is_titled_point(node, head):
            # 1.…责任落实不到位。 over （1）…；（2）… : one problem, its numbered details the parts
            s, e = trim(self.text, node.head_start, self._point_end(node.children[-1]))
            self._add(s, e, category)
        elif node.children:
            self._paragraphs(node.body, kind, category)
            for child in node.children:
                self._walk(child, kind, category)
        elif self._is_header(node, head):
            self._paragraphs(node.body, kind, category)
        else:
            self._point(node, kind, category)

    def _point_end(self, node: Node) -> int:
        """A numbered point goes on over the paragraphs after it, up to one that closes the list."""
        end = node.head_end
        for line in node.body:
            first = sentences(self.text, line.start, line.end)
            if line.start in self.skip_lines or (first and is_closing(self.text[slice(*first[0])])):
                break
            if _bare_category(self.text[line.start : line.end]):
                break  # 全面从严治党方面 on a line of its own opens the next group of points
            end = line.end
        return end

    def _is_titled_point(self, node: Node, head: str) -> bool:
        """A numbered sentence that states a failing ("1.…落实不到位。") over numbered details that
        have none below them. A heading without its full stop ("（一）…有差距") stays a heading, and
        so does one whose points are problems of their own, with a title and details of their own
        (a speech's "第一，…决策部署不够到位。" over "（1）招商引资质量不高。2024年以来…")."""
        return (
            node.numbered and bool(node.children) and not node.body
            and head.rstrip().endswith("。") and _judges(head) and category_of(head) is None
            and len(sentences(self.text, node.head_start, node.head_end)) == 1
            and all(not child.children and child.numbered for child in node.children)
            and not any(len(sentences(self.text, c.head_start, self._point_end(c))) >= 2 for c in node.children)
        )

    def _is_header(self, node: Node, head: str) -> bool:
        if not node.numbered:
            return True
        if category_of(head):
            return True
        return len(head) <= LONGEST_SECTION_TITLE and classify(head) is Kind.PROBLEMS and not _judges(head)

    def _point(self, node: Node, kind: Kind | None, category: str | None) -> None:
        """A numbered point with no points below it: one problem, going on over its paragraphs."""
        assert node.line is not None
        start, end = node.head_start, node.head_end
        inline = inline_category(self.text, start, end)
        if inline:  # （一）党的领导方面：A；B；C — a category with its problems on the same line
            self._paragraph(inline[1], end, Kind.PROBLEMS, inline[0], previous="")
            self._paragraphs(node.body, Kind.PROBLEMS, inline[0])
            return
        s, e = trim(self.text, start, self._point_end(node))
        piece = self.text[s:e]
        if kind is None and not (states_failing(piece) and not DEMAND_START.match(piece)):
            return
        self._add(s, e, category)

    # ----------------------------------------------------------------- paragraphs

    def _whole_cells(self, lines: list[Line]) -> list[Line]:
        """The lines of one table cell as one paragraph: a problem table's cell is one problem, its
        paragraphs (title, then details; an example) its parts — unless they are numbered (1.…\n2.…)."""
        out: list[Line] = []
        for line in lines:
            previous = out[-1] if out else None
            if (previous is not None and line.block.kind == "table_cell" and line.block is previous.block
                    and not _NUMBERED_LINE.match(self.text[line.start : line.end])):
                out[-1] = Line(previous.start, line.end, line.block)
            else:
                out.append(line)
        return out

    def _paragraphs(self, lines: list[Line], kind: Kind | None, category: str | None) -> None:
        lines = self._whole_cells(lines)
        previous, previous_start = "", len(self.text)
        pending: tuple[str, int] | None = None  # a 一是… list going on in the next paragraph
        open_list = False
        announced = False  # the problems were announced: a titled paragraph is one (see _titled_paragraph)
        outer_category = category
        for line in lines:
            if line.start in self.skip_lines:
                pending, previous = None, ""
                continue
            s, e = trim(self.text, line.start, line.end)
            if _hands_over_shared(self.text[s:e]):
                # this paragraph is not read; the shared problems of the one before it go too (对上述共性问题，…)
                self.found = [p for p in self.found if not ("共性" in previous and p.start >= previous_start)]
                self.handed_over.append(s)
                pending, previous, open_list = None, "", False
                continue
            if line.block.kind == "table_cell":
                # a table of problems: 序号 | 问题类别 | 具体问题 — the category cell (merged down its
                # rows, so read once) names the category of the problem cells after it
                cell_category = category_of(self.text[s:e]) if e - s <= 20 else None
                if cell_category:
                    category = cell_category
                    continue
            else:
                category = outer_category
            first = sentences(self.text, s, e)
            if kind is not None and first and is_closing(self.text[slice(*first[0])]):
                # 同时，…问题线索… / 张三强调，… : what the heading announced has ended; a list
                # further on must announce itself (张三指出，…问题，主要是：…)
                pending, kind = None, None
            continued = ordinal_markers(self.text, s, e, *pending) if pending else []
            closing = bool(first) and is_closing(self.text[slice(*first[0])])
            if pending and continued and continued[0][0] == s:  # 二是… in the paragraph after 一是…
                self._add_items(items_from_markers(self.text, continued, e), category)
                pending = (pending[0], pending[1] + len(continued))
            elif kind is None and not open_list and not closing and self._titled_paragraph(s, e, category, announced):
                pending = None
            else:
                found_before = len(self.found)
                # a list that stopped at "；" goes on in the next paragraph (a page broke the line)
                this_kind = Kind.PROBLEMS if open_list and not closing else kind
                pending = self._paragraph(s, e, this_kind, category, previous)
                open_list = len(self.found) > found_before and self.text[line.start : line.end].rstrip()[-1:] in "；;"
            # what closes a list (此外…问题线索, 张三强调，…) also ends a run of problem paragraphs
            announced = not closing and (announced or _PARAGRAPHS_LEAD.search(self.text[s:e]) is not None)
            previous, previous_start = self.text[s:e], s

    def _paragraph(self, s: int, e: int, kind: Kind | None, category: str | None, previous: str) -> tuple[str, int] | None:
        """Problems in one paragraph; returns the list family still open at its end, if any."""
        self.running_category = None
        explicit = kind is Kind.PROBLEMS
        if _PROBLEM_LABEL.match(self.text, s, e):
            self._single(s, e, category)
            return None
        inline = inline_category(self.text, s, e)
        if inline:
            category, s = inline
            explicit = True
        marked = first_family(self.text, s, e, _LIST_FAMILIES)
        opening = self._opening_marker(s, e)
        if opening and (not marked or marked[1][0][0] > s):
            marked = opening  # 其一，…①…；②… : the paragraph is an item, ①② are its parts
        marked = marked or self._single_marker(s, e, explicit)
        if marked:
            family, markers = marked
            lead = self.text[s : markers[0][0]].strip() or previous
            category = shared_category(lead) or category  # 存在的共性问题主要有：一是…
            if explicit or self._announces_problems(lead):
                items = items_from_markers(self.text, markers, e)
                if self._is_problem_list(items):
                    # 一是…。二是…。 are sentences (keep the 。); 一是…；二是…。 are parts of one
                    ends_with_stop = len(items) < 2 or self.text[items[0][1] : items[0][1] + 1] == "。"
                    self._add_items(items, category, as_sentences=ends_with_stop)
                    return family, len(markers) + 1
                return None
        sentence_spans = sentences(self.text, s, e)
        if explicit and len(sentence_spans) >= 2 and self._is_title(*sentence_spans[0]):
            # 仓储安全生产存在隐患。A；B；C。 — a titled paragraph is one problem, its details the parts
            self._single(s, e, category)
            return None
        found_any = False
        for ss, se in sentence_spans:
            if found_any and is_closing(self.text[ss:se]):
                break
            # a list announced once may go on in the next sentence: 主要是：A；B。C；D。 or …；D。E。
            listed = self._semicolon_list(ss, se, s, explicit or found_any, category, previous) \
                or self._enumeration(ss, se, explicit, category)
            if not listed and found_any:
                listed = self._last_item(ss, se, category)
            found_any |= listed
        if not found_any and explicit:
            self._single(s, e, category)
        return None

    def _titled_paragraph(self, s: int, e: int, category: str | None, announced: bool) -> bool:
        """One problem of a news report written one unnumbered paragraph per problem: a short
        judgement, then its details (媒体融合改革推进缓慢。A；B。). Only after the problems were
        announced, or opened by "巡察发现，" itself; a paragraph with a list of its own is read as a
        list, and praise, a demand or a sentence with commas never opens such a paragraph."""
        cue = _OPENING_CUE.match(self.text, s, e)
        if cue:
            s = cue.end()
        elif not announced:
            return False
        if first_family(self.text, s, e, _LIST_FAMILIES) or self._opening_marker(s, e):
            return False
        spans = sentences(self.text, s, e)
        if len(spans) < 2 or not self._is_title(*spans[0]) or PRAISE.search(self.text[slice(*spans[0])]):
            return False
        if self.multi_unit and _ROUND_WIDE.match(self.text[s:e]):
            return False  # 有的单位…: about the round, not one unit
        found_before = len(self.found)
        self._single(s, e, category)
        return len(self.found) > found_before

    def _is_title(self, s: int, e: int) -> bool:
        """A short sentence that only names a failing (粮食安全政治责任扛得不够牢。): no clause breaks."""
        piece = self.text[s:e].rstrip("。！!？? ")
        return len(piece) <= _LONGEST_TITLE and not re.search(r"[，,；;：:]", piece) and _judges(piece) \
            and not DEMAND_START.match(piece) and not _SUMS_UP.match(piece) and not is_closing(piece)

    def _opening_marker(self, s: int, e: int) -> tuple[str, list[tuple[int, int]]] | None:
        for family in _LIST_FAMILIES:
            markers = ordinal_markers(self.text, s, e, family)
            if markers and markers[0][0] == s:
                return family, markers
        return None

    def _single_marker(self, s: int, e: int, explicit: bool) -> tuple[str, list[tuple[int, int]]] | None:
        """A paragraph that opens a 一是… list continued in the paragraphs below."""
        for family in _LIST_FAMILIES:
            markers = ordinal_markers(self.text, s, e, family)
            if len(markers) == 1 and (markers[0][0] == s or explicit):
                return family, markers
        return None

    def _semicolon_list(self, ss: int, se: int, para_start: int, explicit: bool, category: str | None, previous: str) -> bool:
        parts = split(self.text, ss, se, "；;")
        if len(parts) < 2:
            return False
        first_start, first_end = parts[0]
        list_start = self._list_start(first_start, first_end)
        if list_start is None:
            if not explicit:
                return False
            list_start = first_start
        lead = self.text[ss:list_start] or previous
        category = shared_category(lead) or category
        if not explicit and not self._announces_problems(lead or self.text[para_start:ss]):
            return False
        items = [trim(self.text, list_start, first_end)] + parts[1:]
        if not self._is_problem_list(items):
            return False
        self._add_items(items, category, as_sentences=False)
        return True

    def _last_item(self, ss: int, se: int, category: str | None) -> bool:
        """One more failing, in a sentence of its own, after a list (…；D。对上轮巡视…整改不到位。)."""
        piece = self.text[ss:se]
        if not _judges(piece) or DEMAND_START.match(piece) or _SUMS_UP.match(piece):
            return False
        inline = inline_category(self.text, ss, se)
        self._add(ss, se, inline[0] if inline else self.running_category or category, sentence=False)
        return True

    def _list_start(self, start: int, end: int) -> int | None:
        colon_pieces = split(self.text, start, end, "：:")
        if len(colon_pieces) >= 2:
            return colon_pieces[-1][0]
        cue_end = None
        for m in _LIST_START_CUE.finditer(self.text, start, end):
            cue_end = m.end()
        return cue_end

    def _enumeration(self, s: int, e: int, explicit: bool, category: str | None) -> bool:
        """存在A、B、C等问题: several failings in one clause, each a problem."""
        m = re.search(r"存在([^。；;]{8,}?)等(?:方面的?)?问题", self.text[s:e])
        if not m:
            return False
        start = s + m.start(1)
        parts = split(self.text, start, s + m.end(1), "、")
        if len(parts) < 2 or not all(states_failing(self.text[a:b]) and b - a >= _SHORTEST_PROBLEM for a, b in parts):
            return False
        if not explicit and not self._announces_problems(self.text[s:start]):
            return False
        self._add_items(parts, category, as_sentences=False)
        return True

    def _single(self, s: int, e: int, category: str | None) -> None:
        """A paragraph under a problems heading that states one failing."""
        e = cut_before_closing(self.text, s, e)
        piece = self.text[s:e]
        if _judges(piece) and not DEMAND_START.match(piece):
            self._add(s, e, category)

    # ----------------------------------------------------------------- checks and results

    def _announces_problems(self, lead: str) -> bool:
        return classify(lead) is Kind.PROBLEMS if lead else False

    def _is_problem_list(self, items: list[Span]) -> bool:
        texts = [self.text[a:b] for a, b in items]
        if not texts:
            return False
        if sum(states_failing(t) for t in texts) * 2 < len(texts):
            return False  # a list of plans or praise
        if self.multi_unit and sum(bool(_ROUND_WIDE.match(t)) for t in texts) * 2 >= len(texts):
            return False
        return True

    def _add_items(self, items: list[Span], category: str | None, *, as_sentences: bool = True) -> None:
        """Each item a problem; "党的建设方面，C；D" names the category of C and of the items after it
        in the paragraph, until another one is named."""
        for index, (s, e) in enumerate(items):
            inline = inline_category(self.text, s, e)
            if inline:  # 一是党的领导方面，…
                self.running_category, s = inline
            self._add(s, e, self.running_category or category, closes_list=index == len(items) - 1,
                      sentence=as_sentences)

    def _add(self, start: int, end: int, category: str | None, *, closes_list: bool = False,
             sentence: bool = True) -> None:
        # "…等" / "…等问题" is cut only where it closes a whole list; "存在…等情况" inside stays
        start, end = strip_closing_etc(self.text, start, end) if closes_list else trim(self.text, start, end)
        if sentence:
            end = with_full_stop(self.text, end)  # 一是…。 / 1. …。 are whole sentences
        ordinal = _LEADING_ORDINAL.match(self.text, start, end)
        if ordinal:  # "三是…" going on in a paragraph of its own after "一是…；二是…"
            start = ordinal.end()
        piece = self.text[start:end]
        if end - start < _SHORTEST_PROBLEM or CLUE.search(piece):
            return
        if PRAISE.search(piece) and not _judges(piece):
            return  # 坚持以…为指导，取得了明显成效
        if any(p.start < end and start < p.end for p in self.found):
            return  # already found by another shape
        self.found.append(FoundProblem(start, end, category, sub_problems(self.text, start, end), self.unit))
