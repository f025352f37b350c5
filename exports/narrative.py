"""Reading a department's narrative report (工作推进情况 / 工作总结) into plain text.

Accepted: ``.txt`` in UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 as saved by
Chinese Windows Notepad; ``.docx`` (Word 2007 and later) through python-docx, paragraphs and
table rows in document order, one per line.  Anything else is refused with a ``NarrativeError``
that says which file, what is wrong and what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # far beyond any report; protects against opening the wrong file
SUFFIXES = (".txt", ".docx")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


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
    data = _read_bytes(path)
    text = docx_text(path) if suffix == ".docx" else decode_text(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NarrativeError(f"{path.name}：文件中没有文字。")
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise NarrativeError(f"{path.name}：文件有 {size // (1024 * 1024)} MB，太大，不像一份工作报告。")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NarrativeError(f"找不到文件 {path}。") from exc
    except IsADirectoryError as exc:
        raise NarrativeError(f"{path} 是文件夹，不是文件。") from exc
    except PermissionError as exc:
        raise NarrativeError(f"{path.name}：没有读取权限（文件可能正被其他程序独占打开）。") from exc
    except OSError as exc:
        raise NarrativeError(f"{path.name}：无法读取（{exc.strerror or exc}）。") from exc


def decode_text(data: bytes, name: str = "文件") -> str:
    """Text of a .txt file: BOM first, then UTF-8, then GB18030 (a superset of GBK)."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NarrativeError(f"{name}：不是纯文本文件（含有二进制内容）。Word 文件请保存为 .docx。")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode(data, "gb18030", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NarrativeError(
            f"{name}：无法识别文字编码（第 {exc.start + 1} 个字节起无法按 UTF-8 或 GBK 读取）。"
            "请用记事本“另存为”，编码选 UTF-8 后再核对。"
        ) from exc


def docx_text(path: Path) -> str:
    """Paragraphs and table rows (cells apart by tabs) of a .docx, in document order, one per line."""
    from docx import Document  # imported on first use: loading lxml takes a moment
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise NarrativeError(f"{path.name}：不是有效的 .docx 文件（可能已损坏、加了密码，或只是改了扩展名）。")
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NarrativeError(f"{path.name}：无法打开这个 Word 文件（{exc}）。请在 Word 中打开并重新保存为 .docx。") from exc
    return "\n".join(_lines(document))


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
