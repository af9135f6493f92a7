"""Which plan items answer which notice problems — with evidence for every verdict.

Score: the share of a problem's information (IDF-weighted terms: words and character bigrams) that
an item's text contains. IDF is computed over this check's problems and items, so a word that every
row repeats (党组, 学习 in a study-heavy notice) counts for little.

Assignment uses the whole picture: an item counts for a problem only when that problem is among the
item's own best matches (within RELATIVE of its top score). So when the row answering problem k is
deleted, the rows that answer other problems do not silently take its place.

A problem that lists several distinct failings (subs) is covered only when each sub is found in the
items assigned to the problem (or, failing that, anywhere in the plan's items).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from checker.models import Evidence, Item, Plan, Problem, ProblemCoverage, Requirements, SubCoverage, Suggestion
from checker.textterms import terms

COVER = 0.24  # a problem is covered by an item scoring at least this…
UNCERTAIN = 0.16  # …and uncertain (a warning, never a silent pass) between this and COVER
RELATIVE = 0.75  # an item answers the problems scoring within 75% of its best problem
SUB_COVER = 0.34  # a sub-problem needs this share of its terms in one answering item
EVIDENCE_TERMS = 6


@dataclass
class _Doc:
    key: str
    bag: Counter


def item_text(item: Item) -> str:
    return "\n".join(filter(None, [item.category or "", item.problem, item.measures, item.standard or ""]))


class Matcher:
    def __init__(self, problems: list[Problem], items: list[Item], extra_texts: dict[str, str] | None = None):
        self.problem_bags = {p.id: terms(p.text) for p in problems}
        self.item_bags = {i.id: terms(item_text(i)) for i in items}
        self.extra_bags = {k: terms(v) for k, v in (extra_texts or {}).items()}
        docs = list(self.problem_bags.values()) + list(self.item_bags.values()) + list(self.extra_bags.values())
        df: Counter = Counter()
        for bag in docs:
            df.update(bag.keys())
        n = len(docs)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}

    def weight(self, bag: Counter) -> float:
        return sum(self.idf.get(t, 1.0) for t in bag)

    def score(self, query: Counter, target: Counter) -> tuple[float, list[str]]:
        """Share of the query's IDF mass present in the target, and the shared words."""
        total = self.weight(query)
        if total <= 0:
            return 0.0, []
        shared = [t for t in query if t in target]
        mass = sum(self.idf.get(t, 1.0) for t in shared)
        words = sorted((t for t in shared if not t.startswith("~")), key=lambda t: -self.idf.get(t, 0))
        return mass / total, words[:EVIDENCE_TERMS]


def match_problems(req: Requirements, plan: Plan) -> dict[str, ProblemCoverage]:
    m = Matcher(req.problems, plan.items)
    scores: dict[tuple[str, str], tuple[float, list[str]]] = {}
    for p in req.problems:
        for i in plan.items:
            scores[(p.id, i.id)] = m.score(m.problem_bags[p.id], m.item_bags[i.id])
    # each item's own best problems
    answers: dict[str, set[str]] = {}
    for i in plan.items:
        best = max((scores[(p.id, i.id)][0] for p in req.problems), default=0.0)
        answers[i.id] = {p.id for p in req.problems if best > 0 and scores[(p.id, i.id)][0] >= RELATIVE * best}
    result: dict[str, ProblemCoverage] = {}
    for p in req.problems:
        ranked = sorted(plan.items, key=lambda i: -scores[(p.id, i.id)][0])
        assigned = [i for i in ranked if p.id in answers[i.id] and scores[(p.id, i.id)][0] >= UNCERTAIN]
        evidence = [Evidence(item=i.id, score=round(scores[(p.id, i.id)][0], 3), terms=scores[(p.id, i.id)][1])
                    for i in (assigned or ranked[:1])]
        best_assigned = scores[(p.id, assigned[0].id)][0] if assigned else 0.0
        covered = best_assigned >= COVER
        uncertain = not covered and best_assigned >= UNCERTAIN
        subs = _match_subs(m, p, assigned if covered else [], plan.items) if p.subs else []
        if covered and subs and not all(s.covered for s in subs):
            covered = False
        result[p.id] = ProblemCoverage(problem=p.id, covered=covered, uncertain=uncertain,
                                       evidence=evidence[:5], subs=subs)
    return result


def _match_subs(m: Matcher, problem: Problem, assigned: list[Item], items: list[Item]) -> list[SubCoverage]:
    out = []
    for sub in problem.subs:
        bag = terms(sub)
        if not bag:
            out.append(SubCoverage(text=sub, covered=True))
            continue
        best: tuple[float, list[str], Item | None] = (0.0, [], None)
        for pool in (assigned, items):  # the problem's own items first
            for i in pool:
                s, words = m.score(bag, m.item_bags[i.id])
                if s > best[0]:
                    best = (s, words, i)
            if best[0] >= SUB_COVER:
                break
        evidence = [Evidence(item=best[2].id, score=round(best[0], 3), terms=best[1])] if best[2] else []
        out.append(SubCoverage(text=sub, covered=best[0] >= SUB_COVER, evidence=evidence))
    return out


def match_suggestions(req: Requirements, plan: Plan) -> dict[str, ProblemCoverage]:
    """A suggestion is taken up when some item or plan paragraph carries enough of it."""
    paragraphs = {f"B{n}": b.text for n, b in enumerate(plan.document.body_blocks(), 1) if len(b.text) >= 8}
    m = Matcher([Problem(id=s.id, text=s.text, location=s.location) for s in req.suggestions], plan.items, paragraphs)
    out: dict[str, ProblemCoverage] = {}
    for s in req.suggestions:
        bag = terms(s.text)
        candidates = [(i.id, *m.score(bag, m.item_bags[i.id])) for i in plan.items]
        candidates += [(k, *m.score(bag, b)) for k, b in m.extra_bags.items()]
        candidates.sort(key=lambda c: -c[1])
        top = candidates[:3]
        best = top[0][1] if top else 0.0
        out[s.id] = ProblemCoverage(
            problem=s.id, covered=best >= COVER, uncertain=UNCERTAIN <= best < COVER,
            evidence=[Evidence(item=k, score=round(sc, 3), terms=w) for k, sc, w in top if sc > 0],
        )
    return out


def ranked_candidates(req: Requirements, plan: Plan, problem_id: str, limit: int = 8) -> list[Evidence]:
    """For --explain: every item's score against one problem, best first."""
    m = Matcher(req.problems, plan.items)
    bag = m.problem_bags[problem_id]
    scored = [Evidence(item=i.id, score=round(s, 3), terms=w) for i in plan.items for s, w in [m.score(bag, m.item_bags[i.id])]]
    return sorted(scored, key=lambda e: -e.score)[:limit]
