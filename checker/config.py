"""Project configuration: plancheck.toml, or [tool.plancheck] in pyproject.toml.

Found upward from the plan's folder (the first folder that has either file wins; a pyproject.toml
without [tool.plancheck] is passed over), or named with --config. What it can set — everything
optional, the command line wins over it:

    rules = ["xuncha", "本市.rules"]     # rule packs (paths relative to the config file)
    format = "html"                      # default --format
    fail-on = "error"                    # default --fail-on
    lang = "zh"
    disable = ["PC-IMMEDIATE"]           # rules not run
    max-size = 100                       # largest input file, in MB (default 50; as --max-size)
    waiver-files = ["豁免.toml"]          # more [[waivers]] (see checker.waivers)
    [params]    "报告期限" = "3个月"        # as --set (TOML: a Chinese key is quoted)
    [severity]  IT-STANDARD = "info"     # error | warning | info
    [dictionary] terms = ["医共体"]  stopwords = ["抓手"]
    [dictionary.synonyms] "医疗卫生共同体" = ["医共体", "县域医共体"]
    [[waivers]] rule = "CV-PROBLEM"  problem = "…"  reason = "…"  by = "…"

Keys may be written with - or _. Unknown keys and wrong types are errors with the file and the
key named: a typo must not silently do nothing. `plancheck init` writes a commented starter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from checker.messages import Localized, error, label
from checker.waivers import Waiver, load_waiver_file, parse_waivers

CONFIG_NAME = "plancheck.toml"
FORMATS = ("text", "json", "sarif", "markdown", "html", "github", "junit")
FAIL_ON = ("error", "warning", "never")
LANGS = ("zh", "en")
SEVERITIES = ("error", "warning", "info")


@dataclass
class Dictionary:
    """Local vocabulary for the matcher (checker.textterms.extend_vocabulary)."""

    terms: list[str] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # canonical → variants
    stopwords: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.terms or self.synonyms or self.stopwords)


@dataclass
class Config:
    path: str | None = None  # the file it was read from (None: no config)
    rules: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)
    format: str | None = None
    fail_on: str | None = None
    lang: str | None = None
    dictionary: Dictionary = field(default_factory=Dictionary)
    waivers: list[Waiver] = field(default_factory=list)
    waiver_files: list[str] = field(default_factory=list)
    max_size: float | None = None  # MB


_KEYS = ("rules", "params", "severity", "disable", "format", "fail_on", "lang", "dictionary", "waivers", "waiver_files",
         "max_size")
_DICTIONARY_KEYS = ("terms", "synonyms", "stopwords")


# ----------------------------------------------------------------------------- finding and reading


def find_config(start: str | Path) -> Path | None:
    """plancheck.toml or a pyproject.toml with [tool.plancheck], from `start` (a file or folder) up."""
    try:
        here = Path(start).resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: the reader reports it, not the search
        here = Path(start).absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            return pyproject
    return None


def _read_toml(path: Path) -> dict:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise error("file_unreadable", file=path, why=exc.strerror or exc) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error("toml_invalid", file=path, why=exc) from None


def _tool_table(pyproject: Path) -> dict | None:
    try:
        data = _read_toml(pyproject)
    except Exception:  # someone else's broken pyproject.toml is not ours to report
        return None
    table = data.get("tool", {}).get("plancheck") if isinstance(data.get("tool"), dict) else None
    return table if isinstance(table, dict) else None


def load_config(path: str | Path) -> Config:
    path = Path(path)
    if not path.is_file():
        raise error("config_missing", file=path)
    if path.name == "pyproject.toml":
        table = _read_toml(path).get("tool", {}).get("plancheck", {})
        where = "[tool.plancheck] "
    else:
        table, where = _read_toml(path), ""
    return parse_config(table, path, where)


def parse_config(table: dict, path: Path, where: str = "") -> Config:
    """Validate one config table; every problem is one line naming the file and the key."""
    base = path.parent

    def fail(key: str, why_key: str, **values):
        why = error(why_key, key=key, **values)
        return error("config_invalid", file=path, where=where,
                     why=label_pair(why))

    table = {str(k).replace("-", "_"): v for k, v in table.items()}
    config = Config(path=str(path))
    for key, value in table.items():
        if key not in _KEYS:
            raise fail(key, "config_unknown_key", known=", ".join(k.replace("_", "-") for k in _KEYS))
        if key in ("rules", "disable", "waiver_files"):
            if not _str_list(value):
                raise fail(key, "config_type", kind=label("kind_list"))
            if key == "rules":
                value = [_resolve_pack(v, base) for v in value]
            elif key == "waiver_files":
                value = [str(base / v) for v in value]
            else:
                value = [v.strip().upper() for v in value]
            setattr(config, key, value)
        elif key in ("params", "severity"):
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise fail(key, "config_type", kind=label("kind_table"))
            if key == "severity":
                for rule, level in value.items():
                    if level not in SEVERITIES:
                        raise fail(f"severity.{rule}", "config_choice", choices="/".join(SEVERITIES), value=level)
                value = {rule.strip().upper(): level for rule, level in value.items()}
            setattr(config, key, dict(value))
        elif key in ("format", "fail_on", "lang"):
            choices = {"format": FORMATS, "fail_on": FAIL_ON, "lang": LANGS}[key]
            if value not in choices:
                raise fail(key.replace("_", "-"), "config_choice", choices="/".join(choices), value=value)
            setattr(config, key, value)
        elif key == "dictionary":
            config.dictionary = _dictionary(value, fail)
        elif key == "waivers":
            config.waivers = parse_waivers(value, str(path))
        elif key == "max_size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise fail("max-size", "config_type", kind=Localized("正数（单位 MB）", "a positive number (MB)"))
            config.max_size = float(value)
    return config


def label_pair(exc):
    """A UsageError's two languages as one Localized value (to nest it in another message)."""
    from checker.messages import Localized

    return Localized(exc.message, exc.message_en)


