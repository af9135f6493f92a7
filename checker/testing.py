"""Helpers for rule-pack authors and our tests: build a check from plain data (no Word file), run a
pack on it, and compare the rule IDs that fire with what a case expects.

A case is a dict as in fixtures/rules/cases.yaml: a complete baseline plus small changes.
"""

from __future__ import annotations

import copy
import datetime as dt

from checker.check import CheckResult, apply_params, load_packs
from checker.context import CheckContext
from checker.deadlines import parse_deadline
from checker.timecalc import WorkCalendar
from checker.models import Block, Deadline, Demand, Document, Duration, Item, Location, Plan, Problem, Requirements, Suggestion


def _requirements(notice: dict, date: dt.date | None) -> Requirements:
    text = notice.get("text", "")
    loc = Location(kind="notice", line=1, file="notice.txt")
    problems = [Problem(id=f"P{n}", text=t, subs=_subs(t), location=loc) for n, t in enumerate(notice["problems"], 1)]
    suggestions = [Suggestion(id=f"S{n}", text=t, location=loc) for n, t in enumerate(notice.get("suggestions", []), 1)]
    demands = [Demand(concept=d["concept"], text=d["text"], location=loc,
                      within=Duration(**d["within"]) if d.get("within") else None, to=d.get("to"))
               for d in notice.get("demands", [])]
    return Requirements(notice_path="notice.txt", notice_sha256="0" * 64, date=date, problems=problems,
                        suggestions=suggestions, demands=demands, text=text + "".join(problems_text(notice)))


def problems_text(notice: dict) -> list[str]:
    return [p for p in notice["problems"] if p not in notice.get("text", "")]


def _subs(text: str) -> list[str]:
    parts = [p for p in text.replace(",", "，").split("，") if p.strip()]
    return parts if len(parts) > 1 else []


def _plan(paragraphs: list[str], items: list[dict], date: dt.date | None) -> Plan:
    blocks = [Block(kind="paragraph", text=t, location=Location(file="plan.docx", kind="paragraph", paragraph=n))
              for n, t in enumerate(paragraphs, 1)]
    plan_items = []
    for n, d in enumerate(items, 1):
        loc = Location(file="plan.docx", kind="table_cell", table=1, row=n + 1, col=2)
        deadline: Deadline | None = parse_deadline(d["deadline"], date) if d.get("deadline") else None
        blank = {"/", "无", "—", "-", ""}
        plan_items.append(Item(
            id=f"I{n}", source="table", location=loc, problem=d.get("problem") or "", measures=d.get("measures") or "",
            leader=None if (d.get("leader") or "").strip() in blank else d["leader"],
            department=None if (d.get("department") or "").strip() in blank else d["department"],
            deadline=deadline, standard=d.get("standard") or None,
        ))
    return Plan(path="plan.docx", sha256="0" * 64, items=plan_items,
                document=Document(path="plan.docx", sha256="0" * 64, format="docx", blocks=blocks))


def apply_case(baseline: dict, case: dict) -> dict:
    """The baseline with the case's changes applied (a new dict)."""
    data = copy.deepcopy(baseline)
    notice, paragraphs, items = data["notice"], data["paragraphs"], data["items"]
    for old, new in (case.get("paragraphs_replace") or {}).items():
        hits = [i for i, p in enumerate(paragraphs) if old in p]
        assert hits, f"case {case['name']}: no paragraph contains {old!r}"
        for i in hits:
            paragraphs[i] = paragraphs[i].replace(old, new)
    for needle in case.get("paragraphs_drop") or []:
        paragraphs[:] = [p for p in paragraphs if needle not in p]
    paragraphs.extend(case.get("paragraphs_add") or [])
    for number, changes in (case.get("item_updates") or {}).items():
        items[int(number) - 1].update(changes)
    for number in sorted(case.get("drop_items") or [], reverse=True):
        del items[int(number) - 1]
    notice["text"] = notice.get("text", "") + (case.get("notice_text_add") or "")
    notice.setdefault("suggestions", []).extend(case.get("notice_suggestions_add") or [])
    notice.setdefault("demands", []).extend(case.get("notice_demands_add") or [])
    return data


