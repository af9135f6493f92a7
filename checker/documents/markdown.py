"""Markdown (.md) as a reader sees it rendered: headings, paragraphs and list items, without the
markup (**bold**, _emphasis_, `code`, [links](url), images, > quotes, table rules, HTML comments).

A table row becomes one paragraph, its cells joined with "，". A Markdown paragraph may be wrapped over several source lines: consecutive lines join into one
paragraph (Chinese text without a space) until a blank line, a heading, a list item, a quote or a
table row. Ordered list numbers stay in the text ("1." is how notices number their problems);
bullets (- * +) are dropped. Every block keeps the source line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^\s*(\d{1,3}[.)、．])\s*(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


@dataclass
class MdBlock:
    kind: str  # heading | paragraph | list_item
    text: str
    line: int  # 1-based source line where it starts
    level: int | None = None


def inline(text: str) -> str:
    """A line's text without inline markup."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(2):  # nested **_…_**
        text = _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:] if g is not None), text)
    text = _HTML_TAG.sub("", text)
    return _ESCAPE.sub(r"\1", text).strip()


def markdown_blocks(lines: list[str]) -> list[MdBlock]:
    source = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), "\n".join(lines)).split("\n")
    blocks: list[MdBlock] = []
    open_paragraph = False  # the last block may take the next line
    in_fence = False
    for number, raw in enumerate(source, 1):
        if _FENCE.match(raw):
            in_fence = not in_fence
            open_paragraph = False
            continue
        if in_fence:
            if raw.strip():
                blocks.append(MdBlock("paragraph", raw.strip(), number))
            continue
        if not raw.strip() or _RULE.match(raw) and not open_paragraph or _TABLE_RULE.match(raw):
            open_paragraph = False
            continue
        if open_paragraph and _SETEXT.match(raw) and blocks:
            last = blocks[-1]  # "标题\n====" : the paragraph above was a heading
            blocks[-1] = MdBlock("heading", last.text, last.line, 1 if raw.strip()[0] == "=" else 2)
            open_paragraph = False
            continue
        if m := _HEADING.match(raw):
            blocks.append(MdBlock("heading", inline(m.group(2)), number, len(m.group(1))))
            open_paragraph = False
        elif _TABLE_ROW.match(raw):
            # a row reads as one sentence: 制定整改方案，报县委巡察办审核，反馈后15日内
            cells = [c.rstrip("，,；;") for c in (inline(c) for c in raw.strip().strip("|").split("|")) if c]
            blocks.append(MdBlock("paragraph", "，".join(cells), number))
            open_paragraph = False
        elif m := _QUOTE.match(raw):
            text = inline(m.group(1))
            if text:
                _add(blocks, "paragraph", text, number, open_paragraph)
                open_paragraph = True
        elif m := _BULLET.match(raw):
            blocks.append(MdBlock("list_item", inline(m.group(1)), number))
            open_paragraph = True
        elif m := _ORDERED.match(raw):
            blocks.append(MdBlock("list_item", m.group(1) + inline(m.group(2)), number))
            open_paragraph = True
        else:
            _add(blocks, "paragraph", inline(raw), number, open_paragraph)
            open_paragraph = True
    return [b for b in blocks if b.text]


def _add(blocks: list[MdBlock], kind: str, text: str, number: int, join: bool) -> None:
    if join and blocks and text:
        last = blocks[-1]
        gap = " " if last.text[-1:].isascii() and last.text[-1:].isalnum() and text[:1].isascii() else ""
        blocks[-1] = MdBlock(last.kind, last.text + gap + text, last.line, last.level)
    else:
        blocks.append(MdBlock(kind, text, number))
