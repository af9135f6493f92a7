"""The per-user cache directory (checker.usercache) and jieba's dictionary index in it: $XDG_CACHE_HOME,
then ~/.cache, then a private folder in the temp dir, then no cache at all — never an error, and
never a folder someone else could write to."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from checker import segmenter, usercache

ROOT = Path(__file__).resolve().parent.parent
posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership checks are POSIX")


def _unwritable(tmp_path: Path, name: str) -> Path:
    """A path nothing can be created under, even by root: it goes through a regular file."""
    blocker = tmp_path / f"{name}-is-a-file"
    blocker.write_text("x")
    return blocker / name


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """A fresh system temp dir for the fallback."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_xdg_cache_home_comes_first(tmp_path, monkeypatch, temp_dir):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert usercache.cache_dir() == tmp_path / "xdg" / "plancheck"


def test_home_cache_when_xdg_is_unwritable_or_relative(tmp_path, monkeypatch, temp_dir):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_unwritable(tmp_path, "xdg")))
    assert usercache.cache_dir() == tmp_path / "home" / ".cache" / "plancheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG spec says: ignore it
    assert usercache.cache_dir() == tmp_path / "home" / ".cache" / "plancheck"


@posix_only
def test_read_only_home_falls_back_to_a_private_temp_folder(tmp_path, monkeypatch, temp_dir):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(_unwritable(tmp_path, "home")))
    found = usercache.cache_dir()
    assert found == temp_dir / f"plancheck-{os.getuid()}"
    assert stat.S_IMODE(found.stat().st_mode) & 0o077 == 0


@posix_only
def test_a_temp_folder_others_can_write_to_is_refused(tmp_path, monkeypatch, temp_dir):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(_unwritable(tmp_path, "home")))
    shared = temp_dir / f"plancheck-{os.getuid()}"
    shared.mkdir()
    shared.chmod(0o777)  # planted by someone, or left open: another user could swap our files
    assert usercache.cache_dir() is None


def test_nothing_writable_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(_unwritable(tmp_path, "xdg")))
    monkeypatch.setenv("HOME", str(_unwritable(tmp_path, "home")))
    monkeypatch.setattr(tempfile, "tempdir", str(_unwritable(tmp_path, "tmp")))
    assert usercache.cache_dir() is None


# ----------------------------------------------------------------------------- jieba in a fresh process

_SEGMENT = """
import sys, tempfile
if len(sys.argv) > 1:
    tempfile.tempdir = sys.argv[1]
from checker.segmenter import tokenizer
print("|".join(tokenizer().lcut("党组会议议事决策不规范")))
"""


def _segment(env: dict[str, str | None], tempdir: Path | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    return subprocess.run([sys.executable, "-c", _SEGMENT, *([str(tempdir)] if tempdir else [])], cwd=ROOT,
                          env=environ, capture_output=True, text=True)


@posix_only
def test_jieba_with_a_read_only_home_caches_in_the_temp_folder_and_reuses_it(tmp_path):
    env = {"HOME": str(_unwritable(tmp_path, "home")), "XDG_CACHE_HOME": None}
    first = _segment(env, tmp_path)
    assert first.returncode == 0 and first.stderr == "", first.stderr
    assert first.stdout.strip() == "党组会议|议事决策|不|规范"
    (index,) = (tmp_path / f"plancheck-{os.getuid()}").glob("jieba-*.dict")
    written = index.stat().st_mtime_ns
    again = _segment(env, tmp_path)
    assert again.stdout == first.stdout and again.stderr == ""
    assert index.stat().st_mtime_ns == written  # read, not rebuilt


def test_jieba_without_any_writable_place_still_segments_quietly(tmp_path):
    env = {"HOME": str(_unwritable(tmp_path, "home")), "XDG_CACHE_HOME": str(_unwritable(tmp_path, "xdg"))}
    result = _segment(env, _unwritable(tmp_path, "tmp"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "党组会议|议事决策|不|规范"
    assert result.stderr == ""


# ----------------------------------------------------------------------------- the index itself

WORDS = {"党组": 120, "党组会议": 30, "会议": 500, "不": 9000, "规范": 800, "議事": 2, "𠮷野": 1, "AT&T": 3}


def test_the_index_answers_exactly_like_the_dict_it_was_built_from():
    index = segmenter.read_index(segmenter.build_index(WORDS, 12345))
    assert index is not None and index.total == 12345 and len(index) == len(WORDS)
    for word, freq in WORDS.items():
        assert word in index and index[word] == freq and index.get(word) == freq
    for missing in ("党", "组会", "", "规范化", "\ud800"):  # a lone surrogate must not raise
        assert missing not in index and index.get(missing, -1) == -1
        with pytest.raises(KeyError):
            index[missing]
    index["新词"] = 7  # jieba's add_word
    assert index["新词"] == 7


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],  # cut short (a full disk, a killed writer)
    lambda data: data + b"\0" * 8,  # longer than its header says
    lambda data: b"something-else" + data[data.index(b" "):],  # not our file
    lambda data: b"",
    lambda data: b"\xff\xfe garbage\n",
])
def test_a_damaged_index_is_refused_not_trusted(damage):
    assert segmenter.read_index(damage(segmenter.build_index(WORDS, 1))) is None
