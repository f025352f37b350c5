"""The limits of ``exports.safe_open`` for an Excel 97-2003 workbook (.xls) before calamine reads it.

An .xls is a compound file (sectors chained by a FAT) holding the ``Workbook`` stream of BIFF
records.  A reader fills every position up to the last row and column holding a cell, so two
cells at A1 and IV65536 make 16 million positions out of a few bytes; the walk below follows the
chains (each sector once: a loop is a damaged file) and the cell records of every sheet, and
refuses a file whose cells or grid exceed the limits, before anything is filled.  Cells that use
a string of the shared-string table (SST) count its length each: one long string used by every
cell is as much text as the reader makes of it (``exports.cell_text``).
"""

from __future__ import annotations

import struct
from itertools import takewhile
from pathlib import Path

from exports.cell_text import MAX_CELL_TEXT

_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_BOF, _EOF = 0x0809, 0x000A
# Records that place a cell at (row, column) in their first four bytes.
_CELLS = {0x0203, 0x00FD, 0x027E, 0x0201, 0x0006, 0x0205, 0x0204, 0x00D6}
_MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column in the last two bytes
_SST, _CONTINUE, _LABELSST = 0x00FC, 0x003C, 0x00FD
_STREAMS = ("Workbook", "Book")


class XlsRefused(ValueError):
    """An .xls that is not read; the message says why, in Chinese (without the file's name)."""


class _Damaged(ValueError):
    pass


def is_xls(path: Path) -> bool:
    try:
        return _workbook_stream(Path(path).read_bytes()) is not None
    except (_Damaged, struct.error, IndexError):
        return False


def check_xls(path: Path, max_cells: int, max_grid: int) -> None:
    """XlsRefused when the workbook is damaged or would make more than the limits."""
    try:
        stream = _workbook_stream(Path(path).read_bytes())
        cells, grid, text = _walk(stream or b"")
    except (_Damaged, struct.error, IndexError) as exc:
        raise XlsRefused("Excel 97-2003 工作簿（.xls）已损坏，无法读取。") from exc
    if cells > max_cells:
        raise XlsRefused(f"单元格过多（至少 {cells:,} 个，上限 {max_cells:,} 个），已拒绝读取。")
    if grid > max_grid:
        raise XlsRefused(f"工作表的行列范围过大（算上空行空列 {grid:,} 个单元格位置，上限 {max_grid:,} 个），"
                         "可能是恶意构造的文件，已拒绝读取。")
    if text > MAX_CELL_TEXT:
        raise XlsRefused(f"单元格文字过多（共 {text:,} 字以上，上限 {MAX_CELL_TEXT:,} 字），可能是恶意构造的文件，已拒绝读取。")


def _walk(stream: bytes) -> tuple[int, int, int]:
    """Cells, grid positions and characters of shared strings used, over every sheet's substream."""
    cells = grid = text = 0
    rows = columns = 0
    strings: list[int] = []
    for kind, body, offset in _records(stream):
        if kind == _BOF:
            rows = columns = 0
        elif kind == _EOF:
            grid += rows * columns
            rows = columns = 0
        elif kind == _SST:
            following = takewhile(lambda record: record[0] == _CONTINUE, _records(stream, offset))
            strings = _string_lengths([body] + [b for _kind, b, _end in following])
        elif kind in _CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            cells += 1
            rows, columns = max(rows, row + 1), max(columns, column + 1)
            if kind == _LABELSST and len(body) >= 10:
                index = struct.unpack_from("<I", body, 6)[0]
                text += strings[index] if index < len(strings) else 0
        elif kind in _MULTI and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            cells += max(last - first + 1, 1)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
    return cells, grid + rows * columns, text


def _records(stream: bytes, offset: int = 0):
    """(kind, body, offset after it) of each BIFF record from ``offset``."""
    while offset + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, offset)
        body = stream[offset + 4: offset + 4 + size]
        offset += 4 + size
        yield kind, body, offset


def _string_lengths(chunks: list[bytes]) -> list[int]:
    """The length in characters of each string of an SST record and its CONTINUE records.

    A string's characters may go on in the next CONTINUE record, which then starts with a byte
    saying whether they are one or two bytes wide; runs and extended data are skipped."""
    reader = _Chunks(chunks)
    unique = struct.unpack_from("<I", chunks[0], 4)[0] if len(chunks[0]) >= 8 else 0
    reader.skip(8)
    lengths = []
    while len(lengths) < unique and not reader.done():
        count = reader.integer(2)
        flags = reader.integer(1)
        runs = reader.integer(2) if flags & 8 else 0
        extended = reader.integer(4) if flags & 4 else 0
        reader.characters(count, wide=bool(flags & 1))
        reader.skip(4 * runs + extended)
        lengths.append(count)
    return lengths


