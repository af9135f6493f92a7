"""Waivers: a reviewer accepts a finding, with a reason, and the run no longer fails on it.

A waiver names a rule and the text of the problem it is about (the notice's problem, the plan
item's problem, or the suggestion) — never a line or row number, which moves with every edit. The
text is compared without punctuation and spaces, and a part is enough ("违规发放津贴补贴" waives
the problem that contains it). A waiver without text matches only the findings that have no
subject text (plan-level findings such as PC-DLM). Waived findings stay in every report, marked
as waived with the reason; a waiver that matched nothing is noted, so stale ones get cleaned up.

Waivers come from the config (`[[waivers]]`) or from waiver files (`waiver_files = [...]` in the
config, or `--waivers FILE`): TOML with the same `[[waivers]]` tables.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

_NOT_TEXT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]+")


def _compact(text: str) -> str:
    return _NOT_TEXT.sub("", text)


class Waiver(BaseModel):
    """One accepted finding (or group of findings of one rule about one problem)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    problem: str | None = None  # (part of) the problem text; None: plan-level findings of the rule
    reason: str
    by: str | None = None  # who accepted it
    date: dt.date | None = None
    source: str | None = None  # the file it came from (filled in by the loader)

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("reason 不能为空：豁免必须写明理由")
        return value.strip()

    @field_validator("rule")
    @classmethod
    def _rule_upper(cls, value: str) -> str:
        return value.strip().upper()

    def describe(self, lang: str = "zh") -> str:
        from checker.messages import msg

        by = msg("waiver_by", lang, by=self.by) if self.by else ""
        return msg("waiver_reason", lang, reason=self.reason, by=by)


def subject_text(result, finding) -> str:
    """The text a waiver (and a fingerprint) is keyed on: what the finding is about, not where."""
    if finding.problem:
        problem = next((p for p in result.requirements.problems if p.id == finding.problem), None)
        if problem is not None:
            return problem.text
    if finding.item:
        item = next((i for i in result.plan.items if i.id == finding.item), None)
        if item is not None:
            return item.problem or item.measures
    if finding.location is not None and finding.location.kind == "notice":
        return finding.snippet  # a suggestion: its text
    return ""


def matches(waiver: Waiver, finding, subject: str) -> bool:
    if waiver.rule != finding.rule:
        return False
    if waiver.problem is None:
        return not subject
    wanted = _compact(waiver.problem)
    return bool(wanted) and wanted in _compact(subject or finding.message)


def apply_waivers(result, waivers: list[Waiver], lang: str = "zh") -> None:
    """Mark the findings of `result` that a waiver accepts (first matching waiver wins)."""
    from checker.messages import msg

    used: set[int] = set()
    for n, finding in enumerate(result.findings):
        subject = subject_text(result, finding)
        for w, waiver in enumerate(waivers):
            if matches(waiver, finding, subject):
                result.waived[n] = waiver
                used.add(w)
                break
    for w, waiver in enumerate(waivers):
        if w not in used:
            text = f"“{waiver.problem}”" if waiver.problem else msg("waiver_plan_level", lang)
            result.notes.append(msg("waiver_unused", lang, rule=waiver.rule, text=text))


def parse_waivers(entries, source: str) -> list[Waiver]:
    """`[[waivers]]` tables → Waivers, with a one-line error naming the file and the entry."""
    from pydantic import ValidationError

    from checker.messages import error

    if not isinstance(entries, list):
        raise error("waiver_not_list", file=source)
    out = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise error("waiver_not_list", file=source)
        try:
            out.append(Waiver(**entry, source=source))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "?"
            raise error("waiver_invalid", file=source, n=n, field=field, why=first["msg"]) from None
    return out


def load_waiver_file(path: str | Path) -> list[Waiver]:
    import tomllib

    from checker.messages import error

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise error("file_unreadable", file=path, why=exc.strerror or exc) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error("toml_invalid", file=path, why=exc) from None
    unknown = set(data) - {"waivers"}
    if unknown:
        raise error("waiver_file_keys", file=path, keys="、".join(sorted(unknown)))
    return parse_waivers(data.get("waivers", []), str(path))

