"""The labelled fixtures everything else is tested and benchmarked on.

Three groups of checks:
  * the committed plans (.docx) are exactly what fixtures/build_plans.py builds from their YAML
    sources, and they carry the Word features the readers must cope with;
  * every notice label is an exact cut of its notice, in the declared encoding;
  * every case's expected findings agree with what its plan visibly contains — a small oracle
    over the sources (fields present, dates in range, concept words present) that catches a
    mislabelled case before the rule engine is blamed for it. It covers the rules that need no
    fuzzy matching; CV-PROBLEM is tied to `uncovered`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import importlib.util
import re
import sys
import zipfile
from functools import cache
from pathlib import Path

import opencc
import pytest
import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

RULES = [
    "CV-PROBLEM", "CV-UNCERTAIN", "CV-SUGGESTION", "CV-PREVIOUS",
    "PC-LIST-PROBLEM", "PC-LIST-TASK", "PC-LIST-RESP", "PC-DLM", "PC-REPORT", "PC-DISCLOSE",
    "PC-LEAD", "PC-DUAL", "PC-LONGTERM", "PC-IMMEDIATE",
    "IT-MEASURE", "IT-LEADER", "IT-DEPT", "IT-DEADLINE", "IT-DEADLINE-RANGE", "IT-STANDARD",
    "IT-VAGUE", "IT-DUPLICATE",
]
CONCEPTS = {
    "问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "整改方案", "党内通报",
    "向社会公开", "集中整改", "第一责任人", "一岗双责", "长效机制", "立行立改", "上轮整改",
}
DECODE = {"utf-8": "utf-8-sig", "gb18030": "gb18030", "utf-16": "utf-16"}
T2S = opencc.OpenCC("t2s")


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_plans", FIXTURES / "build_plans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_plans = _load_builder()
from planbuilder import load_sources  # noqa: E402  (put on sys.path by build_plans)
from planbuilder.markup import visible  # noqa: E402


# --------------------------------------------------------------------------- docx helpers


def _q(tag: str) -> str:
    return W + tag


def _parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        return {
            name: etree.fromstring(z.read(name))
            for name in ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/comments.xml")
            if name in names
        }


def _run_text(p: etree._Element) -> str:
    """Paragraph text with tracked changes made visible: [+inserted+] and [-deleted-]."""
    out = []
    for el in p.iter(_q("t"), _q("delText"), _q("tab"), _q("br")):
        if el.tag == _q("delText"):
            out.append(f"[-{el.text or ''}-]")
        elif el.tag == _q("t"):
            inserted = any(a.tag == _q("ins") for a in el.iterancestors())
            out.append(f"[+{el.text or ''}+]" if inserted else (el.text or ""))
        else:
            out.append("\t" if el.tag == _q("tab") else "\n")
    return "".join(out)


def _para_key(p: etree._Element) -> str:
    ppr = p.find(_q("pPr"))
    style = num = ""
    if ppr is not None:
        ps = ppr.find(_q("pStyle"))
        style = ps.get(_q("val")) if ps is not None else ""
        numpr = ppr.find(_q("numPr"))
        if numpr is not None:
            num = f"{numpr.find(_q('numId')).get(_q('val'))}:{numpr.find(_q('ilvl')).get(_q('val'))}"
    return f"P|{style}|{num}|{_run_text(p)}"


def snapshot(path: Path) -> list[str]:
    """What a reader sees: paragraphs (style, numbering, text with changes), table cells (with
    spans and vertical merges), sections, comments and the numbering definitions."""
    parts = _parts(path)
    body = parts["word/document.xml"].find(_q("body"))
    lines: list[str] = []
    table = 0
    for el in body.iter(_q("p"), _q("tbl"), _q("sectPr")):
        if el.tag == _q("tbl"):
            table += 1
            for r, tr in enumerate(el.findall(_q("tr")), 1):
                header = tr.find(f"{_q('trPr')}/{_q('tblHeader')}") is not None
                for c, tc in enumerate(tr.findall(_q("tc")), 1):
                    tcpr = tc.find(_q("tcPr"))
                    span = vmerge = ""
                    if tcpr is not None:
                        gs, vm = tcpr.find(_q("gridSpan")), tcpr.find(_q("vMerge"))
                        span = gs.get(_q("val")) if gs is not None else ""
                        vmerge = (vm.get(_q("val")) or "continue") if vm is not None else ""
                    cell = " / ".join(_para_key(p) for p in tc.findall(_q("p")))
                    lines.append(f"C|{table}|{r}|{c}|h={header}|span={span}|vm={vmerge}|{cell}")
        elif el.tag == _q("p") and not any(a.tag == _q("tbl") for a in el.iterancestors()):
            lines.append(_para_key(el))
        elif el.tag == _q("sectPr"):
            size = el.find(_q("pgSz"))
            lines.append(f"S|{size.get(_q('orient')) if size is not None else ''}")
    comments = parts.get("word/comments.xml")
    if comments is not None:
        for cm in comments.findall(_q("comment")):
            lines.append(f"M|{cm.get(_q('author'))}|{cm.get(_q('date'))}|{''.join(cm.itertext())}")
    numbering = parts["word/numbering.xml"]
    for a in numbering.findall(_q("abstractNum")):
        for lvl in a.findall(_q("lvl")):
            fmt, text = lvl.find(_q("numFmt")), lvl.find(_q("lvlText"))
            lines.append(
                f"A|{a.get(_q('abstractNumId'))}|{lvl.get(_q('ilvl'))}|"
                f"{fmt.get(_q('val')) if fmt is not None else ''}|{text.get(_q('val')) if text is not None else ''}"
            )
    for n in numbering.findall(_q("num")):
        override = n.find(f"{_q('lvlOverride')}/{_q('startOverride')}")
        lines.append(
            f"N|{n.get(_q('numId'))}|{n.find(_q('abstractNumId')).get(_q('val'))}|"
            f"{override.get(_q('val')) if override is not None else ''}"
        )
    return lines


def accepted_text(path: Path) -> str:
    """The document's text with every tracked change accepted and comments left out, simplified."""
    body = _parts(path)["word/document.xml"].find(_q("body"))
    paragraphs = ["".join(t.text or "" for t in p.iter(_q("t"))) for p in body.iter(_q("p"))]
    return T2S.convert("\n".join(paragraphs))


