"""Which unit a plan answers for, when the notice was given to several units at once.

A notice to 石桥镇党委、柳河镇党委、白沙乡党委 lists the problems they share (共性问题) and each unit's
own (个性问题). One unit's plan must answer the shared problems and its own, not its neighbours':
checking it against all of them would report the other units' problems as gaps. The unit is the one
the reviewer names (--unit), or else the one the plan names in its title and opening lines.
"""

from __future__ import annotations

import re

from checker.errors import UsageError
from checker.models import Plan, Requirements

# 石桥镇党委 → 石桥镇: plans write 中共石桥镇委员会 / 石桥镇党委 / 石桥镇
_ORGAN = re.compile(r"(?:党委|党组|党工委|党总支|党支部|总支部|支部|委员会)$")
_OPENING_BLOCKS = 6
_DOMINANT = 2  # in the body, the plan's own unit is named at least twice as often as any other


def unit_stem(unit: str) -> str:
    stem = _ORGAN.sub("", unit.strip())
    stem = re.sub(r"^中共", "", stem)
    return stem if len(stem) >= 2 else unit


def plan_unit(req: Requirements, plan: Plan) -> str | None:
    """The notice's unit the plan names: in its title and opening lines, or else clearly most often."""
    stems = {unit: unit_stem(unit) for unit in req.units}
    opening = " ".join([plan.title or "", *(b.text for b in plan.document.blocks[:_OPENING_BLOCKS])])
    named = [unit for unit, stem in stems.items() if stem in opening]
    if len(named) == 1:
        return named[0]
    body = " ".join(b.text for b in plan.document.blocks)
    counts = sorted(((body.count(stem), unit) for unit, stem in stems.items()), reverse=True)
    if counts and counts[0][0] and (len(counts) == 1 or counts[0][0] >= _DOMINANT * max(counts[1][0], 1)):
        return counts[0][1]
    return None


def narrow_to_unit(req: Requirements, plan: Plan, unit: str | None) -> tuple[Requirements, str | None]:
    """The requirements for the plan's unit, and a note saying which unit and why; unchanged for a
    notice to one unit. An unknown --unit, or a plan that names none of the units, is a usage error:
    guessing would either hide problems or report another unit's as gaps."""
    from checker.feedback import for_unit

    if len(req.units) <= 1:
        return req, None
    choices = "、".join(req.units)
    if unit:
        chosen = next((u for u in req.units if u == unit or unit_stem(u) == unit_stem(unit)), None)
        if chosen is None:
            raise UsageError(f"反馈意见中没有被巡察单位“{unit}”；可选：{choices}",
                             f"the notice names no inspected unit {unit!r}; it names: {', '.join(req.units)}")
        how_zh, how_en = "按 --unit 指定", "given by --unit"
    else:
        chosen = plan_unit(req, plan)
        if chosen is None:
            raise UsageError(
                f"反馈意见同时反馈给多个单位（{choices}），未能从整改方案标题判断是哪个单位的方案：请用 --unit 指定，例如 --unit {req.units[0]}",
                f"the notice is addressed to several units ({', '.join(req.units)}) and the plan's title names none of "
                f"them: give one with --unit, e.g. --unit {req.units[0]}",
            )
        how_zh, how_en = "按整改方案标题识别", "read from the plan's title"
    narrowed = for_unit(req, chosen)
    left_out = len(req.problems) - len(narrowed.problems)
    note = f"多单位反馈意见：本方案为“{chosen}”的方案（{how_zh}），只核对共性问题和该单位的个性问题（略去其他单位的 {left_out} 个问题）"
    return narrowed, note
