"""A news report that gives each problem an unnumbered paragraph of its own, opening with a short
judgement (媒体融合改革推进缓慢。A；B。), after the problems are announced ("通报了巡察发现的主要问题。"
or "巡察发现，" opening the first one). The labelled notices of this shape are measured by
benchmarks/extraction.py (qixiang-fenduan-2024, linye-zhongfaxian-2023); these tests pin the shape
and what must stay out of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.cli import main
from checker.documents import normalize_text, read_document
from checker.errors import ExtractionError
from checker.feedback import analyse_notice, extract_requirements
from checker.models import Duration
from checker.testing import text_document as notice

ROOT = Path(__file__).resolve().parent.parent
RONGMEITI = ROOT / "fixtures" / "heldout3" / "notices" / "rongmeiti-paragraphs"
EXTRACTION = ROOT / "fixtures" / "extraction"
PLAN = ROOT / "fixtures" / "plans" / "jiaoyu-complete.docx"


def same(text: str) -> str:
    return "".join(normalize_text(text).split()).rstrip("。；;，,")


def test_one_problem_per_paragraph_after_the_announcement():
    labels = yaml.safe_load(RONGMEITI.with_suffix(".labels.yaml").read_text(encoding="utf-8"))
    req = analyse_notice(read_document(RONGMEITI.with_suffix(".txt")))
    assert [same(p.text) for p in req.problems] == [same(p["text"]) for p in labels["problems"]]
    # the title sentence only names the area; each failing after it is a sub-problem
    assert [[same(s) for s in p.subs] for p in req.problems] == [[same(s) for s in p["subs"]] for p in labels["problems"]]
    assert req.problems[0].text.startswith("中心党委")  # "巡察发现，" announces, it is not the problem
    assert all("问题线索" not in p.text for p in req.problems)
    assert [same(s.text) for s in req.suggestions] == [same(s) for s in labels["suggestions"]]
    demands = {d.concept: d for d in req.demands}
    assert demands["专题民主生活会"].within == Duration(value=1, unit="months")
    assert demands["整改情况报告"].to == "县委巡察办"


def test_a_single_problem_paragraph_is_a_valid_notice():
    req = analyse_notice(notice("""2024年3月6日，县委第五巡察组向县档案局党组反馈巡察情况。
巡察组组长通报了巡察发现的问题。
档案安全管理存在隐患。库房温湿度监控设备长期损坏；涉密档案借阅登记不全。
李明强调，县档案局党组要在1个月内召开巡察整改专题民主生活会。
"""))
    assert [p.text for p in req.problems] == ["档案安全管理存在隐患。库房温湿度监控设备长期损坏；涉密档案借阅登记不全。"]
    assert req.problems[0].subs == ["库房温湿度监控设备长期损坏", "涉密档案借阅登记不全"]


def test_praise_between_problem_paragraphs_is_not_a_problem():
    req = extract_requirements(read_document(EXTRACTION / "linye-zhongfaxian-2023.txt"))
    assert len(req.problems) == 5
    assert req.problems[0].text.startswith("县林业局党组落实生态保护责任不够有力")  # after "巡察中发现，"
    assert all("积极推进" not in p.text and "问题线索" not in p.text for p in req.problems)
    assert req.problems[1].text.startswith("林业项目资金管理不规范")  # the list goes on after the praise


def test_what_closes_the_list_ends_the_paragraphs():
    req = analyse_notice(notice("""2024年3月6日，县委第五巡察组向县档案局党组反馈巡察情况。
巡察发现，档案数字化推进缓慢。馆藏档案数字化率不足三成；数字档案室建设滞后。
李明强调，县档案局党组要以整改为契机，全面提升档案工作水平。
整改工作不能走过场。各科室要对照问题逐条整改，确保整改到位。
"""))
    assert [p.text[:10] for p in req.problems] == ["档案数字化推进缓慢。"]


def test_without_an_announcement_a_short_judgement_is_not_a_problem():
    # background before anything announces the problems: the paragraph reading stays off
    req = extract_requirements(notice("""2024年3月6日，县委第五巡察组向县档案局党组反馈巡察情况。
馆舍面积不足。新馆建设已列入县重点项目，预计明年投入使用。
"""))
    assert req.problems == []


# "巡察发现，" turns the paragraph reading on; the short sentences after it are praise
_PRAISE_ONLY = """县委第一巡察组向县图书馆党支部反馈巡察情况
2025年4月2日，县委第一巡察组向县图书馆党支部反馈巡察情况。
巡察发现，县图书馆党支部坚持以习近平新时代中国特色社会主义思想为指导，各项工作取得了明显成效。
全民阅读活动积极推进。“书香县城”系列活动覆盖全部乡镇，年均举办读书分享会40余场。
数字图书馆建设成效明显。电子借阅平台注册读者突破2万人，线上借阅量逐年增加。
馆藏结构持续优化。地方文献专题库收录文献3000余种。
张立华强调，县图书馆党支部要再接再厉，持续擦亮全民阅读品牌。
"""


def test_a_news_report_of_praise_only_has_no_problems(tmp_path, capsys):
    with pytest.raises(ExtractionError):
        analyse_notice(notice(_PRAISE_ONLY))
    path = tmp_path / "praise.txt"
    path.write_text(_PRAISE_ONLY, encoding="utf-8")
    assert main([str(PLAN), "--against", str(path)]) == 2
    assert capsys.readouterr().err.startswith("plancheck: 未能从反馈意见中识别出任何问题")


def test_a_noisy_gb18030_notice_of_this_shape_is_read():
    raw = (EXTRACTION / "qixiang-fenduan-2024.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    req = analyse_notice(read_document(EXTRACTION / "qixiang-fenduan-2024.txt"))
    assert len(req.problems) == 6 and len(req.suggestions) == 3
    assert req.problems[1].text.startswith("气象服务保障地方发展能力不强。")  # 服務…不強 read as Simplified
    assert req.problems[3].subs == []  # one failing with its instance (…，存在无公函接待现象)
