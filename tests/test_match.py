"""The matcher at a reviewer's granularity: paraphrase, abbreviation, order, category headings, one
row for two problems and one problem over several rows, sub-problems, near misses, the uncertain
band, evidence on every verdict — on small hand-written notices and plans."""

from __future__ import annotations

import pytest

from checker.match import DEFAULT, ProblemMatcher, match_problems, sums_up_next
from checker.models import Item, Location, Plan, Problem, Requirements, Document
from checker.testing import check_data, fired
from checker.textterms import analyse, extend_vocabulary, is_weak, synonyms, words

LOC = Location(kind="notice", line=1)


def problem(pid: str, text: str, subs: list[str] | None = None) -> Problem:
    return Problem(id=pid, text=text, subs=subs or [], location=LOC)


def item(iid: str, problem_text: str, measures: str, category: str | None = None, standard: str | None = None) -> Item:
    return Item(id=iid, source="table", location=Location(kind="table_cell", table=1, row=int(iid[1:]) + 1, col=2),
                problem=problem_text, measures=measures, category=category, standard=standard)


def coverage(problems: list[Problem], items: list[Item]):
    req = Requirements(notice_path="n.txt", notice_sha256="0", problems=problems)
    plan = Plan(path="p.docx", sha256="0", items=items, document=Document(path="p.docx", sha256="0", format="docx", blocks=[]))
    return match_problems(req, plan)


# A small notice of a 县文旅局 in the shape real notices have: summaries, sub-problems, near misses.
NOTICE = [
    problem("P1", "选人用人不规范，干部选拔任用动议程序不规范，考察谈话范围偏窄",
            ["干部选拔任用动议程序不规范", "考察谈话范围偏窄"]),
    problem("P2", "党组会议记录不完整，会议纪要印发不及时", ["党组会议记录不完整", "会议纪要印发不及时"]),
    problem("P3", "机关党支部“三会一课”流于形式，支部会议记录不规范", ["机关党支部“三会一课”流于形式", "支部会议记录不规范"]),
    problem("P4", "落实“两个责任”不到位，班子成员履行“一岗双责”不力"),
    problem("P5", "公务接待费用报销审核不严，存在无公函接待"),
]

ROWS = [
    item("I1", "严格执行干部选拔任用程序、规范动议和考察环节",
         "1.修订《干部选拔任用工作规程》，动议须经党组会议集体研究并形成纪实。\n2.考察谈话范围扩大到所在科室全体人员。"),
    item("I2", "党组会议记录和纪要", "1.明确办公室专人负责党组会议记录，会后3个工作日内整理归档。\n2.会议纪要在会后5个工作日内印发。"),
    item("I3", "支部组织生活不规范", "1.制定机关党支部“三会一课”年度计划，每月固定主题党日。\n2.统一支部会议记录本格式，机关党委每季度检查一次。"),
    item("I4", "压实主体责任和监督责任", "1.制定党组落实全面从严治党主体责任清单，派驻纪检组长每季度约谈一次。\n2.班子成员每半年到分管科室开展廉政谈话。"),
    item("I5", "", "1.对2023年以来公务接待费用报销单据逐笔审核，无公函接待的费用由当事人退赔。\n2.修订《公务接待管理办法》。"),
]


def test_the_complete_plan_answers_every_problem_with_its_own_row():
    cov = coverage(NOTICE, ROWS)
    assert all(c.covered for c in cov.values()), {k: c for k, c in cov.items() if not c.covered}
    assert {pid: c.evidence[0].item for pid, c in cov.items()} == {f"P{n}": f"I{n}" for n in range(1, 6)}


def test_paraphrase_and_abbreviation_are_the_same_thing():
    # 选人用人 ~ 干部选拔任用 (synonym table); 两个责任 = 主体责任 + 监督责任 (abbreviation)
    assert "选人用人" in words("严格执行干部选拔任用程序")
    assert {"主体责任", "监督责任"} <= set(words("落实“两个责任”不到位"))
    cov = coverage(NOTICE, ROWS)
    assert "选人用人" in cov["P1"].evidence[0].terms
    assert "主体责任" in cov["P4"].evidence[0].terms


def test_row_order_does_not_matter():
    forward = coverage(NOTICE, ROWS)
    backward = coverage(NOTICE, [r.model_copy(update={"id": f"I{n}"}) for n, r in enumerate(reversed(ROWS), 1)])
    assert {k: c.covered for k, c in forward.items()} == {k: c.covered for k, c in backward.items()}


@pytest.mark.parametrize("gone", range(5))
def test_deleting_a_row_uncovers_its_problem_and_nothing_else(gone):
    cov = coverage(NOTICE, [r for n, r in enumerate(ROWS) if n != gone])
    assert not cov[f"P{gone + 1}"].covered and not cov[f"P{gone + 1}"].uncertain
    assert all(c.covered for pid, c in cov.items() if pid != f"P{gone + 1}")


