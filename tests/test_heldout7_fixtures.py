"""The held-out matching set 7 (fixtures/heldout7) is well-formed: every case's files exist, labels are
exact cuts of their notices, the committed plans are what their sources build, and every case's
mapping agrees with the labels written beside the plan rows. Deliberately runs NO part of plancheck
(no notice analysis, no plan reading, no matching): the set stays unseen until the lead's first
evaluation. Not a test of matching accuracy."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

pytest.register_assert_rewrite("heldout_sets")
from heldout_sets import SECTORS_BEFORE_HELDOUT7, HeldOutSet, common_tests  # noqa: E402

SET = HeldOutSet("heldout7")
FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _city_notice_with_every_list_demanded(notice, labels: dict, text: str) -> None:
    """Run inside test_notice_labels_are_exact_cuts_in_order: what this set's notices add."""
    assert labels["file"] == notice.name
    assert any(not p["subs"] for p in labels["problems"]), "one problem with a single concrete failing"
    assert any(len(p["subs"]) >= 3 for p in labels["problems"]), "one problem with three failings"
    assert labels["unit"].startswith("市") and labels["inspector"].startswith("市委"), "city-level inspections"
    concepts = {d["concept"] for d in labels["demands"]}
    assert {"问题清单", "任务清单", "责任清单", "专题民主生活会", "整改情况报告", "集中整改"} <= concepts


globals().update(common_tests(
    SET, case_count=(11, 12), notice_count=3, problem_count=(8, 11),
    extra_required_tags={"merged-cells", "split-table", "several-tables", "notice-wording", "word-numbering",
                         "reordered", "short-titles"},
    encodings=("utf-8", "utf-8-sig", "gb18030"), seen_sectors=SECTORS_BEFORE_HELDOUT7,
    notice_checks=[_city_notice_with_every_list_demanded],
    skip_weekends=True,  # 15 workdays for the 整改方案 of wenlian-news
))


def test_one_notice_is_utf8_with_bom_and_crlf():
    bom = SET.the_notice_in("utf-8-sig")
    raw = bom.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CRLF line ends, as saved on Windows"
    for other in SET.notices():
        if other != bom:
            data = other.read_bytes()
            assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data


def test_shapes_are_letter_with_yishi_news_page_and_traditional_letter():
    shapes = SET.notices_by_shape()
    assert set(shapes) == {"letter-yishi", "news-html", "letter-traditional"}

    # the letter: 一、（一）1. and, inside every numbered problem with failings, 一是…；二是…
    letter = shapes["letter-yishi"]
    text = SET.notice_text(letter)
    assert re.search(r"^一、", text, re.M) and re.search(r"^（一）", text, re.M) and re.search(r"^1\.", text, re.M)
    for number, problem in enumerate(SET.labels_of_file(letter)["problems"], 1):
        line = next(line for line in text.splitlines() if line.startswith(f"{number}."))
        assert problem["text"] in line
        if problem["subs"]:
            ordinals = re.findall("([一二三四五六七八九十])是", problem["text"])
            assert ordinals == list("一二三四五六七八九十"[: len(problem["subs"])]), problem["text"][:20]
        else:
            assert "一是" not in problem["text"]

    # the news page: a saved web page, problems under bold （一）…方面 headings, 一是… marking problems
    page = shapes["news-html"]
    assert page.suffix == ".html"
    tree = lxml_html.fromstring(page.read_bytes())
    articles = tree.xpath('//div[@class="article"]')
    assert len(articles) == 1
    assert tree.xpath('//div[@class="nav"]') and tree.xpath('//div[@class="footer"]'), "site text around it"
    headings = [s.text_content() for s in articles[0].xpath(".//strong")]
    assert len(headings) == 3 and all(re.match("（[一二三]）.+方面$", h) for h in headings), headings
    labels = SET.labels_of_file(page)
    paragraphs = [p.text_content() for p in articles[0].xpath("./p")]
    for problem in labels["problems"]:
        holder = [p for p in paragraphs if problem["text"] in p]
        assert len(holder) == 1, "every problem sits inside one paragraph"
        at = holder[0].index(problem["text"])
        assert re.match("[一二三四五六七八九十]是$", holder[0][at - 2: at]), "a problem opens with 一是/二是…"
        assert "；" not in problem["text"] and not re.search("[一二三四五六七八九十]是", problem["text"])
    raw = page.read_text(encoding="utf-8")
    for problem in labels["problems"]:
        assert problem["text"] in raw, "no markup or entity inside a label"

    # the Traditional letter: Traditional characters, full-width and half-width digits mixed, every
    # problem's title on a line of its own
    traditional = shapes["letter-traditional"]
    labels = SET.labels_of_file(traditional)
    assert labels.get("traditional") and labels.get("noisy")
    text = SET.notice_text(traditional)
    assert "黨" in text and "党" not in text and "問題" in text and "问题" not in text
    assert re.search("[０-９]", text) and re.search("[0-9]", text), "full-width and half-width digits mixed"
    cut = [p["text"] for p in labels["problems"]]
    assert any(re.search("[０-９]", t) and re.search("[0-9]", t) for t in cut), "mixed digits inside one label"
    assert any(re.search("[Ａ-Ｚ]", t) for t in cut), "a full-width Latin letter inside a label"
    for number, problem in enumerate(cut, 1):
        title, detail = problem.split("\n")
        assert title[-1] not in "。；" and f"\n{number}.{title}\n" in text
        assert detail.endswith("。")
    # the limits of the Traditional notice, read after folding the width of the digits
    folded = text.translate(FULL_WIDTH)
    for demand in labels["demands"]:
        if "within" in demand:
            value, unit = demand["within"].split()
            word = {"days": "日", "months": "個月", "workdays": "個工作日"}[unit]
            assert f"{value}{word}" in folded, demand
