"""Readers: a file's bytes → a normalised `Document` (checker.models).

    read_document(path, max_bytes=None) -> Document   # None: DEFAULT_MAX_BYTES (50 MB) or size_limit's
    with size_limit(200_000_000): ...                  # raise the limit for a whole check (--max-size)

The kind is sniffed from the content, never from the name: a zip holding word/document.xml is a
.docx, "%PDF-" a PDF (its text layer; pdf_reader), markup such as <!DOCTYPE html> a web page saved
from a browser (html_reader); OLE2 (.doc/.wps/encrypted .docx, told apart by ole.py), RTF, .mht,
Word XML, Windows shortcuts and images raise an InputError saying how to convert them; anything
else is decoded as text (format "md", rendered without its markup, for .md/.markdown names, else
"txt"; binary bytes named .docx are reported as a damaged .docx).
Every problem with the input is an InputError (exit code 2) with a one-line Chinese message and
an English one; no input bytes produce any other exception.

Modules: source (path → bytes), sniff (bytes → kind), encoding + text_reader + markdown (text),
pdf_reader, html_reader, ole, zip_guard, docx_reader, docx_text, styles, numbering, numformats (docx),
normalize (used by every reader).
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
from pathlib import Path

from checker.documents.normalize import normalize_text
from checker.documents.source import read_bytes
from checker.errors import InputError
from checker.models import Document

__all__ = ["read_document", "normalize_text", "size_limit", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 50_000_000
# The limit every read_document call without max_bytes obeys: set for a whole check by
# `size_limit` (the CLI's --max-size, a config's max-size), so the callers in between need no
# parameter for it.
_MAX_BYTES: contextvars.ContextVar[int] = contextvars.ContextVar("plancheck_max_bytes", default=DEFAULT_MAX_BYTES)
_DOCX_NAMES = (".docx", ".docm", ".dotx", ".dotm")


@contextlib.contextmanager
def size_limit(max_bytes: int | None):
    """Within the block, inputs may be up to `max_bytes` bytes (None: the limit stays as it is)."""
    if max_bytes is None:
        yield
        return
    token = _MAX_BYTES.set(max_bytes)
    try:
        yield
    finally:
        _MAX_BYTES.reset(token)


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read a .docx, .pdf, .html, .txt or .md file into a Document, or raise InputError."""
    from checker.documents.sniff import corrupt_docx, sniff

    shown = str(path)
    data = read_bytes(path, max_bytes or _MAX_BYTES.get())
    sha256 = hashlib.sha256(data).hexdigest()
    kind = sniff(data, shown)
    if kind == "docx":
        from checker.documents.docx_reader import read_docx  # python-docx loads only for .docx

        return read_docx(data, shown, sha256)
    if kind == "pdf":
        from checker.documents.pdf_reader import read_pdf  # pypdf loads only for a PDF

        return read_pdf(data, shown, sha256)
    if kind == "html":
        from checker.documents.html_reader import read_html

        return read_html(data, shown, sha256)
    from checker.documents.text_reader import read_text

    suffix = Path(shown).suffix.lower()
    fmt = "md" if suffix in (".md", ".markdown") else "txt"
    try:
        return read_text(data, shown, sha256, fmt)
    except InputError as error:
        # a text file renamed .docx is read as text; binary bytes named .docx are a broken .docx,
        # not "unknown text" (the user meant to give a Word file)
        if suffix in _DOCX_NAMES and getattr(error, "not_text", False):
            raise corrupt_docx(shown, "不是 Word 文档的格式", "not in Word's format") from None
        raise
