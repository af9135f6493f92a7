"""Load a rule pack: parse (Lark LALR), compile to checker.dsl.ast objects, resolve `extends`,
and check every name at load time. Nothing in a pack is ever executed."""

from __future__ import annotations

import datetime as dt
import os
import re
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from checker.dsl.ast import And, Concept, Example, Expr, Has, HolidayTable, Is, Mentions, Not, Or, Pack, Param, Rule, SourcePos
from checker.dsl.predicates import FIELDS_BY_SUBJECT, PREDICATES
from checker.errors import RulePackError
from checker.models import MAX_DURATION, Duration
from checker.resources import resource_dir

MAX_PACK_BYTES = 1_000_000  # a pack is text a person writes; anything larger is refused
MAX_EXTENDS_DEPTH = 8
MAX_NESTING = 40  # parentheses or `not`s in a condition; the tree is walked recursively
MAX_TERM_CHARS = 200  # a concept term is a phrase, not a document
# Lark's lexer and parser run at ~50k tokens/s: the budget keeps a load under ~0.5 s (the default
# pack has ~1,300 tokens and 22 rules); every rule is evaluated on every problem or item
MAX_TOKENS = 20_000
MAX_RULES = 500
MAX_MESSAGE_CHARS = 400  # an error message echoes names and source text: one readable line
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
UNITS = {"days": "days", "天": "days", "日": "days", "workdays": "workdays", "个工作日": "workdays",
         "months": "months", "个月": "months"}
SCOPE_SUBJECTS = {  # which subjects a condition may name, by the rule's scope
    "plan": {"plan", "notice"},
    "problem": {"plan", "notice", "problem"},
    "suggestion": {"plan", "notice", "suggestion"},
    "item": {"plan", "notice", "item"},
}
PLACEHOLDERS = {
    "plan": {"detail", "limit"},
    "problem": {"detail", "limit", "problem.id", "problem.text"},
    "suggestion": {"detail", "limit", "suggestion.id", "suggestion.text"},
    "item": {"detail", "limit", "item.id", "item.where", "item.problem", "item.measures", "item.deadline"},
}
EXAMPLE_ITEM_FIELDS = ("problem", "measures", "leader", "department", "deadline", "standard", "category")
TOKEN_NAMES = {  # what a rule author would call the tokens Lark expects
    "NAME": "名称", "STRING": "带引号的文字", "INT": "整数", "UNIT": "单位（天/个工作日/个月）",
    "SEVERITY": "级别（error/warning/info）", "SUBJECT": "对象（plan/notice/problem/suggestion/item）",
    "SCOPE_KIND": "范围（problem/suggestion/item）", "DATE": "日期（YYYY-MM-DD）",
    "EXAMPLE_KIND": "fire 或 pass", "LBRACE": "{", "RBRACE": "}", "EQUAL": "=", "LPAR": "(", "RPAR": ")",
    "COMMA": ",", "VBAR": "|", "END": "end", "$END": "文件结尾",
}


def _cache_file() -> str | bool:
    """Lark's grammar cache in the user's cache dir (checker.usercache); none when there is none."""
    from checker.usercache import cache_dir

    directory = cache_dir()
    return str(directory / "grammar-lalr.cache") if directory else False


_FILENAME: ContextVar[str] = ContextVar("plancheck_pack_filename", default="<pack>")


@cache
def _parser() -> Lark:
    """The LALR parser, transforming while it parses (no parse tree is built: half the time)."""
    grammar = (resource_dir("grammar") / "plancheck.lark").read_text(encoding="utf-8")
    try:
        return Lark(grammar, parser="lalr", transformer=_ToAst(), cache=_cache_file())
    except OSError:
        return Lark(grammar, parser="lalr", transformer=_ToAst())


def builtin_pack_path(name: str) -> Path | None:
    """`xuncha` → rules/xuncha.rules; `local/example-city` → rules/local/example-city.rules."""
    if not re.fullmatch(r"[\w\-/]+", name) or ".." in name:
        return None
    path = resource_dir("rules") / f"{name}.rules"
    return path if path.is_file() else None


def builtin_pack_names() -> list[str]:
    root = resource_dir("rules")
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.rules"))


