"""`plancheck batch`: 50 fixture pairs with one corrupt file finish with 49 verdicts and one
failure; manifests (Chinese headers, GB18030, relative paths, bad rows), the directory
convention, the summary in text/CSV/HTML with links, a crashed worker, the progress bar."""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
from pathlib import Path

import pytest
import yaml

from checker import batch
from checker.batch import BatchOptions, Job, Outcome, Progress, collect_jobs, run_jobs
from checker.cli import main
from checker.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fixture_pairs() -> list[tuple[Path, Path, str]]:
    """Every labelled (plan, notice) pair: fixtures/cases.yaml (17) and the matching set (42)."""
    pairs = []
    for base in (FIXTURES, FIXTURES / "matching"):
        for case in yaml.safe_load((base / "cases.yaml").read_text(encoding="utf-8")):
            if case.get("reader_todo"):
                continue
            date = str(case.get("feedback_date") or "")
            pairs.append(((base / case["plan"]).resolve(), (base / case["notice"]).resolve(), date))
    return pairs


def test_fifty_pairs_with_one_corrupt_file(capsys, tmp_path):
    pairs = fixture_pairs()[:49]
    assert len(pairs) == 49
    corrupt = tmp_path / "损坏的方案.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 64)  # a zip header and nothing behind it
    rows = [(str(p), str(n), d) for p, n, d in pairs]
    rows.insert(17, (str(corrupt), str(FIXTURES / "notices/jiaoyu-letter.txt"), ""))
    manifest = tmp_path / "清单.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["plan", "notice", "date"])
        writer.writerows(rows)
    out = tmp_path / "汇总"
    code, stdout, err = _run(capsys, "batch", manifest, "--jobs", "2", "--out", out, "--no-config")
    assert code == 2, err  # a plan could not be checked
    lines = stdout.splitlines()
    assert lines[0] == "plancheck 批量审核汇总"
    table = [line for line in lines if line[:1].isdigit()]
    assert len(table) == 50
    verdicts = [line for line in table if line.rstrip().endswith(("通过", "不通过"))]
    broken = [line for line in table if "无法检查" in line]
    assert len(verdicts) == 49 and len(broken) == 1
    assert broken[0].startswith("18 ") and "损坏的方案.docx" in broken[0] and "已损坏" in broken[0]
    assert "共 50 份" in stdout and "无法检查 1 份" in stdout
    # the summary files: one CSV row per plan, an HTML table linking each plan's report
    with (out / "summary.csv").open(encoding="utf-8-sig") as handle:
        summary = list(csv.DictReader(handle))
    assert len(summary) == 50 and summary[17]["结论"] == "无法检查" and summary[17]["报告"] == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    for row in summary:
        if row["报告"]:
            assert (out / row["报告"]).is_file() and f'href="{row["报告"]}"' in index
    assert sum(1 for row in summary if row["报告"]) == 49
    # a verdict is the --fail-on rule applied to the counts (default: any error fails)
    for row in summary:
        if row["结论"] != "无法检查":
            assert (row["结论"] == "不通过") == (int(row["错误"]) > 0), row


