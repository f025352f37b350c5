"""Opening a workbook (or any Office package) someone sent us, safely.

Before openpyxl sees a file it must be: not too large, a zip (not an .xls, an encrypted
package or some other file renamed), an Excel workbook inside (not a Word document), not too
large once unpacked (checked from the zip directory; Python's zip reader never inflates a member
beyond its declared size, so the check holds for hostile files too). Then every part that any XML
parser could read as XML is streamed once through expat (``scan_xml``): it must be well-formed,
declare no DTD (so no entity is ever defined, let alone expanded, whatever the encoding or the
comments before it), nest no deeper than Office does, and hold no more cells than the limit.
Pattern-matching the bytes is not enough: a ``<x`` inside a comment or UTF-16 without a BOM hides
a DOCTYPE from a regular expression but not from a parser. openpyxl itself parses through
defusedxml; we refuse to open anything if it is not in effect.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.workbook.workbook import Workbook

from exports.cell_text import MAX_CELL_TEXT, TooMuchText, check_cell_text
from exports.xls_check import XlsRefused, check_xls, is_xls

MAX_FILE_BYTES = 20 * 2**20
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
MAX_CELLS = 1_000_000
MAX_ELEMENTS = 4 * MAX_CELLS  # a sheet of a million cells has about two million elements (row, c, v)
# Cell positions a reader walks through: openpyxl yields every empty row up to a row number and
# every empty cell up to a column, so <row r="99999999999"> in a 2 KB file would take hours.
MAX_GRID = 2 * MAX_CELLS
MAX_DEPTH = 200  # Office nests a few dozen levels; lxml, which openpyxl and python-docx use, stops at 256
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# First bytes by which a parser recognises XML: byte-order marks, then "<" in UTF-16, UTF-32 and
# EBCDIC (libxml2 reads all of these; expat only some, so expat must accept what libxml2 would read).
_XML_STARTS = (b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe", b"\x00\x00\xfe\xff", b"<\x00", b"\x00<",
               b"\x00\x00\x00<", b"\x00\x00<\x00", b"\x4c\x6f\xa7\x94")
_XML_NAMES = (".xml", ".rels", ".vml")
_BLOCK = 2**20


class WorkbookError(ValueError):
    """A file that cannot be opened as a workbook; the message says why, in Chinese."""


def open_workbook(path: Path, *, read_only: bool, data_only: bool = False) -> Workbook:
    """Check ``path`` and open it with openpyxl; WorkbookError with the reason otherwise."""
    check_file(path)
    with guarded(path):
        return openpyxl.load_workbook(path, read_only=read_only, data_only=data_only, keep_links=False)


def check_file(path: Path) -> None:
    """An .xlsx that openpyxl may open (templates, catalog workbooks)."""
    path = Path(path)
    if not openpyxl.DEFUSEDXML:
        raise WorkbookError("安全组件 defusedxml 未启用（环境变量 OPENPYXL_DEFUSEDXML），为安全起见拒绝打开工作簿。")
    if _head(path) == OLE_MAGIC:
        raise WorkbookError(f"{path.name}：{_ole_reason(path)}")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(path, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(
            f"{path.name}：不是 Excel 工作簿（.xlsx），或文件已损坏。"
            "若是 .xls、.csv 或 WPS 格式，请在 Excel/WPS 中“另存为 Excel 工作簿（*.xlsx）”。"
        ) from exc


@dataclass(frozen=True)
class Checked:
    form: str  # xlsx, ods or xls
    formulas: int = 0  # formula cells found (.xlsx)
    errors: int = 0  # cells holding an error value (.xlsx)


def check_spreadsheet(path: Path) -> Checked:
    """A workbook calamine may read: an .xlsx or .ods within the limits above, or an .xls whose
    records stay within them (``exports.xls_check``); WorkbookError with the reason otherwise."""
    path = Path(path)
    if _head(path) == OLE_MAGIC:
        if not is_xls(path):
            raise WorkbookError(f"{path.name}：{_ole_reason(path)}")
        try:
            check_xls(path, MAX_CELLS, MAX_GRID)
        except XlsRefused as exc:
            raise WorkbookError(f"{path.name}：{exc}") from exc
        return Checked("xls")
    try:
        with zipfile.ZipFile(path) as archive:
            if _is_ods(archive):
                _check_parts(path, archive, "OpenDocument 电子表格", ods=True)
                return Checked("ods")
            counts = _check_archive(path, archive)
            return Checked("xlsx", counts.formulas, counts.errors)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(
            f"{path.name}：不是电子表格（.xlsx、.xls 或 .ods），或文件已损坏。"
            "若是 .csv 或其他格式，请在 Excel/WPS 中“另存为 Excel 工作簿（*.xlsx）”。"
        ) from exc


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _is_ods(archive: zipfile.ZipFile) -> bool:
    if "mimetype" not in archive.namelist() or archive.getinfo("mimetype").file_size > 200:
        return False
    return archive.read("mimetype").strip() == ODS_MIMETYPE


def _head(path: Path) -> bytes:
    size = _size(path)
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"{path.name}：文件过大（{size / 2**20:.1f} MB，上限 {MAX_FILE_BYTES // 2**20} MB）。")
    with path.open("rb") as handle:
        return handle.read(8)


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Turn what openpyxl and the XML parser raise on a bad file into a WorkbookError."""
    name = Path(path).name
    try:
        yield
    except DefusedXmlException as exc:
        raise WorkbookError(f"{name}：文件含有不安全的 XML 内容（{type(exc).__name__}），已拒绝读取。") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(f"{name}：文件已损坏，无法解压。") from exc
    except (SyntaxError, KeyError, ValueError, TypeError, IndexError, AttributeError, OSError) as exc:
        # SyntaxError: the parse errors of ElementTree and lxml; OSError: openpyxl's "File contains
        # no valid workbook part" (no part has a workbook's content type)
        if isinstance(exc, WorkbookError):
            raise
        unsafe = _unsafe_cause(exc)
        if unsafe is not None:
            raise WorkbookError(f"{name}：文件含有不安全的 XML 内容（{type(unsafe).__name__}），已拒绝读取。") from exc
        raise WorkbookError(f"{name}：文件已损坏或不是标准的 Excel 工作簿，无法读取{_chinese_detail(exc)}。") from exc


