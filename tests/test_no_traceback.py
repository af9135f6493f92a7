"""Whatever a user feeds it, plancheck answers with an exit code, never a traceback.

Arbitrary CJK-heavy text (with the punctuation and markers the parsers key on: 主要是：…；…,
一是…二是…, 整改措施：…, dates) is written as a notice (.txt in several encodings) and as a plan
(.txt, or a .docx with generated paragraphs and a generated 台账 table, merged cells included),
and run through `checker.cli.main`: the result is 0, 1 or 2, exit 2 comes with one line on stderr,
the "内部错误" line (an exception that escaped the pipeline) never appears, and a JSON report
always follows the schema.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import tempfile
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from checker.cli import main

from test_json_contract import EXTRACT_SCHEMA, PAIRS, REPORT_SCHEMA, schema_errors

CJK = ("党组委员会巡察反馈意见问题整改措施责任领导部门时限完成标准落实不到位学习贯彻主体监督管理制度执行干部队伍"
       "建设财务资金项目基层组织议事决策规范公务接待费用报销审核意识形态阵地年轻培养黨組織關於問題會議責任")
MARKS = "：；、，。（）“”《》·—…！？:;,.()*/-"
DIGITS = "0123456789０１２一二三四五六七八九十是要"
ALPHABET = CJK + MARKS + DIGITS + " \n\tabcXYZ"

# the words the notice and plan parsers look for, so generated text reaches past the first check
PHRASES = [
    "主要是：", "一是", "二是", "三是", "一要", "二要", "；", "。", "\n", "巡察组指出，", "存在以下问题：",
    "意见建议：", "2024年7月12日", "7月12日，", "县委第二巡察组", "向县文旅局党组反馈巡察情况", "（一）", "二、",
    "1.", "（2）", "问题：", "整改措施：", "责任领导：", "责任部门：", "整改时限：", "完成标准：", "立行立改",
    "长期坚持", "2024年9月底前", "2023年13月40日前", "专题民主生活会", "整改情况报告", "主要负责人组织落实情况报告",
    "向社会公开", "党内通报", "2个月内", "*个月内", "15个工作日内", "問題", "个(gè)", "三重一大", "进一步加强",
    "切实提高", "上轮巡察整改不到位", "问题清单、任务清单、责任清单", "第一责任人", "一岗双责", "举一反三",
]
HEADERS = ["序号", "反馈问题", "问题内容", "具体表现", "整改措施", "整改举措", "责任领导", "牵头领导", "责任部门",
           "责任单位", "责任人", "整改时限", "完成时限", "完成标准", "整改目标", "备注"]

free_text = st.text(alphabet=ALPHABET, max_size=200)
phrased_text = st.lists(st.one_of(st.sampled_from(PHRASES), st.text(alphabet=ALPHABET, max_size=12)),
                        max_size=40).map("".join)
any_text = st.one_of(free_text, phrased_text)

# text shaped like the real documents, so that most examples get through reading and extraction and
# exercise matching, the rules and the reports (free text mostly stops at "no problem found")
SUBJECTS = ["落实主体责任", "意识形态工作责任制", "“三重一大”集体研究", "公务接待", "干部队伍建设", "年轻干部培养",
            "财务管理", "专项资金使用", "阵地管理", "黨組議事決策", "个(gè)别党组()成员", "上轮巡察整改"]
FAILINGS = ["不到位", "不规范", "审核不严", "薄弱", "有差距", "流于形式", "不够深入", "问题突出"]
clause = st.builds("{}{}{}".format, st.sampled_from(SUBJECTS), st.text(alphabet=CJK + DIGITS + "，、", max_size=8),
                   st.sampled_from(FAILINGS))
DEMANDS = ["反馈后2个月内报送整改情况报告和主要负责人组织落实情况报告。", "*个月内召开专题民主生活会。",
           "整改情况向社会公开。", "集中整改期为3个月。", "15日内制定整改方案。"]


@st.composite
def shaped_notices(draw):
    """The three shapes real notices list problems in: 主要是：…；…, 一是…二是…, and numbered lines."""
    head = draw(st.sampled_from(["", "2024年7月12日，县委第二巡察组向县文旅局党组反馈巡察情况。", "9月5日，市委第五巡察组反馈。"]))
    lead = draw(st.sampled_from(["巡察组指出，", "巡察组发现，", "反馈指出，", ""]))
    problems = draw(st.lists(clause, min_size=2, max_size=6))
    shape = draw(st.sampled_from(["semicolons", "yishi", "numbered"]))
    if shape == "semicolons":
        body = "主要是：" + draw(st.sampled_from(["；", "；\n"])).join(problems) + "。"
    elif shape == "yishi":
        body = "".join(f"{'一二三四五六'[n]}是{text}。" for n, text in enumerate(problems))
    else:
        body = "存在以下问题：\n" + "".join(f"{n}.{text}。\n" for n, text in enumerate(problems, 1))
    tail = draw(st.sampled_from(["", "巡察组提出意见建议：一要压实责任；二要规范决策。"]))
    demands = draw(st.lists(st.sampled_from(DEMANDS), max_size=3))
    noise = draw(st.sampled_from(["", "首页 > 巡察工作 > 正文\n", "\u3000\u3000"]))
    return noise + head + lead + body + tail + "".join(demands)


DEADLINES = ["2024年9月底前", "立行立改", "长期坚持", "2024年8月31日", "2023年1月1日前", "年底前", "", "/"]
PLAN_STATEMENTS = ["成立整改工作领导小组，党组书记任组长，是第一责任人；班子成员落实一岗双责。",
                   "建立问题清单、任务清单、责任清单。", "2024年8月10日前召开专题民主生活会。",
                   "2个月内报送整改情况报告。", "整改情况党内通报并向社会公开。", "立行立改，举一反三，建章立制。"]


@st.composite
def shaped_plans(draw):
    """Plan paragraphs and a 台账 whose columns and cells look like the real ones."""
    columns = draw(st.lists(st.sampled_from(HEADERS), min_size=2, max_size=7, unique=True))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        values = {"整改时限": st.sampled_from(DEADLINES), "完成时限": st.sampled_from(DEADLINES),
                  "责任领导": st.sampled_from(["张明（党组书记）", "", "全体班子成员"]), "序号": st.sampled_from(["1", "一", ""])}
        rows.append([draw(values.get(c, clause)) for c in columns])
    merges = draw(st.lists(st.tuples(st.integers(1, 6), st.integers(0, len(columns) - 1)), max_size=2))
    paragraphs = [(t, "Normal") for t in draw(st.lists(st.sampled_from(PLAN_STATEMENTS), max_size=6))]
    inline = draw(st.lists(st.builds("问题：{}。整改措施：{}。责任领导：{}。整改时限：{}。".format,
                                     clause, clause, clause, st.sampled_from(DEADLINES)), max_size=3))
    return paragraphs + [(t, "List Number") for t in inline], ([columns] + rows, merges), []
cell_text = st.one_of(st.text(alphabet=ALPHABET, max_size=30), st.sampled_from(PHRASES + HEADERS))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


@st.composite
def ledgers(draw):
    """A 台账-like table: a header row (mostly real column names) and rows of generated cells."""
    cols = draw(st.integers(1, 7))
    header = draw(st.lists(st.one_of(st.sampled_from(HEADERS), cell_text), min_size=cols, max_size=cols))
    rows = draw(st.lists(st.lists(cell_text, min_size=cols, max_size=cols), max_size=6))
    merges = draw(st.lists(st.tuples(st.integers(0, 6), st.integers(0, cols - 1)), max_size=2))
    return [header] + rows, merges


@st.composite
def docx_plans(draw):
    paragraphs = draw(st.lists(st.tuples(any_text, st.sampled_from(["Normal", "Heading 1", "Heading 2", "List Number"])),
                               max_size=8))
    table = draw(st.one_of(st.none(), ledgers()))
    after = draw(st.lists(any_text, max_size=3))
    return paragraphs, table, after


def write_docx(path: Path, plan) -> None:
    paragraphs, table, after = plan
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    if table is not None:
        rows, merges = table
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        for r, c in merges:  # merged cells, as real ledgers merge 责任领导 over several rows
            if r + 1 < len(rows):
                grid.cell(r, c).merge(grid.cell(r + 1, c))
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))


def run(argv: list) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, out: str, err: str, fmt: str = "text", schema=REPORT_SCHEMA) -> None:
    assert "内部错误" not in err, err  # an exception escaped the pipeline: a bug, see the message
    assert "Traceback" not in err, err
    assert code in (0, 1, 2), code
    event(f"exit {code}")  # --hypothesis-show-statistics: how often the input got past the readers
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("plancheck: "), err
    elif fmt == "json":
        assert schema_errors(schema, json.loads(out)) == []


REAL = next(p for p in PAIRS if not p.options)  # a real plan and notice that need no option

# modest by default (the suite stays fast); PLANCHECK_FUZZ_EXAMPLES=2000 for a long hunt
FUZZ = settings(max_examples=int(os.environ.get("PLANCHECK_FUZZ_EXAMPLES", "30")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(notice=st.one_of(any_text, shaped_notices()), encoding=encodings, fmt=st.sampled_from(["text", "json"]))
def test_any_notice_against_a_real_plan(notice, encoding, fmt):
    plan = REAL.plan
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "反馈意见.txt"
        path.write_bytes(notice.encode(encoding))
        assert_clean(*run([plan, "--against", path, "--format", fmt]), fmt)
        assert_clean(*run(["extract", path, "--format", "json"]), "json", EXTRACT_SCHEMA)


@FUZZ
@given(plan=st.one_of(docx_plans(), shaped_plans()), fmt=st.sampled_from(["text", "json"]),
       options=st.sampled_from([[], ["--feedback-date", "2024-07-12"], ["--lang", "en"], ["--explain", "P1"],
                                ["--fail-on", "never"], ["--set", "集中整改期=6个月"]]))
def test_any_docx_plan_against_a_real_notice(plan, fmt, options):
    notice = REAL.notice
    fmt = "text" if "--explain" in options else fmt  # --explain prints its own text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "整改方案.docx"
        write_docx(path, plan)
        assert_clean(*run([path, "--against", notice, "--format", fmt, *options]), fmt)


@FUZZ
@given(notice=st.one_of(phrased_text, shaped_notices()), plan_text=any_text,
       plan_docx=st.one_of(st.none(), docx_plans(), shaped_plans()), encoding=encodings)
def test_generated_notice_against_generated_plan(notice, plan_text, plan_docx, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        notice_path = Path(tmp) / "notice.txt"
        notice_path.write_bytes(notice.encode(encoding))
        if plan_docx is None:
            plan_path = Path(tmp) / "plan.txt"
            plan_path.write_bytes(plan_text.encode(encoding))
        else:
            plan_path = Path(tmp) / "plan.docx"
            write_docx(plan_path, plan_docx)
        assert_clean(*run([plan_path, "--against", notice_path, "--format", "json", "--fail-on", "warning"]), "json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**12) | st.floats(allow_nan=False) | st.text(ALPHABET, max_size=10)
    | st.sampled_from(["2024-07-12", "2024-02-30", "P1", "months", "整改情况报告", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(ALPHABET, max_size=6), inner, max_size=3),
    max_leaves=8,
)


@functools.cache
def real_extract() -> str:
    code, out, err = run(["extract", REAL.notice, "--format", "json"])
    assert code == 0, err
    return out


def _containers(node) -> list:
    """Every dict and list inside an extract document (the places a reviewer edits)."""
    found = [node] if isinstance(node, (dict, list)) else []
    for child in (node.values() if isinstance(node, dict) else node if isinstance(node, list) else []):
        found += _containers(child)
    return found


@FUZZ
@given(data=st.data(), suffix=st.sampled_from([".json", ".yaml"]))
def test_a_hand_edited_extract_is_checked_or_refused_in_one_line(data, suffix):
    document = json.loads(real_extract())
    for _ in range(data.draw(st.integers(1, 3))):
        container = data.draw(st.sampled_from(_containers(document)))
        if isinstance(container, dict):
            key = data.draw(st.sampled_from(sorted(container) + ["新字段"]))
            if data.draw(st.booleans()):
                container[key] = data.draw(json_values)
            else:
                container.pop(key, None)
        elif container and data.draw(st.booleans()):
            container[data.draw(st.integers(0, len(container) - 1))] = data.draw(json_values)
        else:
            container.append(data.draw(json_values))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"requirements{suffix}"
        text = json.dumps(document, ensure_ascii=False) if suffix == ".json" else yaml.safe_dump(document, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        assert_clean(*run([REAL.plan, "--against", path, "--format", "json"]), "json")
