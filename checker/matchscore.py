"""How much of one text (a problem, a sub-problem, a suggestion) another text carries.

The score of a query against a target is the weighted share of the query's words that the target
carries. A word counts fully when the target's own text has it — as a word, in any synonym's form,
as a substring where jieba cut it differently, or, for a negated description (不完整), its positive
(完整); half when only the target's context (the category heading above an item) has it, or only a
near-synonym (人才 ~ 人员); partly when at least half the character pairs of a long word are there. Weights: IDF over the check's
texts (a word every row repeats counts for little) × DOMAIN_BOOST for terms of the domain
dictionary (what a problem is about: 三重一大, 公务接待) × WEAK_FACTOR for weak words (how it fails:
老化, 繁琐, 不完整; numbers).

`Grid` scores a set of queries against a set of targets once, and says which queries each target
answers: its best ones, and any other it answers in its own right (most of what sets that query
apart from the target's best one is there) — the assignment step that uses the whole picture.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from checker.textterms import Terms, is_domain_term, is_weak, positive, vocabulary

CONTEXT_CREDIT = 0.5  # a word found only in the target's context (category heading)
PARTIAL_CREDIT = 0.6  # a long word of which at least half the character pairs are found
RELATED_CREDIT = 0.5  # a near-synonym (checker/data/related.txt: 人才 ~ 人员)
DOMAIN_BOOST = 1.5
WEAK_FACTOR = 0.25
OWN_MIN = 0.3  # a query needs this share of its weight in words of its own to be told apart
EVIDENCE_TERMS = 6


@dataclass(frozen=True)
class Target:
    """A text to match against (an item, one line of an item, a plan paragraph) and its context."""

    key: str
    own: Terms
    context: Terms | None = None


def found(word: str, terms: Terms) -> float:
    """1 when the text has the word (any form), PARTIAL_CREDIT × share of its character pairs
    when it has most of them (long words only), else 0."""
    if word in terms.word_set:
        return 1.0
    word = positive(word)  # 不完整 is answered by 完整
    if word in terms.word_set:
        return 1.0
    for form in vocabulary().surfaces(word):
        if form in terms.text:
            return 1.0
    best = 0.0
    if len(word) >= 4:
        pairs = [word[i : i + 2] for i in range(len(word) - 1)]
        share = sum(1 for p in pairs if p in terms.text) / len(pairs)
        if share >= 0.5:
            best = PARTIAL_CREDIT * share
    if any(r in terms.text for r in vocabulary().related.get(word, ())):
        best = max(best, RELATED_CREDIT)
    return best


def credit(word: str, target: Target) -> float:
    own = found(word, target.own)
    if own >= 1.0 or target.context is None:
        return own
    return max(own, CONTEXT_CREDIT * found(word, target.context))


def pair_credits(queries: dict[str, Terms], targets: dict[str, Target]) -> dict[tuple[str, str], dict[str, float]]:
    """{(query, target): {word: credit}} for every pair — what `Scorer.credits(query, [target])`
    gives, with credit() computed only where it can be above 0: for each distinct query word, on
    the targets that have it as a word or share a character (pair) with one of its forms (see
    `_CharIndex`). A big plan is then not every word searched in every row."""
    index = _CharIndex(targets)
    found_in: dict[str, dict[str, float]] = {key: {} for key in targets}
    for word in {w for q in queries.values() for w in q.words}:
        for key in index.candidates(word):
            value = credit(word, targets[key])
            if value:
                found_in[key][word] = value
    return {(q, t): {w: found_in[t].get(w, 0.0) for w in terms.words} for q, terms in queries.items() for t in targets}


def pair_scores(scorer: Scorer, queries: dict[str, Terms], credits: dict[tuple[str, str], dict[str, float]]
                ) -> dict[tuple[str, str], float]:
    """`scorer.share(c)` of every pair, each query's total weight summed once and the words a target
    does not carry skipped (adding 0.0 changes no sum, so the values are the same to the last bit)."""
    totals = {q: sum(scorer.weight(w) for w in terms.words) for q, terms in queries.items()}
    weight = scorer.weight
    return {(q, t): sum(v * weight(w) for w, v in c.items() if v) / totals[q] if totals[q] > 0 else 0.0
            for (q, t), c in credits.items()}


class _CharIndex:
    """The targets' words and character pairs (of their own text and their context), target keys by
    each. found() is above 0 only when the text has the word (or its positive) as a word, has one of
    its forms or near-synonyms as a substring — so that form's first pair — or has one of the
    pairs of a long word: a target that has none of these keys cannot carry the word. A new way for
    found() to credit a word needs its key here (tests/test_match_index.py compares the grid with
    scoring every pair on every labelled case)."""

    def __init__(self, targets: dict[str, Target]):
        self.by_key: dict[str, set[str]] = {}
        for key, target in targets.items():
            for terms in (target.own, target.context):
                if terms is None:
                    continue
                text = terms.text
                for k in {*terms.words, *text, *(text[i : i + 2] for i in range(len(text) - 1))}:
                    self.by_key.setdefault(k, set()).add(key)
        self.everything = set(targets)

    def candidates(self, word: str) -> set[str]:
        base = positive(word)
        forms = {*vocabulary().surfaces(base), *vocabulary().related.get(base, ())}
        if "" in forms:  # an empty near-synonym is in every text
            return self.everything
        keys = {word, base, *(f[:2] for f in forms)}
        if len(base) >= 4:
            keys.update(base[i : i + 2] for i in range(len(base) - 1))
        out: set[str] = set()
        for k in keys:
            out |= self.by_key.get(k, set())
        return out


class Scorer:
    """Term weights for one check (IDF over its texts) and the score of a query against targets."""

    def __init__(self, documents: list[Terms], factors: dict[str, float] | None = None):
        df: Counter = Counter()
        for doc in documents:
            df.update(doc.word_set)
        n = len(documents)
        self._idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self._default_idf = math.log((n + 1) / 0.5)
        self._factors = factors or {}
        self._weights: dict[str, float] = {}  # computed once per word: share() asks for each pair

    def weight(self, word: str) -> float:
        w = self._weights.get(word)
        if w is None:
            w = self._idf.get(word, self._default_idf) * self._factors.get(word, 1.0)
            if is_domain_term(word):
                w *= DOMAIN_BOOST
            if is_weak(word):
                w *= WEAK_FACTOR
            self._weights[word] = w
        return w

    def focused(self, siblings: list[Terms]) -> Scorer:
        """The same weights, with the words that several sibling texts share (the sub-problems of one
        problem: 学习 in 学习针对性不强 / 学习重数量轻质量) counting less: what tells a sibling apart
        is what an answer to it must carry."""
        df: Counter = Counter()
        for doc in siblings:
            df.update(doc.word_set)
        n = len(siblings)
        full = math.log((n + 1) / 1.5)
        clone = Scorer.__new__(Scorer)
        clone._idf, clone._default_idf = self._idf, self._default_idf
        clone._factors = {w: math.log((n + 1) / (c + 0.5)) / full for w, c in df.items() if c > 1} if full > 0 else {}
        clone._weights = {}
        return clone

    def credits(self, query: Terms, targets: list[Target]) -> dict[str, float]:
        """How much of each query word the targets (taken together) carry, 0–1."""
        return {w: max((credit(w, t) for t in targets), default=0.0) for w in query.words}

    def share(self, credits: dict[str, float], among: set[str] | None = None) -> float:
        """The weighted share of the words (all, or those `among`) that is carried."""
        words = [w for w in credits if among is None or w in among]
        total = sum(self.weight(w) for w in words)
        return sum(credits[w] * self.weight(w) for w in words) / total if total > 0 else 0.0

    def shared_terms(self, credits: dict[str, float]) -> list[str]:
        """The words carried, heaviest first (the evidence a reviewer reads)."""
        shared = sorted((w for w, c in credits.items() if c > 0), key=lambda w: -credits[w] * self.weight(w))
        return shared[:EVIDENCE_TERMS]

    def score(self, query: Terms, targets: list[Target]) -> tuple[float, list[str]]:
        """Share of the query's weight found in the targets taken together, and the shared words."""
        if not targets:
            return 0.0, []
        credits = self.credits(query, targets)
        return self.share(credits), self.shared_terms(credits)


