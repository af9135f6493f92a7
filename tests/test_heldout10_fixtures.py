"""The held-out matching set 10 (fixtures/heldout10) is well-formed: every case's files exist, labels are
exact cuts of their notices as they read, the committed plans and notices are what their sources build,
and every case's mapping agrees with the labels written beside the plan rows. Deliberately runs NO part
of plancheck (no notice analysis, no plan reading, no matching): the set stays unseen until the lead's
first evaluation. Not a test of matching accuracy.

The three notices have shapes no earlier set has, and each is read the way its labels README says:

* html-article (renfang-web.html): a web page saved from a government site, declared gb2312 and encoded
  in GB18030. Read with lxml only: the bytes decoded as GB18030 (what a browser does with a gb2312/gbk
  label), every <p> inside <div class="article"> one line, <br> read as "\\n", &nbsp; kept as U+00A0.
* docx-numbered (yancao-numbered.docx): a Word letter whose problems are Word automatic numbering on two
  levels (“（一）” title, “1.” one failing a paragraph) with tracked changes in two problem paragraphs.
  Read with lxml: every body paragraph's w:t text (inserted text counted, w:delText not: the changes
  accepted), one per line.
* pdf-copy (tuanxianwei-pdfcopy.txt): text copied out of a PDF viewer, UTF-8 with BOM, CRLF, hard line
  breaks, no blank lines, page-number lines, Kangxi-radical code points. Read as: BOM and page numbers
  out; a paragraph starts at an indented line or after a short line; its lines joined with nothing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from lxml import html as lxml_html

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import (  # noqa: E402
    SECTORS_BEFORE_HELDOUT10, W, HeldOutSet, check_notices_built, common_tests, document_body,
    lists_and_failings_demanded, paragraph_texts,
)

# --------------------------------------------------------------------------- reading the web page (lxml only)


def html_paragraphs(data: bytes) -> list[str]:
    """The article as a browser shows it: the page decoded as GB18030, each <p> of <div class="article">
    in document order, its text with every <br> read as a line break; entities decoded (&nbsp; → U+00A0)."""
    root = lxml_html.document_fromstring(data.decode("gb18030"))
    articles = root.xpath('//div[@class="article"]')
    assert len(articles) == 1
    paragraphs = []
    for p in articles[0].iter("p"):
        for br in p.iter("br"):
            br.tail = "\n" + (br.tail or "")
        paragraphs.append(p.text_content())
    return paragraphs


# --------------------------------------------------------------------------- reading the Word letter (changes accepted)


def accepted_paragraphs(docx: Path) -> list[tuple[str, int | None, etree._Element]]:
    """(text with every tracked change accepted, numbering level or None, the w:p) for each body paragraph.
    Inserted runs (w:ins/w:r/w:t) count; deleted runs keep their text in w:delText, which is not read."""
    out = []
    for p in document_body(docx).iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        level = p.find(f"{W}pPr/{W}numPr/{W}ilvl")
        out.append((text, None if level is None else int(level.get(f"{W}val")), p))
    return out


# --------------------------------------------------------------------------- reading the PDF copy

PDF_FOOTER = re.compile(r"^- \d+ -$")
INDENT = "　　"
SHORT = 20
WIDTH = 28
CLOSING = "，。、；：！？”’）》%"  # hung at the end of a line (so a line may be one place wider than WIDTH)
KANGXI = {"\u2f2f": "工", "\u2f64": "用"}


def pdf_reading(raw: str) -> tuple[list[str], set[int]]:
    """The paragraphs of the copied text as they read, and the indices of those a page-number line cuts.

    BOM out; CRLF lines; page-number lines out; a line starting with the indent, or following a line shorter
    than SHORT characters, starts a paragraph; any other line is joined to the paragraph with nothing between."""
    paragraphs: list[str] = []
    cut: set[int] = set()
    previous = ""
    footer_pending = False
    for line in raw.lstrip("\ufeff").split("\r\n"):
        if PDF_FOOTER.match(line):
            footer_pending = True
            continue
        if not line:
            continue
        if not paragraphs or line.startswith(INDENT) or len(previous) < SHORT:
            paragraphs.append(line)
        else:
            paragraphs[-1] += line
            if footer_pending:
                cut.add(len(paragraphs) - 1)
        footer_pending = False
        previous = line
    return paragraphs, cut


def _width(text: str) -> float:
    return sum(0.5 if char.isascii() else 1.0 for char in text)


# --------------------------------------------------------------------------- the set


class _Heldout10(HeldOutSet):
    """heldout10 has a web page read as its article paragraphs, a Word letter read with its changes accepted,
    and a PDF copy read without its hard line breaks and page numbers."""

    def notices(self) -> list[Path]:
        return sorted(p for p in (self.folder / "notices").iterdir() if p.suffix in (".txt", ".html", ".docx"))

    def notice_text(self, notice: Path) -> str:
        if notice.suffix == ".html":
            return "\n".join(html_paragraphs(notice.read_bytes()))
        if notice.suffix == ".docx":
            return "\n".join(text for text, _, _ in accepted_paragraphs(notice))
        return "\n".join(pdf_reading(notice.read_bytes().decode("utf-8"))[0])


SET = _Heldout10("heldout10")


def _a_notice_of_its_own(notice, labels: dict, text: str) -> None:
    """Run inside test_notice_labels_are_exact_cuts_in_order: what this set's notices add."""
    lists_and_failings_demanded(notice, labels, text)
    assert labels.get("labels_are_rendered")
    assert "栎山" in text and not any(county in text for county in ("澄溪", "柘川")), "a county of its own"
    for problem in labels["problems"]:
        for sub in problem["subs"]:
            assert "上述问题反映出" not in sub


