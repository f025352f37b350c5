"""Reading a department's narrative report (工作推进情况 / 工作总结) into plain text.

Accepted: ``.txt`` in UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, or GBK/GB18030 as
saved by Chinese Windows Notepad; ``.docx`` (Word 2007 and later) through python-docx, paragraphs
and table rows in document order, one per line.  Anything else is refused with a ``NarrativeError``
that says which file, what is wrong and what to do — never a text read half or read as garbage:
decoding is strict, and text with control characters is no text.

Limits keep a hostile or mistaken file from costing minutes or gigabytes: the file's size, the
unpacked size of a .docx, its XML (parsed by expat before python-docx builds anything: no DTD,
well-formed, bounded depth and element count), the length of the text and the number of its
figures, both far beyond any report (the cross-check's time grows with the figures).
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from pathlib import Path

from exports.safe_open import (
    OLE_MAGIC,
    XmlCounts,
    XmlLimitReached,
    XmlRefused,
    scan_xml,
    unpacked_size,
    xml_parts,
)
from validation.crosscheck.figures import extract_figures

MAX_TEXT_CHARS = 200_000  # characters; the longest real report seen has about 10,000
MAX_FIGURES = 5_000  # figures and placeholders; the richest real report has about 150
MAX_BYTES = 50 * 1024 * 1024  # a .docx with pictures; protects against opening the wrong file
MAX_TXT_BYTES = 4 * MAX_TEXT_CHARS + 4  # UTF-32 takes four bytes a character
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_XML_ELEMENTS = 1_000_000  # python-docx builds every element of the document in memory
SUFFIXES = (".txt", ".docx")
# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"), (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
         (b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"))
_SAVE_AS_UTF8 = "请用记事本打开，“另存为”时编码选 UTF-8 后再核对。"
_RESAVE_DOCX = "请在 Word 中打开并重新“另存为” .docx（或纯文本 .txt）后再核对。"


class NarrativeError(ValueError):
    """A report file that cannot be read; the message is for the person who chose it."""


def read_narrative(path: str | Path) -> str:
    """The report's text, with ``\\n`` line ends."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise NarrativeError(f"{path.name}：不支持旧版 Word（.doc）文件。请在 Word 中“另存为” .docx 或纯文本（.txt）后再核对。")
    if suffix not in SUFFIXES:
        raise NarrativeError(f"{path.name}：只能读取 .txt 或 .docx 文件，而不是“{path.suffix or '无扩展名'}”。")
    if suffix == ".docx":
        _check_size(path, MAX_BYTES)
        text = docx_text(path)
    else:
        _check_size(path, MAX_TXT_BYTES)
        text = decode_text(_read_bytes(path), path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NarrativeError(f"{path.name}：文件中没有文字。")
    check_length(text, path.name)
    return text


def check_length(text: str, name: str) -> None:
    """The cross-check reads each figure's neighbourhood: its time grows with the figures."""
    if len(text) > MAX_TEXT_CHARS:
        raise NarrativeError(f"{name}：文字太长（{len(text):,} 字，上限 {MAX_TEXT_CHARS:,} 字），不像一份工作报告。"
                             "请只核对报告正文，或分成几份分别核对。")
    figures = len(extract_figures(text))
    if figures > MAX_FIGURES:
        raise NarrativeError(f"{name}：数字太多（{figures:,} 个，上限 {MAX_FIGURES:,} 个），不像一份工作报告。"
                             "请只核对报告正文，或分成几份分别核对。")


def _check_size(path: Path, limit: int) -> None:
    size = _os_call(path, lambda: path.stat().st_size)
    if not path.is_file():
        raise NarrativeError(f"{path} 是文件夹，不是文件。")
    if size > limit:
        shown = f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"
        raise NarrativeError(f"{path.name}：文件有 {shown}，超过上限（{limit / 2**20:.1f} MB），不像一份工作报告。")


def _read_bytes(path: Path) -> bytes:
    return _os_call(path, path.read_bytes)


def _os_call(path: Path, call):
    try:
        return call()
    except FileNotFoundError as exc:
        raise NarrativeError(f"找不到文件 {path}。") from exc
    except IsADirectoryError as exc:
        raise NarrativeError(f"{path} 是文件夹，不是文件。") from exc
    except PermissionError as exc:
        raise NarrativeError(f"{path.name}：没有读取权限（文件可能正被其他程序独占打开）。") from exc
    except OSError as exc:
        raise NarrativeError(f"{path.name}：无法读取（{exc.strerror or '系统错误'}）。") from exc


# ---- plain text --------------------------------------------------------------------------

def decode_text(data: bytes, name: str = "文件") -> str:
    """Text of a .txt file: by its BOM (UTF-32, UTF-8, UTF-16), else UTF-8, else GB18030 (a
    superset of GBK); every decoding strict, and the result must be text, not control characters."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data[len(bom):], encoding, label, name), name)
    if b"\x00" in data:
        raise NarrativeError(f"{name}：不是纯文本文件（含有空字节，可能是二进制文件，或没有 BOM 标记的 UTF-16/UTF-32 文本）。"
                             f"Word 文件请保存为 .docx；文本文件{_SAVE_AS_UTF8}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode(data, "gb18030", "UTF-8 或 GBK", name)
    return _checked(text, name)


def _decode(data: bytes, encoding: str, label: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NarrativeError(
            f"{name}：无法识别文字编码（第 {exc.start + 1} 个字节起无法按 {label} 读取）。{_SAVE_AS_UTF8}"
        ) from exc


def _checked(text: str, name: str) -> str:
    """Refuse bytes that decoded without error but are no text (a binary file read as GB18030)."""
    for position, char in enumerate(text):
        if _not_text(char):
            raise NarrativeError(f"{name}：第 {position + 1} 个字符（U+{ord(char):04X}）是控制字符，"
                                 f"文件不像纯文本（可能是二进制文件，或编码不对）。{_SAVE_AS_UTF8}")
    return text


def _not_text(char: str) -> bool:
    if char in "\t\n\r\f\v":
        return False
    category = unicodedata.category(char)
    return category in ("Cc", "Cs") or category == "Cn" and (ord(char) & 0xFFFE == 0xFFFE or 0xFDD0 <= ord(char) <= 0xFDEF)


# ---- Word documents ------------------------------------------------------------------------

def docx_text(path: Path) -> str:
    """Paragraphs and table rows (cells apart by tabs) of a .docx, in document order, one per line."""
    from docx import Document  # imported on first use: loading lxml takes a moment

    check_docx(path)
    try:
        return "\n".join(_lines(Document(str(path))))
    except Exception as exc:  # noqa: BLE001 — a parser of a checked but still foreign file: any failure is the file's
        raise NarrativeError(f"{path.name}：无法打开这个 Word 文件（文件已损坏，或不是标准的 .docx 文档）。{_RESAVE_DOCX}") from exc


def check_docx(path: Path) -> None:
    """The package and every XML part in it, before python-docx parses anything."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise NarrativeError(f"{path.name}：这是旧版 Word（.doc）文件，或设置了打开密码的文件，无法读取。"
                             f"请在 Word 中取消密码，或{_RESAVE_DOCX[1:]}")
    if not zipfile.is_zipfile(path):
        raise NarrativeError(f"{path.name}：不是有效的 .docx 文件（可能已损坏、加了密码，或只是改了扩展名）。")
    counts = XmlCounts(max_elements=MAX_XML_ELEMENTS, max_cells=MAX_XML_ELEMENTS, max_grid=2**62,  # no sheets in Word
                       max_text=MAX_TEXT_CHARS)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_package(path, archive)
            for info in xml_parts(archive):
                scan_xml(archive, info.filename, counts)
    except XmlLimitReached as exc:
        raise NarrativeError(f"{path.name}：{_over_limit(exc.what, counts)}") from exc
    except XmlRefused as exc:
        raise NarrativeError(f"{path.name}：{exc.reason(what='Word 文档（.docx）')}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        # RuntimeError: a zip member with a password; NotImplementedError: a compression Word never uses
        raise NarrativeError(f"{path.name}：文件已损坏或加了密码，无法解压。{_RESAVE_DOCX}") from exc


def _check_package(path: Path, archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise NarrativeError(f"{path.name}：{_foreign_package(names)}")
    unpacked = unpacked_size(archive)
    if unpacked > MAX_UNPACKED_BYTES:
        raise NarrativeError(f"{path.name}：解压后过大（{unpacked / 2**20:.0f} MB，上限 {MAX_UNPACKED_BYTES // 2**20} MB），"
                             "可能是恶意构造的压缩文件，已拒绝读取。")


def _foreign_package(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "这是 Excel 工作簿，不是 Word 文档。"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Word 文档。"
    if "content.xml" in names and "mimetype" in names:
        return f"这是 WPS/LibreOffice 的 OpenDocument 文档（.odt），不是 .docx。{_RESAVE_DOCX}"
    return f"无法打开这个 Word 文件：这是一个压缩文件，但不是 Word 文档（.docx）。{_RESAVE_DOCX}"


def _over_limit(what: str, counts: XmlCounts) -> str:
    if what == "text":
        return (f"文字太长（超过 {MAX_TEXT_CHARS:,} 字的上限），不像一份工作报告。"
                "请只核对报告正文，或分成几份分别核对。")
    return f"XML 元素过多（超过 {MAX_XML_ELEMENTS:,} 个），可能是恶意构造的文件，已拒绝读取。"


def _lines(document):
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield block.text


def _table_lines(table):
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = cell.text.strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        yield "\t".join(cells)
