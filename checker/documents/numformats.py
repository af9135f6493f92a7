"""Render one list counter in a Word number format (w:numFmt), as Word displays it.

Chinese counting: 1→一, 10→十, 11→十一, 20→二十, 21→二十一; chineseCounting writes numbers from 100
up digit by digit (一〇〇), chineseCountingThousand with 百/千/万 (一百零一). Formats Word knows but
plancheck has not met in plans fall back to decimal, which is what a reader can still match.
"""

from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _below_ten_thousand(n: int, digits: str, units: str, short_ten: bool) -> str:
    """1..9999 with units 十百千 (or 拾佰仟); zeros inside become one 零/〇."""
    parts: list[str] = []
    pending_zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append(digits[0])
            pending_zero = False
        if power == 10 and digit == 1 and not parts and short_ten:
            parts.append(unit)  # 十一, not 一十一
        else:
            parts.append(digits[digit] + unit)
    return "".join(parts)


def chinese_counting_thousand(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    if n <= 0:
        return digits[0]
    if n >= 100_000_000:
        return str(n)
    high, low = divmod(n, 10_000)
    if not high:
        return _below_ten_thousand(low, digits, units, short_ten=True)
    text = _below_ten_thousand(high, digits, units, short_ten=True) + "万"
    if low:
        text += (digits[0] if low < 1000 else "") + _below_ten_thousand(low, digits, units, short_ten=False)
    return text


def chinese_counting(n: int) -> str:
    if 0 < n < 100:
        return _below_ten_thousand(n, "零一二三四五六七八九", "十百千", short_ten=True)
    return "".join(_DIGITS[int(d)] for d in str(max(n, 0)))


def _letters(n: int, upper: bool) -> str:
    if not 0 < n <= 26 * 20:
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)  # Word: Z, AA, BB …


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 0 < n <= len(table) else str(n)


def _cycle(table: str, n: int) -> str:
    return table[(n - 1) % len(table)] if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """Text of counter `n` in Word number format `fmt` ("bullet" and "none" give "")."""
    match fmt:
        case "bullet" | "none":
            return ""
        case "decimal" | "decimalHalfWidth":
            return str(n)
        case "decimalZero":
            return f"{n:02d}"
        case "decimalFullWidth" | "decimalFullWidth2":
            return "".join(chr(ord(d) + 0xFEE0) if d.isdigit() else d for d in str(n))
        case "chineseCounting" | "japaneseCounting" | "taiwaneseCounting":
            return chinese_counting(n)
        case "chineseCountingThousand" | "taiwaneseCountingThousand" | "japaneseDigitalTenThousand":
            return chinese_counting_thousand(n)
        case "chineseLegalSimplified" | "japaneseLegal":
            return chinese_counting_thousand(n, _LEGAL_DIGITS, "拾佰仟")
        case "ideographDigital" | "taiwaneseDigital":
            return "".join(_DIGITS[int(d)] for d in str(max(n, 0)))
        case "ideographTraditional":
            return _cycle(_HEAVENLY_STEMS, n)
        case "ideographZodiac":
            return _cycle(_EARTHLY_BRANCHES, n)
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese":
            return _from_table(_CIRCLED, n)
        case "decimalEnclosedParen":
            return _from_table(_PARENTHESISED, n)
        case "decimalEnclosedFullstop":
            return _from_table(_FULL_STOP, n)
        case "upperLetter":
            return _letters(n, upper=True)
        case "lowerLetter":
            return _letters(n, upper=False)
        case "upperRoman":
            return _roman(n)
        case "lowerRoman":
            return _roman(n).lower()
        case _:
            return str(n)
