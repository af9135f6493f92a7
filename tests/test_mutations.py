"""Deleting an answering row is always noticed (issue 5, "Done when").

For every complete fixture plan (fixtures/cases.yaml cases with no `fire` and no `uncovered`, and
the fixtures/matching cases with no `uncovered`), each row that answers a problem is deleted in
turn — from Plan.items, and for a few rows also from the .docx itself (its w:tr) — and:
- a problem that row alone answered is no longer covered, and not merely uncertain (the docx
  deletions also check that CV-PROBLEM names it);
- every other problem keeps its verdict (covered / uncertain / uncovered).
No complete plan raises CV-PROBLEM on a labelled problem to begin with. The mutation score
(detected / mutations) is printed at the end of the run. Cases whose plan plancheck cannot read yet
(`reader_todo`) are left out.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from functools import cache
from pathlib import Path

import pytest

import yaml

from checker.check import run_check
from checker.match import ProblemMatcher, match_problems
from checker.testing import labelled_to_extracted, load_cases

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(ROOT / "benchmarks"))


def _complete_cases() -> list[tuple[Path, dict]]:
    out = []
    for path in (FIXTURES / "cases.yaml", FIXTURES / "matching" / "cases.yaml"):
        if not path.exists():
            continue
        for case in load_cases(path):
            matching = path.parent.name == "matching"  # there `fire` may name item rules: coverage is what counts
            if not case.get("uncovered") and (matching or not case.get("fire")) and not case.get("reader_todo"):
                out.append((path.parent, case))
    return out


CASES = _complete_cases()


def _checked(base: Path, name: str):
    """The check of a case, run once per test session (shared with test_match_accuracy)."""
    from accuracy import outcome_of

    case = next(c for b, c in CASES if b == base and c["name"] == name)
    outcome = outcome_of(case, base)
    assert outcome.result is not None, outcome.error
    return outcome.result


@cache
def _labelled_ids(base: Path, name: str) -> frozenset[str]:
    """The extracted problems that stand for a labelled one. A piece of text the notice reader took
    for a problem by mistake (extraction is benchmarked apart) is not the matcher's to answer."""
    case = next(c for b, c in CASES if b == base and c["name"] == name)
    notice = base / case["notice"]
    labels = yaml.safe_load(notice.with_name(notice.stem + ".labels.yaml").read_text(encoding="utf-8"))
    texts = [p["text"] if isinstance(p, dict) else p for p in labels["problems"]]
    found = labelled_to_extracted(texts, _checked(base, name).requirements.problems)
    return frozenset(pid for pid in found.values() if pid)


def _state(cov) -> str:
    return "covered" if cov.covered else ("uncertain" if cov.uncertain else "uncovered")


def _answering(coverage) -> dict[str, set[str]]:
    """problem id → the items the matcher counts as answering it."""
    return {pid: {e.item for e in cov.evidence} if cov.covered else set() for pid, cov in coverage.items()}


def mutation_failures(result, item_id: str, after: dict) -> list[str]:
    """What went wrong when item_id was deleted: `after` is the coverage without it."""
    before = result.coverage
    rows = _answering(before)
    failures = []
    for pid, cov in after.items():
        if rows[pid] == {item_id}:
            if _state(cov) != "uncovered":
                failures.append(f"{pid} lost its only row {item_id} but is {_state(cov)}")
        elif item_id not in rows[pid] and _state(cov) != _state(before[pid]):
            failures.append(f"{pid} ({_state(before[pid])}) became {_state(cov)} when {item_id} was deleted")
    return failures


@cache
def _model_mutations(base: Path, name: str) -> dict[str, list[str]]:
    """Each answering item id → what went wrong when it was deleted (empty: detected)."""
    result = _checked(base, name)
    answering = [i.id for i in result.plan.items if any(i.id in rows for rows in _answering(result.coverage).values())]
    matcher = ProblemMatcher(result.requirements.problems, result.plan.items)
    out: dict[str, list[str]] = {}
    for n, item_id in enumerate(answering):
        if n == 0:  # the first from scratch, as a check would run on the shorter plan …
            plan = result.plan.model_copy(update={"items": [i for i in result.plan.items if i.id != item_id]})
            after = match_problems(result.requirements, plan)
            assert after == matcher.without({item_id}).coverage(), "a fresh match differs from the shortcut"
        else:  # … the others by the same matcher less that item (the same numbers, faster)
            after = matcher.without({item_id}).coverage()
        out[item_id] = mutation_failures(result, item_id, after)
    return out