def check_data(data: dict, *, packs: list[str] | None = None, overrides: dict[str, str] | None = None,
               pack_object=None) -> CheckResult:
    from checker.engine import run_pack
    from checker.match import match_problems, match_suggestions
    from checker.quality import duplicate_groups

    date = data.get("feedback_date")
    date = dt.date.fromisoformat(str(date)) if date else None
    req = _requirements(data["notice"], date)
    plan = _plan(data["paragraphs"], data["items"], date)
    pack = pack_object or load_packs(packs)
    params = apply_params(pack, req, overrides or {})
    ctx = CheckContext(requirements=req, plan=plan, coverage=match_problems(req, plan),
                       suggestion_coverage=match_suggestions(req, plan), params=params,
                       concepts={n: c.terms for n, c in pack.concepts.items()}, feedback_date=date,
                       duplicate_groups=duplicate_groups(plan.items), calendar=WorkCalendar(pack.holidays.values()))
    findings = run_pack(pack, ctx)
    return CheckResult(req, plan, pack, params, ctx.coverage, ctx.suggestion_coverage, findings, date, ctx.notes)


def fired(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


# --------------------------------------------------------------------------- labelled (plan, notice) cases


def _bigram_set(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def labelled_to_extracted(labels: list[str], problems) -> dict[int, str | None]:
    """Labelled problem number (1-based) → id of the extracted problem overlapping it most (≥ half
    of its character bigrams), or None when extraction lost it. A label is a cut of the raw file
    (Traditional characters, full-width digits): it is compared as the reader normalises it."""
    from checker.documents import normalize_text

    out: dict[int, str | None] = {}
    for k, text in enumerate(labels, 1):
        want = _bigram_set(normalize_text(text))
        best, best_id = 0.0, None
        for p in problems:
            overlap = len(want & _bigram_set(p.text)) / max(1, len(want))
            if overlap > best:
                best, best_id = overlap, p.id
        out[k] = best_id if best >= 0.5 else None
    return out


class CaseOutcome:
    """What plancheck said on one labelled case, next to what the label says."""

    def __init__(self, case: dict, result: CheckResult | None, error: str | None, label_texts: list[str]):
        self.case, self.result, self.error = case, result, error
        self.expected_uncovered = set(case.get("uncovered") or [])
        self.expected_rules = set(case.get("fire") or [])
        if result is None:
            self.uncovered, self.rules = set(), set()
            return
        mapping = labelled_to_extracted(label_texts, result.requirements.problems)
        # a gap is what is reported as one (CV-PROBLEM): an uncertain problem is a warning to confirm
        self.uncovered = {k for k, pid in mapping.items()
                          if pid is None or not (result.coverage[pid].covered or result.coverage[pid].uncertain)}
        self.rules = {f.rule for f in result.findings}

    @property
    def exact(self) -> bool:
        return self.error is None and self.uncovered == self.expected_uncovered and self.rules == self.expected_rules

    def differences(self) -> str:
        if self.error:
            return f"error: {self.error}"
        out = []
        if self.uncovered != self.expected_uncovered:
            out.append(f"uncovered expected {sorted(self.expected_uncovered)} got {sorted(self.uncovered)}")
        if self.rules - self.expected_rules:
            out.append(f"extra {sorted(self.rules - self.expected_rules)}")
        if self.expected_rules - self.rules:
            out.append(f"missing {sorted(self.expected_rules - self.rules)}")
        return "; ".join(out)


def load_cases(cases_file) -> list[dict]:
    import yaml
    from pathlib import Path

    data = yaml.safe_load(Path(cases_file).read_text(encoding="utf-8"))
    return data.get("cases", []) if isinstance(data, dict) else data


def run_case(case: dict, base_dir) -> CaseOutcome:
    """Run plancheck on one case of fixtures/cases.yaml (paths relative to base_dir)."""
    import yaml
    from pathlib import Path

    from checker.check import run_check
    from checker.errors import PlancheckError

    base = Path(base_dir)
    notice = base / case["notice"]
    labels_file = notice.with_name(notice.stem + ".labels.yaml")
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    texts = [p["text"] if isinstance(p, dict) else p for p in labels["problems"]]
    date = case.get("feedback_date")
    date = dt.date.fromisoformat(str(date)) if date else None
    try:
        result = run_check(base / case["plan"], notice, feedback_date=date, overrides=case.get("set"))
    except PlancheckError as exc:
        return CaseOutcome(case, None, exc.message, texts)
    return CaseOutcome(case, result, None, texts)


def text_document(text: str, path: str = "notice.txt") -> Document:
    """A Document as the text reader makes it: one paragraph block per non-empty line (tests build
    notices from inline text with this, without a file)."""
    blocks = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            blocks.append(Block(kind="paragraph", text=line.strip(),
                                location=Location(file=path, kind="notice", line=number, paragraph=len(blocks) + 1)))
    return Document(path=path, sha256="0" * 64, format="txt", blocks=blocks)
