"""Readers for the other forms a notice arrives in: a PDF with a text layer, a web page saved from a
browser, Markdown; and how each kind is told from the bytes (checker.documents)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.documents import read_document
from checker.documents.markdown import inline, markdown_blocks
from checker.documents.sniff import sniff
from checker.errors import InputError
from checker.models import Document

EXTRACTION = Path(__file__).resolve().parent.parent / "fixtures" / "extraction"
NONGYE = EXTRACTION / "nongye-letter-2024"


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks]


def _message(error) -> str:
    return error.value.message


def _txt_paragraphs() -> list[str]:
    return [line.strip() for line in NONGYE.with_suffix(".txt").read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n", "pdf"),
        (b"  \n%PDF-1.7", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf<html lang='zh'>", "html"),
        (b"<meta charset=\"gbk\"><p>x</p>", "html"),
        ("<html><body>巡察</body></html>".encode("utf-16"), "html"),
        ("一、巡察发现的主要问题 <不是标签>".encode("utf-8"), "text"),
        ("x < y 且 <b>粗体</b> 不是网页".encode("utf-8"), "text"),
    ],
)
def test_the_kind_comes_from_the_bytes(head, kind):
    assert sniff(head, "x.txt") == kind


def test_a_single_file_web_archive_is_refused_with_advice():
    mht = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n<html></html>"
    with pytest.raises(InputError) as error:
        sniff(mht, "page.mht")
    assert ".html" in error.value.message and "mht" in error.value.message_en


# --------------------------------------------------------------------------- PDF


def test_pdf_paragraphs_are_rebuilt_from_wrapped_lines_across_pages():
    document = read_document(NONGYE.with_suffix(".pdf"))
    assert document.format == "pdf"
    # the same paragraphs as the text the PDF was made from: lines joined, "— 1 —" page numbers gone,
    # the paragraph cut by the page break joined again
    assert texts(document) == _txt_paragraphs()
    assert [b.location.paragraph for b in document.blocks] == list(range(1, len(document.blocks) + 1))


def _pdf_bytes(write) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    write(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_without_a_text_layer_says_to_run_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_bytes(lambda w: w.add_blank_page(width=595, height=842)))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert "没有文字层" in _message(error) and "OCR" in _message(error)


def test_a_password_protected_pdf_says_so(tmp_path):
    def write(writer):
        writer.append(str(NONGYE.with_suffix(".pdf")))
        writer.encrypt(user_password="xuncha", owner_password="xuncha")

    path = tmp_path / "locked.pdf"
    path.write_bytes(_pdf_bytes(write))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert "加密" in _message(error)


def test_a_truncated_pdf_is_damaged_not_a_traceback(tmp_path):
    data = NONGYE.with_suffix(".pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        document = read_document(path)  # pypdf may still recover the first page
    except InputError as error:
        assert "PDF" in error.message
    else:
        assert document.format == "pdf"


# --------------------------------------------------------------------------- web pages


def test_a_saved_page_loses_the_site_around_the_article():
    document = read_document(NONGYE.with_suffix(".html"))
    assert document.format == "html"
    body = texts(document)
    for junk in ("请输入关键字", "首页", "当前位置", "分享到", "微信", "打印本页", "上一篇", "相关阅读", "版权所有",
                 "备案号", "今天是", "浏览次数", "字体", "扫一扫"):
        assert not any(junk in line for line in body), junk
    # the article's title (h1), its date line without the font switch, then the letter as written
    assert document.blocks[0].kind == "heading" and body[0] == "关于巡察县农业农村局党组的反馈意见"
    assert body[1] == "发布时间：2024-12-12 10:30 来源：县委巡察办 作者：巡察办"
    assert body[2:] == _txt_paragraphs()


def test_a_wechat_article_without_paragraph_tags():
    document = read_document(EXTRACTION / "jiedao-weixin-2025.html")
    body = texts(document)
    assert "一要坚持党建引领基层治理，健全“街道吹哨、部门报到”工作机制；" in body  # <br> ends a line
    assert not any(junk in line for line in body for junk in ("阅读 2046", "写留言", "关注该公众号", "编辑："))


def test_html_charset_entities_links_and_hidden_parts(tmp_path):
    page = ("<html><head><meta http-equiv=Content-Type content='text/html; charset=gb2312'>"
            "<title>反馈</title><style>p{}</style></head><body>"
            "<div class=menu><a href=#>首页</a> <a href=#>巡察动态</a></div>"
            "<p>县委第一巡察组&nbsp;向县林业局党组反馈巡察情况&#12290;</p>"
            "<p>巡察发现：<a href=#>森林防火</a>责任落实不到位<p>护林员管理松散"
            "<div style='display:none'>隐藏的统计代码</div>"
            "<ul class=list><li><a href=#>另一篇文章的标题很长很长</a></li></ul>"
            "</body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    assert texts(read_document(path)) == ["县委第一巡察组 向县林业局党组反馈巡察情况。", "巡察发现：森林防火责任落实不到位",
                                          "护林员管理松散"]


def test_a_page_with_nothing_but_site_text_is_empty(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><div class=nav><a href=#>首页</a></div></body></html>", encoding="utf-8")
    with pytest.raises(InputError):
        read_document(path)


# --------------------------------------------------------------------------- Markdown


def test_markdown_inline_markup_is_removed():
    assert inline("**一、问题** 见[附件](a.docx)，`代码`与 _强调_ ![图](x.png)") == "一、问题 见附件，代码与 强调"
    assert inline(r"3\*4 不是强调") == "3*4 不是强调"


def test_markdown_blocks_join_wrapped_lines_and_keep_ordered_numbers():
    source = """标题
====

> 来源：县委巡察办

正文第一行，
接着第二行。

1. **学习贯彻不深入。** 研讨流于形式，
   学用脱节。
2) 第二条
- 条目甲
* 条目乙

| 事项 | 时限 |
|---|---|
| 制定整改方案 | 反馈后15日内 |

```
代码块里的一行
```
<!-- 注释
跨行 -->
---
"""
    blocks = markdown_blocks(source.split("\n"))
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("heading", "标题", 1),
        ("paragraph", "来源：县委巡察办", 4),
        ("paragraph", "正文第一行，接着第二行。", 6),
        ("list_item", "1.学习贯彻不深入。 研讨流于形式，学用脱节。", 9),
        ("list_item", "2)第二条", 11),
        ("list_item", "条目甲", 12),
        ("list_item", "条目乙", 13),
        ("paragraph", "事项，时限", 15),
        ("paragraph", "制定整改方案，反馈后15日内", 17),
        ("paragraph", "代码块里的一行", 20),
    ]
    assert blocks[0].level == 1


def test_markdown_notice_reads_with_source_lines():
    document = read_document(EXTRACTION / "caizheng-markdown-2023.md")
    assert document.format == "md"
    first_problem = next(b for b in document.blocks if b.text.startswith("1."))
    assert first_problem.kind == "list_item" and first_problem.location.line == 15
    assert "执行偏高；" in first_problem.text  # the wrapped source line is joined without a space


# --------------------------------------------------------------------------- never a traceback


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from([b"%PDF-1.4\n", b"<!DOCTYPE html><html><body>", b"<html><p>", b"# "]),
       data=st.binary(max_size=1500), name=st.sampled_from(["x.pdf", "x.html", "x.md"]))
def test_any_pdf_or_html_bytes_give_a_document_or_an_input_error(tmp_path, prefix, data, name):
    path = tmp_path / name
    path.write_bytes(prefix + data)
    try:
        assert isinstance(read_document(path), Document)
    except InputError as error:
        assert error.message and "\n" not in error.message
