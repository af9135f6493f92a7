"""What every held-out matching set (fixtures/heldout, fixtures/heldout2 …) must satisfy, written once.

Each tests/test_heldout*_fixtures.py names its folder and what is particular to its set, then takes
the common tests:

    SET = HeldOutSet("heldout4")
    globals().update(common_tests(SET, case_count=(12, 16), notice_count=4, ...))

so pytest still collects and names them per file. A check that holds on every set is made for
every set; where the sets really differ the difference is a parameter of `common_tests`.

Not a test file (pytest does not collect it) and, like the per-set files, runs no part of plancheck.
"""

from __future__ import annotations

import calendar
import datetime
import importlib.util
import re
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Callable, Iterable

import pytest
import yaml
from lxml import etree, html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))  # planbuilder and labelled_mapping
from labelled_mapping import LabelledSet  # noqa: E402
from planbuilder import build_document, save_deterministic  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# --------------------------------------------------------------------------- the vocabulary of cases and labels

CATALOGUE = [
    "CV-PROBLEM", "CV-SUGGESTION", "CV-PREVIOUS",
    "PC-LIST-PROBLEM", "PC-LIST-TASK", "PC-LIST-RESP", "PC-DLM", "PC-REPORT", "PC-DISCLOSE",
    "PC-LEAD", "PC-DUAL", "PC-LONGTERM", "PC-IMMEDIATE",
    "IT-MEASURE", "IT-LEADER", "IT-DEPT", "IT-DEADLINE", "IT-DEADLINE-RANGE", "IT-STANDARD",
    "IT-VAGUE", "IT-DUPLICATE",
]
# the matching rules: every procedural part of the held-out plans is complete, so nothing else fires
MATCHING_RULES = {"CV-PROBLEM", "IT-MEASURE", "IT-VAGUE", "IT-DUPLICATE"}
CONCEPTS = {
    "问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "整改方案", "党内通报",
    "向社会公开", "集中整改", "第一责任人", "一岗双责", "长效机制", "立行立改", "上轮整改",
}
CATEGORIES = (None, "党的领导", "党的建设", "全面从严治党")
# the tag vocabulary of fixtures/matching (README there)
TAGS = {
    "complete", "gap", "sub-gap", "distractor", "previous", "paraphrase", "short-titles", "notice-wording",
    "no-problem-column", "category-grouped", "several-tables", "split-table", "merged-cells", "paragraphs",
    "one-item-two-problems", "one-problem-several-items", "reordered", "restated", "slogans", "duplicate",
    "word-numbering",
}
# the kinds every set's brief asked it to cover, each by at least one case
REQUIRED_TAGS = {
    "complete", "gap", "sub-gap", "distractor", "paraphrase", "category-grouped", "paragraphs",
    "no-problem-column", "one-item-two-problems", "one-problem-several-items", "restated", "slogans",
}
# the keys of sets 1 and 2; later sets may also carry the rest of fixtures/matching's keys
FIRST_CASE_KEYS = {"name", "plan", "notice", "uncovered", "fire", "mapping", "unanswered_subs", "tags", "note"}
CASE_KEYS = FIRST_CASE_KEYS | {"rules", "restated", "reader_todo", "feedback_date", "set"}
# words every plan with complete procedural parts carries, checked on the source text only
PROCEDURAL_WORDS = ("问题清单", "任务清单", "责任清单", "第一责任人", "一岗双责", "专题民主生活会", "整改情况报告",
                    "党内通报", "向社会公开", "长效机制", "立行立改", "领导小组")

# Units of every other labelled notice: a held-out notice must be about a sector of its own. The list
# grows with each set, so each set is checked against the sectors taken before it.
SECTORS_BEFORE_HELDOUT3 = ("住建", "住房和城乡建设", "林业", "人社", "人力资源", "退役军人", "粮", "审计", "应急管理",
                           "商务", "法院", "水利", "水务", "交通", "医疗保障", "医保")
