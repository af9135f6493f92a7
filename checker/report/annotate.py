"""`--annotate OUT.docx`: the plan back to its authors, with a reviewer's Word comment at each gap.

- One summary comment first (on the title), then one comment per finding, author "plancheck":
  the rule ID, the severity and the message (and the waiver's reason for a waived finding).
- Where: a finding in a table cell → that cell; in a paragraph → that paragraph; about the notice
  (an uncovered problem or suggestion) → the 台账 heading (the caption before the ledger table, or
  the paragraph before the first item); about the plan as a whole → the title.
- Only comment markup is added (w:commentRangeStart/End and a reference run, plus the comments
  part): every paragraph, run, table and part of the plan stays as it was. An empty cell has no
  text to span, so its comment marks the empty range — Word and LibreOffice show it at the cell.
- Never writes over the plan or the notice; written to a temporary file and renamed, so a failed
  run leaves no half-written document.

Locations come from checker.documents.docx_reader (第N段 = Nth non-empty body paragraph; 表N =
Nth table in document order, nested ones right after their parent; rows and grid columns as it
counts them); `_DocxIndex` walks the XML the same way — tests/test_annotate.py checks that the two
agree on every block of every fixture plan.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checker.check import CheckResult
from checker.messages import error, msg
from checker.models import Finding, Location

AUTHOR = "plancheck"
INITIALS = "PC"


@dataclass
class _DocxIndex:
    """The w:p and w:tc elements behind plancheck's locations."""

    paragraphs: dict[int, object] = field(default_factory=dict)  # 第N段 → w:p
    cells: dict[tuple[int, int, int], object] = field(default_factory=dict)  # (table, row, col) → w:tc
    tables: dict[int, object] = field(default_factory=dict)  # 表N → w:tbl
    order: list[tuple[str, object]] = field(default_factory=list)  # body reading order: ("p", n) / ("t", n)

    @classmethod
    def of(cls, body) -> _DocxIndex:
        index = cls()
        index._container(body, 0, top=True)
        return index

    # the reader's walk (checker.documents.docx_reader._BodyReader), keeping elements instead of text
    def _container(self, container, depth: int, top: bool) -> None:
        from checker.documents.docx_reader import _MAX_WRAPPER_DEPTH, _P, _TBL, _WRAPPERS, _unwrap

        for child in container:
            if child.tag == _P:
                if top and _non_empty(child):
                    number = len(self.paragraphs) + 1
                    self.paragraphs[number] = child
                    self.order.append(("p", number))
            elif child.tag == _TBL:
                number = self._table(child)
                if top:
                    self.order.append(("t", number))
            elif child.tag in _WRAPPERS and depth < _MAX_WRAPPER_DEPTH:
                self._container(_unwrap(child), depth + 1, top)

    def _table(self, table) -> int:
        from checker.documents.docx_reader import _cells, _grid_span, _merge_state, _rows
        from checker.documents.ooxml import W, attr_int

        number = len(self.tables) + 1
        self.tables[number] = table
        open_merges: set[int] = set()
        for row_index, row in enumerate(_rows(table), start=1):
            trpr = row.find(W + "trPr")
            col = 1 + max(0, attr_int(trpr.find(W + "gridBefore") if trpr is not None else None, 0) or 0)
            still_open: set[int] = set()
            previous = None
            for cell in _cells(row):
                tcpr = cell.find(W + "tcPr")
                span = _grid_span(tcpr)
                vmerge = _merge_state(tcpr, "vMerge")
                if vmerge == "continue" and col in open_merges:
                    still_open.add(col)
                    col += span
                    continue
                if _merge_state(tcpr, "hMerge") == "continue" and previous is not None:
                    col += span
                    continue
                self.cells[(number, row_index, col)] = cell
                self._container(cell, 0, top=False)  # nested tables are numbered here, as the reader does
                if vmerge is not None:
                    still_open.add(col)
                previous = cell
                col += span
            open_merges = still_open
        return number


def _non_empty(paragraph) -> bool:
    from checker.documents.docx_text import paragraph_text
    from checker.documents.normalize import normalize_text

    return bool(normalize_text(paragraph_text(paragraph)).strip("\n"))


def _cell_paragraphs(cell) -> list:
    from checker.documents.ooxml import W

    return [p for p in cell.iter(W + "p") if _owning_cell(p) is cell]


def _owning_cell(paragraph):
    from checker.documents.ooxml import W

    node = paragraph.getparent()
    while node is not None and node.tag != W + "tc":
        node = node.getparent()
    return node


