"""The notice analyser (checker.feedback): problems, suggestions, demands and metadata from notices
in every shape, the two real examples in ../shared/examples, the labelled fixture notices, and the
extract JSON round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from checker.testing import text_document
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import ExtractionError, InputError
from checker.feedback import analyse_notice, extract_requirements, requirements_from_json, requirements_to_json
from checker.models import Block, Document, Duration, Location

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO.parent / "shared" / "examples"


notice = text_document  # one paragraph block per non-empty line


def texts(items) -> list[str]:
    return [item.text for item in items]


def demand_map(req):
    return {d.concept: d for d in req.demands}


def assert_spans_exact(req):
    """Every location slices its own text out of Requirements.text."""
    for item in [*req.problems, *req.suggestions, *req.demands]:
        assert req.text[item.location.start : item.location.end] == item.text
        assert item.location.kind == "notice"


# --------------------------------------------------------------------------- the real examples


def _example(name: str) -> Document:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return notice(path.read_text(encoding="utf-8"), str(path))


def test_city_fulian_news_report():
    req = analyse_notice(_example("notice-city-fulian.txt"))
    assert (req.unit, req.inspector, req.date) == ("市妇联党组", "市委第三巡察组", date(2023, 6, 9))
    assert len(req.problems) == 6
    p1, p2, p3, p4, p5, p6 = req.problems
    assert p1.text == "学深悟透上级精神不到位,学习针对性不强,学习内容与妇联工作联系不紧密,学习重形势轻内容,重数量轻质量"
    assert p1.subs == ["学深悟透上级精神不到位", "学习针对性不强", "学习内容与妇联工作联系不紧密", "学习重形势轻内容", "重数量轻质量"]
    # 存在…等情况 inside the list is kept, and is not cut into pieces
    assert p2.text.endswith("存在党组会议仅有学习议题而无重要工作安排、重要事项研究,党组会议代替主席办公会等情况")
    assert p2.subs[0] == "党组职责泛化"
    assert p2.subs[-1].startswith("党组把方向") and p2.subs[-1].endswith("等情况")
    assert len(p3.subs) == 5
    assert p4.subs == ["推动“强三性去四化”不彻底", "深入服务群众有差距"]
    assert p5.text.startswith("贯彻落实上级决策部署有差距")
    assert p6.text == "党建带妇建工作落实不力"  # the 等 that closes the list is gone
    assert all("问题线索" not in p.text for p in req.problems)
    assert {p.location.line for p in req.problems} == {13}
    assert_spans_exact(req)


def test_city_fulian_suggestions_and_demands():
    req = analyse_notice(_example("notice-city-fulian.txt"))
    assert len(req.suggestions) == 4
    assert req.suggestions[0].text.startswith("深入学习贯彻习近平新时代中国特色社会主义思想以及")
    assert req.suggestions[1].text.startswith("充分发挥党组领导核心作用。防止事无巨细")
    assert req.suggestions[3].text.endswith("离不开的娘家人。")
    demands = demand_map(req)
    assert set(demands) == {"问题清单", "任务清单", "责任清单", "整改方案", "第一责任人", "一岗双责", "长效机制"}
    # the unit's own 表态 (…立行立改…集中整改…) is not the notice's demand
    assert "立行立改" not in demands and "集中整改" not in demands


def test_speech_template_has_no_problems_but_its_demands():
    doc = _example("notice-speech-template.txt")
    with pytest.raises(ExtractionError) as raised:
        analyse_notice(doc)
    assert raised.value.message.startswith("未能从反馈意见中识别出任何问题：")
    assert "没有列出具体问题" in raised.value.message and "--against" in raised.value.message
    assert "no concrete problem" in raised.value.message_en
    req = extract_requirements(doc)
    assert req.problems == []
    demands = demand_map(req)
    assert {"问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "整改方案", "党内通报",
            "向社会公开", "集中整改", "第一责任人", "一岗双责", "长效机制", "上轮整改"} <= set(demands)
    # "*个月内" is a placeholder: a time is stated but its number is not
    assert demands["专题民主生活会"].within is None and demands["专题民主生活会"].text.startswith("*个月内")
    assert demands["整改情况报告"].within is None and demands["整改情况报告"].to == "市监委"
    assert demands["整改方案"].to == "巡察办"
    assert demands["集中整改"].within == Duration(value=3, unit="months")
    assert_spans_exact(req)


# --------------------------------------------------------------------------- shapes written here

STATS_NEWS = """市委第二巡察组向市统计局党组反馈巡察情况
发布时间：2024-07-03  来源：市委巡察办
根据市委统一部署，2024年3月25日至5月24日，市委第二巡察组对市统计局党组进行了常规巡察。7月1日，市委第二巡察组向市统计局党组反馈巡察情况。
巡察组组长刘建平指出，巡察组坚持以习近平新时代中国特色社会主义思想为指导，深入开展政治监督，市统计局党组在统计改革发展方面取得了一定成效，但巡察发现了一些问题，主要是：统计法治宣传教育不够深入，防范和惩治统计造假责任制落实不到位，对基层统计数据质量核查不严；党组理论学习中心组学习不规范，学习计划执行不严，研讨交流流于形式；“三重一大”事项决策程序不规范，存在以主任办公会代替党组会议研究重大事项等情况；统计调查项目经费管理不严格，部分项目经费结余长期挂账；上轮巡察反馈的干部档案管理问题整改不彻底等问题。同时，巡察组还收到反映领导干部的问题线索，已按有关规定转市纪委监委、市委组织部处理。
刘建平提出了三点整改意见。一要提高政治站位，深刻认识统计造假、数据失真的严重危害，坚决守住统计数据真实性这条生命线。二要加强党组自身建设，严格执行“三重一大”决策制度。三要强化整改责任，坚持问题导向，确保件件有着落。
市委巡察办副主任陈晓要求，市统计局党组要切实履行整改主体责任，党组书记要履行第一责任人责任，班子成员要落实“一岗双责”。要在反馈后15个工作日内制定整改方案，报市委巡察办审核；要在2个月内召开巡察整改专题民主生活会；反馈后3个月内将整改情况报告报送市委巡察办。
市统计局党组书记、局长周敏表示，将照单全收、立行立改，建立长效机制，以整改实效取信于民。
"""


def test_main_sentence_list_with_praise_clue_and_closing_etc():
    req = analyse_notice(notice(STATS_NEWS))
    assert (req.unit, req.inspector) == ("市统计局党组", "市委第二巡察组")
    assert req.date == date(2024, 7, 1)  # 7月1日, the year from the other dates
    assert texts(req.problems) == [
        "统计法治宣传教育不够深入，防范和惩治统计造假责任制落实不到位，对基层统计数据质量核查不严",
        "党组理论学习中心组学习不规范，学习计划执行不严，研讨交流流于形式",
        "“三重一大”事项决策程序不规范，存在以主任办公会代替党组会议研究重大事项等情况",
        "统计调查项目经费管理不严格，部分项目经费结余长期挂账",
        "上轮巡察反馈的干部档案管理问题整改不彻底",
    ]
    # a summary clause before its details is not a part; one explanation is not a list
    assert req.problems[0].subs == ["防范和惩治统计造假责任制落实不到位", "对基层统计数据质量核查不严"]
    assert req.problems[2].subs == []
    assert texts(req.suggestions) == [
        "提高政治站位，深刻认识统计造假、数据失真的严重危害，坚决守住统计数据真实性这条生命线。",
        "加强党组自身建设，严格执行“三重一大”决策制度。",
        "强化整改责任，坚持问题导向，确保件件有着落。",
    ]
    assert_spans_exact(req)


def test_demands_with_numbers_and_recipients():
    demands = demand_map(analyse_notice(notice(STATS_NEWS)))
    assert demands["整改方案"].within == Duration(value=15, unit="workdays")
    assert demands["整改方案"].to == "市委巡察办"
    assert demands["专题民主生活会"].within == Duration(value=2, unit="months")
    assert demands["整改情况报告"].within == Duration(value=3, unit="months")
    assert demands["整改情况报告"].to == "市委巡察办"
    assert demands["整改情况报告"].text == "反馈后3个月内将整改情况报告报送市委巡察办"
    assert "第一责任人" in demands and "一岗双责" in demands
    # 上轮整改 is demanded by the problem that names it; 立行立改/长效机制 only appear in the 表态
    assert "上轮整改" in demands
    assert "立行立改" not in demands and "长效机制" not in demands


WATER_YISHI = """县委第一巡察组向县水利局党组反馈巡察情况
2023年9月12日，县委第一巡察组向县水利局党组反馈巡察情况。
巡察组指出，县水利局党组存在以下问题：
一是贯彻落实上级关于水利工作的决策部署有差距，河湖长制工作推进不平衡。
二是落实全面从严治党主体责任不到位，对下属单位监督管理宽松软，工程建设领域廉政风险防控薄弱。
三是基层党组织建设不规范，“三会一课”制度落实不严格。
此外，巡察组收到的问题线索已按规定移交县纪委监委处理。
县委巡察办要求，县水利局党组要在反馈后一个月内召开专题民主生活会，整改情况要在党内通报，并向社会公开。
"""


def test_yishi_one_per_paragraph():
    req = analyse_notice(notice(WATER_YISHI))
    assert texts(req.problems) == [
        "贯彻落实上级关于水利工作的决策部署有差距，河湖长制工作推进不平衡。",
        "落实全面从严治党主体责任不到位，对下属单位监督管理宽松软，工程建设领域廉政风险防控薄弱。",
        "基层党组织建设不规范，“三会一课”制度落实不严格。",
    ]
    assert [p.location.line for p in req.problems] == [4, 5, 6]
    assert req.problems[1].subs == ["对下属单位监督管理宽松软", "工程建设领域廉政风险防控薄弱"]
    demands = demand_map(req)
    assert demands["专题民主生活会"].within == Duration(value=1, unit="months")
    assert {"党内通报", "向社会公开"} <= set(demands)
    assert req.suggestions == []


def test_yishi_inline_by_category_with_semicolons():
    text = """2024年5月16日，区委第二巡察组向区住建局党组反馈巡察情况。区委第二巡察组组长指出，巡察发现的主要问题：
