"""The compiled form of a rule pack: plain immutable objects, no code from the pack.

The loader (checker.dsl.loader) builds these from the Lark tree and validates every name in them,
so the engine (checker.engine) can evaluate a pack without ever failing on a typo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.models import Duration


@dataclass(frozen=True)
class SourcePos:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Param:
    name: str
    default: Duration
    description: str = ""
    from_notice: str | None = None  # a notice demand of this concept overrides the default
    pos: SourcePos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Concept:
    name: str
    terms: tuple[str, ...]
    pos: SourcePos | None = field(default=None, compare=False)


# ----------------------------------------------------------------------------- conditions


@dataclass(frozen=True)
class Mentions:
    """`SUBJECT mentions [all of] C1, C2 [with D] [within P after feedback]`."""

    subject: str
    concepts: tuple[str, ...]
    require_all: bool = False
    with_concept: str | None = None
    within_param: str | None = None
    pos: SourcePos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Has:
    """`item has leader` — a field is present and not a placeholder."""

    subject: str
    field: str
    pos: SourcePos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Is:
    """`item is vague(口号, 具体动作)` — a named predicate of checker.dsl.predicates."""

    subject: str
    predicate: str
    args: tuple[str, ...] = ()
    pos: SourcePos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class And:
    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Expr, ...]


Expr = Mentions | Has | Is | Not | And | Or


# ----------------------------------------------------------------------------- examples and holidays


@dataclass(frozen=True)
class Example:
    """A tiny check a rule carries to show itself firing (`fire`) or staying silent (`pass`).

    Lines are kept in order as (keyword, value) pairs: ("feedback", "2024-07-12"), ("plan", "…"),
    ("problem", "…"), ("suggestion", "…"), ("notice", "…"), ("demand", (concept, Duration)),
    ("item", ((field, text), …)), ("set", (param, Duration)).
    """

    kind: str  # fire | pass
    title: str = ""
    lines: tuple[tuple[str, object], ...] = ()
    pos: SourcePos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class HolidayTable:
    """A year's official holidays and make-up working days, for years chinesecalendar lacks."""

    year: int
    off: tuple[tuple[str, str], ...] = ()  # (first, last) ISO dates, inclusive
    work: tuple[tuple[str, str], ...] = ()
    pos: SourcePos | None = field(default=None, compare=False)


# ----------------------------------------------------------------------------- rules and packs


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error | warning | info
    title: str
    require: Expr
    scope: str = "plan"  # plan | problem | suggestion | item | demand
    when: Expr | None = None
    basis: str = ""
    message: str = ""
    message_en: str = ""
    examples: tuple[Example, ...] = ()
    pack: str = ""
    pos: SourcePos | None = field(default=None, compare=False)


@dataclass
class Pack:
    name: str
    title: str = ""
    version: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    holidays: dict[int, HolidayTable] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # files read, the extended ones first

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
