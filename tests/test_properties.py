"""Properties of the verdict (hypothesis): deleting the rows that answer a problem makes exactly
that problem uncovered; the order of rows changes nothing; adding an unrelated row changes nothing."""

import copy
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.testing import check_data

SPEC = yaml.safe_load((Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "cases.yaml").read_text(encoding="utf-8"))
BASE = SPEC["baseline"]
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _verdicts(result):
    return {pid: cov.covered for pid, cov in result.coverage.items()}


def test_baseline_covers_everything():
    result = check_data(copy.deepcopy(BASE))
    assert all(_verdicts(result).values())
    assert result.findings == []


@FAST
@given(st.integers(min_value=0, max_value=len(BASE["items"]) - 1))
def test_deleting_the_answer_uncovers_that_problem_only(k):
    data = copy.deepcopy(BASE)
    full = check_data(data)
    answering = {e.item for e in full.coverage[f"P{k + 1}"].evidence}
    kept = [it for n, it in enumerate(data["items"], 1) if f"I{n}" not in answering]
    data["items"] = kept
    result = check_data(data)
    verdicts = _verdicts(result)
    assert verdicts[f"P{k + 1}"] is False
    assert {p: v for p, v in verdicts.items() if p != f"P{k + 1}"} == {p: v for p, v in _verdicts(full).items() if p != f"P{k + 1}"}
    assert {f.problem for f in result.findings if f.rule == "CV-PROBLEM"} == {f"P{k + 1}"}


@FAST
@given(st.permutations(range(len(BASE["items"]))))
def test_row_order_changes_no_verdict(order):
    data = copy.deepcopy(BASE)
    data["items"] = [data["items"][i] for i in order]
    result = check_data(data)
    assert all(_verdicts(result).values())
    assert {f.rule for f in result.findings} == set()


@FAST
@given(st.sampled_from(["规范档案室温湿度管理，每月记录一次", "更新门户网站栏目设置，增设政务公开专栏", "完成办公楼消防设施年度检测"]))
def test_an_unrelated_row_changes_no_verdict(measures):
    data = copy.deepcopy(BASE)
    data["items"].append({"problem": "", "measures": measures, "leader": "赵六", "department": "办公室",
                          "deadline": "2024年9月30日前", "standard": "完成"})
    result = check_data(data)
    assert all(_verdicts(result).values())
    assert {f.rule for f in result.findings} == set()