def _chinese_detail(exc: BaseException) -> str:
    """The first line of what our own readers said (Chinese) in brackets; a library's English text
    (openpyxl, lxml, zipfile) is not shown: no user of this program reads it."""
    line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"（{line}）" if re.search(r"[\u4e00-\u9fff]", line) else ""


def _unsafe_cause(exc: BaseException) -> DefusedXmlException | None:
    """openpyxl re-raises parser errors as a plain ValueError; look down the chain."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def _size(path: Path) -> int:
    try:
        if not path.is_file():
            raise WorkbookError(f"{path}：找不到文件（或它是一个文件夹）。")
        return path.stat().st_size
    except OSError as exc:
        raise WorkbookError(f"{path}：无法读取文件（{exc.strerror or exc}）。") from exc


def _ole_reason(path: Path) -> str:
    """An OLE compound file: an encrypted (password-protected) .xlsx, an .xls or something else."""
    content = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in content:
        return "工作簿设置了打开密码（已加密），无法读取。请在 Excel 中取消密码（文件→信息→保护工作簿）后再导入。"
    if any(name.encode("utf-16-le") in content for name in ("Workbook", "Book")):
        return "这是旧版 Excel 97-2003 工作簿（.xls）。请在 Excel/WPS 中“另存为 Excel 工作簿（*.xlsx）”后再导入。"
    return "这是 Office 97-2003 格式的文件（不是 .xlsx 工作簿）。"


def _check_archive(path: Path, archive: zipfile.ZipFile) -> XmlCounts:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"{path.name}：{_foreign_package(names)}")
    if not _declared_workbook(archive):
        raise WorkbookError(f"{path.name}：文件已损坏或不是标准的 Excel 工作簿，无法读取（没有声明为工作簿的部件）。")
    counts = _check_parts(path, archive, "Excel 工作簿")
    try:
        check_cell_text(archive, counts.shared)
    except TooMuchText as exc:
        raise WorkbookError(f"{path.name}：单元格文字过多（共 {exc.characters:,} 字以上，上限 {MAX_CELL_TEXT:,} 字），"
                            "可能是恶意构造的文件，已拒绝读取。") from exc
    return counts


_WORKBOOK_TYPES = (b"spreadsheetml.sheet.main+xml", b"spreadsheetml.template.main+xml",
                   b"ms-excel.sheet.macroEnabled.main+xml", b"ms-excel.template.macroEnabled.main+xml")


def _declared_workbook(archive: zipfile.ZipFile) -> bool:
    """[Content_Types].xml names a workbook part (Excel and openpyxl open nothing else)."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return False
    if info.file_size > 2**20:
        return True  # an oversized part is left to the XML limits below
    types = archive.read(info)
    return any(kind in types for kind in _WORKBOOK_TYPES)


def _check_parts(path: Path, archive: zipfile.ZipFile, what: str, ods: bool = False) -> XmlCounts:
    unpacked = unpacked_size(archive)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError(
            f"{path.name}：解压后过大（{unpacked / 2**20:.0f} MB，上限 {MAX_UNCOMPRESSED_BYTES // 2**20} MB），"
            "可能是恶意构造的压缩文件，已拒绝读取。"
        )
    counts = XmlCounts()
    try:
        for info in xml_parts(archive):
            scan_xml(archive, info.filename, counts, ods=ods)
    except XmlLimitReached as exc:
        raise WorkbookError(f"{path.name}：{_over_limit(exc.what, counts)}，已拒绝读取。") from exc
    except XmlRefused as exc:
        raise WorkbookError(f"{path.name}：{exc.reason(what=what)}") from exc
    return counts