def _write_manifest(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_manifest_with_chinese_headers_gb18030_and_bad_rows(tmp_path):
    (tmp_path / "plans").mkdir()
    manifest = _write_manifest(tmp_path / "清单.csv", (
        "# 第十轮巡察整改方案\n"
        "整改方案,反馈意见,反馈日期,规则包\n"
        "plans/县教育局.docx,反馈/教育局.txt,2024-08-06,\n"
        "\n"
        "plans/县医保局.docx,反馈/医保局.txt,10月10日,本市.rules\n"
        ",反馈/妇联.txt,,\n"), encoding="gb18030")
    jobs = collect_jobs([str(manifest)])
    assert [j.label for j in jobs] == ["plans/县教育局.docx", "plans/县医保局.docx", "清单.csv:6"]
    assert jobs[0].plan == str(tmp_path / "plans/县教育局.docx") and jobs[0].date.isoformat() == "2024-08-06"
    assert jobs[0].problem is None
    assert "第 5 行" in jobs[1].problem and "YYYY-MM-DD" in jobs[1].problem
    assert jobs[1].pack == str(tmp_path / "本市.rules")
    assert "plan" in jobs[2].problem


def test_manifest_without_the_needed_columns_is_refused(tmp_path):
    manifest = _write_manifest(tmp_path / "m.csv", "文件,日期\na.docx,2024-01-01\n")
    with pytest.raises(UsageError) as caught:
        collect_jobs([str(manifest)])
    assert "plan" in caught.value.message and "notice" in caught.value.message


def test_directory_convention(tmp_path):
    notice = (FIXTURES / "notices/jiaoyu-letter.txt").read_bytes()
    (tmp_path / "教育局").mkdir()
    (tmp_path / "教育局" / "整改方案.docx").write_bytes((FIXTURES / "plans/jiaoyu-gaps.docx").read_bytes())
    (tmp_path / "教育局" / "反馈意见.txt").write_bytes(notice)
    (tmp_path / "妇联.docx").write_bytes((FIXTURES / "plans/fulian-gaps.docx").read_bytes())
    (tmp_path / "妇联.反馈意见.txt").write_bytes((FIXTURES / "notices/fulian-news.txt").read_bytes())
    (tmp_path / "孤立方案.docx").write_bytes(b"")
    (tmp_path / "~$妇联.docx").write_bytes(b"lock file of an open Word document")
    jobs = collect_jobs([str(tmp_path)])
    labels = {j.label: j for j in jobs}
    assert set(labels) == {"教育局/整改方案.docx", "妇联.docx", "孤立方案.docx"}
    assert labels["教育局/整改方案.docx"].notice == str(tmp_path / "教育局" / "反馈意见.txt")
    assert labels["妇联.docx"].notice == str(tmp_path / "妇联.反馈意见.txt")
    assert "找不到对应的反馈意见" in labels["孤立方案.docx"].problem


def test_batch_in_one_process_and_summary_formats(capsys, tmp_path):
    (tmp_path / "妇联.docx").write_bytes((FIXTURES / "plans/fulian-complete.docx").read_bytes())
    (tmp_path / "妇联.反馈意见.txt").write_bytes((FIXTURES / "notices/fulian-news.txt").read_bytes())
    code, out, err = _run(capsys, "batch", tmp_path, "--format", "csv", "--no-config")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["序号", "整改方案", "反馈意见"] and rows[1][1] == "妇联.docx" and rows[1][rows[0].index("结论")] == "通过"
    code, out, err = _run(capsys, "batch", tmp_path, "--format", "html", "--lang", "en", "--no-config")
    assert code == 0 and "<table>" in out and "passed" in out and "妇联.docx" in out


def _die_on_marked(job: Job, options: BatchOptions) -> Outcome:
    """Stands in for check_one in the workers: the marked plan kills its process."""
    if "crash" in job.plan:
        os._exit(3)
    return Outcome(job, "passed", problems=1, covered=1)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the stand-in worker needs fork")
def test_a_crashed_worker_is_one_failed_plan(monkeypatch):
    monkeypatch.setattr(batch, "check_one", _die_on_marked)
    monkeypatch.setattr(batch, "_warm_up", lambda: None)
    jobs = [Job(n=n, plan=f"plan{n}.docx" if n != 3 else "crash.docx", notice="n.txt") for n in range(1, 6)]
    outcomes = run_jobs(jobs, BatchOptions(), workers=2)
    assert [o.verdict for o in outcomes] == ["passed", "passed", "broken", "passed", "passed"]
    assert outcomes[2].reason == "处理进程异常退出"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    outcome = Outcome(Job(n=1, plan="a.docx", label="a.docx"), "passed")
    terminal = _Terminal()
    bar = Progress(2, enabled=True, stream=terminal)
    bar.step(outcome, "zh")
    bar.close()
    assert "\r[############------------] 1/2 通过 a.docx" in terminal.getvalue()
    pipe = io.StringIO()
    bar = Progress(2, enabled=True, stream=pipe)
    bar.step(outcome, "zh")
    bar.close()
    assert pipe.getvalue() == ""


def test_exit_codes():
    job = Job(n=1, plan="a.docx")
    assert batch.exit_code([Outcome(job, "passed")]) == 0
    assert batch.exit_code([Outcome(job, "passed"), Outcome(job, "failed")]) == 1
    assert batch.exit_code([Outcome(job, "failed"), Outcome(job, "broken")]) == 2


def test_the_pre_commit_hook_as_pre_commit_runs_it(capsys, tmp_path):
    """.pre-commit-hooks.yaml: pre-commit filters the staged files with files/exclude and appends
    them to entry; the hook passes a complete plan and refuses one with gaps."""
    import re
    import shlex

    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert hook["language"] == "python" and hook["pass_filenames"]
    shutil_copy = lambda src, dst: dst.write_bytes(src.read_bytes())  # noqa: E731
    (tmp_path / "教育局").mkdir()
    shutil_copy(FIXTURES / "plans/jiaoyu-complete.docx", tmp_path / "教育局" / "整改方案.docx")
    shutil_copy(FIXTURES / "notices/jiaoyu-letter.txt", tmp_path / "教育局" / "反馈意见.txt")
    shutil_copy(FIXTURES / "plans/jiaoyu-gaps.docx", tmp_path / "教育局" / "整改方案-初稿.docx")
    staged = ["教育局/整改方案.docx", "教育局/反馈意见.txt", "教育局/~$整改方案.docx", "教育局/反馈意见.docx"]

    def selected(names):
        return [n for n in names if re.search(hook["files"], n) and not re.search(hook["exclude"], n)]

    assert selected(staged) == ["教育局/整改方案.docx"]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "plancheck"
    code, out, err = _run(capsys, *entry[1:], *[tmp_path / n for n in selected(staged)])
    assert code == 0, out + err
    code, out, err = _run(capsys, *entry[1:], *[tmp_path / n for n in selected(staged + ["教育局/整改方案-初稿.docx"])])
    assert code == 1 and "不通过" in out
