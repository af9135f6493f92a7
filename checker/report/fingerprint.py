"""A finding's identity across edits: the rule and what the finding is about (the problem's text,
the item's problem), never its line, row or paragraph number, which change whenever a row is
inserted above. CI systems use it to tell a new finding from one they have already seen (SARIF
`fingerprints`); waivers are keyed on the same text (checker.waivers.subject_text)."""

from __future__ import annotations

import hashlib
import re

from checker.waivers import subject_text

_NOT_TEXT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]+")
VERSION = "plancheck/v1"


def fingerprints(result) -> list[str]:
    """One per finding, in order; the same subject twice under one rule (two rows with the same
    problem text) is told apart by its occurrence number, not by its position."""
    seen: dict[str, int] = {}
    out = []
    for finding in result.findings:
        key = f"{finding.rule}\x1f{_NOT_TEXT.sub('', subject_text(result, finding))}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"\x1f{seen[key]}"
        out.append(hashlib.sha256(key.encode("utf-8")).hexdigest()[:32])
    return out