globals().update(common_tests(
    SET, case_count=(11, 13), notice_count=3, problem_count=(8, 11),
    extra_required_tags={"merged-cells", "split-table", "reordered", "short-titles", "duplicate", "several-tables",
                         "word-numbering", "notice-wording"},
    encodings=("utf-8", "gb18030"), seen_sectors=SECTORS_BEFORE_HELDOUT10,
    notice_checks=[_a_notice_of_its_own],
    skip_weekends=False,
))


def test_shapes_are_web_page_numbered_word_letter_and_pdf_copy():
    assert set(SET.notices_by_shape()) == {"html-article", "docx-numbered", "pdf-copy"}
    assert {p.suffix for p in SET.notices()} == {".html", ".docx", ".txt"}


def test_notices_are_built_from_their_script(tmp_path):
    check_notices_built(SET, tmp_path, same_xml=True)


# --------------------------------------------------------------------------- the web page

AREA = re.compile(r"^（([一二三])）(.*?方面)。\n?")
CATEGORY_OF_AREA = {
    "贯彻落实党的路线方针政策和党中央重大决策部署方面": "党的领导",
    "党的建设方面": "党的建设",
    "全面从严治党方面": "全面从严治党",
}


def test_web_page_is_gb18030_declared_gb2312_with_site_furniture():
    notice = SET.notices_by_shape()["html-article"]
    labels = SET.labels_of_file(notice)
    assert labels["encoding"] == "gb18030" and labels["declared_charset"] == "gb2312"
    data = notice.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    head = data[: data.index(b"</head>")].decode("ascii", errors="replace")
    assert re.search(r'<meta http-equiv="Content-Type" content="text/html; charset=gb2312"', head)
    text = data.decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")  # a four-byte GB18030 character: a GBK (or GB2312) decoder fails
    four_byte = [c for c in text if len(c.encode("gb18030")) == 4]
    assert four_byte, "a character outside GBK"
    beyond_gb2312 = [c for c in set(text) if _encodes(c, "gbk") and not _encodes(c, "gb2312")]
    assert beyond_gb2312, "a GBK character outside GB2312"
    root = lxml_html.document_fromstring(text)
    assert len(root.xpath('//div[@class="nav"]//li')) >= 5
    assert "您当前的位置" in root.xpath('string(//div[@class="position"])')
    assert "分享到" in root.xpath('string(//div[@class="share"])')
    assert "主办" in root.xpath('string(//div[@class="footer"])')
    assert root.xpath("string(//h1)").startswith("栎山县委第二巡察组")
    assert "打印本页" in root.xpath('string(//div[@class="print"])')
    # inside the article: no ASCII whitespace in a paragraph, some &nbsp; and <br>, spans splitting words
    article = re.search(r'<div class="article" id="zoom">(.*?)\r\n</div>', text, re.S).group(1)
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", article)
    assert len(paragraphs) == len(html_paragraphs(data))
    assert not any(re.search(r"[ \t\r\n]", re.sub(r"<[^>]*>", "", p)) for p in paragraphs)
    assert sum("<br />" in p for p in paragraphs) == 2 and sum("&nbsp;" in p for p in paragraphs) >= 2
    assert "&ldquo;" in article and "&mdash;" in article
    cut = [p["text"] for p in labels["problems"]]
    assert sum(t not in article for t in cut) >= 3, "the markup breaks several labels in the raw file"
    assert any("\u00a0" in t for t in cut)
    # the whole page's text (navigation, info line, links) is not the article
    page = root.text_content()
    assert page.index("首页") < page.index(cut[0]) and "上一篇" in page and "上一篇" not in SET.notice_text(notice)


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_web_page_problems_are_yishi_runs_in_area_paragraphs():
    notice = SET.notices_by_shape()["html-article"]
    labels = SET.labels_of_file(notice)
    paragraphs = html_paragraphs(notice.read_bytes())
    areas = [p for p in paragraphs if AREA.match(p)]
    assert len(areas) == 3
    seen = 0
    for area in areas:
        match = AREA.match(area)
        category = CATEGORY_OF_AREA[match.group(2)]
        run = area[match.end():]
        items = re.split(r"[；。]\n?(?=[一二三四五六七八九十]是)", run.rstrip("。"))
        assert run.endswith("。") and len(items) >= 3
        for index, item in enumerate(items):
            assert item[:2] == "一二三四五"[index] + "是"
            problem = labels["problems"][seen]
            seen += 1
            assert item[2:] == problem["text"] and problem["category"] == category
            assert "；" not in problem["text"] and "。" not in problem["text"]
            clauses = problem["text"].split("，")
            if problem["subs"]:
                # the first clause only summarises; every later clause belongs to exactly one sub, in order
                assert "，".join(problem["subs"]) == "，".join(clauses[1:])
            else:
                assert len(clauses) == 2
    assert seen == len(labels["problems"])
    # suggestions: “一是…；二是…；三是…。” in one paragraph after the announcing clause
    paragraph = next(p for p in paragraphs if p.startswith("针对上述问题"))
    listed = re.split(r"[；。]?[一二三]是", paragraph.split("：", 1)[1].rstrip("。"))
    assert [s for s in listed if s] == labels["suggestions"]