SECTORS_BEFORE_HELDOUT4 = SECTORS_BEFORE_HELDOUT3 + (  # heldout3 and the other labelled sets
    "城市管理", "检察", "档案", "融媒体", "城市建设投资", "国有资本", "卫生健康", "医院", "市场监督",
    "统计", "科学技术", "农业农村", "乡村振兴", "财政", "民政", "教育", "信访", "公安", "司法",
    "生态环境", "文化", "机关事务", "公积金", "供销", "总工会", "妇联", "民族宗教", "社会科学")
SECTORS_BEFORE_HELDOUT5 = SECTORS_BEFORE_HELDOUT4 + ("热力", "自然资源", "学院", "大学", "镇党委", "街道", "村")
SECTORS_BEFORE_HELDOUT6 = SECTORS_BEFORE_HELDOUT5 + ("税务", "政务服务", "数据管理", "党校")
SECTORS_BEFORE_HELDOUT7 = SECTORS_BEFORE_HELDOUT6 + ("发展和改革", "发改", "残疾人", "残联", "开发区")

# a unit written in Traditional characters (heldout7) is compared with the sectors in Simplified ones
TO_SIMPLIFIED = str.maketrans("紅會黨組", "红会党组")
ORDINAL = "[一二三四五六七八九十]是"


# --------------------------------------------------------------------------- one set's files


class HeldOutSet:
    """One folder fixtures/<name>: cases.yaml, src/, plans/, notices/ with their .labels.yaml, read
    through fixtures/labelled_mapping.py."""

    def __init__(self, name: str):
        self.name = name
        self.folder = FIXTURES / name
        self.mapping_tool = LabelledSet(self.folder)

    @cache
    def cases(self) -> list[dict]:
        return self.mapping_tool.load_cases()

    @cache
    def sources(self) -> dict:
        """Plan file name → its source (spec and output path)."""
        return self.mapping_tool.sources_by_output()

    def source_of(self, case: dict):
        return self.sources()[Path(case["plan"]).name]

    @cache
    def labels_of(self, notice: str) -> dict:
        """The labels of a notice named as cases.yaml names it: notices/<file>."""
        return self.mapping_tool.labels_of(notice)

    def labels_of_file(self, notice: Path) -> dict:
        return self.labels_of(f"notices/{notice.name}")

    def notices(self) -> list[Path]:
        return sorted(p for p in (self.folder / "notices").iterdir() if p.suffix in (".txt", ".html"))

    @cache
    def notice_text(self, notice: Path) -> str:
        """The notice as it reads: a text file decoded with its labelled encoding (universal newlines), a
        web page as the text of its elements (markup and entities gone)."""
        if notice.suffix == ".html":
            return lxml_html.fromstring(notice.read_bytes()).text_content()
        return notice.read_text(encoding=self.labels_of_file(notice)["encoding"])

    def the_notice_in(self, encoding: str) -> Path:
        """The one notice saved in `encoding` (a set has one notice in an unusual encoding, if any)."""
        found = [p for p in self.notices() if self.labels_of_file(p)["encoding"] == encoding]
        assert len(found) == 1, found
        return found[0]

    def notices_by_shape(self) -> dict[str, Path]:
        return {self.labels_of_file(p)["shape"]: p for p in self.notices()}


# --------------------------------------------------------------------------- the built plans


def document_body(docx: Path):
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read("word/document.xml"))


