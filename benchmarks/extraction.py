"""How well plancheck reads notices: problems, sub-problems, suggestions and metadata against the
hand labels in fixtures/notices/ and fixtures/extraction/.

    python benchmarks/extraction.py [--verbose] [--only NAME]

Per notice and in total:
- count: is the number of extracted problems exactly the number labelled?
- boundary precision / recall / F1 by character-span overlap. Extracted and labelled problems are
  paired one to one, largest overlap first; precision = overlapping characters of the pairs /
  all extracted characters, recall = the same / all labelled characters. A problem split in two
  leaves an unpaired piece (precision drops), two problems merged leave an unpaired label (recall
  drops), a boundary in the wrong place costs the characters on the wrong side. Whitespace and the
  punctuation that closes a span (。；，) are not counted, so "…不到位。" and "…不到位" agree.
- subs: share of paired problems whose sub-problem list is exactly the labelled one.
- suggestion F1: the same overlap F1 for the suggestions (意见建议).
- meta: unit, inspector, feedback date, round and units all as labelled.
Totals are over distinct notices; the other formats of one notice (labels `variants:`: GB18030,
UTF-16, Traditional, .docx, .pdf, .html) are listed apart with "same reading as the .txt?" (problems,
sub-problems, categories, suggestions, demands, unit, group, date, round).
Exit status 0 when boundary F1 >= 0.95 and the count is exact on >= 90% of the notices, else 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from checker.documents import normalize_text, read_document  # noqa: E402
from checker.feedback import extract_requirements  # noqa: E402
from checker.models import Requirements  # noqa: E402

LABEL_DIRS = (ROOT / "fixtures" / "notices", ROOT / "fixtures" / "extraction", ROOT / "fixtures" / "matching" / "notices")
TARGET_F1 = 0.95
TARGET_COUNT_EXACT = 0.90
_IGNORED = set(" \t\n\u3000。；;，,：:")  # not counted in overlaps (see the docstring)

Span = tuple[int, int]


# --------------------------------------------------------------------------- labels


@dataclass
class Labelled:
    name: str
    labels_path: Path
    notice_path: Path
    labels: dict
    variants: list[Path] = field(default_factory=list)

    @property
    def given_date(self) -> dt.date | None:
        """What a reviewer would pass as --feedback-date: only for notices that state no year."""
        return self.labels.get("feedback_date")


def load_labelled(dirs: tuple[Path, ...] = LABEL_DIRS) -> list[Labelled]:
    found = []
    for directory in dirs:
        for labels_path in sorted(directory.glob("*.labels.yaml")):
            labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
            stem = labels_path.name.removesuffix(".labels.yaml")
            notice = directory / labels.get("file", f"{stem}.txt")
            variants = [directory / v for v in labels.get("variants", [])]
            found.append(Labelled(stem, labels_path, notice, labels, variants))
    return found


def extract(path: Path, given: dt.date | None) -> Requirements:
    return extract_requirements(read_document(path), feedback_date=given)


# --------------------------------------------------------------------------- spans


_LINE_NUMBER = re.compile(r"(?m)^(\d{1,2}[.．、]|（[一二三四五六七八九十\d]{1,3}）|[一二三四五六七八九十]{1,3}、)")


class Squeezed:
    """A text without whitespace, with the way back to the original offsets, so that a label cut
    from the raw file (blank lines, stray spaces) can be found in the reader's joined text."""

    def __init__(self, text: str, skip_numbers: bool = False):
        # a Word notice: the reader writes each automatic list number at the start of its line
        # ("1." "（二）"); a label cut from the paragraphs' own text has none, so they are skipped too
        numbers = {i for m in _LINE_NUMBER.finditer(text) for i in range(m.start(1), m.end(1))} if skip_numbers else set()
        self.index = [i for i, ch in enumerate(text) if not ch.isspace() and i not in numbers]
        self.text = "".join(text[i] for i in self.index)

    def find(self, needle: str, start: int = 0) -> Span | None:
        squeezed = "".join(ch for ch in normalize_text(needle) if not ch.isspace())
        at = self.text.find(squeezed, start)
        if at < 0 or not squeezed:
            return None
        return self.index[at], self.index[at + len(squeezed) - 1] + 1

    def offset(self, original: int) -> int:
        """The squeezed position of an original offset (first kept character at or after it)."""
        from bisect import bisect_left

        return bisect_left(self.index, original)


def label_spans(texts: list[str], joined: str, what: str, skip_numbers: bool = False) -> list[Span]:
    """Where each label lies in the joined text, searched in order; a label that cannot be found
    is a broken label file, not an extraction error."""
    squeezed = Squeezed(joined, skip_numbers)
    spans, position = [], 0
    for text in texts:
        span = squeezed.find(text, position)
        if span is None:
            span = squeezed.find(text)  # out of order: still a label, found anywhere
        if span is None:
            raise ValueError(f"{what}: label not found in the notice text: {text[:40]}")
        spans.append(span)
        position = squeezed.offset(span[1])
    return spans


