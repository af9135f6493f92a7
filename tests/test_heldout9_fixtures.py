"""The held-out matching set 9 (fixtures/heldout9) is well-formed: every case's files exist, labels are
exact cuts of their notices as they read, the committed plans and notices are what their sources build,
and every case's mapping agrees with the labels written beside the plan rows. Deliberately runs NO part
of plancheck (no notice analysis, no plan reading, no matching): the set stays unseen until the lead's
first evaluation. Not a test of matching accuracy.

The three notices have shapes no earlier set has, and each is read the way its labels README says:

* docx-table (bianban-table.docx): the text of every body paragraph in document order, table cells
  included (row by row, cell by cell, paragraph by paragraph), one per line; a problem label is the text
  of its 存在问题 cell as python-docx gives it (cell.text: the cell's paragraphs joined by newlines).
* ocr-scan (laoganbu-ocr.txt): the raw UTF-8 text with the form feeds, the page footers and the running
  heads taken out, paragraphs split at blank lines and the hard-wrapped lines of a paragraph joined with
  nothing between them; labels are cuts of that reading (noise kept).
* speech-sentences (difangzhi-speech.txt): UTF-16 with BOM decoded, CRLF read as newlines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import (  # noqa: E402
    SECTORS_BEFORE_HELDOUT9, W, HeldOutSet, check_notices_built, common_tests, document_body,
    lists_and_failings_demanded, paragraph_texts,
)

# --------------------------------------------------------------------------- reading the OCR text

RUNNING_HEAD = "柘川县委第二巡察组反馈意见（内部资料　注意保存）"
FOOTER = re.compile(r"^[—－\-–]\s*\d+\s*[—－\-–]$")  # “— 3 —”, “—3—”, “- 3 -”
CLOSING = "，。、；：！？”’）》%"


def _is_furniture(line: str) -> bool:
    return line == RUNNING_HEAD or FOOTER.match(line.strip()) is not None


def ocr_reading(raw: str) -> tuple[str, list[int]]:
    """The OCR text as it reads, and for every character of the reading its offset in `raw`.

    Form feeds, footer lines and running-head lines go; a blank line ends a paragraph; the lines of a
    paragraph are joined with nothing between them; paragraphs are joined with a newline."""
    paragraphs: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    offset = 0
    for line in raw.split("\n"):
        start = offset
        offset += len(line) + 1
        if line.startswith("\f"):
            line, start = line[1:], start + 1
        if _is_furniture(line):
            continue
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        current += [(char, start + i) for i, char in enumerate(line)]
    if current:
        paragraphs.append(current)
    text, where = [], []
    for index, paragraph in enumerate(paragraphs):
        if index:
            text.append("\n")
            where.append(paragraph[0][1] - 1)
        text += [c for c, _ in paragraph]
        where += [o for _, o in paragraph]
    return "".join(text), where


# --------------------------------------------------------------------------- the set


class _Heldout9(HeldOutSet):
    """heldout9 has a Word notice (problems in a table), an OCR text read without its page furniture and
    hard line breaks, and a UTF-16 speech read as any text notice."""

    def notices(self) -> list[Path]:
        return sorted(p for p in (self.folder / "notices").iterdir() if p.suffix in (".txt", ".html", ".docx"))

    def notice_text(self, notice: Path) -> str:
        if notice.suffix == ".docx":
            return "\n".join(paragraph_texts(document_body(notice)))
        if self.labels_of_file(notice)["shape"] == "ocr-scan":
            return ocr_reading(notice.read_bytes().decode("utf-8"))[0]
        return super().notice_text(notice)


SET = _Heldout9("heldout9")
CATEGORY_OF_AREA = {
    "贯彻落实党的路线方针政策和党中央重大决策部署方面": "党的领导",
    "党的建设方面": "党的建设",
    "全面从严治党方面": "全面从严治党",
}


def _county_notice_with_every_list_demanded(notice, labels: dict, text: str) -> None:
    """Run inside test_notice_labels_are_exact_cuts_in_order: what this set's notices add."""
    lists_and_failings_demanded(notice, labels, text)
    assert labels["unit"].startswith("县") and labels["inspector"].startswith("县委"), "county-level inspections"
    assert all(p.get("category") for p in labels["problems"])
    assert "澄溪" not in text and "柘川" in text, "a county of its own"


globals().update(common_tests(
    SET, case_count=(11, 13), notice_count=3, problem_count=(8, 11),
    extra_required_tags={"merged-cells", "split-table", "reordered", "short-titles"},
    encodings=("utf-8", "utf-16"), seen_sectors=SECTORS_BEFORE_HELDOUT9,
    notice_checks=[_county_notice_with_every_list_demanded],
    skip_weekends=False,
))


def test_shapes_are_word_table_ocr_scan_and_speech():
    assert set(SET.notices_by_shape()) == {"docx-table", "ocr-scan", "speech-sentences"}


def test_notices_are_built_from_their_script(tmp_path):
    check_notices_built(SET, tmp_path)


# --------------------------------------------------------------------------- the Word notice with a table


def _first_sentence(text: str) -> str:
    return text[: text.index("。") + 1]


