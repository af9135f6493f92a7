"""Print a pack's statements back as canonical .rules text (`plancheck rules fmt`).

Printing the parsed statements and parsing the result gives the same statements again (a property
test checks it). Comments are kept: each is printed before the statement or clause that followed it.
"""

from __future__ import annotations

from checker.dsl.ast import And, Concept, Example, Expr, Has, HolidayTable, Is, Mentions, Not, Or, Param, Rule

UNIT_WORDS = {"days": "天", "workdays": "个工作日", "months": "个月"}
INDENT = "  "


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def quote(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'


def expr_text(expr: Expr, parent: str = "") -> str:
    if isinstance(expr, Or):
        text = " or ".join(expr_text(e, "or") for e in expr.operands)
        return f"({text})" if parent in ("and", "or", "not") else text
    if isinstance(expr, And):
        text = " and ".join(expr_text(e, "and") for e in expr.operands)
        return f"({text})" if parent in ("and", "not") else text
    if isinstance(expr, Not):
        return f"not {expr_text(expr.operand, 'not')}"
    if isinstance(expr, Mentions):
        text = f"{expr.subject} mentions " + ("all of " if expr.require_all else "") + ", ".join(expr.concepts)
        if expr.with_concept:
            text += f" with {expr.with_concept}"
        if expr.within_param:
            text += f" within {expr.within_param} after feedback"
        return text
    if isinstance(expr, Has):
        return f"{expr.subject} has {expr.field}"
    if isinstance(expr, Is):
        args = f"({', '.join(expr.args)})" if expr.args else ""
        return f"{expr.subject} is {expr.predicate}{args}"
    raise TypeError(expr)


def _duration(d) -> str:
    return f"{d.value} {UNIT_WORDS[d.unit]}"


def _example_lines(example: Example) -> list[str]:
    head = f"{INDENT}example {example.kind}" + (f" {quote(example.title)}" if example.title else "")
    lines = [head]
    for kind, value in example.lines:
        if kind in ("feedback",):
            lines.append(f"{INDENT * 2}feedback {value}")
        elif kind in ("notice", "problem", "suggestion", "plan"):
            lines.append(f"{INDENT * 2}{kind} {quote(value)}")
        elif kind == "demand":
            lines.append(f"{INDENT * 2}demand {value[0]} {_duration(value[1])}")
        elif kind == "set":
            lines.append(f"{INDENT * 2}set {value[0]} = {_duration(value[1])}")
        elif kind == "item":
            fields = " ".join(f"{name} {quote(text)}" for name, text in value)
            lines.append(f"{INDENT * 2}item {{ {fields} }}")
    lines.append(f"{INDENT}end")
    return lines


def _rule_lines(rule: Rule) -> list[str]:
    lines = [f"rule {rule.id} {rule.severity} {quote(rule.title)}"]
    if rule.basis:
        lines.append(f"{INDENT}basis {quote(rule.basis)}")
    if rule.scope != "plan":
        lines.append(f"{INDENT}for each {rule.scope}")
    if rule.when is not None:
        lines.append(f"{INDENT}when {expr_text(rule.when)}")
    lines.append(f"{INDENT}require {expr_text(rule.require)}")
    lines.append(f"{INDENT}message {quote(rule.message)}")
    if rule.message_en:
        lines.append(f"{INDENT}message_en {quote(rule.message_en)}")
    for example in rule.examples:
        lines += _example_lines(example)
    lines.append("end")
    return lines


def statement_lines(kind: str, obj) -> list[str]:
    if kind == "header":
        name, title, version = obj
        return [f"pack {name} {quote(title)}" + (f" version {quote(version)}" if version else "")]
    if kind == "extends":
        return [f"extends {quote(obj)}"]
    if kind == "param":
        p: Param = obj
        text = f"param {p.name} = {_duration(p.default)}"
        if p.from_notice:
            text += f" from notice {p.from_notice}"
        if p.description:
            text += f" {quote(p.description)}"
        return [text]
    if kind == "concept":
        c: Concept = obj
        return [f"concept {c.name} = " + " | ".join(quote(t) for t in c.terms)]
    if kind == "holidays":
        h: HolidayTable = obj
        lines = [f"holidays {h.year}"]
        for word, ranges in (("off", h.off), ("work", h.work)):
            for first, last in ranges:
                lines.append(f"{INDENT}{word} {first}" + (f" .. {last}" if last != first else ""))
        return lines + ["end"]
    if kind == "rule":
        return _rule_lines(obj)
    raise ValueError(kind)


def format_statements(statements: list, comments: list[tuple[int, str]] | None = None) -> str:
    """Canonical text; `comments` are (line, text) pairs from the source, printed before the
    statement that followed them (and at the end when nothing followed)."""
    pending = sorted(comments or [])
    out: list[str] = []
    previous_kind = None
    for kind, obj, pos in statements:
        line = pos.line if pos else 0
        leading = [(at, text) for at, text in pending if at < line]
        pending = [(at, text) for at, text in pending if at >= line]
        blank = previous_kind is not None and (kind == "rule" or kind != previous_kind or leading)
        if blank:
            out.append("")
        out += [text for _, text in leading]
        if leading and leading[-1][0] < line - 1:
            out.append("")  # the author left a gap between the comment block and the statement
        out += statement_lines(kind, obj)
        previous_kind = kind
    if pending:
        out += [""] + [text for _, text in pending]
    return "\n".join(out) + "\n"
