"""The held-out matching set 8 (fixtures/heldout8) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans (and the Word notice) are what their sources build, and
every case's mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of
plancheck (no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from docx import Document

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import (  # noqa: E402
    SECTORS_BEFORE_HELDOUT8, W, HeldOutSet, common_tests, document_body, lists_and_failings_demanded, paragraph_texts,
)


class _WithWordNotice(HeldOutSet):
    """heldout8 has one notice saved as a Word document: it is a notice too, and it reads as the text of
    its body paragraphs, one per line (automatic numbers are not text)."""

    def notices(self) -> list[Path]:
        return sorted(p for p in (self.folder / "notices").iterdir() if p.suffix in (".txt", ".html", ".docx"))

    def notice_text(self, notice: Path) -> str:
        if notice.suffix == ".docx":
            return "\n".join(p.text for p in Document(str(notice)).paragraphs)
        return super().notice_text(notice)


SET = _WithWordNotice("heldout8")


def _county_notice_with_every_list_demanded(notice, labels: dict, text: str) -> None:
    """Run inside test_notice_labels_are_exact_cuts_in_order: what this set's notices add."""
    lists_and_failings_demanded(notice, labels, text)
    assert labels["unit"].startswith("县") and labels["inspector"].startswith("县委"), "county-level inspections"
    assert all(p.get("category") for p in labels["problems"])


globals().update(common_tests(
    SET, case_count=(11, 12), notice_count=3, problem_count=(8, 11),
    extra_required_tags={"merged-cells", "split-table", "word-numbering", "reordered", "short-titles"},
    encodings=("utf-8", "gb18030"), seen_sectors=SECTORS_BEFORE_HELDOUT8,
    notice_checks=[_county_notice_with_every_list_demanded],
    skip_weekends=False,  # 10 working days for gongshanglian-news read as 10 calendar days: stricter
))


def test_shapes_are_word_letter_ruzhi_letter_and_gexing_news():
    assert set(SET.notices_by_shape()) == {"docx-numbered", "letter-ruzhi", "news-gexing"}


def _word_notice_builder():
    path = SET.folder / "build_notice.py"
    spec = importlib.util.spec_from_file_location("heldout8_build_notice", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_word_notice_is_built_from_its_script(tmp_path):
    builder = _word_notice_builder()
    notice = SET.notices_by_shape()["docx-numbered"]
    fresh = tmp_path / notice.name
    from planbuilder import save_deterministic
    save_deterministic(builder.build(), fresh)
    assert paragraph_texts(document_body(fresh)) == paragraph_texts(document_body(notice)), (
        "stale: python fixtures/heldout8/build_notice.py")


def test_word_notice_has_heading_styles_and_automatic_numbering_for_every_problem():
    notice = SET.notices_by_shape()["docx-numbered"]
    labels = SET.labels_of_file(notice)
    assert labels.get("labels_are_rendered")
    paragraphs = Document(str(notice)).paragraphs
    styles = [p.style.name for p in paragraphs]
    assert styles.count("Heading 1") == 3 and styles.count("Heading 2") == 3
    texts = [p.text for p in paragraphs]
    problem_nums = set()
    for problem in labels["problems"]:
        # one problem = one whole paragraph, numbered by Word, no number typed
        at = texts.index(problem["text"])
        paragraph = paragraphs[at]
        assert paragraph.style.name == "Normal"
        num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
        assert num is not None, problem["text"][:20]
        problem_nums.add(num.get(f"{W}val"))
        assert not re.match(r"\s*(\d+[.．、]|[（(]\d+[)）])", problem["text"])
        if problem["subs"]:
            marks = re.findall("[①②③④⑤]", problem["text"])
            assert marks == list("①②③④⑤"[: len(problem["subs"])])
            assert not any(re.search("[①②③④⑤]", s) for s in problem["subs"])
        else:
            assert "①" not in problem["text"]
    assert len(problem_nums) == 1, "one list counted across the three 方面"
    for heading in (p for p in paragraphs if p.style.name.startswith("Heading")):
        assert heading._p.find(f"{W}pPr/{W}numPr") is not None, heading.text
        assert not re.match("[一二三四五六七八九十]、|（[一二三四五六七八九十]）", heading.text)


def test_ruzhi_letter_is_gb18030_and_every_problem_gives_examples():
    notice = SET.notices_by_shape()["letter-ruzhi"]
    raw = notice.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    labels = SET.labels_of_file(notice)
    text = SET.notice_text(notice)
    assert labels["encoding"] == "gb18030"
    for number, problem in enumerate(labels["problems"], 1):
        line = next(line for line in text.splitlines() if line.startswith(f"{number}."))
        assert line == f"{number}.{problem['text']}"
        assert "如" in problem["text"], "every problem carries a 如…/比如… example"
        assert not re.search("[一二三四五六七八九十]是", problem["text"])
    cut = [p["text"] for p in labels["problems"]]
    assert sum("比如" in t for t in cut) >= 5 and sum(re.search("存在[^；。]*等问题", t) is not None for t in cut) >= 4
    # a failing, its example and the 存在…问题 after it stay one sub
    assert any(re.search("[，,](比如|如).+存在", s) for p in labels["problems"] for s in p["subs"])


def test_gexing_news_labels_only_the_unit_s_own_problems():
    notice = SET.notices_by_shape()["news-gexing"]
    labels = SET.labels_of_file(notice)
    text = SET.notice_text(notice)
    common = text.index("共性问题方面")
    own = text.index("个性问题方面")
    assert common < own
    shared = text[common:own]
    assert "等问题" in shared and "主管部门" in shared
    for problem in labels["problems"]:
        assert text.index(problem["text"]) > own
        assert problem["text"] not in shared
        title, _, failings = problem["text"].partition("：")
        assert title and failings.endswith("。") and "：" not in failings
        assert problem["subs"] == ([] if "；" not in failings else [s for s in failings.rstrip("。").split("；")])
    # the three units of the joint inspection are named; the labelled unit is the one the notice is to
    for unit in ("县工商业联合会党组", "共青团澄溪县委", "县归国华侨联合会"):
        assert unit in text
    assert f"向{labels['unit']}反馈" in text
    # the feedback date is the meeting, not the publication date of the page
    assert "发布时间：2027-05-19" in text and labels["date"].isoformat() == "2027-05-18"


def test_plans_answer_only_the_gexing_problems():
    for case in SET.cases():
        if case["notice"] != "notices/gongshanglian-news.txt":
            continue
        body = "\n".join(paragraph_texts(document_body(SET.folder / case["plan"])))
        assert "共性问题" not in body, case["name"]
