"""Opening a workbook someone sent us, safely.

Before openpyxl sees a file it must be: not too large, a zip (not an .xls, an encrypted
package or some other file renamed), an Excel workbook inside (not a Word document), not too
large once unpacked (checked from the zip directory; Python's zip reader never inflates a member
beyond its declared size, so the check holds for hostile files too) and not too many cells.
XML is parsed through defusedxml, which refuses entity definitions (the "billion laughs"
expansion) and external entities; we refuse to open anything if it is not in effect, and refuse
any part that declares a DTD before openpyxl parses it at all.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.workbook.workbook import Workbook

MAX_FILE_BYTES = 20 * 2**20
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
MAX_CELLS = 1_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
_PROLOG_LIMIT = 64 * 1024
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


class WorkbookError(ValueError):
    """A file that cannot be opened as a workbook; the message says why, in Chinese."""


def open_workbook(path: Path, *, read_only: bool, data_only: bool = False) -> Workbook:
    """Check ``path`` and open it with openpyxl; WorkbookError with the reason otherwise."""
    check_file(path)
    with guarded(path):
        return openpyxl.load_workbook(path, read_only=read_only, data_only=data_only, keep_links=False)


def check_file(path: Path) -> None:
    path = Path(path)
    if not openpyxl.DEFUSEDXML:
        raise WorkbookError("安全组件 defusedxml 未启用（环境变量 OPENPYXL_DEFUSEDXML），为安全起见拒绝打开工作簿。")
    size = _size(path)
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"{path.name}：文件过大（{size / 2**20:.1f} MB，上限 {MAX_FILE_BYTES // 2**20} MB）。")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise WorkbookError(f"{path.name}：{_ole_reason(path)}")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(path, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(
            f"{path.name}：不是 Excel 工作簿（.xlsx），或文件已损坏（{exc}）。"
            "若是 .xls、.csv 或 WPS 格式，请在 Excel/WPS 中“另存为 Excel 工作簿（*.xlsx）”。"
        ) from exc


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Turn what openpyxl and the XML parser raise on a bad file into a WorkbookError."""
    name = Path(path).name
    try:
        yield
    except DefusedXmlException as exc:
        raise WorkbookError(f"{name}：文件含有不安全的 XML 内容（{type(exc).__name__}），已拒绝读取。") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(f"{name}：文件已损坏，无法解压（{exc}）。") from exc
    except (ParseError, KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
        if isinstance(exc, WorkbookError):
            raise
        unsafe = _unsafe_cause(exc)
        if unsafe is not None:
            raise WorkbookError(f"{name}：文件含有不安全的 XML 内容（{type(unsafe).__name__}），已拒绝读取。") from exc
        raise WorkbookError(f"{name}：文件已损坏或不是标准的 Excel 工作簿，无法读取（{_first_line(exc)}）。") from exc


def _unsafe_cause(exc: BaseException) -> DefusedXmlException | None:
    """openpyxl re-raises parser errors as a plain ValueError; look down the chain."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


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


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"{path.name}：{_foreign_package(names)}")
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError(
            f"{path.name}：解压后过大（{unpacked / 2**20:.0f} MB，上限 {MAX_UNCOMPRESSED_BYTES // 2**20} MB），"
            "可能是恶意构造的压缩文件，已拒绝读取。"
        )
    for name in names:
        if name.lower().endswith((".xml", ".rels", ".vml")):
            _refuse_dtd(path, archive, name)
    cells = 0
    for name in sorted(n for n in names if _SHEET_PART.match(n)):
        cells += _count_cells(archive, name, stop_after=MAX_CELLS - cells)
        if cells > MAX_CELLS:  # counting stops here: the rest of a huge file is never inflated
            raise WorkbookError(f"{path.name}：单元格过多（至少 {cells:,} 个，上限 {MAX_CELLS:,} 个），已拒绝读取。")


def _refuse_dtd(path: Path, archive: zipfile.ZipFile, name: str) -> None:
    """Office never writes a DOCTYPE; one in the prolog is an entity attack, refused outright.

    (defusedxml guards the parsers openpyxl takes from it, but with lxml installed openpyxl
    parses some parts with lxml, which still expands internal entities in attributes.)
    """
    with archive.open(name) as stream:
        head = stream.read(_PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    root = _ELEMENT_START.search(head)
    prolog = head[: root.start()] if root else head
    if b"<!doctype" in prolog.lower() or b"<!entity" in prolog.lower() or (root is None and len(head) == _PROLOG_LIMIT):
        raise WorkbookError(f"{path.name}：文件含有不安全的 XML 内容（{name} 中有 DTD/实体定义），已拒绝读取。")


def _foreign_package(names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "这是 Excel 二进制工作簿（.xlsb）。请“另存为 Excel 工作簿（*.xlsx）”后再导入。"
    if "word/document.xml" in names:
        return "这是 Word 文档，不是 Excel 工作簿。"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Excel 工作簿。"
    return "这是一个压缩文件，但不是 Excel 工作簿（.xlsx）。"


def _count_cells(archive: zipfile.ZipFile, name: str, chunk: int = 2**20, stop_after: int | None = None) -> int:
    """Count <c> elements by scanning the raw XML in blocks; stop once past ``stop_after``."""
    count, tail = 0, b""
    with archive.open(name) as stream:
        while block := stream.read(chunk):
            data = tail + block
            cut = max(len(data) - 64, 0)  # tags starting after the cut are counted next time
            count += sum(1 for match in _CELL_TAG.finditer(data) if match.start() < cut)
            tail = data[cut:]
            if stop_after is not None and count > stop_after:
                return count
    return count + len(_CELL_TAG.findall(tail))
