#!/usr/bin/env python3
"""Fuzz plancheck's readers: bytes → read_document → analyse_notice and analyse_plan.

    python fuzz/fuzz_readers.py -max_total_time=600            # atheris (libFuzzer); fuzz/README.md
    python fuzz/fuzz_readers.py --hypothesis --examples 5000    # the same target without atheris

The bytes are written to a scratch file whose suffix (.md .docx .txt .html .pdf) follows the first
byte, then read as a user's file would be. A PlancheckError is a clean outcome (the CLI turns it into
exit 2 and one line); any other exception is a crash. Docx inputs are mutated inside the zip
(one member's XML at a time) as well as byte by byte: byte flips in a deflated member only ever
produce a CRC error, which would leave the docx reader untested.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import logging
import random
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "corpus"
REGRESSIONS = HERE / "regressions"
ARTIFACTS = HERE / "artifacts"  # crashes libFuzzer or --hypothesis found (not committed)
WORK_CORPUS = HERE / ".corpus"  # inputs libFuzzer found interesting (not committed)

# the name only matters for .md vs .txt (the readers sniff content); the rest varies the messages
SUFFIXES = (".md", ".docx", ".txt", ".html", ".pdf")
# members worth mutating, most likely first; other members are mutated less often
DOCX_MEMBERS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels",
                "[Content_Types].xml")
# what libFuzzer gets unless the command line says otherwise: a slow input is a finding too
LIBFUZZER_DEFAULTS = ("-timeout=30", "-rss_limit_mb=3072", "-print_final_stats=1")


def suffix_for(data: bytes) -> str:
    return SUFFIXES[data[0] % len(SUFFIXES)] if data else ".txt"


@cache
def _pipeline():
    """The stages under test, imported on first use (so atheris can instrument them first)."""
    from checker.documents import read_document
    from checker.errors import PlancheckError
    from checker.feedback import analyse_notice
    from checker.plan import analyse_plan

    return read_document, analyse_notice, analyse_plan, PlancheckError


@cache
def _scratch() -> Path:
    path = Path(tempfile.mkdtemp(prefix="plancheck-fuzz-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


class StderrWritten(AssertionError):
    """A stage wrote to stderr (a library's log line or warning): the CLI promises one line there."""


class _Records(logging.Handler):
    """Log records that would reach the root logger: with no handler configured (the CLI), Python
    prints those of WARNING and above to stderr. Counted here too where pytest has handlers."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(f"{record.name}: {record.getMessage()}"[:200])


def fuzz_one(data: bytes) -> str:
    """Run one input through reading and both analysers; return what came out of it
    ("refused", "read", "notice", "plan", "notice+plan"). Raises on a crash, and when anything
    was written to stderr on the way (directly, as a log record or as a warning)."""
    stderr, records = io.StringIO(), _Records()
    root = logging.getLogger()
    root.addHandler(records)
    try:
        with contextlib.redirect_stderr(stderr), warnings.catch_warnings(record=True) as caught:
            outcome = _stages(data)
    finally:
        root.removeHandler(records)
    shown = [f"{w.category.__name__}: {w.message}" for w in caught
             if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning))]
    if stderr.getvalue() or records.seen or shown:
        raise StderrWritten(f"stderr got {stderr.getvalue()[:200]!r}, log {records.seen[:3]}, warnings {shown[:3]}")
    return outcome


def _stages(data: bytes) -> str:
    read_document, analyse_notice, analyse_plan, PlancheckError = _pipeline()
    path = _scratch() / f"输入{suffix_for(data)}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except PlancheckError:
        return "refused"
    found = []
    feedback_date = None
    try:
        requirements = analyse_notice(doc)
        feedback_date = requirements.date
        found.append("notice")
    except PlancheckError:
        pass
    try:
        analyse_plan(doc, feedback_date=feedback_date)
        found.append("plan")
    except PlancheckError:
        pass
    return "+".join(found) or "read"


def mutate_docx_member(data: bytes, mutate: Callable[[bytes], bytes], rng: random.Random) -> bytes | None:
    """The same package with one member replaced by mutate(member); None when `data` is no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # not a zip, or a damaged one: the caller mutates the bytes instead
        return None
    if not members:
        return None
    names = [name for name, _ in members]
    preferred = [n for n in DOCX_MEMBERS if n in names]
    target = preferred[0] if preferred and rng.random() < 0.6 else rng.choice(preferred or names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, blob in members:
            archive.writestr(name, mutate(blob) if name == target else blob)
    return out.getvalue()


def seed_files() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if p.is_file())


def regression_files() -> list[Path]:
    return sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "README.md")


# --------------------------------------------------------------------------- atheris


def _custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    import atheris

    rng = random.Random(seed)
    if data[:2] == b"PK" and rng.random() < 0.8:
        mutated = mutate_docx_member(data, lambda blob: atheris.Mutate(blob, len(blob) * 2 + 256), rng)
        if mutated is not None and len(mutated) <= max_size:
            return mutated
    return atheris.Mutate(data, max_size)


def _one_input(data: bytes) -> None:
    fuzz_one(data)


