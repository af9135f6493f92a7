"""The held-out matching set 6 (fixtures/heldout6) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, and every case's
mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of plancheck
(no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import SECTORS_BEFORE_HELDOUT6, HeldOutSet, common_tests  # noqa: E402

SET = HeldOutSet("heldout6")

globals().update(common_tests(
    SET, case_count=(11, 12), notice_count=3, problem_count=(8, 11),
    extra_required_tags={"merged-cells", "split-table", "several-tables", "notice-wording", "word-numbering",
                         "reordered"},
    encodings=("utf-8", "gb18030"), seen_sectors=SECTORS_BEFORE_HELDOUT6,
    skip_weekends=True,  # 20 workdays for the 整改方案 of fagai-letter
))


def test_one_notice_is_gb18030_and_not_utf8():
    raw = SET.the_notice_in("gb18030").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"), "no byte-order mark"
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gb18030")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CRLF line ends, as saved on Windows"
    assert re.search(r"^一、", text, re.M) and re.search(r"^（一）", text, re.M) and re.search(r"^1\.", text, re.M)


def test_one_notice_is_ocr_noisy_and_its_labels_keep_the_noise():
    noisy = [p for p in SET.notices() if SET.labels_of_file(p).get("noisy")]
    assert len(noisy) == 1
    labels = SET.labels_of_file(noisy[0])
    text = noisy[0].read_text(encoding=labels["encoding"])
    full_width = re.compile("[０-９]")
    assert full_width.search(text) and re.search("[0-9]", text), "full-width and half-width digits mixed"
    cut = [p["text"] for p in labels["problems"]]
    assert any(full_width.search(t) and re.search("[0-9]", t) for t in cut), "mixed digits inside one label"
    assert any(re.search(r"[\u4e00-\u9fff0-9] [0-9\u4e00-\u9fff]", t) for t in cut), "a stray space inside a label"
    broken = [t for t in cut if "\n" in t]
    assert len(broken) == 1, "one problem is broken over two lines mid-sentence"
    before = broken[0].split("\n")[0]
    assert before[-1] not in "。；！？", "the break is not at the end of a sentence"
    assert any("\n" in s for p in labels["problems"] for s in p["subs"]), "the break falls inside a sub-problem"


def test_shapes_are_letter_news_and_speech():
    shapes = SET.notices_by_shape()
    assert set(shapes) == {"letter", "news-zhuyaoshi", "speech-paren"}
    news = shapes["news-zhuyaoshi"]
    text = news.read_text(encoding="utf-8")
    # every problem sits inside one paragraph, after 主要是：, separated by ；
    paragraph = next(line for line in text.splitlines() if "主要是：" in line)
    problems = SET.labels_of_file(news)["problems"]
    for problem in problems:
        assert problem["text"] in paragraph
        assert "；" not in problem["text"], "the problems of the news are separated by ；"
    assert not re.search("[一二三四五六七八九十]是", paragraph), "no 一是/二是 ordinals in the news"
    speech = shapes["speech-paren"]
    text = speech.read_text(encoding=SET.labels_of_file(speech)["encoding"])
    assert "讲话" in text and "同志们" in text
    items = re.findall(r"^（(\d+)）", text, re.M)
    assert [int(i) for i in items] == list(range(1, len(SET.labels_of_file(speech)["problems"]) + 1))
