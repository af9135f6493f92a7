"""The held-out matching set 5 (fixtures/heldout5) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, and every case's
mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of plancheck
(no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import SECTORS_BEFORE_HELDOUT5, HeldOutSet, common_tests  # noqa: E402

SET = HeldOutSet("heldout5")

globals().update(common_tests(
    SET, case_count=(10, 12), notice_count=3, extra_required_tags={"merged-cells"},
    encodings=("utf-8", "utf-16"), seen_sectors=SECTORS_BEFORE_HELDOUT5,
))


def test_one_notice_is_utf16_and_not_utf8():
    raw = SET.the_notice_in("utf-16").read_bytes()
    assert raw[:2] == b"\xff\xfe", "UTF-16 LE with a byte-order mark, as Notepad saves “Unicode”"
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("utf-16")
    assert "\r\n" in text, "CRLF line ends, as saved on Windows"
    assert re.search(r"^（1）", text, re.M) and "方面" in text, "（1）… items under 方面 headings"


def test_shapes_are_letter_news_and_headed_items():
    shapes = SET.notices_by_shape()
    assert set(shapes) == {"letter", "news-yishi", "fangmian-paren"}
    news = shapes["news-yishi"]
    text = news.read_text(encoding="utf-8")
    # every problem sits inside one paragraph, after 一是 … 九是
    paragraph = next(line for line in text.splitlines() if "一是" in line)
    for problem in SET.labels_of_file(news)["problems"]:
        assert problem["text"] in paragraph
