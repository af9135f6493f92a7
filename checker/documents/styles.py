"""What a paragraph inherits from its style: heading level, outline level, list numbering.

Styles inherit through w:basedOn; a paragraph without w:pStyle uses the default paragraph style.
A heading is a style named Heading N / 标题 N (built-in names are stored in English, "heading 1")
or an outline level 0–8 (w:outlineLvl; 9 means body text), on the paragraph or inherited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.documents.ooxml import W, attr_int, w_attr

_HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*(\d*)", re.IGNORECASE)
_MAX_CHAIN = 20  # basedOn chains are short; a cycle or an absurd chain stops here


@dataclass(frozen=True)
class NumPr:
    num_id: str | None
    ilvl: int | None


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num_pr: NumPr | None


def read_num_pr(ppr) -> NumPr | None:
    """w:pPr/w:numPr as found (either part may be missing: the rest comes from the style)."""
    num_pr = None if ppr is None else ppr.find(W + "numPr")
    if num_pr is None:
        return None
    num_id = w_attr(num_pr.find(W + "numId"), "val")
    ilvl = attr_int(num_pr.find(W + "ilvl"), None)
    return NumPr(num_id, ilvl)


def read_outline(ppr) -> int | None:
    return None if ppr is None else attr_int(ppr.find(W + "outlineLvl"), None)


class Styles:
    def __init__(self, styles_root=None):
        self._styles: dict[str, _Style] = {}
        self._chains: dict[str | None, tuple[_Style, ...]] = {}
        self.default_paragraph_style: str | None = None
        self.numbering_style_num_ids: dict[str, str] = {}  # numbering style id → its numId
        if styles_root is None:
            return
        for style in styles_root.findall(W + "style"):
            style_id = w_attr(style, "styleId")
            if style_id is None:
                continue
            kind = w_attr(style, "type")
            ppr = style.find(W + "pPr")
            if kind == "numbering":
                num_pr = read_num_pr(ppr)
                if num_pr and num_pr.num_id:
                    self.numbering_style_num_ids[style_id] = num_pr.num_id
                continue
            if kind not in (None, "paragraph"):
                continue
            based_on = w_attr(style.find(W + "basedOn"), "val")
            self._styles[style_id] = _Style(
                name=w_attr(style.find(W + "name"), "val") or style_id,
                based_on=based_on,
                outline=read_outline(ppr),
                num_pr=read_num_pr(ppr),
            )
            if w_attr(style, "default") in ("1", "true", "on") and self.default_paragraph_style is None:
                self.default_paragraph_style = style_id

    def resolve(self, style_id: str | None) -> str | None:
        return style_id if style_id in self._styles else self.default_paragraph_style

    def _chain(self, style_id: str | None) -> tuple[_Style, ...]:
        if style_id in self._chains:
            return self._chains[style_id]
        chain: list[_Style] = []
        seen: set[str] = set()
        current = style_id
        while current and current in self._styles and current not in seen and len(chain) < _MAX_CHAIN:
            seen.add(current)
            style = self._styles[current]
            chain.append(style)
            current = style.based_on
        self._chains[style_id] = tuple(chain)
        return self._chains[style_id]

    def heading_level(self, style_id: str | None) -> int | None:
        """Level from the style's name (Heading 2 → 2; a bare 标题 → 1)."""
        chain = self._chain(style_id)
        if not chain:
            return None
        match = _HEADING_NAME.match(chain[0].name)
        if match is None:
            return None
        return int(match.group(1)[:2]) if match.group(1) else 1

    def outline_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            if style.outline is not None:
                return style.outline
        return None

    def num_pr(self, style_id: str | None) -> NumPr | None:
        """The numbering a style gives its paragraphs; numId and ilvl may come from different
        styles of the chain (the nearest wins for each)."""
        num_id: str | None = None
        ilvl: int | None = None
        for style in self._chain(style_id):
            if style.num_pr is None:
                continue
            if num_id is None:
                num_id = style.num_pr.num_id
            if ilvl is None:
                ilvl = style.num_pr.ilvl
        if num_id is None and ilvl is None:
            return None
        return NumPr(num_id, ilvl)
