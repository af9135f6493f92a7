"""Turning Chinese text into matching terms, once per text.

A text becomes a `Terms`: its content words (jieba with the domain dictionary, variants mapped to
their canonical form by the synonym table, slogan and function words left out) and its compact
form (characters only), which the matcher searches for words that jieba cut differently in the
other text (账目 inside 账目公开, 医疗卫生共同体 vs 医疗卫生/共同体).

The vocabulary is data (checker/data: userdict.txt, synonyms.txt, stopwords.txt, weakwords.txt)
and can be extended at run time with `extend_vocabulary` (for a local config: 医共体, 三资 …).
jieba is loaded on first use only, quietly, with its dictionary cache in the user's cache
directory (or none, when that is not writable).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from checker.resources import data_file

_NOT_CONTENT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]+")
_WORD_OK = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_NUMBER = re.compile(r"^[0-9A-Za-z.%]+$")
_NEGATION = "不"  # 不/完整 → 不完整 (a failing's description: weak, and answered by 完整)


@dataclass
class Vocabulary:
    """Everything the matcher knows about words: the domain terms jieba must keep whole, the
    synonym table (variant → canonical terms), the words that never count (slogans, function
    words) and the weak words (how a failing is described: 老化, 繁琐, 流于形式 — measures seldom
    repeat them, so they count for little)."""

    terms: set[str] = field(default_factory=set)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stop: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    judgements: set[str] = field(default_factory=set)  # broad judgements: 基础薄弱, 作用发挥不充分 …
    related: dict[str, set[str]] = field(default_factory=dict)  # near-synonyms, both ways: 人才 ~ 人员
    version: int = 0  # bumped by every extension, so cached analyses are not reused across vocabularies

    def surfaces(self, canonical: str) -> tuple[str, ...]:
        """The ways a canonical term can be written (itself and its one-to-one variants)."""
        return _surfaces(self.version, canonical)


def _read_words(name: str) -> set[str]:
    words: set[str] = set()
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(line.split())
    return words


def _read_synonyms(name: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "=" not in line:
            continue
        canonical, variants = line.split("=", 1)
        targets = tuple(t.strip() for t in canonical.split("+") if t.strip())
        for v in variants.split("|"):
            if v.strip():
                table[v.strip()] = targets
    return table


@cache
def vocabulary() -> Vocabulary:
    terms = {line.split()[0] for line in data_file("userdict.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    judgements = {line.strip() for line in data_file("judgements.txt").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")}
    return Vocabulary(terms=terms, synonyms=_read_synonyms("synonyms.txt"), stop=_read_words("stopwords.txt"),
                      weak=_read_words("weakwords.txt"), judgements=judgements, related=_read_related("related.txt"))


def _read_related(name: str) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "~" not in line:
            continue
        head, rest = line.split("~", 1)
        group = {head.strip(), *(w.strip() for w in rest.split("|") if w.strip())}
        for word in group:
            table.setdefault(word, set()).update(group - {word})
    return table


def extend_vocabulary(terms: Iterable[str] = (), synonyms: Mapping[str, Iterable[str]] | None = None,
                      stopwords: Iterable[str] = (), weak: Iterable[str] = (),
                      related: Mapping[str, Iterable[str]] | None = None) -> None:
    """Add local knowledge (from a config file): domain terms jieba must keep whole, synonyms as
    {canonical: [variant, …]} (a canonical of the form "主体责任+监督责任" expands a variant into
    several terms), words that never count, weak words, and near-synonyms ({word: [related, …]},
    half credit). Applies to every later analysis."""
    vocab = vocabulary()
    tk = _tokenizer()
    for t in terms:
        if t.strip():
            vocab.terms.add(t.strip())
            tk.add_word(t.strip(), freq=20)
    for canonical, variants in (synonyms or {}).items():
        targets = tuple(t.strip() for t in canonical.split("+") if t.strip())
        if len(targets) == 1:
            _link(vocab.synonyms, targets[0], [v.strip() for v in variants if v.strip()])
        else:
            for v in variants:
                if v.strip():
                    vocab.synonyms[v.strip()] = targets
        for word in (*(v.strip() for v in variants), *targets):
            if word and not tk.FREQ.get(word):
                tk.add_word(word, freq=20)
    vocab.stop.update(w.strip() for w in stopwords if w.strip())
    vocab.weak.update(w.strip() for w in weak if w.strip())
    for word, others in (related or {}).items():
        group = {word.strip(), *(o.strip() for o in others if o.strip())}
        for w in group:
            vocab.related.setdefault(w, set()).update(group - {w})
    vocab.version += 1


def _link(table: dict[str, tuple[str, ...]], canonical: str, variants: list[str]) -> None:
    """Make canonical and variants one synonym group with one representative: the one the shipped
    table already uses for any of them (a config that says 医疗卫生共同体 = 医共体 | 县域医共体 must
    not swap the table's 医共体 = 医疗卫生共同体 around), else `canonical`."""
    group = {canonical, *variants}
    existing = [table[w][0] for w in group if w in table and len(table[w]) == 1]
    existing += [w for w in group if any(t == (w,) for t in table.values())]
    head = existing[0] if existing else canonical
    members = group | {v for v, t in table.items() if t == (head,)} | {v for v, t in table.items() if t and t[0] in group and len(t) == 1}
    for word in members - {head}:
        table[word] = (head,)
    table.pop(head, None)


@cache
def _surfaces(version: int, canonical: str) -> tuple[str, ...]:
    vocab = vocabulary()
    forms = {canonical}
    forms.update(v for v, targets in vocab.synonyms.items() if targets == (canonical,) and len(v) >= 3)
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def _tokenizer():
    """jieba with our domain dictionary, loaded fast (checker.segmenter: same segmentation)."""
    from checker.segmenter import tokenizer

    tk = tokenizer()
    for variant, canonical in vocabulary().synonyms.items():  # both must come out of jieba whole
        for word in (variant, *canonical):
            if not tk.FREQ.get(word):  # a word jieba knows keeps its frequency
                tk.add_word(word, freq=20)
    return tk


def stopwords() -> frozenset[str]:
    return frozenset(vocabulary().stop)


def synonyms() -> dict[str, tuple[str, ...]]:
    """variant → canonical term(s)."""
    return vocabulary().synonyms


def compact(text: str) -> str:
    """The text's characters without punctuation and spaces: where words are looked up as substrings."""
    return _NOT_CONTENT.sub("", text)


def words(text: str) -> list[str]:
    """Content words of the text in order, synonyms mapped to their canonical form, each once.
    Single characters are left out: too ambiguous alone."""
    vocab = vocabulary()
    out: list[str] = []
    seen: set[str] = set()
    negation = False
    for w in _split_judged(_tokenizer().lcut(text), vocab):
        w = w.strip()
        if w == _NEGATION:
            negation = True
            continue
        if not w or not _WORD_OK.search(w):
            negation = False
            continue
        if negation:
            negation = False
            w = _NEGATION + w
        for t in vocab.synonyms.get(w, (w,)):
            if t in vocab.stop or len(t) < 2 or t in seen:
                continue
            seen.add(t)
            out.append(t)
    return out


# jieba's dictionary keeps some "thing + how it fails" phrases whole (证据不足, 经费不足): the answer
# names the thing (取证证据), so the thing must come out as a word of its own
_JUDGED = re.compile(r"^(?P<head>[\u3400-\u9fff]{2,})(?P<tail>不足|不够|不力|不严|不全|不清|不当|缺失|缺乏)$")


def _split_judged(tokens: list[str], vocab: Vocabulary) -> list[str]:
    out: list[str] = []
    for w in tokens:
        m = _JUDGED.match(w) if w not in vocab.terms else None
        out.extend((m["head"], m["tail"]) if m else (w,))
    return out


def is_weak(word: str) -> bool:
    """Numbers and words that describe how something fails rather than what it is about."""
    return word in vocabulary().weak or word.startswith(_NEGATION) or bool(_NUMBER.match(word))


def positive(word: str) -> str:
    """不完整 → 完整: what an answer to a negated description says."""
    return word[1:] if word.startswith(_NEGATION) and len(word) >= 3 else word


def is_broad_judgement(clause: str) -> bool:
    """Does the clause judge a whole area (…基础薄弱, …作用发挥不充分) rather than name a failing?"""
    clause = clause.rstrip("。；，;,.”\"' ")
    return any(clause.endswith(j) for j in vocabulary().judgements)


def is_domain_term(word: str) -> bool:
    return word in vocabulary().terms


@dataclass(frozen=True)
class Terms:
    """One analysed text."""

    text: str  # compact form, for substring lookups
    words: tuple[str, ...]  # canonical content words, each once, in order

    @property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)


@cache
def _analyse(text: str, version: int) -> Terms:
    return Terms(text=compact(text), words=tuple(words(text)))


def analyse(text: str) -> Terms:
    """Analyse a text (cached: the same text is tokenised once per process)."""
    return _analyse(text, vocabulary().version)
