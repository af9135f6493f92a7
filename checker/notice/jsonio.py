"""The extract JSON (schema_version 1): what `plancheck extract NOTICE --format json` prints and what
`--against` accepts back after a reviewer corrects it by hand.

    {"schema_version": 1, "kind": "requirements",
     "notice": {"path": "…", "sha256": "…"},
     "unit": "…" | null, "inspector": "…" | null, "date": "2023-09-19" | null,
     "units": ["…"], "round": "…" | null,
     "problems": [{"id": "P1", "text": "…", "subs": ["…"], "category": "…" | null, "unit": "…" | null,
                   "location": {"kind": "notice", "line": 12, "start": 340, "end": 371}}],
     "suggestions": [{"id": "S1", "text": "…", "location": {…}}],
     "demands": [{"concept": "整改情况报告", "text": "…", "within": {"value": 2, "unit": "months"} | null,
                  "to": "…" | null, "location": {…}}]}

"category", "units", "round" and a problem's "unit" (in a notice to several units, the one unit a
problem is about) are optional additions to the contract. On the way back in, ids and locations may be
left out of hand-added entries (ids are then numbered P<n>/S<n> in order); an unknown field, a problem
without text, an unknown concept or a malformed date is an InputError naming the exact place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from checker.errors import ExtractionError, InputError
from checker.models import MAX_DURATION, Demand, Duration, Location, Problem, Requirements, Suggestion
from checker.notice.demands import CONCEPTS

SCHEMA_VERSION = 1


# --------------------------------------------------------------------------- out


def _location_json(loc: Location) -> dict[str, Any]:
    out = {"kind": "notice", "line": loc.line, "start": loc.start, "end": loc.end}
    # a Word/HTML/PDF notice: its paragraph or table cell, as line is null
    out.update({key: value for key in ("paragraph", "table", "row", "col")
                if (value := getattr(loc, key)) is not None})
    return out


def requirements_to_json(req: Requirements) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "requirements",
        "notice": {"path": req.notice_path, "sha256": req.notice_sha256},
        "unit": req.unit,
        "inspector": req.inspector,
        "date": req.date.isoformat() if req.date else None,
        "units": list(req.units),
        "round": req.round,
        "problems": [
            {"id": p.id, "text": p.text, "subs": list(p.subs), "category": p.category, "unit": p.unit,
             "location": _location_json(p.location)}
            for p in req.problems
        ],
        "suggestions": [
            {"id": s.id, "text": s.text, "location": _location_json(s.location)} for s in req.suggestions
        ],
        "demands": [
            {"concept": d.concept, "text": d.text,
             "within": {"value": d.within.value, "unit": d.within.unit} if d.within else None,
             "to": d.to, "location": _location_json(d.location)}
            for d in req.demands
        ],
    }


# --------------------------------------------------------------------------- in


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _LocationIn(_Strict):
    kind: Literal["notice"] = "notice"
    line: int | None = Field(default=None, ge=1)
    paragraph: int | None = Field(default=None, ge=1)
    table: int | None = Field(default=None, ge=1)
    row: int | None = Field(default=None, ge=1)
    col: int | None = Field(default=None, ge=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)


class _ProblemIn(_Strict):
    id: str | None = None
    text: str = Field(min_length=1)
    subs: list[str] = Field(default_factory=list)
    category: str | None = None
    unit: str | None = None
    location: _LocationIn | None = None


class _SuggestionIn(_Strict):
    id: str | None = None
    text: str = Field(min_length=1)
    location: _LocationIn | None = None


class _WithinIn(_Strict):
    value: int = Field(gt=0)
    unit: Literal["days", "workdays", "months"]

    @model_validator(mode="after")
    def _not_an_era(self) -> "_WithinIn":
        if not Duration.within_limit(self.value, self.unit):
            raise ValueError(f"期限过长（上限 {MAX_DURATION[self.unit]} {self.unit}）")
        return self


class _DemandIn(_Strict):
    concept: str
    text: str = ""
    within: _WithinIn | None = None
    to: str | None = None
    location: _LocationIn | None = None

    @field_validator("concept")
    @classmethod
    def _known_concept(cls, value: str) -> str:
        if value not in CONCEPTS:
            raise ValueError(f"未知的概念“{value}”，可用：{'、'.join(CONCEPTS)}")
        return value


class _NoticeIn(_Strict):
    path: str | None = None
    sha256: str | None = None


class _ExtractIn(_Strict):
    schema_version: int
    kind: str
    notice: _NoticeIn = Field(default_factory=_NoticeIn)
    unit: str | None = None
    units: list[str] = Field(default_factory=list)
    inspector: str | None = None
    round: str | None = None
    date: dt.date | None = None
    problems: list[_ProblemIn]
    suggestions: list[_SuggestionIn] = Field(default_factory=list)
    demands: list[_DemandIn] = Field(default_factory=list)
    text: str | None = None  # optional: the notice text, for rules that look for words in it


_WHAT = {
    "missing": ("缺少此字段", "is missing"),
    "extra_forbidden": ("是未知字段（拼写错误？）", "is not a known field (a typo?)"),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_type": ("应为字符串", "must be a string"),
    "int_type": ("应为整数", "must be an integer"),
    "int_parsing": ("应为整数", "must be an integer"),
    "list_type": ("应为列表", "must be a list"),
    "model_type": ("应为对象（{…}）", "must be an object"),
    "dict_type": ("应为对象（{…}）", "must be an object"),
    "date_from_datetime_parsing": ("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "date_parsing": ("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "date_type": ("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "greater_than": ("应为正数", "must be positive"),
    "greater_than_equal": ("不能为负数或 0", "is out of range"),
}


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（顶层）"


def _invalid(path: str, error: dict[str, Any]) -> InputError:
    where = _where(tuple(error["loc"]))
    kind = error["type"]
    if kind in _WHAT:
        zh, en = _WHAT[kind]
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        zh, en = f"取值应为 {expected}", f"must be one of {expected}"
    else:
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        zh, en = message, message
    return InputError(
        f"{path}：提取结果 JSON 有误：{where} {zh}，请改正后重试",
        f"{path}: invalid extract JSON: {where} {en}; correct it and retry",
    )


def requirements_from_json(data: dict[str, Any], path: str) -> Requirements:
    """Validate a (possibly hand-edited) extract document and rebuild the Requirements."""
    if not isinstance(data, dict):
        raise InputError(f"{path}：提取结果应为 JSON 对象（{{…}}），请用 plancheck extract --format json 生成",
                         f"{path}: the extract must be a JSON object; generate it with plancheck extract --format json")
    if "schema_version" not in data:
        raise InputError(f"{path}：提取结果 JSON 缺少 schema_version（应为 {SCHEMA_VERSION}）",
                         f"{path}: the extract JSON has no schema_version (expected {SCHEMA_VERSION})")
    if data["schema_version"] != SCHEMA_VERSION:
        raise InputError(
            f"{path}：提取结果 JSON 的 schema_version 为 {data['schema_version']!r}，本版本只支持 {SCHEMA_VERSION}",
            f"{path}: extract schema_version {data['schema_version']!r} is not supported (only {SCHEMA_VERSION})",
        )
    if data.get("kind") != "requirements":
        raise InputError(
            f"{path}：JSON 的 kind 应为 \"requirements\"（plancheck extract 的输出），实际为 {data.get('kind')!r}",
            f"{path}: the JSON's kind must be \"requirements\" (plancheck extract output), not {data.get('kind')!r}",
        )
    try:
        parsed = _ExtractIn.model_validate(data)
    except ValidationError as error:
        raise _invalid(path, error.errors()[0]) from None
    return _rebuild(parsed, path)


def _fill_ids(ids: list[str | None], prefix: str) -> list[str]:
    """Hand-added entries without an id get the next free number after the highest one given."""
    numbers = [int(i[len(prefix):]) for i in ids if i and i.startswith(prefix) and i[len(prefix):].isdigit()]
    next_number = max(numbers, default=0) + 1
    filled = []
    for given in ids:
        if given:
            filled.append(given)
        else:
            filled.append(f"{prefix}{next_number}")
            next_number += 1
    return filled


def _rebuild(parsed: _ExtractIn, path: str) -> Requirements:
    notice_path = parsed.notice.path or path

    def location(loc: _LocationIn | None) -> Location:
        loc = loc or _LocationIn()
        return Location(file=notice_path, kind="notice", line=loc.line, paragraph=loc.paragraph, table=loc.table,
                        row=loc.row, col=loc.col, start=loc.start, end=loc.end)

    problem_ids = _fill_ids([p.id for p in parsed.problems], "P")
    problems = [
        Problem(id=problem_id, text=p.text, subs=[s for s in p.subs if s], category=p.category, unit=p.unit,
                location=location(p.location))
        for problem_id, p in zip(problem_ids, parsed.problems)
    ]
    suggestion_ids = _fill_ids([s.id for s in parsed.suggestions], "S")
    suggestions = [
        Suggestion(id=suggestion_id, text=s.text, location=location(s.location))
        for suggestion_id, s in zip(suggestion_ids, parsed.suggestions)
    ]
    for label, ids in (("problems", [p.id for p in problems]), ("suggestions", [s.id for s in suggestions])):
        duplicate = next((i for i in ids if ids.count(i) > 1), None)
        if duplicate:
            raise InputError(f"{path}：提取结果 JSON 有误：{label} 中的 id “{duplicate}”重复",
                             f"{path}: invalid extract JSON: id {duplicate!r} appears twice in {label}")
    if not problems:
        raise ExtractionError(
            f"{path}：提取结果 JSON 的 problems 为空，没有可检查的问题；请至少列出一个问题",
            f"{path}: the extract JSON lists no problem; list at least one",
        )
    demands = [
        Demand(concept=d.concept, text=d.text,
               within=Duration(value=d.within.value, unit=d.within.unit) if d.within else None,
               to=d.to, location=location(d.location))
        for d in parsed.demands
    ]
    text = parsed.text
    if text is None:  # rules that look for words in the notice see at least what was extracted
        text = "\n".join([p.text for p in problems] + [s.text for s in suggestions] + [d.text for d in demands])
    return Requirements(
        notice_path=notice_path,
        notice_sha256=parsed.notice.sha256 or "",
        unit=parsed.unit,
        units=[u for u in parsed.units if u] or ([parsed.unit] if parsed.unit else []),
        inspector=parsed.inspector,
        round=parsed.round,
        date=parsed.date,
        problems=problems,
        suggestions=suggestions,
        demands=demands,
        text=text,
    )
