"""The notice as one string, with every character traceable to its block.

Requirements.text is the blocks' texts joined with "\n" in reading order (table cells included, as
the reader emits them). Every Location the analyser produces has kind="notice", start/end as 0-based
offsets into that string, and line = the block's location.line (text files) or, failing that, its
location.paragraph (docx); a table cell also keeps its table/row/col.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from checker.models import Block, Document, Location


@dataclass(frozen=True)
class Line:
    """One line of the joined text: a block, or one line of a block that holds line breaks
    (a table cell with "1.…\\n2.…"). start/end are offsets into the joined text."""

    start: int
    end: int
    block: Block

    def text_in(self, joined: str) -> str:
        return joined[self.start : self.end]


class NoticeText:
    def __init__(self, doc: Document):
        self.path = doc.path
        pieces: list[str] = []
        self.lines: list[Line] = []
        offset = 0
        for block in doc.blocks:
            pieces.append(block.text)
            line_start = offset
            for part in block.text.split("\n"):
                self.lines.append(Line(line_start, line_start + len(part), block))
                line_start += len(part) + 1
            offset += len(block.text) + 1
        self.text = "\n".join(pieces)
        self._starts = [line.start for line in self.lines]

    def line_at(self, offset: int) -> Line:
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return self.lines[index]

    def locate(self, start: int, end: int) -> Location:
        """The Location of text[start:end] (see the module docstring)."""
        block_loc = self.line_at(start).block.location if self.lines else Location()
        return Location(
            file=self.path,
            kind="notice",
            # a line of a text notice; a paragraph of a Word/HTML/PDF one (its line of the text as read
            # would mean nothing to whoever opens the file)
            line=block_loc.line,
            paragraph=block_loc.paragraph if block_loc.line is None else None,
            table=block_loc.table,
            row=block_loc.row,
            col=block_loc.col,
            start=start,
            end=end,
        )
