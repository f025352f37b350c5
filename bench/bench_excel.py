"""Benchmark of the Excel exchange against raw openpyxl doing the same amount of work.

A province-size workbook: the 2023 catalog's 158 metrics for 100 districts (15,800 metrics, each
with this year's and last year's figure), laid out the way the program lays it out.

1. Export, built-in layout: ``submission_workbook`` + save (styles, merged headers, print set-up,
   row heights) against openpyxl appending the same rows of values to plain sheets and saving.
2. Export into a user template of ~95,000 placeholder cells (``fill_template`` + save) against
   a raw loop that loads the same template, replaces each placeholder from a dict and saves.
3. Import of one department workbook: the real 区法院 workbook (14 rows) and a province-size one
   (one department filing all 15,800 metrics, ~142,000 cells): safe opening, every row through
   the entry parser and the scope checks, the plan against the store and the all-or-nothing
   write; against openpyxl read-only reading every value of the same file.

Run: ``.venv/bin/python bench/bench_excel.py [--districts N]``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402

from app import exchange  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.demo import format_number  # noqa: E402
from exports.department import DepartmentBook, department_workbook  # noqa: E402
from exports.files import save_atomically  # noqa: E402
from exports.submission import SubmissionData, submission_workbook  # noqa: E402
from exports.template import fill_template  # noqa: E402
from models.catalog import Catalog, CatalogYear  # noqa: E402
from models.findings import Report  # noqa: E402
from models.loader import load_catalog  # noqa: E402
from models.periods import Period  # noqa: E402
from models.profile import Contacts  # noqa: E402
from models.values import Value  # noqa: E402

Q3 = Period.parse("2023Q3")


def timed(work, repeat: int = 3) -> float:
    """The best of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


# ---- a province-size catalog and its figures -------------------------------------------

def province_catalog(districts: int, one_department: str | None = None) -> Catalog:
    base = load_catalog(2023)
    indicators = []
    for indicator in base.indicators:
        metrics = [m.model_copy(update={"code": f"{m.code}_d{d:03d}", "name": f"{m.name}（区县{d:03d}）"})
                   for d in range(1, districts + 1) for m in indicator.metrics]
        indicators.append(indicator.model_copy(update={"metrics": tuple(metrics)}))
    definitions = CatalogYear(year=2023, title=base.title, indicators=tuple(indicators))
    profile = base.profile
    if one_department:
        profile = profile.model_copy(update={"leads": {code: one_department for code in profile.leads}})
    return Catalog(definitions, profile, source="bench")


def figures(catalog: Catalog, period: Period, scale: float) -> dict[str, Value]:
    values = {}
    for number, metric in enumerate(catalog.metrics):
        upper = metric.upper_bound or 10_000
        amount = round(min(upper, (number % 97 + 1) * scale), metric.decimals)
        values[metric.code] = Value(period=period.code, dept=catalog.department_of(metric.code), metric=metric.code,
                                    number=amount, raw=format_number(amount, metric), note="")
    return values


# ---- 1. built-in export ---------------------------------------------------------------

def builtin_export(catalog: Catalog, folder: Path) -> tuple[float, float, int]:
    data = SubmissionData(catalog=catalog, period=Q3, values=figures(catalog, Q3, 1.01),
                          last_year=figures(catalog, Q3.same_quarter_last_year(), 0.97),
                          report=Report(period=Q3.code), contacts=Contacts(), written_at="2023-10-08T09:00:00+08:00")
    ours = timed(lambda: save_atomically(submission_workbook(data), folder / "ours.xlsx"))
    rows = [[n, m.name, m.code, m.unit, data.values[m.code].number, data.last_year[m.code].number,
             m.target.text(m.unit) if m.target else "", "", "区法院", ""] for n, m in enumerate(catalog.metrics)]

    def raw() -> None:
        wb = openpyxl.Workbook()
        start = 0
        for indicator in catalog.indicators:
            ws = wb.create_sheet(indicator.name[:31])
            for row in rows[start:start + len(indicator.metrics)]:
                ws.append(row)
            start += len(indicator.metrics)
        wb.save(folder / "raw.xlsx")

    return ours, timed(raw), len(rows) * len(rows[0])


# ---- 2. user template ----------------------------------------------------------------