def paragraph_texts(body) -> list[str]:
    """Every paragraph's text (table cells included), in document order."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


# --------------------------------------------------------------------------- dates and limits

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _date_in(text: str) -> datetime.date | None:
    found = DATE.search(text)
    return datetime.date(*map(int, found.groups())) if found else None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def _add_workdays(day: datetime.date, workdays: int) -> datetime.date:
    """Weekends skipped, public holidays not (a stricter limit)."""
    while workdays:
        day += datetime.timedelta(days=1)
        workdays -= day.weekday() < 5
    return day


def _limit(labels: dict, concept: str, default_months: int, skip_weekends: bool) -> datetime.date:
    """The last day the notice allows for `concept`: its own `within`, else the usual months.
    Without `skip_weekends` N workdays count as N calendar days, the tighter reading."""
    for demand in labels["demands"]:
        if demand["concept"] == concept and "within" in demand:
            value, unit = demand["within"].split()
            if unit == "months":
                return _add_months(labels["date"], int(value))
            if unit == "workdays" and skip_weekends:
                return _add_workdays(labels["date"], int(value))
            return labels["date"] + datetime.timedelta(days=int(value))
    return _add_months(labels["date"], default_months)


def _source_text(block) -> str:
    """The text of a plan source outside its item rows (ledgers and item lists left out)."""
    if isinstance(block, dict):
        return "\n".join(_source_text(v) for k, v in block.items() if k not in ("ledger", "items"))
    if isinstance(block, list):
        return "\n".join(_source_text(v) for v in block)
    return str(block)


def _row_name(row: dict) -> str:
    return str(row.get("problem") or row["measures"])[:30]


def _numbered(entries: dict | None) -> dict:
    """A cases.yaml map keyed by problem number, with the keys as ints."""
    return {int(k): v for k, v in (entries or {}).items()}


# --------------------------------------------------------------------------- the checks


def check_size_and_kinds(s: HeldOutSet, case_count: tuple[int, int], notice_count: int,
                         required_tags: set[str], allowed_tags: set[str]) -> None:
    all_cases = s.cases()
    low, high = case_count
    assert low <= len(all_cases) <= high
    names = [c["name"] for c in all_cases]
    assert len(names) == len(set(names))
    assert len(s.notices()) == notice_count
    assert {c["notice"] for c in all_cases} == {f"notices/{p.name}" for p in s.notices()}
    for notice in {c["notice"] for c in all_cases}:
        mine = [c for c in all_cases if c["notice"] == notice]
        assert len(mine) >= 3, notice
        # every notice has a complete plan and at least one plan with a gap
        assert any("complete" in c["tags"] for c in mine), notice
        assert any(c["uncovered"] for c in mine), notice
    with_gap = sum(1 for c in all_cases if c["uncovered"])
    assert 0.35 <= with_gap / len(all_cases) <= 0.65
    tags = {t for c in all_cases for t in c["tags"]}
    assert tags <= allowed_tags, tags - allowed_tags
    assert required_tags <= tags, required_tags - tags
    assert any(len(items) >= 3 for c in all_cases for items in c["mapping"].values())


def check_sources_and_cases_pair_up(s: HeldOutSet) -> None:
    assert {Path(c["plan"]).name for c in s.cases()} == set(s.sources())
    assert {p.name for p in (s.folder / "plans").glob("*.docx")} == set(s.sources())
    for name, source in s.sources().items():
        assert source.output == f"fixtures/{s.name}/plans/{name}"
        assert (FIXTURES / source.spec["notice"]).is_file(), source.spec["notice"]
    for case in s.cases():
        assert s.source_of(case).spec["notice"] == f"{s.name}/{case['notice']}", case["name"]


def _check_subs(problem: dict) -> None:
    """The subs are cuts of their problem, in order and apart; each is a concrete failing, never the
    clause that opens (summarises) the problem, without its ordinal or closing punctuation."""
    assert len(problem["subs"]) != 1, "one sub is the problem itself: write subs: []"
    sub_end = 0
    for sub in problem["subs"]:
        at = problem["text"].find(sub, sub_end)
        assert at >= sub_end, f"sub missing, overlapping or out of order: {sub}"
        sub_end = at + len(sub)
        assert not problem["text"].startswith(sub), sub
        assert not re.match(ORDINAL, sub), "a sub leaves out its ordinal"
        assert sub[-1] not in "；。", sub


def check_notice_labels(s: HeldOutSet, notice: Path, encodings: Iterable[str], problem_count: tuple[int, int],
                        handover_words: Iterable[str], seen_sectors: Iterable[str]) -> None:
    labels = s.labels_of_file(notice)
    assert labels["encoding"] in encodings
    text = s.notice_text(notice)
    low, high = problem_count
    assert low <= len(labels["problems"]) <= high
    position = -1
    for problem in labels["problems"]:
        found = text.find(problem["text"])
        assert found > position, f"missing or out of order: {problem['text'][:30]}"
        position = found
        assert problem.get("category") in CATEGORIES
        _check_subs(problem)
    for suggestion in labels["suggestions"]:
        assert suggestion in text, suggestion[:30]
    for lead in labels["not_problems"]:
        assert lead in text and any(word in lead for word in handover_words), lead[:30]
    assert labels["unit"] in text and labels["inspector"] in text
    simplified_unit = labels["unit"].translate(TO_SIMPLIFIED)
    assert not any(sector in simplified_unit for sector in seen_sectors), labels["unit"]
    check_date_and_demands(labels, text)


def check_date_and_demands(labels: dict, text: str) -> None:
    """The labelled feedback date is in the notice; every demand names a known concept and a sane limit."""
    date = labels["date"]
    assert f"{date.month}月{date.day}日" in text and str(date.year) in text
    for demand in labels["demands"]:
        assert demand["concept"] in CONCEPTS
        if "within" in demand:
            value, unit = demand["within"].split()
            assert int(value) > 0 and unit in {"days", "workdays", "months"}


def check_units_differ_from_other_labels(s: HeldOutSet) -> None:
    """No labelled notice outside this set (other held-out sets included) is about the same unit."""
    own = {s.labels_of_file(p)["unit"] for p in s.notices()}
    others = set()
    for path in FIXTURES.rglob("*.labels.yaml"):
        if s.name in path.relative_to(FIXTURES).parts:
            continue
        others.add(str(yaml.safe_load(path.read_text(encoding="utf-8")).get("unit")))
    assert not any(u in o or o in u for u in own for o in others if o != "None")


def check_case(s: HeldOutSet, case: dict, case_keys: set[str], allowed_tags: set[str], restated_marked: bool) -> None:
    assert set(case) <= case_keys, set(case) - case_keys
    assert (s.folder / case["plan"]).is_file() and (s.folder / case["notice"]).is_file()
    labels = s.labels_of(case["notice"])
    n = len(labels["problems"])
    mapping = _numbered(case["mapping"])
    assert set(mapping) == set(range(1, n + 1))
    subs_missing = _numbered(case.get("unanswered_subs"))
    for number, subs in subs_missing.items():
        assert mapping[number], "a problem with a missing sub still has items for its other subs"
        assert subs and set(subs) <= set(labels["problems"][number - 1]["subs"])
    restated = _numbered(case.get("restated"))
    for number, items in restated.items():
        assert items and set(items) <= set(mapping[number]), "restated names the problem's own items"
        # a restated problem with subs leaves every sub unanswered
        assert set(subs_missing.get(number, [])) == set(labels["problems"][number - 1]["subs"])
    unanswered = {k for k, items in mapping.items() if not items}
    assert set(case["uncovered"]) == unanswered | set(subs_missing) | set(restated)
    assert case["uncovered"] == sorted(case["uncovered"])
    assert case["fire"] == [r for r in CATALOGUE if r in case["fire"]], "catalogue order, no unknown IDs"
    assert set(case["fire"]) <= MATCHING_RULES, "only matching rules fire on this set"
    assert ("CV-PROBLEM" in case["fire"]) == bool(case["uncovered"])
    if restated_marked:
        assert ("IT-MEASURE" in case["fire"]) == bool(restated)
    assert set(case["tags"]) <= allowed_tags, set(case["tags"]) - allowed_tags
    assert ("complete" in case["tags"]) == (not case["uncovered"] and not case["fire"])
    # sub-gap: a sub left unanswered by a problem that is not merely restated
    assert ("sub-gap" in case["tags"]) == bool(set(subs_missing) - set(restated))


def check_mapping_beside_the_rows(s: HeldOutSet, case: dict) -> None:
    source = s.source_of(case)
    n = len(s.labels_of(case["notice"])["problems"])
    assert _numbered(case["mapping"]) == s.mapping_tool.source_mapping(source.spec, n)
    for row in s.mapping_tool.source_items(source.spec):
        assert row.get("answers"), f"row without answers: {_row_name(row)}"
        assert set(row["answers"]) <= set(range(1, n + 1))


def check_plan_built_from_source(s: HeldOutSet, name: str, tmp_path: Path) -> None:
    """The plan is rebuilt and compared paragraph by paragraph, table cells included."""
    fresh = tmp_path / name
    save_deterministic(build_document(s.sources()[name].spec), fresh)
    committed = s.folder / "plans" / name
    assert paragraph_texts(document_body(fresh)) == paragraph_texts(document_body(committed)), (
        f"{name} is stale: python fixtures/build_plans.py --src fixtures/{s.name}/src")


def check_procedural_parts(s: HeldOutSet, case: dict, skip_weekends: bool) -> None:
    """Only matching rules may fire: the source itself shows every procedural part, every row has
    owners, a standard and a deadline between the plan date and the end of 集中整改."""
    spec = s.source_of(case).spec
    labels = s.labels_of(case["notice"])

    def limit(concept: str, default_months: int) -> datetime.date:
        return _limit(labels, concept, default_months, skip_weekends)

    body = _source_text(spec["body"])
    for word in PROCEDURAL_WORDS:
        assert word in body, word
    created = spec["core"]["created"]
    created = created.date() if isinstance(created, datetime.datetime) else created
    assert labels["date"] < created <= limit("整改方案", 1)
    for line in body.splitlines():
        day = _date_in(line)
        if "专题民主生活会" in line and day:
            assert day <= limit("专题民主生活会", 1), line
        if "整改情况报告" in line and day:
            assert day <= limit("整改情况报告", 2), line
            to = next(d.get("to", "巡察办") for d in labels["demands"] if d["concept"] == "整改情况报告")
            assert to in line, line
    window = limit("集中整改", 3)
    for row in s.mapping_tool.source_items(spec):
        for field in ("measures", "leader", "dept", "deadline", "standard"):
            assert row.get(field), f"{field} missing: {_row_name(row)}"
        deadline = _date_in(row["deadline"])
        if deadline:
            assert created <= deadline <= window, row["deadline"]
        else:
            assert row["deadline"].startswith("立行立改"), row["deadline"]


# --------------------------------------------------------------------------- the tests of one set

NoticeCheck = Callable[[Path, dict, str], None]


def lists_and_failings_demanded(notice, labels: dict, text: str) -> None:
    """The notice checks of heldout8 and later sets: each notice names its file, has a problem with
    a single failing and one with three, and demands every list, the meeting, the report, the
    集中整改 period and the plan."""
    assert labels["file"] == notice.name
    assert any(not p["subs"] for p in labels["problems"]), "one problem with a single concrete failing"
    assert any(len(p["subs"]) >= 3 for p in labels["problems"]), "one problem with three failings"
    concepts = {d["concept"] for d in labels["demands"]}
    assert {"问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "集中整改", "整改方案"} <= concepts


def check_notices_built(s: HeldOutSet, tmp_path: Path, script: str = "build_notices.py", *,
                        same_xml: bool = False) -> None:
    """The committed notices are what the set's build script makes: text files byte for byte, Word
    files by their paragraphs' text (and by word/document.xml with `same_xml`)."""
    spec = importlib.util.spec_from_file_location(f"{s.name}_build_notices", s.folder / script)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    stale = f"stale: python fixtures/{s.name}/{script}"
    for path, data in builder.built().items():
        committed = s.folder / "notices" / path.name
        if path.suffix != ".docx":
            assert committed.read_bytes() == data, f"{path.name} is {stale}"
            continue
        fresh = tmp_path / path.name
        fresh.write_bytes(data)
        assert paragraph_texts(document_body(fresh)) == paragraph_texts(document_body(committed)), stale
        if same_xml:
            with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
                assert a.read("word/document.xml") == b.read("word/document.xml"), stale


