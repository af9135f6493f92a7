"""Generate the hostile-input corpus: files a real user (or an attacker) may hand to plancheck.

    python tests/hostile_corpus.py OUTDIR      # writes the files and OUTDIR/manifest.json

Importable: `build_corpus(outdir) -> list[Case]`. Every case names its file, the role it is given
in (the plan, or the notice given with --against), what it is, and what must happen:
expect "error" — exit 2 with one line on stderr that contains `keyword` (and `keyword_en` under
--lang en); expect "ok" — odd but legitimate input: a report (exit 0 or 1), never exit 2.
`options` are extra command-line arguments, where {plan} / {notice} stand for the healthy inputs
the case runs with and {dir} for OUTDIR.

The corpus is reproducible: the same bytes on every run (fixed zip timestamps, seeded "random"
bytes). It is built from the healthy example in examples/ and stays small on disk (~15 MB, most
of it the 100k-member zip): the zip bombs are repeated deflate blocks of zeros written by a
field-by-field zip writer (raw_zip), the 100 MB text file is made by the test itself (sparse).
Paths that are not regular files (a folder, a symlink loop, a named pipe, an unreadable file,
a missing file) are made here too where the platform allows.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import random
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_PLAN = ROOT / "examples" / "plan.docx"
BASE_NOTICE = ROOT / "examples" / "notice.txt"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass
class Case:
    name: str  # the file (or path) in OUTDIR
    role: str  # "plan" or "notice"
    what: str
    expect: str  # "error" (exit 2, one line naming the file) or "ok" (exit 0/1)
    keyword: str = ""  # in the Chinese message
    keyword_en: str = ""  # in the English one (--lang en)
    options: list[str] = field(default_factory=list)
    needs: str = ""  # "posix" | "non-root": skip where it cannot be made or tested


# ----------------------------------------------------------------------------- zip helpers


def _zip_info(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def base_members() -> dict[str, bytes]:
    """The healthy example plan's zip members, in order."""
    with zipfile.ZipFile(BASE_PLAN) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def docx_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(_zip_info(name), data)
    return buffer.getvalue()


@dataclass
class RawMember:
    """A zip member as stored: `payload` already deflated (raw) or stored, its size as declared."""

    name: str
    payload: bytes
    size: int  # declared uncompressed size
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def raw_member(name: str, data: bytes) -> RawMember:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return RawMember(name, compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data))


