"""Accuracy of gap detection and problem → item mapping on labelled (plan, notice) cases.

    python benchmarks/accuracy.py                                     # fixtures/cases.yaml
    python benchmarks/accuracy.py --cases fixtures/matching/cases.yaml [--verbose]
    python benchmarks/accuracy.py --cases fixtures/matching/cases.yaml --calibrate

For each case: which labelled problems plancheck reports as not covered (CV-PROBLEM, or CV-UNCERTAIN
for the uncertain band) against the label `uncovered`, and which rule IDs fire against the label
`fire` (exact set; a case with `rules: [...]` compares only those rule IDs). Labelled problems are
found among the extracted ones by text overlap, so an extraction that splits or merges problems
shows up here as a detection error, as it would for a user.

Definitions (per labelled problem, summed over cases):
- gap detection: a problem is a gap when the label says it is unanswered (`uncovered`, or an empty
  `mapping` entry); it is flagged when plancheck does not call it covered. Precision = flagged gaps /
  flagged; recall = flagged gaps / gaps.
- mapping accuracy (cases with `mapping: {k: [item ids]}`): a labelled problem is mapped correctly
  when, for a gap, plancheck flags it; for an answered problem, plancheck calls it covered AND its
  best answering item (the first evidence item) is one of the labelled items. "exact sets" is the
  stricter share where plancheck's answering items are exactly the labelled ones.
The same figures are printed for two baselines run in the same command on the same extracted
problems and items (benchmarks/baselines.py): (a) exact substring of the problem's key phrase,
(b) rapidfuzz partial_ratio with the threshold that does best on these very cases.

--calibrate: two folds (cases at odd / even positions): the thresholds of checker.match.Thresholds
searched on one half (coordinate descent, see `calibrate`), figures printed on that half and on the
held-out half, next to the defaults' figures on both.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from baselines import FUZZY_THRESHOLDS, FuzzyBaseline, SubstringBaseline  # noqa: E402

from checker.documents import normalize_text  # noqa: E402
from checker.match import DEFAULT, ProblemMatcher, Thresholds  # noqa: E402
from checker.models import Location, Problem  # noqa: E402
from checker.testing import labelled_to_extracted, load_cases, run_case  # noqa: E402


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


# --------------------------------------------------------------------------- one case, one matcher


@dataclass
class Verdicts:
    """What one matcher said about each labelled problem of one case."""

    covered: dict[int, bool] = field(default_factory=dict)  # labelled number → called covered
    uncertain: dict[int, bool] = field(default_factory=dict)  # → a warning to confirm (neither)
    best: dict[int, str | None] = field(default_factory=dict)  # → best answering item
    items: dict[int, set[str]] = field(default_factory=dict)  # → all answering items


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    mapped: int = 0
    exact: int = 0
    labelled: int = 0  # problems with a mapping label
    warned_gap: int = 0  # a true gap reported only as a warning (CV-UNCERTAIN): counted in fn
    warned_ok: int = 0  # an answered problem reported as a warning: a reviewer's time, not a gap

    def add(self, other: Score) -> None:
        for name in ("tp", "fp", "fn", "mapped", "exact", "labelled", "warned_gap", "warned_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> tuple[float, float, float | None]:
        p, r = _prf(self.tp, self.fp, self.fn)
        return p, r, (self.mapped / self.labelled if self.labelled else None)

    def errors(self) -> int:
        return self.fp + self.fn + (self.labelled - self.mapped if self.labelled else 0)


def gaps_of(case: dict, n_labels: int) -> set[int]:
    gaps = set(case.get("uncovered") or [])
    gaps |= {int(k) for k, v in (case.get("mapping") or {}).items() if not v}
    return {k for k in gaps if 1 <= k <= n_labels}


def score(case: dict, verdicts: Verdicts) -> Score:
    gaps = gaps_of(case, len(verdicts.covered))
    mapping = {int(k): set(v or []) for k, v in (case.get("mapping") or {}).items()}
    s = Score()
    for k, covered in verdicts.covered.items():
        warned = verdicts.uncertain.get(k, False)
        flagged = not covered and not warned  # a gap is an error (CV-PROBLEM); a warning is not
        s.warned_gap += warned and k in gaps
        s.warned_ok += warned and k not in gaps
        s.tp += flagged and k in gaps
        s.fp += flagged and k not in gaps
        s.fn += (not flagged) and k in gaps
        if k in mapping:
            s.labelled += 1
            if k in gaps:
                s.mapped += flagged
                s.exact += flagged
            else:
                s.mapped += covered and verdicts.best.get(k) in mapping[k]
                s.exact += covered and verdicts.items.get(k, set()) == mapping[k]
    return s


def plancheck_verdicts(matcher: ProblemMatcher, labels: dict[int, str | None], th: Thresholds) -> Verdicts:
    coverage = matcher.coverage(th)
    v = Verdicts()
    for k, pid in labels.items():
        cov = coverage.get(pid) if pid else None
        v.covered[k] = bool(cov and cov.covered)
        v.uncertain[k] = bool(cov and cov.uncertain)
        v.best[k] = cov.evidence[0].item if cov and cov.covered and cov.evidence else None
        v.items[k] = {e.item for e in cov.evidence} if cov and cov.covered else set()
    return v


def baseline_verdicts(judge, problems: dict[str, object], labels: dict[int, str | None]) -> Verdicts:
    v = Verdicts()
    for k, pid in labels.items():
        verdict = judge(problems[pid]) if pid else None
        v.covered[k] = bool(verdict and verdict.covered)
        v.best[k] = verdict.best_item if verdict and verdict.covered else None
        v.items[k] = {verdict.best_item} if verdict and verdict.covered else set()
    return v


# --------------------------------------------------------------------------- the run


def labelled_problems(case: dict, base: Path) -> list[Problem]:
    """The notice's problems and sub-problems as the labels file gives them (P1, P2, … = label 1, 2, …)."""
    import yaml

    notice = base / case["notice"]
    labels = yaml.safe_load(notice.with_name(notice.stem + ".labels.yaml").read_text(encoding="utf-8"))
    out = []
    for n, p in enumerate(labels["problems"], 1):
        text, subs = (p["text"], p.get("subs") or []) if isinstance(p, dict) else (p, [])
        # labels are cuts of the raw file: give the matcher what the reader gives it (Simplified,
        # half-width), as it would see the notice
        out.append(Problem(id=f"P{n}", text=normalize_text(text), subs=[normalize_text(s) for s in subs],
                           location=Location(kind="notice")))
    return out


