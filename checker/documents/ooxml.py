"""WordprocessingML names and forgiving attribute access (hostile files carry any attribute value)."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC = "{" + MC_NS + "}"
NAMESPACES = {"w": W_NS, "mc": MC_NS}


def w_attr(element, name: str) -> str | None:
    return None if element is None else element.get(W + name)


def attr_int(element, default: int | None, name: str = "val") -> int | None:
    """Integer value of w:<name>, or `default` when missing or not a number."""
    value = w_attr(element, name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        return default
    return max(-(2**31), min(number, 2**31 - 1))  # Word's values are 32-bit


def is_on(element) -> bool:
    """A toggle element (<w:vanish/>, <w:isLgl w:val="true"/>) that is present and not switched off."""
    return element is not None and w_attr(element, "val") not in ("0", "false", "off")
