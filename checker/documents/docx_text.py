"""The visible text of one Word paragraph, with tracked changes read as if accepted.

Kept: w:t in runs, including inside w:ins, w:moveTo, hyperlinks, content controls, smart tags and
field results. Dropped: w:del / w:delText and w:moveFrom (deleted or moved away), field codes
(w:instrText), hidden text (w:vanish), comment marks, and text boxes (w:txbxContent: their
paragraphs are floating decoration such as stamps and titles; the mc:Fallback copy of a drawing
would repeat them anyway). w:tab → space, w:br / w:cr → line break.
"""

from __future__ import annotations

from lxml import etree

from checker.documents.ooxml import NAMESPACES, W

_VISIBLE_RUN_CONTENT = etree.XPath(
    ".//w:r["
    "not(ancestor::w:del) and not(ancestor::w:moveFrom)"
    " and not(ancestor::w:txbxContent) and not(ancestor::mc:Fallback)"
    " and not(w:rPr/w:vanish[not(@w:val='0' or @w:val='false' or @w:val='off')])"
    "]/*[self::w:t or self::w:tab or self::w:ptab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=NAMESPACES,
)
_REPLACEMENT = {W + "tab": " ", W + "ptab": " ", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
_T = W + "t"


def paragraph_text(paragraph) -> str:
    """Raw (not yet normalised) visible text of a w:p element."""
    parts: list[str] = []
    for node in _VISIBLE_RUN_CONTENT(paragraph):
        if node.tag == _T:
            if node.text:
                parts.append(node.text)
        else:
            parts.append(_REPLACEMENT[node.tag])
    return "".join(parts)


def paragraph_mark_deleted(paragraph) -> bool:
    """The paragraph mark itself is a tracked deletion (w:pPr/w:rPr/w:del)."""
    ppr = paragraph.find(W + "pPr")
    rpr = None if ppr is None else ppr.find(W + "rPr")
    return rpr is not None and rpr.find(W + "del") is not None
