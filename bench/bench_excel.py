"""Excel exchange against raw openpyxl doing the same work, in the same run.

4. Provincial export in the built-in layout: the 2023 catalog's 158 metrics for 100 districts
   (15,800 rows × 10 columns = 158,000 cells, this year's and last year's figure each) through
   ``submission_workbook`` + ``save_atomically``, against two raw openpyxl fills of the same
   values: (a) the same template — title and two-level header merged, the same fonts, borders,
   fills and number formats as openpyxl NamedStyles, the same widths, row heights, frozen panes
   and print set-up — and (b) the values alone appended to plain sheets (no look at all).
   The goal (≤ 1.2×) is against (a); (b) is shown as the floor.
   Also: a user template of ~80,000 placeholders (``fill_template``) against a raw loop that
   loads the template, replaces each placeholder from a dict and saves.
5. Import: one real department workbook (区法院, 14 rows) — goal ≤ 0.3 s — and the
   coordinator's quarter: 100 department workbooks of 100 districts (each department with its
   real indicators) imported one after the other into one database, the real path (safe
   opening, every row through the entry parser and the scope checks, the plan against the
   store, a backup of the database before each import, the all-or-nothing audited write),
   against two bare reads of every value of the same files: openpyxl read-only, and calamine (the
   reader the import uses; the goal for the 100-file merge, ≤ 1.5×, is against it).
6. Peak memory of the 100 imports and of the openpyxl reading, each in a fresh process.
7. Growth: export at 1, 10 and 100 districts; import at 1, 10 and 100 workbooks.

Run: ``.venv/bin/python bench/bench_excel.py [--districts N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402
from openpyxl.styles import NamedStyle  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from app import exchange  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.demo import format_number  # noqa: E402
from bench import common  # noqa: E402
from exports import styles, submission  # noqa: E402
from exports.cells import number_format, reported_number  # noqa: E402
from exports.department import COLUMN_OF, TABLE_HEADER_ROW  # noqa: E402
from exports.files import save_atomically  # noqa: E402
from exports.submission import SubmissionData, submission_workbook  # noqa: E402
from exports.template import fill_template  # noqa: E402
from models.catalog import Catalog, CatalogYear  # noqa: E402
from models.findings import Report  # noqa: E402
from models.loader import load_catalog  # noqa: E402
from models.periods import Period  # noqa: E402
from models.profile import Contacts, Department  # noqa: E402
from models.values import Value  # noqa: E402
from tests.reliability.killing import province_year  # noqa: E402

Q3 = Period.parse("2023Q3")
WRITTEN_AT = "2023-10-08T09:00:00+08:00"


# ---- a province-size catalog and its figures -------------------------------------------

def province_catalog(districts: int) -> Catalog:
    """The 2023 indicators, each with every district's copy of its metrics (one district's departments)."""
    return Catalog(province_year(districts), replace(load_catalog(2023).profile, years={}), source="bench")


def districts_catalog(districts: int) -> Catalog:
    """Every district with its own departments and its own copy of every indicator they lead."""
    base = load_catalog(2023)
    indicators, departments, leads = [], [base.department(base.profile.coordinator)], {}  # one 营商办
    for d in range(1, districts + 1):
        suffix = f"_d{d:03d}"
        for dept in base.profile.departments:
            departments.append(Department(code=dept.code + suffix, name=f"{dept.name}（区县{d:03d}）"))
        for indicator in base.indicators:
            metrics = tuple(replace(m, code=m.code + suffix) for m in indicator.metrics)
            indicators.append(replace(indicator, code=indicator.code + suffix, metrics=metrics))
            leads[indicator.code + suffix] = base.lead_of(indicator.code) + suffix
    profile = replace(base.profile, departments=tuple(departments), leads=leads, cooperating={}, years={})
    return Catalog(CatalogYear(year=2023, title=base.title, indicators=tuple(indicators)), profile, source="bench")


def figures(catalog: Catalog, period: Period, scale: float) -> dict[str, Value]:
    values = {}
    for number, metric in enumerate(catalog.metrics):
        upper = metric.upper_bound or 10_000
        amount = round(min(upper, (number % 97 + 1) * scale), metric.decimals)
        values[metric.code] = Value(period=period.code, dept=catalog.department_of(metric.code), metric=metric.code,
                                    number=amount, raw=format_number(amount, metric), note="")
    return values


def submission_data(catalog: Catalog) -> SubmissionData:
    return SubmissionData(catalog=catalog, period=Q3, values=figures(catalog, Q3, 1.01),
                          last_year=figures(catalog, Q3.same_quarter_last_year(), 0.97),
                          report=Report(period=Q3.code), contacts=Contacts(), written_at=WRITTEN_AT)


# ---- 4. export: ours and two raw fills ------------------------------------------------------

def export_ours(data: SubmissionData, path: Path) -> None:
    save_atomically(submission_workbook(data), path)


def table_rows(data: SubmissionData) -> list[list[list]]:
    """Each indicator's rows of cell values, as the built-in layout shows them."""
    sheets = []
    for indicator in data.catalog.indicators:
        rows = []
        for n, metric in enumerate(indicator.metrics, 1):
            value, before = data.values[metric.code], data.last_year[metric.code]
            rows.append([str(n), metric.name, metric.code, metric.unit, reported_number(value.number, metric),
                         reported_number(before.number, metric), metric.target.text(metric.unit) if metric.target else "",
                         submission._attainment(metric, value), data.dept_name(metric.code), data.note(metric.code)])
        sheets.append(rows)
    return sheets


