"""The held-out matching set (fixtures/heldout) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, every case's mapping
agrees with the labels written beside the plan rows, and plancheck reads one item per row so the
item ids of the mapping are the ones a report shows.

Not a test of matching accuracy: nothing here asks whether plancheck FINDS the mapping (that is
`python benchmarks/accuracy.py --cases fixtures/heldout/cases.yaml`, recorded once in
fixtures/heldout/FIRST_RUN.txt)."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "fixtures" / "heldout"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CATALOGUE = [
    "CV-PROBLEM", "CV-SUGGESTION", "CV-PREVIOUS",
    "PC-LIST-PROBLEM", "PC-LIST-TASK", "PC-LIST-RESP", "PC-DLM", "PC-REPORT", "PC-DISCLOSE",
    "PC-LEAD", "PC-DUAL", "PC-LONGTERM", "PC-IMMEDIATE",
    "IT-MEASURE", "IT-LEADER", "IT-DEPT", "IT-DEADLINE", "IT-DEADLINE-RANGE", "IT-STANDARD",
    "IT-VAGUE", "IT-DUPLICATE",
]
CONCEPTS = {
    "问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "整改方案", "党内通报",
    "向社会公开", "集中整改", "第一责任人", "一岗双责", "长效机制", "立行立改", "上轮整改",
}
# the kinds the brief asks the set to cover, each by at least one case
REQUIRED_TAGS = {
    "complete", "gap", "sub-gap", "distractor", "paraphrase", "category-grouped", "paragraphs",
    "no-problem-column", "one-item-two-problems", "one-problem-several-items", "restated", "slogans",
}
TAGS = REQUIRED_TAGS | {"short-titles", "several-tables", "merged-cells", "word-numbering"}
CASE_KEYS = {"name", "plan", "notice", "uncovered", "fire", "mapping", "unanswered_subs", "tags", "note"}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mapping_tool = _load("heldout_mapping", HELDOUT / "mapping.py")  # puts fixtures/ on sys.path
from planbuilder import build_document, save_deterministic  # noqa: E402


@cache
def cases() -> list[dict]:
    return mapping_tool.load_cases()


@cache
def sources() -> dict:
    return mapping_tool.sources_by_output()


def notices() -> list[Path]:
    return sorted((HELDOUT / "notices").glob("*.txt"))


# --------------------------------------------------------------------------- the set as a whole


def test_the_set_has_the_size_and_kinds_asked_for():
    all_cases = cases()
    assert 12 <= len(all_cases) <= 16
    names = [c["name"] for c in all_cases]
    assert len(names) == len(set(names))
    assert len(notices()) == 4
    assert {c["notice"] for c in all_cases} == {f"notices/{p.name}" for p in notices()}
    tags = {t for c in all_cases for t in c["tags"]}
    assert REQUIRED_TAGS <= tags <= TAGS, tags ^ TAGS
    with_gap = sum(1 for c in all_cases if c["uncovered"])
    assert 0.35 <= with_gap / len(all_cases) <= 0.65


def test_every_source_is_a_case_and_every_case_has_a_source():
    assert {Path(c["plan"]).name for c in cases()} == set(sources())
    assert {p.name for p in (HELDOUT / "plans").glob("*.docx")} == set(sources())
    for name, source in sources().items():
        assert source.output == f"fixtures/heldout/plans/{name}"


# --------------------------------------------------------------------------- notices and labels


@pytest.mark.parametrize("notice", notices(), ids=lambda p: p.stem)
def test_notice_labels_are_exact_cuts_in_order(notice):
    labels = mapping_tool.labels_of(f"notices/{notice.name}")
    assert labels["encoding"] == "utf-8"
    text = notice.read_text(encoding="utf-8")
    position = -1
    for problem in labels["problems"]:
        found = text.find(problem["text"])
        assert found > position, f"missing or out of order: {problem['text'][:30]}"
        position = found
        assert problem.get("category") in (None, "党的领导", "党的建设", "全面从严治党")
        for sub in problem["subs"]:
            assert sub in problem["text"], sub
        assert len(problem["subs"]) != 1, "one sub is the problem itself: write subs: []"
    assert 6 <= len(labels["problems"]) <= 14
    for suggestion in labels["suggestions"]:
        assert suggestion in text, suggestion[:30]
    for lead in labels["not_problems"]:
        assert lead in text and "移交" in lead
    assert labels["unit"] in text and labels["inspector"] in text
    date = labels["date"]
    assert f"{date.month}月{date.day}日" in text and str(date.year) in text
    for demand in labels["demands"]:
        assert demand["concept"] in CONCEPTS
        if "within" in demand:
            value, unit = demand["within"].split()
            assert int(value) > 0 and unit in {"days", "workdays", "months"}


# --------------------------------------------------------------------------- cases


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_case_is_consistent(case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert (HELDOUT / case["plan"]).is_file() and (HELDOUT / case["notice"]).is_file()
    labels = mapping_tool.labels_of(case["notice"])
    n = len(labels["problems"])
    mapping = {int(k): v for k, v in case["mapping"].items()}
    assert set(mapping) == set(range(1, n + 1))
    subs_missing = {int(k): v for k, v in (case.get("unanswered_subs") or {}).items()}
    for number, subs in subs_missing.items():
        assert mapping[number], "a problem with a missing sub still has items for its other subs"
        assert set(subs) <= set(labels["problems"][number - 1]["subs"])
    unanswered = {k for k, items in mapping.items() if not items}
    assert set(case["uncovered"]) == unanswered | set(subs_missing)
    assert case["uncovered"] == sorted(case["uncovered"])
    assert case["fire"] == [r for r in CATALOGUE if r in case["fire"]], "catalogue order, no unknown IDs"
    assert ("CV-PROBLEM" in case["fire"]) == bool(case["uncovered"])
    assert ("complete" in case["tags"]) == (not case["uncovered"] and not case["fire"])


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_mapping_is_the_one_written_beside_the_rows(case):
    source = sources()[Path(case["plan"]).name]
    n = mapping_tool.n_problems(case["notice"])
    assert {int(k): v for k, v in case["mapping"].items()} == mapping_tool.source_mapping(source.spec, n)
    for row in mapping_tool.source_items(source.spec):
        assert row.get("answers"), f"row without answers: {str(row.get('problem') or row['measures'])[:30]}"
        assert set(row["answers"]) <= set(range(1, n + 1))


# --------------------------------------------------------------------------- the built plans


def _texts(docx: Path) -> list[str]:
    """Every paragraph's text (table cells included), in document order."""
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