def _str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _resolve_pack(spec: str, base: Path) -> str:
    """A built-in pack name stays a name; a file is taken relative to the config file."""
    if spec.endswith(".rules") or "/" in spec or "\\" in spec:
        return str((base / spec).resolve())
    return spec


def _dictionary(value, fail) -> Dictionary:
    if not isinstance(value, dict):
        raise fail("dictionary", "config_type", kind=label("kind_table"))
    for key in value:
        if key not in _DICTIONARY_KEYS:
            raise fail(f"dictionary.{key}", "config_unknown_key", known=", ".join(_DICTIONARY_KEYS))
    out = Dictionary()
    for key in ("terms", "stopwords"):
        if key in value:
            if not _str_list(value[key]):
                raise fail(f"dictionary.{key}", "config_type", kind=label("kind_list"))
            setattr(out, key, list(value[key]))
    synonyms = value.get("synonyms", {})
    if not isinstance(synonyms, dict) or not all(_str_list(v) for v in synonyms.values()):
        raise fail("dictionary.synonyms", "config_type", kind=label("kind_table"))
    out.synonyms = {k: list(v) for k, v in synonyms.items()}
    return out


def config_for(plan: str | Path, explicit: str | None = None, use_config: bool = True) -> Config:
    """The config that applies to this plan: --config, else the nearest one found upward, else none."""
    if explicit:
        return load_config(explicit)
    if not use_config:
        return Config()
    found = find_config(plan)
    return load_config(found) if found else Config()


# ----------------------------------------------------------------------------- config + command line


@dataclass
class Settings:
    """What one check runs with, after the command line has had its say over the config."""

    packs: list[str] | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    waivers: list[Waiver] = field(default_factory=list)
    dictionary: Dictionary = field(default_factory=Dictionary)
    format: str = "text"
    fail_on: str = "error"
    lang: str = "zh"
    feedback_date: dt.date | None = None
    config_path: str | None = None
    max_bytes: int | None = None  # input size limit (None: checker.documents.DEFAULT_MAX_BYTES)
    unit: str | None = None  # in a notice to several units: whose plan this is (--unit)


def resolve(config: Config, *, rules: list[str] | None = None, sets: dict[str, str] | None = None,
            disable: list[str] | None = None, waiver_files: list[str] | None = None, format: str | None = None,
            fail_on: str | None = None, lang: str | None = None, feedback_date: dt.date | None = None,
            max_size: float | None = None, unit: str | None = None) -> Settings:
    waivers = list(config.waivers)
    for file in [*config.waiver_files, *(waiver_files or [])]:
        waivers.extend(load_waiver_file(file))
    return Settings(
        packs=rules or config.rules or None,
        overrides={**config.params, **(sets or {})},
        severity=dict(config.severity),
        disabled=frozenset(config.disable) | frozenset(r.strip().upper() for r in disable or []),
        waivers=waivers,
        dictionary=config.dictionary,
        format=format or config.format or "text",
        fail_on=fail_on or config.fail_on or "error",
        lang=lang or config.lang or "zh",
        feedback_date=feedback_date,
        config_path=config.path,
        max_bytes=_megabytes(max_size or config.max_size),
        unit=unit,
    )