def zeros_member(name: str, megabytes: int) -> RawMember:
    """`megabytes` MiB of zeros in ~1 KB per MiB, built without deflating them all: a fully
    flushed deflate block does not refer back, so one block repeats."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return RawMember(name, block * megabytes + b"\x03\x00", megabytes << 20, crc)  # 03 00: empty last block


def raw_zip(members: list[RawMember]) -> bytes:
    """A zip written field by field: hostile archives (lying sizes, 100k members) fast and exactly.
    Uses zip64 end records when there are more than 65,535 members, as zipfile does."""
    dos_date, dos_time = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2], 0
    local, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        fields = struct.pack("<HHHHHIII", 20, 0x800, m.method, dos_time, dos_date, m.crc, len(m.payload), m.size)
        central += (struct.pack("<IH", 0x02014B50, 20) + fields
                    + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0o644 << 16, len(local)) + name)
        local += struct.pack("<I", 0x04034B50) + fields + struct.pack("<HH", len(name), 0) + name + m.payload
    count, start = len(members), len(local)
    tail = bytearray(central)
    if count > 0xFFFF:
        zip64_end = start + len(central)
        tail += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), start)
        tail += struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1)
        count = 0xFFFF
    tail += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(local + tail)


def _body(inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>').encode("utf-8")


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _with_body(body: bytes) -> dict[str, bytes]:
    members = base_members()
    members["word/document.xml"] = body
    return members


# ----------------------------------------------------------------------------- OLE2 (CFB) writer


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal but well-formed Compound File (version 3, 512-byte sectors): what .doc, .wps,
    .xls and password-protected .docx files are. Streams are padded to 4096 bytes so that no
    mini stream is needed."""
    sector = 512
    names = list(streams)
    payloads = [data.ljust(4096, b"\x00") for data in streams.values()]
    dir_entries = 1 + len(names)
    dir_sectors = -(-dir_entries * 128 // sector)
    stream_sectors = [len(p) // sector for p in payloads]
    total = 1 + dir_sectors + sum(stream_sectors)
    assert total <= 128, "one FAT sector only"
    fat = [0xFFFFFFFF] * 128
    fat[0] = 0xFFFFFFFD  # the FAT sector itself
    for n in range(1, 1 + dir_sectors):
        fat[n] = n + 1 if n < dir_sectors else 0xFFFFFFFE
    starts, next_free = [], 1 + dir_sectors
    for count in stream_sectors:
        starts.append(next_free)
        for n in range(next_free, next_free + count):
            fat[n] = n + 1 if n < next_free + count - 1 else 0xFFFFFFFE
        next_free += count

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, right, child) + bytes(16 + 4 + 16)
                + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, 1 if names else 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for n, name in enumerate(names):  # siblings chained to the right: a degenerate but valid tree
        right = n + 2 if n + 1 < len(names) else 0xFFFFFFFF
        directory += entry(name, 2, 0xFFFFFFFF, right, starts[n], len(streams[name]))
    directory = directory.ljust(dir_sectors * sector, b"\x00")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)
    assert len(header) == sector
    return header + struct.pack("<128I", *fat) + directory + b"".join(payloads)


def _agile_encryption_info() -> bytes:
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
           'xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" '
           'keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
           'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')
    return struct.pack("<HHI", 4, 4, 0x40) + xml.encode("utf-8")


# ----------------------------------------------------------------------------- the cases


def _seeded_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _notice_text() -> str:
    return BASE_NOTICE.read_text(encoding="utf-8")


def _split_runs(body: bytes, padding_runs: int) -> bytes:
    """Every run's text cut into one-character runs (as Word's revision ids fragment text), and a
    paragraph of `padding_runs` blank runs: the same text, ~100k runs."""
    from lxml import etree

    root = etree.fromstring(body)
    w = "{" + W_NS + "}"
    for run in list(root.iter(w + "r")):
        texts = run.findall(w + "t")
        if len(texts) != 1 or not texts[0].text or len(run) > 2:
            continue
        text, props = texts[0].text, run.find(w + "rPr")
        parent, at = run.getparent(), run.getparent().index(run)
        parent.remove(run)
        for offset, char in enumerate(text):
            piece = etree.Element(w + "r")
            if props is not None:
                piece.append(copy.deepcopy(props))
            etree.SubElement(piece, w + "t").text = char
            parent.insert(at + offset, piece)
    ids = random.Random(11)  # Word marks every run with its editing session's id (w:rsidR)
    blank = "".join(f'<w:r w:rsidR="{ids.getrandbits(32):08X}"><w:t xml:space="preserve"> </w:t></w:r>'
                    for _ in range(padding_runs))
    pad = etree.fromstring(f'<w:p xmlns:w="{W_NS}">{blank}</w:p>')
    body_element = root.find(w + "body")
    body_element.insert(0, pad)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _nest_body(body: bytes, depth: int) -> bytes:
    """The whole body (paragraphs and 台账) inside `depth` levels of one-cell layout tables."""
    text = body.decode("utf-8")
    start = text.index("<w:body>") + len("<w:body>")
    end = text.rindex("<w:sectPr") if "<w:sectPr" in text else text.rindex("</w:body>")
    inner = text[start:end]
    if not inner.rstrip().endswith("</w:p>"):
        inner += "<w:p/>"  # a cell must end with a paragraph
    wrapped = "<w:tbl><w:tr><w:tc>" * depth + inner + "</w:tc></w:tr></w:tbl>" * depth
    return (text[:start] + wrapped + text[end:]).encode("utf-8")