class _Chunks:
    def __init__(self, chunks: list[bytes]):
        self.chunks, self.index, self.position = chunks, 0, 0

    def done(self) -> bool:
        return self.index >= len(self.chunks) or (self.index == len(self.chunks) - 1
                                                   and self.position >= len(self.chunks[-1]))

    def _next(self) -> bytes:
        while self.index < len(self.chunks) and self.position >= len(self.chunks[self.index]):
            self.index, self.position = self.index + 1, 0
        if self.index >= len(self.chunks):
            raise _Damaged("SST ends inside a string")
        return self.chunks[self.index]

    def integer(self, size: int) -> int:
        chunk = self._next()
        if self.position + size > len(chunk):
            raise _Damaged("SST field split")
        value = int.from_bytes(chunk[self.position: self.position + size], "little")
        self.position += size
        return value

    def skip(self, size: int) -> None:
        while size > 0:
            chunk = self._next()
            step = min(size, len(chunk) - self.position)
            self.position += step
            size -= step

    def characters(self, count: int, wide: bool) -> None:
        while count > 0:
            if self.index >= len(self.chunks):
                raise _Damaged("SST ends inside a string")
            chunk = self.chunks[self.index]
            if self.position >= len(chunk):  # continued: the next record starts with its own width flag
                self.index += 1
                if self.index >= len(self.chunks) or not self.chunks[self.index]:
                    raise _Damaged("SST ends inside a string")
                wide, self.position = bool(self.chunks[self.index][0] & 1), 1
                continue
            step = min(count, (len(chunk) - self.position) // (2 if wide else 1))
            if step == 0:
                raise _Damaged("half a character")
            self.position += step * (2 if wide else 1)
            count -= step


def _workbook_stream(data: bytes) -> bytes | None:
    """The Workbook stream of a compound file; None when it has none (not an .xls)."""
    if len(data) < 512:
        raise _Damaged("header")
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise _Damaged("sector size")
    size = 1 << shift
    fat = _fat(data, size)
    directory = _chain(data, fat, struct.unpack_from("<I", data, 0x30)[0], size)
    for entry in range(0, len(directory) - 127, 128):
        name_bytes = struct.unpack_from("<H", directory, entry + 64)[0]
        name = directory[entry: entry + max(name_bytes - 2, 0)].decode("utf-16-le", "replace")
        if directory[entry + 66] == 2 and name in _STREAMS:
            start, length = struct.unpack_from("<IQ", directory, entry + 116)
            if shift == 9:
                length &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            if length < struct.unpack_from("<I", data, 0x38)[0]:  # a small stream lives in the mini stream
                return _mini_stream(data, fat, directory, size, start)[:length]
            return _chain(data, fat, start, size)[:length]
    return None


def _mini_stream(data: bytes, fat: list[int], directory: bytes, size: int, start: int) -> bytes:
    """A stream under the cutoff: 64-byte mini sectors inside the root entry's stream, chained by the mini FAT."""
    root_start, root_length = struct.unpack_from("<IQ", directory, 116)
    mini = _chain(data, fat, root_start, size)[: root_length & 0xFFFFFFFF]
    table = _chain(data, fat, struct.unpack_from("<I", data, 0x3C)[0], size)
    minifat = list(struct.unpack_from(f"<{len(table) // 4}I", table))
    parts, seen, sector = [], set(), start
    while sector not in (_END, _FREE):
        if sector in seen or sector >= len(minifat) or (sector + 1) * 64 > len(mini):
            raise _Damaged("mini chain")
        seen.add(sector)
        parts.append(mini[sector * 64: (sector + 1) * 64])
        sector = minifat[sector]
    return b"".join(parts)


def _fat(data: bytes, size: int) -> list[int]:
    count = struct.unpack_from("<I", data, 0x2C)[0]
    sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_END, _FREE)]
    following, seen = struct.unpack_from("<I", data, 0x44)[0], set()
    while following not in (_END, _FREE) and len(sectors) < count:
        if following in seen:
            raise _Damaged("difat loop")
        seen.add(following)
        block = _sector(data, following, size)
        entries = struct.unpack_from(f"<{size // 4}I", block)
        sectors += [s for s in entries[:-1] if s not in (_END, _FREE)]
        following = entries[-1]
    fat: list[int] = []
    for sector in sectors[:count]:
        fat += struct.unpack_from(f"<{size // 4}I", _sector(data, sector, size))
    return fat


def _chain(data: bytes, fat: list[int], start: int, size: int) -> bytes:
    parts, seen, sector = [], set(), start
    while sector not in (_END, _FREE):
        if sector in seen or sector >= len(fat):
            raise _Damaged("chain")
        seen.add(sector)
        parts.append(_sector(data, sector, size))
        sector = fat[sector]
    return b"".join(parts)


def _sector(data: bytes, number: int, size: int) -> bytes:
    start = (number + 1) * size
    if start + size > len(data):
        raise _Damaged("sector beyond the file")
    return data[start: start + size]
