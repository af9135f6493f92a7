"""Read a .txt/.md file: decode (checker.documents.encoding), then blocks.

Plain text: one block per non-empty line. Headings are not guessed: a line is a paragraph; the
analysers read the structure (一、/（一）/一是) from the text. Markdown (format "md"): the blocks a
reader sees rendered (checker.documents.markdown) — # headings, paragraphs joined over their
wrapped source lines, list items — without the markup. Line numbers count LF, CR LF and CR line
ends, as editors do.
"""

from __future__ import annotations

import re
from typing import Literal

from checker.documents.encoding import decode_text
from checker.documents.normalize import normalize_text
from checker.documents.source import empty_file
from checker.models import Block, Document, Location

_LINE_ENDS = re.compile(r"\r\n|\r|\n")


def read_text(data: bytes, path: str, sha256: str, fmt: Literal["txt", "md"]) -> Document:
    decoded = decode_text(data, path)
    lines = _LINE_ENDS.split(decoded.text)
    if "\u2028" in decoded.text or "\u2029" in decoded.text:
        lines = [normalize_text(line) for line in lines]  # these become line breaks inside a block
    else:
        lines = normalize_text("\n".join(lines)).split("\n")  # one call: far faster, same result
    blocks = _markdown_blocks(lines, path) if fmt == "md" else _line_blocks(lines, path)
    if not blocks:
        raise empty_file(path)
    warnings = [f"未声明编码，按 {decoded.encoding} 解码"] if decoded.guessed else []
    return Document(path=path, sha256=sha256, format=fmt, blocks=blocks, warnings=warnings)


def _line_blocks(lines: list[str], path: str) -> list[Block]:
    blocks: list[Block] = []
    for line_number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        location = Location(file=path, kind="notice", line=line_number, paragraph=len(blocks) + 1)
        blocks.append(Block(kind="paragraph", text=text, location=location))
    return blocks


def _markdown_blocks(lines: list[str], path: str) -> list[Block]:
    from checker.documents.markdown import markdown_blocks

    blocks: list[Block] = []
    for md in markdown_blocks(lines):
        location = Location(file=path, kind="notice", line=md.line, paragraph=len(blocks) + 1)
        blocks.append(Block(kind=md.kind, text=md.text, level=md.level, location=location))
    return blocks
