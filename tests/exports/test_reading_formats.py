""".ods and .xls files someone sent: read when sound, refused with the reason before the reader fills
anything when they would make more cells, positions or text than the limits allow."""

import zipfile

import openpyxl
import pytest

from exports.book_read import read_book
from exports.safe_open import WorkbookError, check_spreadsheet
from tests.exports.office import needs_soffice, resave

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def ods_file(path, rows_xml: str, mimetype=b"application/vnd.oasis.opendocument.spreadsheet"):
    """A minimal OpenDocument spreadsheet whose one table holds ``rows_xml``."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{OFFICE}" '
               f'xmlns:table="{TABLE}" xmlns:text="{TEXT}" office:version="1.2"><office:body><office:spreadsheet>'
               f'<table:table table:name="表1">{rows_xml}</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def cell(value: str, repeat: int = 1) -> str:
    return (f'<table:table-cell office:value-type="string" table:number-columns-repeated="{repeat}">'
            f"<text:p>{value}</text:p></table:table-cell>")


def test_a_sound_ods_is_read_with_its_values(tmp_path):
    path = ods_file(tmp_path / "表.ods", f"<table:table-row>{cell('指标代码')}{cell('ct_close_rate')}</table:table-row>"
                                        '<table:table-row><table:table-cell office:value-type="percentage" '
                                        'office:value="0.8461"/></table:table-row>')
    book = read_book(path)
    assert book.form == "ods" and book.sheets[0].rows == [["指标代码", "ct_close_rate"], [0.8461]]


@pytest.mark.parametrize("rows, said", [
    # one element standing for a million rows of a thousand filled cells
    (f'<table:table-row table:number-rows-repeated="1000000">{cell("1", 1000)}</table:table-row>', "单元格过多"),
    # two filled cells a million rows and a thousand columns apart: a billion positions to fill
    (f'<table:table-row>{cell("1")}</table:table-row><table:table-row table:number-rows-repeated="1000000">'
     '<table:table-cell/></table:table-row>'
     f'<table:table-row><table:table-cell table:number-columns-repeated="999"/>{cell("1")}</table:table-row>',
     "行列范围过大"),
    # one cell of 30,000 characters repeated over 1,000 columns: 30 million characters
    (f'<table:table-row>{cell("坏" * 30_000, 1000)}</table:table-row>', "单元格文字过多"),
])
def test_an_ods_that_would_fill_too_much_is_refused_before_reading(tmp_path, rows, said):
    path = ods_file(tmp_path / "填报表.ods", rows)
    assert path.stat().st_size < 200_000
    with pytest.raises(WorkbookError, match=said):
        read_book(path)


def test_a_text_document_in_opendocument_format_is_not_a_spreadsheet(tmp_path):
    path = ods_file(tmp_path / "填报表.ods", "", mimetype=b"application/vnd.oasis.opendocument.text")
    with pytest.raises(WorkbookError, match="OpenDocument 文件，但不是电子表格"):
        check_spreadsheet(path)


def sparse_workbook(path, cells: dict[str, object]):
    wb = openpyxl.Workbook()
    for where, value in cells.items():
        wb.active[where] = value
    wb.save(path)
    return path


@needs_soffice
def test_an_xls_with_cells_far_apart_is_refused_before_reading(tmp_path):
    xls = resave(sparse_workbook(tmp_path / "远.xlsx", {"A1": 1, "IV65536": 2}), "xls", tmp_path / "out")
    with pytest.raises(WorkbookError, match="行列范围过大"):
        check_spreadsheet(xls)


@needs_soffice
def test_an_xls_using_one_long_string_in_many_cells_is_refused(tmp_path):
    long = "坏" * 30_000  # stored once in the shared-string table, used by 1,000 cells: 30 million characters
    xls = resave(sparse_workbook(tmp_path / "长.xlsx", {f"A{n}": long for n in range(1, 1001)}), "xls", tmp_path / "out")
    assert xls.stat().st_size < 200_000
    with pytest.raises(WorkbookError, match="单元格文字过多"):
        check_spreadsheet(xls)


@needs_soffice
def test_a_sound_xls_is_read(tmp_path):
    xls = resave(sparse_workbook(tmp_path / "好.xlsx", {"A1": "指标代码", "B2": 0.8461, "A3": "坏" * 300}), "xls",
                 tmp_path / "out")
    assert check_spreadsheet(xls).form == "xls"
    assert read_book(xls).sheets[0].rows == [["指标代码"], [None, 0.8461], ["坏" * 300]]
