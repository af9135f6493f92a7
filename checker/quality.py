"""Is an answer a real one? Slogan-only measures, measures that restate the problem, and the same
measures pasted under different problems (文字整改 / 形式整改)."""

from __future__ import annotations

import re
from collections import defaultdict

from checker.models import Item

_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》【】\[\]\-—…·0-9０-９一二三四五六七八九十]+")
_NUMBERED = re.compile(r"\d+\s*(?:个|项|次|人|家|件|条|%|万|元|天|日|月|年|期|场|份|名)")
_DATE = re.compile(r"\d{1,4}\s*年|\d{1,2}\s*月")


def _concrete(measures: str, actions: tuple[str, ...]) -> bool:
    return bool(_NUMBERED.search(measures) or _DATE.search(measures) or any(a in measures for a in actions))


def slogan_only(measures: str, slogans: tuple[str, ...], actions: tuple[str, ...]) -> list[str] | None:
    """The slogans found, when the measures are made of nothing else; None otherwise.

    Measures are vague when they name no concrete action, object, number or date, and what is left
    after removing the slogan words is too little to be a measure of its own (≤ 6 characters per
    sentence on average: 加强学习 / 提高认识 / 高度重视 leave nothing).
    """
    text = measures.strip()
    if not text or _concrete(text, actions):
        return None
    found = [s for s in slogans if s in text]
    if not found:
        return None
    rest = text
    for s in sorted(slogans, key=len, reverse=True):
        rest = rest.replace(s, "")
    rest = _PUNCT.sub("", rest)
    sentences = max(1, len([s for s in re.split(r"[。；;\n]", text) if s.strip()]))
    if len(rest) / sentences > 6:
        return None
    return found[:5]


_FILLER = re.compile(r"[的了要和与及等将把对并]")


def _chars(text: str) -> set[str]:
    """Character bigrams of the text without punctuation, filler characters and the generic words
    of the stop list (问题, 整改, 到位 …): what is left is what the text is about."""
    from checker.textterms import stopwords

    clean = text
    for word in sorted((w for w in stopwords() if len(w) >= 2), key=len, reverse=True):
        clean = clean.replace(word, "")
    clean = _FILLER.sub("", _PUNCT.sub("", clean))
    return {clean[i : i + 2] for i in range(len(clean) - 1)}


def restates_problem(measures: str, problem: str, actions: tuple[str, ...]) -> float | None:
    """The overlap (share of the measures' character bigrams found in the problem) when the
    measures only restate the problem; None when they add something of their own."""
    if not measures.strip() or not problem.strip():
        return None
    m = _chars(measures)
    if not m:
        return None
    overlap = len(m & _chars(problem)) / len(m)
    if overlap >= 0.8 or (overlap >= 0.6 and not _concrete(measures, actions)):
        return overlap
    return None


def duplicate_groups(items: list[Item], min_chars: int = 12) -> dict[str, list[str]]:
    """item id → the other items with the same measures under a different problem text."""
    by_text: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        key = _PUNCT.sub("", item.measures)
        if len(key) >= min_chars:
            by_text[key].append(item)
    out: dict[str, list[str]] = {}
    for group in by_text.values():
        problems = {_PUNCT.sub("", i.problem) for i in group}
        if len(group) > 1 and len(problems) > 1:
            for item in group:
                out[item.id] = [o.id for o in group if o.id != item.id]
    return out
