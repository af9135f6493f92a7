"""read_document: .docx (numbering, tracked changes, merged cells, nested tables), text encodings,
and every kind of bad input giving an InputError — never another exception."""

from __future__ import annotations

import codecs
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.documents import read_document
from checker.documents import zip_guard
from checker.documents.numformats import chinese_counting, chinese_counting_thousand, format_number
from checker.errors import InputError
from checker.models import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

# --------------------------------------------------------------------------- docx building

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>
      <w:lvlText w:val="%1．"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
      <w:lvlText w:val="%2"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%4)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="40">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="第%1条"/><w:pStyle w:val="TiaoKuan"/><w:suff w:val="space"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="40"/></w:num>
</w:numbering>"""

# A paragraph style that carries numbering itself (as 条款 styles in rule documents do), a
# style based on it, and a style with an outline level but no heading name.
EXTRA_STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:style w:type="paragraph" w:styleId="TiaoKuan"><w:name w:val="条款"/>
    <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="TiaoKuan2"><w:name w:val="条款正文"/>
    <w:basedOn w:val="TiaoKuan"/></w:style>
  <w:style w:type="paragraph" w:styleId="DaGang"><w:name w:val="大纲文字"/>
    <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="BiaoTi3"><w:name w:val="标题 3"/></w:style>
</w:styles>"""


def p(text: str = "", num: tuple[int, int] | None = None, style: str | None = None, extra: str = "") -> str:
    """A paragraph; `num` = (numId, ilvl)."""
    ppr = ""
    if style or num:
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        num_xml = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        ppr = f"<w:pPr>{style_xml}{num_xml}</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}{extra}</w:p>"


def tc(content: str = "", props: str = "") -> str:
    if not content.startswith(("<w:p", "<w:tbl")):
        content = p(content)
    if content.endswith("</w:tbl>"):
        content += "<w:p/>"  # a cell must end with a paragraph
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def build_docx(path: Path, body: str, numbering: str = NUMBERING) -> Path:
    """A real .docx made by python-docx (styles, comments part with comment 0, numbering part),
    whose body and numbering definitions are then replaced with the given raw XML."""
    document = docx.Document()
    anchor = document.add_paragraph("锚")
    document.add_comment(anchor.runs, text="请补充责任人", author="巡察办", initials="XC")
    styles = document.styles.element
    for style in docx.oxml.parse_xml(EXTRA_STYLES.encode()):
        styles.append(style)
    document.part.numbering_part  # make sure the part and its relationship exist
    buffer = io.BytesIO()
    document.save(buffer)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}">'
        f'<w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    replacements = {"word/document.xml": xml.encode(), "word/numbering.xml": numbering.encode()}
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replacements.get(item.filename, source.read(item.filename)))
    return path


def texts(document: Document, kind: str | None = None) -> list[str]:
    return [b.text for b in document.blocks if kind is None or b.kind == kind]


# --------------------------------------------------------------------------- numbering


def test_chinese_counting_formats():
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 99)] == ["一", "十", "十一", "二十", "二十一", "九十九"]
    assert [chinese_counting_thousand(n) for n in (10, 11, 101, 110, 1001)] == [
        "十", "十一", "一百零一", "一百一十", "一千零一",
    ]  # fmt: skip
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(7, "bullet") == ""


