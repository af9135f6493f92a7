"""The notice analyser: a read 反馈意见 (Document) → Requirements.

    analyse_notice(doc, feedback_date=None)       problems, suggestions, demands, unit(s), group, round,
                                                  date; ExtractionError when the notice lists no
                                                  problem (a speech, a template: exit 2, never a pass)
    extract_requirements(doc, feedback_date=None) the same, never raising on zero problems
                                                  (what `plancheck extract` shows)
    for_unit(req, unit)                           a notice to several units, narrowed to what one
                                                  unit answers (共性问题 + its own 个性问题)
    requirements_to_json(req) / requirements_from_json(data, path)
                                                  the extract JSON (schema_version 1), which a
                                                  reviewer may correct by hand and pass to --against

All locations point into Requirements.text, the blocks' texts joined with "\\n" (see
checker.notice.text). The parts live in checker/notice/: outline, sections, lists, clauses, problems,
subproblems, suggestions, demands, metadata, jsonio. Accuracy on the labelled notices:
`python benchmarks/extraction.py`.
"""

from __future__ import annotations

import re
from datetime import date

from checker.errors import ExtractionError, InputError
from checker.models import Demand, Document, Problem, Requirements, Suggestion
from checker.notice.clauses import sentences
from checker.notice.demands import find_demands
from checker.notice.jsonio import requirements_from_json, requirements_to_json
from checker.notice.metadata import find_feedback_date, find_inspector, find_round, find_units
from checker.notice.outline import build_outline
from checker.notice.problems import ProblemFinder
from checker.notice.sections import is_unit_statement
from checker.notice.suggestions import SuggestionFinder
from checker.notice.text import NoticeText

__all__ = ["analyse_notice", "extract_requirements", "for_unit", "requirements_to_json", "requirements_from_json"]

# A speech to a whole round of inspected units (对*个单位开展了巡察, 各巡察组): its "有的单位…"
# observations are nobody's problems in particular.
_MULTI_UNIT = re.compile(
    r"对\s*[\d\*一二三四五六七八九十几多]+\s*(?:个|家)[^。；;]{0,40}?(?:单位|部门|党组织|企业|学校|乡镇|街道)"
    r"|各巡[察视]组|[\d\*一二三四五六七八九十]+\s*个巡[察视]组"
)
_PLACEHOLDER = re.compile(r"\*")
_FIX_HINT = "或用 plancheck extract 检查并手工修正后以 JSON 传入 --against"
_FIX_HINT_EN = "or run `plancheck extract`, correct its JSON by hand and pass that to --against"


def extract_requirements(doc: Document, *, feedback_date: date | None = None) -> Requirements:
    notice = NoticeText(doc)
    text = notice.text
    statement_lines = [line for line in notice.lines if is_unit_statement(line.text_in(text))]
    skip = {line.start for line in statement_lines}
    outline = build_outline(notice)

    finder = ProblemFinder(text, skip_lines=skip, multi_unit=bool(_MULTI_UNIT.search(text)))
    found_problems = finder.run(outline)
    problems = [
        Problem(id=f"P{n}", text=text[p.start : p.end], subs=p.subs, category=p.category, unit=p.unit,
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
    units = find_units(text)
    req = Requirements(
        notice_path=doc.path,
        notice_sha256=doc.sha256,
        unit="、".join(units) or None,
        units=units,
        inspector=find_inspector(text),
        round=find_round(text),
        date=find_feedback_date(text, feedback_date),
        problems=problems,
        suggestions=suggestions,
        demands=demands,
        text=text,
        warnings=list(doc.warnings),
    )
    req.warnings.extend(_missing_metadata(req))
    req.warnings.extend(_handed_over(notice, finder.handed_over))
    return req


def _handed_over(notice: NoticeText, starts: list[int]) -> list[str]:
    """Say which shared problems were left out, so that leaving them out is never silent."""
    return [
        f"反馈意见{notice.locate(s, s + 1).describe()}的共性问题，反馈意见写明由主管部门统筹推动整改，未作为本单位问题核对；"
        f"如本方案也须逐条回应，请用 plancheck extract 导出后补入问题，以 JSON 传入 --against"
        for s in starts
    ]


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


def for_unit(req: Requirements, unit: str) -> Requirements:
    """What one unit of a notice to several units must answer: the problems all share (共性问题)
    and its own (个性问题), not the other units'."""
    if unit not in req.units:
        raise InputError(
            f"反馈意见中没有被巡察单位“{unit}”，可选：{'、'.join(req.units) or '（未识别出单位）'}",
            f"the notice names no inspected unit {unit!r}; it names: {', '.join(req.units) or '(none found)'}",
        )
    problems = [p for p in req.problems if p.unit in (None, unit)]
    return req.model_copy(update={"unit": unit, "units": [unit], "problems": problems})


def _no_problems(doc: Document, text: str) -> ExtractionError:
    name = doc.path
    template = len(_PLACEHOLDER.findall(text)) >= 3 or "……" in text
    speech = text.lstrip().startswith("同志们") or _MULTI_UNIT.search(text) is not None
    if template or speech:
        what, what_en = (
            ("讲话稿模板（只有整改要求，数字以“*”占位）", "a speech template (demands only, numbers blanked as \"*\")")
            if template and speech else
            ("反馈意见模板（问题以“……”、数字以“*”占位）", "a template (problems blanked as \"……\", numbers as \"*\")")
            if template else
            ("讲话稿（对一轮巡察的整改部署，只有整改要求）", "a speech about a whole round (demands only)")
        )
        return ExtractionError(
            f"未能从反馈意见中识别出任何问题：{name} 是{what}，没有列出具体问题，无法逐条核对整改方案。"
            f"请改用向被巡察单位反馈的反馈意见，{_FIX_HINT}",
            f"no problem found in the feedback notice: {name} is {what_en} and lists no concrete problem, "
            f"so the plan cannot be checked against it; use the feedback given to the inspected unit, "
            f"{_FIX_HINT_EN}",
        )
    return ExtractionError(
        f"未能从反馈意见中识别出任何问题：{name} 中没有“主要是：…；…”、“一是…二是…”或编号列出的问题。"
        f"请确认文件是巡察反馈意见，{_FIX_HINT}",
        f"no problem found in the feedback notice: {name} has no \"主要是：…；…\", \"一是…二是…\" or "
        f"numbered list of problems; check that it is an inspection feedback notice, {_FIX_HINT_EN}",
    )


# A site's word filter took 党 (and 习, 中央 …) out: 组书记, 全面从严治，, 在的领导方面
_STRIPPED = re.compile(r"全面从严治(?![党理国])|在的(?:领导|建设)|(?<![小编工巡察])组书记|(?<![党成动会社])员干部|组\(\)|组（）")


def _missing_metadata(req: Requirements) -> list[str]:
    warnings = []
    if "党" not in req.text and _STRIPPED.search(req.text):
        warnings.append("反馈意见中的“党”字似被网站删除（如“组书记”“全面从严治”），识别结果可能不完整，请对照原文核对")
    if req.date is None:
        warnings.append("反馈意见中未找到反馈日期，可用 --feedback-date YYYY-MM-DD 指定")
    if req.unit is None:
        warnings.append("反馈意见中未找到被巡察单位")
    if req.inspector is None:
        warnings.append("反馈意见中未找到巡察组名称")
    return warnings
