"""`X mentions C [with D] [within P after feedback]`: where a concept is stated, and whether the
statement carries an acceptable time.

Concepts are matched on normalised text (not on tokens), so 专题民主生活会 and 民主生活会 both count,
whatever a segmenter would make of them. The unit of a timed statement is the sentence: a date in
another sentence of the same paragraph belongs to something else. `with D` asks for D in the
paragraph (table cell) of the statement; `all of A, B with D` asks it of A's and of B's statement.
"""

from __future__ import annotations

import re
from dataclasses import replace

from checker.context import AppliedParam, CheckContext, Outcome
from checker.dsl.ast import Mentions
from checker.models import Block

_SENTENCE_END = re.compile(r"(?<=[。；;！？!?\n])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _first_term(text: str, terms: tuple[str, ...]) -> str | None:
    return next((t for t in terms if t in text), None)


def _text_of(ctx: CheckContext, subject: str, current) -> list[tuple[str, Block | None]]:
    if subject == "plan":
        return [(b.text, b) for b in ctx.plan.document.blocks]
    if subject == "notice":
        return [(ctx.requirements.text, None)]
    if subject == "item":
        return [(" ".join(filter(None, [current.category, current.problem, current.measures, current.standard])), None)]
    return [(current.text, None)]


def evaluate_mentions(ctx: CheckContext, expr: Mentions, current=None) -> Outcome:
    texts = _text_of(ctx, expr.subject, current)
    found: dict[str, tuple[str, Block | None]] = {}
    for name in expr.concepts:
        for text, block in texts:
            if _first_term(text, ctx.concepts[name]):
                found[name] = (text, block)
                break
    missing = [c for c in expr.concepts if c not in found]
    if expr.require_all and missing or not found:
        names = "、".join(missing or expr.concepts)
        return Outcome(False, f"未提及{names}", f"no mention of {names}")
    if expr.with_concept is None and expr.within_param is None:
        text, block = next(iter(found.values()))
        return Outcome(True, location=block.location if block else None, snippet=text[:60])
    if expr.require_all and len(expr.concepts) > 1:
        # `all of A, B with D`: each of them needs a statement of its own that carries D
        outcome = Outcome(False)
        for concept in expr.concepts:
            outcome = _qualified(ctx, replace(expr, concepts=(concept,), require_all=False), texts)
            if not outcome.value:
                return outcome
        return outcome
    return _qualified(ctx, expr, texts)


def _qualified(ctx: CheckContext, expr: Mentions, texts) -> Outcome:
    """Every statement naming the concept is tried; the first one that satisfies `with` and
    `within` passes. Otherwise the most telling failure is reported."""
    failures: list[tuple[int, Outcome]] = []  # (how close it came, outcome)
    undecided: Outcome | None = None
    terms = tuple(t for c in expr.concepts for t in ctx.concepts[c])
    for text, block in texts:
        if not _first_term(text, terms):
            continue
        location = block.location if block else None
        for sentence in sentences(text):
            if not _first_term(sentence, terms):
                continue
            snippet = sentence.strip()[:80]
            if expr.with_concept and not _first_term(text, ctx.concepts[expr.with_concept]):
                failures.append((1, Outcome(False, f"提及{expr.concepts[0]}但未写明{expr.with_concept}（{_where(block)}）",
                                            f"mentions {expr.concepts[0]} but not {expr.with_concept} in the same "
                                            "paragraph", location, snippet)))
                continue
            if expr.within_param is None:
                return Outcome(True, location=location, snippet=snippet)
            verdict = _timed(ctx, ctx.params[expr.within_param], sentence)
            if verdict.value:
                return Outcome(True, verdict.why, verdict.why_en, location, snippet)
            if verdict.value is None:
                undecided = Outcome(None, verdict.why, verdict.why_en, location, snippet)
                continue
            rank = 3 if "晚于" in verdict.why else 2
            failures.append((rank, Outcome(False, f"{verdict.why}（{_where(block)}）", verdict.why_en, location, snippet)))
    if undecided is not None and not any(rank == 3 for rank, _ in failures):
        return undecided
    if failures:
        return max(failures, key=lambda f: f[0])[1]
    names = "、".join(expr.concepts)
    return Outcome(False, f"未提及{names}", f"no mention of {names}")


def _where(block: Block | None) -> str:
    return block.location.describe() if block else ""


def _timed(ctx: CheckContext, applied: AppliedParam, sentence: str) -> Outcome:
    from checker.timecalc import add_duration, duration_fits
    from checker.timeexpr import find_time_mentions

    mentions = find_time_mentions(sentence, ctx.feedback_date)
    if not mentions:
        return Outcome(False, "已提及但未写明时间", "mentioned without a time")
    limit_date = add_duration(ctx.feedback_date, applied.value, ctx.calendar) if ctx.feedback_date else None
    late: list[str] = []
    for m in mentions:
        if m.duration is not None and duration_fits(m.duration, applied.value, ctx.feedback_date, ctx.calendar):
            return Outcome(True, f"时间“{m.text}”符合要求", f"time '{m.text}' is within the limit")
        if m.date is not None:
            if limit_date is None:
                return Outcome(None, "反馈日期未知，无法核对时间", "feedback date unknown")
            if ctx.feedback_date <= m.date <= limit_date:
                return Outcome(True, f"时间“{m.text}”（{m.date}）符合要求", f"time '{m.text}' is within the limit")
            if m.date < ctx.feedback_date:
                late.append(f"“{m.text}”早于反馈日期{ctx.feedback_date}")
            else:
                late.append(f"“{m.text}”（{m.date}）晚于期限{limit_date}")
        elif m.duration is not None:
            late.append(f"“{m.text}”晚于期限{applied.value.describe()}")
    if late:
        return Outcome(False, "时间" + "；".join(late), "time is later than the limit: " + "; ".join(late))
    return Outcome(False, "已提及但未写明时间", "mentioned without a time")

