"""The held-out matching set (fixtures/heldout) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, every case's mapping
agrees with the labels written beside the plan rows, and plancheck reads one item per row so the
item ids of the mapping are the ones a report shows.

Not a test of matching accuracy: nothing here asks whether plancheck FINDS the mapping (that is
`python benchmarks/accuracy.py --cases fixtures/heldout/cases.yaml`, recorded once in
fixtures/heldout/FIRST_RUN.txt)."""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import REQUIRED_TAGS, FIRST_CASE_KEYS, HeldOutSet, common_tests  # noqa: E402

SET = HeldOutSet("heldout")
HELDOUT = SET.folder
# the first set used fewer kinds than the later vocabulary of fixtures/matching
TAGS = REQUIRED_TAGS | {"short-titles", "several-tables", "merged-cells", "word-numbering"}

globals().update(common_tests(
    SET, case_count=(12, 16), notice_count=4, allowed_tags=TAGS, case_keys=FIRST_CASE_KEYS,
    restated_marked=False,  # restated problems are tagged, not listed under `restated:`
    handover_words=("移交",),
    units_differ_from_other_labels=False,  # 县林业局党组 is also the unit of a fixtures/extraction notice
    procedural_parts_complete=False,  # its plans leave out some procedural parts (党内通报 …)
))


@pytest.mark.parametrize("case", SET.cases(), ids=lambda c: c["name"])
def test_plancheck_reads_the_items_the_mapping_names(case):
    """One item per source row, in order (plancheck's reading, not its matching), so that I1, I2 …
    of the mapping are the items a report shows."""
    from checker.documents import read_document
    from checker.plan import analyse_plan

    rows = SET.mapping_tool.source_items(SET.source_of(case).spec)
    plan = analyse_plan(read_document(HELDOUT / case["plan"]))
    assert [item.id for item in plan.items] == [f"I{n}" for n in range(1, len(rows) + 1)]
    for item, row in zip(plan.items, rows):
        if row.get("problem") and "no-problem-column" not in case["tags"]:
            assert _plain(row["problem"]) in _plain(item.problem), (item.id, item.problem[:30])
        first_measure = row["measures"][0] if isinstance(row["measures"], list) else row["measures"]
        assert _plain(first_measure)[:20] in _plain(item.measures), (item.id, item.measures[:30])


def _plain(text: str) -> str:
    return re.sub(r"[\s。；;，,：:]|^\d+\.", "", text or "")


def test_the_first_run_is_recorded_for_these_cases():
    """FIRST_RUN.txt is the one benchmark run made after the labels were frozen: it must be there
    and be a run of this set (every case named)."""
    record = (HELDOUT / "FIRST_RUN.txt").read_text(encoding="utf-8")
    assert "accuracy.py --cases fixtures/heldout/cases.yaml" in record
    for case in SET.cases():
        assert case["name"] in record, case["name"]