在党的领导方面，一是贯彻落实城市更新决策部署有差距，老旧小区改造进度滞后；二是意识形态工作责任制落实不到位。
在全面从严治党方面，一是对工程招投标监管不严，存在围标串标现象；二是违规发放津贴补贴。
巡察期间收到的问题线索，已按规定移交区纪委监委处理。
"""
    req = analyse_notice(notice(text))
    assert [(p.category, p.text) for p in req.problems] == [
        ("党的领导", "贯彻落实城市更新决策部署有差距，老旧小区改造进度滞后"),
        ("党的领导", "意识形态工作责任制落实不到位"),
        ("全面从严治党", "对工程招投标监管不严，存在围标串标现象"),
        ("全面从严治党", "违规发放津贴补贴"),
    ]
    assert req.unit == "区住建局党组"


def test_faxian_semicolons_and_an_announced_suggestion_list():
    text = """9月28日上午，县委第三巡察组向县供销合作社联合社党委反馈巡察情况。
根据县委统一部署，2025年6月上旬至7月下旬，县委第三巡察组对县供销社党委开展了常规巡察。巡察发现，县供销社党委落实全面从严治党主体责任不力；财务管理混乱，存在白条抵库现象；下属企业改制遗留问题长期未解决；选人用人不规范等问题。
巡察组建议：强化政治引领，推动供销社综合改革；规范财务管理，清理历史遗留问题。
"""
    req = analyse_notice(notice(text))
    assert req.date == date(2025, 9, 28)
    assert req.unit == "县供销合作社联合社党委"
    assert texts(req.problems) == ["县供销社党委落实全面从严治党主体责任不力", "财务管理混乱，存在白条抵库现象",
                                   "下属企业改制遗留问题长期未解决", "选人用人不规范"]
    assert texts(req.suggestions) == ["强化政治引领，推动供销社综合改革", "规范财务管理，清理历史遗留问题"]


def test_enumeration_in_one_clause():
    text = "巡察发现，镇党委存在落实意识形态工作责任制不到位、村级财务管理不规范、惠农资金发放审核不严等问题。"
    req = analyse_notice(notice(text))
    assert texts(req.problems) == ["落实意识形态工作责任制不到位", "村级财务管理不规范", "惠农资金发放审核不严"]


NUMBERED = """市委第四巡察组对市文旅局党组巡察反馈意见
2026年1月15日，市委第四巡察组向市文旅局党组反馈巡察意见。巡察组指出了以下问题：
1. 落实意识形态工作责任制不到位，对文艺演出内容审核把关不严。
2. 重大文旅项目决策程序不规范，“三重一大”事项未经党组会集体研究。
3. 干部队伍结构老化，专业人才引进不足。
巡察组提出以下意见建议：
1. 严格落实意识形态工作责任制。
2. 规范重大事项决策程序，严格执行“三重一大”制度。
"""


def test_numbered_lines_with_lead_ins():
    req = analyse_notice(notice(NUMBERED))
    assert texts(req.problems) == [
        "落实意识形态工作责任制不到位，对文艺演出内容审核把关不严。",
        "重大文旅项目决策程序不规范，“三重一大”事项未经党组会集体研究。",
        "干部队伍结构老化，专业人才引进不足。",
    ]
    assert texts(req.suggestions) == ["严格落实意识形态工作责任制。", "规范重大事项决策程序，严格执行“三重一大”制度。"]
    assert (req.unit, req.inspector, req.date) == ("市文旅局党组", "市委第四巡察组", date(2026, 1, 15))


LETTER = """中共南湖区委第一巡察组
关于巡察区审计局党组情况的反馈意见
区审计局党组：
根据区委统一部署，区委第一巡察组于2022年4月6日至6月2日对区审计局党组进行了巡察，现将巡察发现的问题和意见建议反馈如下。
一、巡察发现的主要问题
（一）党的领导方面
审计监督服务全区中心工作不够有力，对重大政策落实跟踪审计覆盖不全。
落实意识形态工作责任制不到位，网络意识形态阵地管理薄弱。
（二）全面从严治党方面
1. 审计项目质量控制不严，个别项目审计结论依据不足。
部分审计报告复核流于形式，审计整改跟踪不到位。
2. 违反中央八项规定精神问题时有发生。
此外，巡察组还收到反映个别干部的问题线索，已按规定移交区纪委监委处理。
二、意见建议
（一）增强政治意识，聚焦中心工作开展审计监督。
（二）严格落实全面从严治党“两个责任”。
三、整改要求
区审计局党组要在收到反馈意见后10日内制定整改方案，报区委巡察办审核；反馈后2个月内向区委巡察办报送整改情况报告。
中共南湖区委第一巡察组
2022年7月8日
"""


def test_outline_letter_with_category_paragraphs_and_continuations():
    req = analyse_notice(notice(LETTER))
    assert (req.unit, req.inspector) == ("区审计局党组", "区委第一巡察组")
    assert req.date == date(2022, 7, 8)  # the letter's dateline
    assert [(p.category, p.text) for p in req.problems] == [
        ("党的领导", "审计监督服务全区中心工作不够有力，对重大政策落实跟踪审计覆盖不全。"),
        ("党的领导", "落实意识形态工作责任制不到位，网络意识形态阵地管理薄弱。"),
        # a numbered point goes on over the paragraph after it
        ("全面从严治党", "审计项目质量控制不严，个别项目审计结论依据不足。\n部分审计报告复核流于形式，审计整改跟踪不到位。"),
        ("全面从严治党", "违反中央八项规定精神问题时有发生。"),
    ]
    assert req.problems[2].location.line == 10
    assert texts(req.suggestions) == ["增强政治意识，聚焦中心工作开展审计监督。", "严格落实全面从严治党“两个责任”。"]
    demands = demand_map(req)
    assert (demands["整改方案"].within, demands["整改方案"].to) == (Duration(value=10, unit="days"), "区委巡察办")
    assert (demands["整改情况报告"].within, demands["整改情况报告"].to) == (Duration(value=2, unit="months"), "区委巡察办")
    assert_spans_exact(req)


def test_category_headings_that_carry_their_list():
    text = """区委第四巡察组关于巡察区教体局党组的反馈意见