def atheris_main(argv: list[str]) -> None:
    import atheris

    # instrument plancheck's own code (coverage feedback); the libraries run uninstrumented
    with atheris.instrument_imports(include=["checker"]):
        import checker.documents.docx_reader  # noqa: F401  (imported lazily by read_document)
        import checker.documents.html_reader  # noqa: F401
        import checker.documents.pdf_reader  # noqa: F401
        import checker.documents.text_reader  # noqa: F401
        _pipeline()
    args = list(argv)
    options = [a for a in args[1:] if a.startswith("-")]
    for default in LIBFUZZER_DEFAULTS:
        if not any(o.split("=")[0] == default.split("=")[0] for o in options):
            args.append(default)
    if not any(o.startswith("-artifact_prefix=") for o in options):
        ARTIFACTS.mkdir(exist_ok=True)
        args.append(f"-artifact_prefix={ARTIFACTS}/")
    if not [a for a in args[1:] if not a.startswith("-")]:  # no corpus given: a work dir, then the seeds
        WORK_CORPUS.mkdir(exist_ok=True)
        args += [str(WORK_CORPUS), str(SEEDS)]
    atheris.Setup(args, _one_input, custom_mutator=_custom_mutator)
    atheris.Fuzz()


# --------------------------------------------------------------------------- hypothesis


def byte_inputs():
    """A hypothesis strategy of inputs: raw bytes, seed files with bytes flipped, cut, inserted or
    spliced, and seed .docx packages with one member's XML edited."""
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in seed_files()]
    zips = [s for s in seeds if s[:2] == b"PK"]
    MARKUP = [b"<w:p>", b"</w:p>", b"<w:tbl>", b"<w:tc>", b"<w:gridSpan w:val=\"9999999\"/>", b"<w:vMerge/>",
              b"<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr>", b"<w:t>\xe4\xb8\x80</w:t>",
              b"<w:ins>", b"<w:del>", b"&#0;", b"\x00", b"\xff\xfe", b"<", b">", b"\"", b"obj", b"endobj", b"stream",
              b"xref", b"trailer", b"/Length 999999", b"<p>", b"<table>", b"<td rowspan=\"0\">", b"\xe4\xb8",
              b"\r\n", "主要是：".encode(), "整改措施：".encode(), "一是".encode(), b"|---|", b"# "]

    @st.composite
    def edited(draw, data: bytes) -> bytes:
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data)))
            kind = draw(st.sampled_from(["flip", "cut", "insert", "markup", "truncate", "repeat"]))
            if kind == "flip" and data:
                at = min(at, len(data) - 1)
                data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
            elif kind == "cut":
                data = data[:at] + data[at + draw(st.integers(1, 64)):]
            elif kind == "insert":
                data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
            elif kind == "markup":
                data = data[:at] + draw(st.sampled_from(MARKUP)) + data[at:]
            elif kind == "truncate":
                data = data[:at]
            else:  # a slice repeated: deep nesting, long runs, many rows
                end = min(len(data), at + draw(st.integers(1, 200)))
                data = data[:at] + data[at:end] * draw(st.integers(2, 200)) + data[end:]
        return data

    @st.composite
    def docx_edited(draw) -> bytes:
        base = draw(st.sampled_from(zips))
        rng = random.Random(draw(st.integers(0, 2**32 - 1)))
        return mutate_docx_member(base, lambda blob: draw(edited(blob)), rng) or base

    seed_edits = st.sampled_from(seeds).flatmap(edited)
    branches = [st.binary(max_size=2048), seed_edits]
    if zips:
        branches.append(docx_edited())
    return st.one_of(*branches)


def hypothesis_main(examples: int, seed: int | None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    outcomes: Counter[str] = Counter()
    slowest = [0.0, b""]
    failing: list[bytes] = []

    @settings(max_examples=examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(data=byte_inputs())
    def run(data: bytes) -> None:
        started = time.perf_counter()
        try:
            outcomes[fuzz_one(data)] += 1
        except Exception:
            failing[:] = [data]  # the last failure is hypothesis's shrunk one
            raise
        elapsed = time.perf_counter() - started
        if elapsed > slowest[0]:
            slowest[:] = [elapsed, data]

    if seed is not None:
        run = fixed_seed(seed)(run)
    started = time.perf_counter()
    status = 0
    try:
        run()
    except Exception as error:  # hypothesis has printed the falsifying example
        status = 1
        ARTIFACTS.mkdir(exist_ok=True)
        crash = ARTIFACTS / f"crash-{hashlib.sha1(failing[0]).hexdigest()}" if failing else None
        if crash:
            crash.write_bytes(failing[0])
        print(f"CRASH: {type(error).__name__}: {error}; input saved to {crash}", file=sys.stderr)
    total = time.perf_counter() - started
    runs = sum(outcomes.values())
    print(f"hypothesis fuzz: {runs} executions in {total:.0f} s ({runs / max(total, 1e-9):.1f} exec/s), "
          f"outcomes {dict(sorted(outcomes.items()))}, slowest input {slowest[0]:.2f} s "
          f"({len(slowest[1])} bytes), crashes: {status}")
    return status


def main(argv: list[str]) -> int:
    if "--hypothesis" in argv:
        import argparse

        parser = argparse.ArgumentParser(description="Fuzz the readers with hypothesis (no atheris needed).")
        parser.add_argument("--hypothesis", action="store_true")
        parser.add_argument("--examples", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=None)
        options = parser.parse_args(argv[1:])
        return hypothesis_main(options.examples, options.seed)
    atheris_main(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
