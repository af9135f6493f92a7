"""Is an answer a real one? Slogan-only measures, measures that restate the problem, and the same
measures pasted under different problems (文字整改 / 形式整改)."""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from functools import cache, lru_cache

from checker.models import Item

_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》【】\[\]\-—…·0-9０-９一二三四五六七八九十]+")
_NUMBERED = re.compile(r"\d+\s*(?:个|项|次|人|家|件|条|%|万|元|天|日|月|年|期|场|份|名|学时|小时|分钟|批|处|户|所|笔)")
_DATE = re.compile(r"\d{1,4}\s*年|\d{1,2}\s*月|[上下]半年|年底|月底|季度末|[0-9一二三四五六七八九十]+个?(?:工作日|日|天)内")
_PERIODIC = re.compile(r"每(?:次|周|旬|月|季度?|半年|年|学期)|季度|月度|逐(?:笔|项|人|户|条|一|个|件)|一律|全覆盖|全部")
_CLAUSES = re.compile(r"[，,；;。！？!?\n]+")
_MANY_SPECIFIC = 5


def _checkable(text: str) -> bool:
    """A number, a date or a period, an exact scope (逐笔, 一律, 全覆盖) or a named document
    (《…》): something a reviewer can check later."""
    return bool(_NUMBERED.search(text) or _DATE.search(text) or _PERIODIC.search(text) or "《" in text)


def _concrete(measures: str, actions: tuple[str, ...]) -> bool:
    return _checkable(measures) or any(a in measures for a in actions)