def test_a_near_miss_row_does_not_answer():
    # without the 党组会议记录 row, the 支部会议记录 row (P3's) must not be taken for it
    rows = [r for r in ROWS if r.id != "I2"] + [item("I9", "", "会议纪要在会后5个工作日内印发，办公室每月通报印发情况。")]
    cov = coverage(NOTICE, rows)
    assert not cov["P2"].covered
    assert [s.covered for s in cov["P2"].subs] == [False, True]
    assert cov["P3"].covered and cov["P3"].evidence[0].item == "I3"


def test_a_sub_problem_nobody_answers_is_a_gap_with_evidence_per_sub():
    rows = list(ROWS)
    rows[0] = item("I1", "干部选拔任用动议程序不规范", "修订《干部选拔任用工作规程》，动议须经党组会议集体研究并形成纪实。")
    cov = coverage(NOTICE, rows)["P1"]
    assert not cov.covered and not cov.uncertain
    first, second = cov.subs
    assert first.covered and first.evidence[0].item == "I1" and first.evidence[0].terms
    assert not second.covered


def test_one_row_may_answer_two_problems_and_one_problem_may_need_two_rows():
    rows = [
        item("I1", "选人用人不规范，党组会议记录不完整",
             "1.修订《干部选拔任用工作规程》，动议须经党组会议研究，考察谈话范围扩大到全体人员。\n"
             "2.党组会议记录由办公室专人负责，纪要在会后5个工作日内印发。"),
        item("I2", "机关党支部“三会一课”流于形式", "制定机关党支部“三会一课”年度计划，每月固定主题党日。"),
        item("I3", "支部会议记录不规范", "统一支部会议记录本格式，机关党委每季度检查一次。"),
        *ROWS[3:],
    ]
    cov = coverage(NOTICE, rows)
    assert cov["P1"].covered and cov["P2"].covered
    assert cov["P1"].evidence[0].item == "I1" and cov["P2"].evidence[0].item == "I1"
    assert cov["P3"].covered and {e.item for e in cov["P3"].evidence} == {"I2", "I3"}
    assert {s.evidence[0].item for s in cov["P3"].subs} == {"I2", "I3"}


def test_the_category_heading_is_context_for_measures_only_rows():
    notice = [problem("P1", "意识形态工作责任制落实不到位，阵地管理不严", ["意识形态工作责任制落实不到位", "阵地管理不严"]),
              problem("P2", "财务报销审核不严")]
    heading = "一、关于意识形态工作责任制落实不到位的问题"
    rows = [item("I1", "", "党组每半年专题研究1次，研究情况在局网站公开。", category=heading),
            item("I2", "", "对局网站、公众号等阵地逐一登记，建立阵地管理台账。", category=heading),
            item("I3", "", "修订《财务报销审核办法》，每季度抽查报销凭证。")]
    cov = coverage(notice, rows)
    assert cov["P1"].covered and {e.item for e in cov["P1"].evidence} == {"I1", "I2"}
    without = coverage(notice, [r.model_copy(update={"category": None}) for r in rows])
    assert without["P1"].evidence[0].score < cov["P1"].evidence[0].score


def test_a_broad_judgement_is_answered_with_the_detail_it_sums_up():
    subs = ["基层统计基础薄弱", "部分企业统计台账不健全", "数据审核把关不严"]
    assert sums_up_next(subs) == [True, False, False]
    notice = [problem("P1", "统计数据质量管控不严，基层统计基础薄弱，部分企业统计台账不健全，数据审核把关不严", subs)]
    rows = [item("I1", "统计数据质量管控不严", "1.对规上企业统计台账开展全面检查。\n2.建立数据审核“三级把关”制度。")]
    assert coverage(notice, rows)["P1"].covered


def test_uncertain_band_is_a_warning_not_an_error():
    data = {"notice": {"problems": ["公务接待费用报销审核不严", "党组会议记录不完整"]}, "paragraphs": [],
            "items": [{"problem": "关于接待管理的问题", "measures": "实行接待清单审核制度，每季度抽查一次。"},
                      {"problem": "党组会议记录不完整", "measures": "明确办公室专人负责党组会议记录，会后3个工作日内归档。"}]}
    result = check_data(data, packs=["xuncha"])
    cov = result.coverage["P1"]
    assert cov.uncertain and not cov.covered
    assert DEFAULT.uncertain <= cov.evidence[0].score < DEFAULT.cover
    assert "CV-UNCERTAIN" in fired(result) and "CV-PROBLEM" not in fired(result)
    finding = next(f for f in result.findings if f.rule == "CV-UNCERTAIN")
    assert finding.problem == "P1" and "I1" in finding.message


