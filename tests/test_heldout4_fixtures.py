"""The held-out matching set 4 (fixtures/heldout4) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, and every case's
mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of plancheck
(no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import SECTORS_BEFORE_HELDOUT4, HeldOutSet, common_tests  # noqa: E402

SET = HeldOutSet("heldout4")

globals().update(common_tests(
    SET, case_count=(12, 16), notice_count=4, extra_required_tags={"merged-cells"},
    encodings=("utf-8", "gb18030"), seen_sectors=SECTORS_BEFORE_HELDOUT4,
))


def test_one_notice_is_gb18030_and_not_utf8():
    raw = SET.the_notice_in("gb18030").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gb18030")
    assert any(ch in text for ch in "黨發問規範"), "a few Traditional characters"
    assert "\r\n" in text, "CRLF line ends, as saved on Windows"
