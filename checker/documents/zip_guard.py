"""Refuse hostile .docx archives cheaply, from the zip directory alone, before anything is inflated.

The directory's sizes can be trusted as upper bounds: Python's zipfile stops inflating a member at
its declared size. The XML itself is parsed by python-docx's lxml parser, which does not resolve
entities, does not use the network and keeps libxml2's depth and size limits (no huge_tree).
"""

from __future__ import annotations

import zipfile

from checker.errors import InputError

MAX_TOTAL_UNCOMPRESSED = 200_000_000
MAX_BODY_RATIO = 200
# Below this size a high ratio harms nothing (a page of repeated empty paragraphs compresses
# well); the ratio matters for bodies large enough to hurt.
RATIO_APPLIES_FROM = 1_000_000


def check_archive(archive: zipfile.ZipFile, path: str) -> None:
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _refused(path, f"解压后共 {total / 1e6:.0f} MB", f"{total / 1e6:.0f} MB uncompressed")
    body = archive.getinfo("word/document.xml")
    if body.file_size >= RATIO_APPLIES_FROM and body.file_size > MAX_BODY_RATIO * max(body.compress_size, 1):
        ratio = body.file_size / max(body.compress_size, 1)
        raise _refused(path, f"正文压缩比 {ratio:.0f}:1", f"body compression ratio {ratio:.0f}:1")


def _refused(path: str, why_zh: str, why_en: str) -> InputError:
    return InputError(
        f"{path} 的压缩结构异常（{why_zh}，可能是恶意文件）：请在 Word/WPS 中打开后重新另存为 .docx",
        f"{path} has an abnormal archive ({why_en}, possibly hostile): open it in Word/WPS and "
        "save it again as .docx",
    )
