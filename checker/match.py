"""Which plan items answer which notice problems — with evidence for every verdict.

Scores come from checker.matchscore (the weighted share of a problem's words an item carries).
Assignment uses the whole picture: an item answers the problems it scores best on (within
`relative` of its best), plus any other whose own words it mostly carries (one row answering two
problems) — so a row is not counted for a problem another problem explains better: when the row
answering problem k is deleted, the rows answering other problems do not silently take its place,
and a near-miss row (党支部会议记录 for 党组会议记录) does not answer where the notice has both.

A problem is then scored against all its items together (one problem may need several rows): it
is covered from `cover`, and uncertain — a warning for a person to confirm, never a silent pass —
from `uncertain` up to `cover` when every sub-problem is answered (an unanswered sub is a gap).
A problem whose clause lists several failings (sub-problems) is covered only when each is
answered: the lines of its items (the problem column's clauses, each measure, the completion
standard) are assigned to the sub-problems the same way items are assigned to problems, and each
sub needs `sub_cover` of its words in its own lines — the words it shares with its sibling
sub-problems (学习 in 学习针对性不强 / 学习重数量轻质量) counting less. A sub that is a broad
judgement (基层统计基础薄弱) is answered when the detail that follows it is. A sub with evidence of
its own below `sub_cover` (from `sub_uncertain`) makes the problem uncertain, not a gap: on the blind
held-out sets answered subs often scored there and unanswered ones almost never. A row another
problem claims joins a problem for a sub nothing else answers when it answers that sub clearly and
better than its own problem's.

Weights come from the notice alone, so each item's scores do not depend on the other items: the
verdict on a problem changes only when one of its own rows changes. The numbers are `Thresholds`:
`python benchmarks/accuracy.py --cases fixtures/matching/cases.yaml --calibrate` searches them on
each half of the labelled cases and reports both halves; the defaults are the values the two folds
support (fold 1 prefers a lower sub_cover, which misses a held-out gap).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from checker.matchscore import Grid, Scorer, Target
from checker.models import Evidence, Item, Plan, Problem, ProblemCoverage, Requirements, SubCoverage
from checker.notice.subproblems import opens_with_summary
from checker.quality import char_pairs
from checker.textterms import analyse, compact, is_broad_judgement


@dataclass(frozen=True)
class Thresholds:
    cover: float = 0.30  # a problem is covered when its items together carry this share of it…
    uncertain: float = 0.20  # …and uncertain (a warning, never a silent pass) from here up to cover
    sub_cover: float = 0.30  # each sub-problem needs this share of it in the lines assigned to it…
    sub_uncertain: float = 0.20  # …and from here it is uncertain (the problem a warning, not a gap)
    floor: float = 0.12  # below this an item (a line) does not answer a problem (a sub) at all
    relative: float = 0.75  # an item answers the problems within 75% of its best problem's score…
    residual: float = 0.5  # …and those with this share of their own words (not its best one's)
    line_relative: float = 0.75  # the same for a line of an item and the sub-problems
    line_residual: float = 0.3


DEFAULT = Thresholds()
# a row another problem claims joins this one for a sub-problem only with a clear answer to it: a
# short sub (党组会议记录不完整) is half carried by its subject alone (党组, in any 党组 row)
CLAIMED_ROW_SUB = 0.5
# a doubtful sub needs this share of its weight in words of its own (on the labelled sets the
# unanswered subs with a doubt had 0.00–0.10, the answered ones 0.18–0.29, one unanswered 0.25)
OWN_EVIDENCE = 0.15
COVER, UNCERTAIN = DEFAULT.cover, DEFAULT.uncertain

_CLAUSE = re.compile(r"[，,；;。！？!?\n]+")
_SENTENCE = re.compile(r"[；;。！？!?\n]+|(?<![\d.])(?=\d{1,2}[.、．](?!\d))|(?=[（(]\d{1,2}[)）])")


def item_target(item: Item) -> Target:
    own = "\n".join(filter(None, [item.problem, item.measures, item.standard or ""]))
    return Target(item.id, analyse(own), analyse(item.category) if item.category else None)


def item_lines(item: Item, own_problem_cell: bool = True) -> list[Target]:
    """The item cut where a reviewer reads one statement: the problem column at each clause, the
    measures and the standard at each sentence or numbered measure. A problem cell merged over
    several rows (own_problem_cell=False) is left out: it names the failings all those rows answer
    between them, so it cannot show that this row answers any one of them."""
    problem = cell_lines(item.problem) if own_problem_cell else []
    pieces = problem + _SENTENCE.split(item.measures) + _SENTENCE.split(item.standard or "")
    context = analyse(item.category) if item.category else None
    lines = [p.strip() for p in pieces if len(p.strip()) >= 2]
    return [Target(f"{item.id}#{n}", analyse(line), context) for n, line in enumerate(lines, 1)]


def cell_lines(cell: str) -> list[str]:
    """The problem cell's clauses, as item_lines takes them (they come first among its lines)."""
    return [p.strip() for p in _CLAUSE.split(cell) if len(p.strip()) >= 2]


