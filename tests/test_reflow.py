"""A text file wrapped by OCR or by hand (one printed line per text line, page numbers and running
heads between the pages) is read as its paragraphs; a file written one paragraph per line is not
touched."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.documents import read_document
from checker.documents.reflow import is_hard_wrapped, reflow
from checker.feedback import analyse_notice

HEAD = "柘川县委第一巡察组反馈意见（内部资料　注意保存）"

PARAGRAPHS = [
    "　　一、巡察发现的主要问题",
    "　　（一）党的建设方面",
    "　　一是机关党支部建设薄弱，“三会一课”记录存在事后补记现象，主题党日活动内容单一；二是选人用人不够"
    "规范，2026年选拔1名副科级干部时民主推荐范围不符合规定；三是财务管理不规范，活动经费使用审核不严，"
    "公务用车登记不全。",
    "　　（二）全面从严治党方面",
    "　　一是主体责任落实不到位，对下属单位监管缺位；二是违反中央八项规定精神问题仍有发生，以慰问名义购买"
    "高档白酒。",
    "　　二、整改意见建议",
    "　　加强机关党支部建设。",
]


def printed(paragraphs: list[str], measure: int = 20, per_page: int = 8) -> list[str]:
    """The paragraphs as an OCR'd letter gives them: cut every `measure` characters, a page number
    and the running head after every `per_page` lines (in mid-sentence too)."""
    lines = [p[k : k + measure] for p in paragraphs for k in range(0, len(p), measure)]
    out = []
    for n, line in enumerate(lines, 1):
        out.append(line)
        if n % per_page == 0:
            out += [f"— {n // per_page} —", "\f" + HEAD]
    return out


WRAPPED = printed(PARAGRAPHS)


def test_a_wrapped_letter_is_read_as_paragraphs_over_the_page_break():
    assert is_hard_wrapped(WRAPPED)
    paragraphs = [text for _, text in reflow(list(enumerate(WRAPPED, 1)))]
    assert "— 1 —" not in paragraphs and not any(HEAD in p for p in paragraphs)
    assert paragraphs == PARAGRAPHS
    assert any(line.startswith("— 1 —") for line in WRAPPED)  # the first page breaks inside a paragraph
    second = WRAPPED.index(PARAGRAPHS[3]) + 1  # （二）… after the page break
    assert [n for n, _ in reflow(list(enumerate(WRAPPED, 1)))][:4] == [1, 2, 3, second]  # each at its first line


def test_the_problems_of_a_wrapped_notice_are_whole(tmp_path: Path):
    path = tmp_path / "反馈意见.txt"
    path.write_text("县委第一巡察组对县档案馆党组开展了巡察。\n" + "\n".join(WRAPPED) + "\n", encoding="utf-8")
    req = analyse_notice(read_document(path))
    assert [p.text.rstrip("。") for p in req.problems][:3] == [
        "机关党支部建设薄弱，“三会一课”记录存在事后补记现象，主题党日活动内容单一",
        "选人用人不够规范，2026年选拔1名副科级干部时民主推荐范围不符合规定",
        "财务管理不规范，活动经费使用审核不严，公务用车登记不全",
    ]
    assert len(req.problems) == 5


def test_a_file_with_one_paragraph_per_line_is_left_as_it_is():
    lines = ["县委第一巡察组对县档案馆党组开展了巡察。", "一、巡察发现的主要问题",
             "一是机关党支部建设薄弱，“三会一课”记录存在事后补记现象，主题党日活动内容单一；二是选人用人不够规范。"] * 4
    assert not is_hard_wrapped(lines)
    numbered = list(enumerate(lines, 1))
    assert reflow(numbered) == numbered


def test_short_lines_of_a_short_file_are_not_joined():
    lines = ["县委巡察办", "关于反馈意见的通知", "各单位：", "现将有关事项通知如下"]
    numbered = list(enumerate(lines, 1))
    assert reflow(numbered) == numbered


def test_the_signature_and_date_before_the_last_page_number_are_kept():
    lines = WRAPPED + ["中共柘川县委第一巡察组", "2027年8月26日", "- 3 -"]
    paragraphs = [text for _, text in reflow(list(enumerate(lines, 1)))]
    assert paragraphs[-2:] == ["中共柘川县委第一巡察组", "2027年8月26日"]


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


# a letter, not a note: paragraphs of three printed lines or more, two page breaks at least, and a
# running head not as wide as a printed line (such a head is kept as text: a line of the text is never
# dropped for one) — built so, not filtered, so that every example is one
@settings(max_examples=200, deadline=None)
@given(bodies=st.lists(st.text(_CJK, min_size=70, max_size=160), min_size=4, max_size=8),
       measure=st.sampled_from([m for m in range(18, 35) if abs(m - len(HEAD)) > 1]),
       per_page=st.integers(min_value=4, max_value=6))
def test_any_indented_letter_printed_and_read_back_gives_its_paragraphs(bodies, measure, per_page):
    paragraphs = ["　　" + body + "。" for body in bodies]
    lines = printed(paragraphs, measure, per_page)
    assert sum(line.startswith("\f") for line in lines) >= 2
    assert [text for _, text in reflow(list(enumerate(lines, 1)))] == paragraphs


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(min_size=0, max_size=40), max_size=30))
def test_any_lines_come_back_whole_and_in_order(lines):
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    out = reflow(numbered)
    kept = "".join(line.strip("\f").strip() for _, line in numbered)
    joined = "".join(text.strip("\f").strip() for _, text in out)
    assert len(joined) <= len(kept)  # only page furniture is ever dropped, nothing is made up
    assert [n for n, _ in out] == sorted(n for n, _ in out)
