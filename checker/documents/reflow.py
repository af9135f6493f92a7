"""Paragraphs of a plain-text file whose lines were wrapped by hand or by OCR.

A scanned letter run through OCR, or text copied out of a PDF viewer, arrives one printed line per
text line: every paragraph is cut every ~28 characters (a printed line), the page number (— 1 —)
and a running head (…反馈意见（内部资料 注意保存）) sit between the pages, often in the middle of a
sentence. Read line by line, a problem would be cut into pieces. Such a file is recognised by its
lines: most are as wide as the printed measure and do not end a sentence. Its paragraphs are
rebuilt as the PDF reader rebuilds them: a new paragraph starts at an indented line (首行缩进) or
after a line short of the measure; page furniture is dropped, so that a sentence runs on over the
page break.

A file written one paragraph per line (the usual case) is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter

# a page number on a line of its own (— 1 — / 第1页 共3页 / 1/3), in a PDF or a wrapped text file
PAGE_NUMBER = re.compile(
    r"^(?:[-—－–_\s]*[\d０-９]{1,4}[-—－–_\s]*|第\s*\d{1,4}\s*页(?:\s*[/，,、]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|[-—－–\s]*[第]?\s*\d{1,4}\s*[页]?[-—－–\s]*)$"
)

_SENTENCE_END = tuple("。；;：:！!？?")
_INDENT = ("\u3000", "  ", "\t")
_SHORT = 1.5  # a line ending this many characters before the measure ends its paragraph
_MIN_LINES = 8
_FULL_SHARE = 0.3  # of the lines: as wide as the measure
_CUT_SHARE = 0.6  # of those: stopping mid-sentence
_WIDEST_MEASURE = 60  # characters: a printed page line, not a paragraph per line
_LONGEST_FURNITURE = 40


def _size(line: str) -> int:
    """Characters on the printed line, its first-line indent included (it takes the same room)."""
    return len(line.strip("\f").rstrip())


def _measure(lines: list[str]) -> int:
    """The printed measure: the commonest line length among the long lines (full lines dominate a
    wrapped text; lines with half-width digits may hold a character or two more)."""
    sizes = [_size(line) for line in lines]
    longest = max(sizes)
    return Counter(size for size in sizes if size >= 0.6 * longest).most_common(1)[0][0]


def is_hard_wrapped(lines: list[str]) -> bool:
    """Many lines are exactly as wide as the printed measure, and most of those stop mid-sentence.
    (A file written one paragraph per line has lines of every length, ending at 。.)"""
    lines = [line for line in lines if line.strip()]
    if len(lines) < _MIN_LINES:
        return False
    measure = _measure(lines)
    if measure > _WIDEST_MEASURE:
        return False
    full = [line for line in lines if abs(_size(line) - measure) <= 1]
    cut = sum(not _ends_sentence(line) for line in full)
    return len(full) >= _FULL_SHARE * len(lines) and cut >= _CUT_SHARE * len(full)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip("”’」』\"'").endswith(_SENTENCE_END)


def _furniture(lines: list[tuple[int, str]], measure: int) -> set[int]:
    """Indexes of page numbers, and of the running heads and footers next to them: a line repeated on
    the same side of several page numbers, or the first line of a page (after a form feed) that is
    not indented. Never a line that could be a printed line of the text: as wide as the measure, or
    ending a sentence (the last line of a paragraph may stand beside a page number too)."""
    def text(k: int) -> str:
        return lines[k][1].strip().strip("\f").strip()

    numbers = {k for k in range(len(lines)) if PAGE_NUMBER.match(text(k))}
    sides = {side: [n + side for n in numbers if 0 <= n + side < len(lines) and n + side not in numbers]
             for side in (-1, 1)}
    heads = set()
    for side, beside in sides.items():
        seen = Counter(text(k) for k in beside)
        for k in beside:
            raw = lines[k][1]
            line = raw.strip("\f")
            if _ends_sentence(line) or len(text(k)) > _LONGEST_FURNITURE or abs(_size(line) - measure) <= 1:
                continue  # a printed line of the text: better a head kept than a line of the text lost
            repeated = seen[text(k)] >= 2
            # the first line of a page that no paragraph could hold
            alone = side == 1 and raw.startswith("\f") and not line.startswith(_INDENT)
            if repeated or alone:
                heads.add(k)
    return numbers | heads


def reflow(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line number, paragraph) of a hard-wrapped file, each paragraph numbered by its first line;
    any other file's lines unchanged. A full line runs on into the next one unless that one is
    indented; in a file without indents, unless it ends a sentence."""
    if not is_hard_wrapped([line for _, line in lines]):
        return lines
    measure = _measure([line for _, line in lines if line.strip()])
    dropped = _furniture(lines, measure)
    kept = [(number, line.strip("\f").rstrip()) for k, (number, line) in enumerate(lines) if k not in dropped]
    indented = any(line.startswith(_INDENT) for _, line in kept)
    paragraphs: list[tuple[int, str]] = []
    previous: str | None = None
    for number, line in kept:
        runs_on = previous is not None and _size(previous) >= measure - _SHORT and (
            not line.startswith(_INDENT) if indented else not _ends_sentence(previous))
        if runs_on:
            first, text = paragraphs[-1]
            paragraphs[-1] = (first, text + line.strip())
        else:
            paragraphs.append((number, line))
        previous = line
    return paragraphs
