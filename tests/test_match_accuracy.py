"""Matching accuracy on the labelled set (fixtures/matching/cases.yaml), as benchmarks/accuracy.py
measures it — floors that the matcher must keep, and the margin over both baselines.

Two ways of posing the problems: as plancheck extracts them from the notice (end to end), and as the
labels give them (the matcher alone: the extraction's own errors are benchmarked apart, in
benchmarks/extraction.py). Figures and the definitions: `python benchmarks/accuracy.py --cases
fixtures/matching/cases.yaml`.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "fixtures" / "matching" / "cases.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))

pytestmark = pytest.mark.skipif(not CASES_FILE.exists(), reason="the labelled matching set is not there")


@cache
def _runs():
    from accuracy import run_all

    from checker.testing import load_cases

    return run_all(load_cases(CASES_FILE), CASES_FILE.parent)


@cache
def _totals(which: str):
    from accuracy import best_fuzzy_threshold, totals

    from checker.match import DEFAULT

    return totals(_runs(), DEFAULT, best_fuzzy_threshold(_runs()), which)


def test_the_set_is_big_enough_to_mean_something():
    runs = _runs()
    assert len(runs) >= 40
    assert sum(1 for r in runs if r.extracted is not None) >= 40
    assert _totals("labelled")["plancheck"].labelled >= 400


def test_the_matcher_alone_misses_no_gap_and_maps_almost_every_problem():
    pc = _totals("labelled")["plancheck"]
    precision, recall, mapping = pc.figures()
    assert recall == 1.0, "a false pass on the labelled problems"
    assert precision >= 0.95
    assert mapping >= 0.99


def test_end_to_end_figures_stay_above_their_floor():
    # below the matcher-alone figures because the notice reader's sub-problems differ from the labels
    # on a few problems (see the note in benchmarks/accuracy.py output, "labelled" column)
    precision, recall, mapping = _totals("extracted")["plancheck"].figures()
    assert recall >= 0.95 and precision >= 0.85 and mapping >= 0.98


@pytest.mark.parametrize("which", ["extracted", "labelled"])
def test_plancheck_is_clearly_above_both_baselines(which):
    scores = _totals(which)
    pc = scores["plancheck"].figures()
    for name in ("substring", "rapidfuzz"):
        base = scores[name].figures()
        f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
        assert f1(pc[0], pc[1]) >= f1(base[0], base[1]) + 0.1, name
        assert pc[2] >= base[2] + 0.02, name