def load_pack(spec: str | Path) -> Pack:
    """A built-in name (xuncha) or a path to a .rules file."""
    path = builtin_pack_path(str(spec)) if not str(spec).endswith(".rules") else None
    if path is None:
        path = Path(spec)
        if not path.is_file():
            raise RulePackError(
                f"找不到规则包“{spec}”：既不是内置规则包（{'、'.join(builtin_pack_names())}），也不是存在的 .rules 文件",
                f"rule pack '{spec}' not found: not a built-in pack ({', '.join(builtin_pack_names())}) nor a .rules file",
            )
    try:
        return _load_file(path, chain=())
    except RulePackError as error:
        raise _one_line(error) from None


def _load_file(path: Path, chain: tuple[str, ...]) -> Pack:
    key = str(path.resolve())
    if key in chain:
        raise RulePackError(f"{path}: extends 形成循环：{' → '.join(chain + (key,))}", f"{path}: extends cycle")
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise RulePackError(f"{path}: extends 嵌套超过{MAX_EXTENDS_DEPTH}层", f"{path}: extends nested too deep")
    try:
        with open(path, "rb") as handle:  # never more than the limit into memory
            raw = handle.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise RulePackError(f"无法读取规则包 {path}：{exc.strerror}", f"cannot read rule pack {path}") from exc
    if len(raw) > MAX_PACK_BYTES:
        size = _file_size(path) or len(raw)
        raise RulePackError(f"{path}: 规则包过大（{size} 字节，上限 {MAX_PACK_BYTES} 字节）",
                            f"{path}: pack too large ({size} bytes, limit {MAX_PACK_BYTES})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        zh, en = _encoding_hint(raw)
        raise RulePackError(f"{path}: 规则包须为 UTF-8 编码{zh}：请在编辑器中另存为 UTF-8 后重试",
                            f"{path}: a rule pack must be UTF-8{en}; save it as UTF-8 and retry") from exc
    return compile_pack(text, str(path), chain=chain + (key,))


def _file_size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _encoding_hint(raw: bytes) -> tuple[str, str]:
    """What the undecodable pack probably is, so the message says what to convert from."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "（此文件为 UTF-16 编码）", " (this file is UTF-16)"
    if b"\x00" in raw[:4096]:
        return "（此文件不是文本文件）", " (this file is not text)"
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "", ""
    return "（此文件像是 GB18030/GBK 编码）", " (this file looks like GB18030/GBK)"


def _one_line(error: RulePackError) -> RulePackError:
    """The error with its messages on one short line: control characters shown escaped, the
    middle of an overlong message (a 1 MB name or source line) left out."""

    def clip(text: str) -> str:
        text = _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)
        if len(text) <= MAX_MESSAGE_CHARS:
            return text
        return text[: MAX_MESSAGE_CHARS // 2] + " … " + text[-MAX_MESSAGE_CHARS // 2 :]

    zh, en = clip(error.message), clip(error.message_en)
    if zh == error.message and en == error.message_en:
        return error
    return RulePackError(zh, en)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def parse_statements(text: str, filename: str = "<pack>") -> list:
    """The statements of one file, in order, as (kind, object, position) — before extends is
    resolved. `rules fmt` prints these back; compile_pack assembles them into a Pack."""
    _check_nesting(text, filename)
    _check_size(text, filename)
    token = _FILENAME.set(filename)
    try:
        statements = _parser().parse(text)
    except UnexpectedInput as exc:
        raise RulePackError(_syntax_message(exc, text, filename, "zh"), _syntax_message(exc, text, filename, "en")) from None
    except VisitError as exc:  # lark wraps errors raised inside a transformer callback
        if isinstance(exc.orig_exc, RulePackError):
            raise exc.orig_exc from None
        raise
    finally:
        _FILENAME.reset(token)
    rules = [pos for kind, _, pos in statements if kind == "rule"]
    if len(rules) > MAX_RULES:
        raise RulePackError(f"{rules[MAX_RULES]}: 规则包中规则超过{MAX_RULES}条，请拆分为多个规则包",
                            f"{rules[MAX_RULES]}: more than {MAX_RULES} rules in one pack; split it")
    return statements


_STRINGS_AND_COMMENTS = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*')


def _check_nesting(text: str, filename: str) -> None:
    """Refuse absurdly nested conditions before parsing (the tree is walked recursively)."""
    depth = 0
    for line_no, line in enumerate(_STRINGS_AND_COMMENTS.sub("", text).split("\n"), 1):
        for ch in line:
            if ch in "({":
                depth += 1
                if depth > MAX_NESTING:
                    raise RulePackError(f"{filename}:{line_no}: 括号嵌套超过{MAX_NESTING}层，请拆分条件",
                                        f"{filename}:{line_no}: conditions nested deeper than {MAX_NESTING}")
            elif ch in ")}":
                depth = max(0, depth - 1)


# what the lexer will cut the text into, roughly: strings, punctuation, words
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|[(){}=|,]|[^\s"(){}=|,#]+')


def _check_size(text: str, filename: str) -> None:
    """Refuse a pack too long to parse quickly, before Lark sees it (counting is done in C)."""
    count = sum(1 for m in _TOKENS.finditer(text) if m.group(0)[0] != "#")
    if count > MAX_TOKENS:
        raise RulePackError(f"{filename}: 规则包过长（约{count}个词，上限{MAX_TOKENS}个），请拆分为多个规则包",
                            f"{filename}: pack too long (about {count} tokens, limit {MAX_TOKENS}); split it")


def _expr_depth(expr: Expr) -> int:
    """How deep a condition nests (and/or/not), walked without recursion; stops past the limit."""
    deepest, stack = 0, [(expr, 1)]
    while stack and deepest <= MAX_NESTING:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, (And, Or)):
            stack.extend((operand, depth + 1) for operand in node.operands)
        elif isinstance(node, Not):
            stack.append((node.operand, depth + 1))
    return deepest


def compile_pack(text: str, filename: str = "<pack>", chain: tuple[str, ...] = ()) -> Pack:
    return _assemble(parse_statements(text, filename), filename, chain)


def _syntax_message(exc: UnexpectedInput, text: str, filename: str, lang: str) -> str:
    line, col = exc.line, exc.column
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if isinstance(exc, UnexpectedToken):
        got = exc.token
        found = "文件结尾" if got.type == "$END" else f"“{got}”"
        expected = sorted(TOKEN_NAMES.get(t, t.strip('"').lower()) for t in exc.accepts or exc.expected)
    elif isinstance(exc, UnexpectedCharacters):
        found = f"“{text[exc.pos_in_stream]}”"
        expected = sorted(TOKEN_NAMES.get(t, t.lower()) for t in (exc.allowed or []))
    elif isinstance(exc, UnexpectedEOF):
        found, expected = "文件结尾", sorted(TOKEN_NAMES.get(t, t) for t in exc.expected)
    else:  # pragma: no cover - lark's other errors
        found, expected = "?", []
    if lang == "en":
        return f"{filename}:{line}:{col}: syntax error at {found}; expected one of: {', '.join(expected)} | {source_line.strip()}"
    return f"{filename}:{line}:{col}: 语法错误：此处为{found}，应为：{'、'.join(expected)}｜原文：{source_line.strip()}"


def _pos(filename: str, token) -> SourcePos:
    """Where a statement is: the position of its first token after the keyword (its name)."""
    line = getattr(token, "line", 0) or 0
    column = getattr(token, "column", 0) or 0
    return SourcePos(filename, line, column)


_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t"}


def _string(token: Token) -> str:
    """The text of a quoted string: \\" is a quote, \\\\ a backslash, \\n a newline."""
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


class _ToAst(Transformer):
    """Grammar rules → a list of ('header'|'extends'|'param'|'concept'|'holidays'|'rule', object, pos).
    Runs inside the parser; the file being parsed comes from _FILENAME."""

    @property
    def filename(self) -> str:
        return _FILENAME.get()

    def start(self, children):
        return children

    def header(self, children):
        name, title = str(children[0]), _string(children[1])
        version = _string(children[2]) if len(children) > 2 else ""
        return ("header", (name, title, version), _pos(self.filename, children[0]))

    def extends(self, children):
        return ("extends", _string(children[0]), _pos(self.filename, children[0]))

    def param(self, children):
        name, duration = children[0], self._duration(children[1], children[2])
        source = next((c for c in children[3:] if isinstance(c, tuple)), None)
        desc = next((_string(c) for c in children[3:] if isinstance(c, Token) and c.type == "STRING"), "")
        pos = _pos(self.filename, children[0])
        return ("param", Param(str(name), duration, desc, source[1] if source else None, pos), pos)

    def _duration(self, value: Token, unit: Token) -> Duration:
        unit_name = UNITS[str(unit)]
        limit = MAX_DURATION[unit_name]
        if len(value) > 6 or not Duration.within_limit(int(value), unit_name):  # (int() of a huge digit run is refused)
            pos = _pos(self.filename, value)
            raise RulePackError(f"{pos}: 期限“{value[:12]}{unit}”超过上限 {limit}{unit}",
                                f"{pos}: duration {value[:12]} {unit} is over the limit of {limit} {unit_name}")
        return Duration(value=int(value), unit=unit_name)

    def notice_source(self, children):
        return ("notice", str(children[0]))

    def concept(self, children):
        terms = tuple(_string(c) for c in children[1:])
        pos = _pos(self.filename, children[0])
        if any(not t.strip() for t in terms):
            raise RulePackError(f"{pos}: 概念“{children[0]}”含有空词语", f"{pos}: concept '{children[0]}' has an empty term")
        if any(len(t) > MAX_TERM_CHARS for t in terms):
            raise RulePackError(f"{pos}: 概念“{children[0]}”的词语超过{MAX_TERM_CHARS}字",
                                f"{pos}: a term of concept '{children[0]}' is longer than {MAX_TERM_CHARS} characters")
        return ("concept", Concept(str(children[0]), terms, pos), pos)

    def rule(self, children):
        pos = _pos(self.filename, children[0])
        rule_id, severity, title = str(children[0]), str(children[1]), _string(children[2])
        if not RULE_ID.match(rule_id):
            raise RulePackError(f"{pos}: 规则编号“{rule_id}”不合格式（应如 IT-LEADER：大写字母、数字，以 - 分段）",
                                f"{pos}: rule ID '{rule_id}' is not like IT-LEADER")
        fields: dict = {}
        examples = [value for kind, value in children[3:] if kind == "example"]
        if examples:
            fields["examples"] = tuple(examples)
        for kind, value in children[3:]:
            if kind == "example":
                continue
            if kind in fields:
                raise RulePackError(f"{pos}: 规则 {rule_id} 重复写了 {kind}", f"{pos}: rule {rule_id} repeats '{kind}'")
            fields[kind] = value
        if "require" not in fields:
            raise RulePackError(f"{pos}: 规则 {rule_id} 缺少 require 条件", f"{pos}: rule {rule_id} has no 'require'")
        if "message" not in fields:
            raise RulePackError(f"{pos}: 规则 {rule_id} 缺少 message", f"{pos}: rule {rule_id} has no 'message'")
        return ("rule", Rule(id=rule_id, severity=severity, title=title, pos=pos, **fields), pos)

    def basis(self, c):
        return ("basis", _string(c[0]))

    def scope(self, c):
        return ("scope", str(c[0]))

    def when(self, c):
        return ("when", self._bounded(c[0]))

    def require(self, c):
        return ("require", self._bounded(c[0]))

    def _bounded(self, expr: Expr) -> Expr:
        # `not not not …` needs no parentheses: its depth is only known once parsed
        if _expr_depth(expr) > MAX_NESTING:
            first = expr
            while isinstance(first, (Not, And, Or)):  # the condition's first atom carries a position
                first = first.operand if isinstance(first, Not) else first.operands[0]
            pos = getattr(first, "pos", None) or self.filename
            raise RulePackError(f"{pos}: 条件嵌套超过{MAX_NESTING}层，请拆分条件",
                                f"{pos}: condition nested deeper than {MAX_NESTING}")
        return expr

    def message(self, c):
        return ("message", _string(c[0]))

    def message_en(self, c):
        return ("message_en", _string(c[0]))

    def or_(self, c):
        return c[0] if len(c) == 1 else Or(tuple(c))

    def and_(self, c):
        return c[0] if len(c) == 1 else And(tuple(c))

    def holidays(self, children):
        pos = _pos(self.filename, children[0])
        if len(children[0]) != 4:
            raise RulePackError(f"{pos}: 节假日表的年份“{children[0][:12]}”应为四位数字",
                                f"{pos}: holiday table year '{children[0][:12]}' is not four digits")
        year = int(children[0])
        off = tuple(v for k, v in children[1:] if k == "off")
        work = tuple(v for k, v in children[1:] if k == "work")
        for first, last in off + work:
            for day in (first, last):
                try:
                    parsed = dt.date.fromisoformat(day)
                except ValueError:
                    raise RulePackError(f"{pos}: 节假日表中的日期“{day}”不存在", f"{pos}: no such date '{day}'") from None
                if parsed.year != year:
                    raise RulePackError(f"{pos}: {year}年节假日表中出现了其他年份的日期“{day}”",
                                        f"{pos}: date {day} is not in {year}")
            if first > last:
                raise RulePackError(f"{pos}: 日期范围“{first} .. {last}”起止颠倒", f"{pos}: range {first}..{last} is reversed")
        return ("holidays", HolidayTable(year, off, work, pos), pos)

    def off_days(self, c):
        return ("off", (str(c[0]), str(c[-1])))

    def work_days(self, c):
        return ("work", (str(c[0]), str(c[-1])))

    def example(self, children):
        kind = str(children[0])
        rest = children[1:]
        title = _string(rest[0]) if rest and isinstance(rest[0], Token) and rest[0].type == "STRING" else ""
        lines = tuple(c for c in rest if isinstance(c, tuple))
        return ("example", Example(kind, title, lines, _pos(self.filename, children[0])))

    def ex_feedback(self, c):
        try:
            dt.date.fromisoformat(str(c[0]))
        except ValueError:
            raise RulePackError(f"{self.filename}:{c[0].line}:{c[0].column}: 日期“{c[0]}”不存在",
                                f"{self.filename}:{c[0].line}: no such date '{c[0]}'") from None
        return ("feedback", str(c[0]))

    def ex_notice(self, c):
        return ("notice", _string(c[0]))

    def ex_problem(self, c):
        return ("problem", _string(c[0]))

    def ex_suggestion(self, c):
        return ("suggestion", _string(c[0]))

    def ex_plan(self, c):
        return ("plan", _string(c[0]))

    def ex_demand(self, c):
        return ("demand", (str(c[0]), self._duration(c[1], c[2])))

    def ex_set(self, c):
        return ("set", (str(c[0]), self._duration(c[1], c[2])))

    def ex_item(self, c):
        fields = tuple(c)
        for name, _ in fields:
            if name not in EXAMPLE_ITEM_FIELDS:
                raise RulePackError(f"{self.filename}: 示例整改事项没有字段“{name}”（可用：{'、'.join(EXAMPLE_ITEM_FIELDS)}）",
                                    f"{self.filename}: example item has no field '{name}'")
        return ("item", fields)

    def item_field(self, c):
        return (str(c[0]), _string(c[1]))

    def not_(self, c):
        return Not(c[0])

    def mentions(self, children):
        subject = str(children[0])
        require_all = False
        names: list[str] = []
        with_concept = within = None
        for c in children[1:]:
            if isinstance(c, Tree) and c.data == "all_of":
                require_all = True
            elif isinstance(c, Tree) and c.data == "any_of":
                require_all = False
            elif isinstance(c, tuple) and c[0] == "with":
                with_concept = c[1]
            elif isinstance(c, tuple) and c[0] == "within":
                within = c[1]
            else:
                names.append(str(c))
        return Mentions(subject, tuple(names), require_all, with_concept, within, _pos(self.filename, children[0]))

    def with_clause(self, c):
        return ("with", str(c[0]))

    def within_clause(self, c):
        return ("within", str(c[0]))

    def has(self, c):
        return Has(str(c[0]), str(c[1]), _pos(self.filename, c[0]))

    def is_(self, c):
        args = tuple(str(a) for a in c[2].children) if len(c) > 2 else ()
        return Is(str(c[0]), str(c[1]), args, _pos(self.filename, c[0]))


def _assemble(statements: list, filename: str, chain: tuple[str, ...]) -> Pack:
    header = next((s for s in statements if s[0] == "header"), None)
    name, title, version = header[1] if header else (Path(filename).stem, "", "")
    pack = Pack(name=name, title=title, version=version)
    own_rules: list[Rule] = []
    own_params: dict[str, Param] = {}
    own_concepts: dict[str, Concept] = {}
    own_holidays: dict[int, HolidayTable] = {}
    for kind, obj, pos in statements:
        if kind == "extends":
            base = _load_extends(obj, filename, pos, chain)
            pack.params.update(base.params)
            pack.concepts.update(base.concepts)
            pack.rules.extend(base.rules)
            pack.holidays.update(base.holidays)
            pack.sources.extend(base.sources)
        elif kind == "param":
            if obj.name in own_params:
                raise RulePackError(f"{pos}: 参数“{obj.name}”重复定义（首次在 {own_params[obj.name].pos}）",
                                    f"{pos}: parameter '{obj.name}' defined twice")
            own_params[obj.name] = obj
        elif kind == "concept":
            if obj.name in own_concepts:
                raise RulePackError(f"{pos}: 概念“{obj.name}”重复定义（首次在 {own_concepts[obj.name].pos}）",
                                    f"{pos}: concept '{obj.name}' defined twice")
            own_concepts[obj.name] = obj
        elif kind == "rule":
            own_rules.append(obj)
        elif kind == "holidays":
            own_holidays[obj.year] = obj
    pack.sources.append(filename)
    # a child pack's params and concepts override the base's of the same name
    for p in own_params.values():
        base_param = pack.params.get(p.name)
        if base_param and not p.description:
            p = Param(p.name, p.default, base_param.description, p.from_notice or base_param.from_notice, p.pos)
        pack.params[p.name] = p
    pack.concepts.update(own_concepts)
    pack.holidays.update(own_holidays)
    seen = {r.id: r for r in pack.rules}
    for rule in own_rules:
        if rule.id in seen and seen[rule.id].pack == name:
            raise RulePackError(f"{rule.pos}: 规则编号 {rule.id} 重复（首次在 {seen[rule.id].pos}）",
                                f"{rule.pos}: duplicate rule ID {rule.id}")
        rule = Rule(**{**rule.__dict__, "pack": name})
        if rule.id in seen:  # a child pack redefines an inherited rule: replace it in place
            pack.rules[[r.id for r in pack.rules].index(rule.id)] = rule
        else:
            pack.rules.append(rule)
        seen[rule.id] = rule
    for rule in pack.rules:
        _validate_rule(rule, pack)
    for p in pack.params.values():
        if p.from_notice and p.from_notice not in pack.concepts:
            raise RulePackError(f"{p.pos}: 参数“{p.name}”引用了未定义的概念“{p.from_notice}”",
                                f"{p.pos}: parameter '{p.name}' names unknown concept '{p.from_notice}'")
    return pack


def _load_extends(spec: str, filename: str, pos: SourcePos, chain: tuple[str, ...]) -> Pack:
    path = builtin_pack_path(spec)
    if path is None:
        candidate = (Path(filename).parent / spec) if not os.path.isabs(spec) else Path(spec)
        if candidate.is_file():
            path = candidate
    if path is None:
        raise RulePackError(f"{pos}: extends 的规则包“{spec}”不存在", f"{pos}: extended pack '{spec}' not found")
    return _load_file(path, chain)


def _validate_rule(rule: Rule, pack: Pack) -> None:
    allowed = SCOPE_SUBJECTS[rule.scope]
    for expr in (rule.when, rule.require):
        if expr is not None:
            _validate_expr(expr, rule, pack, allowed)
    for example in rule.examples:
        for kind, value in example.lines:
            if kind == "set" and value[0] not in pack.params:
                raise RulePackError(f"{example.pos}: 规则 {rule.id} 的示例设置了未定义的参数“{value[0]}”",
                                    f"{example.pos}: example sets unknown parameter '{value[0]}'")
            if kind == "demand" and value[0] not in pack.concepts:
                raise RulePackError(f"{example.pos}: 规则 {rule.id} 的示例引用了未定义的概念“{value[0]}”",
                                    f"{example.pos}: example names unknown concept '{value[0]}'")
    for text in (rule.message, rule.message_en):
        for placeholder in re.findall(r"\{([^{}]*)\}", text):
            if placeholder not in PLACEHOLDERS[rule.scope] and not (
                placeholder.startswith("param.") and placeholder[6:] in pack.params
            ):
                raise RulePackError(
                    f"{rule.pos}: 规则 {rule.id} 的消息中有未知占位符“{{{placeholder}}}”；可用："
                    f"{'、'.join(sorted(PLACEHOLDERS[rule.scope]))}、param.参数名",
                    f"{rule.pos}: rule {rule.id}: unknown placeholder {{{placeholder}}}",
                )


def _validate_expr(expr: Expr, rule: Rule, pack: Pack, allowed: set[str]) -> None:
    if isinstance(expr, (And, Or)):
        for e in expr.operands:
            _validate_expr(e, rule, pack, allowed)
        return
    if isinstance(expr, Not):
        _validate_expr(expr.operand, rule, pack, allowed)
        return
    where = f"{expr.pos}: 规则 {rule.id}"
    if expr.subject not in allowed:
        raise RulePackError(
            f"{where}: 范围为 {rule.scope} 的规则不能使用对象“{expr.subject}”（可用：{'、'.join(sorted(allowed))}）",
            f"{expr.pos}: rule {rule.id}: subject '{expr.subject}' not allowed in scope {rule.scope}",
        )
    if isinstance(expr, Mentions):
        for c in expr.concepts + ((expr.with_concept,) if expr.with_concept else ()):
            if c not in pack.concepts:
                raise RulePackError(f"{where}: 未定义的概念“{c}”", f"{expr.pos}: rule {rule.id}: unknown concept '{c}'")
        if expr.within_param and expr.within_param not in pack.params:
            raise RulePackError(f"{where}: 未定义的参数“{expr.within_param}”",
                                f"{expr.pos}: rule {rule.id}: unknown parameter '{expr.within_param}'")
        if expr.within_param and expr.subject != "plan":
            raise RulePackError(f"{where}: within … after feedback 只能用于 plan mentions",
                                f"{expr.pos}: 'within' only applies to 'plan mentions'")
    elif isinstance(expr, Has):
        fields = FIELDS_BY_SUBJECT.get(expr.subject, {})
        if expr.field not in fields:
            raise RulePackError(
                f"{where}: 对象 {expr.subject} 没有字段“{expr.field}”（可用：{'、'.join(fields) or '无'}）",
                f"{expr.pos}: rule {rule.id}: unknown field '{expr.field}' of {expr.subject}",
            )
    elif isinstance(expr, Is):
        pred = PREDICATES.get(expr.predicate)
        if pred is None:
            raise RulePackError(f"{where}: 未知的判断“{expr.predicate}”（可用：{'、'.join(PREDICATES)}）",
                                f"{expr.pos}: rule {rule.id}: unknown predicate '{expr.predicate}'")
        if expr.subject not in pred.subjects:
            raise RulePackError(f"{where}: 判断“{expr.predicate}”只适用于 {'、'.join(pred.subjects)}",
                                f"{expr.pos}: predicate '{expr.predicate}' applies to {', '.join(pred.subjects)}")
        if len(expr.args) != len(pred.args):
            raise RulePackError(f"{where}: 判断“{expr.predicate}”需要 {len(pred.args)} 个参数，写了 {len(expr.args)} 个",
                                f"{expr.pos}: predicate '{expr.predicate}' takes {len(pred.args)} arguments")
        for arg, kind in zip(expr.args, pred.args):
            table = pack.concepts if kind == "concept" else pack.params
            if arg not in table:
                label = "概念" if kind == "concept" else "参数"
                raise RulePackError(f"{where}: 判断“{expr.predicate}”的{label}“{arg}”未定义",
                                    f"{expr.pos}: rule {rule.id}: unknown {kind} '{arg}'")
