"""Refuse hostile .docx archives cheaply, from the zip directory alone, before anything is inflated,
and find the package's main part (Word names it word/document.xml, Word Online sometimes
word/document2.xml: _rels/.rels says which).

The directory's sizes can be trusted as upper bounds: Python's zipfile stops inflating a member at
its declared size. The XML itself is parsed by python-docx's lxml parser, which does not resolve
entities, does not use the network and keeps libxml2's depth and size limits (no huge_tree);
checker.documents.docx_reader also refuses any part that declares a DTD.
"""

from __future__ import annotations

import posixpath
import zipfile

from checker.errors import InputError

MAX_TOTAL_UNCOMPRESSED = 200_000_000
MAX_MEMBERS = 10_000  # Word writes a dozen parts, a plan with many pictures a few hundred
MAX_BODY_RATIO = 200
# Below this size a high ratio harms nothing (a page of repeated empty paragraphs compresses
# well); the ratio matters for XML parts large enough to hurt once parsed.
RATIO_APPLIES_FROM = 1_000_000
_MAX_RELS_BYTES = 1_000_000
_OFFICE_DOCUMENT = "/officeDocument"  # the relationship type's last segment (transitional and strict)


def check_archive(archive: zipfile.ZipFile, path: str) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refused(path, f"含 {len(members):,} 个部件", f"{len(members):,} members")
    total = sum(info.file_size for info in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _refused(path, f"解压后共 {total / 1e6:.0f} MB", f"{total / 1e6:.0f} MB uncompressed")
    for info in members:  # the XML parts get parsed; pictures and fonts never are
        if not info.filename.endswith((".xml", ".rels")) or info.file_size < RATIO_APPLIES_FROM:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_BODY_RATIO:
            raise _refused(path, f"{info.filename} 压缩比 {ratio:.0f}:1", f"{info.filename} compression ratio {ratio:.0f}:1")


def main_part_name(archive: zipfile.ZipFile) -> str | None:
    """The member holding the Word body, or None when the package has none."""
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "word/document.xml"
    if "_rels/.rels" not in names or archive.getinfo("_rels/.rels").file_size > _MAX_RELS_BYTES:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(archive.read("_rels/.rels"), parser)
    except etree.XMLSyntaxError:
        return None
    for rel in root:
        if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
            if target in names and target.startswith("word/") and target.endswith(".xml"):
                return target
    return None


def _refused(path: str, why_zh: str, why_en: str) -> InputError:
    return InputError(
        f"{path} 的压缩结构异常（{why_zh}，可能是恶意文件）：请在 Word/WPS 中打开后重新另存为 .docx",
        f"{path} has an abnormal archive ({why_en}, possibly hostile): open it in Word/WPS and "
        "save it again as .docx",
    )
