"""`plancheck rules test`: run the examples each rule carries and check that `fire` examples make the
rule fire and `pass` examples keep it silent. Only the rule under test is evaluated, so an example
needs to say only what that rule looks at."""

from __future__ import annotations

from dataclasses import dataclass, replace

from checker.dsl.ast import Example, Pack, Rule


@dataclass
class ExampleResult:
    rule: Rule
    example: Example | None  # None: the rule lacks a fire or a pass example
    ok: bool
    detail: str


def example_data(example: Example) -> tuple[dict, dict[str, str]]:
    """The example as the plain-data form of checker.testing.check_data, and its --set overrides."""
    data: dict = {"feedback_date": None, "paragraphs": [], "items": [],
                  "notice": {"text": "", "problems": [], "suggestions": [], "demands": []}}
    overrides: dict[str, str] = {}
    for kind, value in example.lines:
        if kind == "feedback":
            data["feedback_date"] = value
        elif kind == "notice":
            data["notice"]["text"] += value
        elif kind == "problem":
            data["notice"]["problems"].append(value)
        elif kind == "suggestion":
            data["notice"]["suggestions"].append(value)
        elif kind == "demand":
            concept, duration = value
            data["notice"]["demands"].append({"concept": concept, "text": f"{concept}：{duration.describe()}内",
                                              "within": {"value": duration.value, "unit": duration.unit}})
        elif kind == "plan":
            data["paragraphs"].append(value)
        elif kind == "item":
            data["items"].append(dict(value))
        elif kind == "set":
            name, duration = value
            overrides[name] = f"{duration.value}{ {'days': '天', 'workdays': '个工作日', 'months': '个月'}[duration.unit] }"
    return data, overrides


def run_example(pack: Pack, rule: Rule, example: Example) -> ExampleResult:
    from checker.testing import check_data

    data, overrides = example_data(example)
    single = replace(pack, rules=[rule])
    result = check_data(data, pack_object=single, overrides=overrides)
    fired = [f for f in result.findings if f.rule == rule.id]
    want = example.kind == "fire"
    if bool(fired) == want:
        return ExampleResult(rule, example, True, fired[0].message if fired else "")
    if want:
        detail = "应当触发但没有触发" + (f"（{'；'.join(result.notes)}）" if result.notes else "")
    else:
        detail = "不应触发但触发了：" + fired[0].message
    return ExampleResult(rule, example, False, detail)


def run_pack_examples(pack: Pack) -> list[ExampleResult]:
    results: list[ExampleResult] = []
    for rule in pack.rules:
        kinds = {e.kind for e in rule.examples}
        for kind in ("fire", "pass"):
            if kind not in kinds:
                results.append(ExampleResult(rule, None, False, f"缺少 {kind} 示例（每条规则至少一个触发、一个不触发的示例）"))
        for example in rule.examples:
            results.append(run_example(pack, rule, example))
    return results
