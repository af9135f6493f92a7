"""Tell apart the OLE2 compound files users hand in (legacy .doc/.wps, .xls, .ppt, and password-
protected .docx, which Office wraps in an OLE container) from their stream names alone.

Only the header and the directory chain are read, with every loop bounded: a hostile file can at
worst make us give up and fall back to the generic message.
"""

from __future__ import annotations

import struct

_END = 0xFFFFFFFA  # sector numbers at or above this are markers (end of chain, free, FAT …)
_MAX_DIRECTORY_SECTORS = 1_000

# stream name → what the file is, most telling first
_KINDS = (
    ("EncryptedPackage", "encrypted"),
    ("EncryptionInfo", "encrypted"),
    ("WordDocument", "word"),
    ("Workbook", "excel"),
    ("Book", "excel"),
    ("PowerPoint Document", "powerpoint"),
)


def ole_kind(data: bytes) -> str | None:
    """"encrypted", "word", "excel", "powerpoint" or None (unknown or unreadable)."""
    names = stream_names(data)
    for name, kind in _KINDS:
        if name in names:
            return kind
    return None


def stream_names(data: bytes) -> set[str]:
    """Names of the directory entries of a compound file (empty when it cannot be read)."""
    try:
        return _stream_names(data)
    except (struct.error, IndexError, UnicodeDecodeError, ValueError):
        return set()


def _stream_names(data: bytes) -> set[str]:
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    first_directory = struct.unpack_from("<I", data, 0x30)[0]
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END]

    def sector(number: int) -> bytes:
        start = size + number * size  # sector 0 follows the header, which takes one sector's room
        return data[start : start + size]

    fat: list[int] = []
    for number in fat_sectors:
        chunk = sector(number)
        fat.extend(struct.unpack(f"<{len(chunk) // 4}I", chunk[: len(chunk) // 4 * 4]))
    names: set[str] = set()
    current, seen = first_directory, set()
    while current < _END and current not in seen and len(seen) < _MAX_DIRECTORY_SECTORS:
        seen.add(current)
        chunk = sector(current)
        for offset in range(0, len(chunk) - 127, 128):
            length = struct.unpack_from("<H", chunk, offset + 0x40)[0]
            if 2 <= length <= 64 and chunk[offset + 0x42] in (1, 2, 5):
                names.add(chunk[offset : offset + length - 2].decode("utf-16-le"))
        current = fat[current] if current < len(fat) else _END
    return names
