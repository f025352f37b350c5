"""A coordinator's templates that cannot be filled as meant: (case, make(path), status, words).

``make`` writes the template at ``path``.  Status 1: the template was read but a placeholder is
wrong, so a final export is refused (a draft is written with the cell emptied and the problem
listed); status 2: the template cannot be used at all.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.reliability.corpus.cfb import compound_file
from tests.reliability.corpus.workbooks import LAUGHS, parts, write_parts

GOOD = [["区县", "{{meta:区县}}", "统计期", "{{meta:统计期}}"],
        ["结案率", "{{metric:ct_close_rate}}", "上年同期", "{{prev:ct_close_rate}}"],
        ["说明", "{{note:ct_close_rate}}"]]


def template(extra: dict[str, str] | None = None, merge: str | None = None):
    """The good template plus ``extra`` cells (coordinate → text), optionally merged afterwards."""
    def make(path: Path) -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "报送表"
        for row in GOOD:
            ws.append(row)
        for coordinate, text in (extra or {}).items():
            ws[coordinate] = text
        wb.save(path)
        if merge:
            _merge_in_xml(path, merge)
    return make


def _merge_in_xml(path: Path, ref: str) -> None:
    """Merge ``ref`` in the file itself: openpyxl would drop the covered cells' text first."""
    content = parts(path)
    name = "xl/worksheets/sheet1.xml"
    xml = content[name].decode()
    content[name] = xml.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>',
                                1).encode()
    write_parts(path, content)


def _laughs(path: Path) -> None:
    template()(path)
    content = parts(path)
    name = "xl/worksheets/sheet1.xml"
    body = content[name].decode().split("?>", 1)[-1]
    content[name] = ('<?xml version="1.0"?>' + LAUGHS + body.replace("区县", "&lol3;", 1)).encode()
    write_parts(path, content)


TEMPLATE_CASES = [
    ("unknown-placeholder-kind", template({"A5": "{{colour:red}}"}), 1, ("报送表!A5", "不认识的占位符类型“colour”")),
    ("unknown-metric", template({"B5": "{{metric:no_such_metric}}"}), 1, ("报送表!B5", "不在2023年指标目录中")),
    ("unknown-header-field", template({"B6": "填报：{{meta:颜色}}"}), 1, ("报送表!B6", "不认识的表头字段")),
    ("malformed-placeholder", template({"A7": "{{metric ct_close_rate}}"}), 1, ("报送表!A7", "写法不对")),
    ("empty-placeholder", template({"A8": "合计{{}}"}), 1, ("报送表!A8", "写法不对")),
    ("unclosed-placeholder", template({"A9": "结案率：{{metric:ct_close_rate}"}), 1, ("报送表!A9", "写法不对")),
    ("placeholder-in-formula", template({"C5": '=LEN("{{metric:ct_cases_closed}}")'}), 1, ("报送表!C5", "公式")),
    ("placeholder-covered-by-a-merge", template({"A11": "{{metric:ct_cases_accepted}}",
                                                 "B11": "{{metric:ct_cases_closed}}"}, merge="A11:B12"),
     1, ("报送表!B11", "合并单元格 A11:B12", "左上角的 A11")),
    ("text-file-as-template", lambda p: p.write_text("区县,{{meta:区县}}\n", encoding="utf-8"), 2,
     ("模板无法使用", "不是 Excel 工作簿")),
    ("xls-template", lambda p: p.write_bytes(compound_file({"Workbook": b"\x09\x08" + b"\0" * 300})), 2,
     ("模板无法使用", ".xls")),
    ("password-protected-template", lambda p: p.write_bytes(compound_file({
        "EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200, "EncryptedPackage": b"\x10" * 5000})), 2,
     ("模板无法使用", "打开密码")),
    ("entity-bomb-template", _laughs, 2, ("模板无法使用", "不安全的 XML")),
]
