"""What a rule sees while it is evaluated: both documents, the matching results and the parameters
in force. Built once per check by checker.check; read-only for the engine and the predicates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from checker.models import Duration, Location, Plan, ProblemCoverage, Requirements
from checker.timecalc import DEFAULT_CALENDAR, WorkCalendar


@dataclass(frozen=True)
class AppliedParam:
    """A parameter's value in this check, and where that value came from (shown in findings)."""

    name: str
    value: Duration
    source: str  # "pack" | "notice" | "option"
    source_text: str = ""  # the notice's own words, or the option given

    def describe(self, lang: str = "zh") -> str:
        where = {
            "zh": {"pack": "规则包默认", "notice": "反馈意见要求", "option": "配置/命令行指定"},
            "en": {"pack": "rule pack default", "notice": "stated in the notice", "option": "set by option"},
        }[lang][self.source]
        return f"{self.value.describe(lang)}（{where}）" if lang == "zh" else f"{self.value.describe(lang)} ({where})"


@dataclass(frozen=True)
class Outcome:
    """The value of a condition for one subject, with the reason a reviewer would want to read.

    value None means the condition could not be decided (e.g. no feedback date known): the engine
    then reports nothing for the rule on that subject, and says so in the report's notes.
    """

    value: bool | None
    why: str = ""
    why_en: str = ""
    location: Location | None = None
    snippet: str = ""


@dataclass
class CheckContext:
    requirements: Requirements
    plan: Plan
    coverage: dict[str, ProblemCoverage]  # by problem id
    suggestion_coverage: dict[str, ProblemCoverage]  # by suggestion id (same shape)
    params: dict[str, AppliedParam]
    concepts: dict[str, tuple[str, ...]]  # concept name → terms
    feedback_date: dt.date | None
    duplicate_groups: dict[str, list[str]] = field(default_factory=dict)  # item id → other item ids
    notes: list[str] = field(default_factory=list)  # what could not be checked, for the report
    calendar: WorkCalendar = DEFAULT_CALENDAR