def test_every_verdict_carries_evidence():
    rows = [r for r in ROWS if r.id != "I5"]
    for pid, cov in coverage(NOTICE, rows).items():
        if cov.covered:
            assert cov.evidence and all(e.terms for e in cov.evidence), pid
            assert all(s.evidence for s in cov.subs), pid
    lost = coverage(NOTICE, rows)["P5"]
    assert not lost.covered and all(e.score < DEFAULT.floor for e in lost.evidence)


def test_weights_do_not_depend_on_the_plan():
    # IDF comes from the notice only: removing an unrelated row cannot tip another verdict
    full = ProblemMatcher(NOTICE, ROWS)
    fewer = ProblemMatcher(NOTICE, ROWS[:3])
    for p in NOTICE:
        for w in full.grid.queries[p.id].words:
            assert full.scorer.weight(w) == fewer.scorer.weight(w)
        for r in ROWS[:3]:
            assert full.grid.scores[(p.id, r.id)] == fewer.grid.scores[(p.id, r.id)]


def test_negated_descriptions_are_weak_and_answered_by_their_positive():
    assert words("党组会议记录不完整")[-1] == "不完整" and is_weak("不完整")
    notice = [problem("P1", "党组会议记录不完整")]
    cov = coverage(notice, [item("I1", "", "党组会议记录由专人负责，完整记载讨论和表决情况。")])["P1"]
    assert cov.covered and "不完整" in cov.evidence[0].terms


def test_text_is_tokenised_once():
    assert analyse("党组会议记录不完整") is analyse("党组会议记录不完整")


def test_vocabulary_can_be_extended_without_swapping_the_shipped_table():
    extend_vocabulary(terms=["县域医共体"], synonyms={"医疗卫生共同体": ["医共体", "县域医共体"]})
    assert synonyms()["县域医共体"] == synonyms()["医疗卫生共同体"] == ("医共体",)
    assert words("县域医共体") == words("紧密型医疗卫生共同体") == ["医共体"]


# A sub-problem with some evidence of its own below the threshold is a doubt (CV-UNCERTAIN, a warning
# for a reviewer), not a gap; one with no evidence, or evidence only in words the rest of the problem
# has, is a gap. (On the blind held-out sets answered sub-problems often scored 0.20–0.30, unanswered
# ones almost never: the band keeps false gaps down without passing anything silently.)
FORESTRY = [problem("P1", "生态护林员管理松散，巡林记录事后补记，护林员补助发放未与考核挂钩",
                    ["巡林记录事后补记", "护林员补助发放未与考核挂钩"])]


@pytest.mark.parametrize("second_measure, state", [
    ("停用纸质登记本，杜绝补写。", "uncertain"),  # 补写 ~ 补记 only: half credit, the sub's own word
    ("巡林终端统一配发，每月检查。", "uncertain"),  # 巡林, nothing on 事后补记
    ("巡林终端当日上传。", "covered"),  # 当日 is what answers 事后 (checker/data/related.txt)
    ("巡山台账由县林长办按月抽查。", "gap"),  # nothing of the sub's own
    ("巡林记录当日上传平台，杜绝事后补记。", "covered"),
])
def test_a_sub_problem_with_weak_evidence_is_a_doubt_not_a_pass(second_measure, state):
    rows = [item("I1", "护林员管理", "1.护林员补助发放与月度考核结果挂钩。\n2." + second_measure)]
    cov = coverage(FORESTRY, rows)["P1"]
    sub = cov.subs[0]
    assert (cov.covered, cov.uncertain) == {"covered": (True, False), "uncertain": (False, True), "gap": (False, False)}[state]
    assert (sub.covered, sub.uncertain) == {"covered": (True, False), "uncertain": (False, True), "gap": (False, False)}[state]
    if state == "uncertain":
        assert sub.evidence and DEFAULT.sub_uncertain <= sub.evidence[0].score < DEFAULT.sub_cover


def test_evidence_only_in_words_the_rest_of_the_problem_has_is_no_doubt():
    # 河道 is in both sub-problems: the row answering 清四乱 says 河道 and 记录, which is not an answer
    # to 巡河记录不实 (this row deleted from a real plan was a silent pass before the rule)
    notice = [problem("P1", "落实河湖长制工作有差距。部分河道巡河记录不实，存在代签补签情况；河道“清四乱”问题整治不彻底，个别违建反弹",
                      ["部分河道巡河记录不实，存在代签补签情况", "河道“清四乱”问题整治不彻底，个别违建反弹"])]
    rows = [item("I1", "河道“清四乱”整治", "1.对河道“清四乱”问题逐一整治销号，拆除反弹违建，整治情况记录在案。")]
    cov = coverage(notice, rows)["P1"]
    assert not cov.covered and not cov.uncertain
    assert [s.covered or s.uncertain for s in cov.subs] == [False, True]


