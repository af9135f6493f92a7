"""The one text normalisation every reader applies, so that analysers see a single spelling.

Steps, in this order (each later step cannot create work for an earlier one, which keeps the
function idempotent):

1. strip pinyin annotations inserted after characters: 個(gè) → 個, 巡(xún)察(chá) → 巡察,
   also when a bracket was lost (`?qǐng)`), but never real brackets such as (市委), (2023年),
   (GDP), （一）, (试行): an annotation must carry a tone mark or a tone digit;
2. width: full-width ASCII letters and digits → ASCII (０１２ＡＢ → 012AB), Kangxi radicals and CJK
   compatibility ideographs → the ordinary ideograph (⼀ → 一, as NFKC does); Chinese punctuation
   (，。；：（）“”、 ％ …) is kept as is because the analysers rely on it;
3. Traditional → Simplified with OpenCC 't2s' (the converter is created once, on first use) — after
   the width step, which can turn a radical into a Traditional character (⿂ → 魚 → 鱼);
4. spaces: U+3000, NBSP and the other Unicode spaces → space, zero-width characters dropped,
   runs of spaces/tabs collapsed to one space, every line stripped; line breaks are kept
   (CR LF and CR become LF).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --------------------------------------------------------------------------- 1. pinyin

# Vowels with a tone mark: an annotation must contain one. Toneless letters in brackets
# ((GDP), (ppm), (de)) cannot be told from real text and stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTER = f"a-zA-Zü{_TONED}ａ-ｚＡ-Ｚ"
# Characters that step 3/4 delete or turn into spaces are allowed in and around an annotation,
# so that removing them later can never reveal a new annotation (idempotence).
_IGNORABLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u3000\t\x0b\x0c \u2000-\u200a\u202f\u205f"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2e80-\u2fdf\U00020000-\U0003134f"
# Possessive (*+, ++): a run of letters splits into syllables in only one way. With plain + the
# engine tried every split of a long letter run not followed by a bracket (exponential time).
_SYLLABLES = rf"[{_IGNORABLE}]*+(?:[{_PINYIN_LETTER}]++[{_IGNORABLE}]*+)++"
_PIECE = (
    rf"(?:[(（]{_SYLLABLES}[)）]"  # 个(gè)
    rf"|[(（]{_SYLLABLES}(?=[{_CJK}])"  # 巡(xún察: closing bracket lost
    rf"|{_SYLLABLES}[)）])"  # ?qǐng): opening bracket (or the character too) lost
)
_PIECE_RE = re.compile(_PIECE)
_ANNOTATED = re.compile(rf"([{_CJK}?？])[{_IGNORABLE}]*+((?:{_PIECE}[{_IGNORABLE}]*+)+)")
_TONE = re.compile(rf"[{_TONED}]")


def _drop_annotations(match: re.Match[str]) -> str:
    # Scan the whole string from the group on: a piece may look ahead at the next character.
    end = match.end(2)
    pieces = []
    # (bounded just past the group: an unbounded search would rescan the rest of the string)
    for piece in _PIECE_RE.finditer(match.string, match.start(2), end + 1):
        if piece.end() > end:
            break
        pieces.append(piece.group(0))
    kept = [p for p in pieces if not _TONE.search(p)]
    if len(kept) == len(pieces):
        return match.group(0)
    return match.group(1) + "".join(kept)


def strip_pinyin(s: str) -> str:
    if not _TONE.search(s):  # fast path: nearly every document
        return s
    return _ANNOTATED.sub(_drop_annotations, s)


# --------------------------------------------------------------------------- 2. Traditional


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # loaded only when a document is read

    return opencc.OpenCC("t2s")


def to_simplified(s: str) -> str:
    if s.isascii():
        return s
    convert = _t2s().convert
    # OpenCC works on phrases; a second pass settles the rare output that forms a new phrase.
    for _ in range(3):
        converted = convert(s)
        if converted == s:
            break
        s = converted
    return s


# --------------------------------------------------------------------------- 3 + 4. width, spaces


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)):
        table[code] = chr(code - 0xFEE0)  # ０-９ Ａ-Ｚ ａ-ｚ
    for code in (*range(0x2F00, 0x2FD6), *range(0x2E80, 0x2EF4), *range(0xF900, 0xFB00)):
        ch = chr(code)
        nfkc = unicodedata.normalize("NFKC", ch)
        if nfkc != ch and len(nfkc) == 1:
            table[code] = nfkc  # ⼀ (Kangxi radical) → 一, 﨑 → 崎
    for code in (0x3000, 0x00A0, 0x202F, 0x205F, 0x0009, 0x000B, 0x000C, *range(0x2000, 0x200B)):
        table[code] = " "
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[code] = None  # zero-width characters and the soft hyphen
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    return table


_TABLE = _build_table()
# str.translate looks every character up in a dict; most texts need no change at all.
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def _translate(s: str) -> str:
    return s.translate(_TABLE) if _TRANSLATED.search(s) else s

_NEWLINES = re.compile(r"\r\n?")
_SPACE_RUNS = re.compile(r" {2,}")
_LINE_EDGES = re.compile(r" *\n *")


# A lone surrogate cannot be encoded (OpenCC, JSON output): a damaged PDF's text layer yields them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(s: str) -> str:
    """Normalise text once for every reader; see the module docstring. Idempotent."""
    s = _LONE_SURROGATE.sub("\ufffd", s)
    s = strip_pinyin(s)
    s = _translate(s)
    s = to_simplified(s)  # after the width step: a Kangxi radical (⿂) becomes a Traditional 魚
    if "\r" in s:
        s = _NEWLINES.sub("\n", s)
    s = _SPACE_RUNS.sub(" ", s)
    if "\n" in s:
        s = _LINE_EDGES.sub("\n", s)
    return s.strip(" ")
