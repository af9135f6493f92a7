"""Command line: `plancheck PLAN --against NOTICE` (= `plancheck check …`), `extract`, `rules`,
`batch` (many plans, one summary) and `init` (a commented starter plancheck.toml).

Exit codes (contract): 0 no finding at or above --fail-on; 1 there are; 2 the check could not be
done, with one line on stderr saying what and what to do. Heavy modules are imported inside the
commands so `plancheck --help` stays instant.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from checker import __version__
from checker.errors import PlancheckError, UsageError

COMMANDS = {"check", "extract", "rules", "batch", "init"}
FORMATS = ("text", "json", "sarif", "markdown", "html", "github", "junit")  # = checker.config.FORMATS
FAIL_ON = ("error", "warning", "never")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，例如 2024-07-12（收到：{text}）") from None


class _Parser(argparse.ArgumentParser):
    """argparse prints its usage block and exits; the contract is one line on stderr and exit 2."""

    def error(self, message: str):
        message = " ".join(message.split())
        raise UsageError(f"命令行有误：{message}（用 plancheck --help 查看用法）",
                         f"bad command line: {message} (see plancheck --help)")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plancheck",
        description="检查巡视/巡察整改方案是否逐条回应反馈意见，并报告每一处缺口。\n"
                    "用法：plancheck 整改方案.docx --against 反馈意见.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="退出码：0 无须修改的问题；1 发现问题；2 无法完成检查（原因见标准错误）。",
    )
    parser.add_argument("--version", action="version", version=f"plancheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{check,extract,rules,batch,init}")

    check = sub.add_parser("check", help="检查整改方案（默认命令）")
    check.add_argument("plan", help="整改方案（.docx）")
    check.add_argument("--against", required=True, metavar="NOTICE",
                       help="反馈意见（.txt/.docx，或 plancheck extract 输出并经人工修正的 .json/.yaml）")
    check.add_argument("--rules", action="append", metavar="PACK", help="规则包：内置名称（如 xuncha）或 .rules 文件，可重复")
    check.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="改写规则包参数，如 报告期限=3个月")
    check.add_argument("--format", choices=FORMATS, help="输出格式（默认 text，或配置文件中的 format）")
    check.add_argument("--output", metavar="FILE", help="把报告写入文件（不会覆盖输入文件）")
    check.add_argument("--annotate", metavar="OUT.docx",
                       help="另存一份带批注的方案：每条发现在对应段落或单元格处加 Word 批注（不改动原文件）")
    check.add_argument("--fail-on", choices=FAIL_ON, help="何种级别的发现使退出码为1（默认 error）")
    check.add_argument("--feedback-date", type=_date, metavar="YYYY-MM-DD", help="反馈日期（反馈意见未写明年份时使用）")
    check.add_argument("--disable", action="append", default=[], metavar="RULE-ID", help="不运行某条规则，可重复")
    check.add_argument("--explain", metavar="P3", help="列出某个反馈问题的候选整改事项及其得分")
    check.add_argument("--max-size", type=_megabytes, metavar="MB", help="输入文件大小上限，单位 MB（默认 50）")
    check.add_argument("--unit", metavar="单位", help="反馈意见同时发给多个单位时，本方案是哪个单位的（默认从方案标题识别）")
    _config_options(check)

    extract = sub.add_parser("extract", help="显示从反馈意见中识别出的问题、意见建议和要求")
    extract.add_argument("notice", help="反馈意见文件")
    extract.add_argument("--format", choices=("text", "json", "yaml"), default="text")
    extract.add_argument("--feedback-date", type=_date, metavar="YYYY-MM-DD")
    extract.add_argument("--output", metavar="FILE")
    extract.add_argument("--lang", choices=("zh", "en"), default="zh")
    extract.add_argument("--max-size", type=_megabytes, metavar="MB", help="输入文件大小上限，单位 MB（默认 50）")

    batch = sub.add_parser("batch", help="批量检查多份方案，输出汇总表",
                           description="SOURCE 可以是 CSV 清单（列：plan,notice[,date,pack]，中文列名亦可）、"
                                       "目录（方案 *.docx 与同目录下的 反馈意见.txt 或 <方案名>.反馈意见.txt 配对）或方案文件。"
                                       "退出码：0 全部通过；1 有方案未通过；2 有方案无法检查。")
    batch.add_argument("sources", nargs="+", metavar="SOURCE", help="CSV 清单、目录或方案文件")
    batch.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N", help="并行进程数（默认 1）")
    batch.add_argument("--out", metavar="DIR", help="写入汇总（index.html、summary.csv）和每份方案的报告")
    batch.add_argument("--report-format", choices=FORMATS, default="html", help="--out 中每份方案报告的格式（默认 html）")
    batch.add_argument("--format", choices=("text", "csv", "html"), default="text", help="标准输出上汇总表的格式")
    batch.add_argument("--output", metavar="FILE", help="把汇总表写入文件")
    batch.add_argument("--rules", action="append", metavar="PACK", help="规则包（清单中的 pack 列优先）")
    batch.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    batch.add_argument("--disable", action="append", default=[], metavar="RULE-ID")
    batch.add_argument("--fail-on", choices=FAIL_ON, help="何种级别的发现算作不通过（默认 error）")
    batch.add_argument("--no-progress", action="store_true", help="不显示进度条")
    _config_options(batch)

    init = sub.add_parser("init", help="写出带注释的配置模板 plancheck.toml（不覆盖已有文件）")
    init.add_argument("directory", nargs="?", default=".", help="写到哪个目录（默认当前目录）")
    init.add_argument("--rules", action="append", metavar="PACK", help="模板中列出哪个规则包的参数和规则（默认 xuncha）")
    init.add_argument("--lang", choices=("zh", "en"), default=None)

    from checker.cli_rules import add_parsers

    add_parsers(sub)
    return parser


def _config_options(parser) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), help="报告语言（默认中文）")
    parser.add_argument("--config", metavar="FILE", help="配置文件（默认：从方案所在目录向上查找 plancheck.toml 或 pyproject.toml）")
    parser.add_argument("--no-config", action="store_true", help="不读取任何配置文件")
    parser.add_argument("--waivers", action="append", default=[], metavar="FILE", help="豁免文件（TOML，[[waivers]]），可重复")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数（收到：{text}）")
    return value


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 1e6:
        raise argparse.ArgumentTypeError(f"应为正数，单位 MB，例如 --max-size 200（收到：{text}）")
    return value


def _write_stdout(text: str, machine: bool) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if machine and buffer is not None:
        # JSON/YAML are UTF-8 whatever the console's encoding (GBK on Chinese Windows), as their readers expect
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
        return
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a console that cannot show ✓ or a rare character such as 㛃: "?" instead
        encoding = sys.stdout.encoding or "ascii"
        sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding))


def _write_output(text: str, output: str | None, inputs: list[str], machine: bool = False) -> None:
    if output is None:
        _write_stdout(text, machine)
        return
    target = _refuse_output(output, inputs)
    tmp = target.with_name(f".{target.name}.plancheck-tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)  # atomic: a reader never sees half a report
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        why = {PermissionError: "没有写入权限", FileNotFoundError: "所在文件夹不存在"}.get(type(exc), exc.strerror or exc)
        raise UsageError(f"无法写入 {output}（{why}）：请换一个可写的位置或文件名",
                         f"cannot write {output} ({exc.strerror or exc}): choose a writable place or name") from None


def _refuse_output(output: str | None, inputs: list[str], option: str = "--output") -> Path | None:
    """--output must not be a folder or an input (checked before the slow work, and again at the write)."""
    if output is None:
        return None
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"{option} 指向的是文件夹（{output}）：请给出要写入的文件名，如 {target / '审核报告.txt'}",
                         f"{option} is a directory ({output}): give a file name to write")
    for given in inputs:
        if target.exists() and Path(given).exists() and os.path.samefile(target, given):
            raise UsageError(f"{option} 与输入文件相同（{output}），为保护输入拒绝写入：请另取文件名或目录",
                             f"{option} is an input file ({output}), refused to protect it: choose another name")
    return target


def _overrides(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UsageError(f"--set 应写成 参数名=值，例如 报告期限=3个月（收到：{pair}）",
                             f"--set takes NAME=VALUE, e.g. 报告期限=3months (got: {pair})")
        out[name.strip()] = value.strip()
    return out


def _settings(args, plan: str):
    from checker.config import config_for, resolve

    config = config_for(plan, args.config, not args.no_config)
    return resolve(config, rules=args.rules, sets=_overrides(args.set), disable=args.disable,
                   waiver_files=args.waivers, format=getattr(args, "format", None), fail_on=args.fail_on,
                   lang=args.lang, feedback_date=getattr(args, "feedback_date", None),
                   max_size=getattr(args, "max_size", None), unit=getattr(args, "unit", None))


def _cmd_check(args) -> int:
    from checker.config import run_configured

    settings = _settings(args, args.plan)
    args.lang = settings.lang  # for the one-line error, should one follow
    _refuse_output(args.output, [args.plan, args.against])
    if args.annotate:  # refuse a dangerous target before the slow work
        from checker.report.annotate import check_target

        check_target(args.plan, args.annotate, [args.against])
    result = run_configured(args.plan, args.against, settings)
    if args.explain:
        from checker.report.explain_report import render_explain

        text = render_explain(result, args.explain, settings.lang)
    else:
        from checker.report import render_report

        text = render_report(result, settings.format, settings.fail_on, settings.lang)
    if args.annotate:
        from checker.messages import msg
        from checker.report.annotate import annotate

        count = annotate(result, args.annotate, settings.lang, settings.fail_on, [args.against])
        print(f"plancheck: {msg('annotated', settings.lang, file=args.annotate, n=count)}", file=sys.stderr)
    _write_output(text, args.output, [args.plan, args.against],
                  machine=settings.format != "text" and not args.explain)
    return 1 if result.failed(settings.fail_on) else 0


def _cmd_batch(args) -> int:
    from checker.batch import BatchOptions, run_batch

    options = BatchOptions(rules=args.rules, sets=_overrides(args.set), disable=args.disable, waiver_files=args.waivers,
                           fail_on=args.fail_on, lang=args.lang, config=args.config, use_config=not args.no_config,
                           out=args.out, report_format=args.report_format)
    _refuse_output(args.output, list(args.sources))
    for written in ("index.html", "summary.csv") if args.out else ():  # e.g. a manifest named summary.csv
        _refuse_output(str(Path(args.out) / written), list(args.sources), "--out")
    summary, code = run_batch(args.sources, options, jobs=args.jobs, summary_format=args.format,
                              progress=not args.no_progress)
    _write_output(summary, args.output, list(args.sources), machine=args.format != "text")
    return code


def _cmd_init(args) -> int:
    from checker.check import load_packs
    from checker.config import CONFIG_NAME, starter_config
    from checker.messages import error, msg

    lang = args.lang or "zh"
    target = Path(args.directory) / CONFIG_NAME
    if target.exists():
        raise error("init_exists", file=target)
    text = starter_config(load_packs(args.rules))
    try:
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise error("init_exists", file=target) from None
    except OSError as exc:
        raise error("annotate_write", file=target, why=exc.strerror or exc) from None
    print(msg("init_written", lang, file=target))
    return 0


def _cmd_extract(args) -> int:
    from checker.documents import read_document, size_limit
    from checker.feedback import extract_requirements, requirements_to_json
    from checker.report.extract_report import render_text

    _refuse_output(args.output, [args.notice])
    with size_limit(args.max_size and int(args.max_size * 1_000_000)):
        document = read_document(args.notice)
    req = extract_requirements(document, feedback_date=args.feedback_date)
    if args.format == "json":
        import json

        text = json.dumps(requirements_to_json(req), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "yaml":
        import yaml

        text = yaml.safe_dump(requirements_to_json(req), allow_unicode=True, sort_keys=False)
    else:
        text = render_text(req, args.lang)
    _write_output(text, args.output, [args.notice], machine=args.format != "text")
    return 0


def _cmd_rules(args) -> int:
    from checker.cli_rules import run

    return run(args)


def _requested_lang(argv: list[str]) -> str:
    """--lang before argparse has understood it (for the message about a bad command line)."""
    for n, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and argv[n + 1 : n + 2] == ["en"]):
            return "en"
    return "zh"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        argv.insert(0, "check")  # `plancheck PLAN --against NOTICE`
    elif argv and argv[0].startswith("-") and "--against" in argv:
        argv.insert(0, "check")
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"plancheck: {exc.text(_requested_lang(argv))}", file=sys.stderr)
        return exc.exit_code
    except SystemExit as exc:  # --help / --version: return the code, so main() can be called in-process
        return exc.code if isinstance(exc.code, int) else 0
    lang = getattr(args, "lang", None) or "zh"
    if args.command is None:
        parser.print_help()
        return 2
    try:
        handler = {"check": _cmd_check, "extract": _cmd_extract, "rules": _cmd_rules, "batch": _cmd_batch,
                   "init": _cmd_init}[args.command]
        return handler(args)
    except PlancheckError as exc:
        print(f"plancheck: {exc.text(getattr(args, 'lang', None) or lang)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one clear line and exit 2, never a bare traceback
        if os.environ.get("PLANCHECK_DEBUG"):
            raise
        print(f"plancheck: 内部错误，检查未完成（{type(exc).__name__}: {exc}）。"
              f"请设置 PLANCHECK_DEBUG=1 重新运行并报告此问题", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
