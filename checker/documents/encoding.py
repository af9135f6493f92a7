"""Decode the bytes of a text file without assuming an encoding.

Order: a byte-order mark (UTF-32, UTF-8, UTF-16) → strict UTF-8 (without NUL characters, which
mean UTF-16) → charset-normalizer's best guess (GBK/GB2312 read as GB18030, their superset; Big5
accepted), weighed against GB18030, Big5 and UTF-16 LE/BE: short Chinese texts fool every
detector (four GB18030 bytes are also two Big5 characters), so among the strict decodings the one
made of the most common characters (ASCII, GB2312 symbols and level-1 hanzi, Big5 judged after
t2s) wins, ties going to charset-normalizer; a guess made mostly of rare characters is no text.
When no strict decoding works, a UTF-8 or GB18030 text with a few bad bytes is read with U+FFFD
in their place (Decoded.replaced, shown as a warning). Whatever is decoded must look like text:
more than 5% control, replacement or private-use characters means binary data, and that is an
InputError.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from checker.errors import InputError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# charset-normalizer names → the codec we decode with and the name we show.
_PREFERRED = {
    "gb2312": ("gb18030", "GB18030"),
    "gbk": ("gb18030", "GB18030"),
    "gb18030": ("gb18030", "GB18030"),
    "big5": ("big5hkscs", "Big5"),
    "big5hkscs": ("big5hkscs", "Big5"),
    "cp950": ("big5hkscs", "Big5"),
    "utf_16": ("utf-16", "UTF-16"),
    "utf_16_le": ("utf-16-le", "UTF-16LE"),
    "utf_16_be": ("utf-16-be", "UTF-16BE"),
    "utf_32": ("utf-32", "UTF-32"),
}

# Characters no text document is made of: C0/C1 controls (except tab, LF, CR, FF, VT),
# the replacement character, private-use code points, unpaired surrogates.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")
_MAX_NOT_TEXT_RATIO = 0.05
# A guessed decoding must be mostly common characters (Chinese text is ~99% level-1 hanzi,
# ASCII and GB2312 symbols; a wrong decoding is mostly rare or unassigned ones).
_MIN_PLAUSIBILITY = 0.7
_HEAD = 65_536  # bytes sampled before a large file is decoded whole
_MAX_REPLACED = 20  # bad byte sequences tolerated in a small file (more: one per 1000 characters)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the name shown to users: UTF-8, GB18030, Big5 …
    guessed: bool  # no BOM and not valid UTF-8: the encoding was inferred
    replaced: int = 0  # invalid byte sequences read as U+FFFD (a damaged but readable file)


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = len(text) - len(_NOT_TEXT.sub("", text))  # not findall: a list per character of 100 MB is GBs
    return bad / len(text) <= _MAX_NOT_TEXT_RATIO


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported only when a guess is needed

    best = from_bytes(data).best()
    if best is None:
        return None
    return _PREFERRED.get(best.encoding, (best.encoding, best.encoding.upper()))


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """ASCII, GB2312 symbols (rows A1–A9) and the 3,755 level-1 hanzi (rows B0–D7)."""
    chars = set(chr(c) for c in range(0x20, 0x7F)) | {"\n", "\r", "\t"}
    for row in (*range(0xA1, 0xAA), *range(0xB0, 0xD8)):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _plausibility(text: str, shown: str, simplify: bool = False) -> float:
    """Share of common characters: a wrong CJK decoding yields rare or unassigned ones."""
    sample = text[:20_000]
    if not sample:
        return 0.0
    if shown == "Big5" or simplify:
        from checker.documents.normalize import to_simplified

        sample = to_simplified(sample)  # judge Traditional text by its Simplified form
    common = _common_characters()
    return sum(ch in common for ch in sample) / len(sample)


def _plausible(text: str, shown: str, score: float) -> bool:
    """Enough common characters to be a text at all (Traditional text in GB18030 or UTF-16 too)."""
    return score >= _MIN_PLAUSIBILITY or _plausibility(text, shown, simplify=True) >= _MIN_PLAUSIBILITY


def _best_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess against the encodings Chinese files come in, the most
    plausible decoding winning (ties go to charset-normalizer: it comes first)."""
    candidates: list[tuple[str, str]] = []
    for candidate in (
        _charset_normalizer_guess(data),
        ("gb18030", "GB18030"),
        ("big5hkscs", "Big5"),
        ("utf-16-le", "UTF-16LE"),
        ("utf-16-be", "UTF-16BE"),
    ):
        if candidate is not None and candidate not in candidates:
            candidates.append(candidate)
    best: tuple[float, str, str] | None = None
    for codec, shown in candidates:
        text = _strict(data, codec)
        if text is None or not looks_like_text(text):
            continue
        score = _plausibility(text, shown)
        if not _plausible(text, shown, score):  # e.g. bytes that happen to be valid UTF-16: rare symbols only
            continue
        if best is None or score > best[0]:
            best = (score, text, shown)
    return None if best is None else (best[1], best[2])


