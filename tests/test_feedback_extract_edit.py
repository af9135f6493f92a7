"""`plancheck extract NOTICE --format json|yaml`, corrected by hand, is what `--against` checks: a
problem the reviewer removes is no longer demanded, one the reviewer adds is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from checker.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PLAN = FIXTURES / "plans" / "jiaoyu-gaps.docx"  # labelled: problems 3 and 9 unanswered
NOTICE = FIXTURES / "notices" / "jiaoyu-letter.txt"


def run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def unanswered(report: dict) -> list[str]:
    return [p["text"][:12] for p in report["problems"] if not p["covered"]]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("extract") / "jiaoyu.json"
    assert main(["extract", str(NOTICE), "--format", "json", "--output", str(path)]) == 0
    return path


def test_the_notice_itself(capsys):
    code, out, _ = run(capsys, PLAN, "--against", NOTICE, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["summary"]["problems"] == 10
    assert unanswered(report) == ["意识形态工作责任制落实不", "财务和资产管理不规范。部"]


def test_a_problem_removed_by_hand_is_no_longer_demanded(capsys, tmp_path, extracted):
    data = json.loads(extracted.read_text(encoding="utf-8"))
    data["problems"] = [p for p in data["problems"] if not p["text"].startswith("意识形态工作责任制")]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    code, out, err = run(capsys, PLAN, "--against", edited, "--format", "json")
    report = json.loads(out)
    assert code == 1, err
    assert report["summary"]["problems"] == 9
    assert unanswered(report) == ["财务和资产管理不规范。部"]
    assert [f["problem"] for f in report["findings"] if f["rule"] == "CV-PROBLEM"] == ["P9"]  # ids kept as given


def test_both_unanswered_problems_removed_and_one_added_in_yaml(capsys, tmp_path, extracted):
    data = json.loads(extracted.read_text(encoding="utf-8"))
    data["problems"] = [p for p in data["problems"] if not p["text"].startswith(("意识形态", "财务和资产"))]
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, _ = run(capsys, PLAN, "--against", edited, "--format", "json")
    assert unanswered(json.loads(out)) == []
    assert not any(f["rule"] == "CV-PROBLEM" for f in json.loads(out)["findings"])

    data["problems"].append({"text": "校车安全管理不到位，部分校车驾驶员资质审核不严",
                             "subs": ["校车安全管理不到位", "部分校车驾驶员资质审核不严"]})
    edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, _ = run(capsys, PLAN, "--against", edited, "--format", "json")
    report = json.loads(out)
    assert code == 1 and unanswered(report) == ["校车安全管理不到位，部分"]
    added = report["problems"][-1]
    assert added["id"] == "P11" and len(added["subs"]) == 2


def test_units_and_round_survive_the_round_trip(capsys, tmp_path):
    notice = FIXTURES / "extraction" / "xiangzhen-gongxing-2022.txt"
    code, out, _ = run(capsys, "extract", notice, "--format", "yaml")
    data = yaml.safe_load(out)
    assert code == 0 and data["units"] == ["石桥镇党委", "柳河镇党委", "白沙乡党委"]
    assert [p["unit"] for p in data["problems"]][4:6] == ["石桥镇党委", "石桥镇党委"]
    from checker.feedback import requirements_from_json, requirements_to_json

    back = requirements_from_json(data, "edited.yaml")
    assert requirements_to_json(back) == data


def test_a_yaml_alias_bomb_is_refused_before_it_is_expanded(capsys, tmp_path):
    lines = ['schema_version: 1', 'kind: requirements', 'a0: &a0 ["学习贯彻不够深入", "学习贯彻不够深入"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]  # 9^8 strings if expanded
    lines.append("problems: *a8")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, PLAN, "--against", path)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "别名" in err and "请" in err


@pytest.mark.parametrize("text,suffix", [('{"kind": "requirements", ', ".json"), ("problems: [\n  - a\n", ".yaml")])
def test_a_broken_extract_is_one_line_saying_where_and_what_to_do(capsys, tmp_path, text, suffix):
    path = tmp_path / f"broken{suffix}"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, PLAN, "--against", path)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "第" in err and "行" in err and "请" in err