@pytest.mark.parametrize("name", sorted(sources()))
def test_committed_plan_is_built_from_its_source(name, tmp_path):
    fresh = tmp_path / name
    save_deterministic(build_document(sources()[name].spec), fresh)
    committed = HELDOUT / "plans" / name
    assert _texts(fresh) == _texts(committed), (
        f"{name} is stale: python fixtures/build_plans.py --src fixtures/heldout/src")


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_plancheck_reads_the_items_the_mapping_names(case):
    """One item per source row, in order (plancheck's reading, not its matching), so that I1, I2 …
    of the mapping are the items a report shows."""
    from checker.documents import read_document
    from checker.plan import analyse_plan

    rows = mapping_tool.source_items(sources()[Path(case["plan"]).name].spec)
    plan = analyse_plan(read_document(HELDOUT / case["plan"]))
    assert [item.id for item in plan.items] == [f"I{n}" for n in range(1, len(rows) + 1)]
    for item, row in zip(plan.items, rows):
        if row.get("problem") and "no-problem-column" not in case["tags"]:
            assert _plain(row["problem"]) in _plain(item.problem), (item.id, item.problem[:30])
        first_measure = row["measures"][0] if isinstance(row["measures"], list) else row["measures"]
        assert _plain(first_measure)[:20] in _plain(item.measures), (item.id, item.measures[:30])


def _plain(text: str) -> str:
    return re.sub(r"[\s。；;，,：:]|^\d+\.", "", text or "")


def test_the_first_run_is_recorded_for_these_cases():
    """FIRST_RUN.txt is the one benchmark run made after the labels were frozen: it must be there
    and be a run of this set (every case named)."""
    record = (HELDOUT / "FIRST_RUN.txt").read_text(encoding="utf-8")
    assert "accuracy.py --cases fixtures/heldout/cases.yaml" in record
    for case in cases():
        assert case["name"] in record, case["name"]