def test_word_notice_has_its_problems_in_one_table_with_merged_category_cells():
    notice = SET.notices_by_shape()["docx-table"]
    labels = SET.labels_of_file(notice)
    assert labels.get("labels_are_rendered")
    document = Document(str(notice))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "问题类别", "存在问题"]
    rows = table.rows[1:]
    assert len(rows) == len(labels["problems"])
    for number, (row, problem) in enumerate(zip(rows, labels["problems"]), 1):
        cells = row.cells  # a vertically merged cell is given for every row it spans
        assert cells[0].text == str(number)
        # the label is the whole 存在问题 cell, its paragraphs joined with newlines (cell.text)
        assert cells[2].text == problem["text"]
        assert CATEGORY_OF_AREA[cells[1].text] == problem["category"]
        assert all("\n" not in sub for sub in problem["subs"]), "a sub stays inside one paragraph"
        assert not any(_first_sentence(problem["text"]) in sub for sub in problem["subs"])
    # the 问题类别 cells: one restart per 方面, every other row continues it and holds no text
    column = [tr.tc_lst[1] for tr in table._tbl.tr_lst[1:]]
    merges = [tc.find(f"{W}tcPr/{W}vMerge") for tc in column]
    starts = [m for m in merges if m is not None and m.get(f"{W}val") == "restart"]
    continued = [tc for tc, m in zip(column, merges) if m is not None and m.get(f"{W}val") != "restart"]
    assert len(starts) == 3 and len(continued) == len(rows) - 3
    assert all("".join(t.text or "" for t in tc.iter(f"{W}t")) == "" for tc in continued)
    two_paragraph = [p for p in labels["problems"] if "\n" in p["text"]]
    assert len(two_paragraph) >= 2 and all(p["text"].count("\n") == 1 for p in two_paragraph)
    # nothing of a problem stands in the letter's own paragraphs: they are only in the table
    letter = "\n".join(p.text for p in document.paragraphs)
    assert not any(_first_sentence(p["text"]) in letter for p in labels["problems"])
    assert all(s in letter for s in labels["suggestions"]) and all(n in letter for n in labels["not_problems"])


# --------------------------------------------------------------------------- the OCR text


def test_ocr_text_is_hard_wrapped_paged_and_noisy():
    notice = SET.notices_by_shape()["ocr-scan"]
    labels = SET.labels_of_file(notice)
    assert labels.get("labels_are_rendered") and labels.get("noisy")
    data = notice.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    raw = data.decode("utf-8")
    pages = raw.count("\f") + 1
    lines = raw.replace("\f", "").split("\n")
    footers = [line for line in lines if FOOTER.match(line.strip())]
    assert pages >= 3 and len(footers) == pages and len(set(footers)) == pages
    assert len({re.sub(r"\d+", "", f) for f in footers}) >= 2, "the footer OCR'd in more than one way"
    assert lines.count(RUNNING_HEAD) == pages - 1
    body = [line for line in lines if line.strip() and not _is_furniture(line)]
    assert max(map(len, body)) <= 30 and sum(len(line) >= 27 for line in body) > len(body) / 2
    assert not any(line[0] in CLOSING for line in body), "no line starts with a closing mark"
    # the OCR confusions are in the text and kept in the labels
    text, where = ocr_reading(raw)
    assert "曰" in text and re.search("[０-９]", text)
    cut = [p["text"] for p in labels["problems"]]
    assert any("己经" in t for t in cut)
    assert any(re.search("[０-９]", t) for t in cut)
    assert any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", t) for t in cut), "a stray space inside a word"
    assert any(re.search("[０-９]", d) for d in re.findall("收到反馈意见后[^内]*内", text)), "a full-width limit"
    # every label is an exact cut of the reading; in the raw text most are broken by line breaks and
    # one runs over a page break (footer, form feed and running head inside it)
    crossing_pages = 0
    for problem in labels["problems"]:
        at = text.index(problem["text"])
        span = raw[where[at] : where[at + len(problem["text"]) - 1] + 1]
        if len(problem["text"]) > 30:
            assert "\n" in span
        crossing_pages += "\f" in span
        # the raw span is the label with hard line breaks (and page furniture) put in, nothing else
        lines = span.replace("\f", "").split("\n")
        assert "".join(line for line in lines if not _is_furniture(line)) == problem["text"]
    assert crossing_pages >= 1
    assert sum(p["text"] not in raw for p in labels["problems"]) >= len(labels["problems"]) - 2


def test_ocr_problems_are_yishi_runs_and_subs_are_comma_clauses():
    notice = SET.notices_by_shape()["ocr-scan"]
    labels = SET.labels_of_file(notice)
    text = SET.notice_text(notice)
    areas = [line for line in text.split("\n") if re.match("　　（[一二三]）", line)]
    assert [a.strip() for a in areas][:3] == [
        "（一）贯彻落实党中央决策部署和县委工作要求方面", "（二）党的建设方面", "（三）全面从严治党方面"]
    for index, problem in enumerate(labels["problems"]):
        at = text.index(problem["text"])
        # each problem is the n-th “X是” item of its paragraph, ended by “；” or the paragraph's “。”
        assert text[at - 2 : at] == "一二三"[index % 3] + "是"
        assert text[at + len(problem["text"])] in "；。"
        assert "；" not in problem["text"] and "。" not in problem["text"]
        clauses = problem["text"].split("，")
        if problem["subs"]:
            # the first clause only summarises; every later clause belongs to exactly one sub, in order
            assert "，".join(problem["subs"]) == "，".join(clauses[1:])
        else:
            assert len(clauses) >= 2


