"""Items written as paragraphs with inline fields:

    1. 问题：…。整改措施：…。责任领导：…；责任部门：…；整改时限：…；完成标准：…

in one paragraph, or over consecutive paragraphs and list items:

    （一）关于学习贯彻上级精神不到位的问题          ← opens the item (its problem)
    【整改措施】                                    ← a label alone: the lines below are its value
    1.建立…
    2.修订…
    责任领导：王伟    责任部门：办公室    整改时限：2024年6月底前

A paragraph with a problem label (问题：) opens an item; field labels without one open an item whose
problem is the paragraph just before (a numbered line or "关于…的问题"), if any. Headings and short
numbered lines (一、… / （一）…) that are not followed by fields are categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.models import Block, Document, Location
from checker.plan_fields import (
    DraftItem,
    clean_text,
    compact,
    is_plan_section,
    looks_like_category,
    number_style,
    number_value,
    strip_number,
)

LABELS: dict[str, tuple[str, ...]] = {
    "problem": ("反馈问题", "存在问题", "存在的问题", "具体问题", "问题内容", "问题表现", "具体表现", "问题描述",
                "主要问题", "问题"),
    "measures": ("整改措施", "整改举措", "具体措施", "主要措施", "整改任务", "措施"),
    "leader": ("责任领导", "牵头领导", "分管领导", "领导责任人", "包保领导"),
    "department": ("责任部门", "责任单位", "牵头部门", "牵头单位", "配合部门", "配合单位", "责任科室", "责任处室",
                   "责任股室", "具体责任人", "责任人", "经办人"),
    "deadline": ("整改时限", "完成时限", "时间节点", "完成时间", "整改期限", "时限"),
    "standard": ("完成标准", "整改标准", "整改目标", "预期成效", "预期目标", "验收标准"),
}
_ROLE_OF = {label: role for role, labels in LABELS.items() for label in labels}
# "责 任 领 导：" (spaces between the characters, from alignment or OCR) is the same label
_ALTERNATION = "|".join(" ?".join(map(re.escape, label)) for label in sorted(_ROLE_OF, key=len, reverse=True))
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# 【整改措施】 anywhere; 整改措施： only where a field can start (not inside 完善整改措施：).
_LABEL = re.compile(
    rf"[【\[［〔](?P<bracketed>{_ALTERNATION})[】\]］〕]\s*[:：∶︰]?"
    rf"|(?<![{_CJK}])(?P<plain>{_ALTERNATION})\s*(?:[0-9一二三四五六七八九十]{{1,2}}\s*)?[:：∶︰]"
)
_ISSUE_LINE = re.compile(r"^关于.{2,60}问题[。：:]?$")
_TRAILING = "；;，,、 \t"
_SINGLE_LINE_ROLES = ("leader", "department", "deadline")


@dataclass
class Segment:
    role: str
    text: str
    start: int  # offsets of the value in the block's text
    end: int


def split_labels(text: str) -> tuple[str, list[Segment]]:
    """The text before the first label, and each labelled value."""
    matches = list(_LABEL.finditer(text))
    segments = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end]
        role = _ROLE_OF[compact(m.group("bracketed") or m.group("plain"))]
        stripped = value.rstrip(_TRAILING + ("。" if role in _SINGLE_LINE_ROLES else ""))
        if stripped.endswith(("）", ")")) and not any(c in stripped for c in "（("):
            stripped = stripped[:-1].rstrip(_TRAILING)  # the end of "（责任领导：…；整改时限：…）"
        lead = len(stripped) - len(stripped.lstrip(_TRAILING))
        segments.append(Segment(role, stripped.strip(_TRAILING), m.end() + lead, m.end() + len(stripped)))
    prefix = text[: matches[0].start()] if matches else text
    return prefix, segments


def _span(location: Location, start: int, end: int) -> Location:
    if location.start is None:
        return location
    return location.model_copy(update={"start": location.start + start, "end": location.start + end})


def _is_category_line(block: Block) -> bool:
    return block.kind == "heading" or looks_like_category(block.text)


def _is_issue_line(block: Block) -> bool:
    """关于…的问题, numbered or not: the problem an item answers."""
    return bool(_ISSUE_LINE.match(strip_number(clean_text(block.text))))


def _is_opener(block: Block) -> bool:
    """A line that can carry the problem of the fields below it: an issue line, or a numbered
    sentence that is not a category heading (1.学习贯彻上级精神不深入。)."""
    if _is_issue_line(block):
        return True
    return number_style(block.text)[0] is not None and not _is_category_line(block)


Pending = tuple[int, Block]


class _Reader:
    """Walks the blocks once. Keeps the open item and its last labelled field (unlabelled lines
    below a field continue it), the lines read since the last item (one of them may be the
    problem of the fields that follow), the current issue line (关于…的问题 over several measure
    lines, each with its own fields) and the category."""

    MAX_PENDING = 8

    def __init__(self) -> None:
        self.drafts: list[DraftItem] = []
        self.current: DraftItem | None = None
        self.opener_style: str | None = None
        self.sub_list_last: int | None = None  # 1., 2. under a field of an item that is itself "1."
        self.last_role: str | None = None
        self.category: str | None = None
        self.pending: list[Pending] = []
        self.issue: Pending | None = None

    # -- state changes

    def close(self) -> None:
        if self.current is not None and self.current.is_item():
            self.drafts.append(self.current)
        self.current, self.last_role, self.opener_style, self.sub_list_last = None, None, None, None

    def settle(self, lines: list[Pending]) -> None:
        """Lines not followed by fields: the category headings among them set the category."""
        for _, block in lines:
            if _is_category_line(block):
                text = clean_text(block.text)
                self.category = None if is_plan_section(text) else text

    def open(self, index: int, block: Block, style_text: str) -> DraftItem:
        self.close()
        self.current = DraftItem(source="paragraph", location=block.location, order=(index, 0), category=self.category)
        self.opener_style = number_style(style_text)[0]
        return self.current

    def open_from_pending(self, index: int, block: Block, text: str) -> DraftItem:
        """Fields without a problem label: find their problem among the lines read before them."""
        openers = [k for k, (_, b) in enumerate(self.pending) if _is_opener(b)]
        issues = [k for k in openers if _is_issue_line(self.pending[k][1])]
        if issues or openers:
            k = issues[-1] if issues else openers[0]
        elif self.pending and not _is_category_line(self.pending[-1][1]):
            k = len(self.pending) - 1
        else:
            k = None
        if k is None:
            self.settle(self.pending)
            self.pending = []
            if self.issue is not None:  # another measure line under the same 关于…的问题
                item = self.open(index, block, text)
                item.add("problem", strip_number(clean_text(self.issue[1].text)), self.issue[1].location)
                return item
            return self.open(index, block, text)
        self.settle(self.pending[:k])
        opener_index, opener = self.pending[k]
        item = self.open(opener_index, opener, opener.text)
        item.add("problem", strip_number(clean_text(opener.text)), opener.location)
        for _, line in self.pending[k + 1 :]:  # unlabelled lines between the problem and the fields
            item.add("measures", line.text, line.location)
        self.issue = (opener_index, opener) if _is_issue_line(opener) else None
        self.pending = []
        return item

    # -- reading

    def continues_field(self, block: Block, text: str) -> bool:
        """An unlabelled line inside an open field (1.建立… under 整改措施：)."""
        if self.current is None or self.last_role not in ("problem", "measures", "standard"):
            return False
        if block.kind == "heading" or _is_issue_line(block):
            return False
        style = number_style(text)[0]
        if style in ("cn_dun", "cn_paren", "cn_ord") and looks_like_category(text):
            return False
        if style is None or style != self.opener_style:
            return True
        # Same numbering as the item itself: "1." under item "1." starts a sub-list, the next
        # number of that sub-list continues it; anything else is the next item.
        number = number_value(text)
        expected = 1 if self.sub_list_last is None else self.sub_list_last + 1
        if number == expected:
            self.sub_list_last = number
            return True
        return False

    def read_unlabelled(self, index: int, block: Block, text: str) -> None:
        if self.continues_field(block, text):
            assert self.current is not None and self.last_role is not None
            self.current.add(self.last_role, text, None)
            return
        self.close()
        self.issue = None
        if _is_category_line(block):
            self.settle(self.pending)
            self.pending = []
        self.pending = (self.pending + [(index, block)])[-self.MAX_PENDING :]

    def read(self, index: int, block: Block) -> None:
        text = block.text or ""
        if not clean_text(text):
            return
        prefix, segments = split_labels(text)
        if not segments:
            self.read_unlabelled(index, block, text)
            return
        roles = {s.role for s in segments}
        lead = strip_number(clean_text(prefix)).strip(_TRAILING + "（(")
        if "problem" in roles or (len(lead) >= 4 and "measures" in roles):
            # 问题：… / 1.学习不深入。整改措施：…  — the paragraph names its own problem
            self.settle(self.pending)
            self.pending, self.issue = [], None
            item = self.open(index, block, text)
            if "problem" not in roles:
                item.add("problem", lead, block.location)
        elif len(lead) >= 4 and roles & {"leader", "department", "deadline"}:
            # 1.建立学习制度。（责任领导：…；整改时限：…） — a measure line with its own fields; a
            # sentence before "整改目标：…" alone is the plan's prose, not an item
            self.read_measure_line(index, block, text, lead)
        elif len(lead) >= 4 and self.current is None:
            self.read_unlabelled(index, block, text)
            return
        elif self.opens_own_item(block, text, roles):
            self.open_numbered_fields(index, block, text)
        elif self.current is None:
            self.open_from_pending(index, block, text)
        assert self.current is not None
        for segment in segments:
            self.current.add(segment.role, segment.text, _span(block.location, segment.start, segment.end))
            self.last_role = segment.role

    def opens_own_item(self, block: Block, text: str, roles: set[str]) -> bool:
        """"2. 整改任务：…整改措施：…牵头领导：…" — a numbered paragraph that starts with its measures
        label is an item of its own, not more fields of the item before it nor the fields of the
        numbered line before it (a 台账 written as paragraphs, one numbered paragraph per row)."""
        if "measures" not in roles or number_style(text)[0] is None or block.kind == "heading":
            return False
        if self.current is None:
            return not any(_is_issue_line(b) for _, b in self.pending)
        return bool(self.current.parts.get("measures"))

    def open_numbered_fields(self, index: int, block: Block, text: str) -> None:
        issue = self.issue
        self.settle(self.pending)
        self.pending = []
        item = self.open(index, block, text)
        if issue is not None:  # another numbered measure under the same 关于…的问题
            item.add("problem", strip_number(clean_text(issue[1].text)), issue[1].location)
        self.issue = issue

    def read_measure_line(self, index: int, block: Block, text: str, lead: str) -> None:
        """A measure with its own fields: the measures of the open item if it has none yet (问题：…
        then this line), else a new item for the same problem (the next measure line)."""
        current = self.current
        if current is not None and not current.parts.get("measures"):
            current.add("measures", lead, block.location)
            return
        if current is not None:
            item = self.open(index, block, text)
            for part in current.parts.get("problem", []):
                item.add("problem", part, current.field_locations.get("problem"))
        else:
            item = self.open_from_pending(index, block, text)
        item.add("measures", lead, block.location)
        item.location, item.order = block.location, (index, 0)  # the line with the fields

    def break_at_table(self) -> None:
        self.close()
        self.settle(self.pending)
        self.pending, self.issue = [], None


def paragraph_items(doc: Document) -> list[DraftItem]:
    """Every item written with inline fields, in plan order."""
    reader = _Reader()
    for index, block in enumerate(doc.blocks):
        if block.kind == "table_cell":
            if reader.current is not None or reader.pending:
                reader.break_at_table()
            continue
        reader.read(index, block)
    reader.close()
    return reader.drafts
