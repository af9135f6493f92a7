"""Where the shipped data lives: inside the installed package (the wheel puts grammar/ and rules/
there), or at the top of a source checkout (editable installs and tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The directory `grammar` or `rules`, wherever this copy of plancheck keeps it."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"plancheck is missing its {name}/ directory (broken installation)")


def data_file(name: str) -> Path:
    """A file of checker/data (dictionaries, synonym tables)."""
    return _PACKAGE_DIR / "data" / name