def decode_text(data: bytes, path: str) -> Decoded:
    """Decode a text file's bytes, or raise InputError when they are not text."""
    for bom, codec, shown in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:
                raise InputError(
                    f"文件 {path} 以 {shown} 字节顺序标记开头，但内容不是有效的 {shown} 文本：请用记事本"
                    "或 WPS 打开后另存为 UTF-8 编码的 .txt 再试",
                    f"{path} starts with a {shown} byte-order mark but is not valid {shown}: "
                    "re-save it as UTF-8 text and retry",
                )
            return _checked(Decoded(text, shown, guessed=False), path)

    if len(data) > 4 * _HEAD and not _head_is_text(data[:_HEAD]):
        raise _binary(path)  # a big binary file is refused from its head, not decoded five times
    text = _strict(data, "utf-8")
    if text is not None and "\x00" not in text:
        return _checked(Decoded(text, "UTF-8", guessed=False), path)

    guess = _best_guess(data)
    if guess is not None:
        return Decoded(guess[0], guess[1], guessed=True)
    damaged = _lenient(data)
    if damaged is None:
        raise _binary(path)
    return damaged


def _head_is_text(head: bytes) -> bool:
    for codec in ("utf-8", "gb18030", "big5hkscs", "utf-16-le", "utf-16-be"):
        if looks_like_text(head.decode(codec, errors="replace")[:-2]):  # [:-2]: a character cut at the end
            return True
    return False


def _lenient(data: bytes) -> Decoded | None:
    """A text with a few bad bytes (a stray byte from a bad copy, a character cut at the end) is
    read with U+FFFD in their place, when the rest is plainly UTF-8 or GB18030 Chinese text."""
    best: Decoded | None = None
    for codec, shown in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        text = data.decode(codec, errors="replace")
        replaced = text.count("\ufffd")
        if replaced > max(_MAX_REPLACED, len(text) // 1000) or "\x00" in text:
            continue
        if not looks_like_text(text) or not _plausible(text, shown, _plausibility(text, shown)):
            continue
        if best is None or replaced < best.replaced:
            best = Decoded(text, shown, guessed=True, replaced=replaced)
    return best


def _checked(decoded: Decoded, path: str) -> Decoded:
    if not looks_like_text(decoded.text):
        raise _binary(path)
    return decoded


def _binary(path: str) -> InputError:
    error = InputError(
        f"文件 {path} 不是可识别的文本（像是二进制数据或未知编码）：请确认文件是反馈意见或整改方案，"
        "并另存为 .docx 或 UTF-8 编码的 .txt 后重试",
        f"{path} is not recognisable text (binary data or an unknown encoding): "
        "save it as .docx or UTF-8 .txt and retry",
    )
    error.not_text = True  # read_document words it as a damaged .docx for a .docx name
    return error
