"""The notice analyser: a read 反馈意见 (Document) → Requirements.

    analyse_notice(doc, feedback_date=None)       problems, suggestions, demands, unit, group, date;
                                                  ExtractionError when the notice lists no problem
    extract_requirements(doc, feedback_date=None) the same, never raising on zero problems
                                                  (what `plancheck extract` shows)
    requirements_to_json(req) / requirements_from_json(data, path)
                                                  the extract JSON (schema_version 1), which a
                                                  reviewer may correct by hand and pass to --against

All locations point into Requirements.text, the blocks' texts joined with "\\n" (see
checker.notice.text). The parts live in checker/notice/: outline, problems, suggestions, demands,
metadata, jsonio.
"""

from __future__ import annotations

import re
from datetime import date

from checker.errors import ExtractionError
from checker.models import Demand, Document, Problem, Requirements, Suggestion
from checker.notice.clauses import sentences
from checker.notice.demands import find_demands
from checker.notice.jsonio import requirements_from_json, requirements_to_json
from checker.notice.metadata import find_feedback_date, find_inspector, find_unit
from checker.notice.outline import build_outline
from checker.notice.problems import ProblemFinder
from checker.notice.sections import is_unit_statement
from checker.notice.suggestions import SuggestionFinder
from checker.notice.text import NoticeText

__all__ = ["analyse_notice", "extract_requirements", "requirements_to_json", "requirements_from_json"]

# A speech to a whole round of inspected units (对*个单位开展了巡察, 各巡察组): its "有的单位…"
# observations are nobody's problems in particular.
_MULTI_UNIT = re.compile(
    r"对\s*[\d\*一二三四五六七八九十几多]+\s*(?:个|家)[^。；;]{0,40}?(?:单位|部门|党组织|企业|学校|乡镇|街道)"
    r"|各巡[察视]组|[\d\*一二三四五六七八九十]+\s*个巡[察视]组"
)
_PLACEHOLDER = re.compile(r"\*")
_FIX_HINT = "请确认文件是巡察反馈意见，或用 plancheck extract 检查并手工修正后以 JSON 传入 --against"
_FIX_HINT_EN = ("check that the file is an inspection feedback notice, or run `plancheck extract`, "
                "correct its JSON by hand and pass that to --against")


def extract_requirements(doc: Document, *, feedback_date: date | None = None) -> Requirements:
    notice = NoticeText(doc)
    text = notice.text
    statement_lines = [line for line in notice.lines if is_unit_statement(line.text_in(text))]
    skip = {line.start for line in statement_lines}
    outline = build_outline(notice)

    found_problems = ProblemFinder(text, skip_lines=skip, multi_unit=bool(_MULTI_UNIT.search(text))).run(outline)
    problems = [
        Problem(id=f"P{n}", text=text[p.start : p.end], subs=p.subs, category=p.category,
                location=notice.locate(p.start, p.end))
        for n, p in enumerate(found_problems, 1)
    ]
    suggestions = [
        Suggestion(id=f"S{n}", text=text[s:e], location=notice.locate(s, e))
        for n, (s, e) in enumerate(SuggestionFinder(text, skip_lines=skip).run(outline), 1)
    ]
    demands = [
        Demand(concept=d.concept, text=text[d.start : d.end], within=d.within, to=d.to,
               location=notice.locate(d.start, d.end))
        for d in find_demands(text, statements=_statement_spans(notice), problems=[(p.start, p.end) for p in found_problems])
    ]
    req = Requirements(
        notice_path=doc.path,
        notice_sha256=doc.sha256,
        unit=find_unit(text),
        inspector=find_inspector(text),
        date=find_feedback_date(text, feedback_date),
        problems=problems,
        suggestions=suggestions,
        demands=demands,
        text=text,
        warnings=list(doc.warnings),
    )
    req.warnings.extend(_missing_metadata(req))
    return req


def _statement_spans(notice: NoticeText) -> list[tuple[int, int]]:
    """Where the inspected unit speaks (…书记表示，将…立行立改): from that sentence to the end of its
    paragraph. Its promises are not the notice's demands."""
    spans = []
    for line in notice.lines:
        for start, _ in sentences(notice.text, line.start, line.end):
            if is_unit_statement(notice.text[start : line.end]):
                spans.append((start, line.end))
                break
    return spans


def analyse_notice(doc: Document, *, feedback_date: date | None = None) -> Requirements:
    req = extract_requirements(doc, feedback_date=feedback_date)
    if not req.problems:
        raise _no_problems(doc, req.text)
    return req


def _no_problems(doc: Document, text: str) -> ExtractionError:
    name = doc.path
    if len(_PLACEHOLDER.findall(text)) >= 3 or text.lstrip().startswith("同志们") or _MULTI_UNIT.search(text):
        return ExtractionError(
            f"未能从反馈意见中识别出任何问题：{name} 是讲话稿或模板（只有整改要求，数字以“*”占位），"
            f"没有列出具体问题。{_FIX_HINT}",
            f"no problem found in the feedback notice: {name} is a speech or template (demands only, "
            f"numbers blanked as \"*\") and lists no concrete problem; {_FIX_HINT_EN}",
        )
    return ExtractionError(
        f"未能从反馈意见中识别出任何问题：{name} 中没有“主要是：…；…”、“一是…二是…”或编号列出的问题。{_FIX_HINT}",
        f"no problem found in the feedback notice: {name} has no \"主要是：…；…\", \"一是…二是…\" or "
        f"numbered list of problems; {_FIX_HINT_EN}",
    )


def _missing_metadata(req: Requirements) -> list[str]:
    warnings = []
    if req.date is None:
        warnings.append("反馈意见中未找到反馈日期，可用 --feedback-date YYYY-MM-DD 指定")
    if req.unit is None:
        warnings.append("反馈意见中未找到被巡察单位")
    if req.inspector is None:
        warnings.append("反馈意见中未找到巡察组名称")
    return warnings
