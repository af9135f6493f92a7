"""Accuracy of gap detection on the labelled fixture cases (fixtures/cases.yaml).

    python benchmarks/accuracy.py [--cases fixtures/cases.yaml] [--verbose]

For each (plan, notice) case: which labelled problems plancheck reports as uncovered (CV-PROBLEM)
against the label `uncovered`, and which rule IDs fire against the label `fire` (exact set).
Labelled problems are found among the extracted ones by text overlap, so an extraction that splits
or merges problems shows up here as a detection error, as it would for a user.
Prints per case and in total: precision/recall of uncovered-problem detection, and per rule.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.testing import load_cases, run_case  # noqa: E402


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=str(ROOT / "fixtures" / "cases.yaml"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    cases_file = Path(args.cases)
    cases = load_cases(cases_file)
    gap = Counter()  # tp / fp / fn over uncovered problems
    rule_counts: dict[str, Counter] = {}
    rows = []
    started = time.perf_counter()
    for case in cases:
        outcome = run_case(case, cases_file.parent)
        rows.append((case["name"], "ok" if outcome.exact else "DIFF", outcome.differences()))
        if outcome.result is None:
            gap["fn"] += len(outcome.expected_uncovered)
            continue
        exp, got = outcome.expected_uncovered, outcome.uncovered
        gap.update(tp=len(exp & got), fp=len(got - exp), fn=len(exp - got))
        for rule in outcome.rules | outcome.expected_rules | {r.id for r in outcome.result.pack.rules}:
            c = rule_counts.setdefault(rule, Counter())
            c["tp"] += rule in outcome.rules and rule in outcome.expected_rules
            c["fp"] += rule in outcome.rules and rule not in outcome.expected_rules
            c["fn"] += rule in outcome.expected_rules and rule not in outcome.rules
        if args.verbose and not outcome.exact:
            for f in outcome.result.findings:
                print(f"    {case['name']}: {f.rule} {f.message[:110]}")
    elapsed = time.perf_counter() - started

    print(f"{'case':<34} {'status':<6} detail")
    for name, status, detail in rows:
        print(f"{name:<34} {status:<6} {detail}")
    p, r = _prf(gap["tp"], gap["fp"], gap["fn"])
    print()
    print(f"uncovered-problem detection: precision {p:.3f}  recall {r:.3f}  (tp {gap['tp']}, fp {gap['fp']}, fn {gap['fn']})")
    print(f"\n{'rule':<20} {'precision':>9} {'recall':>7}  tp fp fn")
    total = Counter()
    for rule in sorted(rule_counts):
        c = rule_counts[rule]
        total.update(c)
        rp, rr = _prf(c["tp"], c["fp"], c["fn"])
        print(f"{rule:<20} {rp:>9.3f} {rr:>7.3f}  {c['tp']:>2} {c['fp']:>2} {c['fn']:>2}")
    tp, tr = _prf(total["tp"], total["fp"], total["fn"])
    print(f"{'all rules':<20} {tp:>9.3f} {tr:>7.3f}  {total['tp']:>2} {total['fp']:>2} {total['fn']:>2}")
    exact = sum(1 for _, s, _ in rows if s == "ok")
    print(f"\ncases exactly right: {exact}/{len(rows)}   ({elapsed:.1f} s for {len(rows)} checks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