def test_multilevel_chinese_numbering_continues_after_table_and_restarts(tmp_path):
    body = "".join(
        [
            p("总体要求", (1, 0)),
            p("指导思想", (1, 1)),
            p("", (1, 1)),  # an empty numbered paragraph still takes （二）, as in Word
            p("工作目标", (1, 1)),
            p("第一项", (1, 2)),
            p("第二项", (1, 2)),
            p("整改任务", (1, 0)),
            p("压实责任", (1, 1)),  # the level-1 counter restarted under 二、
            tbl(tr(tc("序号"), tc("问题"))),
            p("工作要求", (1, 0)),  # continues after the table
            p("新的清单", (2, 0)),  # a new w:num with startOverride restarts at 一、
            p("第二条", (2, 0)),
        ]
    )
    document = read_document(build_docx(tmp_path / "plan.docx", body))
    items = [b for b in document.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == [
        "一、总体要求", "（一）指导思想", "（三）工作目标", "1. 第一项", "2. 第二项",
        "二、整改任务", "（一）压实责任", "三、工作要求", "一、新的清单", "二、第二条",
    ]  # fmt: skip
    assert [b.number for b in items[:4]] == ["一、", "（一）", "（三）", "1."]
    assert [b.level for b in items[:5]] == [0, 1, 1, 2, 2]


def test_counting_past_ten_and_other_formats(tmp_path):
    body = "".join(p(f"问题{i}", (1, 0)) for i in range(1, 22))
    body += p("甲项", (4, 0)) + p("乙项", (4, 0)) + p("圈一", (4, 1)) + p("圈二", (4, 1))
    body += p("要点", (4, 2)) + p("罗马", (4, 3)) + p("罗马二", (4, 3))
    body += p("条目", (3, 0)) + p("细目", (3, 1)) + p("细目二", (3, 1))
    document = read_document(build_docx(tmp_path / "count.docx", body))
    numbers = [b.number for b in document.blocks]
    assert numbers[9:11] == ["十、", "十一、"]
    assert numbers[19:21] == ["二十、", "二十一、"]
    assert texts(document)[21:] == [
        "甲．甲项", "乙．乙项", "①圈一", "②圈二", "要点", "I) 罗马", "II) 罗马二",
        "1. 条目", "1.1 细目", "1.2 细目二",
    ]  # fmt: skip
    bullet = document.blocks[25]
    assert bullet.kind == "list_item" and bullet.number is None and bullet.level == 2


def test_numbering_inherited_from_style_and_headings(tmp_path):
    body = "".join(
        [
            p("总则", style="Heading1"),
            p("适用范围", style="TiaoKuan"),
            p("基于条款样式", style="TiaoKuan2"),
            p("大纲级别段落", style="DaGang"),
            p("中文标题样式", style="BiaoTi3"),
            p("取消编号", style="TiaoKuan", extra=""),
            p("直接大纲", extra=""),
        ]
    )
    # numId 0 on the paragraph switches the style's numbering off
    body = body.replace(
        '<w:pStyle w:val="TiaoKuan"/></w:pPr><w:r><w:t xml:space="preserve">取消编号',
        '<w:pStyle w:val="TiaoKuan"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">取消编号',
    )
    body = body.replace("<w:p><w:r><w:t xml:space=\"preserve\">直接大纲", '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t xml:space="preserve">直接大纲')
    document = read_document(build_docx(tmp_path / "styles.docx", body))
    kinds = [(b.kind, b.level, b.text) for b in document.blocks]
    assert kinds == [
        ("heading", 1, "总则"),
        ("list_item", 0, "第一条 适用范围"),
        ("list_item", 0, "第二条 基于条款样式"),
        ("heading", 2, "大纲级别段落"),
        ("heading", 3, "中文标题样式"),
        ("paragraph", None, "取消编号"),
        ("heading", 1, "直接大纲"),
    ]
    assert [b.location.paragraph for b in document.blocks] == [1, 2, 3, 4, 5, 6, 7]


def test_numbering_inside_cells_with_line_breaks(tmp_path):
    cell = (
        p("建立台账", (3, 0))
        + p("逐项销号", (3, 0))
        + '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r></w:p>'
    )
    body = tbl(tr(tc("整改措施"), tc(cell)))
    document = read_document(build_docx(tmp_path / "cell.docx", body))
    cells = document.table_cells(1)
    assert cells[1].text == "1. 建立台账\n2. 逐项销号\n第一行\n第二行 制表"


# --------------------------------------------------------------------------- runs and revisions


def test_tracked_changes_fields_comments_hidden_text_and_text_boxes(tmp_path):
    paragraph = (
        "<w:p>"
        '<w:commentRangeStart w:id="0"/>'
        "<w:r><w:t>整改</w:t></w:r>"
        '<w:ins w:id="1" w:author="a"><w:r><w:t>落实</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的字</w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的字</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>移来的字</w:t></w:r></w:moveTo>'
        '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2023年7月1日</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
        "<w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        "</w:p>"
    )
    # a paragraph deleted entirely (its text and its mark) disappears and takes no number
    deleted = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        '<w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>'
        '<w:del w:id="6" w:author="a"><w:r><w:delText>整段删除</w:delText></w:r></w:del></w:p>'
    )
    body = paragraph + deleted + p("保留的第一项", (3, 0))
    document = read_document(build_docx(tmp_path / "revisions.docx", body))
    assert texts(document) == ["整改落实移来的字2023年7月1日", "1. 保留的第一项"]
    assert any("修订" in w for w in document.warnings)