def _over_limit(what: str, counts: XmlCounts) -> str:
    if what == "cells":
        return f"单元格过多（至少 {counts.cells:,} 个，上限 {MAX_CELLS:,} 个）"
    if what == "grid":
        return (f"工作表的行列范围过大（算上空行空列至少 {counts.grid:,} 个单元格位置，上限 {MAX_GRID:,} 个），"
                "可能是恶意构造的文件")
    if what == "text":
        return f"单元格文字过多（至少 {counts.text:,} 字，上限 {MAX_CELL_TEXT:,} 字），可能是恶意构造的文件"
    return f"XML 元素过多（至少 {counts.elements:,} 个，上限 {MAX_ELEMENTS:,} 个），可能是恶意构造的文件"


def unpacked_size(archive: zipfile.ZipFile) -> int:
    """The sizes the zip directory declares; the zip reader never inflates a member beyond them."""
    return sum(info.file_size for info in archive.infolist())


# ---- one streaming pass of a real XML parser over every part ------------------------------

class XmlRefused(ValueError):
    """A part that is not well-formed XML, or declares a DTD; ``unsafe`` tells which."""

    def __init__(self, part: str, detail: str, unsafe: bool):
        super().__init__(detail)
        self.part, self.detail, self.unsafe = part, detail, unsafe

    def reason(self, what: str) -> str:
        if self.unsafe:
            return f"文件含有不安全的 XML 内容（{self.part} 中有 {self.detail}），已拒绝读取。"
        return f"文件已损坏或不是标准的 {what}，无法读取（{self.part}：{self.detail}）。"


class XmlLimitReached(ValueError):
    """Counting stopped at a limit (``what``: cells, elements or text); the rest is never read."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


@dataclass
class XmlCounts:
    """What the parts hold so far, against their limits (text: characters inside ``<t>`` elements)."""

    elements: int = 0
    cells: int = 0
    grid: int = 0  # cell positions, empty ones included (rows skipped, columns up to each cell)
    text: int = 0
    formulas: int = 0  # <f> elements of an .xlsx
    errors: int = 0  # cells holding an error value (#REF! …)
    shared: int = 0  # cells using a shared string (exports.cell_text)
    max_elements: int = field(default_factory=lambda: MAX_ELEMENTS)  # read when counting starts
    max_cells: int = field(default_factory=lambda: MAX_CELLS)
    max_grid: int = field(default_factory=lambda: MAX_GRID)
    max_text: int | None = None


def xml_parts(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Every member that some XML parser would read as XML (images and other binaries are skipped)."""
    found = []
    for info in archive.infolist():
        if info.is_dir():
            continue
        with archive.open(info) as stream:
            head = stream.read(4)
        if info.filename.lower().endswith(_XML_NAMES) or head.lstrip(b" \t\r\n").startswith(b"<") \
                or head.startswith(_XML_STARTS):
            found.append(info)
    return found