# --------------------------------------------------------------------------- the speech


SENTENCE_EXAMPLES = ("例如", "如", "其中")


def test_speech_is_utf16_crlf_and_its_failings_are_sentences():
    notice = SET.notices_by_shape()["speech-sentences"]
    labels = SET.labels_of_file(notice)
    data = notice.read_bytes()
    assert data.startswith(b"\xff\xfe") and labels["encoding"] == "utf-16"
    raw = data.decode("utf-16")
    assert raw.count("\r\n") == raw.count("\n") > 20
    text = SET.notice_text(notice)
    lines = text.split("\n")
    assert lines[0].startswith("在") and lines[0].endswith("讲话") and "同志们：" in lines and "谢谢大家。" in lines
    areas = [line for line in lines if re.match("（[一二三]）.*方面。$", line)]
    assert len(areas) == 3
    merged_examples = 0
    for number, problem in enumerate(labels["problems"], 1):
        assert f"{number}.{problem['text']}" in lines, "one problem, one paragraph"
        assert "；" not in problem["text"], "failings are separated by 。"
        sentences = problem["text"].rstrip("。").split("。")
        failings: list[str] = []
        for sentence in sentences[1:]:  # the first sentence only summarises
            if failings and sentence.startswith(SENTENCE_EXAMPLES):
                failings[-1] += "。" + sentence  # an example sentence belongs to the failing before it
                merged_examples += 1
            else:
                failings.append(sentence)
        assert problem["subs"] == (failings if len(failings) > 1 else [])
    assert merged_examples >= 3
    # suggestions “第一，…。第二，…。第三，…。” in one paragraph, the labels without the ordinals
    paragraph = next(line for line in lines if line.startswith("第一，"))
    assert [s for s in re.split("第[一二三]，", paragraph.rstrip("。")) if s] == [
        s + "。" for s in labels["suggestions"][:-1]] + [labels["suggestions"][-1]]


# --------------------------------------------------------------------------- the plans' new shapes (structure only)


def _tables(plan: str):
    return Document(str(SET.folder / "plans" / f"{plan}.docx")).tables


def test_bianban_plans_merge_the_problem_cell_over_the_rows_of_one_problem():
    for plan, tables in (("bianban-complete", 1), ("bianban-distractor", 1), ("bianban-restated", 2)):
        found = _tables(plan)
        assert len(found) == tables, plan
        continued = 0
        for table in found:
            for tr in table._tbl.tr_lst:
                if len(tr.tc_lst) < 2:  # a category row: one cell across the table
                    continue
                merge = tr.tc_lst[1].find(f"{W}tcPr/{W}vMerge")
                continued += merge is not None and merge.get(f"{W}val") != "restart"
        # problem 2 over three rows, 6 and 8 over two (6 cut by the table break in bianban-restated)
        assert continued == (3 if plan == "bianban-restated" else 4), plan


def test_two_problem_rows_number_their_measures_per_problem():
    for plan, answers in (("bianban-two-in-one", [3, 4]), ("laoganbu-complete", [1, 3])):
        spec = SET.sources()[f"{plan}.docx"].spec
        rows = [r for r in SET.mapping_tool.source_items(spec) if len(r["answers"]) == 2]
        assert len(rows) == 1 and rows[0]["answers"] == answers
        measures = rows[0]["measures"]
        assert len(measures) == 2 and all(m.startswith("针对") and "（1）" in m and "（2）" in m for m in measures)


def test_plans_carry_full_width_dates_traditional_rows_and_refer_back_items():
    laoganbu = SET.mapping_tool.source_items(SET.sources()["laoganbu-complete.docx"].spec)
    assert sum(bool(re.match("[０-９]{4}年", r["deadline"])) for r in laoganbu) >= 2
    difangzhi = SET.mapping_tool.source_items(SET.sources()["difangzhi-complete.docx"].spec)
    traditional = [r for r in difangzhi if re.search("[編審會與議監費]", "".join(map(str, r["measures"])))]
    assert len(traditional) == 2
    headed = SET.sources()["laoganbu-headings-gap.docx"].spec
    items = next(b["items"] for b in headed["body"] if "items" in b)
    titles = [r["category"] for r in items["rows"] if "category" in r]
    assert len(titles) == 8 and all(t.startswith("关于") and t.endswith("的问题") for t in titles)
    assert all("problem" not in r and r["measures"].startswith("针对上述问题")
               for r in items["rows"] if "category" not in r)
    assert not _tables("laoganbu-headings-gap") and not _tables("difangzhi-paragraphs-gap")
