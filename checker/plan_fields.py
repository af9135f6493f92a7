"""The vocabulary of a plan item: what a 台账 column header or an inline label means, how a field's
text is cleaned, and the draft an item is built in before it gets its id.

Shared by checker.plan_tables (ledger tables) and checker.plan_paragraphs (inline fields)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from checker.deadlines import parse_deadline
from checker.models import Item, Location

# Header wording → role: an Item field, or "category" (sets Item.category), "owner" (leader and
# department in one column) or "ignore". Tried in this order, the first group with a keyword inside
# the label wins: "领导责任人" is a leader before "责任人" can make it a department, "问题整改措施"
# is measures before "问题" makes it a problem, "完成情况" is ignored before "完成…" means more.
HEADER_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("ignore", ("序号", "编号", "完成情况", "整改情况", "进展情况", "整改进展", "完成进度", "整改结果",
                "备注", "佐证", "销号", "是否完成", "审核意见")),
    ("leader", ("责任领导", "牵头领导", "分管领导", "领导责任人", "包保领导", "责任校领导", "领导")),
    ("department", ("责任部门", "责任单位", "牵头部门", "牵头单位", "配合部门", "配合单位", "协办单位",
                    "责任科室", "责任处室", "责任股室", "具体责任人", "责任人", "经办人", "承办",
                    "部门", "单位", "科室", "处室", "股室")),
    ("deadline", ("整改时限", "完成时限", "时间节点", "完成时间", "整改期限", "办结时限", "时限", "期限", "时间")),
    ("measures", ("整改措施", "整改举措", "具体措施", "整改任务", "措施", "举措")),
    ("standard", ("完成标准", "整改标准", "整改目标", "预期成效", "预期目标", "验收标准", "标准", "目标")),
    ("category", ("问题类别", "问题类型", "问题分类", "类别", "方面", "领域")),
    ("problem", ("反馈问题", "问题内容", "具体问题", "存在问题", "存在的问题", "问题表现", "具体表现",
                 "问题描述", "主要问题", "问题")),
]
# A header cell is short: "整改时限（时间节点）" — longer text is data that happens to say 问题.
MAX_HEADER_CHARS = 16

_SPACES = re.compile(r"[ \t\u3000\u00a0\u2000-\u200b\u202f\u205f]+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}，。；：、（）“”]) +(?=[{_CJK}，。；：、（）“”])")
# What a reviewer reads as "nothing here".
_EMPTY_MARKS = re.compile(r"^[/\\／＼\-—–－_~～、.。·…\s]*$")
_EMPTY_WORDS = {"无", "暂无", "待定", "未定", "空", "略", "缺", "不详", "暂未确定", "待明确", "n/a", "na", "none"}
_SAME_AS_ABOVE = {"同上", "同前", "同上条", "同上一条", "同上栏"}


def compact(text: str) -> str:
    """Text with every space removed: how a header or a label is compared ("责 任 领 导")."""
    return _SPACES.sub("", text or "").replace("\n", "")


def classify_header(label: str) -> str | None:
    """The role of a 台账 column from its header wording, or None when it names no known column."""
    key = compact(label).strip("：:*＊")
    if not key or len(key) > MAX_HEADER_CHARS:
        return None
    for role, keywords in HEADER_KEYWORDS:
        hit = next((k for k in keywords if k in key), None)
        if hit is None:
            continue
        if role == "leader" and any(k in key.replace(hit, "") for k in _DEPARTMENT_KEYWORDS):
            return "owner"  # 责任领导/责任部门 in one column: split per cell (split_owner)
        return role
    return None


_DEPARTMENT_KEYWORDS = dict(HEADER_KEYWORDS)["department"]
# How a department or unit name ends (办公室, 组织人事部, 财务科, 机关党支部 …).
_UNIT_ENDING = re.compile(r"(室|部|处|科|股|办|中心|委员会|委|局|队|所|站|院|会|组|馆|公司|支部|党委|机关|学校|系)$")


def split_owner(text: str) -> tuple[str | None, str | None]:
    """A 责任领导/责任部门 cell: "王伟\n办公室" → ("王伟", "办公室"); a single name goes where its
    form says (a unit name ends in 室/部/科 …, anything else is read as the leader)."""
    parts = [p for p in re.split(r"[\n/／；;]+", clean_text(text)) if p.strip() and not is_empty_value(p)]
    if not parts:
        return None, None
    if len(parts) == 1:
        return (None, parts[0]) if _UNIT_ENDING.search(parts[0]) else (parts[0], None)
    return parts[0], "；".join(parts[1:])


def clean_text(text: str | None) -> str:
    """Strip, collapse runs of spaces, drop the spaces Word alignment puts between Chinese
    characters (张  三, 责 任 领 导), keep line breaks (a list of measures stays a list)."""
    lines = []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = _BETWEEN_CJK.sub("", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


def is_empty_value(text: str | None) -> bool:
    """"/", "—", "无", "暂无", "待定" …: a reviewer treats these as missing."""
    value = clean_text(text)
    return not value or bool(_EMPTY_MARKS.match(value)) or value.strip("。.").lower() in _EMPTY_WORDS


def is_same_as_above(text: str | None) -> bool:
    return compact(text or "").strip("。.") in _SAME_AS_ABOVE


def clean_field(text: str | None, *, single_line: bool = False) -> str | None:
    """A field's value, or None when it is empty or a placeholder."""
    if is_empty_value(text):
        return None
    value = clean_text(text)
    if single_line:
        value = "；".join(part.strip("；;，,、 ") for part in value.split("\n") if part.strip("；;，,、 "))
    return value or None


