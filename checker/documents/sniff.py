"""Tell a file's kind from its first bytes, never from its name (a .doc renamed .docx is common).

Returns "docx", "pdf", "html" or "text"; formats plancheck cannot read raise an InputError saying
how to convert them. Zip containers are opened (directory only) to check that they hold a Word
body. A web page is told by its markup (<!DOCTYPE html>, <html>, <head>/<body>) near the start.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from checker.errors import InputError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_STRICT_OOXML = b"purl.oclc.org/ooxml/wordprocessingml/main"


_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset", re.IGNORECASE)
_MHTML = re.compile(rb"^(?:From:|MIME-Version:|Content-Type:\s*multipart/related)", re.IGNORECASE | re.MULTILINE)


def sniff(data: bytes, path: str) -> Literal["docx", "pdf", "html", "text"]:
    if data.startswith(_OLE2):
        raise InputError(
            f"{path} 是旧版 Word（.doc/.wps）或加密文档，请在 Word/WPS 中另存为 .docx 后重试"
            "（加密文档请先取消密码）",
            f"{path} is a legacy Word (.doc/.wps) or password-protected document: open it in "
            "Word/WPS, save as .docx (without a password) and retry",
        )
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"{\\rtf"):
        raise InputError(
            f"{path} 是 RTF 文档：请在 Word/WPS 中另存为 .docx 后重试",
            f"{path} is an RTF document: save it as .docx in Word/WPS and retry",
        )
    for magic, name in _IMAGES:
        if data.startswith(magic) and not _plausible_bmp_text(name, data):
            raise InputError(
                f"{path} 是 {name} 图片（扫描件）：请先做文字识别（OCR）并另存为 .docx 或 .txt",
                f"{path} is a {name} image (a scan): run OCR and save the text as .docx or .txt",
            )
    if data.startswith(_ZIP):
        return _sniff_zip(data, path)
    head = _ascii_head(data)
    if _MHTML.search(head[:300]) and b"<html" in data[:200_000].lower():
        raise InputError(
            f"{path} 是“单个文件网页”（.mht/.mhtml）：请在浏览器中另存为“网页，仅 HTML”(.html)，或把正文复制到 .txt 后重试",
            f"{path} is a single-file web archive (.mht): save the page as HTML only, or copy its text into a .txt",
        )
    if _HTML_START.search(head):
        return "html"
    return "text"


def _ascii_head(data: bytes) -> bytes:
    """The first bytes as ASCII-compatible text (a UTF-16 page has a NUL after every letter)."""
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        head = head.replace(b"\x00", b"")
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")


def _plausible_bmp_text(name: str, data: bytes) -> bool:
    # "BM" may simply start a text file: a real bitmap carries its own size right after it.
    return name == "BMP" and int.from_bytes(data[2:6], "little") != len(data)


def _sniff_zip(data: bytes, path: str) -> Literal["docx"]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                with archive.open("word/document.xml") as body:
                    head = body.read(4096)
                if _STRICT_OOXML in head:
                    raise InputError(
                        f"{path} 是“严格 Open XML”格式的 .docx，暂不支持：请在 Word 中另存为普通的"
                        "“Word 文档(*.docx)”后重试",
                        f"{path} is a Strict Open XML .docx, not supported: save it as an ordinary "
                        "Word document (*.docx) and retry",
                    )
                return "docx"
    except InputError:
        raise
    except Exception:  # zipfile raises many kinds on damaged archives (BadZipFile, EOFError, zlib …)
        raise corrupt_docx(path) from None
    raise InputError(
        f"{path} 是压缩包（{_zip_kind(names)}），不是 Word 文档：请提供 .docx 或 .txt 文件",
        f"{path} is a zip archive ({_zip_kind(names)}), not a Word document: give a .docx or .txt",
    )


def _zip_kind(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "Excel .xlsx"
    if "ppt/presentation.xml" in names:
        return "PowerPoint .pptx"
    if "content.xml" in names:
        return "OpenDocument .odt"
    return "zip"


def corrupt_docx(path: str) -> InputError:
    return InputError(
        f"{path} 已损坏，无法作为 .docx 打开：请在 Word/WPS 中打开并修复后另存为 .docx 再试",
        f"{path} is damaged and cannot be opened as .docx: open and repair it in Word/WPS, "
        "save as .docx and retry",
    )