def test_traditional_and_full_width_text_in_docx_is_normalised(tmp_path):
    body = p("整改時限：２０２３年１２月底前\u3000（一）") + p("個(gè)別問題")
    document = read_document(build_docx(tmp_path / "trad.docx", body))
    assert texts(document) == ["整改时限：2023年12月底前 （一）", "个别问题"]


def test_empty_paragraphs_do_not_count_in_paragraph_numbers(tmp_path):
    body = p("第一段") + p("") + p("   ") + tbl(tr(tc("格"))) + p("第二段")
    document = read_document(build_docx(tmp_path / "para.docx", body))
    body_blocks = document.body_blocks()
    assert [(b.text, b.location.paragraph) for b in body_blocks] == [("第一段", 1), ("第二段", 2)]
    cell = document.table_cells(1)[0]
    assert cell.location.paragraph is None and cell.location.describe() == "表1第1行第1列"
    assert [b.text for b in document.blocks] == ["第一段", "格", "第二段"]  # reading order


# --------------------------------------------------------------------------- tables


def test_merged_cells_grid_before_and_nested_tables(tmp_path):
    restart = '<w:vMerge w:val="restart"/>'
    cont = "<w:vMerge/>"
    nested = tbl(tr(tc("内表甲"), tc("内表乙")))
    body = tbl(
        tr(tc("序号"), tc("问题"), tc("整改措施"), tc("责任领导")),
        tr(tc("一、党的领导方面", '<w:gridSpan w:val="4"/>')),
        tr(tc("1"), tc("学习不深入", restart), tc("建立第一议题制度"), tc("张三", restart)),
        tr(tc("2"), tc("", cont), tc("开展专题学习"), tc("", cont)),
        tr(tc("3"), tc("", cont), tc("措施三"), tc("李四")),
        tr(tc("跳过首列"), tc(p("含内表") + nested),
           tc("末列"), props='<w:gridBefore w:val="1"/>'),
    ) + tbl(tr(tc("第二个顶层表")))
    document = read_document(build_docx(tmp_path / "table.docx", body))
    cells = {(b.location.table, b.location.row, b.location.col): b for b in document.blocks}
    assert cells[(1, 2, 1)].text == "一、党的领导方面" and cells[(1, 2, 1)].col_span == 4
    assert cells[(1, 3, 2)].text == "学习不深入" and cells[(1, 3, 2)].row_span == 3
    assert cells[(1, 3, 4)].text == "张三" and cells[(1, 3, 4)].row_span == 2
    assert (1, 4, 2) not in cells and (1, 4, 4) not in cells and (1, 5, 2) not in cells
    assert cells[(1, 5, 4)].text == "李四"
    # gridBefore: the row starts at grid column 2
    assert cells[(1, 6, 2)].text == "跳过首列" and cells[(1, 6, 4)].text == "末列"
    assert cells[(1, 6, 3)].text == "含内表"  # the nested table's text is not repeated here
    assert cells[(2, 1, 1)].text == "内表甲" and cells[(2, 1, 2)].text == "内表乙"
    assert cells[(3, 1, 1)].text == "第二个顶层表"
    assert document.table_numbers() == [1, 2, 3]
    # the nested table's cells follow the cell that holds them
    order = [(b.location.table, b.location.row, b.location.col) for b in document.blocks]
    assert order.index((2, 1, 1)) == order.index((1, 6, 3)) + 1
    # each merged cell once: 4 + 1 + 4 + 2 + 3 + 3 cells in table 1
    assert len(document.table_cells(1)) == 17