def quotes_notice(cell: str, notice_texts: list[tuple[int, frozenset[str]]]) -> bool:
    """Is the problem cell the notice's problem copied out, failings and all (a 台账 that pastes the
    反馈问题 into its first column)? Then it says which problem the row is for, not that the row
    answers each of its failings: the measures must (hongshihui-tables-subgap: the pasted cell named
    发展党员, no measure did). A cell of the summary alone, or in the unit's own words, still counts.
    `notice_texts`: each problem's compact length and character pairs, computed once per check."""
    own = compact(cell)
    if len(own) < 20:
        return False
    pairs = char_pairs(own)
    return any(len(pairs & theirs) >= 0.9 * len(pairs) and len(own) >= 0.6 * length for length, theirs in notice_texts)


# some of the cases (部分股室负责人…), and a number how far short (仅完成…5个, 不足三成)
_SOME = r"(?:部分|个别|有的|少数|一些)"
_A_NUMBER = r"[^，,；;。\d]{0,10}?[\d一二两三四五六七八九十半]"
# the instance of a failing: 部分股室负责人… / 该中心对外合作演出收入… / 培训后实现就业的不足三成. Not a
# clause that merely opens with a number (5个行业商会未建立党组织): that is a failing of its own
_INSTANCE = re.compile(rf"^(?:{_SOME}|该|其)|(?:仅|不足|不到|只有|超过|低于){_A_NUMBER}")


# a counted case: 2名党员长期未按规定缴纳党费 after 党员教育管理不严; 2026年有3.6万元活动经费… after
# 活动经费使用审核不严
_COUNTED = re.compile(r"^(?:\d{4}年(?:以来|度)?[，,]?(?:共有|有|共|对|向|在)?)?[\d一二两三四五六七八九十.]+\s*"
                      r"(?:万元|元|名|个|家|人|笔|项|次|起|件|户|批|台|辆|套)")
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def _after_a_comma(failing: str, clause: str, problem_text: str) -> bool:
    """Does `clause` follow the failing after a comma, in the same sentence? After "；" or "。" it
    is the next failing (…超期未换届；部分行业商会会员发展把关不严). Without the problem's text
    (a caller with the sub-problems only) the order alone is known."""
    if not problem_text:
        return True
    return any(failing + mark + clause in problem_text for mark in "，,")


def _counted_case_of(failing: str, clause: str, problem_text: str) -> bool:
    """Is `clause` a counted case of the failing just before it: it opens with a number, follows it
    after a comma, and names what the failing is about (党员教育管理不严，2名党员未缴党费)?
    "…把关不严，吸收1家失信企业入会；5个行业商会未建立党组织" is a failing of its own."""
    if not problem_text or not _COUNTED.match(clause) or not _after_a_comma(failing, clause, problem_text):
        return False
    return bool(set(_CJK_PAIR.findall(failing)) & set(_CJK_PAIR.findall(_COUNTED.sub("", clause))))


