"""`plancheck batch`: a round of plans checked in one go, one summary table for the 巡察办.

Sources (any mix):
- a CSV manifest: columns plan, notice, optional date (YYYY-MM-DD) and pack; Chinese headers
  整改方案/方案, 反馈意见, 反馈日期, 规则包 work too; paths relative to the manifest; UTF-8 (with or
  without BOM) or GB18030 (what Excel saves on a Chinese Windows); blank and # lines skipped.
- a directory: every *.docx under it is a plan, its notice is <plan stem>.反馈意见.<ext> or
  <plan stem>.notice.<ext> beside it, else 反馈意见.<ext> or notice.<ext> in the same folder
  (ext: txt, docx, md, pdf, html, json, yaml).
- a plan file: its notice found the same way (this is how the pre-commit hook calls it).

Each plan is checked in its own worker (--jobs N processes; jieba loads once per process). One bad
file never stops the batch: it is listed as "无法检查" with its one-line reason. With --out DIR
each plan's report is written to DIR/reports/ and the summary to DIR/index.html (links to the
reports) and DIR/summary.csv. Exit code: 2 if any plan could not be checked, else 1 if any failed,
else 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from checker.errors import PlancheckError
from checker.messages import error, msg

NOTICE_NAMES = ("反馈意见", "notice")
NOTICE_SUFFIXES = (".txt", ".docx", ".md", ".pdf", ".html", ".json", ".yaml", ".yml")
_COLUMNS = {
    "plan": ("plan", "整改方案", "方案", "plan_path"),
    "notice": ("notice", "反馈意见", "against", "notice_path"),
    "date": ("date", "反馈日期", "feedback_date", "feedback-date"),
    "pack": ("pack", "规则包", "rules"),
}


@dataclass(frozen=True)
class Job:
    n: int  # 1-based position in the summary
    plan: str
    label: str = ""  # the plan as the source names it (manifest cell, path inside the directory)
    notice: str | None = None
    date: dt.date | None = None
    pack: str | None = None
    problem: str | None = None  # why this row cannot be checked at all (bad row, no notice)
    problem_en: str | None = None


@dataclass
class BatchOptions:
    """What the command line says for every plan of the batch (a row's date/pack win for that row)."""

    rules: list[str] | None = None
    sets: dict[str, str] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)
    waiver_files: list[str] = field(default_factory=list)
    fail_on: str | None = None
    lang: str | None = None
    config: str | None = None
    use_config: bool = True
    out: str | None = None
    report_format: str = "html"


@dataclass
class Outcome:
    job: Job
    verdict: str  # passed | failed | broken
    problems: int = 0
    covered: int = 0
    errors: int = 0
    warnings: int = 0
    waived: int = 0
    reason: str = ""
    report: str | None = None  # path of the plan's report, relative to --out


# ----------------------------------------------------------------------------- collecting the jobs


def collect_jobs(sources: list[str]) -> list[Job]:
    specs: list[dict] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            specs.extend(_directory(path))
        elif path.suffix.lower() == ".csv":
            specs.extend(_manifest(path))
        elif path.suffix.lower() in (".docx", ".txt", ".md", ".pdf") or path.exists():
            specs.append(_paired(path))
        else:
            raise error("batch_source", file=source)
    if not specs:
        raise error("batch_empty", source="、".join(sources))
    return [Job(n=n, **spec) for n, spec in enumerate(specs, start=1)]


def notice_for(plan: Path) -> Path | None:
    stems = [f"{plan.stem}.{name}" for name in NOTICE_NAMES] + list(NOTICE_NAMES)
    for stem in stems:
        for suffix in NOTICE_SUFFIXES:
            candidate = plan.parent / f"{stem}{suffix}"
            if candidate.is_file() and candidate != plan:
                return candidate
    return None


def _paired(plan: Path, label: str | None = None) -> dict:
    notice = notice_for(plan)
    spec = {"plan": str(plan), "label": label or str(plan)}
    if notice is None:
        return {**spec, "problem": msg("batch_no_notice", "zh", stem=plan.stem),
                "problem_en": msg("batch_no_notice", "en", stem=plan.stem)}
    return {**spec, "notice": str(notice)}


def _is_notice_name(path: Path) -> bool:
    stem = path.stem
    return stem in NOTICE_NAMES or any(stem.endswith(f".{name}") for name in NOTICE_NAMES)