def test_a_row_another_problem_claims_answers_a_problem_no_row_of_its_own_answers():
    # one row for two problems, closer to the first as a whole: the second, which has no row of
    # its own, is answered through the measure that names its failing outright
    notice = [problem("P1", "选人用人存在短板，检察官遴选考核标准不细，中层干部交流轮岗不到位",
                      ["检察官遴选考核标准不细", "中层干部交流轮岗不到位"]),
              problem("P2", "队伍专业化建设滞后，公益诉讼、未成年人检察等领域专业人才缺乏",
                      ["队伍专业化建设滞后", "公益诉讼、未成年人检察等领域专业人才缺乏"])]
    row = item("I1", "", "1.细化检察官遴选考核评分细则。\n2.制定中层干部交流轮岗计划。\n"
                          "3.通过跟班学习培养公益诉讼、未成年人检察专业人才不少于4名。")
    cov = coverage(notice, [row])
    assert cov["P1"].covered and cov["P2"].covered
    assert cov["P2"].subs[1].evidence[0].item == "I1"
    # without the measure that names it, P2 is a gap again
    cov = coverage(notice, [row.model_copy(update={"measures": "1.细化检察官遴选考核评分细则。\n2.制定中层干部交流轮岗计划。"})])
    assert cov["P1"].covered and not cov["P2"].covered and not cov["P2"].uncertain


def test_a_failing_jieba_keeps_whole_with_its_judgement_is_found_by_its_thing():
    # jieba's dictionary has 证据不足 as one word; the answer speaks of 证据
    assert "证据" in words("个别审计报告事实认定证据不足") and is_weak("不足")
    notice = [problem("P1", "审计报告事实认定证据不足")]
    cov = coverage(notice, [item("I1", "", "审计报告每一处定性结论须有取证证据索引，缺少支撑的一律退回补证。")])["P1"]
    assert cov.covered and "证据" in cov.evidence[0].terms


def test_a_sub_only_a_pasted_notice_cell_answers_is_a_doubt_not_a_pass():
    # the 台账 pastes the whole problem into its first column; the measures answer two failings of three
    text = "机关党支部建设不规范。述职评议流于形式；发展党员程序不规范，1名预备党员转正未经党员大会讨论；学习教育记录不全。"
    subs = ["述职评议流于形式", "发展党员程序不规范，1名预备党员转正未经党员大会讨论", "学习教育记录不全"]
    measures = "1.支部书记述职逐项对照问题清单，评议结果纳入年度考核。\n2.党员学习教育实行一人一册，记录每月检查。"
    cov = coverage([problem("P1", text, subs)], [item("I1", text, measures)])["P1"]
    assert not cov.covered and cov.uncertain
    assert [(s.covered, s.uncertain) for s in cov.subs] == [(True, False), (False, True), (True, False)]
    # the same row with the failing answered in its measures is covered
    answered = measures + "\n3.对该名预备党员转正程序重新履行，补开支部党员大会讨论。"
    assert coverage([problem("P1", text, subs)], [item("I1", text, answered)])["P1"].covered


def test_a_row_on_the_example_of_a_failing_answers_it():
    # touzi (heldout8): the failing is worded in the notice's terms (链式招商), the row names its example
    # (新型建材产业链): the example says which failing the row answers
    p = problem("P1", "产业链招商能力不足。围绕主导产业开展链式招商不够，如新型建材产业链仅引进1个配套项目；"
                      "对签约企业履约能力研判不深，比如1家光伏组件企业注册后即注销",
                ["围绕主导产业开展链式招商不够，如新型建材产业链仅引进1个配套项目",
                 "对签约企业履约能力研判不深，比如1家光伏组件企业注册后即注销"])
    answered = item("I1", "产业链精准招商能力不足", "1.编制新型建材产业链招商图谱，梳理链上缺失环节。\n"
                                               "2.签约前对企业履约能力开展研判，光伏组件等项目实行注册后跟踪。")
    cov = coverage([p], [answered])["P1"]
    assert cov.covered and all(s.covered for s in cov.subs)
    # a row that touches the example's generic words only (项目) does not
    other = item("I1", "产业链精准招商能力不足", "1.建立重点项目推进台账，每月调度。\n"
                                            "2.签约前对企业履约能力开展研判，光伏组件等项目实行注册后跟踪。")
    cov = coverage([p], [other])["P1"]
    assert not cov.covered and not cov.subs[0].covered