def sums_up_next(subs: list[str], problem_text: str = "") -> list[bool]:
    """For each sub-problem: is it a broad judgement followed by the detail it sums up (基层统计基础
    薄弱，部分企业统计台账不健全), or a failing followed by its instance (轮岗交流制度执行不到位，
    部分股室负责人在同一岗位任职超过10年; 党员教育管理不严，2名党员未缴党费)? Answering the
    detail then answers it too."""
    opens = opens_with_summary(subs)
    return [n + 1 < len(subs) and (is_broad_judgement(s) or (n == 0 and opens)
                                   or (_INSTANCE.search(subs[n + 1]) is not None and _after_a_comma(s, subs[n + 1], problem_text))
                                   or _counted_case_of(s, subs[n + 1], problem_text))
            for n, s in enumerate(subs)]


# how far short a failing falls (2025年仅完成入库任务的45％ / 培训后实现就业的不足三成): a measurement
# of the failing before it, not a failing of its own
_SHORTFALL = re.compile(rf"(?:仅|不足|只有|低于|不到){_A_NUMBER}[^，,；;。]*(?:%|％|成|人|次|个|家|项|件|名|篇|户|半)")


def measures_previous(subs: list[str], problem_text: str = "") -> list[bool]:
    """For each sub-problem: is it only the measure of the failing before it (入库人数连续两年下降，
    2025年仅完成入库任务的45％), or its counted case (活动经费使用审核不严，2026年有3.6万元活动经费
    用于…)? Answering that failing answers it too. A 部分…/个别… clause names cases of its own
    (个别项目未办理审批手续) and is not one; nor is a failing in a sentence or paragraph of its own
    that gives its own figure (对零售客户经营指导不够，…使用率不足30%)."""
    return [n > 0 and ((_SHORTFALL.search(s) is not None and re.match(_SOME, s) is None
                        and _after_a_comma(subs[n - 1], s, problem_text))
                       or _counted_case_of(subs[n - 1], s, problem_text))
            for n, s in enumerate(subs)]


# the example a failing is illustrated with: …不够，如新型建材产业链2026年仅引进1个配套项目
_EXAMPLE = re.compile(r"[，,](?:如|比如|例如|譬如)[，,：:]?(.{6,})$")


def _example_of(sub: str) -> str | None:
    m = _EXAMPLE.search(sub)
    return m.group(1) if m else None