def _counted(joined: str, span: Span) -> set[int]:
    return {i for i in range(*span) if joined[i] not in _IGNORED}


@dataclass
class Overlap:
    precision: float
    recall: float
    pairs: list[tuple[int, int]]  # (extracted index, label index)
    got_chars: int
    want_chars: int
    common: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def overlap(joined: str, got: list[Span], want: list[Span]) -> Overlap:
    got_sets = [_counted(joined, s) for s in got]
    want_sets = [_counted(joined, s) for s in want]
    candidates = sorted(
        ((len(g & w), gi, wi) for gi, g in enumerate(got_sets) for wi, w in enumerate(want_sets) if g & w),
        reverse=True,
    )
    used_got, used_want, pairs, common = set(), set(), [], 0
    for size, gi, wi in candidates:
        if gi in used_got or wi in used_want:
            continue
        used_got.add(gi)
        used_want.add(wi)
        pairs.append((gi, wi))
        common += size
    got_chars = sum(map(len, got_sets))
    want_chars = sum(map(len, want_sets))
    precision = common / got_chars if got_chars else (1.0 if not want_chars else 0.0)
    recall = common / want_chars if want_chars else (1.0 if not got_chars else 0.0)
    return Overlap(precision, recall, sorted(pairs), got_chars, want_chars, common)


# --------------------------------------------------------------------------- one notice


def _same(text: str) -> str:
    return "".join(ch for ch in normalize_text(text) if not ch.isspace()).rstrip("。；;，,")


@dataclass
class Score:
    name: str
    problems_labelled: int
    problems_got: int
    boundary: Overlap
    subs_agree: int
    suggestions: Overlap
    meta_wrong: list[str]
    req: Requirements
    label_problem_spans: list[Span]

    @property
    def count_exact(self) -> bool:
        return self.problems_labelled == self.problems_got


def score(item: Labelled, path: Path | None = None) -> Score:
    labels = item.labels
    req = extract(path or item.notice_path, item.given_date)
    joined = req.text
    problems = labels.get("problems") or []
    want = label_spans([p["text"] for p in problems], joined, item.name, item.notice_path.suffix == ".docx")
    got = [(p.location.start, p.location.end) for p in req.problems]
    boundary = overlap(joined, got, want)
    subs_agree = sum(
        [_same(s) for s in req.problems[gi].subs] == [_same(s) for s in problems[wi].get("subs", [])]
        for gi, wi in boundary.pairs
    )
    suggestions_want = label_spans(labels.get("suggestions") or [], joined, item.name, item.notice_path.suffix == ".docx")
    suggestions_got = [(s.location.start, s.location.end) for s in req.suggestions]
    return Score(item.name, len(want), len(got), boundary, subs_agree,
                 overlap(joined, suggestions_got, suggestions_want), _meta_wrong(labels, req), req, want)


def reading_differences(a: Requirements, b: Requirements) -> list[str]:
    """What differs between two readings of the same notice (other format, encoding, script)."""
    def view(req: Requirements) -> dict:
        return {
            "problems": [(_same(p.text), [_same(x) for x in p.subs], p.category, p.unit) for p in req.problems],
            "suggestions": [_same(x.text) for x in req.suggestions],
            "demands": [(d.concept, d.within, d.to) for d in req.demands],
            "meta": (req.unit, req.inspector, req.date, req.round),
        }

    va, vb = view(a), view(b)
    return [key for key in va if va[key] != vb[key]]


def _meta_wrong(labels: dict, req: Requirements) -> list[str]:
    wrong = []
    expected_date = labels.get("feedback_date") or labels.get("date")
    checks = [("unit", labels.get("unit"), req.unit), ("inspector", labels.get("inspector"), req.inspector),
              ("date", expected_date, req.date)]
    if "round" in labels:
        checks.append(("round", labels["round"], getattr(req, "round", None)))
    if "units" in labels:
        checks.append(("units", labels["units"], getattr(req, "units", None)))
    for what, want, got in checks:
        if isinstance(want, str):
            want = normalize_text(want)  # labels cut from a Traditional notice, as the reader reads it
        if want != got and not (what == "unit" and _same_unit(want, got, req.text)):
            wrong.append(f"{what}: {got!r} ≠ {want!r}")
    return wrong


def _same_unit(want, got: str | None, text: str) -> bool:
    """The label names the unit by the short name the notice gives it: 县工商业联合会党组（以下简称县工商联党组）."""
    return bool(want and got) and re.search(rf"{re.escape(got)}[^。]{{0,12}}?（以下简称“?{re.escape(want)}”?）", text) is not None


# --------------------------------------------------------------------------- the command


