"""The input is sacred (issue 7): no plancheck command ever writes to the plan, the notice or any other
input; outputs are written atomically (a temporary file, then a rename) and never onto an input.

Every command runs in-process on copies of the healthy example in a folder of their own; before
and after, every file of that folder is fingerprinted (sha256, size, mtime in ns) and the folder
listed, so a write, a touch or a stray temporary file beside the inputs is caught.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import shutil
from pathlib import Path

import pytest

from checker.cli import FORMATS, main

ROOT = Path(__file__).resolve().parent.parent
BASE_PLAN = ROOT / "examples" / "plan.docx"
BASE_NOTICE = ROOT / "examples" / "notice.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    assert "Traceback" not in err and "内部错误" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plancheck: "), err
    return lines[0]


def fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under `folder`: its content hash, size and modification time (ns)."""
    prints = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            prints[path.relative_to(folder).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(), info.st_size, info.st_mtime_ns)
    return prints


class Inputs:
    """Copies of the healthy plan and notice (and whatever a test adds) in a folder of their own."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir()
        self.plan = folder / "整改方案.docx"
        self.notice = folder / "反馈意见.txt"
        shutil.copyfile(BASE_PLAN, self.plan)
        shutil.copyfile(BASE_NOTICE, self.notice)
        self.before: dict | None = None

    def freeze(self) -> None:
        for path in self.folder.rglob("*"):
            if path.is_file():  # an old mtime, which any write would move
                os.utime(path, ns=(10**18, 10**18))
        self.before = fingerprint(self.folder)

    def assert_untouched(self) -> None:
        assert fingerprint(self.folder) == self.before


@pytest.fixture
def inputs(tmp_path) -> Inputs:
    made = Inputs(tmp_path / "inputs")
    made.freeze()
    return made


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# --------------------------------------------------------------------------- every command reads only


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_in_every_format_leaves_the_inputs_alone(fmt, inputs, out):
    code, text, err = run(inputs.plan, "--against", inputs.notice, "--format", fmt)
    assert code in (0, 1) and text, err
    code, _, err = run(inputs.plan, "--against", inputs.notice, "--format", fmt, "--output", out / f"report.{fmt}")
    assert code in (0, 1), err
    assert (out / f"report.{fmt}").read_text(encoding="utf-8") == text  # the same report, written whole
    assert sorted(p.name for p in out.iterdir()) == [f"report.{fmt}"]  # no temporary file left behind
    inputs.assert_untouched()


def test_explain_and_annotate_leave_the_inputs_alone(inputs, out):
    assert run(inputs.plan, "--against", inputs.notice, "--explain", "P1")[0] in (0, 1)
    code, _, err = run(inputs.plan, "--against", inputs.notice, "--annotate", out / "批注.docx")
    assert code in (0, 1), err
    assert (out / "批注.docx").stat().st_size > 0 and sorted(p.name for p in out.iterdir()) == ["批注.docx"]
    inputs.assert_untouched()


def test_extract_and_a_corrected_extract_leave_the_inputs_alone(inputs, out):
    for fmt in ("text", "json", "yaml"):
        code, _, err = run("extract", inputs.notice, "--format", fmt, "--output", out / f"要求.{fmt}")
        assert code == 0, err
    extract = inputs.folder / "要求.json"  # a reviewer's corrected extract is an input too
    shutil.copyfile(out / "要求.json", extract)
    inputs.freeze()
    assert run(inputs.plan, "--against", extract, "--format", "json")[0] in (0, 1)
    code, _, err = run(inputs.plan, "--against", extract, "--output", extract)
    assert code == 2 and "输入" in one_line(err)
    inputs.assert_untouched()


def test_batch_leaves_plans_notices_and_manifest_alone(inputs, out):
    manifest = inputs.folder / "清单.csv"
    manifest.write_text(f"plan,notice\n{inputs.plan.name},{inputs.notice.name}\n", encoding="utf-8")
    inputs.freeze()
    for source in (inputs.folder, manifest, inputs.plan):
        code, _, err = run("batch", source, "--no-progress", "--out", out / "run", "--output", out / "汇总.txt")
        assert code in (0, 1), err
    assert (out / "run" / "index.html").exists() and (out / "汇总.txt").exists()
    inputs.assert_untouched()


def test_batch_never_writes_its_summary_over_the_manifest(inputs):
    manifest = inputs.folder / "summary.csv"  # the name batch --out gives its own summary
    manifest.write_text(f"plan,notice\n{inputs.plan.name},{inputs.notice.name}\n", encoding="utf-8")
    inputs.freeze()
    code, _, err = run("batch", manifest, "--no-progress", "--out", inputs.folder)
    assert code == 2 and "summary.csv" in one_line(err)
    code, _, err = run("batch", manifest, "--no-progress", "--output", manifest)
    assert code == 2 and "输入" in one_line(err)
    inputs.assert_untouched()


def test_rules_commands_leave_a_rule_pack_alone(inputs):
    pack = inputs.folder / "本地.rules"
    shutil.copyfile(ROOT / "rules" / "xuncha.rules", pack)
    inputs.freeze()
    for argv in (["rules", "test", pack], ["rules", "fmt", pack], ["rules", "fmt", "--check", pack],
                 ["rules", "list", "--rules", pack], ["rules", "explain", "PC-DLM", "--rules", pack]):
        code, _, err = run(*argv)
        assert code in (0, 1), (argv, err)
    assert run(inputs.plan, "--against", inputs.notice, "--rules", pack)[0] in (0, 1)
    inputs.assert_untouched()


def test_init_writes_once_and_never_over_an_existing_config(inputs):
    code, _, err = run("init", inputs.folder)
    assert code == 0, err
    config = inputs.folder / "plancheck.toml"
    assert config.exists()
    inputs.freeze()
    code, _, err = run("init", inputs.folder)
    assert code == 2 and "plancheck.toml" in one_line(err)
    assert run(inputs.plan, "--against", inputs.notice)[0] in (0, 1)  # the config is read, not written
    inputs.assert_untouched()


# --------------------------------------------------------------------------- outputs aimed at inputs


def _aliases(inputs: Inputs, target: Path, tmp: Path) -> list[Path]:
    """The same file by other names: a dotted path, a symbolic link, a hard link."""
    aliases = [inputs.folder / "." / target.name, tmp / "inputs" / ".." / "inputs" / target.name]
    (tmp / "links").mkdir(exist_ok=True)
    if hasattr(os, "symlink"):
        link = tmp / "links" / f"soft-{target.name}"
        os.symlink(target, link)
        aliases.append(link)
    hard = tmp / "links" / f"hard-{target.name}"
    try:
        os.link(target, hard)
        aliases.append(hard)
    except OSError:
        pass
    return aliases


@pytest.mark.parametrize("which", ["plan", "notice"])
def test_output_onto_an_input_under_any_name_is_refused(which, inputs, tmp_path):
    target = getattr(inputs, which)
    for alias in [target, *_aliases(inputs, target, tmp_path)]:
        inputs.freeze()  # a hard link shares the input's inode (and mtime): freeze after making it
        code, out, err = run(inputs.plan, "--against", inputs.notice, "--output", alias)
        assert code == 2, alias
        assert "输入" in one_line(err) and out == ""
        inputs.assert_untouched()
    code, _, err = run("extract", inputs.notice, "--output", inputs.notice)
    assert code == 2 and "输入" in one_line(err)
    inputs.assert_untouched()


def test_annotate_onto_an_input_under_any_name_is_refused(inputs, tmp_path):
    for alias in [inputs.plan, *_aliases(inputs, inputs.plan, tmp_path)]:
        inputs.freeze()
        code, _, err = run(inputs.plan, "--against", inputs.notice, "--annotate", alias)
        assert code == 2 and "拒绝写入" in one_line(err), alias
        inputs.assert_untouched()


def test_output_onto_a_folder_is_refused_before_the_check(inputs, out):
    code, text, err = run(inputs.plan, "--against", inputs.notice, "--output", out)
    assert code == 2 and "文件夹" in one_line(err) and text == ""
    assert list(out.iterdir()) == []
    inputs.assert_untouched()


# --------------------------------------------------------------------------- atomic writes


def _half_then_disk_full(self, data, *args, **kwargs):
    with open(self, "w", encoding="utf-8") as handle:
        handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device", str(self))


def test_a_write_that_fails_midway_leaves_the_old_report_whole(inputs, out, monkeypatch):
    report = out / "报告.txt"
    report.write_text("上一次的完整报告\n", encoding="utf-8")
    monkeypatch.setattr(Path, "write_text", _half_then_disk_full)
    code, _, err = run(inputs.plan, "--against", inputs.notice, "--output", report)
    assert code == 2 and str(report) in one_line(err)
    assert report.read_text(encoding="utf-8") == "上一次的完整报告\n"
    assert sorted(p.name for p in out.iterdir()) == ["报告.txt"]  # the half-written temporary file is gone
    inputs.assert_untouched()


def test_a_rename_that_fails_leaves_no_partial_file(inputs, out, monkeypatch):
    def refuse(*_):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run("extract", inputs.notice, "--format", "json", "--output", out / "要求.json")
    assert code == 2 and "要求.json" in one_line(err)
    assert list(out.iterdir()) == []
    inputs.assert_untouched()


def test_an_annotated_copy_that_fails_midway_leaves_the_old_copy_whole(inputs, out, monkeypatch):
    import docx.document

    copy = out / "批注.docx"
    copy.write_bytes(b"previous annotated copy")

    def half_saved(self, path):
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", half_saved)
    code, _, err = run(inputs.plan, "--against", inputs.notice, "--annotate", copy)
    assert code == 2 and str(copy) in one_line(err)
    assert copy.read_bytes() == b"previous annotated copy" and sorted(p.name for p in out.iterdir()) == ["批注.docx"]
    inputs.assert_untouched()


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root writes into a read-only folder anyway")
def test_a_read_only_folder_gives_one_line_and_leaves_nothing(inputs, out):
    report = out / "报告.txt"
    report.write_text("旧报告\n", encoding="utf-8")
    out.chmod(0o555)
    try:
        code, _, err = run(inputs.plan, "--against", inputs.notice, "--output", report)
        assert code == 2 and "没有写入权限" in one_line(err)
        assert report.read_text(encoding="utf-8") == "旧报告\n" and sorted(p.name for p in out.iterdir()) == ["报告.txt"]
    finally:
        out.chmod(0o755)
