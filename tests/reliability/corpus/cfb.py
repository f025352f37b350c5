"""A minimal OLE2 compound file (CFB, version 3) writer, for hostile-file tests.

Excel 97-2003 workbooks (.xls, a ``Workbook`` stream) and password-protected .xlsx files (an
``EncryptionInfo`` and an ``EncryptedPackage`` stream) are both compound files.  This writes a
structurally valid one — header, one FAT sector, one directory sector, each stream in whole
512-byte sectors (every stream is at least 4,096 bytes so none belongs in the mini stream) —
with the given streams, so the tests meet the same bytes a real file has up front.
"""

from __future__ import annotations

import struct

SECTOR = 512
MINI_CUTOFF = 4096
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def compound_file(streams: dict[str, bytes]) -> bytes:
    """The bytes of a compound file holding ``streams`` (name → content) under the root."""
    bodies = [data.ljust(max(len(data), MINI_CUTOFF), b"\0") for data in streams.values()]
    fat, starts, next_free = [FAT_SECTOR, END], [], 2  # sector 0: FAT, sector 1: directory
    for body in bodies:
        count = -(-len(body) // SECTOR)
        starts.append(next_free)
        fat += [next_free + i + 1 for i in range(count - 1)] + [END]
        next_free += count
    assert len(fat) <= SECTOR // 4, "one FAT sector is enough for test files"
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREE] * (SECTOR // 4 - len(fat))))
    directory = _directory(list(streams), starts, [len(d) for d in streams.values()])
    data = b"".join(body.ljust(-(-len(body) // SECTOR) * SECTOR, b"\0") for body in bodies)
    return _header() + fat_sector + directory + data


def _header() -> bytes:
    difat = [0] + [FREE] * 108  # the FAT is sector 0
    return (MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
            + struct.pack("<IIIIIIIII", 0, 1, 1, 0, MINI_CUTOFF, END, 0, END, 0)
            + struct.pack("<109I", *difat))


def _directory(names: list[str], starts: list[int], sizes: list[int]) -> bytes:
    """Root entry, then the streams; the tree is a chain of right siblings in CFB name order."""
    assert len(names) <= SECTOR // 128 - 1, "at most three streams fit in one directory sector"
    ordered = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    right = {index: (ordered[n + 1] + 1 if n + 1 < len(ordered) else NO_STREAM) for n, index in enumerate(ordered)}
    entries = [_entry("Root Entry", 5, child=ordered[0] + 1 if ordered else NO_STREAM, start=END, size=0)]
    entries += [_entry(name, 2, right=right[i], start=starts[i], size=sizes[i]) for i, name in enumerate(names)]
    return b"".join(entries).ljust(SECTOR, b"\0")


def _entry(name: str, kind: int, *, child: int = NO_STREAM, right: int = NO_STREAM, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NO_STREAM, right, child) + b"\0" * 16 + struct.pack("<I", 0)
            + b"\0" * 16 + struct.pack("<II", start, size) + b"\0" * 4)
