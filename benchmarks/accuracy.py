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
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.check import run_check  # noqa: E402
from checker.errors import PlancheckError  # noqa: E402


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _labelled_to_extracted(labels: list[str], problems) -> dict[int, str | None]:
    """labelled problem number (1-based) → the id of the extracted problem that overlaps it most."""
    out: dict[int, str | None] = {}
    for k, text in enumerate(labels, 1):
        want = _bigrams(text)
        best, best_id = 0.0, None
        for p in problems:
            got = _bigrams(p.text)
            overlap = len(want & got) / max(1, len(want))
            if overlap > best:
                best, best_id = overlap, p.id
        out[k] = best_id if best >= 0.5 else None
    return out


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
    cases = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    if isinstance(cases, dict):
        cases = cases.get("cases", [])
    base = cases_file.parent

    gap = Counter()  # tp / fp / fn over uncovered problems
    rule_counts: dict[str, Counter] = {}
    rows = []
    started = time.perf_counter()
    for case in cases:
        notice = base / case["notice"]
        labels = yaml.safe_load(notice.with_suffix("").with_suffix(".labels.yaml").read_text(encoding="utf-8"))
        label_texts = [p["text"] if isinstance(p, dict) else p for p in labels["problems"]]
        date = case.get("feedback_date")
        date = dt.date.fromisoformat(str(date)) if date else None
        try:
            result = run_check(base / case["plan"], notice, feedback_date=date)
        except PlancheckError as exc:
            rows.append((case["name"], "ERROR", str(exc)))
            gap["fn"] += len(case.get("uncovered") or [])
            continue
        mapping = _labelled_to_extracted(label_texts, result.requirements.problems)
        expected = set(case.get("uncovered") or [])
        predicted = {k for k, pid in mapping.items() if pid is None or not result.coverage[pid].covered}
        tp, fp, fn = len(expected & predicted), len(predicted - expected), len(expected - predicted)
        gap.update(tp=tp, fp=fp, fn=fn)
        fired = {f.rule for f in result.findings}
        want = set(case.get("fire") or [])
        for rule in fired | want | {r.id for r in result.pack.rules}:
            c = rule_counts.setdefault(rule, Counter())
            c["tp"] += rule in fired and rule in want
            c["fp"] += rule in fired and rule not in want
            c["fn"] += rule in want and rule not in fired
        status = "ok" if (fired == want and predicted == expected) else "DIFF"
        detail = []
        if predicted != expected:
            detail.append(f"uncovered expected {sorted(expected)} got {sorted(predicted)}")
        if fired != want:
            if fired - want:
                detail.append(f"extra {sorted(fired - want)}")
            if want - fired:
                detail.append(f"missing {sorted(want - fired)}")
        rows.append((case["name"], status, "; ".join(detail)))
        if args.verbose and status == "DIFF":
            for f in result.findings:
                print(f"    {case['name']}: {f.rule} {f.message[:100]}")
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