# --------------------------------------------------------------------------- the Word letter


def test_word_notice_problems_are_two_level_word_numbering():
    notice = SET.notices_by_shape()["docx-numbered"]
    labels = SET.labels_of_file(notice)
    paragraphs = accepted_paragraphs(notice)
    # one multilevel list: 一、 / （一） / 1., nothing typed
    with zipfile.ZipFile(notice) as z:
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    num_ids = {p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for _, lvl, p in paragraphs if lvl is not None}
    assert len(num_ids) == 1
    (num,) = [n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") in num_ids]
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    (abstract,) = [a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id]
    levels = {int(lvl.get(f"{W}ilvl")): (lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"))
              for lvl in abstract.iter(f"{W}lvl")}
    assert levels[0] == ("chineseCounting", "%1、") and levels[1] == ("chineseCounting", "（%2）")
    assert levels[2] == ("decimal", "%3.")
    numbered = [(text, lvl) for text, lvl, _ in paragraphs if lvl is not None]
    assert not any(re.match(r"[（(]?[一二三四五六七八九十\d]+[）)、.．]", text) for text, _ in numbered), "no typed numbers"
    # walk: Heading 1 (level 0) → problem title (level 1) → failings (level 2)
    styles = {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for _, lvl, p in paragraphs
              if lvl == 0 and p.find(f"{W}pPr/{W}pStyle") is not None}
    assert styles == {"Heading1"}
    problems: list[tuple[str, str, list[str]]] = []  # (area, title, failings)
    area = None
    for text, lvl in numbered:
        if lvl == 0:
            area = text
        elif lvl == 1:
            problems.append((area, text, []))
        else:
            assert problems and problems[-1][0] == area
            problems[-1][2].append(text)
    in_areas = [p for p in problems if p[0].endswith("方面存在的问题")]
    assert len(in_areas) == len(labels["problems"])
    categories = {"贯彻落实党中央决策部署和行业重点工作方面存在的问题": "党的领导", "党的建设方面存在的问题": "党的建设",
                  "全面从严治党方面存在的问题": "全面从严治党"}
    for (area, title, failings), problem in zip(in_areas, labels["problems"]):
        assert problem["text"] == "\n".join([title] + failings)
        assert problem["category"] == categories[area]
        assert problem["subs"] == ([f.rstrip("。") for f in failings] if len(failings) > 1 else [])
        if not failings:
            assert title.count("。") == 2, "a problem with one failing keeps it in its title paragraph"
    # the suggestions are level-1 paragraphs too, under their own heading
    suggestions = [p for p in problems if p[0] == "整改意见建议"]
    assert [t.rstrip("。") for _, t, _ in suggestions] == labels["suggestions"]


def test_word_notice_has_tracked_changes_in_two_problem_paragraphs():
    notice = SET.notices_by_shape()["docx-numbered"]
    labels = SET.labels_of_file(notice)
    assert labels["tracked_changes"] == "accepted"
    revised = [(text, p) for text, _, p in accepted_paragraphs(notice)
               if p.find(f".//{W}ins") is not None or p.find(f".//{W}del") is not None]
    assert len(revised) == 2
    by_paragraph = {text: p for text, p in revised}
    document = Document(str(notice))
    for text, p in revised:
        inserted = ["".join(t.text for t in ins.iter(f"{W}t")) for ins in p.iter(f"{W}ins")]
        deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in p.iter(f"{W}del")]
        assert inserted and deleted and all(inserted) and all(deleted)
        assert not any(d.find(f".//{W}t") is not None for d in p.iter(f"{W}del")), "deleted text is w:delText"
        owner = [q for q in labels["problems"] if text in q["text"].split("\n")]
        assert len(owner) == 1, "a revised paragraph is a failing of one labelled problem"
        assert all(i in text for i in inserted)
        rejected = "".join(r.text or "" for r in p.iter(f"{W}t", f"{W}delText")
                           if r.getparent().getparent().tag != f"{W}ins")
        assert rejected != text and all(d in rejected for d in deleted)
    # python-docx's paragraph.text does not read runs inside w:ins: a reader that relies on it loses words
    naive = {para.text for para in document.paragraphs}
    assert any(text not in naive for text in by_paragraph)


# --------------------------------------------------------------------------- the PDF copy


def test_pdf_copy_is_bom_crlf_hard_wrapped_and_paged():
    notice = SET.notices_by_shape()["pdf-copy"]
    labels = SET.labels_of_file(notice)
    assert labels["encoding"] == "utf-8" and labels.get("bom") and labels["line_endings"] == "crlf"
    data = notice.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    raw = data.decode("utf-8")
    assert raw.count("\r\n") == raw.count("\n") > 60 and "\f" not in raw
    lines = raw.lstrip("\ufeff").split("\r\n")
    assert lines[-1] == "" and "" not in lines[:-1], "no blank lines between paragraphs"
    footers = [line for line in lines if PDF_FOOTER.match(line)]
    assert len(footers) >= 3 and footers == [f"- {n} -" for n in range(1, len(footers) + 1)]
    body = [line for line in lines[:-1] if not PDF_FOOTER.match(line)]
    assert max(map(_width, body)) <= WIDTH + 1 and sum(_width(line) >= WIDTH - 1.5 for line in body) > len(body) / 2
    assert not any(line[0] in CLOSING for line in body), "no line starts with a closing mark"
    # the Kangxi radicals replace 工 and 用 everywhere; NFKC gives the ordinary characters back
    assert "工" not in raw and "用" not in raw and all(k in raw for k in KANGXI)
    for k, plain in KANGXI.items():
        assert unicodedata.normalize("NFKC", k) == plain
    assert sum(any(k in p["text"] for k in KANGXI) for p in labels["problems"]) >= 5
    # labels are cuts of the reading, not of the raw text: most are broken by line breaks, some by a page
    paragraphs, cut = pdf_reading(raw)
    assert sum(p["text"] not in raw for p in labels["problems"]) == len(labels["problems"])
    problem_paragraphs = [i for i, p in enumerate(paragraphs) if re.match(INDENT + "问题[一二三四五六七八九十]+：", p)]
    assert cut & set(problem_paragraphs), "a page number inside a problem"


NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def test_pdf_copy_problems_close_with_a_judgement_and_one_lists_its_failings_inline():
    notice = SET.notices_by_shape()["pdf-copy"]
    labels = SET.labels_of_file(notice)
    paragraphs, _ = pdf_reading(notice.read_bytes().decode("utf-8"))
    problems = [p for p in paragraphs if re.match(INDENT + "问题[一二三四五六七八九十]+：", p)]
    assert len(problems) == len(labels["problems"])
    inline_lists = 0
    for number, (paragraph, problem) in enumerate(zip(problems, labels["problems"])):
        assert paragraph == f"{INDENT}问题{NUMERALS[number]}：{problem['text']}", "one problem, one paragraph"
        assert "category" not in problem, "the notice has no 方面 headings"
        sentences = problem["text"].rstrip("。").split("。")
        assert sentences[-1].startswith("上述问题反映出"), "the closing judgement is part of the label"
        failings = sentences[1:-1]  # the first sentence only summarises; the last judges the whole
        if len(failings) == 1 and "（1）" in failings[0]:
            inline_lists += 1
            items = re.split(r"（\d）", failings[0])
            assert items[0].endswith("：") and len(items) == 4
            assert problem["subs"] == [item.rstrip("；") for item in items[1:]]
        else:
            assert problem["subs"] == (failings if len(failings) > 1 else [])
    assert inline_lists == 1
    # suggestions: three “（一）…。” paragraphs, labelled without the ordinal and the closing “。”
    listed = [p[len(INDENT) + 3:].rstrip("。") for p in paragraphs if re.match(INDENT + "（[一二三]）", p)]
    assert listed == labels["suggestions"]


# --------------------------------------------------------------------------- the plans' new shapes (structure only)


def _plan(name: str):
    return Document(str(SET.folder / "plans" / f"{name}.docx"))


def _header(table) -> list[str]:
    return [c.text for c in table.rows[0].cells]


def _is_header_row(tr) -> bool:
    return tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_scale_plan_has_an_unusual_column_order_and_three_to_five_rows_a_problem():
    (table,) = _plan("renfang-scale").tables
    assert _header(table) == ["反馈问题", "完成时限", "责任领导", "整改措施", "责任部门", "完成标准"]
    rows = table.rows[1:]
    source_rows = SET.mapping_tool.source_items(SET.sources()["renfang-scale.docx"].spec)
    assert len(rows) == len(source_rows) >= 30
    numbers = []
    for row in rows:
        cells = [c.text for c in row.cells]
        found = re.match(r"问题(\d+)-(\d+)：", cells[0])
        assert found and cells[1] and cells[3] and "\n" not in cells[3], "one measure, its own deadline"
        numbers.append((int(found.group(1)), int(found.group(2))))
    per_problem: dict[int, int] = {}
    for row in source_rows:
        (answer,) = row["answers"]
        per_problem[answer] = per_problem.get(answer, 0) + 1
    assert all(3 <= n <= 5 for n in per_problem.values())
    # the plan numbers its own problems 1…9: after the one it left out, its numbers are not the notice's
    assert sorted({n for n, _ in numbers}) == list(range(1, len(per_problem) + 1))


def test_twotable_plans_repeat_the_header_row_after_a_page_break():
    for name in ("tuan-twotables", "tuan-duplicate"):
        document = _plan(name)
        assert len(document.tables) == 2, name
        first, second = document.tables
        assert _header(first) == _header(second) == ["反馈问题", "整改措施", "责任领导", "责任部门", "整改时限", "完成标准"]
        assert _is_header_row(first._tbl.tr_lst[0]) and _is_header_row(second._tbl.tr_lst[0])
        between = first._tbl.getnext()
        assert between.tag == f"{W}p" and between.find(f".//{W}br[@{W}type='page']") is not None
        assert between.getnext() is second._tbl


def test_split_plan_has_no_header_on_its_second_table():
    first, second = _plan("renfang-restated").tables
    assert _is_header_row(first._tbl.tr_lst[0]) and not _is_header_row(second._tbl.tr_lst[0])
    assert second.rows[0].cells[0].text == "7"


def test_duplicate_rows_are_near_identical_and_answer_both_problems():
    document = _plan("tuan-duplicate")
    rows = [r for r in document.tables[1].rows[1:] if len({id(c._tc) for c in r.cells}) > 1]
    eight, nine = rows[0].cells[1].text, rows[1].cells[1].text
    assert eight != nine and difflib.SequenceMatcher(None, eight, nine).ratio() > 0.9
    spec = SET.sources()["tuan-duplicate.docx"].spec
    assert [r["answers"] for r in SET.mapping_tool.source_items(spec)][7:9] == [[8, 9], [8, 9]]


def test_wholetext_plan_pastes_the_whole_notice_problem_into_its_cells():
    labels = SET.labels_of("notices/yancao-numbered.docx")
    (table,) = _plan("yancao-wholetext-subgap").tables
    assert _header(table)[1] == "问题内容"
    spec = SET.sources()["yancao-wholetext-subgap.docx"].spec
    for row, source in zip(table.rows[1:], SET.mapping_tool.source_items(spec)):
        (answer,) = source["answers"]
        lines = row.cells[1].text.split("\n")
        unnumbered = [lines[0]] + [re.sub(r"^\d+\.", "", line) for line in lines[1:]]
        assert "\n".join(unnumbered) == labels["problems"][answer - 1]["text"]
    # the unanswered failing stands word for word in its own row's 问题内容 cell
    (case,) = [c for c in SET.cases() if c["name"] == "yancao-wholetext-subgap"]
    for number, subs in case["unanswered_subs"].items():
        (item,) = case["mapping"][number]
        cell = table.rows[int(item[1:])].cells[1].text
        assert all(sub in cell for sub in subs)
    # the two rows of problem 2 share one merged 问题内容 cell
    merges = [tr.tc_lst[1].find(f"{W}tcPr/{W}vMerge") for tr in table._tbl.tr_lst[2:4]]
    assert merges[0].get(f"{W}val") == "restart" and merges[1] is not None and merges[1].get(f"{W}val") != "restart"


def test_no_problem_column_plan_and_merged_problem_cells():
    (table,) = _plan("tuan-complete").tables
    assert not any(h in ("反馈问题", "问题内容", "具体问题", "存在问题") for h in _header(table))
    for name in ("renfang-complete", "renfang-slogans", "renfang-restated"):
        tables = _plan(name).tables
        merged = [tr for t in tables for tr in t._tbl.tr_lst
                  if len(tr.tc_lst) > 1 and tr.tc_lst[1].find(f"{W}tcPr/{W}vMerge") is not None
                  and tr.tc_lst[1].find(f"{W}tcPr/{W}vMerge").get(f"{W}val") != "restart"]
        assert len(merged) == 1, name  # problem 2's second row continues the 反馈问题 cell


def test_plans_use_ordinary_characters_where_the_pdf_copy_has_radicals():
    for name in SET.sources():
        texts = paragraph_texts(document_body(SET.folder / "plans" / name))
        assert not any(k in t for t in texts for k in KANGXI), name