def test_deleted_rows_are_dropped_and_empty_cells_kept(tmp_path):
    body = tbl(
        tr(tc("问题"), tc("责任领导")),
        tr(tc("删除的行"), tc("王五"), props='<w:del w:id="9" w:author="a"/>'),
        tr(tc("保留的行"), tc("")),
    )
    document = read_document(build_docx(tmp_path / "rows.docx", body))
    cells = [(b.location.row, b.location.col, b.text) for b in document.table_cells(1)]
    assert cells == [(1, 1, "问题"), (1, 2, "责任领导"), (2, 1, "保留的行"), (2, 2, "")]


def test_python_docx_merges_and_sha256(tmp_path):
    import hashlib

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "表头"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "纵向"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "横向"
    path = tmp_path / "merges.docx"
    document.save(path)
    result = read_document(path)
    assert result.format == "docx" and result.path == str(path)
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    merged = {b.text: (b.location.row, b.location.col, b.row_span, b.col_span) for b in result.blocks}
    assert merged["纵向"] == (2, 1, 2, 1) and merged["横向"] == (2, 2, 1, 2)
    assert len(result.table_cells(1)) == 7  # 3 + 2 + 2: merged cells read once


# --------------------------------------------------------------------------- text files

NOTICE = "市委第三巡察组反馈意见\n\n一是落实全面从严治党主体责任不到位；\r\n二是“三重一大”制度执行不严格。\n"


@pytest.mark.parametrize(
    ("encode", "guessed"),
    [
        (lambda s: s.encode("utf-8"), False),
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), False),
        (lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), False),
        (lambda s: s.encode("utf-16-le"), True),
        (lambda s: s.encode("utf-16-be"), True),
        (lambda s: codecs.BOM_UTF32_LE + s.encode("utf-32-le"), False),
        (lambda s: s.encode("gb18030"), True),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16le", "utf16be", "utf32-bom", "gb18030"],
)
def test_text_encodings(tmp_path, encode, guessed):
    path = tmp_path / "notice.txt"
    path.write_bytes(encode(NOTICE))
    document = read_document(path)
    assert document.format == "txt"
    assert [(b.text, b.location.line, b.location.paragraph) for b in document.blocks] == [
        ("市委第三巡察组反馈意见", 1, 1),
        ("一是落实全面从严治党主体责任不到位；", 3, 2),
        ("二是“三重一大”制度执行不严格。", 4, 3),
    ]
    assert all(b.kind == "paragraph" and b.location.kind == "notice" for b in document.blocks)
    assert bool(document.warnings) == guessed


def test_gb18030_characters_outside_gbk(tmp_path):
    text = "反馈意见：𠮷㐀字的整改情况，巡察组要求限期整改落实到位。\n" * 3
    path = tmp_path / "rare.txt"
    path.write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeEncodeError):
        "𠮷".encode("gbk")  # the point: GBK cannot hold it
    document = read_document(path)
    assert document.blocks[0].text.startswith("反馈意见：𠮷㐀字")
    assert document.warnings == ["未声明编码，按 GB18030 解码"]


def test_big5_traditional_becomes_simplified(tmp_path):
    traditional = "市委巡察組向黨組反饋巡察情況\n一是對黨組織建設重視不夠；二是整改責任落實不到位。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5"))
    document = read_document(path)
    assert texts(document) == ["市委巡察组向党组反馈巡察情况", "一是对党组织建设重视不够；二是整改责任落实不到位。"]
    assert "Big5" in document.warnings[0]


