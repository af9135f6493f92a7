"""Items from 整改台账 tables: find the ledgers, give each column a role from its header, read
every data row as one item.

- A table is a ledger when one of its first 3 rows is a header naming a measures column and a
  problem, owner or deadline column; the header may be two rows deep (责任 over 领导 | 部门, 反馈问题 over 问题 |
  具体表现), with merged cells.
- A merged cell is one block (Block.row_span / col_span) and applies to every row it covers: a
  责任领导 cell merged over 3 rows gives those 3 items the same leader.
- A row with one cell across (nearly) the whole table, or a lone "一、…方面" / "（一）关于…", is a
  category row: it sets Item.category for the rows below and is not an item.
- A table without a header, with the same number of columns, that follows a ledger with nothing
  but "续表" (or blank lines) between is the same ledger continued.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.models import Block, Document, Location
from checker.plan_fields import (
    DraftItem,
    classify_header,
    clean_text,
    compact,
    is_plan_section,
    is_same_as_above,
    looks_like_category,
    split_owner,
)

HEADER_SEARCH_ROWS = 3
# Between a ledger and its continuation only blank lines, 续表 notes and page numbers may stand.
_FILLER = re.compile(r"^(?:[（(]?续表?[^，。]{0,12}[)）]?|续上表|[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页.*)$")
# A paragraph just above a table that titles it rather than naming a category.
_TABLE_TITLE_WORDS = ("台账", "清单", "附件", "附表", "一览表", "续表", "整改方案", "汇总表")


@dataclass
class Grid:
    """One table: every grid position → the block covering it (a merged cell covers several)."""

    table: int
    cells: dict[tuple[int, int], Block]
    n_rows: int
    n_cols: int
    first_index: int  # positions of the table's first and last cell in Document.blocks
    last_index: int
    file: str | None

    def at(self, row: int, col: int) -> Block | None:
        return self.cells.get((row, col))

    def row_blocks(self, row: int) -> list[Block]:
        """The distinct blocks covering a row, left to right."""
        seen: list[Block] = []
        for col in range(1, self.n_cols + 1):
            block = self.at(row, col)
            if block is not None and all(block is not b for b in seen):
                seen.append(block)
        return seen

    def own_blocks(self, row: int) -> list[Block]:
        """The blocks that start in this row (not merged down from above)."""
        return [b for b in self.row_blocks(row) if b.location.row == row]

    def location(self, row: int, col: int) -> Location:
        """The cell's location, also for a position the reader gave no block for."""
        block = self.at(row, col)
        if block is not None:
            return block.location
        return Location(file=self.file, kind="table_cell", table=self.table, row=row, col=col)


@dataclass
class Header:
    rows: list[int]
    roles: dict[int, str]  # column → role


@dataclass
class Ledger:
    """A ledger being read, possibly over several tables."""

    grid: Grid
    roles: dict[int, str]
    category: str | None
    last: DraftItem | None = None  # the row above, for 同上


def build_grids(doc: Document) -> list[Grid]:
    grids: dict[int, Grid] = {}
    for index, block in enumerate(doc.blocks):
        loc = block.location
        if block.kind != "table_cell" or loc.table is None or loc.row is None or loc.col is None:
            continue
        grid = grids.get(loc.table)
        if grid is None:
            grid = grids[loc.table] = Grid(loc.table, {}, 0, 0, index, index, loc.file)
        grid.last_index = index
        for r in range(loc.row, loc.row + max(block.row_span, 1)):
            for c in range(loc.col, loc.col + max(block.col_span, 1)):
                grid.cells.setdefault((r, c), block)
        grid.n_rows = max(grid.n_rows, loc.row + max(block.row_span, 1) - 1)
        grid.n_cols = max(grid.n_cols, loc.col + max(block.col_span, 1) - 1)
    return [grids[t] for t in sorted(grids, key=lambda t: grids[t].first_index)]


# --------------------------------------------------------------------------- header


