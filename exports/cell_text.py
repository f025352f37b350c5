"""How much text a reader makes of an .xlsx's cells: shared strings count once per cell using them.

A 44 KB file can hold one 32,767-character shared string used by 6,000 cells; a reader that fills
every cell (calamine does) makes 200 million characters of it.  ``exports.safe_open`` counts the
cells that use a shared string while it scans; when that count times the longest string the
shared-string part could hold stays under the limit (every workbook a department sends), nothing
more is read.  Otherwise the exact figure is taken here: the length of each shared string, and
the string each such cell uses.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.parsers import expat

MAX_CELL_TEXT = 20_000_000  # characters in all cells together
MAX_STRING = 32_767  # what one cell can hold
_BLOCK = 2**20
_SHARED_STRINGS = re.compile(rb'Type="[^"]*/sharedStrings"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*/sharedStrings"')


class TooMuchText(ValueError):
    def __init__(self, characters: int):
        super().__init__(characters)
        self.characters = characters


def check_cell_text(archive: zipfile.ZipFile, shared_cells: int) -> None:
    """TooMuchText when the cells using shared strings would make more than MAX_CELL_TEXT characters."""
    part = _shared_strings_part(archive)
    if part is None or not shared_cells:
        return
    longest = min(archive.getinfo(part).file_size, MAX_STRING)
    if shared_cells * longest <= MAX_CELL_TEXT:
        return
    lengths = _string_lengths(archive, part)
    total = 0
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            for index in _shared_indexes(archive, name):
                total += lengths[index] if 0 <= index < len(lengths) else 0
                if total > MAX_CELL_TEXT:
                    raise TooMuchText(total)


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names and archive.getinfo(rels).file_size < 2**20:
        match = _SHARED_STRINGS.search(archive.read(rels))
        if match:
            target = (match.group(1) or match.group(2)).decode("utf-8", "replace")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if path in names:
                return path
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None


def _parse(archive: zipfile.ZipFile, name: str, parser) -> None:
    with archive.open(name) as stream:
        while block := stream.read(_BLOCK):
            parser.Parse(block, False)
    parser.Parse(b"", True)


def _string_lengths(archive: zipfile.ZipFile, part: str) -> list[int]:
    """Characters of each <si> (its <t> texts, rich-text runs together; phonetic runs are not shown)."""
    lengths: list[int] = []
    state = {"t": 0, "rph": 0}
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag, _attributes):
        local = tag.rpartition(" ")[2]
        if local == "si":
            lengths.append(0)
        elif local in state:
            state[local] += 1

    def end(tag):
        local = tag.rpartition(" ")[2]
        if local in state:
            state[local] -= 1

    def text(data):
        if state["t"] and not state["rph"] and lengths:
            lengths[-1] += len(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    _parse(archive, part, parser)
    return lengths


def _shared_indexes(archive: zipfile.ZipFile, part: str):
    """The shared-string index of every cell of a sheet that uses one (t="s")."""
    found: list[int] = []
    state = {"shared": False, "v": False, "text": ""}
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag, attributes):
        local = tag.rpartition(" ")[2]
        if local == "c":
            state["shared"] = attributes.get("t") == "s"
        elif local == "v" and state["shared"]:
            state["v"], state["text"] = True, ""

    def end(tag):
        if state["v"] and tag.rpartition(" ")[2] == "v":
            state["v"] = False
            digits = state["text"].strip()
            found.append(int(digits) if digits.isascii() and digits.isdigit() else -1)

    def text(data):
        if state["v"]:
            state["text"] += data

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    _parse(archive, part, parser)
    return found
