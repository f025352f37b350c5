"""What a workbook written by this program says about itself, kept in a very hidden sheet.

The sheet ``_meta`` holds key/value rows: the kind of workbook, a format version, the period,
the department and when it was written.  Filers cannot unhide a very hidden sheet from Excel's
menus, and the import trusts only these rows (and the protected header cells) to scope-check.

Format versions of the department workbook (the import reads every one of them):

1. The minimum layout: columns 指标代码, 指标名称, 单位, 本期数值, 上年同期, 说明; a header block
   with 填报单位 and 统计期 only.
2. Adds the columns 口径, 目标值, 数据来源 and the header fields 填报人, 联系电话, 审核人, 填报日期.
3. 说明 is the explanation of the row's findings (shown in the new column 问题); the note on the
   figure moves to the new column 备注.  In versions 1 and 2 the column 说明 holds the note.

Columns are always found by their header text, never by position, so a reader only needs to
know which columns a version has; see ``exports.department_import``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.workbook.workbook import Workbook

from exports.cells import text_of, write_text

META_SHEET = "_meta"
DEPARTMENT = "yingshang-tianbao/department"
SUBMISSION = "yingshang-tianbao/submission"
KIND_NAMES = {DEPARTMENT: "部门填报表", SUBMISSION: "报送件"}
CURRENT_VERSION = {DEPARTMENT: 3, SUBMISSION: 1}
SUPPORTED_VERSIONS = {DEPARTMENT: {1, 2, 3}, SUBMISSION: {1}}


class IdentityError(ValueError):
    """A workbook whose identity is missing, foreign or from a newer program."""


@dataclass(frozen=True)
class Identity:
    kind: str
    version: int
    period: str  # Period.code
    dept: str = ""  # department code (department workbooks)
    catalog_year: int | None = None
    written_at: str = ""
    draft: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str]]:
        rows = [("format", self.kind), ("version", str(self.version)), ("period", self.period),
                ("dept", self.dept), ("catalog_year", str(self.catalog_year or "")),
                ("written_at", self.written_at), ("draft", "1" if self.draft else "0")]
        return rows + sorted(self.extra.items())


def write_identity(wb: Workbook, identity: Identity) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    for row, (key, value) in enumerate(identity.rows(), 1):
        ws.cell(row, 1).value = key
        write_text(ws.cell(row, 2), value)  # names come from people: text, never a formula


def read_identity(wb: Workbook, expected_kind: str) -> Identity:
    """The identity of a workbook that should be of ``expected_kind``; IdentityError otherwise."""
    if META_SHEET not in wb.sheetnames:
        raise IdentityError(
            f"不是本程序生成的{KIND_NAMES[expected_kind]}（缺少隐藏的“{META_SHEET}”信息页），"
            "无法确定统计期和填报单位。请用 blank 命令生成填报表后再填写。"
        )
    return identity_of(key_values(wb[META_SHEET].iter_rows(max_col=2, values_only=True)), expected_kind)


def identity_of(rows: dict[str, str], expected_kind: str) -> Identity:
    """The identity the key/value rows of a ``_meta`` sheet give (see ``key_values``)."""
    kind = rows.get("format", "")
    if kind != expected_kind:
        found = KIND_NAMES.get(kind, f"未知类型“{kind}”")
        raise IdentityError(f"这是{found}，不是{KIND_NAMES[expected_kind]}；请导入{KIND_NAMES[expected_kind]}。")
    version = _version(rows.get("version", ""), kind)
    return Identity(
        kind=kind, version=version, period=rows.get("period", ""), dept=rows.get("dept", ""),
        catalog_year=int(rows["catalog_year"]) if rows.get("catalog_year", "").isdigit() else None,
        written_at=rows.get("written_at", ""), draft=rows.get("draft") == "1",
        extra={k: v for k, v in rows.items() if k not in _KNOWN},
    )


_KNOWN = {"format", "version", "period", "dept", "catalog_year", "written_at", "draft"}


def key_values(rows) -> dict[str, str]:
    """The first two cells of each row of a ``_meta`` sheet as keys and values, as text (a version
    typed as the number 3 in an office program that keeps it as 3.0 is still "3")."""
    found = {}
    for row in rows:
        if row and row[0] is not None:
            found[text_of(row[0])] = text_of(row[1]) if len(row) > 1 else ""
    return found


def _version(text: str, kind: str) -> int:
    if not text.isdigit():
        raise IdentityError(f"{KIND_NAMES[kind]}的格式版本“{text}”无法识别，文件可能被改动过。")
    version = int(text)
    if version > max(SUPPORTED_VERSIONS[kind]):
        raise IdentityError(
            f"该{KIND_NAMES[kind]}由更新版本的程序生成（格式版本 {version}，本程序支持到 "
            f"{max(SUPPORTED_VERSIONS[kind])}）。请升级程序后再导入。"
        )
    if version not in SUPPORTED_VERSIONS[kind]:
        raise IdentityError(f"{KIND_NAMES[kind]}的格式版本 {version} 不受支持。")
    return version