def _megabytes(size: float | None) -> int | None:
    return None if size is None else int(size * 1_000_000)


_APPLIED_DICTIONARIES: set[str] = set()


def apply_dictionary(dictionary: Dictionary) -> None:
    """Teach the matcher the config's words (once per process: the vocabulary is process-wide)."""
    if dictionary.empty():
        return
    key = repr((sorted(dictionary.terms), sorted(dictionary.synonyms.items()), sorted(dictionary.stopwords)))
    if key in _APPLIED_DICTIONARIES:
        return
    from checker.textterms import extend_vocabulary

    extend_vocabulary(terms=dictionary.terms, synonyms=dictionary.synonyms, stopwords=dictionary.stopwords)
    _APPLIED_DICTIONARIES.add(key)


def run_configured(plan: str | Path, notice: str | Path, settings: Settings):
    """run_check with everything the settings say (the CLI's check and every batch job call this)."""
    from checker.check import run_check
    from checker.documents import size_limit

    apply_dictionary(settings.dictionary)
    with size_limit(settings.max_bytes):
        result = run_check(plan, notice, packs=settings.packs, overrides=settings.overrides,
                           feedback_date=settings.feedback_date, lang=settings.lang, disabled=settings.disabled,
                           severity=settings.severity, waivers=settings.waivers, unit=settings.unit)
    if settings.config_path:
        from checker.messages import msg

        result.notes.append(msg("config_used", settings.lang, file=settings.config_path))
    return result


# ----------------------------------------------------------------------------- plancheck init


def starter_config(pack) -> str:
    """A commented plancheck.toml: every setting shown, none switched on, the pack's own numbers
    and rule IDs listed so a reviewer edits rather than looks things up."""
    params = "\n".join(f"# \"{name}\" = \"{p.default.describe('zh')}\"    # {p.description}".rstrip()
                       for name, p in pack.params.items())
    rules = "\n".join(f"#   {r.id:<18} {r.severity:<8} {r.title}" for r in pack.rules)
    return f'''# plancheck 配置（plancheck init 生成）。plancheck 从方案所在目录向上查找 plancheck.toml，
# 或 pyproject.toml 中的 [tool.plancheck]（写法相同）。命令行选项优先于此处设置。
# 下面各项都已注释掉：删去行首的 # 即生效。

# 规则包：内置名称或 .rules 文件（路径相对本文件），后面的包可改写前面的参数和规则
# rules = ["xuncha"]

# 默认输出格式：text | json | sarif | markdown | html | github | junit
# format = "text"

# 何种级别的发现使退出码为 1：error | warning | never
# fail-on = "error"

# 报告语言：zh | en
# lang = "zh"

# 不运行的规则（规则编号见文末）
# disable = ["PC-IMMEDIATE"]

# 输入文件大小上限，单位 MB（默认 50；同 --max-size）
# max-size = 100

# 另外的豁免文件（内容为若干 [[waivers]]，写法同下）
# waiver-files = ["豁免.toml"]

[params]
# 规则包参数（同 --set），规则包“{pack.name}”的默认值：
{params}

[severity]
# 改变规则的级别：error | warning | info，例如：
# IT-STANDARD = "info"

[dictionary]
# 本地用语，帮助匹配反馈问题与整改事项：
# terms = ["医共体", "三资"]          # 应整体切分的词
# stopwords = ["抓手"]               # 不计入匹配的空话
[dictionary.synonyms]
# 规范说法 = [其他说法, …]
# "医疗卫生共同体" = ["医共体", "县域医共体"]

# 豁免：审核人接受某条发现（例如反馈意见已移交其他机关办理的问题），须写明理由。
# 按规则编号和问题原文（可只写其中一段）匹配，不按行号；被豁免的发现仍列在报告中并注明“已豁免”，不再使检查失败。
# [[waivers]]
# rule = "CV-PROBLEM"
# problem = "违规发放津贴补贴"
# reason = "该问题已移交县纪委监委办理"
# by = "县委巡察办"
# date = 2024-09-01

# 规则包“{pack.name}”的规则：
{rules}
'''
