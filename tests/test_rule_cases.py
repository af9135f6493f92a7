"""Every rule of the default pack fires on its cases and stays silent on the others
(fixtures/rules/cases.yaml): the exact set of fired rule IDs is compared."""

from pathlib import Path

import pytest
import yaml

from checker.dsl.loader import load_pack
from checker.testing import apply_case, check_data, fired

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "cases.yaml"
SPEC = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", SPEC["cases"], ids=lambda c: f"{c['rule']}: {c['name']}")
def test_rule_case(case):
    data = apply_case(SPEC["baseline"], case)
    result = check_data(data, overrides=case.get("set"))
    got = fired(result)
    assert got == set(case["expect"]), "\n".join(f"{f.rule}: {f.message}" for f in result.findings)


def test_every_rule_has_a_firing_and_a_silent_case():
    rules = {r.id for r in load_pack("xuncha").rules}
    firing = {rid for c in SPEC["cases"] for rid in c["expect"] if c["rule"] == rid}
    assert rules <= firing, f"rules never shown firing: {sorted(rules - firing)}"
    # the baseline case is silent for every rule; any case that expects nothing is silent for its rule too
    assert any(c["expect"] == [] and c["rule"] == "*" for c in SPEC["cases"])
