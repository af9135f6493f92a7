"""The labelled matching set (fixtures/matching) and the labelled measures
(fixtures/measures/labelled.yaml) are well-formed: files exist, labels are exact cuts of their
notices, every case's mapping agrees with the labels written beside the plan rows and names items
that plancheck actually reads from the plan. Not a test of matching accuracy (that is the
benchmark's job): nothing here asks whether plancheck FINDS the mapping."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
MATCHING = ROOT / "fixtures" / "matching"
MEASURES = ROOT / "fixtures" / "measures" / "labelled.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# the rule catalogue and the demand concepts, as the held-out sets' tests know them
pytest.register_assert_rewrite("heldout_sets")  # before its first import, whichever file comes first
from heldout_sets import CATALOGUE, CONCEPTS, check_date_and_demands  # noqa: E402

MATCHING_RULES = {"CV-PROBLEM", "CV-SUGGESTION", "IT-MEASURE", "IT-VAGUE", "IT-DUPLICATE"}
TAGS = {
    "complete", "gap", "sub-gap", "distractor", "previous", "paraphrase", "short-titles", "notice-wording",
    "no-problem-column", "category-grouped", "several-tables", "split-table", "merged-cells", "paragraphs",
    "one-item-two-problems", "one-problem-several-items", "reordered", "restated", "slogans", "duplicate",
    "word-numbering",
}
CASE_KEYS = {"name", "plan", "notice", "uncovered", "fire", "rules", "mapping", "unanswered_subs", "restated",
             "reader_todo", "tags", "note", "feedback_date", "set"}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mapping_tool = _load("labelled_mapping", ROOT / "fixtures" / "labelled_mapping.py").LabelledSet(MATCHING)  # puts fixtures/ on sys.path
build_plans = _load("build_plans", ROOT / "fixtures" / "build_plans.py")
from planbuilder import build_document, save_deterministic  # noqa: E402


@cache
def cases() -> list[dict]:
    return mapping_tool.load_cases()


@cache
def sources() -> dict:
    return mapping_tool.sources_by_output()


@cache
def labels_of(notice: str) -> dict:
    path = (MATCHING / notice).resolve()
    return yaml.safe_load(path.with_name(path.stem + ".labels.yaml").read_text(encoding="utf-8"))


def new_notices() -> list[Path]:
    return sorted((MATCHING / "notices").glob("*.txt"))


def case_id(case: dict) -> str:
    return case["name"]


# --------------------------------------------------------------------------- the set as a whole


def test_enough_cases_of_every_kind():
    all_cases = cases()
    assert len(all_cases) >= 40
    names = [c["name"] for c in all_cases]
    assert len(names) == len(set(names))
    with_gap = sum(1 for c in all_cases if c["uncovered"])
    assert 0.4 <= with_gap / len(all_cases) <= 0.6, "about half the cases leave a problem uncovered"
    tags = {t for c in all_cases for t in c["tags"]}
    assert tags == TAGS, f"unused or unknown tags: {tags ^ TAGS}"
    assert len(new_notices()) >= 10
    sizes = [len(labels_of(f"notices/{p.name}")["problems"]) for p in new_notices()]
    assert min(sizes) <= 5 and max(sizes) >= 20


def test_every_source_is_a_case_and_every_case_has_a_source():
    assert {Path(c["plan"]).name for c in cases()} == set(sources())
    assert {p.name for p in (MATCHING / "plans").glob("*.docx")} == set(sources())


# --------------------------------------------------------------------------- notices and labels


@pytest.mark.parametrize("notice", new_notices(), ids=lambda p: p.stem)
def test_notice_labels_are_exact_cuts_in_order(notice):
    labels = labels_of(f"notices/{notice.name}")
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
    assert 5 <= len(labels["problems"]) <= 20
    for suggestion in labels["suggestions"]:
        assert suggestion in text, suggestion[:30]
    for lead in labels["not_problems"]:
        assert lead in text and ("移交" in lead or "转交" in lead)
    assert labels["unit"] in text and labels["inspector"] in text
    check_date_and_demands(labels, text)


@pytest.mark.parametrize("notice", new_notices(), ids=lambda p: p.stem)
def test_plancheck_finds_every_labelled_problem(notice):
    """The benchmark maps labels to what plancheck extracts; a label it cannot find would count as
    a gap that no plan could close."""
    from checker.documents import read_document
    from checker.feedback import analyse_notice
    from checker.testing import labelled_to_extracted

    labels = labels_of(f"notices/{notice.name}")
    req = analyse_notice(read_document(notice))
    found = labelled_to_extracted([p["text"] for p in labels["problems"]], req.problems)
    assert all(found.values()), [k for k, v in found.items() if v is None]
    assert len(set(found.values())) == len(found), "two labelled problems read as one"


# --------------------------------------------------------------------------- cases


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_case_is_consistent(case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert (MATCHING / case["plan"]).is_file() and (MATCHING / case["notice"]).is_file()
    labels = labels_of(case["notice"])
    n = len(labels["problems"])
    mapping = {int(k): v for k, v in case["mapping"].items()}
    assert set(mapping) == set(range(1, n + 1))
    subs_missing = {int(k): v for k, v in (case.get("unanswered_subs") or {}).items()}
    for number, subs in subs_missing.items():
        assert mapping[number], "a problem with a missing sub still has items for its other subs"
        assert set(subs) <= set(labels["problems"][number - 1]["subs"])
    unanswered = {k for k, items in mapping.items() if not items}
    # restated: problems whose items only say the problem again — measures counted as missing
    restated = {int(k): v for k, v in (case.get("restated") or {}).items()}
    for number, items in restated.items():
        assert items and set(items) <= set(mapping[number]), "restated names the problem's own items"
    assert set(case["uncovered"]) == unanswered | set(subs_missing) | set(restated)
    assert case["uncovered"] == sorted(case["uncovered"])
    assert case["fire"] == [r for r in CATALOGUE if r in case["fire"]], "catalogue order, no unknown IDs"
    assert ("CV-PROBLEM" in case["fire"]) == bool(case["uncovered"])
    if case.get("rules"):
        assert set(case["rules"]) <= MATCHING_RULES and set(case["fire"]) <= set(case["rules"])
    assert set(case["tags"]) <= TAGS
    assert ("complete" in case["tags"]) == (not case["uncovered"] and not case["fire"])


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_mapping_is_the_one_written_beside_the_rows(case):
    source = sources()[Path(case["plan"]).name]
    n = len(labels_of(case["notice"])["problems"])
    assert {int(k): v for k, v in case["mapping"].items()} == mapping_tool.source_mapping(source.spec, n)
    for row in mapping_tool.source_items(source.spec):
        assert row.get("answers"), f"row without answers: {str(row.get('problem') or row['measures'])[:30]}"
        assert set(row["answers"]) <= set(range(1, n + 1))


def _reading_marks(case: dict):
    if case.get("reader_todo"):
        return [pytest.mark.xfail(strict=True, reason=case["reader_todo"])]
    return []


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["name"], marks=_reading_marks(c)) for c in cases()]
)
def test_plancheck_reads_the_items_the_mapping_names(case):
    """plancheck's item reading (not its matching) gives one item per source row, in order, so the
    item ids of the mapping are the ones a report shows."""
    from checker.documents import read_document
    from checker.plan import analyse_plan

    rows = mapping_tool.source_items(sources()[Path(case["plan"]).name].spec)
    plan = analyse_plan(read_document(MATCHING / case["plan"]))
    assert [item.id for item in plan.items] == [f"I{n}" for n in range(1, len(rows) + 1)]
    mapped = {i for items in case["mapping"].values() for i in items}
    assert mapped <= {item.id for item in plan.items}
    for item, row in zip(plan.items, rows):
        if row.get("problem") and "no-problem-column" not in case.get("tags", []):
            assert _plain(row["problem"]) in _plain(item.problem), (item.id, item.problem[:30])
        first_measure = row["measures"][0] if isinstance(row["measures"], list) else row["measures"]
        assert _plain(first_measure)[:20] in _plain(item.measures), (item.id, item.measures[:30])


def _plain(text: str) -> str:
    return re.sub(r"[\s。；;，,：:]|^\d+\.", "", text or "")


# --------------------------------------------------------------------------- the built plans


def _paragraph_texts(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


def test_committed_plans_are_built_from_their_sources(tmp_path):
    """A full rebuild of 42 plans takes ~15 s: rebuild the plans that use a structural change
    (table options, paragraphs, moved rows) and every base plan; the rest share their base's
    build code and are covered by `python fixtures/build_plans.py --src fixtures/matching/src
    --check`."""
    structural = ("set_table", "to_items", "move_item")
    chosen = []
    for name, source in sources().items():
        raw = yaml.safe_load(source.path.read_text(encoding="utf-8"))
        ops = {op for change in raw.get("changes") or [] for op in change if op != "why"}
        if "base" not in raw or ops & set(structural):
            chosen.append(name)
    assert len(chosen) >= 11
    for name in chosen:
        fresh = tmp_path / name
        save_deterministic(build_document(sources()[name].spec), fresh)
        committed = MATCHING / "plans" / name
        assert _paragraph_texts(fresh) == _paragraph_texts(committed), f"{name}: run build_plans.py --src"


def test_builder_writes_matching_plans_beside_their_sources():
    for name, source in sources().items():
        assert source.output == f"fixtures/matching/plans/{name}"
    assert build_plans.SRC == ROOT / "fixtures" / "plans" / "src"


# --------------------------------------------------------------------------- labelled measures


@cache
def measures() -> dict:
    return yaml.safe_load(MEASURES.read_text(encoding="utf-8"))


def test_labelled_measures_are_well_formed():
    entries = measures()["measures"]
    assert len(entries) >= 150
    for entry in entries:
        assert set(entry) == {"problem", "measures", "vague", "restating"}
        assert isinstance(entry["vague"], bool) and isinstance(entry["restating"], bool)
        assert entry["problem"].strip() and entry["measures"].strip()
    pairs = [(e["problem"], e["measures"]) for e in entries]
    assert len(pairs) == len(set(pairs))
    vague = sum(e["vague"] for e in entries)
    restating = sum(e["restating"] for e in entries)
    neither = sum(not e["vague"] and not e["restating"] for e in entries)
    assert vague >= 40 and restating >= 30 and neither >= 50
    # the hard negatives exist: concrete measures that use slogan words or the problem's words
    concrete = [e["measures"] for e in entries if not e["vague"] and not e["restating"]]
    assert any(w in m for m in concrete for w in ("进一步", "切实", "严格"))


def _same_measures(text: str) -> str:
    text = re.sub(r"(?m)^\s*\d+[.．、]", "", text)
    return re.sub(r"[\s，。；、,.;:：]", "", text)


def test_duplicate_groups_are_what_they_say():
    groups = measures()["duplicates"]
    assert sum(g["duplicate"] for g in groups) >= 4 and sum(not g["duplicate"] for g in groups) >= 4
    for group in groups:
        assert set(group) == {"name", "duplicate", "items"} and len(group["items"]) >= 2
        texts = {_same_measures(i["measures"]) for i in group["items"]}
        problems = {i["problem"] for i in group["items"]}
        if group["duplicate"]:
            assert len(texts) == 1 and len(problems) == len(group["items"]), group["name"]
        else:
            assert len(texts) == len(group["items"]), group["name"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