@dataclass
class Side:
    """One way of posing the problems to the matchers: as plancheck extracted them, or as labelled."""

    labels: dict[int, str | None]  # labelled number → problem id
    problems: dict[str, Problem]
    matcher: ProblemMatcher
    substring: Verdicts
    fuzzy: FuzzyBaseline


@dataclass
class CaseRun:
    case: dict
    outcome: object
    texts: list[str] = field(default_factory=list)
    extracted: Side | None = None
    labelled: Side | None = None


def rules_compared(case: dict, fired: set[str], expected: set[str]) -> tuple[set[str], set[str]]:
    only = case.get("rules")
    if only:
        return fired & set(only), expected & set(only)
    return fired, expected


def _side(problems: list[Problem], labels: dict[int, str | None], items) -> Side:
    by_id = {p.id: p for p in problems}
    return Side(labels, by_id, ProblemMatcher(problems, items),
                baseline_verdicts(SubstringBaseline(items).judge, by_id, labels), FuzzyBaseline(items, threshold=0))


_OUTCOMES: dict[tuple, object] = {}


def outcome_of(case: dict, base: Path):
    """run_case, once per process for the same case (the tests share these runs)."""
    key = (str(base), case["plan"], case["notice"], str(case.get("feedback_date")), repr(case.get("set")))
    if key not in _OUTCOMES:
        _OUTCOMES[key] = run_case(case, base)
    return _OUTCOMES[key]


