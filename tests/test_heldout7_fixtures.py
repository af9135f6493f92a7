"""The held-out matching set 7 (fixtures/heldout7) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, and every case's
mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of plancheck
(no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import calendar
import datetime
import importlib.util
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from lxml import etree, html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "fixtures" / "heldout7"
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
TAGS = {
    "complete", "gap", "sub-gap", "distractor", "previous", "paraphrase", "short-titles", "notice-wording",
    "no-problem-column", "category-grouped", "several-tables", "split-table", "merged-cells", "paragraphs",
    "one-item-two-problems", "one-problem-several-items", "reordered", "restated", "slogans", "duplicate",
    "word-numbering",
}
CASE_KEYS = {"name", "plan", "notice", "uncovered", "fire", "rules", "mapping", "unanswered_subs", "restated",
             "reader_todo", "tags", "note", "feedback_date", "set"}
# Units of every other labelled notice: a held-out notice must be about a sector of its own.
SEEN_SECTORS = ("住建", "住房和城乡建设", "林业", "人社", "人力资源", "退役军人", "粮", "审计", "应急管理",
                "商务", "法院", "水利", "水务", "交通", "医疗保障", "医保",
                # heldout3 and the other labelled sets
                "城市管理", "检察", "档案", "融媒体", "城市建设投资", "国有资本", "卫生健康", "医院", "市场监督",
                "统计", "科学技术", "农业农村", "乡村振兴", "财政", "民政", "教育", "信访", "公安", "司法",
                "生态环境", "文化", "机关事务", "公积金", "供销", "总工会", "妇联", "民族宗教", "社会科学",
                # heldout4
                "热力", "自然资源", "学院", "大学", "镇党委", "街道", "村",
                # heldout5
                "税务", "政务服务", "数据管理", "党校",
                # heldout6
                "发展和改革", "发改", "残疾人", "残联", "开发区")
# the matching rules: every procedural part of these plans is complete, so nothing else fires
MATCHING_RULES = {"CV-PROBLEM", "IT-MEASURE", "IT-VAGUE", "IT-DUPLICATE"}
# words every plan of the set carries (its procedural parts), checked on the source text only
PROCEDURAL_WORDS = ("问题清单", "任务清单", "责任清单", "第一责任人", "一岗双责", "专题民主生活会", "整改情况报告",
                    "党内通报", "向社会公开", "长效机制", "立行立改", "领导小组")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mapping_tool = _load("heldout7_mapping", HELDOUT / "mapping.py")  # puts fixtures/ on sys.path
from planbuilder import build_document, save_deterministic  # noqa: E402


@cache
def cases() -> list[dict]:
    return mapping_tool.load_cases()


@cache
def sources() -> dict:
    return mapping_tool.sources_by_output()


@cache
def labels_of(notice: str) -> dict:
    path = (HELDOUT / notice).resolve()
    return yaml.safe_load(path.with_name(path.stem + ".labels.yaml").read_text(encoding="utf-8"))


FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def notices() -> list[Path]:
    return sorted(p for p in (HELDOUT / "notices").iterdir() if p.suffix in (".txt", ".html"))


@cache
def notice_text(name: str) -> str:
    """The notice as it reads: a text file decoded with its labelled encoding (universal newlines), a
    web page as the text of its elements (markup and entities gone)."""
    path = HELDOUT / "notices" / name
    labels = labels_of(f"notices/{name}")
    if path.suffix == ".html":
        return lxml_html.fromstring(path.read_bytes()).text_content()
    return path.read_text(encoding=labels["encoding"])


# --------------------------------------------------------------------------- the set as a whole


def test_the_set_has_the_size_and_kinds_asked_for():
    all_cases = cases()
    assert 11 <= len(all_cases) <= 12
    names = [c["name"] for c in all_cases]
    assert len(names) == len(set(names))
    assert len(notices()) == 3
    with_gap = sum(1 for c in all_cases if c["uncovered"])
    assert 0.35 <= with_gap / len(all_cases) <= 0.65
    tags = {t for c in all_cases for t in c["tags"]}
    for needed in ("paraphrase", "category-grouped", "paragraphs", "no-problem-column", "one-item-two-problems",
                   "one-problem-several-items", "merged-cells", "gap", "sub-gap", "distractor", "restated",
                   "slogans", "split-table", "several-tables", "notice-wording", "word-numbering", "reordered",
                   "short-titles"):
        assert needed in tags, needed
    assert any(len(items) >= 3 for c in all_cases for items in c["mapping"].values())
    # every notice has a complete plan and at least one plan with a gap
    for notice in {c["notice"] for c in all_cases}:
        mine = [c for c in all_cases if c["notice"] == notice]
        assert any("complete" in c["tags"] for c in mine), notice
        assert any(c["uncovered"] for c in mine), notice


def test_every_source_is_a_case_and_every_case_has_a_source():
    assert {Path(c["plan"]).name for c in cases()} == set(sources())
    assert {p.name for p in (HELDOUT / "plans").glob("*.docx")} == set(sources())
    for name, source in sources().items():
        assert source.output == f"fixtures/heldout7/plans/{name}"
        assert (ROOT / "fixtures" / source.spec["notice"]).is_file(), source.spec["notice"]
    for case in cases():
        source = sources()[Path(case["plan"]).name]
        assert source.spec["notice"] == f"heldout7/{case['notice']}", case["name"]


# --------------------------------------------------------------------------- notices and labels


@pytest.mark.parametrize("notice", notices(), ids=lambda p: p.stem)
def test_notice_labels_are_exact_cuts_in_order(notice):
    labels = labels_of(f"notices/{notice.name}")
    assert labels["file"] == notice.name
    assert labels["encoding"] in ("utf-8", "utf-8-sig", "gb18030")
    text = notice_text(notice.name)
    position = -1
    for problem in labels["problems"]:
        found = text.find(problem["text"])
        assert found > position, f"missing or out of order: {problem['text'][:30]}"
        position = found
        assert problem.get("category") in (None, "党的领导", "党的建设", "全面从严治党")
        for sub in problem["subs"]:
            assert sub in problem["text"], sub
            # a sub is a concrete failing, never the clause that opens (summarises) the problem
            assert not problem["text"].startswith(sub), sub
            assert not re.match("[一二三四五六七八九十]是", sub), "a sub leaves out its ordinal"
            assert sub[-1] not in "；。", sub
        assert len(problem["subs"]) != 1, "one sub is the problem itself: write subs: []"
    assert 8 <= len(labels["problems"]) <= 11
    assert any(not p["subs"] for p in labels["problems"]), "one problem with a single concrete failing"
    assert any(len(p["subs"]) >= 3 for p in labels["problems"]), "one problem with three failings"
    for suggestion in labels["suggestions"]:
        assert suggestion in text, suggestion[:30]
    for lead in labels["not_problems"]:
        assert lead in text and ("移交" in lead or "转交" in lead)
    assert labels["unit"] in text and labels["inspector"] in text
    simplified_unit = labels["unit"].replace("紅", "红").replace("會", "会").replace("黨", "党").replace("組", "组")
    assert not any(sector in simplified_unit for sector in SEEN_SECTORS), labels["unit"]
    assert labels["unit"].startswith("市") and labels["inspector"].startswith("市委"), "city-level inspections"
    date = labels["date"]
    assert f"{date.month}月{date.day}日" in text and str(date.year) in text
    for demand in labels["demands"]:
        assert demand["concept"] in CONCEPTS
        if "within" in demand:
            value, unit = demand["within"].split()
            assert int(value) > 0 and unit in {"days", "workdays", "months"}
    concepts = {d["concept"] for d in labels["demands"]}
    assert {"问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "集中整改"} <= concepts


def test_units_differ_from_the_other_labelled_notices():
    """No other labelled notice (held-out sets 1–6 included) is about the same unit."""
    own = {labels_of(f"notices/{p.name}")["unit"] for p in notices()}
    others = set()
    for path in (ROOT / "fixtures").rglob("*.labels.yaml"):
        if "heldout7" in path.relative_to(ROOT / "fixtures").parts:
            continue
        others.add(str(yaml.safe_load(path.read_text(encoding="utf-8")).get("unit")))
    assert not any(u in o or o in u for u in own for o in others if o != "None")


def test_one_notice_is_utf8_with_bom_and_crlf():
    bom = [p for p in notices() if labels_of(f"notices/{p.name}")["encoding"] == "utf-8-sig"]
    assert len(bom) == 1
    raw = bom[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CRLF line ends, as saved on Windows"
    for other in notices():
        if other != bom[0]:
            data = other.read_bytes()
            assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data


def test_shapes_are_letter_with_yishi_news_page_and_traditional_letter():
    shapes = {labels_of(f"notices/{p.name}")["shape"]: p for p in notices()}
    assert set(shapes) == {"letter-yishi", "news-html", "letter-traditional"}

    # the letter: 一、（一）1. and, inside every numbered problem with failings, 一是…；二是…
    letter = shapes["letter-yishi"]
    text = notice_text(letter.name)
    assert re.search(r"^一、", text, re.M) and re.search(r"^（一）", text, re.M) and re.search(r"^1\.", text, re.M)
    for number, problem in enumerate(labels_of(f"notices/{letter.name}")["problems"], 1):
        line = next(line for line in text.splitlines() if line.startswith(f"{number}."))
        assert problem["text"] in line
        if problem["subs"]:
            ordinals = re.findall("([一二三四五六七八九十])是", problem["text"])
            assert ordinals == list("一二三四五六七八九十"[: len(problem["subs"])]), problem["text"][:20]
        else:
            assert "一是" not in problem["text"]

    # the news page: a saved web page, problems under bold （一）…方面 headings, 一是… marking problems
    page = shapes["news-html"]
    assert page.suffix == ".html"
    tree = lxml_html.fromstring(page.read_bytes())
    articles = tree.xpath('//div[@class="article"]')
    assert len(articles) == 1
    assert tree.xpath('//div[@class="nav"]') and tree.xpath('//div[@class="footer"]'), "site text around it"
    headings = [s.text_content() for s in articles[0].xpath(".//strong")]
    assert len(headings) == 3 and all(re.match("（[一二三]）.+方面$", h) for h in headings), headings
    labels = labels_of(f"notices/{page.name}")
    paragraphs = [p.text_content() for p in articles[0].xpath("./p")]
    for problem in labels["problems"]:
        holder = [p for p in paragraphs if problem["text"] in p]
        assert len(holder) == 1, "every problem sits inside one paragraph"
        at = holder[0].index(problem["text"])
        assert re.match("[一二三四五六七八九十]是$", holder[0][at - 2: at]), "a problem opens with 一是/二是…"
        assert "；" not in problem["text"] and not re.search("[一二三四五六七八九十]是", problem["text"])
    raw = page.read_text(encoding="utf-8")
    for problem in labels["problems"]:
        assert problem["text"] in raw, "no markup or entity inside a label"

    # the Traditional letter: Traditional characters, full-width and half-width digits mixed, every
    # problem's title on a line of its own
    traditional = shapes["letter-traditional"]
    labels = labels_of(f"notices/{traditional.name}")
    assert labels.get("traditional") and labels.get("noisy")
    text = notice_text(traditional.name)
    assert "黨" in text and "党" not in text and "問題" in text and "问题" not in text
    assert re.search("[０-９]", text) and re.search("[0-9]", text), "full-width and half-width digits mixed"
    cut = [p["text"] for p in labels["problems"]]
    assert any(re.search("[０-９]", t) and re.search("[0-9]", t) for t in cut), "mixed digits inside one label"
    assert any(re.search("[Ａ-Ｚ]", t) for t in cut), "a full-width Latin letter inside a label"
    for number, problem in enumerate(cut, 1):
        title, detail = problem.split("\n")
        assert title[-1] not in "。；" and f"\n{number}.{title}\n" in text
        assert detail.endswith("。")
    # the limits of the Traditional notice, read after folding the width of the digits
    folded = text.translate(FULL_WIDTH)
    for demand in labels["demands"]:
        if "within" in demand:
            value, unit = demand["within"].split()
            word = {"days": "日", "months": "個月", "workdays": "個工作日"}[unit]
            assert f"{value}{word}" in folded, demand


# --------------------------------------------------------------------------- procedural parts and dates

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def _limit(labels: dict, concept: str, default_months: int) -> datetime.date:
    for demand in labels["demands"]:
        if demand["concept"] == concept and "within" in demand:
            value, unit = demand["within"].split()
            if unit == "months":
                return _add_months(labels["date"], int(value))
            if unit == "workdays":  # weekends skipped, public holidays not (a stricter limit)
                day, left = labels["date"], int(value)
                while left:
                    day += datetime.timedelta(days=1)
                    left -= day.weekday() < 5
                return day
            return labels["date"] + datetime.timedelta(days=int(value))
    return _add_months(labels["date"], default_months)


def _text(block) -> str:
    if isinstance(block, dict):
        return "\n".join(_text(v) for k, v in block.items() if k not in ("ledger", "items"))
    if isinstance(block, list):
        return "\n".join(_text(v) for v in block)
    return str(block)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_plan_has_every_procedural_part_inside_the_notice_limits(case):
    """Only matching rules may fire: the source itself shows every procedural part, every row has
    owners, a standard and a deadline between the plan date and the end of 集中整改."""
    spec = sources()[Path(case["plan"]).name].spec
    labels = labels_of(case["notice"])
    body = _text(spec["body"])
    for word in PROCEDURAL_WORDS:
        assert word in body, word
    created = spec["core"]["created"]
    created = created.date() if isinstance(created, datetime.datetime) else created
    assert labels["date"] < created <= _limit(labels, "整改方案", 1)
    window = _limit(labels, "集中整改", 3)
    for line in body.splitlines():
        found = _DATE.search(line)
        if "专题民主生活会" in line and found:
            assert datetime.date(*map(int, found.groups())) <= _limit(labels, "专题民主生活会", 1), line
        if "整改情况报告" in line and found:
            assert datetime.date(*map(int, found.groups())) <= _limit(labels, "整改情况报告", 2), line
            to = next(d.get("to", "巡察办") for d in labels["demands"] if d["concept"] == "整改情况报告")
            assert to in line, line
    for row in mapping_tool.source_items(spec):
        for field in ("measures", "leader", "dept", "deadline", "standard"):
            assert row.get(field), f"{field} missing: {str(row.get('problem') or row['measures'])[:30]}"
        found = _DATE.search(row["deadline"])
        if found:
            assert created <= datetime.date(*map(int, found.groups())) <= window, row["deadline"]
        else:
            assert row["deadline"].startswith("立行立改"), row["deadline"]


# --------------------------------------------------------------------------- cases


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_case_is_consistent(case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert (HELDOUT / case["plan"]).is_file() and (HELDOUT / case["notice"]).is_file()
    labels = labels_of(case["notice"])
    n = len(labels["problems"])
    mapping = {int(k): v for k, v in case["mapping"].items()}
    assert set(mapping) == set(range(1, n + 1))
    subs_missing = {int(k): v for k, v in (case.get("unanswered_subs") or {}).items()}
    for number, subs in subs_missing.items():
        assert mapping[number], "a problem with a missing sub still has items for its other subs"
        assert subs and set(subs) <= set(labels["problems"][number - 1]["subs"])
    restated = {int(k): v for k, v in (case.get("restated") or {}).items()}
    for number, items in restated.items():
        assert items and set(items) <= set(mapping[number]), "restated names the problem's own items"
        # a restated problem with subs leaves every sub unanswered
        assert set(subs_missing.get(number, [])) == set(labels["problems"][number - 1]["subs"])
    unanswered = {k for k, items in mapping.items() if not items}
    assert set(case["uncovered"]) == unanswered | set(subs_missing) | set(restated)
    assert case["uncovered"] == sorted(case["uncovered"])
    assert case["fire"] == [r for r in CATALOGUE if r in case["fire"]], "catalogue order, no unknown IDs"
    assert ("CV-PROBLEM" in case["fire"]) == bool(case["uncovered"])
    assert ("IT-MEASURE" in case["fire"]) == bool(restated)
    assert set(case["fire"]) <= MATCHING_RULES, "only matching rules fire on this set"
    assert set(case["tags"]) <= TAGS
    assert ("complete" in case["tags"]) == (not case["uncovered"] and not case["fire"])


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_mapping_is_the_one_written_beside_the_rows(case):
    source = sources()[Path(case["plan"]).name]
    n = len(labels_of(case["notice"])["problems"])
    assert {int(k): v for k, v in case["mapping"].items()} == mapping_tool.source_mapping(source.spec, n)
    for row in mapping_tool.source_items(source.spec):
        assert row.get("answers"), f"row without answers: {str(row.get('problem') or row['measures'])[:30]}"
        assert set(row["answers"]) <= set(range(1, n + 1))


# --------------------------------------------------------------------------- the built plans


def _paragraph_texts(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


@pytest.mark.parametrize("name", sorted(sources()))
def test_committed_plan_is_built_from_its_source(name, tmp_path):
    fresh = tmp_path / name
    save_deterministic(build_document(sources()[name].spec), fresh)
    committed = HELDOUT / "plans" / name
    assert _paragraph_texts(fresh) == _paragraph_texts(committed), f"{name}: run build_plans.py --src"