# --------------------------------------------------------------------------- fixture data


@cache
def sources() -> dict[str, object]:
    """Resolved plan sources keyed by output path (relative to the repository)."""
    return {s.output: s for s in load_sources(FIXTURES / "plans" / "src")}


@cache
def cases() -> list[dict]:
    return yaml.safe_load((FIXTURES / "cases.yaml").read_text(encoding="utf-8"))


def notice_files() -> list[Path]:
    return sorted((FIXTURES / "notices").glob("*.txt")) + [ROOT / "examples" / "notice.txt"]


@cache
def labels_for(notice: Path) -> dict:
    return yaml.safe_load(notice.with_name(notice.stem + ".labels.yaml").read_text(encoding="utf-8"))


def notice_text(notice: Path, labels: dict) -> str:
    text = notice.read_bytes().decode(DECODE[labels["encoding"]])
    return T2S.convert(text) if labels.get("labels_are_simplified") else text


def case_paths(case: dict) -> tuple[Path, Path]:
    return (FIXTURES / case["plan"]).resolve(), (FIXTURES / case["notice"]).resolve()


def case_ids() -> list[str]:
    return [c["name"] for c in cases()]


# --------------------------------------------------------------------------- 1. the build


def test_every_committed_plan_has_a_source_and_back():
    built = {ROOT / output for output in sources()}
    committed = set((FIXTURES / "plans").glob("*.docx")) | {ROOT / "examples" / "plan.docx"}
    assert built == committed
    assert len([o for o in sources() if o.startswith("fixtures/plans/")]) >= 14


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    out = tmp_path_factory.mktemp("fresh")
    return out, build_plans.build_all(out)


def test_rebuild_matches_committed_plans(fresh_build):
    out, written = fresh_build
    assert len(written) == len(sources())
    for name, fresh in written.items():
        committed = ROOT / fresh.relative_to(out)
        assert snapshot(committed) == snapshot(fresh), f"{name}: rebuild differs — run python fixtures/build_plans.py"


