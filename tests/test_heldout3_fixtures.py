"""The held-out matching set 3 (fixtures/heldout3) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, and every case's
mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of plancheck
(no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import SECTORS_BEFORE_HELDOUT3, HeldOutSet, common_tests  # noqa: E402

SET = HeldOutSet("heldout3")

globals().update(common_tests(SET, case_count=(12, 16), notice_count=4, seen_sectors=SECTORS_BEFORE_HELDOUT3))
