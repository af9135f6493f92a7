"""Turning Chinese text into weighted matching terms: jieba words (with the domain dictionary and
synonym table) plus character bigrams, minus slogan and function words.

Bigrams make the matcher robust where jieba splits a domain phrase oddly (学深悟/透); words carry
the evidence a reviewer reads. jieba is loaded on first use only, quietly, with its dictionary cache
in the user's cache directory (or none, when that is not writable).
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from functools import cache

from checker.resources import data_file

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD_OK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@cache
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.ERROR)
    tk = jieba.Tokenizer()
    cache_dir = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    target = os.path.join(cache_dir, "plancheck")
    try:
        os.makedirs(target, exist_ok=True)
        if os.access(target, os.W_OK):
            tk.tmp_dir = target
    except OSError:
        pass
    tk.initialize()
    tk.load_userdict(str(data_file("userdict.txt")))
    return tk


@cache
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in data_file("stopwords.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """variant → canonical term(s)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in data_file("synonyms.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "=" not in line:
            continue
        canonical, variants = line.split("=", 1)
        targets = tuple(t.strip() for t in canonical.split("+") if t.strip())
        for v in variants.split("|"):
            if v.strip():
                table[v.strip()] = targets
    return table


def words(text: str) -> list[str]:
    """Content words of the text, synonyms mapped to their canonical form."""
    syn = synonyms()
    stop = stopwords()
    out: list[str] = []
    for w in _tokenizer().lcut(text):
        w = w.strip()
        if not w or not _WORD_OK.search(w):
            continue
        for t in syn.get(w, (w,)):
            if t not in stop and (len(t) > 1 or not t.isascii()):
                out.append(t)
    return out


def bigrams(text: str) -> list[str]:
    stop = stopwords()
    out = []
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            bg = run[i : i + 2]
            if bg not in stop:
                out.append("~" + bg)  # marked so evidence can show words only
    return out


def terms(text: str) -> Counter[str]:
    """Words and bigrams, counted. Single characters are left out: too ambiguous alone."""
    counter = Counter(w for w in words(text) if len(w) >= 2)
    counter.update(bigrams(text))
    return counter
