"""Tell a file's kind from its first bytes, never from its name (a .doc renamed .docx is common).

Returns "docx", "pdf", "html" or "text"; formats plancheck cannot read raise an InputError saying
how to convert them: OLE2 files by their streams (legacy .doc/.wps, .xls/.ppt, password-protected
.docx; checker.documents.ole), RTF, images, Windows shortcuts, .mht and Word's own XML formats.
Zip containers are opened (directory only, through zip_guard's limits) to check that they hold a
Word body, found through _rels/.rels when it is not word/document.xml. A web page is told by its
markup (<!DOCTYPE html>, <html>, <head>/<body>) near the start.
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
# Word's own XML formats: Word 2003 XML (w:wordDocument) and Flat OPC (pkg:package), both marked
# with <?mso-application progid="Word.Document"?>; OA systems export them under a .doc name.
_WORD_XML = re.compile(rb"<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument[\s>]|<pkg:package[\s>]")
_SHORTCUT = b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F"
_MHTML = re.compile(rb"^(?:From:|MIME-Version:|Content-Type:\s*multipart/related)", re.IGNORECASE | re.MULTILINE)


def sniff(data: bytes, path: str) -> Literal["docx", "pdf", "html", "text"]:
    if data.startswith(_OLE2):
        raise _ole_error(data, path)
    if data.startswith(_SHORTCUT):
        raise InputError(
            f"{path} 是 Windows 快捷方式（.lnk），不是文档本身：请在资源管理器中右键“打开文件所在的位置”，"
            "指定原文件",
            f"{path} is a Windows shortcut (.lnk), not the document: give the file it points to",
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
    if _WORD_XML.search(head):
        raise InputError(
            f"{path} 是 Word XML 格式（“Word 2003 XML 文档”或“Word XML 文档”），不是 .docx：请在 Word/WPS 中"
            "打开后另存为“Word 文档(*.docx)”再试",
            f"{path} is a Word XML document (Word 2003 XML or flat XML), not a .docx: open it in Word/WPS "
            "and save it as a Word document (*.docx)",
        )
    if _HTML_START.search(head):
        return "html"
    return "text"


def _ole_error(data: bytes, path: str) -> InputError:
    from checker.documents.ole import ole_kind

    kind = ole_kind(data)
    if kind == "encrypted":
        return InputError(
            f"{path} 设有打开密码（加密文档），无法读取：请在 Word/WPS 中用密码打开，取消密码后另存为 .docx 再试",
            f"{path} is password-protected (encrypted): open it in Word/WPS with the password, remove the "
            "password, save it as .docx and retry",
        )
    if kind == "word":
        return InputError(
            f"{path} 是旧版 Word 格式（.doc/.wps，Word 97-2003）：请在 Word/WPS 中打开，另存为 .docx 后重试",
            f"{path} is a legacy Word file (.doc/.wps, Word 97-2003): open it in Word/WPS, save it as .docx "
            "and retry",
        )
    if kind in ("excel", "powerpoint"):
        name = "Excel 表格（.xls）" if kind == "excel" else "PowerPoint 演示文稿（.ppt）"
        name_en = "an Excel workbook (.xls)" if kind == "excel" else "a PowerPoint presentation (.ppt)"
        return InputError(
            f"{path} 是{name}，不是 Word 文档：请提供 .docx 或 .txt 文件（台账在表格里的，请复制到 Word 中）",
            f"{path} is {name_en}, not a Word document: give a .docx or .txt (copy a ledger into Word)",
        )
    return InputError(
        f"{path} 是旧版 Word（.doc/.wps）或加密文档，请在 Word/WPS 中另存为 .docx 后重试"
        "（加密文档请先取消密码）",
        f"{path} is a legacy Word (.doc/.wps) or password-protected document: open it in "
        "Word/WPS, save as .docx (without a password) and retry",
    )


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
    from checker.documents.zip_guard import check_archive, main_part_name

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, path)  # before anything is inflated
            names = set(archive.namelist())
            body_name = main_part_name(archive)
            if body_name is not None:
                with archive.open(body_name) as body:
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
    if any(name.startswith("word/") for name in names):
        raise corrupt_docx(path, "缺少正文部分 word/document.xml", "its body, word/document.xml, is missing")
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


def corrupt_docx(path: str, why_zh: str = "", why_en: str = "") -> InputError:
    return InputError(
        f"{path} 已损坏{f'（{why_zh}）' if why_zh else ''}，无法作为 .docx 打开：请在 Word/WPS 中打开并修复后"
        "另存为 .docx 再试",
        f"{path} is damaged{f' ({why_en})' if why_en else ''} and cannot be opened as .docx: open and repair "
        "it in Word/WPS, save as .docx and retry",
    )