@cache
def _abstract_words() -> frozenset[str]:
    from checker.resources import data_file

    words: set[str] = set()
    for line in data_file("abstract.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def _is_action(word: str, actions: tuple[str, ...]) -> bool:
    """An action word of the pack, or several run together (建立健全)."""
    if word in actions:
        return True
    return len(word) == 4 and word[:2] in actions and word[2:] in actions


def _acts(clause: str, actions: tuple[str, ...], problem: str = "") -> bool:
    """Does the clause use an action word of its own? Words are compared whole (组织 is not in
    党组织), an abstraction (制度) is no action, nor a word the problem already uses (规定 in
    八项规定)."""
    from checker.textterms import _tokenizer

    abstract = _abstract_words()
    return any(_is_action(t, actions) and t not in abstract and t not in problem for t in _tokenizer().lcut(clause))


def _specific_words(clause: str, slogans: tuple[str, ...], actions: tuple[str, ...]) -> list[str]:
    """The clause's words for specific objects (采购内控, 白条入账, 讲座论坛), not abstractions
    (长效机制, 工作水平, 底线): what is left after slogans, actions, generic and weak words."""
    from checker.textterms import is_weak, words

    rest = clause
    for s in sorted(slogans, key=len, reverse=True):
        rest = rest.replace(s, " ")
    abstract = _abstract_words()
    return [w for w in words(rest) if w not in abstract and not _is_action(w, actions) and not is_weak(w)]


def _says_something(clause: str, slogans: tuple[str, ...], actions: tuple[str, ...], problem: str) -> bool:
    """An action of its own on a specific object, or a clause full of specific things (项目部党组织
    书记与项目经理交叉任职) — whatever its verbs, it is more than a slogan."""
    specific = _specific_words(clause, slogans, actions)
    return bool(specific) and (_acts(clause, actions, problem) or len(specific) >= _MANY_SPECIFIC)


def slogan_only(measures: str, slogans: tuple[str, ...], actions: tuple[str, ...],
                problem: str | list[str] = "") -> list[str] | None:
    """The slogans found, when the measures are made of nothing else; None otherwise.

    Measures are vague when they use slogans (进一步加强 / 切实提高 / 高度重视) and no clause says
    anything checkable: no number, date or period, no named document, no exact scope, and no
    action on a specific object (“建立健全长效机制”, “提高工作水平” act on abstractions only).
    Measures that only say the problem again (given `problem`: one wording or several, see
    answered_problems) are IT-MEASURE's, not vague.
    """
    text = measures.strip()
    if not text or _checkable(text):
        return None
    found = [s for s in slogans if s in text]
    if not found:
        return None
    problems = [problem] if isinstance(problem, str) else list(problem)
    if restates_any(text, [p for p in problems if p], actions, slogans) is not None:
        return None  # it says the problem again: IT-MEASURE's case, not a slogan
    known = "".join(problems)
    if any(_says_something(clause, slogans, actions, known) for clause in _CLAUSES.split(text)):
        return None
    return found[:5]


_OWN_WORDING = 0.9  # below this share of the problem's wording, measures say something of their own


def _states_failing(text: str) -> bool:
    from checker.notice.clauses import states_failing

    return states_failing(text.replace("问题", ""))


_FILLER = re.compile(r"[的了要和与及等将把对并]")


def _chars(text: str) -> frozenset[str]:
    """Character bigrams of the text without punctuation, filler characters and the generic words
    of the stop list (问题, 整改, 到位 …): what is left is what the text is about. A removed word
    leaves a gap, so no bigram spans it (解决党建 gives 党建, not 决党)."""
    from checker.textterms import vocabulary

    return _chars_of(text, vocabulary().version)  # a problem's text is asked for once per item


@cache
def _longest_stopwords_first(version: int) -> tuple[str, ...]:
    from checker.textterms import stopwords

    return tuple(sorted((w for w in stopwords() if len(w) >= 2), key=len, reverse=True))


@lru_cache(maxsize=4096)
def _chars_of(text: str, version: int) -> frozenset[str]:
    clean = text
    for word in _longest_stopwords_first(version):
        clean = clean.replace(word, "|")
    clean = _FILLER.sub("|", _PUNCT.sub("|", clean))
    return frozenset(seg[i : i + 2] for seg in clean.split("|") for i in range(len(seg) - 1))


_REFERS_TO_PROBLEM = re.compile(r"问题|现象|情况")


def _default_slogans() -> tuple[str, ...]:
    """The stop list's words (slogans and filler) when a caller names no slogan concept."""
    from checker.textterms import stopwords

    return tuple(w for w in stopwords() if len(w) >= 2)


def _slogan_share(text: str, slogans: tuple[str, ...]) -> float:
    """The share of the text's characters (punctuation aside) that are slogan words."""
    clean = _PUNCT.sub("", text)
    if not clean or not slogans:
        return 0.0
    rest = clean
    for s in sorted(slogans, key=len, reverse=True):
        rest = rest.replace(s, "")
    return 1 - len(rest) / len(clean)


def answered_problems(item: Item, requirements, coverage) -> list[str]:
    """The problem column of the item and the notice's wording of each problem the matcher links it
    to (as an answer, or as the closest item): a measure that repeats either only restates (a short column — 党建与业务融合不够 —
    or none at all must not hide a restatement of the notice)."""
    texts = [item.problem] if item.problem.strip() else []
    texts.extend(p.text for p in _problems_by_item(requirements, coverage).get(item.id, ()))
    return texts


_LAST_INDEX: list = []  # [requirements, coverage, index] of the check whose rules are being evaluated


def _problems_by_item(requirements, coverage) -> dict[str, list]:
    """item id → the problems whose evidence names it, in the notice's order. Built once per check
    (the engine asks for every item, and the coverage is read-only while rules run): looking through
    every problem's evidence for each item would cost items × items on a big plan."""
    if _LAST_INDEX and _LAST_INDEX[0] is requirements and _LAST_INDEX[1] is coverage:
        return _LAST_INDEX[2]
    index: dict[str, list] = {}
    for p in requirements.problems:
        cov = coverage.get(p.id)
        if cov is not None:
            for item_id in dict.fromkeys(e.item for e in cov.evidence):
                index.setdefault(item_id, []).append(p)
    _LAST_INDEX[:] = [requirements, coverage, index]
    return index


def restates_any(measures: str, problems: list[str], actions: tuple[str, ...],
                 slogans: tuple[str, ...] = ()) -> float | None:
    """restates_problem against each wording of the problem; the highest overlap found, or None."""
    found = [o for p in problems if (o := restates_problem(measures, p, actions, slogans)) is not None]
    return max(found) if found else None


def restates_problem(measures: str, problem: str, actions: tuple[str, ...],
                     slogans: tuple[str, ...] = ()) -> float | None:
    """The overlap (share of the measures' character bigrams found in the problem) when the
    measures only restate the problem; None when they add something of their own.

    Restating: almost all of the measures is the problem's wording (≥ 0.8); or, with nothing
    checkable and no action of their own (an action word the problem already uses — 规定 in
    八项规定 — is not one), most of it is (≥ 0.6) and it repeats a good part of the problem
    (≥ 0.55 of the problem's wording: “提高档案管理水平” names the topic, not the failing) without
    being mostly slogans (that is IT-VAGUE's “持续加强基层党组织建设”; `slogans`, by default the
    stop list's), or it
    frames itself as the problem (针对…的问题，认真整改) with at least half its wording from it.
    """
    if not measures.strip() or not problem.strip():
        return None
    m, p = _chars(measures), _chars(problem)
    if not m or not p:
        return None
    shared = len(m & p)
    forward, backward = shared / len(m), shared / len(p)
    concrete = _checkable(measures) or _acts(measures, actions, problem)
    if forward >= 0.8 and not (forward < _OWN_WORDING and concrete and not _states_failing(measures)):
        # the failing's words again. Terse measures that turn it round with some wording of their
        # own (未开展廉政风险排查 → 开展廉政风险排查，逐岗制定防控措施；纪检委员列席决策会议) and state
        # no failing are measures; "建立…长效管理机制" for "…长效管理机制缺失" adds nothing
        return forward
    if not concrete and forward >= 0.6 and backward >= 0.55 and _slogan_share(measures, slogans or _default_slogans()) < 0.3:
        return forward
    if not concrete and forward >= 0.5 and _REFERS_TO_PROBLEM.search(measures):
        return forward
    return None


NEAR_CHARS = 30  # measures this long may be near copies of each other
NEAR_SIMILARITY = 0.85  # share of character pairs in common (Jaccard)
_SKETCH = 6  # character pairs per text that find its near copies


def char_pairs(text: str) -> frozenset[str]:
    """The text's overlapping pairs of characters: how near two wordings are, whatever the words."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def duplicate_groups(items: list[Item], min_chars: int = 12) -> dict[str, list[str]]:
    """item id → the other items with the same measures under a different problem text: the same
    text, or (from NEAR_CHARS characters on) nearly the same — a block pasted and a word or two
    changed (专项检查 → 全面检查, 逐一 → 逐个)."""
    keys = {item.id: _PUNCT.sub("", item.measures) for item in items}
    kept = [item for item in items if len(keys[item.id]) >= min_chars]
    parent = {item.id: item.id for item in kept}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_text: dict[str, list[str]] = defaultdict(list)
    for item in kept:
        by_text[keys[item.id]].append(item.id)
    for ids in by_text.values():
        for other in ids[1:]:
            parent[root(other)] = root(ids[0])
    for a, b in _near_copies({item.id: keys[item.id] for item in kept if len(keys[item.id]) >= NEAR_CHARS}):
        parent[root(b)] = root(a)
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in kept:
        groups[root(item.id)].append(item)
    out: dict[str, list[str]] = {}
    for group in groups.values():
        problems = {_PUNCT.sub("", i.problem) for i in group}
        if len(group) > 1 and len(problems) > 1:
            for item in group:
                out[item.id] = [o.id for o in group if o.id != item.id]
    return out




def _near_copies(texts: dict[str, str]) -> list[tuple[str, str]]:
    """The pairs of texts that share NEAR_SIMILARITY of their character pairs. Only texts that share
    one of their few lowest-hashed uncommon pairs are compared (a bottom-k sketch): two texts that
    share 85% of their pairs almost surely share one of those, and a plan of a thousand rows is not
    a million comparisons."""
    pairs = {key: char_pairs(text) for key, text in texts.items()}
    df = Counter(p for ps in pairs.values() for p in ps)
    common = max(20, len(pairs) // 10)
    buckets: dict[int, list[str]] = defaultdict(list)
    for key, ps in pairs.items():
        # uncommon pairs first; a text made only of common ones (one block pasted many times) still
        # has a sketch
        for _, h in sorted((df[p] > common, zlib.crc32(p.encode())) for p in ps)[:_SKETCH]:
            buckets[h].append(key)
    found: set[tuple[str, str]] = set()
    for members in buckets.values():
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                if (a, b) in found:
                    continue
                pa, pb = pairs[a], pairs[b]
                if len(pa & pb) >= NEAR_SIMILARITY * len(pa | pb):
                    found.add((a, b))
    return sorted(found)
