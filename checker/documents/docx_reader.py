"""Read a .docx into blocks: the body's paragraphs and tables interleaved, in document order.

- Paragraphs: a heading (style Heading N / 标题 N, or an outline level) → "heading" with its level;
  automatic numbering (w:numPr on the paragraph or from its style) → "list_item" whose number is
  rendered as Word shows it (checker.documents.numbering), stored in Block.number and put before
  the text; other paragraphs → "paragraph". Empty paragraphs give no block (a numbered empty
  paragraph still advances its list, as in Word).
- Location.paragraph is the 1-based index among the NON-EMPTY body blocks (headings, paragraphs,
  list items) in reading order, so 第12段 in a message is the 12th block a reviewer sees; table
  cells do not count and have paragraph=None.
- Tables: one block per cell, empty cells included (an empty 责任领导 cell is a finding). Merged
  cells are read once: w:gridSpan gives col_span, a vertical merge gives one block at its first
  row with row_span = rows covered; w:gridBefore shifts the grid column. Paragraphs in a cell are
  joined with "\n" and keep their numbering. Tables are numbered in document order, a nested
  table right after its parent; its blocks follow the cell that holds it and its text is not
  repeated in that cell. Rows deleted in tracked changes are dropped.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from checker.documents.docx_text import paragraph_mark_deleted, paragraph_text
from checker.documents.normalize import normalize_text
from checker.documents.numbering import ListNumber, Numbering
from checker.documents.ooxml import NAMESPACES, W, attr_int, w_attr
from checker.documents.sniff import corrupt_docx
from checker.documents.source import empty_file
from checker.documents.styles import Styles, read_num_pr, read_outline
from checker.documents.zip_guard import check_archive
from checker.errors import InputError
from checker.models import Block, Document, Location

_P, _TBL, _TR, _TC = W + "p", W + "tbl", W + "tr", W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_WRAPPERS = (_SDT, _CUSTOM_XML)  # content controls and custom XML wrap paragraphs, rows, cells
_MAX_WRAPPER_DEPTH = 50

_RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def read_docx(data: bytes, path: str, sha256: str) -> Document:
    body, styles_root, numbering_root = _open_package(data, path)
    styles = Styles(styles_root)
    reader = _BodyReader(path, styles, Numbering(numbering_root, styles.numbering_style_num_ids))
    reader.read_container(body)
    if not any(block.text for block in reader.blocks):
        raise empty_file(path)
    warnings = []
    if body.find(".//w:ins", NAMESPACES) is not None or body.find(".//w:del", NAMESPACES) is not None:
        warnings.append("文档含修订记录，已按“接受全部修订”读取")
    return Document(path=path, sha256=sha256, format="docx", blocks=reader.blocks, warnings=warnings)


def _open_package(data: bytes, path: str):
    """(body, styles root or None, numbering root or None) — or an InputError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:
        raise corrupt_docx(path) from None
    with archive:
        check_archive(archive, path)
        try:
            _refuse_doctypes(archive, path)
        except InputError:
            raise
        except Exception:  # a member that cannot be inflated (bad CRC, zip password, …)
            raise corrupt_docx(path) from None
    try:
        from docx.opc.package import OpcPackage

        package = OpcPackage.open(io.BytesIO(data))
        document_part = package.main_document_part
        root = _xml_of(document_part)
        related = {rel.reltype: rel.target_part for rel in document_part.rels.values() if not rel.is_external}
        styles_root = _xml_of(related[_RT_STYLES]) if _RT_STYLES in related else None
        numbering_root = _xml_of(related[_RT_NUMBERING]) if _RT_NUMBERING in related else None
    except InputError:
        raise
    except Exception as error:  # python-docx and lxml fail in many ways on damaged packages
        if "Excessive depth" in str(error):  # libxml2's limit of 256 nested elements
            raise InputError(
                f"{path} 的结构嵌套过深（如表格套表格几十层以上），无法读取：请把嵌套的表格改为普通表格后另存为 .docx 再试",
                f"{path} is nested too deeply (tables within tables dozens of levels deep): flatten the "
                "nested tables, save as .docx and retry",
            ) from None
        raise corrupt_docx(path) from None
    for part_root in (root, styles_root, numbering_root):
        if part_root is not None and part_root.getroottree().docinfo.internalDTD is not None:
            raise _hostile_xml(path)
    body = root.find(W + "body")
    if body is None:
        raise corrupt_docx(path, "没有正文", "no body")
    return body, styles_root, numbering_root


