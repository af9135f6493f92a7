"""`plancheck rules list | explain | test | fmt`: reading, testing and formatting rule packs."""

from __future__ import annotations

import sys
from pathlib import Path

from checker.errors import RulePackError, UsageError


def add_parsers(sub) -> None:
    rules = sub.add_parser("rules", help="查看、测试、格式化规则包")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="{list,explain,test,fmt}", required=True)
    rlist = rules_sub.add_parser("list", help="列出规则（编号、级别、标题、所属规则包）")
    rexplain = rules_sub.add_parser("explain", help="显示一条规则的依据、源文本和示例")
    rexplain.add_argument("rule_id")
    rtest = rules_sub.add_parser("test", help="运行规则包中每条规则的示例（触发/不触发）")
    rtest.add_argument("pack", nargs="?", help="规则包：内置名称或 .rules 文件（默认：全部内置规则包）")
    rfmt = rules_sub.add_parser("fmt", help="按统一格式重排规则包文本")
    rfmt.add_argument("file", help=".rules 文件")
    rfmt.add_argument("--check", action="store_true", help="只检查是否已是统一格式（否则退出码1）")
    rfmt.add_argument("--write", action="store_true", help="就地改写文件（默认输出到标准输出）")
    for p in (rlist, rexplain):
        p.add_argument("--rules", action="append", metavar="PACK", help="规则包（默认 xuncha）")
    for p in (rules, rlist, rexplain, rtest, rfmt):
        p.add_argument("--lang", choices=("zh", "en"), default="zh")


def run(args) -> int:
    return {"list": _list, "explain": _explain, "test": _test, "fmt": _fmt}[args.rules_command](args)


def _list(args) -> int:
    from checker.check import load_packs

    pack = load_packs(args.rules)
    lines = [f"{pack.title or pack.name}（{'、'.join(pack.sources)}）"]
    for r in pack.rules:
        lines.append(f"{r.id:<18} {r.severity:<8} {r.pack:<14} {r.title}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _explain(args) -> int:
    from checker.check import load_packs
    from checker.dsl.printer import _rule_lines

    pack = load_packs(args.rules)
    rule = pack.rule(args.rule_id.upper())
    if rule is None:
        raise UsageError(f"规则包中没有规则 {args.rule_id}（用 plancheck rules list 查看）", f"no rule {args.rule_id}")
    head = [f"{rule.id}  {rule.title}（{rule.severity}，规则包 {rule.pack}）", f"依据：{rule.basis}", f"来源：{rule.pos}", ""]
    sys.stdout.write("\n".join(head + _rule_lines(rule)) + "\n")
    return 0


def _test(args) -> int:
    from checker.dsl.examples import run_pack_examples
    from checker.dsl.loader import builtin_pack_names, load_pack

    specs = [args.pack] if args.pack else builtin_pack_names()
    failures = total = 0
    for spec in specs:
        pack = load_pack(spec)
        results = run_pack_examples(pack)
        own = [r for r in results if r.rule.pack == pack.name] or results
        print(f"== {spec}：{len(pack.rules)} 条规则")
        for r in own:
            total += 1
            if r.ok:
                continue
            failures += 1
            where = f"{r.example.pos}" if r.example and r.example.pos else f"{r.rule.pos}"
            title = f"“{r.example.title}”" if r.example and r.example.title else ""
            kind = r.example.kind if r.example else ""
            print(f"FAIL {r.rule.id} {kind} 示例{title}（{where}）：{r.detail}")
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


def _comments(text: str) -> list[tuple[int, str]]:
    from checker.dsl.loader import _STRINGS_AND_COMMENTS

    return [(text.count("\n", 0, m.start()) + 1, m.group(0)) for m in _STRINGS_AND_COMMENTS.finditer(text)
            if m.group(0).startswith("#")]


def _fmt(args) -> int:
    from checker.dsl.loader import parse_statements
    from checker.dsl.printer import format_statements

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"无法读取规则包 {path}：{exc}", f"cannot read rule pack {path}: {exc}") from None
    formatted = format_statements(parse_statements(text, str(path)), _comments(text))
    if args.check:
        if formatted != text:
            print(f"{path}：不是统一格式（运行 plancheck rules fmt --write {path}）")
            return 1
        return 0
    if args.write:
        tmp = path.with_name(f".{path.name}.plancheck-tmp")
        tmp.write_text(formatted, encoding="utf-8")
        tmp.replace(path)
        return 0
    sys.stdout.write(formatted)
    return 0
