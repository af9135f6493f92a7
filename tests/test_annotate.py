"""`--annotate OUT.docx`: one Word comment per finding at the right place, a summary comment first,
the plan's own content untouched, the input never overwritten, and the result opens in LibreOffice
(converted to PDF headlessly where LibreOffice is installed; the comment count is checked through
python-docx everywhere)."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from checker.cli import main
from checker.documents import read_document
from checker.documents.docx_text import paragraph_text
from checker.documents.normalize import normalize_text
from checker.report.annotate import AUTHOR, _DocxIndex

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# a ledger with merged cells and uncovered problems; paragraph items; plan-level findings in a plan
# that already has two reviewers' comments; a ledger split over two tables; tracked changes
CASES = [
    ("plans/jiaoyu-gaps.docx", "notices/jiaoyu-letter.txt", []),
    ("plans/fulian-gaps.docx", "notices/fulian-news.txt", []),
    ("plans/gaoxiao-gaps.docx", "notices/gaoxiao-faxian.txt", []),
    ("plans/weijian-gaps.docx", "notices/weijian-yishi.txt", []),
    ("plans/yibao-gaps.docx", "notices/yibao-noyear.txt", ["--feedback-date", "2024-10-10"]),
]
_COMMENT_MARKUP = {W + "commentRangeStart", W + "commentRangeEnd"}


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _annotated(capsys, tmp_path, plan, notice, extra) -> tuple[Path, dict]:
    import json

    out = tmp_path / f"{Path(plan).stem}.批注.docx"
    code, stdout, err = _run(capsys, FIXTURES / plan, "--against", FIXTURES / notice, *extra, "--annotate", out,
                             "--format", "json", "--no-config")
    assert code == 1, err
    return out, json.loads(stdout)


def _ours(document) -> list:
    return [c for c in document.comments if c.author == AUTHOR]


def _anchor(body, comment_id: int):
    """The paragraph in which a comment range starts, and the table cell holding it (or None)."""
    start = body.find(f".//{W}commentRangeStart[@{W}id='{comment_id}']")
    paragraph = start.getparent()
    cell = paragraph.getparent()
    while cell is not None and cell.tag != W + "tc":
        cell = cell.getparent()
    return paragraph, cell


@pytest.mark.parametrize("plan,notice,extra", CASES, ids=[Path(c[0]).stem for c in CASES])
def test_one_comment_per_finding_at_its_place(capsys, tmp_path, plan, notice, extra):
    out, report = _annotated(capsys, tmp_path, plan, notice, extra)
    document = docx.Document(str(out))
    ours = _ours(document)
    assert len(ours) == len(report["findings"]) + 1  # the summary comment first
    assert ours[0].text.startswith("plancheck 审核意见") and f"另有 {len(report['findings'])} 条批注" in ours[0].text
    index = _DocxIndex.of(document.element.body)
    title = read_document(FIXTURES / plan).blocks[0]
    for finding, comment in zip(report["findings"], ours[1:]):
        assert comment.text.startswith(finding["rule"]), comment.text
        assert finding["message"] in comment.text
        paragraph, cell = _anchor(document.element.body, comment.comment_id)
        loc = finding["location"]
        if loc["kind"] == "table_cell":
            assert cell is index.cells[(loc["table"], loc["row"], loc["col"])], finding
        elif loc["kind"] == "paragraph" and loc["paragraph"]:
            assert paragraph is index.paragraphs[loc["paragraph"]], finding
        elif loc["kind"] == "notice":  # at the 台账 heading
            text = "".join(t.text or "" for t in paragraph.iter(W + "t"))
            assert ("台账" in text or "清单" in text or "整改" in text) and cell is None, text
            assert f"第{loc['line']}行" in comment.text
        else:  # plan-level: on the title
            assert paragraph is index.paragraphs[title.location.paragraph]
    assert all(c.author == AUTHOR or not c.text.startswith("plancheck") for c in document.comments)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _canonical(xml: bytes, drop_ids: frozenset[str] = frozenset()) -> bytes:
    """C14N of a part, without the comment markup of the comments `drop_ids` (ours)."""
    root = etree.fromstring(xml)
    for element in list(root.iter(*_COMMENT_MARKUP)):
        if element.get(W + "id") in drop_ids:
            element.getparent().remove(element)
    for run in list(root.iter(W + "r")):
        reference = run.find(W + "commentReference")
        if reference is not None and reference.get(W + "id") in drop_ids:
            run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


@pytest.mark.parametrize("plan,notice,extra", CASES[:3], ids=[Path(c[0]).stem for c in CASES[:3]])
def test_the_plans_own_content_is_kept(capsys, tmp_path, plan, notice, extra):
    before_hash = hashlib.sha256((FIXTURES / plan).read_bytes()).hexdigest()
    out, _ = _annotated(capsys, tmp_path, plan, notice, extra)
    assert hashlib.sha256((FIXTURES / plan).read_bytes()).hexdigest() == before_hash  # input untouched
    original, annotated = _parts(FIXTURES / plan), _parts(out)
    ours = frozenset(str(c.comment_id) for c in _ours(docx.Document(str(out))))
    for name, data in original.items():
        assert name in annotated, name
        if name in ("word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
            continue  # where the new comments are registered
        if data == annotated[name]:
            continue
        assert name.endswith((".xml", ".rels")), f"{name} changed"
        # python-docx writes the XML parts it loaded again: same content, maybe other bytes
        drop = ours if name == "word/document.xml" else frozenset()
        assert _canonical(data) == _canonical(annotated[name], drop), name
    # what plancheck reads from the copy is what it read from the original, block by block
    assert [(b.kind, b.text, b.location.model_dump(exclude={"file"})) for b in read_document(out).blocks] == \
           [(b.kind, b.text, b.location.model_dump(exclude={"file"})) for b in read_document(FIXTURES / plan).blocks]


def _all_plans() -> list[Path]:
    return sorted((FIXTURES / "plans").glob("*.docx")) + sorted((FIXTURES / "matching" / "plans").glob("*.docx"))


def test_the_comment_index_agrees_with_the_reader_on_every_fixture_plan():
    """annotate walks the XML itself; it must find the element behind every location the reader gives."""
    for path in _all_plans():
        document = docx.Document(str(path))
        index = _DocxIndex.of(document.element.body)
        blocks = read_document(path).blocks
        paragraphs = [b for b in blocks if b.kind != "table_cell"]
        cells = [b for b in blocks if b.kind == "table_cell"]
        assert len(index.paragraphs) == len(paragraphs), path.name
        for block in paragraphs:
            text = normalize_text(paragraph_text(index.paragraphs[block.location.paragraph])).strip()
            assert text and block.text.endswith(text), (path.name, block.location.paragraph)
        assert {(b.location.table, b.location.row, b.location.col) for b in cells} == set(index.cells), path.name


def test_refuses_to_write_over_the_plan_or_the_notice(capsys, tmp_path):
    plan = tmp_path / "方案.docx"
    shutil.copy(FIXTURES / "plans/jiaoyu-gaps.docx", plan)
    notice = tmp_path / "反馈意见.txt"
    shutil.copy(FIXTURES / "notices/jiaoyu-letter.txt", notice)
    before = plan.read_bytes()
    for target in (plan, tmp_path / "." / "方案.docx"):
        code, out, err = _run(capsys, plan, "--against", notice, "--annotate", target, "--no-config")
        assert code == 2 and "拒绝写入" in err and len(err.strip().splitlines()) == 1, err
    code, _, err = _run(capsys, plan, "--against", notice, "--annotate", tmp_path / "out.pdf", "--no-config")
    assert code == 2 and ".docx" in err
    link = tmp_path / "link.docx"
    link.symlink_to(plan)
    code, _, err = _run(capsys, plan, "--against", notice, "--annotate", link, "--no-config")
    assert code == 2, err
    assert plan.read_bytes() == before


def test_a_plan_that_is_not_docx_cannot_be_annotated(capsys, tmp_path):
    plan = tmp_path / "方案.md"
    plan.write_text("# 整改方案\n\n问题：公务接待超标准。整改措施：修订《公务接待管理办法》。责任领导：张三。\n", encoding="utf-8")
    code, _, err = _run(capsys, plan, "--against", FIXTURES / "notices/jiaoyu-letter.txt", "--annotate",
                        tmp_path / "out.docx", "--no-config")
    assert code == 2 and ".docx" in err, err
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (apt-get install libreoffice-writer)")
def test_the_annotated_copy_opens_in_libreoffice(capsys, tmp_path):
    out, report = _annotated(capsys, tmp_path, *CASES[0][:2], [])
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    proc = subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--convert-to", export, "--outdir", str(tmp_path / "pdf"), str(out)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "pdf" / f"{out.stem}.pdf"
    assert pdf.exists(), proc.stdout + proc.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # LibreOffice exports each comment it read as a PDF text annotation
    notes = len(re.findall(rb"/Subtype\s*/Text\b", data))
    assert notes == len(docx.Document(str(out)).comments) == len(report["findings"]) + 1


def test_comment_count_through_python_docx_on_a_plan_with_earlier_comments(capsys, tmp_path):
    plan, notice, extra = CASES[2]  # gaoxiao-gaps carries two reviewers' comments already
    before = len(docx.Document(str(FIXTURES / plan)).comments)
    out, report = _annotated(capsys, tmp_path, plan, notice, extra)
    comments = list(docx.Document(str(out)).comments)
    assert before == 2 and len(comments) == before + len(report["findings"]) + 1
    ids = [c.comment_id for c in comments]
    assert len(set(ids)) == len(ids)
    body = docx.Document(io.BytesIO(out.read_bytes())).element.body
    for cid in ids[before:]:  # every new comment has its range and its reference in the body
        assert body.find(f".//{qn('w:commentRangeStart')}[@{qn('w:id')}='{cid}']") is not None
        assert body.find(f".//{qn('w:commentReference')}[@{qn('w:id')}='{cid}']") is not None
