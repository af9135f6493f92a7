"""Readers: a file's bytes → a normalised `Document` (checker.models).

    read_document(path, max_bytes=50_000_000) -> Document

The kind is sniffed from the content, never from the name: a zip holding word/document.xml is a
.docx, "%PDF-" a PDF (its text layer; pdf_reader), markup such as <!DOCTYPE html> a web page saved
from a browser (html_reader); OLE2 (.doc/.wps/encrypted .docx), RTF, .mht and images raise an
InputError saying how to convert them; anything else is decoded as text (format "md", rendered
without its markup, for .md/.markdown names, else "txt").
Every problem with the input is an InputError (exit code 2) with a one-line Chinese message and
an English one; no input bytes produce any other exception.

Modules: source (path → bytes), sniff (bytes → kind), encoding + text_reader + markdown (text),
pdf_reader, html_reader, zip_guard, docx_reader, docx_text, styles, numbering, numformats (docx),
normalize (used by every reader).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from checker.documents.normalize import normalize_text
from checker.documents.source import read_bytes
from checker.models import Document

__all__ = ["read_document", "normalize_text"]

DEFAULT_MAX_BYTES = 50_000_000


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a .docx, .pdf, .html, .txt or .md file into a Document, or raise InputError."""
    from checker.documents.sniff import sniff

    shown = str(path)
    data = read_bytes(path, max_bytes)
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

    fmt = "md" if Path(shown).suffix.lower() in (".md", ".markdown") else "txt"
    return read_text(data, shown, sha256, fmt)