def common_tests(s: HeldOutSet, *, case_count: tuple[int, int], notice_count: int,
                 problem_count: tuple[int, int] = (6, 14),
                 extra_required_tags: Iterable[str] = (), allowed_tags: set[str] = TAGS,
                 case_keys: set[str] = CASE_KEYS, restated_marked: bool = True,
                 encodings: Iterable[str] = ("utf-8",), handover_words: Iterable[str] = ("移交", "转交"),
                 seen_sectors: Iterable[str] = (), notice_checks: Iterable[NoticeCheck] = (),
                 units_differ_from_other_labels: bool = True,
                 procedural_parts_complete: bool = True, skip_weekends: bool = False) -> dict:
    """The tests every held-out set shares, by name, for `globals().update(...)` in its test file.

    case_count, notice_count, problem_count: the sizes the set's brief asked for (ranges inclusive);
    extra_required_tags: kinds the set must cover beyond REQUIRED_TAGS; allowed_tags, case_keys: the
    vocabulary its cases may use; restated_marked: its cases name restated problems under `restated:`,
    and IT-MEASURE fires exactly when one is; encodings: those its notices may be saved in;
    handover_words: what a lead handed over (not_problems) must say; seen_sectors: sectors its units
    must keep clear of; notice_checks: set-specific checks `check(notice, labels, text)` run inside
    the notice test; units_differ_from_other_labels: compare its units with every other labelled
    notice; procedural_parts_complete: its plans show every procedural part inside the notice's
    limits; skip_weekends: N workdays of a limit skip weekends (else count as N days, tighter).
    """
    required_tags = REQUIRED_TAGS | set(extra_required_tags)
    encodings, handover_words, seen_sectors = tuple(encodings), tuple(handover_words), tuple(seen_sectors)
    notice_checks = tuple(notice_checks)
    each_case = pytest.mark.parametrize("case", s.cases(), ids=lambda c: c["name"])

    def test_the_set_has_the_size_and_kinds_asked_for():
        check_size_and_kinds(s, case_count, notice_count, required_tags, allowed_tags)

    def test_every_source_is_a_case_and_every_case_has_a_source():
        check_sources_and_cases_pair_up(s)

    @pytest.mark.parametrize("notice", s.notices(), ids=lambda p: p.stem)
    def test_notice_labels_are_exact_cuts_in_order(notice):
        check_notice_labels(s, notice, encodings, problem_count, handover_words, seen_sectors)
        for check in notice_checks:
            check(notice, s.labels_of_file(notice), s.notice_text(notice))

    def test_units_differ_from_the_other_labelled_notices():
        check_units_differ_from_other_labels(s)

    @each_case
    def test_plan_has_every_procedural_part_inside_the_notice_limits(case):
        check_procedural_parts(s, case, skip_weekends)

    @each_case
    def test_case_is_consistent(case):
        check_case(s, case, case_keys, allowed_tags, restated_marked)

    @each_case
    def test_mapping_is_the_one_written_beside_the_rows(case):
        check_mapping_beside_the_rows(s, case)

    @pytest.mark.parametrize("name", sorted(s.sources()))
    def test_committed_plan_is_built_from_its_source(name, tmp_path):
        check_plan_built_from_source(s, name, tmp_path)

    tests = [
        test_the_set_has_the_size_and_kinds_asked_for,
        test_every_source_is_a_case_and_every_case_has_a_source,
        test_notice_labels_are_exact_cuts_in_order,
        test_units_differ_from_the_other_labelled_notices if units_differ_from_other_labels else None,
        test_plan_has_every_procedural_part_inside_the_notice_limits if procedural_parts_complete else None,
        test_case_is_consistent,
        test_mapping_is_the_one_written_beside_the_rows,
        test_committed_plan_is_built_from_its_source,
    ]
    return {test.__name__: test for test in tests if test}

# heldout7's units (市公共资源交易中心, 市文联, 市红十字会), for the sets written after it
SECTORS_BEFORE_HELDOUT8 = SECTORS_BEFORE_HELDOUT7 + ("公共资源交易", "文学艺术", "文联", "红十字")

# heldout8's units (县农商银行党委, 县投资促进局党组, 县工商联党组), for the sets written after it
SECTORS_BEFORE_HELDOUT9 = SECTORS_BEFORE_HELDOUT8 + ("农商银行", "农村商业银行", "投资促进", "工商联", "工商业联合会")

# heldout9's units (县委编办, 县委老干部局, 县地方志编纂中心党支部), for the sets written after it
SECTORS_BEFORE_HELDOUT10 = SECTORS_BEFORE_HELDOUT9 + ("机构编制", "编办", "老干部", "地方志")
