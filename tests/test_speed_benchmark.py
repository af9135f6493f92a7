"""The numbers benchmarks/speed.py judges the scaling targets on: the marginal exponent must see
through a fixed cost (which flattens a log-log slope) and tell linear from quadratic growth."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from speed import loglog_slope, marginal_exponent  # noqa: E402

SIZES = [1, 2, 4, 8]


@pytest.mark.parametrize("k", [0.5, 1.0, 1.2, 2.0])
def test_the_marginal_exponent_recovers_the_growth_under_a_fixed_cost(k):
    values = [0.6 + 0.05 * s**k for s in SIZES]  # start-up dominates at 1x
    assert marginal_exponent(SIZES, values) == pytest.approx(k, abs=0.011)
    assert loglog_slope(SIZES, values) < k  # what the fixed cost does to the plain slope


def test_quadratic_growth_fails_and_linear_passes_the_issue_threshold():
    assert marginal_exponent(SIZES, [0.1 + 0.02 * s * s for s in SIZES]) > 1.2
    assert marginal_exponent(SIZES, [0.1 + 0.02 * s for s in SIZES]) <= 1.2


def test_values_that_do_not_grow_have_no_exponent():
    assert marginal_exponent(SIZES, [1.0, 0.9, 0.8, 0.7]) is None
