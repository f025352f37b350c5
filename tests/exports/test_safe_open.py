"""Files that are not what they claim: each refused with a Chinese reason before openpyxl builds anything."""

import zipfile

import openpyxl
import pytest

from exports import safe_open
from exports.safe_open import WorkbookError, check_file, open_workbook

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def workbook_file(path, rows=(("指标代码", "本期数值"), ("ct_close_rate", 84.61))):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def rewrite_part(path, part, change):
    """Copy the zip with one part's text changed."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def ole_file(path, stream_names):
    body = b"".join(name.encode("utf-16-le") + b"\0\0" for name in stream_names)
    path.write_bytes(OLE + b"\0" * 504 + body + b"\0" * 1024)
    return path


def test_a_real_workbook_opens(tmp_path):
    wb = open_workbook(workbook_file(tmp_path / "ok.xlsx"), read_only=True)
    assert [r for r in wb.active.iter_rows(values_only=True)][1] == ("ct_close_rate", 84.61)
    wb.close()


@pytest.mark.parametrize("streams, reason", [
    (["EncryptionInfo", "EncryptedPackage"], "设置了打开密码"),
    (["Workbook", "SummaryInformation"], "97-2003 工作簿（.xls）"),
    (["WordDocument"], "Office 97-2003 格式"),
])
def test_ole_files_are_told_apart(tmp_path, streams, reason):
    with pytest.raises(WorkbookError, match=reason):
        check_file(ole_file(tmp_path / "填报表.xlsx", streams))


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\xe6\x8c\x87\xe6\xa0\x87,84.61\n", b"<html><table></table></html>"])
def test_files_that_are_no_zip(tmp_path, content):
    path = tmp_path / "填报表.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿"):
        check_file(path)


def test_other_office_packages(tmp_path):
    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(WorkbookError, match="Word 文档"):
        check_file(path)


def test_a_truncated_workbook_is_corrupted(tmp_path):
    path = workbook_file(tmp_path / "ok.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(WorkbookError, match="损坏"):
        open_workbook(path, read_only=True)


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(WorkbookError, match="找不到文件"):
        check_file(tmp_path / "none.xlsx")
    with pytest.raises(WorkbookError, match="找不到文件"):
        check_file(tmp_path)


def test_size_limits(tmp_path, monkeypatch):
    path = workbook_file(tmp_path / "ok.xlsx")
    monkeypatch.setattr(safe_open, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(WorkbookError, match="文件过大"):
        check_file(path)
    monkeypatch.undo()
    unpacked = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(safe_open, "MAX_UNCOMPRESSED_BYTES", unpacked - 1)
    with pytest.raises(WorkbookError, match="解压后过大"):
        check_file(path)


def test_a_zip_bomb_is_refused_before_inflating(tmp_path):
    path = workbook_file(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (safe_open.MAX_UNCOMPRESSED_BYTES + 1))
    assert path.stat().st_size < 2**20  # a small file that would unpack past the limit
    with pytest.raises(WorkbookError, match="解压后过大"):
        check_file(path)


def test_cell_count_limit(tmp_path, monkeypatch):
    path = workbook_file(tmp_path / "cells.xlsx", rows=[[n, n + 1, n + 2] for n in range(100)])
    monkeypatch.setattr(safe_open, "MAX_CELLS", 299)
    with pytest.raises(WorkbookError, match="单元格过多（至少 300 个"):
        check_file(path)
    monkeypatch.setattr(safe_open, "MAX_CELLS", 300)
    check_file(path)


def test_cells_are_counted_across_read_blocks(tmp_path, monkeypatch):
    path = workbook_file(tmp_path / "cells.xlsx", rows=[[f"文本{n}" * 5] * 8 for n in range(2000)])
    monkeypatch.setattr(safe_open, "_BLOCK", 1000)
    counts = safe_open.XmlCounts()
    with zipfile.ZipFile(path) as archive:
        safe_open.scan_xml(archive, "xl/worksheets/sheet1.xml", counts)
    assert counts.cells == 16000


def test_cells_are_counted_in_utf16_too(tmp_path, monkeypatch):
    """A byte pattern would find no <c in UTF-16; the parser decodes first, whatever the encoding."""
    path = rewrite_part(workbook_file(tmp_path / "cells.xlsx", rows=[[n, n] for n in range(200)]),
                        "xl/worksheets/sheet1.xml", lambda xml: xml)
    content = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    sheet = content["xl/worksheets/sheet1.xml"].decode().replace("UTF-8", "UTF-16").replace("utf-8", "UTF-16")
    content["xl/worksheets/sheet1.xml"] = sheet.encode("utf-16-le")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    monkeypatch.setattr(safe_open, "MAX_CELLS", 399)
    with pytest.raises(WorkbookError, match="单元格过多（至少 400 个"):
        check_file(path)


def test_defusedxml_is_in_effect_for_openpyxl():
    assert openpyxl.DEFUSEDXML is True


def with_entities(xml, target):
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    return LAUGHS + body.replace(target, "&lol3;")


def test_entity_expansion_in_a_worksheet_is_refused(tmp_path):
    path = rewrite_part(workbook_file(tmp_path / "laughs.xlsx"), "xl/worksheets/sheet1.xml",
                        lambda xml: with_entities(xml, "ct_close_rate"))
    with pytest.raises(WorkbookError, match="不安全的 XML"):
        open_workbook(path, read_only=True)
    with pytest.raises(WorkbookError, match="不安全的 XML"):
        open_workbook(path, read_only=False)


def test_entity_expansion_in_the_workbook_part_is_refused(tmp_path):
    # openpyxl parses workbook.xml with lxml when it is installed, which would expand this
    # attribute: the DTD is refused before any parser sees it.
    path = rewrite_part(workbook_file(tmp_path / "laughs.xlsx"), "xl/workbook.xml",
                        lambda xml: with_entities(xml, 'name="Sheet"').replace("&lol3;", 'name="&lol3;"'))
    with pytest.raises(WorkbookError, match="不安全的 XML（?.*DTD"):
        open_workbook(path, read_only=True)


def test_a_dtd_hidden_behind_a_long_prolog_is_refused(tmp_path):
    padded = lambda xml: with_entities(xml, "ct_close_rate").replace("?>", "?><!--" + " " * 70000 + "-->", 1)  # noqa: E731
    path = rewrite_part(workbook_file(tmp_path / "laughs.xlsx"), "xl/worksheets/sheet1.xml", padded)
    with pytest.raises(WorkbookError, match="不安全的 XML"):
        check_file(path)


def test_defusedxml_itself_refuses_entities_in_worksheets(tmp_path):
    """Behind our own DTD check, openpyxl's worksheet parser is defusedxml's."""
    from defusedxml import DefusedXmlException

    path = rewrite_part(workbook_file(tmp_path / "laughs.xlsx"), "xl/worksheets/sheet1.xml",
                        lambda xml: with_entities(xml, "ct_close_rate"))
    with pytest.raises(ValueError) as raised:
        openpyxl.load_workbook(path, read_only=True)
    assert safe_open._unsafe_cause(raised.value) is not None
    assert isinstance(safe_open._unsafe_cause(raised.value), DefusedXmlException)


def test_nothing_opens_when_defusedxml_is_switched_off(tmp_path, monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(WorkbookError, match="defusedxml"):
        check_file(workbook_file(tmp_path / "ok.xlsx"))


@pytest.mark.parametrize("disguise", [
    pytest.param(lambda xml: xml.replace("?>", "?><!-- <x -->", 1), id="element-like-text-in-a-comment"),
    pytest.param(lambda xml: xml.replace("?>", "?><?pi <x?>", 1), id="element-like-text-in-an-instruction"),
])
def test_a_dtd_behind_a_disguise_is_still_found(tmp_path, disguise):
    path = rewrite_part(workbook_file(tmp_path / "laughs.xlsx"), "xl/workbook.xml",
                        lambda xml: disguise(with_entities(xml, 'name="Sheet"').replace("&lol3;", 'name="&lol3;"')))
    with pytest.raises(WorkbookError, match="不安全的 XML 内容（xl/workbook.xml 中有 DTD"):
        check_file(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_dtd_in_utf16_is_found_with_or_without_a_byte_order_mark(tmp_path, encoding):
    path = workbook_file(tmp_path / "laughs.xlsx")
    with zipfile.ZipFile(path) as source:
        content = {name: source.read(name) for name in source.namelist()}
    xml = with_entities(content["xl/workbook.xml"].decode(), 'name="Sheet"').replace("&lol3;", 'name="&lol3;"')
    content["xl/workbook.xml"] = xml.replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>').encode(encoding)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in content.items():
            target.writestr(name, data)
    with pytest.raises(WorkbookError, match="不安全的 XML 内容（xl/workbook.xml 中有 DTD"):
        check_file(path)


@pytest.mark.parametrize("data", [
    pytest.param('<?xml version="1.0"?><!DOCTYPE a><a/>'.encode("utf-32"), id="utf-32"),
    pytest.param('<?xml version="1.0"?><!DOCTYPE a><a/>'.encode("cp500"), id="ebcdic"),
])
def test_a_part_in_an_encoding_only_libxml2_reads_is_refused(tmp_path, data):
    """expat cannot read UTF-32 or EBCDIC, lxml can: such a part is refused, never left unchecked."""
    path = workbook_file(tmp_path / "odd.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("docProps/custom.dat", data)
    with pytest.raises(WorkbookError, match="docProps/custom.dat"):
        check_file(path)


def test_images_are_not_taken_for_xml(tmp_path):
    path = workbook_file(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        archive.writestr("xl/printerSettings/printerSettings1.bin", "HP LaserJet".encode("utf-16-le") + b"\0" * 200)
    check_file(path)


def test_nesting_deeper_than_office_writes_is_refused(tmp_path):
    path = rewrite_part(workbook_file(tmp_path / "deep.xlsx"), "docProps/app.xml",
                        lambda xml: "<a>" * 300 + "</a>" * 300)
    with pytest.raises(WorkbookError, match="嵌套超过 200 层"):
        check_file(path)