2023年12月5日，区委第四巡察组向区教体局党组反馈巡察意见。
一、主要问题
（一）党的领导方面：一是落实意识形态工作责任制不到位；二是“双减”政策落实有差距。
（二）党的建设方面：一是基层党组织“三会一课”不规范；二是发展党员工作不严谨。
（三）贯彻落实中央八项规定精神不严格。部分学校存在公款吃喝问题。
二、意见建议
一要加强理论武装。二要压实管党治党责任。
"""
    req = analyse_notice(notice(text))
    assert [(p.category, p.text) for p in req.problems] == [
        ("党的领导", "落实意识形态工作责任制不到位"),
        ("党的领导", "“双减”政策落实有差距"),
        ("党的建设", "基层党组织“三会一课”不规范"),
        ("党的建设", "发展党员工作不严谨"),
        (None, "贯彻落实中央八项规定精神不严格。部分学校存在公款吃喝问题。"),
    ]
    assert texts(req.suggestions) == ["加强理论武装。", "压实管党治党责任。"]


def _docx_like_notice() -> Document:
    """What the .docx reader gives for a letter with Word numbering, headings and a table."""

    def para(n, text, kind="paragraph", number=None, level=None):
        return Block(kind=kind, text=(number or "") + text, number=number, level=level,
                     location=Location(file="minzheng.docx", kind="paragraph", paragraph=n))

    def cell(row, col, text):
        return Block(kind="table_cell", text=text,
                     location=Location(file="minzheng.docx", kind="table_cell", table=1, row=row, col=col))

    blocks = [
        para(1, "中共河西区委第四巡察组关于巡察区民政局党组的反馈意见", "heading", level=1),
        para(2, "区民政局党组："),
        para(3, "根据区委统一部署，2026年3月2日至4月30日，区委第四巡察组对区民政局党组进行了巡察。"
                "2026年5月20日，巡察组向区民政局党组反馈了巡察意见。"),
        para(4, "巡察发现的主要问题", "heading", number="一、", level=1),
        para(5, "党的领导方面", "list_item", number="（一）", level=0),
        para(6, "学习贯彻习近平总书记关于民政工作的重要指示精神不够深入，结合实际推动落实不够有力。", "list_item", "1.", 1),
        para(7, "落实兜底保障政策有偏差，部分低保对象认定不精准，动态管理不及时。", "list_item", "2.", 1),
        para(8, "党的建设方面", "list_item", number="（二）", level=0),
        para(9, "养老服务机构党建工作覆盖不全，部分民办养老机构未建立党组织。", "list_item", "3.", 1),
        para(10, "意见建议", "heading", number="二、", level=1),
        para(11, "坚持以人民为中心，提升民政服务精准化水平。", "list_item", "（一）", 0),
        para(12, "加强养老服务领域党的建设，实现党的组织全覆盖。", "list_item", "（二）", 0),
        para(13, "上轮巡察反馈问题整改情况如下："),
        cell(1, 1, "序号"), cell(1, 2, "问题"), cell(1, 3, "整改情况"),
        cell(2, 1, "1"), cell(2, 2, "上轮巡察指出的社会组织登记审查不严问题整改不到位"), cell(2, 3, "未完成"),
        para(14, "整改要求", "heading", number="三、", level=1),
        para(15, "区民政局党组要在反馈后2个月内将整改情况报告报送区委巡察办。"),
    ]
    return Document(path="minzheng.docx", sha256="0" * 64, format="docx", blocks=blocks)


def test_docx_numbering_headings_and_table_cells():
    req = analyse_notice(_docx_like_notice())
    # a Word notice is located by paragraph (its lines as read would mean nothing in Word) or table cell
    assert [(p.category, p.text, p.location.paragraph) for p in req.problems] == [
        ("党的领导", "学习贯彻习近平总书记关于民政工作的重要指示精神不够深入，结合实际推动落实不够有力。", 6),
        ("党的领导", "落实兜底保障政策有偏差，部分低保对象认定不精准，动态管理不及时。", 7),
        ("党的建设", "养老服务机构党建工作覆盖不全，部分民办养老机构未建立党组织。", 9),
        (None, "上轮巡察指出的社会组织登记审查不严问题整改不到位", None),
    ]
    assert all(p.location.line is None for p in req.problems)
    assert req.problems[-1].location.describe() == "表1第2行第2列"
    assert (req.problems[3].location.table, req.problems[3].location.row, req.problems[3].location.col) == (1, 2, 2)
    assert texts(req.suggestions) == ["坚持以人民为中心，提升民政服务精准化水平。", "加强养老服务领域党的建设，实现党的组织全覆盖。"]
    assert req.date == date(2026, 5, 20)
    assert "上轮整改" in demand_map(req)
    assert_spans_exact(req)


def test_zhichu_lists_lists_over_two_sentences_and_unit_statements():
    text = """2024年11月20日，市委第三巡察组向市机关事务管理局党组反馈巡察情况。