def _minimal_pdf() -> bytes:
    """A one-page PDF without any text (what a scanner writes, minus the image)."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _shortcut() -> bytes:
    """The start of a Windows .lnk file pointing at C:\\整改\\方案.docx (header + a bare path)."""
    header = (struct.pack("<I", 0x4C) + bytes.fromhex("0114020000000000C000000000000046")
              + struct.pack("<II", 0x80, 0x20) + bytes(24) + struct.pack("<IIII", 0, 1, 0, 0) + bytes(10))
    return header + "C:\\整改\\整改方案.docx".encode("utf-16-le") + bytes(64)


def build_corpus(outdir: str | Path) -> list[Case]:
    """Write every hostile file into `outdir` (created if needed) and its manifest.json."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    notice = _notice_text()
    members = base_members()
    healthy = docx_bytes(members)

    def add(name: str, data: bytes | None, role: str, what: str, expect: str, keyword: str = "",
            keyword_en: str = "", options: list[str] | None = None, needs: str = "") -> None:
        if data is not None:
            (out / name).write_bytes(data)
        cases.append(Case(name, role, what, expect, keyword, keyword_en, options or [], needs))

    # --- not a Word file at all, or a damaged one
    add("not_a_zip.docx", _seeded_bytes(1, 20_000), "plan", "random bytes named .docx", "error", "损坏", "damaged")
    add("pk_then_garbage.docx", b"PK\x03\x04" + _seeded_bytes(2, 5_000), "plan",
        "a zip signature followed by garbage", "error", "损坏", "damaged")
    add("truncated_half.docx", healthy[: len(healthy) // 2], "plan",
        "a .docx cut in half (an interrupted download)", "error", "损坏", "damaged")
    add("truncated_tail.docx", healthy[:-10], "plan",
        "a .docx missing its last 10 bytes (end of the zip directory)", "error", "损坏", "damaged")
    add("empty.docx", b"", "plan", "0 bytes named .docx", "error", "空", "empty")
    add("pdf_without_text.docx", _minimal_pdf(), "plan", "a scanned PDF renamed .docx", "error", "OCR", "OCR")
    add("png_scan.docx", b"\x89PNG\r\n\x1a\n" + _seeded_bytes(3, 2_000), "plan", "a PNG scan renamed .docx",
        "error", "图片", "image")
    add("rtf_saved_as.doc", b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}}\\f0 \\'d5\\'fb\\'b8\\'c4\\par}",
        "plan", "an RTF file saved with a .doc name", "error", "RTF", "RTF")
    add("shortcut.docx.lnk", _shortcut(), "plan", "a Windows shortcut (.lnk) to the plan instead of the plan",
        "error", "快捷方式", "shortcut")
    # --- OLE2 compound files
    add("encrypted.docx", ole_file({"EncryptionInfo": _agile_encryption_info(),
                                    "EncryptedPackage": struct.pack("<Q", 40_000) + _seeded_bytes(4, 8_000)}),
        "plan", "a password-protected .docx (an OLE container with EncryptionInfo)", "error", "密码", "password")
    word_document = struct.pack("<HH", 0xA5EC, 0xC1) + _seeded_bytes(5, 3_000)
    add("legacy.doc", ole_file({"WordDocument": word_document, "1Table": _seeded_bytes(6, 600)}), "plan",
        "a Word 97-2003 .doc", "error", ".docx", ".docx")
    add("legacy.wps", ole_file({"WordDocument": word_document, "0Table": _seeded_bytes(7, 600)}), "plan",
        "a WPS .wps file", "error", ".docx", ".docx")
    add("legacy_renamed.docx", ole_file({"WordDocument": word_document, "1Table": _seeded_bytes(6, 600)}), "plan",
        "a .doc renamed .docx", "error", "旧版", "legacy")
    add("excel_97.doc", ole_file({"Workbook": _seeded_bytes(8, 3_000)}), "plan", "an .xls saved with a .doc name",
        "error", "Excel", "Excel")
    # --- zips that are not Word documents, or broken ones
    add("no_document_part.docx", docx_bytes({k: v for k, v in members.items() if k != "word/document.xml"}),
        "plan", "a .docx whose word/document.xml is missing", "error", "损坏", "damaged")
    add("spreadsheet.docx", docx_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        "plan", "an .xlsx renamed .docx", "error", "Excel", "Excel")
    add("body_not_xml.docx", docx_bytes(_with_body(b"\x00\x01 this is not XML <<<" + _seeded_bytes(9, 500))),
        "plan", "document.xml is not XML", "error", "损坏", "damaged")
    add("body_is_html.docx", docx_bytes(_with_body(
        "<html><head><title>整改方案</title></head><body><p>整改方案<br></p></body></html>".encode())),
        "plan", "document.xml holds an HTML page", "error", "损坏", "damaged")
    add("body_without_body.docx", docx_bytes(_with_body(
        f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:p/></w:document>'.encode())),
        "plan", "document.xml without a w:body", "error", "损坏", "damaged")
    lol = '<!ENTITY lol0 "整改整改整改整改整改整改整改整改整改整改">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    add("billion_laughs.docx", docx_bytes(_with_body(
        (f'<?xml version="1.0"?><!DOCTYPE w:document [{lol}]>'
         f'<w:document xmlns:w="{W_NS}"><w:body><w:p w:rsidR="&lol9;"><w:r><w:t>&lol9;</w:t></w:r></w:p>'
         f'</w:body></w:document>').encode())),
        "plan", "document.xml with a DOCTYPE of exponentially nested entities", "error", "恶意", "hostile")
    add("external_entity.docx", docx_bytes(_with_body(
        (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
         f'<w:document xmlns:w="{W_NS}"><w:body>{_paragraph("问题：&secret;")}</w:body></w:document>').encode())),
        "plan", "document.xml with an external entity to /etc/passwd (must not be read)", "error", "恶意", "hostile")
    deep = "<w:tbl><w:tr><w:tc>" * 5000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 5000
    add("tables_5000_deep.docx", docx_bytes(_with_body(_body(deep))), "plan",
        "tables nested 5000 deep", "error", "嵌套", "nested")
    add("tables_30_deep.docx", docx_bytes(_with_body(_nest_body(members["word/document.xml"], 30))), "plan",
        "the healthy plan inside 30 levels of one-cell layout tables", "ok")
    add("runs_100k.docx", docx_bytes(_with_body(_split_runs(members["word/document.xml"], 90_000))), "plan",
        "the healthy plan with every character in its own run, ~100k runs", "ok")
    # main part under another name (Word Online writes word/document2.xml): found through _rels/.rels
    renamed = {("word/document2.xml" if k == "word/document.xml" else
                "word/_rels/document2.xml.rels" if k == "word/_rels/document.xml.rels" else k):
               v.replace(b"/word/document.xml", b"/word/document2.xml").replace(b'Target="word/document.xml"',
                                                                                  b'Target="word/document2.xml"')
               for k, v in members.items()}
    add("main_part_renamed.docx", docx_bytes(renamed), "plan",
        "a healthy plan whose main part is word/document2.xml", "ok")
    evil = dict(members)
    evil["../../evil_hostile_corpus.txt"] = b"written outside the folder?"
    evil["/tmp/evil_hostile_corpus_abs.txt"] = b"written at an absolute path?"
    add("member_path_traversal.docx", docx_bytes(evil), "plan",
        "a healthy plan with members named ../../evil and /tmp/evil (never extracted)", "ok")
    # --- zip bombs, small on disk
    raw = [raw_member(name, data) for name, data in members.items()]
    add("zip_bomb_total.docx", raw_zip([*raw, zeros_member("word/media/image1.png", 300)]), "plan",
        "a healthy plan plus a 315 MB member of zeros (300 KB on disk)", "error", "恶意", "hostile")
    with zipfile.ZipFile(out / "zip_bomb_ratio.docx", "w") as archive:
        for name, data in members.items():
            if name != "word/document.xml":
                archive.writestr(_zip_info(name), data)
        head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
        with archive.open(_zip_info("word/document.xml"), "w") as member:
            member.write(head)
            paragraph = _paragraph("整改").encode()
            for _ in range(40):
                member.write(paragraph * 25_000)  # ~40 MB of one repeated paragraph
            member.write(b"</w:body></w:document>")
    add("zip_bomb_ratio.docx", None, "plan", "document.xml of 40 MB that deflates 1000:1", "error", "恶意", "hostile")
    add("zip_lying_size.docx", _lying_size(members), "plan",
        "document.xml declared 2 KB in the zip directory, really 50 MB of zeros", "error", "损坏", "damaged")
    empty = [RawMember(f"customXml/item{n}.xml", b"", 0, 0, zipfile.ZIP_STORED) for n in range(2, 100_002)]
    add("zip_100k_members.docx", raw_zip([*raw, *empty]), "plan", "a healthy plan plus 100,000 empty members",
        "error", "恶意", "hostile")
    # --- other formats a Word "export" button produces
    add("word2003_xml.doc", ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Word.Document"?>\n'
                             '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
                             f'<w:body><w:p><w:r><w:t>{notice[:200]}</w:t></w:r></w:p></w:body></w:wordDocument>'
                             ).encode(), "plan", "a Word 2003 XML document saved as .doc", "error", "XML", "XML")
    add("mht_export.doc", ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
                           "Content-Type: text/html; charset=\"utf-8\"\r\n\r\n<html><body>整改方案</body></html>\r\n--b--\r\n"
                           ).encode(), "plan", "a single-file web page (.mht) exported as .doc", "error", "网页", "web")
    html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>巡察反馈</title></head><body>" + "".join(
        f"<p>{line}</p>" for line in notice.splitlines() if line.strip()) + "</body></html>"
    add("notice_exported_as.doc", html.encode("utf-8"), "notice", "the notice as an HTML page named .doc", "ok")
    # --- notices: empty, binary, strangely encoded
    add("empty.txt", b"", "notice", "0 bytes", "error", "空", "empty")
    add("blank_lines.txt", b" \r\n\t\r\n\xe3\x80\x80\r\n" * 50, "notice", "only blanks and line breaks",
        "error", "空", "empty")
    add("binary_garbage.txt", _seeded_bytes(10, 50_000), "notice", "random bytes named .txt", "error",
        "不是可识别的文本", "not recognisable text")
    add("nul_bytes.txt", bytes(100_000), "notice", "100,000 NUL bytes", "error", "不是可识别的文本",
        "not recognisable text")
    add("undecodable.txt", b"\x80\xff" * 3_000, "notice", "bytes that decode to nothing plausible in any "
        "encoding Chinese files use", "error", "不是可识别的文本", "not recognisable text")
    add("bom_lies.txt", b"\xef\xbb\xbf" + notice.encode("gb18030"), "notice",
        "a UTF-8 byte-order mark before GB18030 text", "error", "字节顺序标记", "byte-order mark")
    add("utf16_without_bom.txt", notice.encode("utf-16-le"), "notice", "the notice in UTF-16LE without a BOM", "ok")
    add("gb18030_with_bad_bytes.txt", _gb18030_damaged(notice), "notice",
        "the notice in GB18030 with three stray invalid bytes and a cut last character", "ok")
    add("one_long_line.txt", re.sub(r"\s+", "", notice).encode("utf-8"), "notice",
        "the notice pasted as one line, no line breaks", "ok")
    add("terminal_capture.txt", ("\x1b[0m\x1b[31m" * 20 + notice[:40] + "\n").encode() * 40, "notice",
        "text full of terminal escape codes", "error", "不是可识别的文本", "not recognisable text")
    add("notice_as_plan.txt", notice.encode("utf-8"), "plan",
        "the notice given as the plan (swapped arguments)", "error", "整改事项", "item")
    add("broken_extract.json", b'{"problems": [{"id": "P1", "text": ', "notice",
        "a hand-edited extract JSON cut off mid-way", "error", "JSON", "JSON")
    add("broken_extract.yaml", "schema_version: 1\nproblems: [\n  - id: P1\n  text\n".encode(), "notice",
        "a hand-edited extract YAML with a broken list", "error", "YAML", "YAML")
    # --- paths that are not regular files
    (out / "a_folder.docx").mkdir(exist_ok=True)
    add("a_folder.docx", None, "plan", "a folder named .docx", "error", "文件夹", "directory")
    add("does_not_exist.docx", None, "plan", "a missing file", "error", "找不到", "not found")
    if hasattr(os, "symlink"):
        loop = out / "symlink_loop.docx"
        if not loop.is_symlink():
            os.symlink(loop.name, loop)
        add("symlink_loop.docx", None, "plan", "a symbolic link to itself", "error", "链接", "link", needs="posix")
    if hasattr(os, "mkfifo"):
        if not (out / "named_pipe.docx").exists():
            os.mkfifo(out / "named_pipe.docx")
        add("named_pipe.docx", None, "plan", "a named pipe (FIFO): must not hang waiting for a writer",
            "error", "不是普通文件", "not a regular file", needs="posix")
    locked = out / "no_permission.txt"
    if locked.exists():
        locked.chmod(0o644)  # a second build into the same folder
    locked.write_text(notice, encoding="utf-8")
    locked.chmod(0)
    add("no_permission.txt", None, "notice", "a notice the user may not read", "error", "权限", "permission",
        needs="non-root")
    # --- outputs that would destroy an input
    add("output_is_plan", None, "plan", "--output onto the plan", "error", "输入", "input",
        options=["--output", "{plan}"])
    add("output_is_notice", None, "plan", "--output onto the notice", "error", "输入", "input",
        options=["--output", "{notice}"])
    add("output_is_folder", None, "plan", "--output onto a folder", "error", "文件夹", "directory",
        options=["--output", "{dir}"])
    add("annotate_is_plan", None, "plan", "--annotate onto the plan", "error", "拒绝写入", "overwrite",
        options=["--annotate", "{plan}"])
    (out / "manifest.json").write_text(
        json.dumps({"cases": [asdict(c) for c in cases], "sha256": _digests(out, cases)}, ensure_ascii=False,
                   indent=1), encoding="utf-8")
    return cases


