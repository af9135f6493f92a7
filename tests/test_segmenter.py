"""The fast-loading jieba gives exactly stock jieba's segmentation, and survives a read-only or
damaged cache."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from checker import segmenter
from checker.documents import read_document
from checker.resources import data_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def stock():
    jieba.setLogLevel(logging.CRITICAL)
    tk = jieba.Tokenizer()
    tk.initialize()
    tk.load_userdict(str(data_file("userdict.txt")))
    return tk


def _texts():
    files = sorted((ROOT / "fixtures" / "notices").glob("*.txt"))[:6]
    return ["\n".join(b.text for b in read_document(f).blocks) for f in files]


def test_segmentation_is_identical_to_stock_jieba(stock):
    ours = segmenter.tokenizer.__wrapped__()  # a fresh one: the matcher adds synonym words to the shared one
    texts = _texts()
    assert texts and sum(map(len, texts)) > 5000
    for text in texts:
        assert ours.lcut(text) == stock.lcut(text)
    assert ours.lcut("推动“强三性去四化”不彻底") == stock.lcut("推动“强三性去四化”不彻底")  # a user-dictionary word


def _fresh_process(env: dict) -> subprocess.CompletedProcess:
    code = "from checker.segmenter import tokenizer; print('|'.join(tokenizer().lcut('党组会议议事决策不规范')))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True)


def test_unwritable_cache_dir_still_works_quietly(tmp_path):
    # a cache path under a regular file cannot be created, even by root (tests may run as root,
    # for whom chmod does not forbid anything)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = _fresh_process({"XDG_CACHE_HOME": str(blocker / "cache"), "HOME": str(blocker)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "党组会议|议事决策|不|规范"
    assert "Traceback" not in result.stderr and result.stderr.strip() == ""


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    first = _fresh_process({"XDG_CACHE_HOME": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    (cached,) = (tmp_path / "plancheck").glob("jieba-*.dict")
    cached.write_bytes(cached.read_bytes()[:1000])
    again = _fresh_process({"XDG_CACHE_HOME": str(tmp_path)})
    assert again.returncode == 0 and again.stdout == first.stdout
    assert cached.stat().st_size > 1_000_000