def run_all(cases: list[dict], base: Path) -> list[CaseRun]:
    runs = []
    for case in cases:
        outcome = outcome_of(case, base)
        given = labelled_problems(case, base)
        run = CaseRun(case, outcome, [p.text for p in given])
        if outcome.result is not None:
            req, plan = outcome.result.requirements, outcome.result.plan
            run.extracted = _side(req.problems, labelled_to_extracted(run.texts, req.problems), plan.items)
            run.labelled = _side(given, {n: p.id for n, p in enumerate(given, 1)}, plan.items)
        runs.append(run)
    return runs


def fuzzy_verdicts(side: Side, threshold: float) -> Verdicts:
    side.fuzzy.threshold = threshold
    return baseline_verdicts(side.fuzzy.judge, side.problems, side.labels)


def side_scores(run: CaseRun, side: Side, th: Thresholds, fuzzy_threshold: float) -> dict[str, Score]:
    return {"plancheck": score(run.case, plancheck_verdicts(side.matcher, side.labels, th)),
            "substring": score(run.case, side.substring),
            "rapidfuzz": score(run.case, fuzzy_verdicts(side, fuzzy_threshold))}


def checked(runs: list[CaseRun]) -> list[CaseRun]:
    """The runs plancheck could read (an unreadable plan is exit 2 for the user, never a verdict)."""
    return [r for r in runs if r.extracted is not None]


def totals(runs: list[CaseRun], th: Thresholds, fuzzy_threshold: float, which: str = "extracted") -> dict[str, Score]:
    out = {"plancheck": Score(), "substring": Score(), "rapidfuzz": Score()}
    for run in checked(runs):
        for name, s in side_scores(run, getattr(run, which), th, fuzzy_threshold).items():
            out[name].add(s)
    return out


def best_fuzzy_threshold(runs: list[CaseRun]) -> float:
    def quality(t: float) -> tuple:
        s = Score()
        for run in checked(runs):
            s.add(score(run.case, fuzzy_verdicts(run.extracted, t)))
        p, r, m = s.figures()
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (m if m is not None else f1, f1)

    return max(FUZZY_THRESHOLDS, key=quality)


def _fmt(s: Score) -> str:
    p, r, m = s.figures()
    mapping = f"{m:.3f} ({s.mapped}/{s.labelled}, exact sets {s.exact}/{s.labelled})" if m is not None else "—"
    warned = f"  warnings: {s.warned_ok} answered, {s.warned_gap} gaps" if s.warned_ok or s.warned_gap else ""
    return f"precision {p:.3f}  recall {r:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})  mapping {mapping}{warned}"


def slogan_false_gaps(runs: list[CaseRun], th: Thresholds) -> tuple[int, int]:
    """(false gaps whose labelled answering items all carry IT-VAGUE, all false gaps) of plancheck."""
    slogans = false_gaps = 0
    for run in checked(runs):
        side = run.extracted
        verdicts = plancheck_verdicts(side.matcher, side.labels, th)
        gaps = gaps_of(run.case, len(verdicts.covered))
        vague = {f.item for f in run.outcome.result.findings if f.rule == "IT-VAGUE"}
        mapping = {int(k): set(v or []) for k, v in (run.case.get("mapping") or {}).items()}
        for k, covered in verdicts.covered.items():
            if covered or verdicts.uncertain.get(k) or k in gaps:
                continue
            false_gaps += 1
            slogans += bool(mapping.get(k)) and mapping[k] <= vague
    return slogans, false_gaps