class ProblemMatcher:
    """Every problem against every item, once; then the assignment and the verdicts (which can be
    taken again with other thresholds without scoring again: that is how they are calibrated)."""

    def __init__(self, problems: list[Problem], items: list[Item], actions: tuple[str, ...] | None = None):
        self.problems = problems
        self.actions = actions  # the pack's 具体动作 words: measures without one may only restate
        self.items = {i.id: i for i in items}
        queries = {p.id: analyse(p.text) for p in problems}
        targets = {i.id: item_target(i) for i in items}
        # IDF over the notice's problems only: the weights do not move when the plan changes, so
        # deleting one row cannot tip the verdict on a problem that row did not answer
        self.scorer = Scorer(list(queries.values()))
        self.grid = Grid(self.scorer, queries, targets)
        shared = Counter(i.problem.strip() for i in items if i.problem.strip())
        self._lines = {i.id: item_lines(i, shared[i.problem.strip()] <= 1) for i in items}
        # the clauses of a problem cell pasted from the notice: a sub they alone answer is a doubt
        notice_texts = [(len(text), char_pairs(text)) for text in (compact(p.text) for p in problems)]
        cells = {i.id: [t.key for t in self._lines[i.id][: len(cell_lines(i.problem))]]
                 for i in items if shared[i.problem.strip()] <= 1}
        self._quoted = {k for i, keys in cells.items() if quotes_notice(self.items[i].problem, notice_texts) for k in keys}
        # the lines of each item's own problem cell: they say which problem the row is for, not how
        self._cell_keys = {k for keys in cells.values() for k in keys}
        self._sub_grids: dict[tuple[str, tuple[str, ...]], tuple[list[str], Grid]] = {}

    def without(self, item_ids: set[str]) -> ProblemMatcher:
        """The matcher for the same plan less some items, without scoring again: the weights come
        from the notice alone, so the other items' scores are exactly what a fresh match gives."""
        clone = ProblemMatcher.__new__(ProblemMatcher)
        clone.problems, clone.scorer, clone.actions = self.problems, self.scorer, self.actions
        clone.items = {k: i for k, i in self.items.items() if k not in item_ids}
        clone.grid = self.grid.without(item_ids)
        clone._lines = {k: v for k, v in self._lines.items() if k not in item_ids}
        clone._quoted, clone._cell_keys = self._quoted, self._cell_keys
        clone._sub_grids = self._sub_grids  # keyed by the items: still valid
        return clone

    def answered_by(self, item_id: str, th: Thresholds = DEFAULT) -> list[str]:
        return self.grid.answered_by(item_id, th.floor, th.relative, th.residual)

    def assignment(self, th: Thresholds = DEFAULT) -> dict[str, list[str]]:
        """problem id → the items answering it, best first."""
        return self.grid.assignment(th.floor, th.relative, th.residual)

    def ranked(self, problem_id: str) -> list[Evidence]:
        """Every item's own score against the problem, best first (for --explain)."""
        out = [self._evidence(problem_id, k) for k in self.items]
        return sorted(out, key=lambda e: -e.score)

    def _evidence(self, problem_id: str, item_id: str) -> Evidence:
        return Evidence(item=item_id, score=round(self.grid.scores[(problem_id, item_id)], 3),
                        terms=self.grid.terms(problem_id, item_id))

    def coverage(self, th: Thresholds = DEFAULT) -> dict[str, ProblemCoverage]:
        assigned = self.assignment(th)
        for problem_id, item_id in self._recruited(assigned, th):
            assigned[problem_id] = [*assigned[problem_id], item_id]
        out = {}
        for p in self.problems:
            restated = [k for k in assigned[p.id] if self._restates(k, p)]
            kept = [k for k in assigned[p.id] if k not in restated]
            verdict = self._verdict(p, kept, th)
            # one row may answer two problems (…专业人才缺乏 in the row that answers 入额考核/轮岗): a row
            # claimed elsewhere joins for the subs it answers outright, also when nothing else answers
            if p.subs and any(not s.covered and not s.uncertain for s in verdict.subs):
                helpers = self._answering_missing_subs(p, kept, verdict, assigned, th)
                if helpers:
                    verdict = self._verdict(p, kept + helpers, th)
            if restated and not kept:  # measures that only say the problem again count as missing
                verdict = verdict.model_copy(update={
                    "evidence": [self._evidence(p.id, k) for k in restated], "restated": restated})
            out[p.id] = verdict
        return out

    def _answering_missing_subs(self, problem: Problem, kept: list[str], verdict: ProblemCoverage,
                                assigned: dict[str, list[str]], th: Thresholds) -> list[str]:
        """Rows another problem claims that answer, outright, a sub-problem nothing assigned to this
        problem answers (推行执法全过程记录 for …，执法记录仪使用率低，… while it is also closest to
        …党支部“三会一课”记录雷同): one row may answer two problems. A row joins only for a sub it
        answers at the sub-problem threshold, so a deleted answer is not silently replaced by a row
        that merely brushes it."""
        missing = {n for n, s in enumerate(verdict.subs) if not s.covered and not s.uncertain}
        by_id = {q.id: q for q in self.problems}
        out = []
        for item_id in self.items:
            # a row that answers a sub clearly shares some of the problem's words (the index finds
            # them without scoring every row: this runs for every problem with a gap)
            if item_id in kept or self.grid.scores[(problem.id, item_id)] < th.floor / 2:
                continue
            if self._restates(item_id, problem):
                continue
            _, grid = self._sub_grid(problem, [item_id])
            claims = [by_id[q] for q, ks in assigned.items() if item_id in ks and q != problem.id]
            for key in grid.targets:
                best = max(grid.queries, key=lambda u: grid.scores[(u, key)])
                score = grid.scores[(best, key)]
                # …and answers it better than what the row is already claimed for (党支部会议记录不规范
                # is about the 党支部 problem, not 党组会议记录不完整)
                if int(best[1:]) in missing and score >= CLAIMED_ROW_SUB and score > self._line_claim(key, claims):
                    out.append(item_id)
                    break
        return out

    def _line_claim(self, line_key: str, problems: list[Problem]) -> float:
        """How well one line of an item answers the problems it is assigned to: its best score on
        their sub-problems, or on the problem itself when it has none."""
        item_id = line_key.split("#")[0]
        best = 0.0
        for q in problems:
            if q.subs:
                _, grid = self._sub_grid(q, [item_id])
                best = max([best] + [grid.scores[(u, line_key)] for u in grid.queries if (u, line_key) in grid.scores])
            else:
                target = next(t for t in self._lines[item_id] if t.key == line_key)
                best = max(best, self.scorer.score(self.grid.queries[q.id], [target])[0])
        return best

    def _restates(self, item_id: str, problem: Problem) -> bool:
        """IT-MEASURE's test (checker.quality.restates_any) on the item's measures against its own
        problem column and the notice's wording of this problem."""
        from checker.quality import restates_any

        item = self.items[item_id]
        wordings = [w for w in (item.problem, problem.text) if w.strip()]
        return restates_any(item.measures, wordings, self.actions or _default_actions()) is not None

    def _recruited(self, assigned: dict[str, list[str]], th: Thresholds) -> list[tuple[str, str]]:
        """Rows that answer no problem as a whole but one of its sub-problems outright (扑救装备短缺
        for 森林防火…，扑火物资储备不足): each joins the problem whose sub-problem one of its lines
        answers best, at the sub-problem threshold. Only rows nothing else claims are recruited, so
        a row is never taken from the problem it answers."""
        taken = {k for ks in assigned.values() for k in ks}
        out = []
        for item_id in self.items:
            if item_id in taken:
                continue
            best: tuple[float, str] | None = None
            for problem in self.problems:
                if not problem.subs:
                    continue
                _, grid = self._sub_grid(problem, [item_id])
                top = max(grid.scores.values(), default=0.0)
                if top >= th.sub_cover and (best is None or top > best[0]):
                    best = (top, problem.id)
            if best:
                out.append((best[1], item_id))
        return out

    def _verdict(self, problem: Problem, item_ids: list[str], th: Thresholds) -> ProblemCoverage:
        if not item_ids:  # nothing answers it: show the closest item as evidence of the search
            closest = [e for e in self.ranked(problem.id)[:1] if e.score > 0]
            subs = [SubCoverage(text=s, covered=False) for s in problem.subs]
            return ProblemCoverage(problem=problem.id, covered=False, uncertain=False, evidence=closest, subs=subs)
        together, _ = self.scorer.score(self.grid.queries[problem.id], [self.grid.targets[k] for k in item_ids])
        subs = self._subs(problem, item_ids, th)
        missing = any(not s.covered and not s.uncertain for s in subs)
        doubtful = any(s.uncertain for s in subs)
        covered = together >= th.cover and not missing and not doubtful
        # uncertain: the answer as a whole is in the band, or a sub-problem has some evidence below
        # its threshold (blind sets: answered subs often score 0.20–0.30, unanswered ones almost
        # never); a sub-problem with no evidence is a gap
        uncertain = not missing and not covered and together >= th.uncertain
        return ProblemCoverage(problem=problem.id, covered=covered, uncertain=uncertain,
                               evidence=[self._evidence(problem.id, k) for k in item_ids], subs=subs)

    def _sub_grid(self, problem: Problem, item_ids: list[str]) -> tuple[list[str], Grid]:
        """The problem's required units × the lines of its items (cached: thresholds do not change it)."""
        key = (problem.id, tuple(item_ids))
        if key not in self._sub_grids:
            units = list(problem.subs)
            queries = {f"U{n}": analyse(u) for n, u in enumerate(units)}
            lines = {t.key: t for k in item_ids for t in self._lines[k]}
            rest = problem.text
            for sub in problem.subs:
                rest = rest.replace(sub, "")
            scorer = self.scorer.focused([analyse(s) for s in problem.subs] + [analyse(rest)])
            self._sub_grids[key] = (units, Grid(scorer, queries, lines))
        return self._sub_grids[key]

    def _only_quoted(self, grid: Grid, query, lines: list[str], th: Thresholds) -> bool:
        """Is the sub answered only by the clauses of a problem cell pasted from the notice?"""
        rest = [grid.targets[k] for k in lines if k not in self._quoted]
        if len(rest) == len(lines):
            return False
        return grid.scorer.share(grid.scorer.credits(query, rest)) < th.sub_uncertain

    @staticmethod
    def _own_share(scorer: Scorer, credits: dict[str, float], elsewhere: set[str]) -> float:
        """The share of the sub-problem's weight carried by words the rest of the problem lacks."""
        total = sum(scorer.weight(w) for w in credits)
        own = sum(c * scorer.weight(w) for w, c in credits.items() if w not in elsewhere)
        return own / total if total > 0 else 0.0

    def _elsewhere(self, problem: Problem, n: int) -> set[str]:
        """The words of the problem outside its n-th sub-problem (the other subs, the summary)."""
        rest = problem.text.replace(problem.subs[n], "")
        return set(analyse(rest).words) | {w for k, sub in enumerate(problem.subs) if k != n for w in analyse(sub).words}

    def _example_answered(self, problem: Problem, n: int, grid: Grid, lines: list[str], th: Thresholds) -> Evidence | None:
        """A failing with its example (…链式招商不够，如新型建材产业链仅引进1个配套项目) is answered by
        measures that take up the example: enough of the example's words, one of them its own (named
        nowhere else in the problem: 新型建材), in the measures — not the row's problem cell."""
        example = _example_of(problem.subs[n])
        measures = [grid.targets[k] for k in lines if k not in self._cell_keys]
        if example is None or not measures:
            return None
        query = analyse(example)
        credits = grid.scorer.credits(query, measures)
        rest = problem.text.replace(problem.subs[n], "") + problem.subs[n].replace(example, "")
        own = set(query.words) - set(analyse(rest).words)
        score = grid.scorer.share(credits)
        if score < th.sub_cover or not any(credits[w] >= 1.0 for w in own):
            return None
        return Evidence(item=lines[0].split("#")[0], score=round(score, 3), terms=grid.scorer.shared_terms(credits))

    def _subs(self, problem: Problem, item_ids: list[str], th: Thresholds) -> list[SubCoverage]:
        if not problem.subs:
            return []
        units, grid = self._sub_grid(problem, item_ids)
        assigned = grid.assignment(th.floor, th.line_relative, th.line_residual)
        out: list[SubCoverage] = []
        quoted_only: list[int] = []
        for n, text in enumerate(units):
            query = grid.queries[f"U{n}"]
            if not query.words:  # nothing to look for (a sub made of slogans only)
                out.append(SubCoverage(text=text, covered=True))
                continue
            lines = assigned[f"U{n}"]
            credits = grid.scorer.credits(query, [grid.targets[k] for k in lines])
            score, terms = (grid.scorer.share(credits), grid.scorer.shared_terms(credits)) if lines else (0.0, [])
            evidence = [Evidence(item=lines[0].split("#")[0], score=round(score, 3), terms=terms)] if lines and score > 0 else []
            # evidence for a doubt must be the sub's own: words the rest of the problem also has (河道
            # in 部分河道巡河记录不实 / 河道“清四乱”…) are found in the rows answering the rest
            own = self._own_share(grid.scorer, credits, self._elsewhere(problem, n))
            covered = score >= th.sub_cover
            if not covered and lines:
                by_example = self._example_answered(problem, n, grid, lines, th)
                if by_example is not None:
                    covered, score, evidence = True, by_example.score, [by_example]
            uncertain = th.sub_uncertain <= score < th.sub_cover and own >= OWN_EVIDENCE
            if covered and self._only_quoted(grid, query, lines, th):
                quoted_only.append(n)
            out.append(SubCoverage(text=text, covered=covered, uncertain=uncertain, evidence=evidence))
        # a row that pastes the notice's problem and answers some of its failings in its measures but
        # not this one (发展党员 pasted, no measure on it): only the pasted text says it, a person
        # confirms. When the measures answer none (empty, pasted from another row), IT-MEASURE or
        # IT-DUPLICATE says what is wrong with the row.
        if quoted_only and len(quoted_only) < sum(s.covered for s in out):
            for n in quoted_only:
                out[n] = out[n].model_copy(update={"covered": False, "uncertain": True})
        for n, sums_up in reversed(list(enumerate(sums_up_next(units, problem.text)))):
            if sums_up and not out[n].covered and (out[n + 1].covered or out[n + 1].uncertain):
                out[n] = out[n + 1].model_copy(update={"text": units[n]})
        for n, measured in enumerate(measures_previous(units, problem.text)):
            if measured and not out[n].covered and (out[n - 1].covered or out[n - 1].uncertain):
                out[n] = out[n - 1].model_copy(update={"text": units[n]})
        return out