巡察组指出，市机关事务管理局党组学习贯彻党的创新理论不够深入；公务用车管理不规范，存在公车私用现象。
巡察发现的主要问题是：落实意识形态工作责任制不到位；政府采购内控制度不健全。节能降耗工作推进缓慢；干部队伍结构不合理。同时，巡察组收到的问题线索已按规定移交市纪委监委处理。
巡察组要求，要建立“三张清单”，在一定范围内通报整改情况，并召开专题组织生活会。局党组书记表示，将立行立改，建立长效机制。
"""
    req = analyse_notice(notice(text))
    assert texts(req.problems) == [
        "市机关事务管理局党组学习贯彻党的创新理论不够深入", "公务用车管理不规范，存在公车私用现象",
        "落实意识形态工作责任制不到位", "政府采购内控制度不健全", "节能降耗工作推进缓慢", "干部队伍结构不合理",
    ]
    demands = demand_map(req)
    assert set(demands) == {"问题清单", "任务清单", "责任清单", "党内通报", "专题民主生活会"}
    assert demands["任务清单"].text == "要建立“三张清单”"


def test_docx_through_the_reader(tmp_path):
    docx = pytest.importorskip("docx")
    pytest.importorskip("checker.documents")
    document = docx.Document()
    document.add_heading("县委第二巡察组向县林业局党组反馈巡察情况", level=1)
    document.add_paragraph("2025年7月2日，县委第二巡察组向县林业局党组反馈巡察情况。巡察发现的主要问题如下：")
    table = document.add_table(rows=3, cols=2)
    for row, (number, problem) in enumerate([("序号", "问题"), ("1", "森林防火责任落实不到位，巡护记录不全。"),
                                             ("2", "生态公益林补偿资金发放审核不严。")]):
        table.cell(row, 0).text, table.cell(row, 1).text = number, problem
    document.add_paragraph("县委巡察办要求，要在反馈后2个月内报送整改情况报告。")
    path = tmp_path / "linye.docx"
    document.save(str(path))
    req = analyse_notice(_read(tmp_path, "linye.docx", path.read_bytes()))
    assert texts(req.problems) == ["森林防火责任落实不到位，巡护记录不全。", "生态公益林补偿资金发放审核不严。"]
    assert [(p.location.table, p.location.row, p.location.col) for p in req.problems] == [(1, 2, 2), (1, 3, 2)]
    assert (req.unit, req.date) == ("县林业局党组", date(2025, 7, 2))
    assert demand_map(req)["整改情况报告"].within == Duration(value=2, unit="months")


def test_round_wide_speech_observations_are_not_problems():
    text = """同志们：