def print_rule_table(runs: list[CaseRun], verbose: bool) -> None:
    gap = Counter()
    rule_counts: dict[str, Counter] = {}
    print(f"{'case':<34} {'status':<6} detail")
    for run in runs:
        outcome, case = run.outcome, run.case
        if outcome.result is None:
            print(f"{case['name']:<34} {'DIFF':<6} {outcome.differences()}")
            gap["fn"] += len(outcome.expected_uncovered)
            continue
        fired, expected = rules_compared(case, outcome.rules, outcome.expected_rules)
        exact = outcome.uncovered == outcome.expected_uncovered and fired == expected
        detail = []
        if outcome.uncovered != outcome.expected_uncovered:
            detail.append(f"uncovered expected {sorted(outcome.expected_uncovered)} got {sorted(outcome.uncovered)}")
        if fired - expected:
            detail.append(f"extra {sorted(fired - expected)}")
        if expected - fired:
            detail.append(f"missing {sorted(expected - fired)}")
        print(f"{case['name']:<34} {'ok' if exact else 'DIFF':<6} {'; '.join(detail)}")
        run.case["_exact"] = exact
        exp, got = outcome.expected_uncovered, outcome.uncovered
        gap.update(tp=len(exp & got), fp=len(got - exp), fn=len(exp - got))
        compared = set(case.get("rules") or []) or (outcome.rules | outcome.expected_rules | {r.id for r in outcome.result.pack.rules})
        for rule in compared:
            c = rule_counts.setdefault(rule, Counter())
            c["tp"] += rule in fired and rule in expected
            c["fp"] += rule in fired and rule not in expected
            c["fn"] += rule in expected and rule not in fired
        if verbose and not exact:
            for f in outcome.result.findings:
                print(f"    {case['name']}: {f.rule} {f.message[:110]}")
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


def print_comparison(runs: list[CaseRun], th: Thresholds, fuzzy_threshold: float, verbose: bool) -> None:
    print(f"\nmatching, side by side (rapidfuzz threshold {fuzzy_threshold}, chosen on these cases)")
    print(f"{'case':<34} {'plancheck':>16} {'substring':>16} {'rapidfuzz':>16}   (gaps tp/fp/fn · mapped/labelled)")
    worst = []
    for run in runs:
        if run.extracted is None:
            print(f"{run.case['name']:<34} {'not checked: ' + (run.outcome.error or '')[:60]}")
            continue
        scores = side_scores(run, run.extracted, th, fuzzy_threshold)
        cells = [f"{s.tp}/{s.fp}/{s.fn} · {f'{s.mapped}/{s.labelled}' if s.labelled else '-'}" for s in scores.values()]
        print(f"{run.case['name']:<34} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16}")
        if scores["plancheck"].errors():
            worst.append((scores["plancheck"].errors(), run))
    unreadable = len(runs) - len(checked(runs))
    print(f"\non the {len(checked(runs))} cases plancheck could read" + (f" ({unreadable} not: exit 2, no verdict)" if unreadable else "") + ":")
    for name, s in totals(runs, th, fuzzy_threshold).items():
        print(f"  {name:<10} {_fmt(s)}")
    slogans, false_gaps = slogan_false_gaps(runs, th)
    if false_gaps:
        print(f"  of plancheck's {false_gaps} false gaps, {slogans} are problems whose labelled answers are all slogan-only "
              "rows (IT-VAGUE): the labels count such a row as an answer, plancheck does not count it as answering "
              "failings it does not name (a decision: README, 用法)")
    print("matching alone (the labelled problems and sub-problems given to every matcher, extraction bypassed):")
    for name, s in totals(runs, th, fuzzy_threshold, "labelled").items():
        print(f"  {name:<10} {_fmt(s)}")
    if worst:
        print("\nworst cases (plancheck; 'labelled' = what the same matcher says given the labelled sub-problems):")
        for errors, run in sorted(worst, key=lambda w: -w[0])[:10]:
            print(f"  {run.case['name']}: {errors} error(s)")
            explain_errors(run, th, verbose)


def explain_errors(run: CaseRun, th: Thresholds, verbose: bool) -> None:
    coverage = run.extracted.matcher.coverage(th)
    given = run.labelled.matcher.coverage(th)
    gaps = gaps_of(run.case, len(run.texts))
    mapping = {int(k): set(v or []) for k, v in (run.case.get("mapping") or {}).items()}
    for k, pid in run.extracted.labels.items():
        cov = coverage.get(pid) if pid else None
        covered = bool(cov and cov.covered)
        best = cov.evidence[0].item if covered and cov.evidence else None
        wrong = (k in gaps) == covered or (k in mapping and k not in gaps and best not in mapping[k])
        if not wrong:
            continue
        label = "gap" if k in gaps else f"answered by {sorted(mapping.get(k, []))}"
        got = "not extracted" if cov is None else (
            f"covered by {[e.item for e in cov.evidence]}" if covered else
            f"{'uncertain' if cov.uncertain else 'uncovered'} (closest {[(e.item, e.score) for e in cov.evidence[:3]]})")
        alone = given[f"P{k}"]
        print(f"    problem {k} ({pid}): label {label}; plancheck {got}; labelled {'covered' if alone.covered else 'not covered'}")
        for s in (cov.subs if cov is not None else []):
            if verbose or not s.covered:
                ev = f"{s.evidence[0].item} {s.evidence[0].score:.2f} {s.evidence[0].terms}" if s.evidence else "—"
                print(f"      {'✓' if s.covered else '✗'} sub {s.text[:40]}  best {ev}")


