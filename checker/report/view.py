"""What every human-readable report shows, computed once from a CheckResult: the summary, the
coverage matrix, the findings grouped by severity (waived ones in their own group), the rule pack
and its parameters. The text, Markdown and HTML renderers and the annotated Word copy only lay
this out, so they cannot disagree with each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker import __version__
from checker.check import CheckResult
from checker.messages import msg
from checker.models import Finding, Item, Location

SEVERITY_GROUPS = ("error", "warning", "info")


@dataclass(frozen=True)
class EvidenceRow:
    item: str
    where: str  # 表1第3行 / 第12段
    cell: str  # 表1第3行第2列: the cell the item's problem was read from
    score: float
    terms: tuple[str, ...]
    problem: str  # the item's problem as the plan words it
    measures: str


@dataclass(frozen=True)
class CoverageRow:
    id: str
    text: str
    state: str  # covered | uncertain | uncovered
    evidence: tuple[EvidenceRow, ...]
    missing_subs: tuple[str, ...]
    doubtful_subs: tuple[str, ...] = ()  # some evidence below the threshold: to confirm


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    where: str  # "表1第12行第4列" or "反馈意见第16行"
    waiver: object | None = None  # checker.waivers.Waiver

    @property
    def rule(self) -> str:
        return self.finding.rule


@dataclass
class RuleRow:
    id: str
    title: str
    severity: str
    fired: int
    disabled: bool


@dataclass
class ReportView:
    lang: str
    plan: str
    notice: str
    date: str
    unit: str | None
    inspector: str | None
    problems: int
    covered: int
    items: int
    errors: int
    warnings: int
    waived_count: int
    passed: bool
    coverage: list[CoverageRow]
    groups: dict[str, list[FindingRow]]  # severity → unwaived findings
    waived: list[FindingRow]
    packs: list[str]
    params: list[tuple[str, str]]  # name, "2个月（规则包默认）"
    rules: list[RuleRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    version: str = __version__

    def summary(self) -> str:
        text = msg("summary", self.lang, covered=self.covered, total=self.problems, items=self.items,
                   errors=self.errors, warnings=self.warnings)
        if self.waived_count:
            text += msg("summary_waived", self.lang, waived=self.waived_count)
        return text

    def verdict(self) -> str:
        return msg("verdict_ok" if self.passed else "verdict_bad", self.lang)


def where(location: Location | None, lang: str, cell: bool = True) -> str:
    """A finding's locator as a reviewer reads it; a place in the notice says so."""
    if location is None:
        return ""
    text = location.describe(lang, cell=cell)
    if text and location.kind == "notice":
        return msg("in_notice", lang) + text
    return text


def _evidence_row(e, items: dict[str, Item], lang: str) -> EvidenceRow:
    item = items.get(e.item)
    return EvidenceRow(item=e.item, where=item.location.describe(lang, cell=False) if item else "",
                       cell=item.location.describe(lang) if item else "",
                       score=e.score, terms=tuple(e.terms), problem=item.problem if item else "",
                       measures=item.measures if item else "")


def build_view(result: CheckResult, fail_on: str = "error", lang: str = "zh") -> ReportView:
    req, plan = result.requirements, result.plan
    items = {i.id: i for i in plan.items}
    coverage = []
    for p in req.problems:
        cov = result.coverage[p.id]
        state = "covered" if cov.covered else ("uncertain" if cov.uncertain else "uncovered")
        coverage.append(CoverageRow(
            id=p.id, text=p.text, state=state,
            evidence=tuple(_evidence_row(e, items, lang) for e in cov.evidence),
            missing_subs=tuple(s.text for s in cov.subs if not s.covered and not s.uncertain),
            doubtful_subs=tuple(s.text for s in cov.subs if s.uncertain)))
    groups: dict[str, list[FindingRow]] = {s: [] for s in SEVERITY_GROUPS}
    waived: list[FindingRow] = []
    fired: dict[str, int] = {}
    for n, f in enumerate(result.findings):
        row = FindingRow(f, where(f.location, lang), result.waived.get(n))
        fired[f.rule] = fired.get(f.rule, 0) + 1
        (waived if row.waiver is not None else groups[f.severity]).append(row)
    rules = [RuleRow(r.id, r.title, r.severity, fired.get(r.id, 0), r.id in result.disabled) for r in result.pack.rules]
    return ReportView(
        lang=lang, plan=plan.path, notice=req.notice_path,
        date=str(result.feedback_date) if result.feedback_date else msg("unknown", lang),
        unit=req.unit, inspector=req.inspector,
        problems=len(req.problems), covered=sum(1 for c in result.coverage.values() if c.covered),
        items=len(plan.items), errors=result.count("error"), warnings=result.count("warning"),
        waived_count=len(result.waived), passed=not result.failed(fail_on),
        coverage=coverage, groups=groups, waived=waived,
        packs=list(result.pack.sources),
        params=[(n, a.describe(lang)) for n, a in result.params.items()],
        rules=rules, notes=list(result.notes),
    )


def located_message(finding: Finding, lang: str) -> str:
    """The message with its locator in front (表1第12行第4列：…), unless the rule's message already
    starts with it (item rules write 表1第12行：… themselves)."""
    locator = where(finding.location, lang)
    if not locator:
        return finding.message
    row = finding.location.describe(lang, cell=False) if finding.location else ""
    if finding.message.startswith(locator) or (row and finding.message.startswith(row)):
        return finding.message
    return f"{locator}{msg('colon', lang)}{finding.message}"