@cache
def _default_actions() -> tuple[str, ...]:
    """The default pack's 具体动作 words, when the caller gives none (tests, benchmarks)."""
    from checker.dsl.loader import load_pack

    return tuple(load_pack("xuncha").concepts["具体动作"].terms)


def match_problems(req: Requirements, plan: Plan, actions: tuple[str, ...] | None = None) -> dict[str, ProblemCoverage]:
    return ProblemMatcher(req.problems, plan.items, actions).coverage()


def match_suggestions(req: Requirements, plan: Plan) -> dict[str, ProblemCoverage]:
    """A suggestion is taken up when some item or plan paragraph carries enough of it."""
    paragraphs = [Target(f"B{n}", analyse(b.text)) for n, b in enumerate(plan.document.body_blocks(), 1)
                  if len(b.text) >= 8]
    targets = [item_target(i) for i in plan.items] + paragraphs
    queries = {s.id: analyse(s.text) for s in req.suggestions}
    scorer = Scorer(list(queries.values()) + [t.own for t in targets])
    out: dict[str, ProblemCoverage] = {}
    by_key = {t.key: t for t in targets}
    for s in req.suggestions:
        candidates = sorted(((t.key, *scorer.score(queries[s.id], [t])) for t in targets), key=lambda c: -c[1])[:3]
        # a suggestion names several things (坚持…为指导，把稳就业摆在突出位置，兜牢民生底线): a plan takes
        # it up across its aims paragraph and a measure or two, so its best few places count together
        best, _ = scorer.score(queries[s.id], [by_key[k] for k, sc, _ in candidates if sc > 0])
        out[s.id] = ProblemCoverage(
            problem=s.id, covered=best >= COVER, uncertain=UNCERTAIN <= best < COVER,
            evidence=[Evidence(item=k, score=round(sc, 3), terms=w) for k, sc, w in candidates if sc > 0],
        )
    return out


def ranked_candidates(req: Requirements, plan: Plan, problem_id: str, limit: int = 8) -> list[Evidence]:
    """For --explain: every item's score against one problem, best first."""
    return ProblemMatcher(req.problems, plan.items).ranked(problem_id)[:limit]
