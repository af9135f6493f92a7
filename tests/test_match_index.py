"""The matcher's grid is computed through an index (checker.matchscore.pair_credits / pair_scores) so
that a big plan is not every word searched in every row — and gives, to the last bit, what scoring
every pair one by one gives: on every labelled matching case, and on the word forms the index has to
foresee (synonym surfaces, negations, near-synonyms, character pairs of long words, context)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.check import load_requirements
from checker.documents import read_document
from checker.match import ProblemMatcher
from checker.matchscore import Grid, Scorer, Target, pair_credits, pair_scores
from checker.plan import analyse_plan
from checker.testing import load_cases
from checker.textterms import analyse, vocabulary

ROOT = Path(__file__).resolve().parent.parent
MATCHING = ROOT / "fixtures" / "matching"


def one_by_one(grid: Grid) -> tuple[dict, dict]:
    """The grid as it was computed before the index: every query against every target."""
    credits = {(q, t): grid.scorer.credits(grid.queries[q], [grid.targets[t]]) for q in grid.queries for t in grid.targets}
    return credits, {key: grid.scorer.share(c) for key, c in credits.items()}


def assert_same(grid: Grid) -> None:
    credits, scores = one_by_one(grid)
    assert grid.credits == credits
    assert list(grid.credits) == list(credits)  # same pairs in the same order
    for key, c in credits.items():
        assert list(grid.credits[key]) == list(c)  # words in the query's order: evidence is ranked by it
    assert grid.scores == scores  # exact: == on floats


def _cases() -> list[dict]:
    return [c for c in load_cases(MATCHING / "cases.yaml") if not c.get("reader_todo")]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_the_indexed_grid_equals_scoring_every_pair_on_the_labelled_cases(case):
    req = load_requirements(MATCHING / case["notice"], None)
    plan = analyse_plan(read_document(MATCHING / case["plan"]), feedback_date=req.date)
    matcher = ProblemMatcher(req.problems, plan.items)
    assert_same(matcher.grid)
    matcher.coverage()  # builds the sub-problem grids (sub-problems × the lines of their items)
    assert matcher._sub_grids or not any(p.subs for p in req.problems)
    for _, grid in matcher._sub_grids.values():
        assert_same(grid)


def test_every_way_a_word_can_be_found_is_foreseen_by_the_index():
    vocab = vocabulary()
    surface = next((canonical[0], variant) for variant, canonical in vocab.synonyms.items()
                   if len(canonical) == 1 and len(variant) >= 3 and variant != canonical[0])
    related_word, related = next((w, sorted(others)[0]) for w, others in sorted(vocab.related.items())
                                 if others and w in analyse(f"{w}管理混乱").words)
    queries = {
        "synonym": analyse(f"{surface[0]}工作不到位"),
        "negated": analyse("会议记录不完整"),
        "related": analyse(f"{related_word}管理混乱"),
        "long": analyse("意识形态阵地管理不严格"),
    }
    targets = {
        "surface": Target("surface", analyse(f"加强{surface[1]}建设")),  # a variant of the term as a substring
        "positive": Target("positive", analyse("确保会议记录完整")),  # 完整 answers 不完整
        "near": Target("near", analyse(f"规范{related}")),  # a near-synonym: half credit
        "pairs": Target("pairs", analyse("加强意识与形态研究")),  # most character pairs of a long word
        "context": Target("context", analyse("每季度检查一次"), analyse("会议记录和意识形态工作")),
        "nothing": Target("nothing", analyse("修订公务接待管理办法")),
    }
    credits = pair_credits(queries, targets)
    scorer = Scorer(list(queries.values()))
    for (q, t), c in credits.items():
        assert c == scorer.credits(queries[q], [targets[t]]), (q, t)
    assert pair_scores(scorer, queries, credits) == {k: scorer.share(c) for k, c in credits.items()}
    # the cases really exercise those paths (else the test above proves little)
    assert any(0 < v for v in credits[("synonym", "surface")].values())
    assert credits[("negated", "positive")].get("完整", credits[("negated", "positive")].get("不完整")) == 1.0
    assert 0.5 in credits[("related", "near")].values()
    assert any(0 < v < 1 for v in credits[("long", "pairs")].values())
    assert any(0 < v for v in credits[("negated", "context")].values())


def test_a_query_with_no_words_scores_zero_everywhere():
    queries = {"empty": analyse("，，。"), "real": analyse("公务接待费用报销审核不严")}
    targets = {"I1": Target("I1", analyse("修订公务接待管理办法，逐笔审核报销单据"))}
    scorer = Scorer(list(queries.values()))
    grid = Grid(scorer, queries, targets)
    assert grid.scores[("empty", "I1")] == 0.0
    assert_same(grid)
