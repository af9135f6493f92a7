"""The labelled (plan, notice) cases of fixtures/cases.yaml: every expected uncovered problem and
rule ID is reported, and nothing else."""

from pathlib import Path

import pytest

from checker.testing import load_cases, run_case

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "cases.yaml"
CASES = load_cases(CASES_FILE) if CASES_FILE.exists() else []


def test_there_are_labelled_cases():
    assert len(CASES) >= 12, "issue 2 asks for at least 12 labelled plans"
    assert sum(1 for c in CASES if not c.get("fire") and not c.get("uncovered")) >= 4, "complete plans"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_labelled_case(case):
    outcome = run_case(case, CASES_FILE.parent)
    assert outcome.exact, outcome.differences()
