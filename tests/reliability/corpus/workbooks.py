"""Hostile and broken department workbooks, made at test time from a real blank workbook.

Each case is ``Case(name, make, status, words)``: ``make(path)`` turns the court's blank
workbook for 2023Q3 (pre-filled from the demo district, already at ``path``) into the bad file;
``status`` is the exit status of ``import`` (1: read but refused, 2: unreadable) and ``words``
are what its message must say — the cell (sheet!cell) where there is one, and the reason.
Nothing large is committed: even the million-row and the zip-bomb files are generated here.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from exports.department import COLUMN_OF, TABLE_HEADER_ROW
from exports.identity import META_SHEET
from models.loader import load_catalog
from tests.reliability.corpus.cfb import compound_file

CATALOG = load_catalog(2023)
CONTRACTS, BANKRUPTCY = "执行合同", "办理破产"  # two of the court's sheets
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
XXE = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], object]
    status: int
    words: tuple[str, ...]


def where(code: str, column: str = "value") -> str:
    """sheet!cell of a metric's row in the blank workbook (rows follow the catalog's order)."""
    indicator = CATALOG.indicator_of(code)
    row = TABLE_HEADER_ROW + 1 + [m.code for m in indicator.metrics].index(code)
    return f"{indicator.name}!{get_column_letter(COLUMN_OF[column])}{row}"


# ---- editing a workbook as a filer (openpyxl) or as an attacker (the zip and its XML) ----

def edit(change: Callable[[openpyxl.Workbook], object]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        wb = openpyxl.load_workbook(path)
        change(wb)
        wb.save(path)
    return make


def put(code: str, value: object, column: str = "value") -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        sheet, cell = where(code, column).split("!")
        wb[sheet][cell].value = value
    return change


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, content: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)


def sheet_part(path: Path, title: str) -> str:
    """The zip part of a sheet (openpyxl numbers them in workbook order)."""
    titles = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{titles.index(title) + 1}.xml"


def rewrite(part_of: Callable[[Path], str], change: Callable[[str], str]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        content = parts(path)
        name = part_of(path)
        content[name] = change(content[name].decode("utf-8")).encode("utf-8")
        write_parts(path, content)
    return make


def in_sheet(title: str) -> Callable[[Path], str]:
    return lambda path: sheet_part(path, title)


def cell_xml(code: str, inner: str, kind: str = "n", column: str = "value") -> Callable[[str], str]:
    """Replace a cell's XML (its style kept) by ``<c t=kind>inner</c>``."""
    coordinate = where(code, column).split("!")[1]

    def change(xml: str) -> str:
        pattern = re.compile(rf'<c r="{coordinate}"(?P<style> s="\d+")?[^>]*?(?:/>|>.*?</c>)')
        replaced, count = pattern.subn(
            lambda m: f'<c r="{coordinate}"{m.group("style") or ""} t="{kind}">{inner}</c>', xml, count=1)
        assert count == 1, coordinate
        return replaced
    return change


def with_dtd(dtd: str, target: str, entity: str) -> Callable[[str], str]:
    def change(xml: str) -> str:
        body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
        assert target in body
        return '<?xml version="1.0" encoding="UTF-8"?>' + dtd + body.replace(target, entity, 1)
    return change


# ---- files that are no workbook at all ----------------------------------------------------

def text_file(path: Path) -> None:
    path.write_text("指标代码,本期数值\nct_close_rate,84.61%\n", encoding="utf-8")


def xls_renamed(path: Path) -> None:
    path.write_bytes(compound_file({"Workbook": b"\x09\x08\x10\x00" + b"\0" * 600,
                                    "\x05SummaryInformation": b"\xfe\xff" + b"\0" * 100}))