def template_export(catalog: Catalog, folder: Path) -> tuple[float, float, int]:
    path = folder / "template.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "本期", "上年同期", "说明", "本期（文字）", "区县"])
    kinds = ("metric", "prev", "note")
    for metric in catalog.metrics:
        ws.append([metric.name, *[f"{{{{{k}:{metric.code}}}}}" for k in kinds],
                   f"本期{{{{metric:{metric.code}}}}}", "{{meta:区县}}"])
    wb.save(path)
    placeholders = ws.max_row * 5
    data = SubmissionData(catalog=catalog, period=Q3, values=figures(catalog, Q3, 1.01),
                          last_year=figures(catalog, Q3.same_quarter_last_year(), 0.97),
                          report=Report(period=Q3.code), contacts=Contacts(), written_at="2023-10-08T09:00:00+08:00")
    ours = timed(lambda: save_atomically(fill_template(path, data).workbook, folder / "filled.xlsx"), repeat=2)
    lookup = {f"{{{{metric:{c}}}}}": v.number for c, v in data.values.items()}
    lookup |= {f"{{{{prev:{c}}}}}": v.number for c, v in data.last_year.items()}

    def raw() -> None:
        filled = openpyxl.load_workbook(path)
        for row in filled.active.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "{{" in cell.value:
                    cell.value = lookup.get(cell.value, "")
        filled.save(folder / "raw_filled.xlsx")

    return ours, timed(raw, repeat=2), placeholders


# ---- 3. import -----------------------------------------------------------------------

def import_workbook(ctx: AppContext, catalog: Catalog, dept: str, folder: Path) -> tuple[float, float, float, int]:
    ctx._catalogs[2023] = catalog  # the context's catalog cache: the bench's catalog applies to 2023
    book = DepartmentBook(catalog=catalog, period=Q3, dept=catalog.department(dept), current={},
                          last_year=figures(catalog, Q3.same_quarter_last_year(), 0.97),
                          contacts=Contacts(), written_at="")
    path = folder / f"{dept}.xlsx"
    wb = department_workbook(book)
    typed = figures(catalog, Q3, 1.01)
    cells = 0
    for ws in wb.worksheets[:-1]:
        for row in ws.iter_rows(min_row=6):
            row[4].value = typed[row[0].value].raw  # what the filer typed, e.g. "99.38%"
        cells += ws.max_row * ws.max_column
    save_atomically(wb, path)
    plan_only = timed(lambda: exchange.plan_import(ctx, path))
    with_store = timed(lambda: exchange.import_workbook(ctx, path), repeat=1)

    def raw() -> None:
        read = openpyxl.load_workbook(path, read_only=True)
        for sheet in read.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        read.close()

    return plan_only, with_store, timed(raw), cells


def line(name: str, cells: int, ours: float, raw: float) -> str:
    return f"{name:<34}{cells:>10,}{ours:>10.2f}{raw:>10.2f}{ours / raw:>8.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--districts", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    catalog = province_catalog(args.districts)
    print(f"省级规模：{args.districts} 个区县 × 158 项指标 = {len(catalog.metrics):,} 项（本期与上年同期各一值）")
    print(f"{'':<34}{'单元格':>10}{'本程序 秒':>10}{'openpyxl 秒':>10}{'倍数':>8}")
    ours, raw, cells = builtin_export(catalog, folder)
    print(line("导出：内置格式（样式、合并表头、打印）", cells, ours, raw))
    ours, raw, cells = template_export(catalog, folder)
    print(line("导出：用户模板（占位符）", cells, ours, raw))
    ctx = AppContext(folder / "small.db", who="bench")
    plan, stored, raw, cells = import_workbook(ctx, load_catalog(2023), "court", folder)
    print(line("导入：区法院填报表（核对，不写库）", cells, plan, raw))
    print(line("导入：区法院填报表（含写库）", cells, stored, raw))
    ctx.close()
    ctx = AppContext(folder / "province.db", who="bench")
    plan, stored, raw, cells = import_workbook(ctx, province_catalog(args.districts, "court"), "court", folder)
    print(line("导入：省级规模填报表（核对，不写库）", cells, plan, raw))
    print(line("导入：省级规模填报表（含写库）", cells, stored, raw))
    ctx.close()


if __name__ == "__main__":
    main()