# Known disagreements, each a strict xfail so that the day it is fixed the test says so.
KNOWN: dict[str, str] = {}


def _known(cases):
    return [pytest.param(b, c, id=c["name"], marks=pytest.mark.xfail(strict=True, reason=KNOWN[c["name"]]))
            if c["name"] in KNOWN else pytest.param(b, c, id=c["name"]) for b, c in cases]


@pytest.mark.parametrize("base,case", _known(CASES))
def test_complete_plan_answers_everything(base, case):
    result = _checked(base, case["name"])
    labelled = _labelled_ids(base, case["name"])
    reported = [f"{f.problem}: {f.message}" for f in result.findings if f.rule == "CV-PROBLEM" and f.problem in labelled]
    assert not reported, reported


@pytest.mark.parametrize("base,case", CASES, ids=[c["name"] for _, c in CASES])
def test_deleting_any_answering_row_is_detected(base, case):
    mutations = _model_mutations(base, case["name"])
    assert mutations, "no row answers anything"
    failures = [f for fs in mutations.values() for f in fs]
    assert not failures, failures


def _docx_without_row(source: Path, table: int, row: int, target: Path) -> bool:
    """A copy of the plan without the given table row; False when that row starts or continues a
    vertical merge (deleting it would change other rows' text)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(source))
    tr = document.tables[table - 1].rows[row - 1]._tr
    if tr.xpath(".//w:vMerge"):
        return False
    neighbour = tr.getnext()
    if neighbour is not None and neighbour.tag == qn("w:tr") and neighbour.xpath(".//w:vMerge[not(@w:val) or @w:val='continue']"):
        return False
    tr.getparent().remove(tr)
    document.save(str(target))
    return True


# a few plans in the docx itself (slower: each deletion is a full check): merged 责任领导 cells, a
# three-row merge, a ledger split over two tables, a ledger with several rows per problem
DOCX_NAMES = {"jiaoyu-complete", "yibao-complete", "shichang-split", "sheke-complete"}
DOCX_CASES = [(b, c) for b, c in CASES if c["name"] in DOCX_NAMES]


@pytest.mark.parametrize("base,case", DOCX_CASES, ids=[c["name"] for _, c in DOCX_CASES])
def test_deleting_a_table_row_in_the_docx_is_detected(base, case, tmp_path):
    result = _checked(base, case["name"])
    rows = _answering(result.coverage)
    table_items = [i for i in result.plan.items if i.source == "table" and any(i.id in r for r in rows.values())]
    if not table_items:
        pytest.skip("no ledger rows in this plan")
    tried = 0
    for item in (table_items[0], table_items[-1]):
        copy = tmp_path / f"{item.id}.docx"
        if not _docx_without_row(base / case["plan"], item.location.table, item.location.row, copy):
            continue
        tried += 1
        date = case.get("feedback_date")
        after = run_check(copy, base / case["notice"], feedback_date=dt.date.fromisoformat(str(date)) if date else None)
        # the same problems are judged; item ids after the deleted row shift by one
        assert [p.id for p in after.requirements.problems] == [p.id for p in result.requirements.problems]
        lost = [pid for pid, r in rows.items() if r == {item.id}]
        for pid in lost:
            assert _state(after.coverage[pid]) == "uncovered", f"{pid} still {_state(after.coverage[pid])} without {item.id}"
            assert any(f.rule == "CV-PROBLEM" and f.problem == pid for f in after.findings)
        kept = {pid for pid, r in rows.items() if item.id not in r}
        changed = {pid for pid in kept if _state(after.coverage[pid]) != _state(result.coverage[pid])}
        assert not changed, f"deleting {item.id} changed {sorted(changed)}"
        shutil.rmtree(tmp_path, ignore_errors=True)
        tmp_path.mkdir(exist_ok=True)
    assert tried, "no row could be deleted without breaking a vertical merge"


def test_mutation_score(capsys):
    total = detected = 0
    for base, case in CASES:
        mutations = _model_mutations(base, case["name"])
        total += len(mutations)
        detected += sum(1 for failures in mutations.values() if not failures)
    with capsys.disabled():
        print(f"\nmutation score: {detected}/{total} single-row deletions detected over {len(CASES)} complete plans")
    assert total > 0 and detected == total