def _lying_size(members: dict[str, bytes]) -> bytes:
    """A zip whose directory says document.xml is 2 KB while its data inflates to 50 MB."""
    raw = [raw_member(name, data) for name, data in members.items()]
    for n, member in enumerate(raw):
        if member.name == "word/document.xml":
            bomb = zeros_member(member.name, 50)
            raw[n] = RawMember(member.name, bomb.payload, 2048, member.crc)
    return raw_zip(raw)


def _gb18030_damaged(text: str) -> bytes:
    encoded = bytearray(text.encode("gb18030"))
    for at in (len(encoded) // 4, len(encoded) // 2, 3 * len(encoded) // 4):
        while encoded[at] < 0x80:  # inside a Chinese character: the damage a bad copy does
            at += 1
        encoded[at:at] = b"\xff"
    encoded = encoded.rstrip(b"\r\n")
    return bytes(encoded[:-1]) if encoded[-1] >= 0x80 else bytes(encoded + b"\xd5")


def _digests(out: Path, cases: list[Case]) -> dict[str, str]:
    digests = {}
    for case in cases:
        path = out / case.name
        if path.is_file() and not path.is_symlink() and os.access(path, os.R_OK):
            digests[case.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile_corpus.py OUTDIR")
    built = build_corpus(sys.argv[1])
    print(f"{len(built)} cases written to {sys.argv[1]} (manifest.json)")
