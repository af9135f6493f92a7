"""The judges of answers: slogan-only measures (IT-VAGUE), measures that only restate the problem
(IT-MEASURE), the same measures pasted under different problems (IT-DUPLICATE) — on written
examples, and with precision ≥ 0.9 on the labelled measures (fixtures/measures/labelled.yaml)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from checker.dsl.loader import load_pack
from checker.models import Item, Location
from checker.quality import answered_problems, duplicate_groups, restates_any, restates_problem, slogan_only

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "fixtures" / "measures" / "labelled.yaml"
CONCEPTS = load_pack("xuncha").concepts
SLOGANS, ACTIONS = CONCEPTS["口号"].terms, CONCEPTS["具体动作"].terms


@pytest.mark.parametrize("measures", [
    "进一步加强学习，切实提高认识，高度重视意识形态工作。",
    "建立健全长效机制，确保取得实效。",
    "坚决扛起管党治党政治责任，持续加强作风建设，营造风清气正的政治生态。",
    "1.进一步提高政治站位\n2.切实增强责任意识，抓好整改落实",
    # heldout9 laoganbu: the 更高标准、更严要求、更实举措 formula counted as four specific objects
    "1.坚持以党建引领，进一步提高政治站位，切实增强抓好机关党建工作的责任感和使命感\n"
    "2.以更高标准、更严要求、更实举措推动机关党支部建设全面过硬",
])
def test_slogans_are_vague(measures):
    assert slogan_only(measures, SLOGANS, ACTIONS, "意识形态工作责任制落实不到位") is not None


@pytest.mark.parametrize("measures", [
    "每季度开展1次专题学习，年底前覆盖全体党员。",  # a number, a period
    "修订《公务接待管理办法》。",  # a named document
    "进一步完善采购内控制度，明确采购申请、论证、审批、验收各环节责任。",  # slogan words, then a real object
    "在重点项目部推行“党建+项目”工作法，项目部党组织书记与项目经理交叉任职。",  # concrete without a listed verb
    "对公车私用的人员依纪处理，相关费用由个人承担。",  # no slogan at all
    "",
])
def test_concrete_measures_are_not_vague(measures):
    assert slogan_only(measures, SLOGANS, ACTIONS, "公务用车管理不规范") is None


def test_a_restatement_is_not_called_vague_but_restating():
    problem = "惠民惠农资金监管不严，个别农户重复享受耕地地力保护补贴"
    measures = "切实解决惠民惠农资金监管不严的问题，坚决防止重复享受补贴"
    assert restates_problem(measures, problem, ACTIONS) is not None
    assert slogan_only(measures, SLOGANS, ACTIONS, problem) is None


@pytest.mark.parametrize("measures,problem", [
    ("针对党组会议记录不完整的问题，认真整改到位。", "党组会议记录不完整，部分议题无研究过程记载"),
    ("加强校外培训机构日常巡查，查处隐形变异培训。", "校外培训机构日常巡查不够，对隐形变异培训查处不到位"),  # "X不够" → "加强X"
    ("公务接待费用报销审核不严的问题要整改到位。", "公务接待费用报销审核不严"),
    # the problem's summary and a closing pledge: nothing on the 接待 or the 公车 it lists
    ("切实解决落实中央八项规定精神不够严格的问题，坚决防止类似问题再次发生。",
     "落实中央八项规定精神不够严格，下乡检查超标准接待，违规使用公务用车"),
])
def test_restatements(measures, problem):
    assert restates_problem(measures, problem, ACTIONS) is not None


@pytest.mark.parametrize("measures,problem", [
    ("高度重视干部人事档案工作，不断提高档案管理水平。", "干部人事档案管理不规范，部分档案材料缺失"),  # topic, not failing
    ("对2023年以来公务接待费用逐笔核查，追回不合规报销款项。", "公务接待费用报销审核不严"),
    ("修订党组会议记录制度，由办公室专人记录，会后3个工作日内归档。", "党组会议记录不完整"),
    ("下乡检查一律在机关食堂用工作餐，公务用车实行派车单，坚决防止类似问题再次发生。",
     "落实中央八项规定精神不够严格，下乡检查超标准接待，违规使用公务用车"),
])
def test_not_restatements(measures, problem):
    assert restates_problem(measures, problem, ACTIONS) is None


def test_a_missing_problem_column_does_not_hide_a_restatement_of_the_notice():
    # a measures-only row: the restatement is of the notice's wording, which the matcher supplies
    notice_text = "机关党建与业务工作融合不够，党支部“三会一课”内容以读文件为主，主题党日活动形式单一。"
    measures = "切实解决机关党建与业务工作融合不够的问题，推动党建和业务深度融合。"
    assert restates_problem(measures, "", ACTIONS) is None
    assert restates_any(measures, [notice_text], ACTIONS) is not None
    assert slogan_only(measures, SLOGANS, ACTIONS, [notice_text]) is None  # IT-MEASURE's, not IT-VAGUE's


def test_answered_problems_are_the_column_and_the_notice_problems_the_item_answers():
    from checker.models import Evidence, Problem, ProblemCoverage, Requirements

    loc = Location(kind="notice")
    req = Requirements(notice_path="n", notice_sha256="0", problems=[Problem(id="P1", text="甲问题", location=loc),
                                                                      Problem(id="P2", text="乙问题", location=loc)])
    coverage = {"P1": ProblemCoverage(problem="P1", covered=True, evidence=[Evidence(item="I1", score=0.9)]),
                "P2": ProblemCoverage(problem="P2", covered=True, evidence=[Evidence(item="I2", score=0.9)])}
    item = Item(id="I1", source="table", location=loc, problem="甲", measures="…")
    assert answered_problems(item, req, coverage) == ["甲", "甲问题"]


def _items(pairs):
    return [Item(id=f"I{n}", source="table", location=Location(kind="table_cell", table=1, row=n + 1),
                 problem=p, measures=m) for n, (p, m) in enumerate(pairs, 1)]


def test_duplicates_ignore_punctuation_and_numbering_but_not_the_problem():
    items = _items([("财务管理不规范", "1.开展专项检查，对发现的问题建立台账、逐项销号，12月底前完成。"),
                    ("公务用车使用登记不全", "开展专项检查；对发现的问题建立台账，逐项销号；12月底前完成"),
                    ("公务用车使用登记不全", "修订《公务用车管理办法》，实行派车单制度。"),
                    ("公务用车使用登记不全", "修订《公务用车管理办法》，实行派车单制度。")])
    groups = duplicate_groups(items)
    assert groups["I1"] == ["I2"] and groups["I2"] == ["I1"]
    assert "I3" not in groups and "I4" not in groups  # the same problem twice is not pasting


def test_a_pasted_block_with_a_word_or_two_changed_is_a_duplicate_and_a_template_is_not():
    # heldout10 tuan-duplicate: 专项检查 → 全面检查, 逐笔复核 → 逐笔核查, 逐一 → 逐个
    block = ("对县青少年活动中心的培训收费、场地出租和经费收支开展{0}检查，培训项目收费标准按程序报批，场地出租事项"
             "提交党组会议集体研究，5.4万元租金收入上缴财政；对青年志愿服务专项经费逐笔{1}，列支依据不足的2.3万元予以纠正")
    template = "对{0}开展专项检查，建立问题台账，逐项整改销号，年底前完成并形成检查报告"
    items = _items([("落实主体责任不到位", block.format("专项", "复核")), ("财务和资产管理不规范", block.format("全面", "核查")),
                    ("公务用车管理不规范", template.format("公务用车使用登记情况")),
                    ("固定资产管理不规范", template.format("固定资产账实相符情况"))])
    groups = duplicate_groups(items)
    assert groups == {"I1": ["I2"], "I2": ["I1"]}


def _judge_precision():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from measures import judge_duplicates, judge_measures

    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    results = judge_measures(data["measures"], SLOGANS, ACTIONS)
    results["IT-DUPLICATE"] = judge_duplicates(data["duplicates"])
    out = {}
    for judge, rows in results.items():
        tp = sum(1 for exp, got, _ in rows if exp and got)
        fp = sum(1 for exp, got, _ in rows if got and not exp)
        fn = sum(1 for exp, got, _ in rows if exp and not got)
        out[judge] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, len(rows))
    return out


@pytest.mark.skipif(not LABELS.exists(), reason="no labelled measures")
def test_each_judge_has_precision_of_at_least_0_9_on_the_labelled_measures():
    figures = _judge_precision()
    assert figures["IT-VAGUE"][2] >= 150
    for judge, (precision, recall, _) in figures.items():
        assert precision >= 0.9, (judge, precision)
        assert recall >= 0.6, (judge, recall)  # and they find most of what they should


def test_terse_measures_that_turn_the_failing_round_with_words_of_their_own_are_measures():
    # heldout10 yancao: 80% of the measures' wording is the problem's, but they act (列席, 逐岗制定) and
    # state no failing; "建立…长效管理机制" for "…长效管理机制缺失" adds nothing and stays a restatement
    problem = ("党总支对专卖执法、物流配送等重点岗位廉政风险防控不力，2026年未开展重点岗位廉政风险排查，防控措施针对性不强。"
               "纪检委员履行监督职责不到位，对“三重一大”事项决策过程监督缺失。")
    measures = ("（1）对专卖执法、物流配送等重点岗位开展廉政风险排查，逐岗制定防控措施；"
                "（2）纪检委员列席“三重一大”事项决策会议，对决策过程全程监督")
    assert restates_problem(measures, problem, ACTIONS) is None
    assert restates_problem("建立老旧小区改造后长效管理机制", "老旧小区改造后长效管理机制缺失", ACTIONS) is not None


def test_thirty_near_copies_among_many_rows_are_all_found():
    # a block pasted thirty times, one character changed each time: its pairs are common in the plan,
    # so the sketch must fall back on them (the sketch keeps a 1500-row plan from 10^6 comparisons)
    import random

    rng = random.Random(7)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    word = lambda n: "".join(rng.choice(chars) for _ in range(n))  # noqa: E731
    block = word(120)
    copies = [(word(6), block[:50] + rng.choice(chars) + block[51:]) for _ in range(30)]
    others = [(word(6), word(100)) for _ in range(1500)]
    groups = duplicate_groups(_items(copies + others))
    assert set(groups) == {f"I{n}" for n in range(1, 31)}
