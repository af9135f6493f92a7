"""Read a PDF that has a text layer (exported from Word/WPS, or printed to PDF) into paragraphs.

A PDF holds positioned lines, not paragraphs: a paragraph is wrapped over several lines and may
run on over a page break, the page number (— 1 — / 第1页 共3页 / 1/3) and running headers sit
between the pages. pypdf gives every piece of text with its position; lines are rebuilt from
the pieces that share a baseline, then joined into paragraphs the way a reader sees them:
a new paragraph starts where a line is indented (首行缩进) or centred, where the font size
changes (titles, headings), or after a line that stops short of the right margin; lines that
fill the measure run on, across a page break too. Text on only a few pages or a scan without
any text layer gives an InputError saying how to get the text.

pypdf is imported only when a PDF is read.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from checker.documents.normalize import normalize_text
from checker.documents.reflow import PAGE_NUMBER as _PAGE_NUMBER
from checker.errors import InputError
from checker.models import Block, Document, Location

_SAME_BASELINE = 0.35  # pieces whose baselines differ by less than this many font sizes share a line
_INDENT = 0.8  # a line starting this many font sizes right of the margin is indented (or centred)
_SHORT = 1.5  # a line ending this many characters before the measure ends its paragraph


@dataclass
class _Line:
    page: int
    x: float
    y: float
    size: float
    text: str

    @property
    def ems(self) -> float:
        """The line's length in font sizes: CJK characters and full-width punctuation are one,
        Latin letters, digits and ASCII punctuation about half."""
        return sum(1.0 if ord(ch) > 0x2000 else 0.55 for ch in self.text)


def read_pdf(data: bytes, path: str, sha256: str) -> Document:
    lines = _lines(data, path)
    lines = _without_page_furniture(lines)
    if not any(line.text.strip() for line in lines):
        raise InputError(
            f"{path} 是没有文字层的 PDF（扫描件或图片）：请先做文字识别（OCR），或找到原始的 Word 文档",
            f"{path} is a PDF without a text layer (a scan): run OCR on it or find the original Word file",
        )
    blocks: list[Block] = []
    for paragraph in _paragraphs(lines):
        text = normalize_text(paragraph).strip()
        if text:
            location = Location(file=path, kind="paragraph", paragraph=len(blocks) + 1)
            blocks.append(Block(kind="paragraph", text=text, location=location))
    return Document(path=path, sha256=sha256, format="pdf", blocks=blocks)


@contextmanager
def _pypdf_quiet():
    """pypdf logs the damage it works around ("incorrect startxref pointer") to stderr, where the
    CLI promises one line; what cannot be worked around still ends in the InputError below."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _lines(data: bytes, path: str) -> list[_Line]:
    with _pypdf_quiet():
        return _read_lines(data, path)


def _read_lines(data: bytes, path: str) -> list[_Line]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError
        lines: list[_Line] = []
        for number, page in enumerate(reader.pages, 1):
            lines.extend(_page_lines(page, number))
        return lines
    except InputError:
        raise
    except ImportError:
        raise InputError(
            f"读取 PDF 需要 pypdf：请运行 pip install \"pypdf>=4\" 后重试，或把 {path} 另存为 .docx",
            f"reading a PDF needs pypdf: pip install \"pypdf>=4\", or save {path} as .docx",
        ) from None
    except Exception as error:  # pypdf raises many kinds on damaged or protected files
        if type(error).__name__ == "FileNotDecryptedError":
            raise InputError(
                f"{path} 是加密的 PDF：请取消密码保护后重试，或另存为 .docx",
                f"{path} is a password-protected PDF: remove the password or save it as .docx",
            ) from None
        raise InputError(
            f"{path} 已损坏，无法作为 PDF 读取：请重新导出 PDF，或在 WPS/Word 中另存为 .docx 后重试",
            f"{path} is damaged and cannot be read as a PDF: export it again or save it as .docx",
        ) from None


def _page_lines(page, number: int) -> list[_Line]:
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, _font, size) -> None:
        if not text.strip():
            return
        scale = abs(cm[3]) or 1.0
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        height = (size or 10.0) * (abs(tm[3]) or 1.0) * scale
        for k, part in enumerate(text.split("\n")):  # rarely more than one line per piece
            if part.strip():
                pieces.append((x, y - k * height * 1.2, height, part))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for x, y, size, text in sorted(pieces, key=lambda p: (-p[1], p[0])):
        same = next((line for line in lines[-3:] if abs(line.y - y) < _SAME_BASELINE * max(size, line.size)), None)
        if same is None:
            lines.append(_Line(number, x, y, size, text))
        elif x >= same.x:
            same.text += text
            same.size = max(same.size, size)
        else:
            same.text = text + same.text
            same.x = x
    for line in lines:
        line.text = re.sub(r"^\s+|\s+$", "", line.text)
    return [line for line in lines if line.text]


def _without_page_furniture(lines: list[_Line]) -> list[_Line]:
    """Drop page numbers, and running headers/footers repeated at the edge of several pages."""
    pages = {line.page for line in lines}
    edge_texts: Counter[str] = Counter()
    for page in pages:
        on_page = [line for line in lines if line.page == page]
        for line in {on_page[0].text, on_page[-1].text}:
            edge_texts[line] += 1
    repeated = {text for text, n in edge_texts.items() if n >= 2 and len(pages) >= 2 and len(text) <= 40}
    kept = []
    for index, line in enumerate(lines):
        first_or_last = index == 0 or index == len(lines) - 1 or lines[index - 1].page != line.page \
            or lines[index + 1].page != line.page
        if _PAGE_NUMBER.match(line.text) or (first_or_last and line.text in repeated):
            continue
        kept.append(line)
    return kept


def _paragraphs(lines: list[_Line]) -> list[str]:
    if not lines:
        return []
    body_size = Counter(round(line.size) for line in lines).most_common(1)[0][0]
    body = [line for line in lines if round(line.size) == body_size]
    margin = Counter(round(line.x) for line in body).most_common(1)[0][0]
    at_margin = [line.ems for line in body if abs(line.x - margin) < _INDENT * body_size] or [line.ems for line in body]
    # the measure: what full lines hold (the longest ones, not an outlier)
    measure = statistics.quantiles(at_margin, n=10)[-1] if len(at_margin) >= 10 else max(at_margin)
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(line, previous, margin, measure):
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
        previous = line
    return [_join(parts) for parts in paragraphs]


def _starts_paragraph(line: _Line, previous: _Line, margin: float, measure: float) -> bool:
    if abs(line.size - previous.size) > 0.5:
        return True  # a title or heading in another size
    if line.x - margin > _INDENT * line.size:
        return True  # first-line indent, centred or right-aligned
    # where the previous line ends, in font sizes from the margin: short of the measure, it ended
    # its paragraph (a wrapped line fills the measure, whatever its first-line indent)
    end = (previous.x - margin) / previous.size + previous.ems
    return end < measure - _SHORT


def _join(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if text[-1:].isascii() and text[-1:].isalnum() and part[:1].isascii() and part[:1].isalnum():
            text += " "  # a Latin word wrapped at a space
        text += part
    return text
