"""Reading a hand-corrected extract (JSON or YAML) back as a dict, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from checker.errors import InputError


def read_extract(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}", f"file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取 {path}：须为 UTF-8 编码的 JSON/YAML（{exc}）", f"cannot read {path}: {exc}") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # json/yaml raise many kinds; all mean the same to the user
        raise InputError(f"{path} 不是有效的 JSON/YAML：{str(exc).splitlines()[0]}",
                         f"{path} is not valid JSON/YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path} 的内容应为 plancheck extract 输出的对象", f"{path} must hold an extract object")
    return data
