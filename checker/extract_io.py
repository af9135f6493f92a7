"""Reading a hand-corrected extract (JSON or YAML) back as a dict, with clear errors.

An extract is small (a few hundred problems at most): a file far larger than that, or a YAML file
whose aliases would multiply it (a "billion laughs" made of &anchors and *aliases), is refused
before it is built in memory.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.errors import InputError

MAX_EXTRACT_BYTES = 5_000_000
MAX_YAML_ALIASES = 10  # a hand-edited extract has none; ten can multiply a file a few dozen times at most


def read_extract(path: Path) -> dict:
    fix_zh = "请用 plancheck extract 重新导出后再修改，或按报错位置改正"
    fix_en = "export it again with plancheck extract, or fix it where the error points"
    try:
        if path.stat().st_size > MAX_EXTRACT_BYTES:
            raise InputError(f"{path} 太大（超过 {MAX_EXTRACT_BYTES // 1_000_000} MB），不像 plancheck extract 的输出：{fix_zh}",
                             f"{path} is too large for an extract (over {MAX_EXTRACT_BYTES // 1_000_000} MB): {fix_en}")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}，请检查路径", f"file not found: {path}; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path} 是文件夹，不是 JSON/YAML 文件", f"{path} is a directory, not a JSON/YAML file") from None
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or type(exc).__name__
        raise InputError(f"无法读取 {path}（{why}）：须为 UTF-8 编码的 JSON/YAML，请另存为 UTF-8 后重试",
                         f"cannot read {path} ({why}): it must be UTF-8 JSON/YAML") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else _load_yaml(text)
    except _TooManyAliases:
        raise InputError(f"{path} 含有大量 YAML 锚点/别名（&/*），可能是恶意文件：{fix_zh}",
                         f"{path} has many YAML anchors/aliases (possibly hostile): {fix_en}") from None
    except Exception as exc:  # json/yaml raise many kinds; all mean the same to the user
        where = _where(exc)
        raise InputError(f"{path} 不是有效的 JSON/YAML{where[0]}：{fix_zh}",
                         f"{path} is not valid JSON/YAML{where[1]}: {fix_en}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path} 的内容应为 plancheck extract 输出的对象：{fix_zh}", f"{path} must hold an extract object: {fix_en}")
    return data


class _TooManyAliases(Exception):
    pass


def _load_yaml(text: str):
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent, index):  # every *alias passes here before it is shared
            if self.check_event(yaml.AliasEvent):
                BoundedLoader.aliases += 1
                if BoundedLoader.aliases > MAX_YAML_ALIASES:
                    raise _TooManyAliases
            return super().compose_node(parent, index)

    return yaml.load(text, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader subclass


def _where(exc: Exception) -> tuple[str, str]:
    """（第3行第5列） from a json/yaml error, when it says where; one line always."""
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    if line is None:
        return "", ""
    return f"（第{line}行第{col}列）", f" (line {line}, column {col})"
