"""normalize_text: pinyin annotations, Traditional → Simplified, width, spaces; idempotent and fast."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.documents.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("個(gè)人事项报告", "个人事项报告"),
        ("一个（gè）问题", "一个问题"),
        ("巡(xún)察(chá)组", "巡察组"),
        ("業務(yè wù)工作", "业务工作"),
        ("巡(xún察工作", "巡察工作"),  # closing bracket lost
        ("?qǐng)示报告", "?示报告"),  # character and opening bracket lost
        ("巡(GDP)(xún)", "巡(GDP)"),  # only the annotation goes
    ],
)
def test_pinyin_annotations_are_stripped(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "(市委)巡察组",
        "截至(2023年)底",
        "地区生产总值(GDP)增长",
        "（一）加强党的领导",
        "《实施办法(试行)》",
        "排放浓度(ppm)超标",
        "café(ok)",
    ],
)
def test_real_brackets_are_kept(kept):
    assert normalize_text(kept) == kept


def test_traditional_to_simplified():
    assert normalize_text("巡察組對黨組織進行了巡察，發現問題") == "巡察组对党组织进行了巡察，发现问题"
    assert normalize_text("臺灣(tái wān)") == "台湾"


def test_width_converts_letters_digits_and_ideographic_space_only():
    assert normalize_text("２０２３年ＡＢｃ") == "2023年ABc"
    assert normalize_text("一、\u3000总体要求") == "一、 总体要求"
    # Chinese punctuation stays: the analysers split on it.
    punctuation = "，。；：（）“”、！？《》％"
    assert normalize_text(punctuation) == punctuation
    # Kangxi radicals (common in PDF-extracted text) become ordinary ideographs.
    assert normalize_text("⼀是") == "一是"


def test_spaces_zero_width_and_lines():
    assert normalize_text("  a \t\t b\u200b\u00a0c \n\n   d\r\ne\rf ") == "a b c\n\nd\ne\nf"
    assert normalize_text("\ufeff整改\u200d方案") == "整改方案"


_ALPHABET = st.sampled_from(
    list("个巡察黨組(（)）gèxúnáGDP 12ＡＢ１\u3000\u00a0\u200b\t\n\r?？，。、")
    + ["⼀", "﨑", "\u00ad", "乾", "著", "餘", "後"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_idempotent_on_tricky_alphabet(s):
    once = normalize_text(s)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_idempotent_on_any_text(s):
    once = normalize_text(s)
    assert normalize_text(once) == once


def test_speed_100k_characters():
    sample = "巡察組指出：個(gè)別黨員幹部落實“三重一大”制度不到位，２０２３年整改。\u3000\n" * 2500
    assert len(sample) >= 100_000
    normalize_text(sample[:100])  # the converter is created lazily, once
    start = time.perf_counter()
    result = normalize_text(sample)
    elapsed = time.perf_counter() - start
    print(f"normalize_text: {len(sample)} chars in {elapsed * 1000:.1f} ms")
    assert "个别党员干部" in result


def test_a_kangxi_radical_becomes_simplified_in_one_pass():
    # found by hypothesis: ⿂ (radical) → 魚 by the width step came after the Traditional step
    assert normalize_text("⿂") == "鱼"
    assert normalize_text(normalize_text("⾨")) == normalize_text("⾨")