# --------------------------------------------------------------------------- calibration


GRID = {
    "cover": (0.22, 0.26, 0.30, 0.34, 0.38),
    "sub_cover": (0.22, 0.26, 0.30, 0.34, 0.38),
    "floor": (0.08, 0.12, 0.16),
    "relative": (0.6, 0.75, 0.9),
    "residual": (0.4, 0.5, 0.6),
    "line_residual": (0.2, 0.3, 0.4),
}
BAND = DEFAULT.cover - DEFAULT.uncertain  # the uncertain band keeps its width below cover


def _with(th: Thresholds, **changes) -> Thresholds:
    values = {**th.__dict__, **changes}
    values["uncertain"] = values["cover"] - BAND
    return Thresholds(**values)


def calibrate(runs: list[CaseRun], rounds: int = 2) -> Thresholds:
    """Coordinate descent over GRID from the defaults: each threshold in turn takes the value with
    the fewest errors on the runs (a missed gap counts double: a false pass is the worst failure;
    then false alarms and wrong mappings), the others held; ties keep the current value."""

    def cost(th: Thresholds) -> int:
        s = totals_plancheck(runs, th)
        return 2 * s.fn + s.fp + (s.labelled - s.mapped)

    th = DEFAULT
    best = cost(th)
    for _ in range(rounds):
        for name, values in GRID.items():
            for value in values:
                candidate = _with(th, **{name: value})
                c = cost(candidate)
                if c < best:
                    th, best = candidate, c
    return th


def totals_plancheck(runs: list[CaseRun], th: Thresholds) -> Score:
    s = Score()
    for run in checked(runs):
        s.add(score(run.case, plancheck_verdicts(run.extracted.matcher, run.extracted.labels, th)))
    return s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", action="append",
                        help="a cases.yaml (repeat to pool several sets; default fixtures/cases.yaml)")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--calibrate", action="store_true", help="search the thresholds on half the cases")
    args = parser.parse_args()
    started = time.perf_counter()
    runs = []
    for cases_file in map(Path, args.cases or [ROOT / "fixtures" / "cases.yaml"]):
        set_runs = run_all(load_cases(cases_file), cases_file.parent)
        if len(args.cases or []) > 1:  # pooled: say which set each case is from
            for run in set_runs:
                run.case = {**run.case, "name": f"{cases_file.parent.name}/{run.case['name']}"}
        runs += set_runs
    elapsed = time.perf_counter() - started

    print_rule_table(runs, args.verbose)
    exact = sum(1 for r in runs if r.case.get("_exact"))
    print(f"\ncases exactly right: {exact}/{len(runs)}   ({elapsed:.1f} s for {len(runs)} checks)")

    fuzzy_threshold = best_fuzzy_threshold(runs)
    print_comparison(runs, DEFAULT, fuzzy_threshold, args.verbose)

    if args.calibrate:
        folds = (runs[0::2], runs[1::2])
        for n, (calibration, held_out) in enumerate((folds, folds[::-1]), 1):
            th = calibrate(calibration)
            changed = {k: v for k, v in th.__dict__.items() if v != getattr(DEFAULT, k)}
            print(f"\nfold {n}: calibrated on {len(calibration)} cases → {changed or 'the defaults'}")
            for name, part in (("calibration", calibration), ("held-out", held_out)):
                print(f"  {name:<12} calibrated: {_fmt(totals_plancheck(part, th))}")
                print(f"  {'':<12} defaults:   {_fmt(totals_plancheck(part, DEFAULT))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