def _directory(folder: Path) -> list[dict]:
    plans = [p for p in sorted(folder.rglob("*.docx"))
             if not p.name.startswith(("~$", ".")) and not _is_notice_name(p)
             and not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1])]
    return [_paired(p, p.relative_to(folder).as_posix()) for p in plans]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _manifest(path: Path) -> list[dict]:
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise error("file_unreadable", file=path, why=exc.strerror or exc) from None
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    header = next(reader, None) or []
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        for column, names in _COLUMNS.items():
            if key in names and column not in columns:
                columns[column] = index
    missing = [c for c in ("plan", "notice") if c not in columns]
    if missing:
        raise error("batch_manifest_columns", file=path, missing=", ".join(missing))
    base = path.parent
    specs = []
    for row in reader:
        line_no = numbered[reader.line_num - 1][0]  # the line as the user's editor numbers it
        cell = lambda column: row[columns[column]].strip() if column in columns and columns[column] < len(row) else ""  # noqa: E731
        spec: dict = {"plan": str(base / cell("plan")) if cell("plan") else f"{path.name}:{line_no}",
                      "label": cell("plan") or f"{path.name}:{line_no}"}
        problem = None
        for column in ("plan", "notice"):
            if not cell(column):
                problem = ("batch_missing_cell", {"column": column})
        if cell("notice"):
            spec["notice"] = str(base / cell("notice"))
        if cell("date"):
            try:
                spec["date"] = dt.date.fromisoformat(cell("date"))
            except ValueError:
                problem = ("batch_bad_date", {"value": cell("date")})
        if cell("pack"):
            pack = cell("pack")
            spec["pack"] = str(base / pack) if pack.endswith(".rules") else pack
        if problem:
            key, values = problem
            spec["problem"] = msg("batch_manifest_row", "zh", file=path.name, line=line_no, why=msg(key, "zh", **values))
            spec["problem_en"] = msg("batch_manifest_row", "en", file=path.name, line=line_no, why=msg(key, "en", **values))
        specs.append(spec)
    return specs


# ----------------------------------------------------------------------------- checking one plan


def _warm_up() -> None:
    """Worker start: load jieba and the vocabulary once, before the first plan arrives."""
    from checker.textterms import analyse

    analyse("巡察反馈问题整改")


def check_one(job: Job, options: BatchOptions) -> Outcome:
    """One plan, start to end; never raises (a failure is an Outcome with its reason)."""
    lang = options.lang or "zh"
    if job.problem:
        return Outcome(job, "broken", reason=job.problem_en if lang == "en" else job.problem)
    try:
        from checker.config import config_for, resolve, run_configured

        config = config_for(job.plan, options.config, options.use_config)
        settings = resolve(config, rules=[job.pack] if job.pack else options.rules, sets=options.sets,
                           disable=options.disable, waiver_files=options.waiver_files, fail_on=options.fail_on,
                           lang=options.lang, feedback_date=job.date)
        lang = settings.lang
        result = run_configured(job.plan, job.notice, settings)
        outcome = Outcome(job, "failed" if result.failed(settings.fail_on) else "passed",
                          problems=len(result.requirements.problems),
                          covered=sum(1 for c in result.coverage.values() if c.covered),
                          errors=result.count("error"), warnings=result.count("warning"), waived=len(result.waived))
        if options.out:
            outcome.report = _write_report(result, job, options, settings)
        return outcome
    except PlancheckError as exc:
        return Outcome(job, "broken", reason=exc.text(lang))
    except Exception as exc:  # a bug must not take the other plans down with it
        return Outcome(job, "broken", reason=msg("batch_internal", lang, what=f"{type(exc).__name__}: {exc}"))


def _write_report(result, job: Job, options: BatchOptions, settings) -> str:
    from checker.report import SUFFIXES, render_report

    name = f"reports/{job.n:03d}-{Path(job.plan).stem}{SUFFIXES[options.report_format]}"
    target = Path(options.out) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_report(result, options.report_format, settings.fail_on, settings.lang), encoding="utf-8")
    return name


# ----------------------------------------------------------------------------- running them all


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool, stream=None):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.enabled = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, outcome: Outcome, lang: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 24
        filled = width * self.done // max(self.total, 1)
        name = outcome.job.label or outcome.job.plan
        self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} "
                          f"{msg('verdict_' + outcome.verdict, lang)} {name[-40:]}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def run_jobs(jobs: list[Job], options: BatchOptions, workers: int = 1, progress: Progress | None = None) -> list[Outcome]:
    lang = options.lang or "zh"
    outcomes: dict[int, Outcome] = {}

    def record(outcome: Outcome) -> None:
        outcomes[outcome.job.n] = outcome
        if progress:
            progress.step(outcome, lang)

    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            record(check_one(job, options))
    else:
        crashed = _run_pool(jobs, options, min(workers, len(jobs)), record)
        for job in crashed:  # a worker died (not an exception: a crash); each retried alone once
            retry = _run_pool([job], options, 1, record)
            if retry:
                record(Outcome(job, "broken", reason=msg("batch_crashed", lang)))
    if progress:
        progress.close()
    return [outcomes[job.n] for job in jobs]