def test_build_is_deterministic(fresh_build, tmp_path):
    """Two builds give the same bytes (plans with comments and tracked changes included)."""
    from planbuilder import build_document, save_deterministic

    _, written = fresh_build
    by_name = {s.name: s for s in sources().values()}
    for name in ("gaoxiao-complete", "guoqi-complete", "wenlv-gaps-fanti"):
        again = tmp_path / f"{name}.docx"
        save_deterministic(build_document(by_name[name].spec), again)
        assert again.read_bytes() == written[name].read_bytes(), name


def test_plans_stay_small():
    for output in sources():
        assert (ROOT / output).stat().st_size < 80_000, output


# --------------------------------------------------------------------------- 2. Word features


TYPED_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")


def _numbered_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph that gets an automatic number, directly or via its style."""
    parts = _parts(path)
    styled = {
        s.get(_q("styleId"))
        for s in parts["word/styles.xml"].findall(_q("style"))
        if s.find(f"{_q('pPr')}/{_q('numPr')}/{_q('numId')}") is not None
    }
    found = []
    for p in parts["word/document.xml"].iter(_q("p")):
        ppr = p.find(_q("pPr"))
        style = ""
        numbered = False
        if ppr is not None:
            ps = ppr.find(_q("pStyle"))
            style = ps.get(_q("val")) if ps is not None else ""
            numbered = ppr.find(_q("numPr")) is not None or style in styled
        if numbered:
            found.append((style, "".join(t.text or "" for t in p.iter(_q("t")))))
    return found


def test_automatic_numbering_is_defined_and_never_typed():
    formats = set()
    for output in sources():
        path = ROOT / output
        numbering = _parts(path)["word/numbering.xml"]
        for lvl in numbering.iter(_q("lvl")):
            formats.add((lvl.find(_q("numFmt")).get(_q("val")), lvl.find(_q("lvlText")).get(_q("val"))))
        for style, text in _numbered_paragraphs(path):
            assert not TYPED_NUMBER.match(text), f"{output}: typed number in a numbered paragraph: {text[:20]}"
    assert {("chineseCounting", "%1、"), ("chineseCounting", "（%1）"), ("decimal", "%1.")} <= formats
    assert ("chineseCounting", "（%2）") in formats  # the multilevel variant


def test_headings_use_heading_styles_with_automatic_numbers():
    numbered = _numbered_paragraphs(ROOT / "fixtures/plans/jiaoyu-complete.docx")
    assert sum(1 for style, _ in numbered if style == "Heading1") == 6
    assert sum(1 for style, _ in numbered if style == "Heading2") == 5
    # guoqi: the numbers come from the Heading styles themselves (numPr in styles.xml)
    linked = _numbered_paragraphs(ROOT / "fixtures/plans/guoqi-complete.docx")
    assert {"Heading1", "Heading2"} <= {style for style, _ in linked}
    typed = ROOT / "fixtures/plans/fulian-complete.docx"
    heading_texts = [line for line in snapshot(typed) if line.startswith("P|Heading1|")]
    assert heading_texts and all(line.split("|")[3].startswith(("一、", "二、", "三、", "四、", "五、")) for line in heading_texts)


def test_ledger_has_merged_category_rows_and_vertical_merges():
    lines = snapshot(ROOT / "fixtures/plans/jiaoyu-complete.docx")
    cells = [line for line in lines if line.startswith("C|")]
    assert any("span=7" in c and "一、党的领导方面" in c for c in cells)
    assert any("vm=restart" in c for c in cells) and any("vm=continue" in c for c in cells)
    assert any(c.startswith("C|1|1|") and "h=True" in c for c in cells)
    assert any("S|landscape" == line for line in lines)
    # several measures in one cell, each its own "1.…" line
    assert any(" / P|TableText||2." in c for c in cells)


def test_ledger_split_over_two_tables_second_without_header():
    cells = [c for c in snapshot(ROOT / "fixtures/plans/weijian-complete.docx") if c.startswith("C|")]
    assert {c.split("|")[1] for c in cells} == {"1", "2"}
    first_of_second = [c for c in cells if c.startswith("C|2|1|1|")][0]
    assert "h=False" in first_of_second and first_of_second.endswith("|6")


def test_plan_without_table_has_inline_fields():
    lines = snapshot(ROOT / "fixtures/plans/fulian-complete.docx")
    assert not any(line.startswith("C|") for line in lines)
    items = [line for line in lines if "问题：" in line and "整改措施：" in line]
    assert len(items) == 7
    assert all(all(label in line for label in ("责任领导：", "责任部门：", "整改时限：", "完成标准：")) for line in items)


def test_tracked_changes_and_comments_exist():
    guoqi = (ROOT / "fixtures/plans/guoqi-complete.docx")
    xml = zipfile.ZipFile(guoqi).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml and "<w:delText" in xml
    lines = snapshot(guoqi)
    assert any("[+3.+]" not in line and "[+建立子公司对外担保月报告制度" in line for line in lines)
    assert any("[-2026年3月底前-]" in line for line in lines)
    commented = snapshot(ROOT / "fixtures/plans/gaoxiao-complete.docx")
    assert len([line for line in commented if line.startswith("M|")]) == 2
    assert "commentRangeStart" in zipfile.ZipFile(ROOT / "fixtures/plans/gaoxiao-complete.docx").read(
        "word/document.xml").decode("utf-8")


def test_traditional_plan_is_traditional():
    path = ROOT / "fixtures/plans/wenlv-complete-fanti.docx"
    body = _parts(path)["word/document.xml"].find(_q("body"))
    raw = "".join(t.text or "" for t in body.iter(_q("t")))
    changed = sum(1 for a, b in zip(raw, T2S.convert(raw)) if a != b)
    assert changed > 300


def test_deadline_forms_are_varied():
    deadlines = {
        visible(str(row.get("deadline", "")))
        for source in sources().values()
        for row in _items(source.spec)
    }
    for form in ("立行立改", "立行立改并长期坚持", "2024年10月底前", "10月31日前", "2024年9月", "2024年12月前完成并长期坚持"):
        assert form in deadlines, form


# --------------------------------------------------------------------------- 3. notices and labels


def test_enough_notices_with_labels():
    files = notice_files()
    assert len(files) >= 9
    shapes = {labels_for(f)["shape"] for f in files}
    assert {"news", "letter", "yishi", "faxian", "numbered", "news-noisy"} <= shapes


@pytest.mark.parametrize("notice", notice_files(), ids=lambda p: p.stem)
def test_labels_are_exact_cuts_in_order(notice):
    labels = labels_for(notice)
    text = notice_text(notice, labels)
    position = -1
    for problem in labels["problems"]:
        found = text.find(problem["text"])
        assert found >= 0, problem["text"][:30]
        assert found > position, f"out of order: {problem['text'][:30]}"
        position = found
        for sub in problem["subs"]:
            assert sub in problem["text"], sub
    for suggestion in labels["suggestions"]:
        assert suggestion in text, suggestion[:30]
    for lead in labels["not_problems"]:
        assert lead in text and "移交" in lead
        assert not any(lead in p["text"] or p["text"] in lead for p in labels["problems"])
    assert labels["unit"] in text and labels["inspector"] in text
    if labels["date"] is not None:
        date = labels["date"]
        assert f"{date.month}月{date.day}日" in text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        assert str(date.year) in text
    else:
        assert not re.search(r"20\d\d", text)


@pytest.mark.parametrize("notice", notice_files(), ids=lambda p: p.stem)
def test_demands_use_known_concepts(notice):
    for demand in labels_for(notice)["demands"]:
        assert demand["concept"] in CONCEPTS
        if "within" in demand:
            value, unit = demand["within"].split()
            assert int(value) > 0 and unit in {"days", "workdays", "months"}


def test_encodings_are_what_the_labels_say():
    gb = FIXTURES / "notices/gaoxiao-faxian.txt"
    with pytest.raises(UnicodeDecodeError):
        gb.read_bytes().decode("gbk")
    assert "䶮" in gb.read_bytes().decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        gb.read_bytes().decode("utf-8")
    assert (FIXTURES / "notices/guoqi-numbered.txt").read_bytes()[:2] == b"\xff\xfe"
    traditional = (FIXTURES / "notices/wenlv-fanti.txt").read_text(encoding="utf-8")
    assert "黨組" in traditional and "党组" not in traditional
    noisy = (FIXTURES / "notices/zhen-ocr.txt").read_text(encoding="utf-8")
    assert "当前位置：首页 > 工作动态" in noisy and "【打印】【关闭】" in noisy
    assert "(gè)" in noisy and "５月２４日" in noisy


def test_notices_cover_previous_rectification_and_numbers():
    all_labels = [labels_for(f) for f in notice_files()]
    assert any(p.get("previous") for lab in all_labels for p in lab["problems"])
    wanted = {("整改情况报告", "2 months"), ("专题民主生活会", "1 months"), ("集中整改", "3 months"), ("整改方案", "15 days")}
    assert any(wanted <= {(d["concept"], d.get("within")) for d in lab["demands"]} for lab in all_labels)
    stated = [(lab["unit"], {(d["concept"], d["within"]) for d in lab["demands"] if "within" in d}) for lab in all_labels]
    assert any(s and not (s & wanted) for _, s in stated)


# --------------------------------------------------------------------------- 4. cases


def test_cases_are_well_formed():
    names = case_ids()
    assert len(names) == len(set(names))
    fired = set()
    for case in cases():
        plan, notice = case_paths(case)
        assert plan.exists() and notice.exists(), case["name"]
        assert set(case["fire"]) <= set(RULES), case["name"]
        assert case["fire"] == sorted(case["fire"], key=RULES.index), f"{case['name']}: fire not in catalogue order"
        problems = labels_for(notice)["problems"]
        assert all(1 <= n <= len(problems) for n in case["uncovered"])
        assert ("CV-PROBLEM" in case["fire"]) == bool(case["uncovered"]), case["name"]
        assert ("feedback_date" in case) == (labels_for(notice)["date"] is None), case["name"]
        fired |= set(case["fire"])
    assert fired == set(RULES), f"never fired: {sorted(set(RULES) - fired)}"
    complete = [c for c in cases() if not c["fire"] and not c["uncovered"]]
    assert len(complete) >= 4
    assert any(c["name"] == "example" and c["plan"].startswith("../examples/") for c in cases())


def test_every_gap_plan_derives_from_a_complete_one():
    complete = {c["plan"] for c in cases() if not c["fire"]}
    for case in cases():
        if not case["fire"] or case["name"] == "example":
            continue
        source = _source_for(case)
        raw = yaml.safe_load(source.path.read_text(encoding="utf-8"))
        assert "base" in raw and raw["changes"], case["name"]
        assert f"plans/{raw['base']}.docx" in complete, case["name"]


# --------------------------------------------------------------------------- the oracle


def _items(spec: dict) -> list[dict]:
    rows = []
    for block in spec.get("body") or []:
        container = block.get("ledger") or block.get("items")
        if container:
            rows += [r for r in container["rows"] if "category" not in r]
    return rows


def _source_for(case: dict):
    plan, _ = case_paths(case)
    return sources()[str(plan.relative_to(ROOT))]


def _feedback(case: dict) -> dt.date:
    _, notice = case_paths(case)
    return labels_for(notice)["date"] or case["feedback_date"]


def _within(case: dict, concept: str, default_months: int) -> int:
    _, notice = case_paths(case)
    for demand in labels_for(notice)["demands"]:
        if demand["concept"] == concept and "within" in demand:
            value, unit = demand["within"].split()
            assert unit == "months"
            return int(value)
    return default_months


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|(底))?")


def _dates(text: str, feedback: dt.date) -> list[dt.date]:
    """The last allowed day of each date in `text`; a missing year is the one that follows feedback."""
    found = []
    for year, month, day, _ in DATE.findall(text):
        month = int(month)
        year = int(year) if year else feedback.year + (1 if month < feedback.month else 0)
        last = int(day) if day else calendar.monthrange(year, month)[1]
        found.append(dt.date(year, month, last))
    return found


def _deadline_state(text: str, feedback: dt.date, window_months: int) -> str:
    text = T2S.convert(visible(text))
    dates = _dates(text, feedback)
    if not dates:
        return "ok" if re.search("立行立改|即知即改|长期坚持|常态化", text) else "unreadable"
    end = _add_months(feedback, window_months)
    if any(d < feedback for d in dates):
        return "out_of_range"
    if any(d > end for d in dates) and not re.search("长期坚持|常态化", text):
        return "out_of_range"
    return "ok"


def _sentences_with(text: str, word: str) -> list[str]:
    return [s for s in re.split(r"[。；\n]", text) if word in s]


def _dated_within(sentences: list[str], feedback: dt.date, months: int) -> bool:
    end = _add_months(feedback, months)
    return any(feedback <= d <= end for s in sentences for d in _dates(s, feedback))


def oracle(case: dict) -> set[str]:
    """The rules a careful reader sees fire in this case, for every rule that needs no fuzzy matching."""
    plan, notice = case_paths(case)
    text = accepted_text(plan)
    spec = _source_for(case).spec
    items = [{k: T2S.convert(visible(str(v))) if not isinstance(v, list) else [T2S.convert(visible(x)) for x in v]
              for k, v in row.items()} for row in _items(spec)]
    feedback = _feedback(case)
    window = _within(case, "集中整改", 3)
    fire = set()
    # a 整改任务台账 is taken as the 任务清单, as the default pack does
    for words, rule in (("问题清单", "PC-LIST-PROBLEM"), ("任务清单|任务台账", "PC-LIST-TASK"),
                        ("责任清单", "PC-LIST-RESP"), ("一岗双责", "PC-DUAL")):
        if not re.search(words, text):
            fire.add(rule)
    if not re.search("长效机制|建章立制|举一反三", text):
        fire.add("PC-LONGTERM")
    if not re.search("立行立改|即知即改", text):
        fire.add("PC-IMMEDIATE")
    if not ("第一责任人" in text and re.search("整改工作领导小组|整改领导小组|专班", text)):
        fire.add("PC-LEAD")
    if not (re.search("党内通报|在一定范围内通报", text) and re.search("向社会公开|向社会公布", text)):
        fire.add("PC-DISCLOSE")
    if not _dated_within(_sentences_with(text, "专题民主生活会"), feedback, _within(case, "专题民主生活会", 1)):
        fire.add("PC-DLM")
    reports = [s for s in _sentences_with(text, "整改情况报告") if "巡察办" in s]
    if not _dated_within(reports, feedback, _within(case, "整改情况报告", 2)):
        fire.add("PC-REPORT")
    labels = labels_for(notice)
    names_previous = any(p.get("previous") for p in labels["problems"]) or any(
        d["concept"] == "上轮整改" for d in labels["demands"])
    if names_previous and "上轮" not in text:
        fire.add("CV-PREVIOUS")
    for row in items:
        if not row.get("leader"):
            fire.add("IT-LEADER")
        if not (row.get("dept") or row.get("person")):
            fire.add("IT-DEPT")
        if not row.get("standard"):
            fire.add("IT-STANDARD")
        state = _deadline_state(str(row.get("deadline", "")), feedback, window)
        if state == "unreadable":
            fire.add("IT-DEADLINE")
        elif state == "out_of_range":
            fire.add("IT-DEADLINE-RANGE")
    measures = [tuple(r["measures"]) if isinstance(r["measures"], list) else (r["measures"],) for r in items]
    if len(set(measures)) < len(measures):
        fire.add("IT-DUPLICATE")
    return fire


MATCHING_RULES = {"CV-PROBLEM", "CV-UNCERTAIN", "CV-SUGGESTION", "IT-MEASURE", "IT-VAGUE"}


@pytest.mark.parametrize("case", cases(), ids=case_ids())
def test_case_labels_agree_with_the_plan(case):
    expected = set(case["fire"]) - MATCHING_RULES
    assert oracle(case) == expected


def test_oracle_sees_the_notice_numbers_override_the_defaults():
    """weijian-complete is complete only because the notice allows 2/3/6 months."""
    case = next(c for c in cases() if c["name"] == "weijian-complete")
    plan, _ = case_paths(case)
    text = accepted_text(plan)
    feedback = _feedback(case)
    assert not _dated_within(_sentences_with(text, "专题民主生活会"), feedback, 1)
    assert _dated_within(_sentences_with(text, "专题民主生活会"), feedback, 2)
    late = [r for r in _items(_source_for(case).spec) if _deadline_state(r["deadline"], feedback, 3) != "ok"]
    assert late and all(_deadline_state(r["deadline"], feedback, 6) == "ok" for r in late)


def test_oracle_reads_tracked_changes_as_accepted():
    case = next(c for c in cases() if c["name"] == "guoqi-complete")
    plan, _ = case_paths(case)
    text = accepted_text(plan)
    assert "2026年3月底前" not in text and "2025年11月底前" in text
    assert "建立子公司对外担保月报告制度" in text


def test_gap_plans_lack_what_their_cases_say():
    """The words a gap plan was stripped of are really gone (after Traditional→Simplified)."""
    absent = {
        "jiaoyu-gaps": ["意识形态工作责任制落实不到位", "国有资产清查盘点"],
        "fulian-gaps": ["家庭教育", "家风"],
        "weijian-gaps": ["上轮", "审计局"],
        "gaoxiao-gaps": ["问题清单", "任务清单", "任务台账", "责任清单", "一岗双责"],
        "guoqi-gaps": ["向社会公开", "向社会公布", "门户网站"],
        "wenlv-gaps-fanti": ["整改工作领导小组", "第一责任人", "长效", "建章立制", "举一反三"],
        "zhen-gaps": ["立行立改", "即知即改"],
        "yibao-gaps": ["责任清单", "慢特病"],
        "example": ["安全隐患", "燃气"],
    }
    for case in cases():
        if case["name"] in absent:
            text = accepted_text(case_paths(case)[0])
            for word in absent[case["name"]]:
                assert word not in text, f"{case['name']}: {word}"


# --------------------------------------------------------------------------- the source format


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = """
title: 测试方案
body:
  - p: 建立问题清单、任务清单、责任清单。
  - ledger:
      columns: [序号, 反馈问题, 整改措施, 责任领导, 责任部门, 整改时限, 完成标准]
      rows:
        - {problem: 问题甲, measures: [措施一], leader: 张三, dept: 办公室, deadline: 立行立改, standard: 标准}
        - {problem: 问题乙, measures: [措施二], leader: 李四, dept: 财务股, deadline: 长期坚持, standard: 标准}