class Grid:
    """Queries × targets, scored once; which queries each target answers."""

    def __init__(self, scorer: Scorer, queries: dict[str, Terms], targets: dict[str, Target]):
        self.scorer = scorer
        self.queries = queries
        self.targets = targets
        self.credits = pair_credits(queries, targets)
        self.scores = pair_scores(scorer, queries, self.credits)

    def without(self, gone: set[str]) -> Grid:
        """The same grid with some targets removed (scores of the others do not depend on them)."""
        clone = Grid.__new__(Grid)
        clone.scorer, clone.queries = self.scorer, self.queries
        clone.targets = {k: t for k, t in self.targets.items() if k not in gone}
        clone.credits = {k: c for k, c in self.credits.items() if k[1] not in gone}
        clone.scores = {k: v for k, v in self.scores.items() if k[1] not in gone}
        return clone

    def terms(self, query: str, target: str) -> list[str]:
        return self.scorer.shared_terms(self.credits[(query, target)])

    def answered_by(self, target: str, floor: float, relative: float, residual: float) -> list[str]:
        """The queries this target answers: those within `relative` of its best score, and any other
        carrying at least `residual` of its own words (those the best query does not have); never
        below `floor`."""
        row = {q: self.scores[(q, target)] for q in self.queries}
        if not row:
            return []
        top = max(row, key=lambda q: row[q])
        return [q for q, s in row.items()
                if s >= floor and (s >= relative * row[top] or self.residual(q, top, target) >= residual)]

    def residual(self, query: str, other: str, target: str) -> float:
        """The share of the query's own words (those `other` does not have) that the target carries;
        0 when the query has little of its own."""
        own = set(self.queries[query].words) - set(self.queries[other].words)
        credits = self.credits[(query, target)]
        own_weight = sum(self.scorer.weight(w) for w in own)
        if own_weight <= 0 or own_weight < OWN_MIN * sum(self.scorer.weight(w) for w in credits):
            return 0.0
        return self.scorer.share(credits, own)

    def assignment(self, floor: float, relative: float, residual: float) -> dict[str, list[str]]:
        """query → the targets answering it, best first."""
        assigned: dict[str, list[str]] = {q: [] for q in self.queries}
        for t in self.targets:
            for q in self.answered_by(t, floor, relative, residual):
                assigned[q].append(t)
        return {q: sorted(ts, key=lambda t: -self.scores[(q, t)]) for q, ts in assigned.items()}