今年以来，组建3个巡察组对12个市直单位开展了巡察。
从本轮巡察看，有的单位落实主体责任不到位；有的班子成员“一岗双责”履行不力；有的单位财务管理不规范。
被巡察党组织要在反馈后2个月内报送整改情况报告。
"""
    with pytest.raises(ExtractionError) as raised:
        analyse_notice(notice(text))
    assert "讲话稿" in raised.value.message
    assert demand_map(extract_requirements(notice(text)))["整改情况报告"].within == Duration(value=2, unit="months")


def test_a_text_that_is_no_notice():
    with pytest.raises(ExtractionError) as raised:
        analyse_notice(notice("关于召开2024年度工作会议的通知\n请各单位于3月5日前报送材料。"))
    assert raised.value.message.startswith("未能从反馈意见中识别出任何问题：")
    assert "一是…二是…" in raised.value.message


def test_feedback_date_argument_wins_and_fills_a_missing_year():
    text = "10月10日，县委第三巡察组向县医保局党组反馈巡察情况。巡察发现的主要问题是：医保基金监管不严；经办服务不便民。"
    assert extract_requirements(notice(text)).date is None
    assert "未找到反馈日期" in extract_requirements(notice(text)).warnings[0]
    given = date(2024, 10, 10)
    assert extract_requirements(notice(text), feedback_date=given).date == given
    assert extract_requirements(notice(STATS_NEWS), feedback_date=given).date == given


def test_ocr_noise_spaces_and_full_width_digits():
    text = """当前位置：首页 > 工作动态