def _row(s: Score) -> str:
    b = s.boundary
    count = f"{s.problems_got:>3}/{s.problems_labelled:<3}{'✓' if s.count_exact else '✗'}"
    subs = f"{s.subs_agree}/{len(b.pairs)}" if b.pairs else "-"
    return (f"{s.name:<28} {count:<9} {b.precision:>6.3f} {b.recall:>6.3f} {b.f1:>6.3f}  {subs:>6}  "
            f"{s.suggestions.f1:>6.3f}  {'✓' if not s.meta_wrong else '✗ ' + '; '.join(s.meta_wrong)}")


def _details(s: Score, item: Labelled) -> list[str]:
    out = []
    joined = s.req.text
    paired_got = {gi for gi, _ in s.boundary.pairs}
    paired_want = {wi for _, wi in s.boundary.pairs}
    for gi, wi in s.boundary.pairs:
        got, want = s.req.problems[gi].text, item.labels["problems"][wi]["text"]
        if _same(got) != _same(want):
            out.append(f"    ≈ got  P{gi + 1}: {got[:90]}")
            out.append(f"      want L{wi + 1}: {want[:90]}")
        got_subs = [_same(x) for x in s.req.problems[gi].subs]
        want_subs = [_same(x) for x in item.labels["problems"][wi].get("subs", [])]
        if got_subs != want_subs:
            out.append(f"    subs P{gi + 1}: got {' | '.join(got_subs) or '(none)'}")
            out.append(f"          want {' | '.join(want_subs) or '(none)'}")
    for gi, p in enumerate(s.req.problems):
        if gi not in paired_got:
            out.append(f"    + extra P{gi + 1}: {p.text[:90]}")
    for wi, (a, b) in enumerate(s.label_problem_spans):
        if wi not in paired_want:
            out.append(f"    - missed L{wi + 1}: {joined[a:b][:90]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="show the problems that differ")
    parser.add_argument("--only", help="only the notices whose name contains this")
    parser.add_argument("--labels", action="append", type=Path, metavar="DIR",
                        help="read the labelled notices of this folder instead (repeatable; e.g. the held-out "
                             "sets' notices, fixtures/heldout5/notices, which the default run leaves out)")
    args = parser.parse_args(argv)

    dirs = tuple(d.resolve() for d in args.labels) if args.labels else LABEL_DIRS
    items = [i for i in load_labelled(dirs) if not args.only or args.only in i.name]
    started = time.perf_counter()
    print(f"{'notice':<28} {'count':<9} {'P':>6} {'R':>6} {'F1':>6}  {'subs':>6}  {'sugg':>6}  meta")
    scores: list[Score] = []
    variant_rows: list[str] = []
    for item in items:
        s = score(item)
        scores.append(s)
        print(_row(s))
        if args.verbose and (details := _details(s, item)):
            print("\n".join(details))
        for variant in item.variants:
            v = score(item, variant)
            differ = reading_differences(s.req, v.req)
            variant_rows.append(f"  {variant.name:<30} same reading as {item.notice_path.name}: "
                                f"{'yes' if not differ else 'NO (' + ', '.join(differ) + ')'}   F1 {v.boundary.f1:.3f}")
    elapsed = time.perf_counter() - started

    common = sum(s.boundary.common for s in scores)
    got_chars = sum(s.boundary.got_chars for s in scores)
    want_chars = sum(s.boundary.want_chars for s in scores)
    total = overlap_total(common, got_chars, want_chars)
    s_common = sum(s.suggestions.common for s in scores)
    s_total = overlap_total(s_common, sum(s.suggestions.got_chars for s in scores),
                            sum(s.suggestions.want_chars for s in scores))
    exact = sum(s.count_exact for s in scores)
    pairs = sum(len(s.boundary.pairs) for s in scores)
    subs = sum(s.subs_agree for s in scores)
    meta = sum(not s.meta_wrong for s in scores)
    print()
    if variant_rows:
        print("the same notice in other formats:")
        print("\n".join(variant_rows))
        print()
    n = len(scores)
    print(f"notices: {n}   problems labelled: {sum(s.problems_labelled for s in scores)}   "
          f"extracted: {sum(s.problems_got for s in scores)}")
    print(f"count exact: {exact}/{n} = {exact / n if n else 0:.1%} (target ≥ {TARGET_COUNT_EXACT:.0%})")
    print(f"boundary (characters, micro): precision {total[0]:.3f}  recall {total[1]:.3f}  F1 {total[2]:.3f} "
          f"(target ≥ {TARGET_F1})")
    print(f"sub-problem lists exact: {subs}/{pairs}")
    print(f"suggestions (characters, micro): precision {s_total[0]:.3f}  recall {s_total[1]:.3f}  F1 {s_total[2]:.3f}")
    print(f"metadata all right: {meta}/{n}")
    print(f"({elapsed:.1f} s)")
    ok = n and total[2] >= TARGET_F1 and exact / n >= TARGET_COUNT_EXACT
    return 0 if ok else 1


def overlap_total(common: int, got: int, want: int) -> tuple[float, float, float]:
    p = common / got if got else (1.0 if not want else 0.0)
    r = common / want if want else (1.0 if not got else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


if __name__ == "__main__":
    sys.exit(main())