def raw_same_template(data: SubmissionData, sheets: list[list[list]], path: Path) -> None:
    """(a) What a developer writes with openpyxl alone for the same look: NamedStyles per column."""
    wb = openpyxl.Workbook()
    for name, parts in styles.CELL_STYLES.items():
        wb.add_named_style(NamedStyle(name=name, **parts))
    wb.active.title = "封面"
    for number, (indicator, rows) in enumerate(zip(data.catalog.indicators, sheets, strict=True), 1):
        ws = wb.create_sheet(indicator.name[:31])
        _raw_header(ws, f"{number}. {indicator.name}")
        for row, (values, metric) in enumerate(zip(rows, indicator.metrics, strict=True), submission.FIRST_ROW):
            _raw_row(ws, row, values, _formats(data, metric))
        ws.freeze_panes = f"C{submission.FIRST_ROW}"
        styles.print_landscape(ws, "3:4")
    wb.save(path)


def _formats(data: SubmissionData, metric) -> tuple[str, str]:
    return (number_format(metric), number_format(metric))


def _raw_header(ws, title: str) -> None:
    last = len(submission.COLUMNS)
    for row, (text, font, alignment) in enumerate(((title, styles.TITLE, styles.CENTER),
                                                   ("牵头单位", styles.SUBTITLE, styles.LEFT)), 1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = ws.cell(row, 1, text)
        cell.font, cell.alignment = font, alignment
    for column, (header, width) in enumerate(submission.COLUMNS, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
        for row in (3, 4):
            ws.cell(row, column).style = "header"
        ws.cell(3, column).value = header
    for first, (_group, end) in submission.GROUPS.items():
        ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=end)


def _raw_row(ws, row: int, values: list, formats: tuple[str, str]) -> None:
    for column, (value, style) in enumerate(zip(values, submission._ROW_STYLES, strict=True), 1):
        cell = ws.cell(row, column, value if value != "" else None)
        cell.style = style
        if column in (5, 6):
            cell.number_format = formats[column - 5]
    ws.row_dimensions[row].height = styles.row_height([(values[1], 30), (values[8], 15), (values[9], 42)])


def raw_values(sheets: list[list[list]], names: list[str], path: Path) -> None:
    """(b) The values alone, appended to plain sheets."""
    wb = openpyxl.Workbook()
    for name, rows in zip(names, sheets, strict=True):
        ws = wb.create_sheet(name[:31])
        for values in rows:
            ws.append(values)
    wb.save(path)


def export_times(districts: int, runs: int, folder: Path) -> dict[str, float]:
    data = submission_data(province_catalog(districts))
    sheets, names = table_rows(data), [i.name for i in data.catalog.indicators]
    return common.alternate({
        "ours": lambda: export_ours(data, folder / "ours.xlsx"),
        "template": lambda: raw_same_template(data, sheets, folder / "raw_template.xlsx"),
        "values": lambda: raw_values(sheets, names, folder / "raw_values.xlsx"),
    }, runs)


# ---- a user template --------------------------------------------------------------------------

def template_times(districts: int, runs: int, folder: Path) -> tuple[dict[str, float], int]:
    data = submission_data(province_catalog(districts))
    path = folder / "template.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "本期", "上年同期", "说明", "本期（文字）", "区县"])
    for metric in data.catalog.metrics:
        ws.append([metric.name, *[f"{{{{{k}:{metric.code}}}}}" for k in ("metric", "prev", "note")],
                   f"本期{{{{metric:{metric.code}}}}}", "{{meta:区县}}"])
    wb.save(path)
    lookup = {f"{{{{metric:{c}}}}}": v.number for c, v in data.values.items()}
    lookup |= {f"{{{{prev:{c}}}}}": v.number for c, v in data.last_year.items()}

    def raw() -> None:
        filled = openpyxl.load_workbook(path)
        for row in filled.active.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "{{" in cell.value:
                    cell.value = lookup.get(cell.value, "")
        filled.save(folder / "raw_filled.xlsx")

    return common.alternate({
        "ours": lambda: save_atomically(fill_template(path, data).workbook, folder / "filled.xlsx"),
        "raw": raw,
    }, runs), (ws.max_row - 1) * 5


# ---- 5. import --------------------------------------------------------------------------------

def department_workbooks(count: int, folder: Path) -> tuple[Catalog, list[Path]]:
    """``count`` districts, each sending one department's workbook (departments in turn), filled in."""
    catalog = districts_catalog(count)
    typed = figures(catalog, Q3, 1.01)
    leading = [d for d in catalog.departments if catalog.indicators_led_by(d.code)]
    ctx = _context(folder / "blank.db", catalog)
    paths = []
    for d in range(1, count + 1):
        own = [x for x in leading if x.code.endswith(f"_d{d:03d}")]
        dept = own[d % len(own)]
        path = folder / f"{dept.code}.xlsx"
        exchange.write_blank(ctx, Q3, dept, path)
        _fill(path, typed)
        paths.append(path)
    ctx.close()
    return catalog, paths


def _fill(path: Path, typed: dict[str, Value]) -> None:
    """Type each figure into 本期数值 as the filer would (e.g. "99.38%")."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=TABLE_HEADER_ROW + 1):
            code = row[COLUMN_OF["code"] - 1].value
            if code in typed:
                row[COLUMN_OF["value"] - 1].value = typed[code].raw
    wb.save(path)


def _context(path: Path, catalog: Catalog) -> AppContext:
    ctx = AppContext(path, who="bench")
    ctx._catalogs[catalog.year] = catalog  # the context's catalog cache: the bench's catalog applies to 2023
    return ctx


def fresh_context(db: Path, catalog: Catalog) -> AppContext:
    """An empty database (as at the start of a quarter's merge), opened before the clock starts."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    shutil.rmtree(db.parent / "backups", ignore_errors=True)
    return _context(db, catalog)


def import_all(ctx: AppContext, paths: list[Path], store: bool = True) -> int:
    """The real import of every file, one after the other; the number of figures stored."""
    stored = sum(len(exchange.import_workbook(ctx, path, dry_run=not store).entries) for path in paths)
    ctx.close()
    return stored


def read_all(paths: list[Path]) -> int:
    """openpyxl read-only reading every value of the same files."""
    cells = 0
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
        wb.close()
    return cells


def read_all_calamine(paths: list[Path]) -> int:
    """calamine reading every value of the same files (no checks, no parsing)."""
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in paths:
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            cells += sum(len(row) for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
        wb.close()
    return cells


def import_times(catalog: Catalog, paths: list[Path], runs: int, db: Path) -> dict[str, float]:
    db.parent.mkdir(exist_ok=True)
    setup = lambda: fresh_context(db, catalog)  # noqa: E731
    return common.alternate({
        "ours": (setup, lambda ctx: import_all(ctx, paths)),
        "plan": (setup, lambda ctx: import_all(ctx, paths, store=False)),
        "raw": lambda: read_all(paths),
        "calamine": lambda: read_all_calamine(paths),
    }, runs)


def one_workbook_times(folder: Path, runs: int) -> dict[str, float]:
    """The real 区法院 workbook of the 2023 catalog."""
    catalog = load_catalog(2023)
    ctx = _context(folder / "court_blank.db", catalog)
    path = folder / "court.xlsx"
    exchange.write_blank(ctx, Q3, catalog.department("court"), path)
    ctx.close()
    _fill(path, figures(catalog, Q3, 1.01))
    return import_times(catalog, [path], runs, folder / "court" / "court.db")


def memory_child(kind: str, count: int, folder: Path) -> None:
    """In a fresh process: import (or read) the files the parent made; print the peak RSS."""
    paths = [Path(line) for line in (folder / "files.txt").read_text().splitlines()]
    if kind == "ours":
        import_all(fresh_context(folder / "memory" / "imports.db", districts_catalog(count)), paths)
    else:
        read_all(paths)
    common.report_peak_memory()


# ---- printing ------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", nargs=3, metavar=("KIND", "COUNT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        memory_child(args.memory[0], int(args.memory[1]), Path(args.memory[2]))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench_excel_"))
    try:
        exports(args, folder)
        imports(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sizes_of(full: int) -> list[int]:
    return sorted({max(1, full // 100), max(1, full // 10), full})


def big_runs(args) -> int:
    return max(3, args.runs // 2)


def exports(args, folder: Path) -> None:
    print(f"4. 省级报送导出（内置格式）：每区县 158 项指标 × 10 列；大规模 {big_runs(args)} 次、"
          f"其余 {args.runs} 次交替运行的中位数")
    found = [(size, export_times(size, big_runs(args) if size == args.districts else args.runs, folder))
             for size in sizes_of(args.districts)]
    rows = [[f"{size} 个区县", f"{size * 1580:,}", f"{t['ours']:.3f}", f"{t['template']:.3f}",
             f"{t['ours'] / t['template']:.2f}×", f"{t['values']:.3f}", f"{t['ours'] / t['values']:.2f}×"]
            for size, t in found]
    print(common.table(["规模", "单元格", "本程序 秒", "(a) 同版式 秒", "÷ (a)", "(b) 只写值 秒", "÷ (b)"], rows))
    size, full = found[-1]
    common.record_ratio(f"4. 省级报送导出 {size * 1580:,} 格，对 openpyxl 同版式", full["ours"], full["template"], "s",
                        goal_ratio=1.2)
    common.record_ratio(f"4. 省级报送导出 {size * 1580:,} 格，对 openpyxl 只写值", full["ours"], full["values"], "s")
    _record_growth("导出", found, "ours", "template")
    times, placeholders = template_times(args.districts, big_runs(args), folder)
    print(f"\n用户模板（{placeholders:,} 个占位符，{big_runs(args)} 次中位数）：本程序 {times['ours']:.3f} 秒，"
          f"openpyxl 载入-替换-保存 {times['raw']:.3f} 秒，{times['ours'] / times['raw']:.2f}×")
    common.record_ratio(f"4. 用户模板导出 {placeholders:,} 个占位符", times["ours"], times["raw"], "s")


def imports(args, folder: Path) -> None:
    one = one_workbook_times(folder, max(args.runs, 7))
    print(f"\n5. 导入一个部门填报表（区法院，真实目录；{max(args.runs, 7)} 次中位数）")
    print(common.table(["", "秒"], [["本程序：核对并写库（先备份数据库）", f"{one['ours']:.3f}"],
                                    ["本程序：只核对，不写库", f"{one['plan']:.3f}"],
                                    ["openpyxl 只读模式读出全部单元格", f"{one['raw']:.3f}"],
                                    ["calamine 读出全部单元格", f"{one['calamine']:.4f}"]], indent="  "))
    common.record(common.Result("5. 导入一个部门填报表（区法院）", common.figure(one["ours"], "s"),
                                common.figure(one["raw"], "s"), one["ours"] / one["raw"], "≤ 0.3 s",
                                one["ours"] <= 0.3))
    count = args.districts
    catalog, paths = department_workbooks(count, folder)
    found = []
    for size in sizes_of(count):
        runs = big_runs(args) if size == count else args.runs
        found.append((size, import_times(catalog, paths[:size], runs, folder / "imports" / "coordinator.db")))
    print(f"\n5. 营商办合并一个季度：{count} 个区县各一个部门的填报表依次导入同一数据库"
          f"（大规模 {big_runs(args)} 次、其余 {args.runs} 次交替运行的中位数）")
    rows = [[f"{size} 个文件", f"{t['ours']:.3f}", f"{t['plan']:.3f}", f"{t['raw']:.3f}",
             f"{t['ours'] / t['raw']:.2f}×", f"{t['calamine']:.3f}", f"{t['ours'] / t['calamine']:.1f}×",
             f"{t['ours'] / size * 1000:.1f}"] for size, t in found]
    print(common.table(["规模", "导入 秒", "只核对 秒", "openpyxl 只读 秒", "倍数", "calamine 秒", "倍数",
                        "每文件 毫秒"], rows))
    size, full = found[-1]
    common.record_ratio(f"5. 合并导入 {size} 个部门填报表，对 openpyxl 只读", full["ours"], full["raw"], "s")
    common.record_ratio(f"5. 合并导入 {size} 个部门填报表，对 calamine 读出", full["ours"], full["calamine"], "s",
                        goal_ratio=1.5)
    _record_growth("导入", found, "ours", "raw")
    (folder / "files.txt").write_text("\n".join(str(p) for p in paths))
    (folder / "memory").mkdir(exist_ok=True)
    memory = {kind: common.peak_memory_mib(Path(__file__), "--memory", kind, str(count), str(folder))
              for kind in ("ours", "raw")}
    print(f"\n6. 峰值内存（RSS，各在一个新进程中导入或读出这 {count} 个文件）")
    print(common.table(["", "MiB"], [[f"本程序导入 {count} 个文件", f"{memory['ours']:.0f}"],
                                     [f"openpyxl 只读读出 {count} 个文件", f"{memory['raw']:.0f}"]], indent="  "))
    common.record_ratio(f"6. 峰值内存：合并导入 {count} 个部门填报表", memory["ours"], memory["raw"], "MiB")


def _record_growth(what: str, found: list[tuple], ours: str, base: str) -> None:
    unit = "个区县" if what == "导出" else "个文件"
    common.record_growth(f"7. 增长：{what}，每{unit[1:]}毫秒", [size for size, _ in found],
                         [t[ours] for _, t in found], [t[base] for _, t in found], unit)


if __name__ == "__main__":
    main()
