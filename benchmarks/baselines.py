"""Two simple matchers to compare plancheck's with (benchmarks/accuracy.py runs them side by side).

Both work on what plancheck extracted (the same problems, sub-problems and items), so the comparison
isolates the matching. Both use the same coverage rule as plancheck: a problem is covered when an
item matches it and, if its clause lists several failings, every sub-problem is matched by some item.

(a) `SubstringBaseline` — exact substring of the problem's key phrase. The key phrase of a text is
    its longest run of consecutive content words (jieba tokens that are not slogan/function words
    of checker/data/stopwords.txt, nor punctuation), joined; e.g. “三重一大”事项未经集体研究 →
    三重一大事项. An item matches when its text (problem column, measures, standard; without
    punctuation) contains the key phrase. Best item: the first that does.
(b) `FuzzyBaseline` — rapidfuzz `fuzz.partial_ratio` (best alignment of the shorter text inside the
    longer, 0–100) between the text and each item's text; a match at `threshold` or above. Best
    item: the highest ratio. The threshold is chosen on the same data (`best_threshold`), which
    flatters this baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.models import Item, Problem
from checker.textterms import _tokenizer, compact, stopwords

_CONTENT = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def key_phrase(text: str) -> str:
    """The longest run of consecutive content words of the text (ties: the first)."""
    stop = stopwords()
    best: list[str] = []
    run: list[str] = []
    for token in _tokenizer().lcut(text):
        if _CONTENT.search(token) and token not in stop and not token.isdigit():
            run.append(token)
            if len("".join(run)) > len("".join(best)):
                best = list(run)
        else:
            run = []
    return "".join(best)


def item_text(item: Item) -> str:
    return compact("".join(filter(None, [item.problem, item.measures, item.standard or ""])))


@dataclass
class Verdict:
    covered: bool
    best_item: str | None  # the item the baseline would show as the answer


class SubstringBaseline:
    name = "substring"

    def __init__(self, items: list[Item]):
        self.items = [(i.id, item_text(i)) for i in items]

    def _first(self, text: str) -> str | None:
        phrase = compact(key_phrase(text))
        if not phrase:
            return None
        return next((key for key, body in self.items if phrase in body), None)

    def judge(self, problem: Problem) -> Verdict:
        best = self._first(problem.text)
        subs_ok = all(self._first(s) is not None for s in problem.subs)
        return Verdict(best is not None and subs_ok, best)


class FuzzyBaseline:
    name = "rapidfuzz"

    def __init__(self, items: list[Item], threshold: float):
        self.items = [(i.id, item_text(i)) for i in items]
        self.threshold = threshold
        self._seen: dict[str, tuple[str | None, float]] = {}  # the threshold sweep asks again and again

    def _best(self, text: str) -> tuple[str | None, float]:
        if text not in self._seen:
            from rapidfuzz import fuzz

            query = compact(text)
            scored = [(fuzz.partial_ratio(query, body), key) for key, body in self.items if body]
            if not scored or not query:
                self._seen[text] = (None, 0.0)
            else:
                score, key = max(scored, key=lambda s: s[0])
                self._seen[text] = (key, score)
        return self._seen[text]

    def judge(self, problem: Problem) -> Verdict:
        best, score = self._best(problem.text)
        subs_ok = all(self._best(s)[1] >= self.threshold for s in problem.subs)
        return Verdict(score >= self.threshold and subs_ok, best)


FUZZY_THRESHOLDS = tuple(range(30, 100, 5))
