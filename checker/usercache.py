"""Where plancheck keeps what it can compute once per user instead of on every run (jieba's
dictionary index, the rule grammar's parser tables).

    cache_dir() -> Path | None

The first writable of: $XDG_CACHE_HOME/plancheck, ~/.cache/plancheck, and a private folder in the
system temp dir (plancheck-<uid>, mode 0700, used only when it is ours and nobody else can write
to it). None when none of them is writable: callers then compute in memory — slower, never an error.
Every cache file is named after a hash of what it was built from, so a changed input is a new file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP = "plancheck"


def cache_dir() -> Path | None:
    for candidate in _candidates():
        if candidate is not None and _usable(candidate):
            return candidate
    return None


def _candidates():
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is to be ignored
        yield Path(xdg) / APP
    home = os.path.expanduser("~")
    if home != "~":
        yield Path(home) / ".cache" / APP
    yield _private_temp_dir()


def _usable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def _private_temp_dir() -> Path | None:
    """<tmp>/plancheck-<uid>, created 0700; refused when another user owns it or can write to it (a
    shared /tmp: someone else could otherwise plant the files we read)."""
    import tempfile

    try:
        base = Path(tempfile.gettempdir())
    except OSError:  # no usable temp dir at all (FileNotFoundError)
        return None
    if not hasattr(os, "getuid"):  # Windows: the temp dir is already per user
        return base / APP
    path = base / f"{APP}-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path