def _mark(first_p, last_p, comment_id: int) -> None:
    """Comment range from the start of `first_p` to the end of `last_p`, then the reference run."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    ppr = first_p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first_p.insert(0, start)
    last_p.append(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)}))
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    run.append(rpr)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    last_p.append(run)


class _Anchors:
    """Which paragraphs a finding's comment spans."""

    def __init__(self, index: _DocxIndex, result: CheckResult):
        self.index = index
        self.title = self._title(result)
        self.ledger = self._ledger(result)

    def _title(self, result: CheckResult) -> int:
        title = result.plan.title
        for block in result.plan.document.blocks:
            if title and block.kind != "table_cell" and block.text == title and block.location.paragraph:
                return block.location.paragraph
        return min(self.index.paragraphs, default=0)

    def _ledger(self, result: CheckResult) -> int:
        """The paragraph that introduces the items: the 台账 caption, else the nearest one before."""
        first = next((i for i in result.plan.items), None)
        if first is None:
            return self.title
        if first.location.kind == "table_cell" and first.location.table:
            key = ("t", self._top_table(first.location.table))
        elif first.location.paragraph:
            key = ("p", first.location.paragraph)
        else:
            return self.title
        if key not in self.index.order:
            return self.title
        before = [n for kind, n in self.index.order[: self.index.order.index(key)] if kind == "p"]
        near = before[-3:]
        captions = [n for n in near if "台账" in _text(self.index.paragraphs[n]) or "清单" in _text(self.index.paragraphs[n])]
        if captions:
            return captions[-1]
        return before[-1] if before else self.title

    def _top_table(self, number: int) -> int:
        tops = [n for kind, n in self.index.order if kind == "t"]
        return max((t for t in tops if t <= number), default=number)

    def span(self, finding: Finding, plan_path: str) -> tuple[object, object] | None:
        loc = finding.location or Location()
        if loc.kind == "table_cell" and (loc.table, loc.row, loc.col) in self.index.cells:
            paragraphs = _cell_paragraphs(self.index.cells[(loc.table, loc.row, loc.col)])
            if paragraphs:
                return paragraphs[0], paragraphs[-1]
        elif loc.kind == "paragraph" and loc.paragraph in self.index.paragraphs and _same_file(loc.file, plan_path):
            p = self.index.paragraphs[loc.paragraph]
            return p, p
        about_notice = loc.kind == "notice" or not _same_file(loc.file, plan_path)
        p = self.paragraph(self.ledger if about_notice else self.title)
        return (p, p) if p is not None else None

    def paragraph(self, number: int):
        """Body paragraph N; a plan that is nothing but a table gets its comments on the first cell."""
        if number in self.index.paragraphs:
            return self.index.paragraphs[number]
        for cell in self.index.cells.values():
            paragraphs = _cell_paragraphs(cell)
            if paragraphs:
                return paragraphs[0]
        return None


def _same_file(a: str | None, b: str) -> bool:
    return a is None or a == b or Path(a).resolve() == Path(b).resolve()


def _text(paragraph) -> str:
    from checker.documents.docx_text import paragraph_text

    return paragraph_text(paragraph)


def comment_text(result: CheckResult, n: int, lang: str) -> str:
    """Rule ID, severity, message. The comment sits at the place it is about, so only a finding
    about the notice (shown at the 台账 heading) says where: 反馈意见第16行."""
    from checker.report.view import where

    finding = result.findings[n]
    loc = finding.location
    place = ""
    if loc is not None and loc.kind == "notice" and where(loc, lang):
        place = f"{where(loc, lang)}{msg('colon', lang)}"
    text = msg("comment_finding", lang, rule=finding.rule, severity=msg(finding.severity, lang), where=place,
               message=finding.message)
    waiver = result.waived.get(n)
    if waiver is not None:
        text += "\n" + msg("comment_waived", lang, reason=waiver.describe(lang))
    return text


def check_target(plan_path: str, out: str | Path, others: list[str]) -> Path:
    """Refuse anything that could damage an input: same path, a non-.docx plan, a non-.docx name."""
    target = Path(out)
    plan = Path(plan_path)
    if plan.suffix.lower() != ".docx":
        raise error("annotate_not_docx", file=plan_path)
    if target.suffix.lower() != ".docx":
        raise error("annotate_out_ext", file=out)
    if _is_same(target, plan):
        raise error("annotate_same", file=out)
    for other in others:
        if _is_same(target, Path(other)):
            raise error("annotate_input", file=out)
    return target


def _is_same(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def annotate(result: CheckResult, out: str | Path, lang: str = "zh", fail_on: str = "error",
             inputs: list[str] | None = None) -> int:
    """Write the annotated copy; returns the number of comments added (summary included)."""
    import docx

    from checker.report.view import build_view

    target = check_target(result.plan.path, out, list(inputs or []) + [result.requirements.notice_path])
    try:
        document = docx.Document(result.plan.path)
    except Exception:  # the reader opened it a moment ago; a change in between is the user's to see
        from checker.documents.sniff import corrupt_docx

        raise corrupt_docx(result.plan.path) from None
    index = _DocxIndex.of(document.element.body)
    anchors = _Anchors(index, result)
    view = build_view(result, fail_on, lang)
    summary = msg("comment_summary", lang, summary=view.summary(), verdict=view.verdict(), n=len(result.findings))
    placed = 0
    title = anchors.paragraph(anchors.title)
    if title is not None:
        comment = document.comments.add_comment(text=summary, author=AUTHOR, initials=INITIALS)
        _mark(title, title, comment.comment_id)
        placed += 1
    for n, finding in enumerate(result.findings):
        span = anchors.span(finding, result.plan.path)
        if span is None:
            continue
        comment = document.comments.add_comment(text=comment_text(result, n, lang), author=AUTHOR, initials=INITIALS)
        _mark(span[0], span[1], comment.comment_id)
        placed += 1
    _save(document, target)
    return placed


def _save(document, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.plancheck-tmp")
    try:
        document.save(str(tmp))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise error("annotate_write", file=target, why=exc.strerror or exc) from None