def encrypted(path: Path) -> None:
    """What Excel writes for a workbook with an open password: an OLE container, no zip."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    path.write_bytes(compound_file({"EncryptionInfo": info,
                                    "EncryptedPackage": struct.pack("<Q", 9000) + bytes(range(256)) * 36}))


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def word_document(path: Path) -> None:
    write_parts(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"})


def binary_workbook(path: Path) -> None:
    write_parts(path, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0" * 64})


def too_large(path: Path) -> None:
    with path.open("ab") as handle:
        handle.truncate(21 * 2**20)


# ---- sizes: a million rows, zip bombs ---------------------------------------------------

def million_rows(path: Path) -> None:
    """One sheet replaced by 1,000,000 rows of one cell each (~45 MB of XML, ~2 MB zipped)."""
    _sheet_of_rows(path, 1_000_000, "UTF-8", '')


def _sheet_of_rows(path: Path, rows: int, encoding: str, declaration: str) -> None:
    """The bankruptcy sheet replaced by ``rows`` rows of one cell each, streamed into the zip."""
    name = sheet_part(path, BANKRUPTCY)
    content = parts(path)
    codec = "utf-16-le" if encoding == "UTF-16" else "utf-8"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for part, data in content.items():
            if part != name:
                archive.writestr(part, data)
        with archive.open(name, "w") as stream:
            stream.write((declaration + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                          "<sheetData>").encode(codec))
            for start in range(1, rows + 1, 10_000):
                stream.write("".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                                     for n in range(start, min(start + 10_000, rows + 1))).encode(codec))
            stream.write("</sheetData></worksheet>".encode(codec))


def declared_bomb(path: Path) -> None:
    """A member whose zip directory says it unpacks to 4 GB: refused before anything is inflated."""
    _patch_declared_size(path, sheet_part(path, BANKRUPTCY), 0xFFFF_FFF0)


def lying_bomb(path: Path) -> None:
    """A member that inflates to 300 MB while the zip directory says 2 KB."""
    name = sheet_part(path, BANKRUPTCY)
    content = parts(path)
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunk, crc, deflated = b" " * 2**20, 0, []
    for _ in range(300):
        crc = zlib.crc32(chunk, crc)
        deflated.append(packer.compress(chunk))
    deflated.append(packer.flush())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in content.items():
            if part != name:
                archive.writestr(part, data)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"")  # a placeholder entry, patched below
    raw = bytearray(path.read_bytes())
    _replace_member(raw, name, b"".join(deflated), crc, declared=2048)
    path.write_bytes(bytes(raw))


def _patch_declared_size(path: Path, name: str, size: int) -> None:
    raw = bytearray(path.read_bytes())
    for offset in _headers_of(raw, name):
        field = 22 if raw[offset:offset + 4] == b"PK\x03\x04" else 24
        raw[offset + field:offset + field + 4] = struct.pack("<I", size)
    path.write_bytes(bytes(raw))


def _headers_of(raw: bytearray, name: str) -> list[int]:
    """Offsets of the local header and the central directory entry of ``name``."""
    encoded, found = name.encode(), []
    for signature, name_at in ((b"PK\x03\x04", 30), (b"PK\x01\x02", 46)):
        start = 0
        while (offset := raw.find(signature, start)) >= 0:
            if raw[offset + name_at:offset + name_at + len(encoded)] == encoded:
                found.append(offset)
            start = offset + 4
    return found


def _replace_member(raw: bytearray, name: str, data: bytes, crc: int, declared: int) -> None:
    """Put ``data`` (deflated) in place of the empty member ``name``, the last one written."""
    local, central = _headers_of(raw, name)
    name_length = len(name.encode())
    start = local + 30 + name_length + struct.unpack("<H", raw[local + 28:local + 30])[0]
    old_length = struct.unpack("<I", raw[local + 18:local + 22])[0]
    raw[start:start + old_length] = data
    grown = len(data) - old_length
    central += grown
    for offset, base in ((local, 14), (central, 16)):
        raw[offset + base:offset + base + 12] = struct.pack("<III", crc, len(data), declared)
    end = raw.rfind(b"PK\x05\x06")
    directory_offset = struct.unpack("<I", raw[end + 16:end + 20])[0]
    raw[end + 16:end + 20] = struct.pack("<I", directory_offset + grown)


# ---- the table: sheets, headers, rows and cells ------------------------------------------

def shift_codes(wb: openpyxl.Workbook) -> None:
    """The 指标代码 column moved down one row (a cell inserted with “shift cells down”)."""
    ws = wb[CONTRACTS]
    column = COLUMN_OF["code"]
    codes = [ws.cell(row, column).value for row in range(TABLE_HEADER_ROW + 1, ws.max_row + 1)]
    ws.cell(TABLE_HEADER_ROW + 1, column).value = None
    for offset, code in enumerate(codes, TABLE_HEADER_ROW + 2):
        ws.cell(offset, column).value = code


def merge_values(wb: openpyxl.Workbook) -> None:
    sheet, first = where("ct_cases_accepted").split("!")
    last = where("ct_cases_old").split("!")[1]
    wb[sheet].protection.sheet = False
    wb[sheet].merge_cells(f"{first}:{last}")


def external_link(path: Path) -> None:
    """A value computed from another workbook: an external link part and a formula using it."""
    content = parts(path)
    content["xl/externalLinks/externalLink1.xml"] = (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>')
    content["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'externalLinkPath" Target="file:///C:/%E5%85%B6%E4%BB%96/%E5%8F%B0%E8%B4%A6.xlsx" TargetMode="External"/>'
        b'</Relationships>')
    name = sheet_part(path, CONTRACTS)
    content[name] = cell_xml("ct_cases_closed", "<f>[1]Sheet1!A1</f><v>29000</v>")(content[name].decode()).encode()
    write_parts(path, content)


def _meta(key: str, value: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return change


def _rename_header(wb: openpyxl.Workbook) -> None:
    wb[CONTRACTS].cell(TABLE_HEADER_ROW, COLUMN_OF["value"]).value = "本期数据"


# A row a filer adds at the end of 办理破产: below its 3 metrics, a blank row and the row of signatures.
APPENDED = f"办理破产!A{TABLE_HEADER_ROW + 3 + 1 + 1 + 1}"


def _append(row: list) -> Callable[[openpyxl.Workbook], None]:
    return lambda wb: wb[BANKRUPTCY].append(row)


def _hidden_sheet(wb: openpyxl.Workbook) -> None:
    ws = wb.create_sheet("备用")
    ws.sheet_state = "hidden"
    ws.append(["指标代码", "指标名称", "单位", "口径", "本期数值", "上年同期", "目标值", "问题", "说明", "备注", "数据来源"])
    ws.append(["ct_close_rate", "结案率", "%", "期末时点", "99.99%"])


def _without_meta(wb: openpyxl.Workbook) -> None:
    del wb[META_SHEET]


SHARED_STRINGS_LAUGHS = ("xl/sharedStrings.xml",
                         '<?xml version="1.0"?>' + LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/'
                         'spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>')


def _with_part(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    def make(path: Path) -> None:
        content = parts(path)
        content[name] = text.encode(encoding)
        write_parts(path, content)
    return make


# ---- a DTD disguised from pattern-matching, parts only some parsers read ---------------------

def _attribute_bomb(xml: str) -> str:
    """The laughs in the first sheet's name, an attribute of the workbook part (lxml expands those)."""
    body, count = re.subn(r'(<sheet [^>]*?name=")', r"\1&lol3;", xml.split("?>", 1)[-1], count=1)
    assert count == 1
    return LAUGHS + body


