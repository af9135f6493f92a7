"""Speed and memory of plancheck, with the floor measured in the same run.

    python benchmarks/speed.py [--quick] [--repeat 5]

Prints:
- cold CLI wall time (fresh process, median of --repeat runs) and peak RSS for generated plans of
  5, 40 and 200 pages against a notice of 15 problems, and `plancheck --help`;
- warm in-process check time (median) and the floor: opening the .docx with python-docx and reading
  all its text, so the analysis overhead shows as a ratio to the floor;
- batch throughput with --jobs 1 and 2 (when `plancheck batch` exists);
- scaling: time and peak memory for 1x, 2x, 4x, 8x plan size and notice size, with the fitted
  exponent (slope of log time against log size; 1.0 is linear).
Plans are generated reproducibly here (no randomness): a page is about 4 paragraphs and 1.5 ledger rows.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = [  # (problem, measures) — 巡察 topics a generated notice and plan talk about
    ("落实意识形态工作责任制不到位，阵地管理不严格", "修订《意识形态工作责任制实施细则》，每半年专题研究意识形态工作1次，建立阵地管理台账"),
    ("党组会议议事决策不规范，“三重一大”事项未经集体研究", "修订《党组会议议事规则》，明确“三重一大”事项清单，对2023年以来事项开展自查"),
    ("公务接待费用报销审核不严", "对2023年以来公务接待费用逐笔核查，追回不合规款项，修订《公务接待管理办法》"),
    ("干部选拔任用程序不规范，动议环节把关不严", "严格执行干部选拔任用工作规定，建立动议环节纪实制度，开展选人用人专项检查"),
    ("基层党组织建设薄弱，部分支部组织生活不规范", "制定支部标准化建设清单，每季度检查三会一课记录，年底前完成软弱涣散支部整顿"),
    ("专项资金使用绩效不高，部分项目结余资金长期未清理", "开展专项资金绩效评价，清理结余资金并按规定收回，建立项目资金台账"),
    ("政府采购内控制度不健全，化整为零规避招标", "修订《政府采购内部控制办法》，对2022年以来采购项目逐项复核，建立采购计划审核制度"),
    ("落实中央八项规定精神不严格，违规使用公务用车", "开展公务用车专项检查，建立用车审批登记制度，每季度通报用车情况"),
    ("安全生产监管存在短板，隐患排查不彻底", "开展安全生产隐患大排查，建立隐患清单逐项销号，每月组织一次专项检查"),
    ("固定资产管理混乱，账实不符", "开展固定资产全面清查盘点，建立资产管理信息台账，年底前完成账实核对"),
    ("信访矛盾化解不及时，重复信访问题突出", "建立信访积案化解台账，领导包案办理，每月分析研判一次信访形势"),
    ("年轻干部培养储备不足，干部队伍年龄结构老化", "制定年轻干部培养三年计划，建立年轻干部人才库，每年选派10名年轻干部到基层锻炼"),
    ("内部审计发现问题整改不到位", "对近三年审计发现问题建立整改台账，逐项明确责任人和时限，整改情况纳入年度考核"),
    ("学习贯彻上级精神不深入，第一议题学习流于形式", "完善第一议题学习制度，每次学习形成研讨记录，每季度开展一次专题研讨"),
    ("党风廉政建设主体责任落实不力，廉政风险防控不到位", "修订廉政风险防控手册，排查岗位廉政风险点，每半年开展一次廉政谈话"),
]
FILLER = ("坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实巡察反馈意见，以整改实效推动各项工作高质量发展，"
          "把巡察整改作为重大政治任务抓紧抓实抓好。")
PROCEDURE = [
    "成立整改工作领导小组，党组书记任组长，是整改第一责任人；班子成员履行“一岗双责”。",
    "对照反馈意见建立问题清单、任务清单、责任清单，能够立即解决的问题立行立改，同时举一反三、建章立制，建立长效机制。",
    "2024年8月10日前召开巡察整改专题民主生活会。",
    "反馈后2个月内将整改情况报告报送县委巡察办。",
    "巡察反馈意见在党内通报；整改情况在门户网站向社会公开。",
]


def write_notice(path: Path, problems: int) -> None:
    lines = ["2024年7月12日，县委第二巡察组向县测试局党组反馈巡察情况。巡察组指出，主要是："]
    parts = []
    for n in range(problems):
        text, _ = TOPICS[n % len(TOPICS)]
        parts.append(text if n < len(TOPICS) else f"{text}（第{n // len(TOPICS) + 1}类单位）")
    lines[0] += "；".join(parts) + "。"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_plan(path: Path, pages: int, problems: int = 15) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("中共县测试局党组关于县委第二巡察组反馈意见的整改方案")
    for text in PROCEDURE:
        document.add_paragraph(text)
    for n in range(max(0, pages * 4 - len(PROCEDURE) - 1)):
        document.add_paragraph(f"（{n + 1}）{FILLER}")
    rows = max(problems, round(pages * 1.5))
    table = document.add_table(rows=1, cols=7)
    for cell, title in zip(table.rows[0].cells, ["序号", "反馈问题", "整改措施", "责任领导", "责任部门", "整改时限", "完成标准"]):
        cell.text = title
    for n in range(rows):
        k = n % problems
        problem, measures = TOPICS[k % len(TOPICS)]
        if k >= len(TOPICS):
            problem = f"{problem}（第{k // len(TOPICS) + 1}类单位）"
        values = [str(n + 1), problem, f"{measures}；第{n // problems + 1}批次落实。", "张明", "办公室", "2024年9月30日前", "完成并形成台账"]
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    document.save(path)


def _run_timed(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB, exit code) of one fresh process."""
    probe = ("import resource,subprocess,sys,time;t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])


def cold(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [_run_timed(cmd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def floor_seconds(plan: Path, repeat: int) -> float:
    import docx

    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        d = docx.Document(str(plan))
        texts = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                texts.extend(c.text for c in row.cells)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def warm_seconds(plan: Path, notice: Path, repeat: int) -> float:
    from checker.check import run_check

    run_check(plan, notice)  # loads jieba, the grammar, the pack
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run_check(plan, notice)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def slope(sizes: list[float], values: list[float]) -> float:
    xs, ys = [math.log(s) for s in sizes], [math.log(max(v, 1e-9)) for v in values]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


_PROBE = """
import sys, time, tracemalloc, resource
from checker.check import run_check, load_packs
from checker.textterms import words
words("预热"); load_packs(None)
t = time.perf_counter(); run_check(sys.argv[1], sys.argv[2]); elapsed = time.perf_counter() - t
tracemalloc.start(); run_check(sys.argv[1], sys.argv[2]); peak = tracemalloc.get_traced_memory()[1]
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, peak)
"""


def _inprocess_probe(plan: Path, notice: Path) -> tuple[float, float, float]:
    """One fresh process doing one check: (seconds of the check itself, peak RSS MB of the process,
    peak MB the check allocates on top of what was loaded — measured with tracemalloc)."""
    out = subprocess.run([sys.executable, "-c", _PROBE, str(plan), str(notice)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]) / 1024 / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer sizes and runs (a smoke run)")
    args = parser.parse_args()
    repeat = 2 if args.quick else args.repeat
    plancheck = [sys.executable, "-m", "checker"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        notice = tmp_dir / "notice.txt"
        write_notice(notice, 15)
        print(f"{'plan':<10} {'cold median s':>13} {'peak RSS MB':>12} {'warm s':>8} {'floor s':>8} {'warm/floor':>10}")
        for pages in ([5, 40] if args.quick else [5, 40, 200]):
            plan = tmp_dir / f"plan-{pages}.docx"
            write_plan(plan, pages)
            wall, rss = cold([*plancheck, str(plan), "--against", str(notice), "--format", "json"], repeat)
            warm = warm_seconds(plan, notice, repeat)
            floor = floor_seconds(plan, repeat)
            print(f"{pages:>3} pages  {wall:>13.3f} {rss:>12.1f} {warm:>8.3f} {floor:>8.3f} {warm / floor:>10.2f}")
        wall, rss = cold([*plancheck, "--help"], repeat)
        print(f"--help     {wall:>13.3f} {rss:>12.1f}")

        print("\nscaling (one fresh process per point; time of the check itself, peak RSS of the process)")
        factors = [1, 2, 4] if args.quick else [1, 2, 4, 8]
        for label, make in (("plan size", lambda f: (25 * f, 15)), ("notice size", lambda f: (25, 15 * f))):
            times, mems, growth = [], [], []
            for f in factors:
                pages, problems = make(f)
                n_path, p_path = tmp_dir / f"n-{label}-{f}.txt", tmp_dir / f"p-{label}-{f}.docx"
                write_notice(n_path, problems)
                write_plan(p_path, pages, problems)
                runs = [_inprocess_probe(p_path, n_path) for _ in range(max(1, repeat // 2))]
                times.append(statistics.median(r[0] for r in runs))
                mems.append(max(r[1] for r in runs))
                growth.append(max(r[2] for r in runs))
            cells = "  ".join(f"{f}x: {t:.3f}s {m:.0f}MB" for f, t, m in zip(factors, times, mems))
            print(f"{label:<12} {cells}")
            print(f"{'':<12} time exponent {slope(factors, times):.2f}; memory exponent {slope(factors, growth):.2f} "
                  f"(of the memory the check adds: {'  '.join(f'{g:.1f}' for g in growth)} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
