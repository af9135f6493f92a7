"""Word's automatic list numbering: the definitions in word/numbering.xml and the running counters.

Word shows a number that is stored nowhere; it is computed while the document is laid out. This
module does the same, in reading order:

- a paragraph's w:numPr (numId + ilvl) selects a w:num, which points to a w:abstractNum whose
  w:lvl gives start value, number format (w:numFmt), text template (w:lvlText: "%1、", "（%1）",
  "%1.%2") and when to restart (w:lvlRestart);
- counters belong to the abstract definition, as in Word: two w:num that share an abstractNum
  continue one list, unless a w:num carries w:lvlOverride/w:startOverride, which restarts that
  level the first time the w:num is used (this is how Word's "restart at 1" is stored);
- numbering a level resets every deeper level (unless its w:lvlRestart says otherwise);
- a level referenced by %N but never used shows its start value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.documents.numformats import format_number
from checker.documents.ooxml import W, attr_int, is_on, w_attr

MAX_LEVELS = 9


@dataclass(frozen=True)
class Level:
    start: int = 0
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None = no template (nothing shown)
    restart_after: int | None = None  # w:lvlRestart (1-based level); 0 = never restart
    legal: bool = False  # w:isLgl: show every level as decimal
    suffix: str = "tab"  # w:suff: tab, space, nothing
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass
class _Abstract:
    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Instance:
    abstract_id: str
    overrides: dict[int, Level]  # complete w:lvl overrides
    start_overrides: dict[int, int]


@dataclass(frozen=True)
class ListNumber:
    text: str  # the rendered number, e.g. "（一）"; "" for bullets
    level: int
    suffix: str


def _read_level(element) -> Level:
    def child_val(name: str) -> str | None:
        node = element.find(W + name)
        return None if node is None else w_attr(node, "val")

    text_node = element.find(W + "lvlText")
    restart = element.find(W + "lvlRestart")
    legal = element.find(W + "isLgl")
    return Level(
        start=attr_int(element.find(W + "start"), 0),
        fmt=child_val("numFmt") or "decimal",
        text=None if text_node is None else (w_attr(text_node, "val") or ""),
        restart_after=None if restart is None else attr_int(restart, None),
        legal=is_on(legal),
        suffix=child_val("suff") or "tab",
        style=child_val("pStyle"),
    )


def _read_levels(parent) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.findall(W + "lvl"):
        ilvl = attr_int(lvl, None, "ilvl")
        if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
            levels[ilvl] = _read_level(lvl)
    return levels


class Numbering:
    """The list definitions of one document and the counters while it is read."""

    def __init__(self, numbering_root=None, style_num_ids: dict[str, str] | None = None):
        self._abstracts: dict[str, _Abstract] = {}
        self._instances: dict[str, _Instance] = {}
        self._started: set[str] = set()
        links: dict[str, str] = {}  # abstractNum id → numbering style it borrows its levels from
        if numbering_root is None:
            return
        for abstract in numbering_root.findall(W + "abstractNum"):
            abstract_id = w_attr(abstract, "abstractNumId")
            if abstract_id is None:
                continue
            self._abstracts[abstract_id] = _Abstract(_read_levels(abstract))
            link = abstract.find(W + "numStyleLink")
            if link is not None and w_attr(link, "val"):
                links[abstract_id] = w_attr(link, "val")
        for num in numbering_root.findall(W + "num"):
            num_id = w_attr(num, "numId")
            ref = num.find(W + "abstractNumId")
            if num_id is None or ref is None or w_attr(ref, "val") is None:
                continue
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = attr_int(override, None, "ilvl")
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                start = override.find(W + "startOverride")
                if start is not None and attr_int(start, None) is not None:
                    starts[ilvl] = attr_int(start, 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _read_level(lvl)
            self._instances[num_id] = _Instance(w_attr(ref, "val"), overrides, starts)
        # w:numStyleLink: the abstractNum is a placeholder; the numbering style's own numId says
        # which definition (w:styleLink) really carries the levels.
        for abstract_id, style_id in links.items():
            target_num = (style_num_ids or {}).get(style_id)
            instance = self._instances.get(target_num or "")
            if instance and instance.abstract_id in self._abstracts and instance.abstract_id != abstract_id:
                self._abstracts[abstract_id] = self._abstracts[instance.abstract_id]

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose w:pStyle is this paragraph style (numbering set by a heading style)."""
        instance = self._instances.get(num_id)
        abstract = self._abstracts.get(instance.abstract_id) if instance else None
        if abstract is None:
            return None
        for ilvl, level in abstract.levels.items():
            if level.style == style_id:
                return ilvl
        return None

    def next_number(self, num_id: str, ilvl: int) -> ListNumber | None:
        """Advance the counter of (num_id, ilvl) and render the number Word shows there.

        None when the paragraph is not numbered after all (numId 0, unknown list or level)."""
        instance = self._instances.get(num_id)
        abstract = self._abstracts.get(instance.abstract_id) if instance else None
        if instance is None or abstract is None:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        levels = {**abstract.levels, **instance.overrides}
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = abstract.counters
        if num_id not in self._started:
            self._started.add(num_id)
            for override_level, start in instance.start_overrides.items():
                counters[override_level] = start - 1  # the next number at that level is `start`
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            deeper_level = levels.get(deeper)
            restart_after = deeper_level.restart_after if deeper_level else None
            if restart_after == 0:
                continue  # w:lvlRestart 0: this level never restarts
            if restart_after is None or ilvl < restart_after:
                counters.pop(deeper, None)
        return ListNumber(self._render(level, levels, counters), ilvl, level.suffix)

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
        if level.fmt in ("bullet", "none") or not level.text:
            return ""
        out: list[str] = []
        template = level.text
        i = 0
        while i < len(template):
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
                ref = int(template[i + 1]) - 1
                ref_level = levels.get(ref, Level())
                value = counters.get(ref, ref_level.start)
                fmt = "decimal" if level.legal and ref_level.fmt not in ("bullet", "none") else ref_level.fmt
                out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)
