"""The typed data that flows between the stages: Document → Requirements / Plan → Finding.

Every stage takes and returns these models only, so a stage can be replaced without touching
the others. Offsets and indices are 1-based where a person reads them (paragraph, table, row,
column, line) and 0-based where a program slices text (start, end).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# --------------------------------------------------------------------------- documents


class Location(Frozen):
    """Where something is, in the words a reviewer uses (第3段, 表1第5行第2列, 第12行)."""

    file: str | None = None
    kind: Literal["paragraph", "table_cell", "notice"] = "paragraph"
    paragraph: int | None = None  # 1-based among the document's body paragraphs (docx) or blocks
    table: int | None = None  # 1-based table number in document order
    row: int | None = None  # 1-based row (the first row of a merged cell)
    col: int | None = None  # 1-based column in the grid (the first column of a merged cell)
    line: int | None = None  # 1-based line in a text file
    start: int | None = None  # 0-based character offset in Document.text, when known
    end: int | None = None

    def describe(self, lang: str = "zh", cell: bool = True) -> str:
        """A short human locator: 表1第5行第2列 (表1第5行 with cell=False) / 第12段 / 第3行."""
        if self.table is not None and self.row is not None:  # a plan's cell, or a notice's table
            if lang == "en":
                return f"table {self.table}, row {self.row}" + (f", col {self.col}" if cell else "")
            return f"表{self.table}第{self.row}行" + (f"第{self.col}列" if cell else "")
        if self.line is not None:
            return f"line {self.line}" if lang == "en" else f"第{self.line}行"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}" if lang == "en" else f"第{self.paragraph}段"
        return ""


BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]


class Block(Frozen):
    """One unit of text in reading order: a heading, a paragraph, a list item or a table cell.

    `text` is already normalised (see checker.documents.normalize) and, for Word's automatic
    list numbering, starts with the number as a reader sees it (`number`, e.g. "一、", "（一）").
    A merged table cell is one block; `row_span`/`col_span` say how far it reaches.
    """

    kind: BlockKind
    text: str
    number: str | None = None
    level: int | None = None  # heading level (1 = 标题1) or list level (0-based)
    row_span: int = 1
    col_span: int = 1
    location: Location


class Document(BaseModel):
    """A read and normalised input file."""

    path: str
    sha256: str
    format: Literal["docx", "txt", "md", "pdf", "html"]
    blocks: list[Block]
    warnings: list[str] = Field(default_factory=list)

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "table_cell"]

    def table_numbers(self) -> list[int]:
        seen: list[int] = []
        for b in self.blocks:
            t = b.location.table
            if b.kind == "table_cell" and t is not None and t not in seen:
                seen.append(t)
        return seen

    def table_cells(self, table: int) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table_cell" and b.location.table == table]


# --------------------------------------------------------------------------- the notice


# a rectification deadline, not an era: larger values overflow date arithmetic (or, in working
# days, walk the calendar day by day for minutes). Packs, options, notices and JSON all obey it.
MAX_DURATION = {"days": 3660, "workdays": 2600, "months": 120}


class Duration(Frozen):
    value: int = Field(ge=0)
    unit: Literal["days", "workdays", "months"]

    @model_validator(mode="after")
    def _not_an_era(self) -> "Duration":
        if not Duration.within_limit(self.value, self.unit):
            raise ValueError(f"duration {self.value} {self.unit} is over the limit of {MAX_DURATION[self.unit]}")
        return self

    @staticmethod
    def within_limit(value: int, unit: str) -> bool:
        return 0 <= value <= MAX_DURATION[unit]

    def describe(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"{self.value} {'working days' if self.unit == 'workdays' else self.unit}"
        return f"{self.value}{ {'days': '日', 'workdays': '个工作日', 'months': '个月'}[self.unit] }"


class Problem(BaseModel):
    id: str  # P1, P2, … in notice order
    text: str
    subs: list[str] = Field(default_factory=list)  # distinct failings listed in one clause
    category: str | None = None  # the heading it stands under (党的领导 / 党的建设 …), if any
    unit: str | None = None  # in a notice to several units: the one unit this problem is about (None: all)
    location: Location


class Suggestion(BaseModel):
    id: str  # S1, S2, …
    text: str
    location: Location


class Demand(BaseModel):
    """A procedural demand the notice states itself (清单, 民主生活会, 报告期限, 公开 …)."""

    concept: str  # the concept name the rule pack uses, e.g. 整改情况报告
    text: str
    within: Duration | None = None  # None: no number stated, or a "*" placeholder
    to: str | None = None  # recipient, e.g. 巡察办
    location: Location


class Requirements(BaseModel):
    notice_path: str
    notice_sha256: str
    unit: str | None = None  # the inspected unit ("A、B、C" for a notice to several units)
    units: list[str] = Field(default_factory=list)  # every inspected unit, when the notice names several
    inspector: str | None = None  # the inspecting group
    round: str | None = None  # the round as the notice names it: 十一届市委第十轮
    date: dt.date | None = None  # feedback date
    problems: list[Problem]
    suggestions: list[Suggestion] = Field(default_factory=list)
    demands: list[Demand] = Field(default_factory=list)
    text: str = ""  # the notice's normalised text (for `notice mentions …`)
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- the plan


DeadlineKind = Literal["date", "immediate", "long_term", "unknown"]


class Deadline(Frozen):
    text: str
    date: dt.date | None = None  # the last day allowed, when a date can be read
    kind: DeadlineKind = "unknown"


class Item(BaseModel):
    """One rectification item (a 台账 row, or a numbered paragraph with inline fields)."""

    id: str  # I1, I2, … in plan order
    source: Literal["table", "paragraph"]
    location: Location
    problem: str = ""  # the problem as the plan words it (may be empty: measures only)
    category: str | None = None  # the heading or category row it stands under
    measures: str = ""
    leader: str | None = None
    department: str | None = None
    deadline: Deadline | None = None
    standard: str | None = None
    # where each field came from (column header or inline label), for evidence and annotations
    field_locations: dict[str, Location] = Field(default_factory=dict)


class Plan(BaseModel):
    path: str
    sha256: str
    title: str | None = None
    items: list[Item]
    document: Document  # every block, for plan-level statements (`plan mentions …`)
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- matching


class Evidence(Frozen):
    item: str  # item id
    score: float
    terms: list[str] = Field(default_factory=list)  # shared terms that carried the score


class SubCoverage(BaseModel):
    text: str
    covered: bool
    uncertain: bool = False  # some evidence, below the threshold: a person should confirm
    evidence: list[Evidence] = Field(default_factory=list)


class ProblemCoverage(BaseModel):
    problem: str  # problem id
    covered: bool
    uncertain: bool = False  # best score inside the calibrated uncertain band
    evidence: list[Evidence] = Field(default_factory=list)
    subs: list[SubCoverage] = Field(default_factory=list)
    # items set aside because their measures only restate the problem (they count as missing)
    restated: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- findings


Severity = Literal["error", "warning", "info"]


class Finding(Frozen):
    rule: str
    severity: Severity
    message: str
    problem: str | None = None
    item: str | None = None
    location: Location | None = None
    snippet: str = ""
