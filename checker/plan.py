"""The plan analyser: Document → Plan (title and rectification items).

Items come from 整改台账 tables (checker.plan_tables) and from paragraphs with inline fields
(checker.plan_paragraphs). Both are read: some plans keep part of their items in the ledger and
part in the text. Where the text only repeats the ledger (a narrative summary of the same items,
often without leaders or deadlines), the paragraph item is dropped in favour of the ledger row,
so that an item is neither counted twice nor reported as missing fields the ledger has; the plan
gets a warning saying how many were merged.
"""

from __future__ import annotations

import datetime as dt
import re

from checker.errors import ExtractionError
from checker.models import Document, Plan
from checker.plan_fields import DraftItem, clean_text, compact, strip_number
from checker.plan_paragraphs import paragraph_items
from checker.plan_tables import build_grids, ledger_items

# Two texts with at least this share of common character bigrams are the same item.
DUPLICATE_SIMILARITY = 0.6
_TITLE_MAX_CHARS = 60
_NOT_TITLE_START = ("根据", "为了", "为", "按照", "经", "现将", "附件")
_PUNCTUATION = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》【】\[\]]+")


def analyse_plan(doc: Document, *, feedback_date: dt.date | None = None) -> Plan:
    """Read a plan's title and items; raise ExtractionError when it has no item at all.

    `feedback_date` lets deadlines without a year (12月底前) be read as the first such date
    on or after the feedback."""
    table_drafts, table_warnings = ledger_items(doc)
    warnings = list(doc.warnings) + table_warnings  # the reader's notes (修订记录, 编码) reach the report too
    text_drafts = paragraph_items(doc)
    kept_text_drafts = _drop_repeats(text_drafts, table_drafts)
    merged = len(text_drafts) - len(kept_text_drafts)
    if merged:
        warnings.append(f"方案正文中有{merged}条整改事项与整改台账重复，已按台账计（未重复计数）")
    drafts = sorted(table_drafts + kept_text_drafts, key=lambda d: d.order)
    if not drafts:
        raise ExtractionError(*_nothing_found(doc))
    items = [d.to_item(f"I{n}", feedback_date) for n, d in enumerate(drafts, start=1)]
    return Plan(path=doc.path, sha256=doc.sha256, title=find_title(doc), items=items, document=doc,
                warnings=warnings)


def find_title(doc: Document) -> str | None:
    """The first heading or paragraph that reads as the plan's title (…整改方案), not a sentence."""
    for block in doc.body_blocks()[:15]:
        text = clean_text(block.text).replace("\n", "")
        if "方案" not in text or len(text) > _TITLE_MAX_CHARS or text.endswith(("。", "；")):
            continue
        if text.startswith(_NOT_TITLE_START):
            continue
        return text.strip("《》 ")
    return None


# --------------------------------------------------------------------------- duplicates


class _Text:
    """A text as compared for duplicates: no numbering or punctuation, and its character bigrams."""

    def __init__(self, text: str | None):
        self.compact = _PUNCTUATION.sub("", strip_number(text or ""))
        self.bigrams = frozenset(self.compact[i : i + 2] for i in range(len(self.compact) - 1))

    def similarity(self, other: _Text) -> float:
        x, y = self.compact, other.compact
        if not x or not y:
            return 0.0
        if min(len(x), len(y)) >= 8 and (x in y or y in x):
            return 1.0
        if not self.bigrams or not other.bigrams:
            return 0.0
        return 2 * len(self.bigrams & other.bigrams) / (len(self.bigrams) + len(other.bigrams))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams, ignoring numbering and punctuation; 1.0 also when
    one text (of 8 characters or more) is inside the other."""
    return _Text(a).similarity(_Text(b))


def _drop_repeats(text_drafts: list[DraftItem], ledger: list[DraftItem]) -> list[DraftItem]:
    """The paragraph items that do not repeat a ledger row: same problem, or, where either has no
    problem text, the same measures."""
    rows = [(_Text(r.value("problem")), _Text(r.value("measures"))) for r in ledger]
    kept = []
    for draft in text_drafts:
        problem, measures = _Text(draft.value("problem")), _Text(draft.value("measures"))
        repeats = any(
            problem.similarity(p) >= DUPLICATE_SIMILARITY if problem.compact and p.compact
            else measures.similarity(m) >= DUPLICATE_SIMILARITY
            for p, m in rows
        )
        if not repeats:
            kept.append(draft)
    return kept


# --------------------------------------------------------------------------- nothing found


def _nothing_found(doc: Document) -> tuple[str, str]:
    tables = len(build_grids(doc))
    paragraphs = sum(1 for b in doc.body_blocks() if compact(b.text))
    if tables:
        seen = f"{doc.path} 有{tables}个表格，但都没有同时含“问题”和“整改措施”的表头"
        seen_en = f"{doc.path} has {tables} table(s), none with both a problem and a measures column header"
    else:
        seen = f"{doc.path} 没有表格，{paragraphs}个段落中也没有“问题：”“整改措施：”等字段"
        seen_en = f"{doc.path} has no table, and none of its {paragraphs} paragraphs carries fields such as 问题：/整改措施："
    return (
        f"未能从整改方案中识别出任何整改事项：{seen}。请确认方案包含整改台账表格（含“问题”“整改措施”等表头），"
        "或以“问题：…整改措施：…”形式逐条列出",
        f"No rectification item found in the plan: {seen_en}. Make sure the plan has a rectification ledger "
        "table (headers such as 问题 and 整改措施) or lists items as “问题：… 整改措施：…”.",
    )
