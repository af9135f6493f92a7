"""The reader fuzz target (fuzz/fuzz_readers.py) runs in CI without atheris: on its seed corpus,
on every input a fuzz run once crashed on (fuzz/regressions/), and on a couple of hundred inputs
from its own hypothesis strategy. A PlancheckError is clean; any other exception, or a line a
library wrote to stderr, fails."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parent.parent


def _load_target():
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "fuzz" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_readers", module)
    spec.loader.exec_module(module)
    return module


target = _load_target()
# a regression that took minutes before its fix must now take well under this
REGRESSION_SECONDS = 5.0


def test_atheris_is_not_a_dependency():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "atheris" not in text


def test_the_seed_corpus_is_small_real_files_of_every_kind():
    seeds = target.seed_files()
    assert sum(p.stat().st_size for p in seeds) < 200_000
    assert {p.suffix for p in seeds} >= {".txt", ".docx", ".md", ".html", ".pdf"}


@pytest.mark.parametrize("path", target.seed_files(), ids=lambda p: p.name)
def test_every_seed_gets_through_reading_and_extraction(path):
    # the seeds are real notices and plans: they must reach the analysers, or the fuzzer starts
    # from inputs that never get past the readers
    outcome = target.fuzz_one(path.read_bytes())
    expected = "notice+plan" if path.suffix == ".docx" else "notice"
    assert outcome == expected


@pytest.mark.parametrize("path", target.regression_files(), ids=lambda p: p.name)
def test_every_input_a_fuzz_run_crashed_on_is_now_clean(path):
    started = time.perf_counter()
    assert target.fuzz_one(path.read_bytes()) in {"refused", "read", "notice", "plan", "notice+plan"}
    assert time.perf_counter() - started < REGRESSION_SECONDS


def test_there_are_regressions_to_run():
    assert len(target.regression_files()) >= 2


def test_a_crash_is_reported_as_a_crash(monkeypatch):
    # the target must not swallow bugs: an exception that is not a PlancheckError escapes
    def broken(doc, **kwargs):
        raise KeyError("bug")

    read_document, analyse_notice, _, error = target._pipeline()
    monkeypatch.setattr(target, "_pipeline", lambda: (read_document, analyse_notice, broken, error))
    with pytest.raises(KeyError):
        target.fuzz_one(target.seed_files()[0].read_bytes())


def test_a_library_writing_to_stderr_is_reported(monkeypatch):
    import logging

    read_document, _, analyse_plan, error = target._pipeline()

    def noisy(doc, **kwargs):
        logging.getLogger("somelib").warning("incorrect startxref pointer")
        raise error("无", "none")

    monkeypatch.setattr(target, "_pipeline", lambda: (read_document, noisy, analyse_plan, error))
    with pytest.raises(target.StderrWritten):
        target.fuzz_one(target.seed_files()[0].read_bytes())


def test_docx_members_are_mutated_inside_the_package():
    import random
    import zipfile
    import io

    seed = next(p for p in target.seed_files() if p.suffix == ".docx").read_bytes()
    mutated = target.mutate_docx_member(seed, lambda blob: blob.replace(b"<w:t>", b"<w:t>XX", 1), random.Random(0))
    with zipfile.ZipFile(io.BytesIO(mutated)) as archive:  # still a valid zip: the XML was edited
        assert archive.testzip() is None
    assert target.mutate_docx_member(b"not a zip", lambda blob: blob, random.Random(0)) is None


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(data=target.byte_inputs())
def test_generated_inputs_give_a_result_or_a_clean_refusal(data):
    assert target.fuzz_one(data) in {"refused", "read", "notice", "plan", "notice+plan"}