【打印】【关闭】
２０２３年５月２４日，县委第一巡察组向青石镇党委反馈巡 察情况。
蒋国平指出，巡察发现的主要问题是：村级集体经济 发展缓慢；“三资”管 理不规范，部分村账目公开不及时。
"""
    req = analyse_notice(notice(text))
    assert req.date == date(2023, 5, 24)
    assert texts(req.problems) == ["村级集体经济 发展缓慢", "“三资”管 理不规范，部分村账目公开不及时"]


def _read(tmp_path: Path, name: str, data: bytes) -> Document:
    documents = pytest.importorskip("checker.documents")
    path = tmp_path / name
    path.write_bytes(data)
    return documents.read_document(path)


def test_traditional_characters_through_the_reader(tmp_path):
    text = ("2024年3月8日，縣委第二巡察組向縣交通運輸局黨組反饋巡察情況。巡察發現的主要問題是：落實全面從嚴治黨主體責任不到位；"
            "工程項目管理不規範，存在未批先建現象。")
    req = analyse_notice(_read(tmp_path, "fanti.txt", text.encode("utf-8")))
    assert (req.unit, req.inspector) == ("县交通运输局党组", "县委第二巡察组")
    assert texts(req.problems) == ["落实全面从严治党主体责任不到位", "工程项目管理不规范，存在未批先建现象"]


def test_gb18030_through_the_reader(tmp_path):
    text = ("2024年4月18日，市委第一巡察组向市职业技术学院党委反馈巡察情况。学院党委书记王㛃主持会议。"
            "巡察发现，学院党委落实意识形态工作责任制不到位；科研经费管理不规范等问题。")
    req = analyse_notice(_read(tmp_path, "gb.txt", text.encode("gb18030")))
    assert texts(req.problems) == ["学院党委落实意识形态工作责任制不到位", "科研经费管理不规范"]


# --------------------------------------------------------------------------- extract JSON


def test_json_round_trip():
    req = analyse_notice(notice(STATS_NEWS, "stats.txt"))
    data = requirements_to_json(req)
    assert data["schema_version"] == 1 and data["kind"] == "requirements"
    assert data["notice"] == {"path": "stats.txt", "sha256": "0" * 64}
    assert data["date"] == "2024-07-01"
    first = data["problems"][0]
    assert set(first) == {"id", "text", "subs", "category", "unit", "location"}
    assert data["units"] == ["市统计局党组"] and data["round"] is None
    assert first["location"] == {"kind": "notice", "line": 4, "start": req.problems[0].location.start,
                                 "end": req.problems[0].location.end}
    report = next(d for d in data["demands"] if d["concept"] == "整改情况报告")
    assert report["within"] == {"value": 3, "unit": "months"} and report["to"] == "市委巡察办"
    back = requirements_from_json(json.loads(json.dumps(data, ensure_ascii=False)), "stats.json")
    assert requirements_to_json(back) == data
    assert [(p.id, p.text, p.subs) for p in back.problems] == [(p.id, p.text, p.subs) for p in req.problems]
    assert back.date == req.date and back.demands[0].within == req.demands[0].within


def test_json_hand_edits_are_accepted():
    data = requirements_to_json(analyse_notice(notice(NUMBERED, "wenlv.txt")))
    data["problems"].append({"text": "  文物安全巡查不到位  "})  # no id, no location
    del data["problems"][0]
    back = requirements_from_json(data, "edited.json")
    assert [p.id for p in back.problems] == ["P2", "P3", "P4"]  # ids as given, the next free one for the new
    assert back.problems[-1].text == "文物安全巡查不到位"
    assert back.problems[-1].location.kind == "notice" and back.problems[-1].location.line is None
    assert "文物安全巡查不到位" in back.text  # rules that look for words still see it


BAD_EDITS = [
    (lambda d: d.pop("schema_version"), "缺少 schema_version"),
    (lambda d: d.update(schema_version=2), "schema_version 为 2"),
    (lambda d: d.update(kind="report"), "kind 应为"),
    (lambda d: d["problems"][1].pop("text"), "problems[1].text 缺少此字段"),
    (lambda d: d["problems"][0].update(text="  "), "problems[0].text 不能为空"),
    (lambda d: d["problems"][0].update(txt="x"), "problems[0].txt 是未知字段"),
    (lambda d: d.update(date="2024-13-01"), "date 应为日期"),
    (lambda d: d["demands"].append({"concept": "问题台账"}), "未知的概念“问题台账”"),
    (lambda d: d["demands"].append({"concept": "整改方案", "within": {"value": 2, "unit": "weeks"}}), "unit 取值应为"),
    (lambda d: d["problems"][1].update(id="P1"), "id “P1”重复"),
    (lambda d: d.update(problems="P1"), "problems 应为列表"),
]


@pytest.mark.parametrize(("edit", "message"), BAD_EDITS)
def test_json_errors_name_the_place(edit, message):
    data = requirements_to_json(analyse_notice(notice(NUMBERED, "wenlv.txt")))
    edit(data)
    with pytest.raises(InputError) as raised:
        requirements_from_json(data, "edited.json")
    assert message in raised.value.message
    assert raised.value.message.startswith("edited.json")
    assert raised.value.message_en != raised.value.message


def test_json_not_an_object_and_no_problems():
    with pytest.raises(InputError):
        requirements_from_json(["P1"], "x.json")  # type: ignore[arg-type]
    data = requirements_to_json(analyse_notice(notice(NUMBERED)))
    data["problems"] = []
    with pytest.raises(ExtractionError):
        requirements_from_json(data, "x.json")


# --------------------------------------------------------------------------- labelled fixtures

FIXTURES = sorted((REPO / "fixtures" / "notices").glob("*.labels.yaml"))


def _fixture(labels_path: Path):
    yaml = pytest.importorskip("yaml")
    documents = pytest.importorskip("checker.documents")
    from checker.documents.normalize import normalize_text

    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    notice_path = labels_path.with_name(labels_path.name.replace(".labels.yaml", ".txt"))
    given = None
    if labels.get("date") is None and labels.get("date_month_day"):
        given = date(2024, *map(int, labels["date_month_day"].split("-")))
    req = extract_requirements(documents.read_document(notice_path), feedback_date=given)

    def same(s: str) -> str:  # labels of noisy/Traditional notices are compared after the reader's normalisation
        return normalize_text(s).strip().rstrip("。；;，, ")

    return labels, req, same, given


@pytest.mark.parametrize("labels_path", FIXTURES, ids=lambda p: p.name.split(".")[0])
def test_labelled_fixture_notice(labels_path):
    labels, req, same, given = _fixture(labels_path)
    assert [same(p.text) for p in req.problems] == [same(p["text"]) for p in labels["problems"]]
    assert [p.category for p in req.problems] == [p.get("category") for p in labels["problems"]]
    assert [same(s.text) for s in req.suggestions] == [same(s) for s in labels.get("suggestions", [])]
    assert req.date == (given or labels["date"])
    assert (req.unit, req.inspector) == (labels["unit"], labels["inspector"])
    demands = demand_map(req)
    assert set(demands) == {d["concept"] for d in labels.get("demands", [])}
    for wanted in labels.get("demands", []):
        got = demands[wanted["concept"]]
        if "within" in wanted:
            value, unit = wanted["within"].split()
            assert got.within == Duration(value=int(value), unit=unit if unit.endswith("s") else unit + "s")
        if "to" in wanted:
            assert got.to == wanted["to"]
    for not_a_problem in labels.get("not_problems", []):
        assert all(same(not_a_problem) not in same(p.text) for p in req.problems)
    assert_spans_exact(req)


def test_labelled_fixture_sub_problems_mostly_agree():
    """Where a clause lists several failings is a reader's judgement; most must agree."""
    if not FIXTURES:
        pytest.skip("no labelled fixtures")
    agree = total = 0
    for labels_path in FIXTURES:
        labels, req, same, _ = _fixture(labels_path)
        for got, wanted in zip(req.problems, labels["problems"]):
            total += 1
            agree += [same(s) for s in got.subs] == [same(s) for s in wanted.get("subs", [])]
    assert agree / total >= 0.8, f"sub-problems agree on {agree}/{total}"


# --------------------------------------------------------------------------- any text

_NOTICE_ALPHABET = list("一二三是要等问题存在不到位主要发现巡察组反馈党委方面，。；：、“”（）()\n 1.2月日年内个*") + [
    "主要是：", "一是", "二是", "一要", "二要", "（一）", "1.", "同时，", "问题线索", "表示，", "意见建议：", "反馈后2个月内",
    "2024年6月1日", "向县教育局党组反馈", "市委第一巡察组", "整改情况报告", "报送巡察办", "不到位；", "等问题。",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_NOTICE_ALPHABET), max_size=80).map("".join))
def test_any_text_gives_requirements_or_an_extraction_error(text):
    doc = notice(text)
    req = extract_requirements(doc)
    assert_spans_exact(req)
    for problem in req.problems:
        assert problem.text.strip() and all(sub in problem.text for sub in problem.subs)
    try:
        analyse_notice(doc)
    except ExtractionError as error:
        assert not req.problems and error.message.startswith("未能从反馈意见中识别出任何问题")