"""


def test_changes_apply_and_every_change_must_hit(tmp_path):
    from planbuilder import SourceError, load_source

    _write(tmp_path, "base", BASE)
    good = _write(tmp_path, "good", """
base: base
changes:
  - {why: drop, drop_item: 问题甲}
  - {why: blank, set: {item: 问题乙, field: leader}}
  - {why: words, replace: {find: 任务清单、, with: "", count: 1}}
  - {why: add, insert_after: {block: 问题清单, new: {p: 新增段落}}}
""")
    spec = load_source(good).spec
    rows = spec["body"][2]["ledger"]["rows"]
    assert [r["problem"] for r in rows] == ["问题乙"] and "leader" not in rows[0]
    assert spec["body"][0]["p"] == "建立问题清单、责任清单。" and spec["body"][1] == {"p": "新增段落"}
    for bad_change in (
        "{why: miss, drop_item: 问题丙}",
        "{why: miss, replace: {find: 不存在, with: x}}",
        "{why: count, replace: {find: 清单, with: 单, count: 1}}",
        "{drop_item: 问题甲}",
        "{why: two, drop_item: 问题}",
    ):
        bad = _write(tmp_path, "bad", f"base: base\nchanges:\n  - {bad_change}\n")
        with pytest.raises(SourceError):
            load_source(bad)


def test_built_ledger_from_a_small_source(tmp_path):
    from planbuilder import build_document, load_source, save_deterministic

    source = load_source(_write(tmp_path, "base", BASE))
    out = tmp_path / "base.docx"
    save_deterministic(build_document(source.spec), out)
    cells = [line for line in snapshot(out) if line.startswith("C|")]
    assert len(cells) == 3 * 7
    assert cells[7].endswith("|1") and "问题甲" in cells[8] and cells[10].endswith("张三")
