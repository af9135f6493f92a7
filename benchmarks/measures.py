"""Precision and recall of the three judges of answers on labelled measures.

    python benchmarks/measures.py [--labels fixtures/measures/labelled.yaml] [--verbose]

- IT-VAGUE (checker.quality.slogan_only) against `vague` of each labelled (problem, measures);
- IT-MEASURE's restatement test (checker.quality.restates_problem) against `restating`;
- IT-DUPLICATE (checker.quality.duplicate_groups) on each `duplicates` group, run as a small plan
  whose items are the group's (problem, measures) pairs: a group labelled `duplicate: true` is
  found when every one of its items is reported, one labelled false is a false alarm when any is.
The slogan and action words are the default pack's concepts 口号 and 具体动作, as in a check.
Prints per judge: tp, fp, fn, precision, recall, and with --verbose every disagreement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.dsl.loader import load_pack  # noqa: E402
from checker.models import Item, Location  # noqa: E402
from checker.quality import duplicate_groups, restates_problem, slogan_only  # noqa: E402


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def judge_measures(entries: list[dict], slogans: tuple[str, ...], actions: tuple[str, ...]) -> dict[str, list]:
    """judge → list of (expected, got, entry)."""
    out: dict[str, list] = {"IT-VAGUE": [], "IT-MEASURE": []}
    for e in entries:
        vague = slogan_only(e["measures"], slogans, actions, e["problem"]) is not None
        restating = restates_problem(e["measures"], e["problem"], actions) is not None  # as IT-MEASURE calls it
        out["IT-VAGUE"].append((bool(e["vague"]), vague, e))
        out["IT-MEASURE"].append((bool(e["restating"]), restating, e))
    return out


def judge_duplicates(groups: list[dict]) -> list:
    out = []
    for g in groups:
        items = [Item(id=f"I{n}", source="table", location=Location(kind="table_cell", table=1, row=n + 1),
                      problem=i["problem"], measures=i["measures"]) for n, i in enumerate(g["items"], 1)]
        found = duplicate_groups(items)
        got = all(i.id in found for i in items) if g["duplicate"] else any(i.id in found for i in items)
        out.append((bool(g["duplicate"]), got, g))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", default=str(ROOT / "fixtures" / "measures" / "labelled.yaml"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    data = yaml.safe_load(Path(args.labels).read_text(encoding="utf-8"))
    concepts = load_pack("xuncha").concepts
    slogans, actions = concepts["口号"].terms, concepts["具体动作"].terms
    results = judge_measures(data.get("measures") or [], slogans, actions)
    results["IT-DUPLICATE"] = judge_duplicates(data.get("duplicates") or [])
    print(f"{len(data.get('measures') or [])} labelled measures, {len(data.get('duplicates') or [])} duplicate groups")
    print(f"{'judge':<14} {'precision':>9} {'recall':>7}   tp  fp  fn  tn")
    for judge, rows in results.items():
        tp = sum(1 for exp, got, _ in rows if exp and got)
        fp = sum(1 for exp, got, _ in rows if got and not exp)
        fn = sum(1 for exp, got, _ in rows if exp and not got)
        tn = len(rows) - tp - fp - fn
        p, r = _prf(tp, fp, fn)
        print(f"{judge:<14} {p:>9.3f} {r:>7.3f}  {tp:>3} {fp:>3} {fn:>3} {tn:>3}")
        if args.verbose:
            for exp, got, e in rows:
                if exp != got:
                    what = "missed" if exp else "false alarm"
                    text = e.get("name") or f"{e['problem'][:24]} | {e['measures'][:50]}"
                    print(f"    {what}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