def scan_xml(archive: zipfile.ZipFile, name: str, counts: XmlCounts, ods: bool = False) -> None:
    """Parse one part with expat, block by block: no DTD, well-formed, not too deep, counted."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    (_OdsWatcher if ods else _Watcher)(parser, name, counts)
    try:
        with archive.open(name) as stream:
            while block := stream.read(_BLOCK):
                parser.Parse(block, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise XmlRefused(name, f"第 {exc.lineno} 行第 {exc.offset + 1} 列 XML 格式错误", unsafe=False) from exc


class _Watcher:
    """The expat handlers of one part: refuse a DTD at its first token, count what the limits bound.

    They run for every element of every sheet, so they do little: local names and column
    letters are looked up once per distinct value.
    """

    def __init__(self, parser, name: str, counts: XmlCounts):
        self.name, self.counts, self.depth, self.in_text = name, counts, 0, 0
        self.row, self.column = 0, 0
        self.locals: dict[str, str] = {}
        self.columns: dict[str, int] = {}
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        if counts.max_text is not None:
            parser.EndElementHandler = self.end_counting_text
            parser.CharacterDataHandler = self.text

    def doctype(self, *_) -> None:
        raise XmlRefused(self.name, "DTD/实体定义", unsafe=True)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = self.locals.get(tag) or self.locals.setdefault(tag, tag.rpartition(" ")[2])
        counts = self.counts
        counts.elements += 1
        self.depth += 1
        if local == "c":
            self._cell(attributes.get("r"))
            kind = attributes.get("t")
            if kind == "s":
                counts.shared += 1
            elif kind == "e":
                counts.errors += 1
        elif local == "row":
            self._row(attributes.get("r"))
        elif local == "t":
            self.in_text += 1
        elif local == "f":
            counts.formulas += 1
        if self.depth > MAX_DEPTH:
            raise XmlRefused(self.name, f"元素嵌套超过 {MAX_DEPTH} 层", unsafe=False)
        if counts.elements > counts.max_elements:
            raise XmlLimitReached("elements")

    def _row(self, number: str | None) -> None:
        # 0-9 only ("²".isdigit() holds); 19 digits already lie far beyond any sheet's grid
        row = int(number[:19]) if number and number.isascii() and number.isdigit() else self.row + 1
        self.counts.grid += max(row - self.row, 1)
        self.row, self.column = row, 0
        if self.counts.grid > self.counts.max_grid:
            raise XmlLimitReached("grid")

    def _cell(self, reference: str | None) -> None:
        counts = self.counts
        counts.cells += 1
        letters = reference.rstrip("0123456789") if reference else ""
        column = self.columns.get(letters) or self.columns.setdefault(letters, _column_index(letters))
        column = column if column > 0 else self.column + 1
        if column > self.column:
            counts.grid += column - self.column
        self.column = column
        if counts.cells > counts.max_cells:
            raise XmlLimitReached("cells")
        if counts.grid > counts.max_grid:
            raise XmlLimitReached("grid")

    def end(self, _tag: str) -> None:
        self.depth -= 1

    def end_counting_text(self, tag: str) -> None:
        self.depth -= 1
        if self.in_text and self.locals[tag] == "t":
            self.in_text -= 1

    def text(self, data: str) -> None:
        if self.in_text:
            self.counts.text += len(data)
            if self.counts.text > self.counts.max_text:
                raise XmlLimitReached("text")


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_VALUE_TYPE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 value-type"


class _OdsWatcher(_Watcher):
    """The same limits for an .ods: a reader fills every position up to the last filled row and
    column of a table, and one element may stand for many (table:number-rows-repeated,
    number-columns-repeated), so filled cells count with their repeats and the grid of each table
    is its filled height × width.  Empty repeats (LibreOffice ends every row and table with one)
    fill nothing."""

    def __init__(self, parser, name: str, counts: XmlCounts):
        super().__init__(parser, name, counts)
        self.rows_repeated, self.height, self.width, self.factor = 1, 0, 0, 0
        parser.CharacterDataHandler = self.cell_text  # a repeated cell repeats its text too

    def cell_text(self, data: str) -> None:
        if self.factor:
            self.counts.text += len(data) * self.factor
            if self.counts.text > MAX_CELL_TEXT:
                raise XmlLimitReached("text")

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        super().start(tag, attributes)
        if not tag.startswith(_TABLE):
            return
        local = tag[len(_TABLE):]
        if local == "table":
            self.row = self.column = self.height = self.width = 0
        elif local == "table-row":
            self.rows_repeated, self.column = _repeat(attributes.get(_TABLE + "number-rows-repeated")), 0
        elif local in ("table-cell", "covered-table-cell"):
            self._ods_cell(_repeat(attributes.get(_TABLE + "number-columns-repeated")), _VALUE_TYPE in attributes)

    def _ods_cell(self, repeated: int, filled: bool) -> None:
        self.column += repeated
        self.factor = repeated * self.rows_repeated if filled else 0
        if not filled:
            return
        counts = self.counts
        counts.cells += repeated * self.rows_repeated
        self.width, self.height = max(self.width, self.column), max(self.height, self.row + self.rows_repeated)
        if counts.cells > counts.max_cells:
            raise XmlLimitReached("cells")
        if counts.grid + self.width * self.height > counts.max_grid:
            counts.grid += self.width * self.height
            raise XmlLimitReached("grid")

    def end(self, tag: str) -> None:
        super().end(tag)
        if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            self.factor = 0
        elif tag == _TABLE + "table-row":
            self.row += self.rows_repeated
        elif tag == _TABLE + "table":
            self.counts.grid += self.width * self.height


def _repeat(text: str | None) -> int:
    return int(text[:19]) if text and text.isascii() and text.isdigit() and int(text[:19]) > 0 else 1


def _column_index(letters: str) -> int:
    """A1-style column letters as a number (A = 1); 0 when they are no letters."""
    if not (letters.isascii() and letters.isalpha()):
        return 0
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def _foreign_package(names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "这是 Excel 二进制工作簿（.xlsb）。请“另存为 Excel 工作簿（*.xlsx）”后再导入。"
    if "content.xml" in names:
        return "这是 OpenDocument 文件，但不是电子表格（.ods）。"
    if "word/document.xml" in names:
        return "这是 Word 文档，不是 Excel 工作簿。"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Excel 工作簿。"
    return "这是一个压缩文件，但不是 Excel 工作簿（.xlsx）。"
