"""The labelled (plan, notice) cases of fixtures/cases.yaml: every expected uncovered problem and
rule ID is reported, and nothing else."""

from pathlib import Path

import pytest

from checker.testing import labelled_to_extracted, load_cases, run_case

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "cases.yaml"
CASES = load_cases(CASES_FILE) if CASES_FILE.exists() else []


def test_there_are_labelled_cases():
    assert len(CASES) >= 12, "issue 2 asks for at least 12 labelled plans"
    assert sum(1 for c in CASES if not c.get("fire") and not c.get("uncovered")) >= 4, "complete plans"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_labelled_case(case):
    outcome = run_case(case, CASES_FILE.parent)
    assert outcome.exact, outcome.differences()


def test_a_label_cut_from_a_traditional_notice_finds_its_extracted_problem():
    # labels are cuts of the raw file; the reader gives Simplified, half-width text
    from checker.models import Location, Problem

    extracted = [Problem(id="P1", text="党组领导作用发挥不充分，2025年仅专题研究1次", location=Location(kind="notice")),
                 Problem(id="P2", text="基层组织建设薄弱，志愿者注册信息长期未更新", location=Location(kind="notice"))]
    assert labelled_to_extracted(["黨組領導作用發揮不充分，２０２５年僅專題研究１次", "基層組織建設薄弱，志願者註冊信息長期未更新"],
                                 extracted) == {1: "P1", 2: "P2"}