def _behind_a_comment(xml: str) -> str:
    """``<x`` in a comment before the DOCTYPE looked like the root element to the old byte scan."""
    return '<?xml version="1.0" encoding="UTF-8"?><!-- <x -->' + _attribute_bomb(xml)


def _utf16_without_bom(part_of: Callable[[Path], str], change: Callable[[str], str]) -> Callable[[Path], None]:
    """The part rewritten in UTF-16LE with no byte-order mark: XML parsers detect it from "<?"."""
    def make(path: Path) -> None:
        content = parts(path)
        name = part_of(path)
        xml = change(content[name].decode("utf-8")).split("?>", 1)[-1]
        content[name] = ('<?xml version="1.0" encoding="UTF-16"?>' + xml).encode("utf-16-le")
        write_parts(path, content)
    return make


def million_rows_utf16(path: Path) -> None:
    """A million cells in UTF-16: no byte pattern for "<c" finds them, a parser does."""
    _sheet_of_rows(path, 1_000_001, "UTF-16", '<?xml version="1.0" encoding="UTF-16"?>')


def _content_type(old: bytes, new: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        content = parts(path)
        assert old in content["[Content_Types].xml"]
        content["[Content_Types].xml"] = content["[Content_Types].xml"].replace(old, new)
        write_parts(path, content)
    return make


def _far_cells(xml: str) -> str:
    """200 rows of one cell in the last column, XFD: openpyxl would walk 3.3 million empty cells."""
    far = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(100, 300))
    return xml.replace("</sheetData>", far + "</sheetData>", 1)