def test_markdown_is_read_as_rendered(tmp_path):
    path = tmp_path / "notice.md"
    path.write_text("# 反馈意见\n\n一、党的领导方面\n", encoding="utf-8")
    document = read_document(path)
    assert document.format == "md"
    assert [(b.kind, b.level, b.text) for b in document.blocks] == [("heading", 1, "反馈意见"), ("paragraph", None, "一、党的领导方面")]


def test_real_example_notice_reads(tmp_path):
    example = Path("/work/shared/examples/notice-city-fulian.txt")
    if not example.exists():
        pytest.skip("shared example not available")
    document = read_document(example)
    assert document.format == "txt" and len(document.blocks) > 5
    assert any("巡察" in b.text for b in document.blocks)


# --------------------------------------------------------------------------- bad input


def _message(error: pytest.ExceptionInfo) -> str:
    return error.value.message


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as error:
        read_document(tmp_path / "没有这个文件.docx")
    assert "找不到" in _message(error) and "not found" in error.value.message_en


def test_directory(tmp_path):
    with pytest.raises(InputError) as error:
        read_document(tmp_path)
    assert "文件夹" in _message(error)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n ", "\u3000\u200b\n".encode("utf-8"), codecs.BOM_UTF8])
def test_empty_files(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_document(path)
    assert "空" in _message(error)


def test_no_permission(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("反馈意见", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("checker.documents.source.open", refuse, raising=False)
    with pytest.raises(InputError) as error:
        read_document(path)
    assert "权限" in _message(error)


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("反馈意见" * 100, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_document(path, max_bytes=100)
    assert "太大" in _message(error)


def test_binary_garbage(tmp_path):
    import random

    path = tmp_path / "garbage.txt"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert "不是可识别的文本" in _message(error)


@pytest.mark.parametrize("name", ["plan.docx", "plan.doc", "plan.wps"])
def test_legacy_word_or_encrypted(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "整改方案".encode("utf-16-le"))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert "另存为" in _message(error) and ".docx" in _message(error)


def test_pdf_without_text_and_images_are_refused_with_advice(tmp_path):
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(InputError) as error:
        read_document(pdf)
    assert "PDF" in _message(error) and "另存为" in _message(error)
    png = tmp_path / "scan.docx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(InputError) as error:
        read_document(png)
    assert "扫描件" in _message(error)


def test_corrupt_and_foreign_zips(tmp_path):
    good = build_docx(tmp_path / "good.docx", p("正文"))
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(InputError) as error:
        read_document(truncated)
    assert "损坏" in _message(error)

    xlsx = tmp_path / "ledger.docx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as error:
        read_document(xlsx)
    assert "Excel" in _message(error)

    broken_xml = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken_xml, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, data[:-40] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError):
        read_document(broken_xml)


def test_docx_without_text(tmp_path):
    with pytest.raises(InputError) as error:
        read_document(build_docx(tmp_path / "blank.docx", p("") + tbl(tr(tc(""), tc("")))))
    assert "空" in _message(error)


def test_zip_bomb_guards(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.docx"
    good = build_docx(tmp_path / "good.docx", p("正文"))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr/>", b"<w:p/>" * 400_000 + b"<w:sectPr/>")
            target.writestr(item.filename, data)
    with pytest.raises(InputError) as error:
        read_document(bomb)
    assert "压缩" in _message(error)

    monkeypatch.setattr(zip_guard, "MAX_TOTAL_UNCOMPRESSED", 10_000)
    with pytest.raises(InputError):
        read_document(good)


def test_entities_are_not_expanded(tmp_path):
    good = build_docx(tmp_path / "good.docx", p("正文"))
    hostile = tmp_path / "entities.docx"
    doctype = (
        b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document ['
        b'<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = doctype + data.split(b"?>", 1)[1].replace("正文".encode(), b"&c;&x;")
            target.writestr(item.filename, data)
    try:
        document = read_document(hostile)
    except InputError:
        return
    text = "".join(texts(document))
    assert "AAAA" * 100 not in text and "root:" not in text


# --------------------------------------------------------------------------- never a traceback


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.txt", "x.docx", "x.md"]))
def test_any_bytes_give_a_document_or_an_input_error(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    try:
        assert isinstance(read_document(path), Document)
    except InputError as error:
        assert error.message and "\n" not in error.message


@pytest.fixture(scope="module")
def valid_docx_bytes(tmp_path_factory) -> bytes:
    body = p("总体要求", (1, 0)) + tbl(tr(tc("问题", '<w:vMerge w:val="restart"/>'), tc("措施")))
    return build_docx(tmp_path_factory.mktemp("docx") / "seed.docx", body).read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_docx_gives_a_document_or_an_input_error(tmp_path, valid_docx_bytes, data):
    raw = bytearray(valid_docx_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(raw[:cut]))
    try:
        read_document(path)
    except InputError:
        pass


_VALUES = st.sampled_from(["0", "1", "2", "9", "-1", "restart", "continue", "abc", "", "99999999999", "true"])
_TAGS = st.sampled_from(
    ["p", "r", "t", "tbl", "tr", "tc", "tcPr", "trPr", "pPr", "numPr", "ilvl", "numId", "vMerge", "gridSpan",
     "gridBefore", "hMerge", "del", "ins", "sdt", "sdtContent", "br", "tab", "pStyle", "outlineLvl", "instrText",
     "moveFrom", "customXml", "txbxContent", "vanish", "rPr", "cellDel"]
)  # fmt: skip


def _element(children: list[str], tag: str, val: str, text: str) -> str:
    return f'<w:{tag} w:val="{val}">{text}{"".join(children)}</w:{tag}>'


_TEXTS = st.sampled_from(["", "整改", "１２ 個(gè)"])
_XML_TREE = st.recursive(
    st.builds(lambda tag, val, text: _element([], tag, val, text), _TAGS, _VALUES, _TEXTS),
    lambda inner: st.builds(_element, st.lists(inner, max_size=4), _TAGS, _VALUES, _TEXTS),
    max_leaves=25,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_XML_TREE, min_size=1, max_size=5))
def test_arbitrary_body_structure_gives_a_document_or_an_input_error(tmp_path, elements):
    path = build_docx(tmp_path / "random.docx", "".join(elements))
    try:
        read_document(path)
    except InputError:
        pass


# --------------------------------------------------------------------------- speed


def test_speed_of_a_forty_page_plan(tmp_path):
    """Not a timed assertion: prints the number (target < 0.15 s on 2 cores)."""
    paragraphs = []
    for i in range(160):
        level = 0 if i % 20 == 0 else 1
        paragraphs.append(p(f"针对巡察反馈的第{i}个问题，制定整改措施，明确责任领导和完成时限。" * 2, (1, level)))
    rows = [tr(tc("序号"), tc("问题"), tc("整改措施"), tc("责任领导"), tc("责任部门"), tc("整改时限"), tc("完成标准"))]
    for i in range(60):
        measures = p("建立健全制度", (3, 0)) + p("开展专项检查", (3, 0)) + p("加强监督问责", (3, 0))
        rows.append(tr(tc(str(i + 1)), tc(f"问题{i}：落实主体责任不到位"), tc(measures), tc("张三"), tc("办公室"),
                       tc("2024年6月底前"), tc("制度出台并执行")))  # fmt: skip
    path = build_docx(tmp_path / "forty.docx", "".join(paragraphs[:80]) + tbl(*rows) + "".join(paragraphs[80:]))
    read_document(path)  # warm-up: imports, OpenCC
    start = time.perf_counter()
    document = read_document(path)
    elapsed = time.perf_counter() - start
    print(f"\nread_document: 160 paragraphs + 61-row table in {elapsed * 1000:.0f} ms")
    assert len(document.body_blocks()) == 160 and len(document.table_cells(1)) == 61 * 7