def _refuse_doctypes(archive: zipfile.ZipFile, path: str) -> None:
    """Word never writes a DTD; one in a part is an entity-expansion or external-entity attack.
    The prolog comes first, so its first kilobytes tell (a DTD hidden further is still caught
    after parsing, and lxml expands none of it)."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")) and info.file_size:
            with archive.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in head:
                raise _hostile_xml(path)


def _hostile_xml(path: str) -> InputError:
    return InputError(
        f"{path} 含有 DTD/实体声明（Word 不会生成这种内容，可能是恶意文件）：请在 Word/WPS 中打开后重新另存为 .docx",
        f"{path} declares a DTD/entities (Word never writes one; possibly hostile): open it in Word/WPS "
        "and save it again as .docx",
    )


def _xml_of(part):
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml  # python-docx's parser: no entities, no network

    return parse_xml(part.blob)  # a part python-docx does not model (e.g. a .docm body)


@dataclass
class _Cell:
    row: int
    col: int
    col_span: int
    text: str
    row_span: int = 1
    nested: list[Block] = field(default_factory=list)


class _BodyReader:
    def __init__(self, path: str, styles: Styles, numbering: Numbering):
        self.blocks: list[Block] = []
        self._path = path
        self._styles = styles
        self._numbering = numbering
        self._paragraphs = 0
        self._tables = 0

    # ------------------------------------------------------------------ body

    def read_container(self, container, depth: int = 0) -> None:
        for child in container:
            if child.tag == _P:
                self._body_paragraph(child)
            elif child.tag == _TBL:
                self.blocks.extend(self._table(child))
            elif child.tag in _WRAPPERS and depth < _MAX_WRAPPER_DEPTH:
                self.read_container(_unwrap(child), depth + 1)

    def _body_paragraph(self, element) -> None:
        paragraph = self._paragraph(element)
        if paragraph is None:
            return
        text, number, heading = paragraph
        self._paragraphs += 1
        location = Location(file=self._path, kind="paragraph", paragraph=self._paragraphs)
        number_text = number.text if number and number.text else None
        if heading is not None:
            kind, level = "heading", heading
        elif number is not None:
            kind, level = "list_item", number.level
        else:
            kind, level = "paragraph", None
        self.blocks.append(Block(kind=kind, text=text, number=number_text, level=level, location=location))

    def _paragraph(self, element) -> tuple[str, ListNumber | None, int | None] | None:
        """(text with its number, the number, heading level) or None for an empty paragraph."""
        ppr = element.find(W + "pPr")
        style_id = self._styles.resolve(w_attr(ppr.find(W + "pStyle"), "val") if ppr is not None else None)
        text = normalize_text(paragraph_text(element)).strip("\n")
        if not text and paragraph_mark_deleted(element):
            return None  # a paragraph deleted in tracked changes: gone once accepted
        number = self._list_number(ppr, style_id)  # advances the list even when text is empty
        if not text:
            return None
        if number is not None and number.text:
            shown = normalize_text(number.text)
            separator = _separator(shown, number.suffix)
            number = ListNumber(shown, number.level, number.suffix)
            text = shown + separator + text
        return text, number, self._heading_level(ppr, style_id)

    def _list_number(self, ppr, style_id: str | None) -> ListNumber | None:
        own = read_num_pr(ppr)
        inherited = self._styles.num_pr(style_id)
        if own is not None and own.num_id is not None:
            num_id, ilvl = own.num_id, own.ilvl
        elif inherited is not None and inherited.num_id is not None:
            num_id = inherited.num_id
            ilvl = own.ilvl if own is not None and own.ilvl is not None else inherited.ilvl
            if ilvl is None and style_id is not None:
                ilvl = self._numbering.level_for_style(num_id, style_id)
        else:
            return None
        if num_id == "0":  # numId 0 switches inherited numbering off
            return None
        return self._numbering.next_number(num_id, ilvl or 0)

    def _heading_level(self, ppr, style_id: str | None) -> int | None:
        level = self._styles.heading_level(style_id)
        if level is not None:
            return level
        outline = read_outline(ppr)
        if outline is None:
            outline = self._styles.outline_level(style_id)
        return outline + 1 if outline is not None and 0 <= outline <= 8 else None

    # ------------------------------------------------------------------ tables

    def _table(self, table) -> list[Block]:
        self._tables += 1
        number = self._tables
        cells: list[_Cell] = []
        open_merges: dict[int, _Cell] = {}  # grid column → the first cell of a vertical merge
        for row_index, row in enumerate(_rows(table), start=1):
            trpr = row.find(W + "trPr")
            col = 1 + max(0, attr_int(trpr.find(W + "gridBefore") if trpr is not None else None, 0) or 0)
            still_open: dict[int, _Cell] = {}
            previous: _Cell | None = None
            for cell in _cells(row):
                tcpr = cell.find(W + "tcPr")
                span = _grid_span(tcpr)
                vmerge = _merge_state(tcpr, "vMerge")
                if vmerge == "continue" and col in open_merges:
                    above = open_merges[col]
                    above.row_span += 1
                    still_open[col] = above
                    col += span
                    continue
                if _merge_state(tcpr, "hMerge") == "continue" and previous is not None:
                    previous.col_span += span  # legacy horizontal merge: widen the cell on the left
                    col += span
                    continue
                text, nested = self._cell_content(cell)
                record = _Cell(row=row_index, col=col, col_span=span, text=text, nested=nested)
                cells.append(record)
                if vmerge is not None:  # restart (or a continue with nothing above: starts one)
                    still_open[col] = record
                previous = record
                col += span
            open_merges = still_open
        blocks: list[Block] = []
        for cell in cells:
            location = Location(file=self._path, kind="table_cell", table=number, row=cell.row, col=cell.col)
            blocks.append(
                Block(
                    kind="table_cell",
                    text=cell.text,
                    row_span=cell.row_span,
                    col_span=cell.col_span,
                    location=location,
                )
            )
            blocks.extend(cell.nested)
        return blocks

    def _cell_content(self, cell) -> tuple[str, list[Block]]:
        lines: list[str] = []
        nested: list[Block] = []
        self._read_cell_container(cell, lines, nested, 0)
        return "\n".join(lines), nested

    def _read_cell_container(self, container, lines: list[str], nested: list[Block], depth: int) -> None:
        for child in container:
            if child.tag == _P:
                paragraph = self._paragraph(child)
                if paragraph is not None:
                    lines.append(paragraph[0])
            elif child.tag == _TBL:
                nested.extend(self._table(child))
            elif child.tag in _WRAPPERS and depth < _MAX_WRAPPER_DEPTH:
                self._read_cell_container(_unwrap(child), lines, nested, depth + 1)


def _separator(number: str, suffix: str) -> str:
    """What stands between the number and the text: Word's tab or space becomes one space,
    except after Chinese punctuation or an enclosed number (一、总体要求, （一）, ①), where
    nobody types one."""
    if suffix == "nothing" or not number:
        return ""
    last = number[-1]
    if suffix != "space" and not last.isascii() and unicodedata.category(last) in ("Po", "Pe", "Ps", "No"):
        return ""
    return " "


def _unwrap(wrapper):
    """The children holder of w:sdt (its w:sdtContent) or of w:customXml (itself)."""
    if wrapper.tag == _SDT:
        content = wrapper.find(_SDT_CONTENT)
        return () if content is None else content
    return wrapper


def _rows(table, depth: int = 0):
    for child in table:
        if child.tag == _TR:
            trpr = child.find(W + "trPr")
            if trpr is None or trpr.find(W + "del") is None:  # a row deleted in tracked changes
                yield child
        elif child.tag in _WRAPPERS and depth < _MAX_WRAPPER_DEPTH:
            yield from _rows(_unwrap(child), depth + 1)


def _cells(row, depth: int = 0):
    for child in row:
        if child.tag == _TC:
            tcpr = child.find(W + "tcPr")
            if tcpr is None or tcpr.find(W + "cellDel") is None:
                yield child
        elif child.tag in _WRAPPERS and depth < _MAX_WRAPPER_DEPTH:
            yield from _cells(_unwrap(child), depth + 1)


def _grid_span(tcpr) -> int:
    span = attr_int(tcpr.find(W + "gridSpan"), 1) if tcpr is not None else 1
    return min(max(span or 1, 1), 1000)  # a hostile w:gridSpan cannot make a huge grid


def _merge_state(tcpr, name: str) -> str | None:
    """None (not merged), "restart" or "continue" for w:vMerge / w:hMerge."""
    element = tcpr.find(W + name) if tcpr is not None else None
    if element is None:
        return None
    return "restart" if w_attr(element, "val") == "restart" else "continue"
