"""Get a file's bytes, or an InputError that says what is wrong with the path and what to do."""

from __future__ import annotations

import errno
import math
import os
import stat
from pathlib import Path

from checker.errors import InputError

_PATH_ERRORS = {
    errno.ELOOP: ("符号链接循环指向自身", "a symbolic link loop"),
    errno.ENAMETOOLONG: ("路径或文件名太长", "the path or file name is too long"),
    errno.ENOTDIR: ("路径中有一级不是文件夹", "a part of the path is not a directory"),
}


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    shown = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(
            f"找不到文件 {shown}：请检查路径和文件名是否正确",
            f"file not found: {shown}; check the path and the file name",
        ) from None
    except PermissionError:
        raise _no_permission(shown) from None
    except (OSError, ValueError) as error:  # a link loop, bad characters in the path, name too long …
        why_zh, why_en = _PATH_ERRORS.get(getattr(error, "errno", None), (error.__class__.__name__,) * 2)
        raise InputError(
            f"无法访问 {shown}（{why_zh}）：请检查路径",
            f"cannot access {shown} ({why_en}): check the path",
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(
            f"{shown} 是一个文件夹，不是文件：请指定其中的 .docx 或 .txt 文件",
            f"{shown} is a directory, not a file: give the .docx or .txt file inside it",
        )
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{shown} 不是普通文件：请指定 .docx 或 .txt 文件",
            f"{shown} is not a regular file: give a .docx or .txt file",
        )
    if info.st_size > max_bytes:
        raise too_large(shown, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            # read what stat promised (plus one byte, to see growth), not the whole limit: read(n)
            # allocates n bytes up front, 50 MB for every small file
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # grew since stat: read on, up to the limit
                data += handle.read(max_bytes + 1 - len(data))
    except PermissionError:
        raise _no_permission(shown) from None
    except OSError as error:
        raise InputError(
            f"读取 {shown} 失败（{error.strerror or error.__class__.__name__}）：请确认文件没有被其他程序占用",
            f"cannot read {shown} ({error.strerror or error.__class__.__name__}): "
            "make sure no other program locks it",
        ) from None
    if len(data) > max_bytes:  # grew since stat
        raise too_large(shown, len(data), max_bytes)
    if not data.strip():
        raise empty_file(shown)
    return data


def too_large(shown: str, size: int, max_bytes: int) -> InputError:
    """Names the option that raises the limit, with a value that would let this file in."""
    needed = math.ceil(size / 1e6) + 1
    return InputError(
        f"文件 {shown} 太大（{size / 1e6:.1f} MB，上限 {max_bytes / 1e6:g} MB）：请删去其中的图片或拆分文件；"
        f"确需检查的，用 --max-size {needed} 提高上限（单位 MB，也可在 plancheck.toml 中写 max-size = {needed}）",
        f"{shown} is too large ({size / 1e6:.1f} MB, limit {max_bytes / 1e6:g} MB): remove images or split "
        f"the file, or raise the limit with --max-size {needed} (MB; or max-size = {needed} in plancheck.toml)",
    )


def empty_file(shown: str) -> InputError:
    return InputError(
        f"文件 {shown} 是空的（没有文字）：请确认选对了文件，扫描件需先做文字识别",
        f"{shown} is empty (no text): check that it is the right file; scans need OCR first",
    )


def _no_permission(shown: str) -> InputError:
    return InputError(
        f"没有权限读取 {shown}：请检查文件权限，或复制到有权限的位置再试",
        f"no permission to read {shown}: check its permissions or copy it somewhere readable",
    )