def _run_pool(jobs: list[Job], options: BatchOptions, workers: int, record) -> list[Job]:
    crashed: list[Job] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
        futures = {pool.submit(check_one, job, options): job for job in jobs}
        for future in as_completed(futures):
            try:
                record(future.result())
            except BrokenProcessPool:
                crashed.append(futures[future])
    return crashed


def exit_code(outcomes: list[Outcome]) -> int:
    if any(o.verdict == "broken" for o in outcomes):
        return 2
    return 1 if any(o.verdict == "failed" for o in outcomes) else 0


def run_batch(sources: list[str], options: BatchOptions, jobs: int = 1, summary_format: str = "text",
              progress: bool = True) -> tuple[str, int]:
    lang = options.lang or "zh"
    job_list = collect_jobs(sources)
    outcomes = run_jobs(job_list, options, jobs, Progress(len(job_list), progress))
    if options.out:
        out = Path(options.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text(summary_html(outcomes, lang, links=True), encoding="utf-8")
        (out / "summary.csv").write_text(summary_csv(outcomes, lang), encoding="utf-8-sig")
    render = {"text": summary_text, "csv": summary_csv, "html": summary_html}[summary_format]
    text = render(outcomes, lang)
    if options.out and summary_format == "text":
        text += msg("batch_written", lang, dir=options.out) + "\n"
    return text, exit_code(outcomes)


# ----------------------------------------------------------------------------- the summary table

_HEAD = ("batch_col_n", "batch_col_plan", "batch_col_covered", "batch_col_errors", "batch_col_warnings",
         "batch_col_waived", "batch_col_verdict", "batch_col_reason")


def _cells(o: Outcome, lang: str) -> list[str]:
    checked = o.verdict != "broken"
    return [str(o.job.n), o.job.label or o.job.plan, f"{o.covered}/{o.problems}" if checked else "—",
            str(o.errors) if checked else "—", str(o.warnings) if checked else "—",
            str(o.waived) if checked else "—", msg("verdict_" + o.verdict, lang), o.reason]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def totals(outcomes: list[Outcome], lang: str) -> str:
    count = lambda v: sum(1 for o in outcomes if o.verdict == v)  # noqa: E731
    return msg("batch_totals", lang, total=len(outcomes), passed=count("passed"), failed=count("failed"),
               broken=count("broken"))


def summary_text(outcomes: list[Outcome], lang: str = "zh") -> str:
    head = [msg(k, lang) for k in _HEAD]
    rows = [_cells(o, lang) for o in outcomes]
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head) - 1)]
    lines = [msg("batch_title", lang), ""]
    for row in [head, *rows]:
        line = "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row[:-1]))
        lines.append((line + ("  " + row[-1] if row[-1] else "")).rstrip())
    lines += ["", totals(outcomes, lang)]
    return "\n".join(lines) + "\n"


def summary_csv(outcomes: list[Outcome], lang: str = "zh") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([msg(k, lang) for k in (*_HEAD[:2], "batch_col_notice", *_HEAD[2:], "batch_col_report")])
    for o in outcomes:
        cells = _cells(o, lang)
        writer.writerow([*cells[:2], o.job.notice or "", *cells[2:], o.report or ""])
    return buffer.getvalue()


def summary_html(outcomes: list[Outcome], lang: str = "zh", links: bool = False) -> str:
    e = lambda t: escape(str(t), quote=True)  # noqa: E731
    head = "".join(f"<th>{e(msg(k, lang))}</th>" for k in _HEAD)
    rows = []
    for o in outcomes:
        cells = [e(c) for c in _cells(o, lang)]
        if links and o.report:
            cells[1] = f"<a href=\"{e(o.report)}\">{cells[1]}</a>"
        rows.append(f"<tr class=\"{o.verdict}\">" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    css = ("@page{size:A4 landscape;margin:12mm}body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;"
           "font-size:10pt;margin:8mm}table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;"
           "padding:1mm 2mm;text-align:left;vertical-align:top}th{background:#f1f1f1}tr{break-inside:avoid}"
           "tr.failed td:nth-child(7){color:#b71c1c;font-weight:bold}tr.broken td{color:#8e0000}"
           "tr.passed td:nth-child(7){color:#1b5e20}")
    return (f"<!DOCTYPE html>\n<html lang=\"{'en' if lang == 'en' else 'zh-CN'}\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(msg('batch_title', lang))}</title><style>{css}</style></head><body>"
            f"<h1>{e(msg('batch_title', lang))}</h1><p>{e(totals(outcomes, lang))}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n")