def _column_roles(grid: Grid, rows: list[int]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for col in range(1, grid.n_cols + 1):
        upper = grid.at(rows[0], col)
        lower = grid.at(rows[-1], col) if len(rows) > 1 else None
        upper_text = upper.text if upper is not None else ""
        candidates = [upper_text]
        if lower is not None and lower is not upper:
            # the sub-header first (领导 under 责任), then both read together, then the group
            candidates = [lower.text, compact(upper_text) + compact(lower.text), upper_text]
        role = next((r for r in map(classify_header, candidates) if r is not None), None)
        if role is not None:
            roles[col] = role
    return roles


def _is_header_row(grid: Grid, row: int) -> bool:
    blocks = [b for b in grid.own_blocks(row) if compact(b.text)]
    return sum(1 for b in blocks if classify_header(b.text) is not None) >= 2


def _is_sub_header_row(grid: Grid, row: int, above: int) -> bool:
    """The second row of a two-row header: short labels under a group cell or a role of their own,
    and the row above has cells spanning two columns or merged down into this row."""
    if row > grid.n_rows:
        return False
    upper_blocks = grid.own_blocks(above)
    if not any(b.col_span > 1 and b.col_span < grid.n_cols or b.row_span > 1 for b in upper_blocks):
        return False
    blocks = [b for b in grid.own_blocks(row) if compact(b.text)]
    if not blocks:
        return False
    for block in blocks:
        text = compact(block.text)
        upper = grid.at(above, block.location.col or 0)
        under_group = upper is not None and upper is not block and upper.col_span > 1
        if text.isdigit() or len(text) > 10 or not (classify_header(text) or under_group):
            return False
    return True


def find_header(grid: Grid) -> Header | None:
    """The header rows and column roles, when the table is a ledger (a measures column with a
    problem, owner or deadline column)."""
    for row in range(1, min(HEADER_SEARCH_ROWS, grid.n_rows) + 1):
        if not _is_header_row(grid, row):
            continue
        rows = [row, row + 1] if _is_sub_header_row(grid, row + 1, row) else [row]
        roles = set(_column_roles(grid, rows).values())
        # a measures column beside a problem column, or beside owner/deadline columns: some plans
        # write only the measures and leave the problem to the category rows above them
        if "measures" in roles and roles & {"problem", "leader", "department", "deadline"}:
            return Header(rows, _column_roles(grid, rows))
    return None


# --------------------------------------------------------------------------- rows


def _category_of_row(grid: Grid, row: int, roles: dict[int, str]) -> str | None:
    """The text of a category row, or None for a data row. A short 序号 cell beside the category
    text (一 | 党的领导方面 ……) does not make the row a data row."""
    blocks = [b for b in grid.row_blocks(row) if compact(b.text)]
    serials = [b for b in blocks if roles.get(b.location.col or 0) == "ignore" and len(compact(b.text)) <= 6]
    if len(serials) < len(blocks):
        blocks = [b for b in blocks if all(b is not s for s in serials)]
    texts = {compact(b.text) for b in blocks}
    if len(texts) != 1 or any(b.location.row != row for b in blocks):
        return None  # several different texts, or only cells merged down from above
    block = blocks[0]
    width = sum(b.col_span for b in blocks)  # a reader may repeat a merged cell per column
    if width >= 2 and width * 5 >= grid.n_cols * 3:  # at least 60% of the columns
        return clean_text(block.text)
    if looks_like_category(block.text):
        return clean_text(block.text)
    return None


def _is_repeated_header(grid: Grid, row: int) -> bool:
    blocks = [b for b in grid.own_blocks(row) if compact(b.text)]
    return bool(blocks) and all(classify_header(b.text) is not None for b in blocks) and len(blocks) >= 2


def _read_row(grid: Grid, row: int, ledger: Ledger) -> DraftItem | None:
    roles = ledger.roles
    used: list[Block] = []
    draft = DraftItem(source="table", location=grid.location(row, 1), order=(grid.first_index, row),
                      category=ledger.category)
    for col in sorted(roles):
        role = roles[col]
        if role == "ignore":
            continue
        block = grid.at(row, col)
        location = grid.location(row, col)
        # a cell spanning two columns is read once, for the first of them
        text = "" if block is None or any(block is b for b in used) else block.text
        if block is not None:
            used.append(block)
        if role == "category":
            draft.category = clean_text(text) or draft.category
        elif role == "owner":
            leader, department = split_owner(text)
            draft.add("leader", leader, location)
            draft.add("department", department, location)
        elif is_same_as_above(text) and ledger.last is not None:
            draft.add(role, None, location)
            for part in ledger.last.parts.get(role, []):
                draft.add(role, part, None)
        else:
            draft.add(role, text, location)
    if not draft.is_item() or not any(compact(b.text) for b in grid.own_blocks(row)):
        return None  # nothing to rectify, or nothing new: only cells merged down from above
    if draft.value("problem") and "problem" in draft.field_locations:
        draft.location = draft.field_locations["problem"]
    else:
        filled = [b for b in grid.row_blocks(row) if compact(b.text) and roles.get(b.location.col or 0) != "ignore"]
        draft.location = filled[0].location if filled else grid.location(row, 1)
    return draft


def _read_rows(grid: Grid, first_row: int, ledger: Ledger) -> list[DraftItem]:
    drafts = []
    for row in range(first_row, grid.n_rows + 1):
        if not grid.row_blocks(row):
            continue
        category = _category_of_row(grid, row, ledger.roles)
        if category is not None:
            ledger.category = category
            continue
        if _is_repeated_header(grid, row):
            continue
        draft = _read_row(grid, row, ledger)
        if draft is not None:
            drafts.append(draft)
            ledger.last = draft
    return drafts


# --------------------------------------------------------------------------- between tables


def _blocks_between(doc: Document, start: int, end: int) -> list[Block]:
    return [b for b in doc.blocks[start + 1 : end] if b.kind != "table_cell" and compact(b.text)]


def _only_filler_between(doc: Document, before: Grid, after: Grid) -> bool:
    between = _blocks_between(doc, before.last_index, after.first_index)
    return all(_FILLER.match(compact(b.text)) for b in between)


def _is_continuation(doc: Document, previous: Ledger, grid: Grid) -> bool:
    return grid.n_cols == previous.grid.n_cols and _only_filler_between(doc, previous.grid, grid)


def _category_before(doc: Document, grid: Grid, since: int) -> str | None:
    """A category heading just above a table (一、党的领导方面 then the table of that category)."""
    looked_at = 0
    for block in reversed(_blocks_between(doc, since, grid.first_index)):
        text = clean_text(block.text)
        if any(word in text for word in _TABLE_TITLE_WORDS) and not looks_like_category(text):
            continue  # the table's own title
        looked_at += 1
        if (block.kind == "heading" or looks_like_category(text)) and not is_plan_section(text) and len(text) <= 50:
            return text
        if looked_at >= 2:
            return None
    return None


def _ledger_tables(doc: Document, warnings: list[str]) -> Iterator[tuple[Ledger, int]]:
    """Each table read as (part of) a ledger, with the row its data starts at, in plan order. A
    generator: the caller reads a table's rows before the next is looked at, so a continued
    ledger carries the row above (for 同上) and the category over."""
    ledger: Ledger | None = None
    previous_end = -1
    for grid in build_grids(doc):
        header = find_header(grid)
        continued = ledger is not None and _is_continuation(doc, ledger, grid)
        if header is not None:
            category = _category_before(doc, grid, previous_end)
            if category is None and continued and ledger is not None:
                category = ledger.category  # a continued ledger that repeats its header
            ledger = Ledger(grid, header.roles, category)
            yield ledger, max(header.rows) + 1
        elif continued and ledger is not None:
            ledger = Ledger(grid, ledger.roles, ledger.category, ledger.last)
            yield ledger, 1
        else:
            if ledger is not None and _only_filler_between(doc, ledger.grid, grid):
                warnings.append(
                    f"表{grid.table}紧接整改台账（表{ledger.grid.table}）但列数不同（{grid.n_cols}列，台账{ledger.grid.n_cols}列）"
                    "且没有表头，未作为台账续表读取"
                )
            ledger = None
        previous_end = grid.last_index


def ledger_items(doc: Document) -> tuple[list[DraftItem], list[str]]:
    """Every item of every ledger table, in plan order; and warnings for the reader."""
    drafts: list[DraftItem] = []
    warnings: list[str] = []
    for ledger, first_row in _ledger_tables(doc, warnings):
        drafts.extend(_read_rows(ledger.grid, first_row, ledger))
    return drafts, warnings


def ledger_columns(doc: Document) -> dict[int, dict[int, str]]:
    """Table number → {column → role} for every table read as a ledger (a continuation gets its
    ledger's roles): which cells hold an item's leader, department, deadline … (used by tools that
    edit or annotate a ledger cell by cell)."""
    columns: dict[int, dict[int, str]] = {}
    for ledger, first_row in _ledger_tables(doc, []):
        columns[ledger.grid.table] = dict(ledger.roles)
        _read_rows(ledger.grid, first_row, ledger)  # keeps the carried state what ledger_items sees
    return columns