@dataclass
class DraftItem:
    """An item while it is being read; `order` places it in the plan (block index, row)."""

    source: str  # "table" | "paragraph"
    location: Location
    order: tuple[int, int]
    category: str | None = None
    parts: dict[str, list[str]] = field(default_factory=dict)  # field → texts in reading order
    field_locations: dict[str, Location] = field(default_factory=dict)

    def add(self, role: str, text: str | None, location: Location | None) -> None:
        if location is not None and role not in self.field_locations:
            self.field_locations[role] = location
        value = clean_text(text)
        if value and value not in self.parts.get(role, []):
            self.parts.setdefault(role, []).append(value)

    def value(self, role: str) -> str | None:
        """The field as the Item carries it; None when missing or a placeholder."""
        texts = [t for t in self.parts.get(role, []) if not is_empty_value(t)]
        if not texts:
            return None
        if role in ("leader", "department", "deadline"):
            return clean_field("；".join(texts), single_line=True)
        return clean_field(("；" if role == "standard" else "\n").join(texts))

    def is_item(self) -> bool:
        """A row or paragraph with neither a problem nor measures is not an item."""
        return bool(self.value("problem") or self.value("measures"))

    def to_item(self, item_id: str, feedback_date: dt.date | None) -> Item:
        deadline_text = self.value("deadline")
        return Item(
            id=item_id,
            source=self.source,  # type: ignore[arg-type]
            location=self.location,
            problem=self.value("problem") or "",
            category=self.category,
            measures=self.value("measures") or "",
            leader=self.value("leader"),
            department=self.value("department"),
            deadline=parse_deadline(deadline_text, feedback_date) if deadline_text else None,
            standard=self.value("standard"),
            field_locations=dict(self.field_locations),
        )


# --------------------------------------------------------------------------- numbering and headings

# The number a paragraph starts with, and its style: a sibling has the same style (1. and 2.),
# a sub-point another one (（1）under 1.).
_NUMBER_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?P<cn_dun>[一二三四五六七八九十]+)\s*[、.．]"
    r"|[（(](?P<cn_paren>[一二三四五六七八九十]+)[）)]"
    r"|第(?P<cn_ord>[一二三四五六七八九十]+)(?:部分|方面|章|节|项|条)?\s*[、，,：:]?"
    r"|(?P<ar_dot>\d{1,3})\s*[、.．](?!\d)"
    r"|[（(](?P<ar_paren>\d{1,3})[）)]"
    r"|(?P<ar_close>\d{1,3})[）)]"
    r"|(?P<circled>[①-⑳])"
    r")\s*"
)
_CATEGORY_ENDING = re.compile(r"方面(?:的?问题|存在的?问题)?[：:]?$")
_SECTION_WORDS = ("指导思想", "总体要求", "工作目标", "整改目标", "组织领导", "领导小组", "整改任务", "主要任务",
                  "任务清单", "工作要求", "工作措施", "保障措施", "方法步骤", "步骤", "时间安排", "基本原则",
                  "台账", "清单", "附件", "方案", "目标任务", "工作安排")


def number_style(text: str) -> tuple[str | None, int]:
    """("cn_dun" for 一、, "cn_paren" for （一）, "ar_dot" for 1. …, length of the prefix)."""
    m = _NUMBER_PREFIX.match(text or "")
    if not m:
        return None, 0
    style = next(name for name, value in m.groupdict().items() if value)
    return style, m.end()


def strip_number(text: str) -> str:
    return (text or "")[number_style(text)[1]:].strip()


def looks_like_category(text: str) -> bool:
    """一、党的领导方面 / （一）关于…的问题 / 第二部分 … : a short numbered line, not a sentence."""
    value = clean_text(text)
    if not value or len(value) > 50 or value.endswith(("。", "；", ";")):
        return False
    style, _ = number_style(value)
    return style in ("cn_dun", "cn_paren", "cn_ord") or bool(_CATEGORY_ENDING.search(value))


def is_plan_section(text: str) -> bool:
    """A heading of the plan's own structure (二、整改任务 / 附件：整改台账), not a problem category."""
    value = compact(text)
    if "关于" in value or "问题" in value or "方面" in value:
        return False
    return any(word in value for word in _SECTION_WORDS)


_CN_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number_value(text: str) -> int | None:
    """The value of the number a line starts with: 3 for "3." "（三）" "③"; None without one."""
    m = _NUMBER_PREFIX.match(text or "")
    if not m:
        return None
    raw = next(value for value in m.groupdict().values() if value)
    if raw.isdigit():
        return int(raw)
    if "①" <= raw <= "⑳":
        return ord(raw) - ord("①") + 1
    tens, sep, ones = raw.partition("十")
    if not sep:
        return _CN_NUMERALS.get(raw)
    return (_CN_NUMERALS.get(tens, 0) if tens else 1) * 10 + _CN_NUMERALS.get(ones, 0)