UNREADABLE, REFUSED = 2, 1
CASES = [
    # not a workbook at all
    Case("text-file-renamed", text_file, UNREADABLE, ("不是电子表格",)),
    Case("empty-file", lambda p: p.write_bytes(b""), UNREADABLE, ("不是电子表格",)),
    Case("xls-renamed", xls_renamed, UNREADABLE, ("97-2003 工作簿（.xls）", "另存为")),
    Case("password-protected", encrypted, UNREADABLE, ("设置了打开密码", "取消密码")),
    Case("truncated-half", truncated, UNREADABLE, ("损坏",)),
    Case("truncated-tail", lambda p: p.write_bytes(p.read_bytes()[:-300]), UNREADABLE, ("损坏",)),
    Case("word-document", word_document, UNREADABLE, ("Word 文档",)),
    Case("xlsb-renamed", binary_workbook, UNREADABLE, (".xlsb",)),
    Case("over-20-mb", too_large, UNREADABLE, ("文件过大", "上限 20 MB")),
    Case("folder-named-xlsx", lambda p: (p.unlink(), p.mkdir()), UNREADABLE, ("找不到文件",)),
    # sizes and bombs
    Case("million-rows", million_rows, UNREADABLE, ("单元格过多", "上限 1,000,000")),
    Case("zip-bomb-declared", declared_bomb, UNREADABLE, ("解压后过大",)),
    Case("zip-bomb-lying-sizes", lying_bomb, UNREADABLE, ("损坏",)),
    # XML attacks
    Case("entity-bomb-in-sheet", rewrite(in_sheet(CONTRACTS), with_dtd(LAUGHS, ">ct_close_rate<", ">&lol3;<")),
         UNREADABLE, ("不安全的 XML",)),
    Case("entity-bomb-in-shared-strings", _with_part(*SHARED_STRINGS_LAUGHS), UNREADABLE, ("不安全的 XML",)),
    Case("external-entity", rewrite(in_sheet(CONTRACTS), with_dtd(XXE, ">ct_close_rate<", ">&secret;<")),
         UNREADABLE, ("不安全的 XML",)),
    Case("dtd-in-content-types", rewrite(lambda p: "[Content_Types].xml", with_dtd(LAUGHS, "<Types", "<Types")),
         UNREADABLE, ("不安全的 XML",)),
    Case("dtd-behind-element-like-comment", rewrite(lambda p: "xl/workbook.xml", _behind_a_comment), UNREADABLE,
         ("不安全的 XML", "xl/workbook.xml")),
    Case("dtd-in-utf16-without-bom", _utf16_without_bom(lambda p: "xl/workbook.xml", _attribute_bomb), UNREADABLE,
         ("不安全的 XML", "xl/workbook.xml")),
    Case("entity-bomb-in-utf16-sheet", _utf16_without_bom(in_sheet(CONTRACTS), with_dtd(
        LAUGHS, ">ct_close_rate<", ">&lol3;<")), UNREADABLE, ("不安全的 XML",)),
    Case("dtd-in-utf32-part", _with_part(
        "docProps/custom.xml", '<?xml version="1.0"?>' + LAUGHS + "<a>&lol3;</a>", "utf-32"), UNREADABLE, ("docProps/custom.xml", "损坏")),
    Case("million-cells-in-utf16", million_rows_utf16, UNREADABLE, ("单元格过多", "上限 1,000,000")),
    Case("row-number-beyond-any-sheet", rewrite(in_sheet(BANKRUPTCY), lambda xml: xml.replace(
        "</sheetData>", '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row></sheetData>', 1)), UNREADABLE,
         ("行列范围过大",)),  # a 10 KB file that kept the import busy for hours
    Case("row-number-in-superscript", rewrite(in_sheet(BANKRUPTCY), lambda xml: xml.replace(
        "</sheetData>", '<row r="²"><c r="A2"><v>1</v></c></row></sheetData>', 1)), UNREADABLE,
         ("损坏",)),  # "²".isdigit() holds, int("²") fails: read as no number, then refused as malformed
    Case("cells-in-the-last-column", rewrite(in_sheet(BANKRUPTCY), _far_cells), UNREADABLE, ("行列范围过大",)),
    Case("unknown-workbook-content-type", _content_type(b"spreadsheetml.sheet.main+xml", b"x-unknown+xml"),
         UNREADABLE, ("损坏",)),
    Case("unbound-prefix-in-properties", _with_part("docProps/core.xml", "<x:y/>"), UNREADABLE,
         ("docProps/core.xml", "损坏")),
    Case("nesting-3000-deep", _with_part("docProps/app.xml", "<a>" * 3000 + "</a>" * 3000), UNREADABLE,
         ("docProps/app.xml", "嵌套")),
    Case("malformed-sheet-xml", rewrite(in_sheet(CONTRACTS), lambda xml: xml.replace("</sheetData>", "</sheetDat>")),
         UNREADABLE, ("损坏",)),
    Case("shared-string-out-of-range", rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", "<v>99999</v>", "s")),
         UNREADABLE, ("损坏",)),
    # not our workbook, or a newer one
    Case("no-identity-sheet", edit(_without_meta), UNREADABLE, ("不是本程序生成的部门填报表",)),
    Case("newer-format-version", edit(_meta("version", "99")), UNREADABLE, ("更新版本的程序",)),
    Case("unknown-department-in-identity", edit(_meta("dept", "power_company")), UNREADABLE, ("power_company",)),
    # structure of the table
    Case("missing-sheet", edit(lambda wb: wb.remove(wb[BANKRUPTCY])), REFUSED, ("办理破产", "缺少")),
    Case("renamed-value-header", edit(_rename_header), REFUSED, (f"{CONTRACTS}!{TABLE_HEADER_ROW}行", "表头缺少“本期数值”列")),
    Case("codes-shifted-by-a-row", edit(shift_codes), REFUSED, (where("ct_cases_accepted", "name"), "错位")),
    Case("merged-value-cells", edit(merge_values), REFUSED, (where("ct_cases_accepted"), "合并")),
    Case("duplicate-code", edit(_append(["ct_close_rate", "结案率", "%", "期末时点", "85%"])), REFUSED,
         (APPENDED, "指标代码重复", where("ct_close_rate", "code"))),
    Case("duplicate-in-hidden-sheet", edit(_hidden_sheet), REFUSED, ("备用!A2", "指标代码重复")),
    Case("another-departments-code", edit(_append(["pc_saving_rate", "资金节约率", "%", "期末时点", "9%"])), REFUSED,
         (APPENDED, "由区财政局牵头填报")),
    Case("unknown-code", edit(put("ct_law_firm_visits", "ct_lawyer_visits", "code")), REFUSED,
         (where("ct_law_firm_visits", "code"), "不在2023年指标目录中")),
    # one message, not a refusal per sheet and per row (the sheets' protected headers still say 区法院)
    Case("identity-of-another-department", edit(_meta("dept", "finance")), UNREADABLE, ("_meta", "被改动过", "区财政局")),
    Case("sheet-of-another-period", edit(lambda wb: wb[BANKRUPTCY].cell(3, 2, "2023年第二季度")), REFUSED,
         ("办理破产!B3", "统计期")),
    Case("identity-of-another-period", edit(_meta("period", "2023Q2")), UNREADABLE,
         ("_meta", "被改动过", "2023年第二季度")),
    Case("sheet-of-another-department", edit(lambda wb: wb[CONTRACTS].cell(2, 2, "区财政局")), REFUSED,
         (f"{CONTRACTS}!B2", "填报单位")),
    Case("row-without-code", edit(lambda wb: wb[CONTRACTS].append([None, None, None, None, 123])), REFUSED,
         ("没有指标代码",)),
    # cells
    Case("formula-without-result", edit(put("ct_close_rate", "=ROUND(28936/34200,4)")), REFUSED,
         (where("ct_close_rate"), "没有保存计算结果")),
    Case("formula-from-another-workbook", external_link, REFUSED, (where("ct_cases_closed"), "其他工作簿")),
    Case("placeholder-in-cell", edit(put("ct_cases_accepted", "XX")), REFUSED, (where("ct_cases_accepted"), "占位符")),
    Case("share-above-100", edit(put("ct_close_rate", 1.2)), REFUSED, (where("ct_close_rate"), "不可能超过100%")),
    Case("date-in-value-cell", edit(put("ct_cases_closed", __import__("datetime").date(2023, 9, 30))), REFUSED,
         (where("ct_cases_closed"), "日期")),
    Case("boolean-in-value-cell", rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", "<v>1</v>", "b")),
         REFUSED, (where("ct_cases_closed"), "逻辑值")),
    Case("error-value-in-cell", rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", "<v>#REF!</v>", "e")),
         REFUSED, (where("ct_cases_closed"), "错误值")),
    Case("nan-in-cell", rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", "<v>NaN</v>")), REFUSED,
         (where("ct_cases_closed"), "不是有效的数值")),  # no spreadsheet program writes this
    Case("infinity-in-cell", rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", "<v>1E999</v>")), REFUSED,
         (where("ct_cases_closed"), "不是有效的数值")),
    Case("1e308-in-cell", rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", "<v>1E308</v>")), REFUSED,
         (where("ct_cases_closed"), "大得不合常理")),
    Case("note-longer-than-a-cell", rewrite(in_sheet(CONTRACTS), cell_xml(
        "ct_cases_closed", "<is><t>" + "说" * 40_000 + "</t></is>", "inlineStr", "note")), REFUSED,
         (where("ct_cases_closed", "note"), "超过 Excel 单元格的上限")),
]
