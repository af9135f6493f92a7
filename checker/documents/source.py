"""Get a file's bytes, or an InputError that says what is wrong with the path and what to do."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from checker.errors import InputError


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
    except (OSError, ValueError) as error:  # bad characters in the path, name too long …
        raise InputError(
            f"无法访问 {shown}（{error.__class__.__name__}）：请检查路径",
            f"cannot access {shown} ({error.__class__.__name__}): check the path",
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
        raise InputError(
            f"文件 {shown} 太大（{info.st_size / 1e6:.1f} MB，上限 {max_bytes / 1e6:.1f} MB）："
            "请删去其中的图片或拆分文件后重试",
            f"{shown} is too large ({info.st_size / 1e6:.1f} MB, limit {max_bytes / 1e6:.1f} MB): "
            "remove images or split the file and retry",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise _no_permission(shown) from None
    except OSError as error:
        raise InputError(
            f"读取 {shown} 失败（{error.strerror or error.__class__.__name__}）：请确认文件没有被其他程序占用",
            f"cannot read {shown} ({error.strerror or error.__class__.__name__}): "
            "make sure no other program locks it",
        ) from None
    if len(data) > max_bytes:  # grew since stat
        raise InputError(
            f"文件 {shown} 太大（上限 {max_bytes / 1e6:.1f} MB）：请删去其中的图片或拆分文件后重试",
            f"{shown} is too large (limit {max_bytes / 1e6:.1f} MB): remove images or split it",
        )
    if not data.strip():
        raise empty_file(shown)
    return data


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
