"""Benchmark of the desktop application: start-up and the latency of one edit.

1. Start-up: from starting a process to the first painted entry table, with the demo database
   (the window made as ``gui.app.run_gui`` makes it: the 158 figures of 2023Q3 are checked
   right after that first paint), against a bare QMainWindow holding an empty QTableView.
   Each start is a fresh process; the two alternate and the median of each is printed.
2. Edit latency: one edit as the filer makes it, on a cell that is selected and on screen
   (selecting and scrolling are not timed) — text into the table model (``setData``), parsed,
   stored (one transaction with its audit row, WAL + synchronous=FULL), checked (the rules that
   read the metric), the table, indicator list, findings panel and status bar updated and
   painted (events processed until none is left) — p50/p95/max over 1,000 edits, with the share of each step and
   apart for edits that add or remove findings, against a bare ``UPDATE`` + ``COMMIT`` on the
   same database file and a bare ``setData`` + ``dataChanged``.  A third baseline copies the
   findings list as it stood after the edits into bare Qt (the same texts, widths and size) and
   times one row coming or going and the repaint: with the bare commit, the least an edit that
   makes a finding come or go can take.  The trend chart follows edits
   once they pause (``TREND_PAUSE_MS``): after each timed edit it is brought up to date and
   painted at once, timed apart.

The edits cycle through figures of seed 000 and near variants, so relations break and heal
(findings come and go) as they would while a filer corrects a sheet.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui.py [--edits N] [--starts N]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

# (metric, texts typed in turn): seed 000's figures and near variants
EDITS = [
    ("ct_cases_closed", ("28936", "29000")),  # 结案28936件; 29000 breaks 结案率 84.61% = 结案 ÷ 受理
    ("lb_fairs_online", ("197", "198")),  # 线上197场; 198 breaks 线上 + 线下 = 216
    ("gs_full_online_rate", ("99.38%", "99.4%")),
    ("ct_law_firm_visits", ("70", "71")),
    ("pc_saved", ("2316", "2,316")),
    ("bs_new_firms", ("9057", "９０５８")),
]


# ---- start-up, in a child process ----------------------------------------------------------------

def child(kind: str, db: str) -> None:
    """Start, print once the table has painted, and leave at once."""
    if kind == "bare":
        _bare()
    else:
        _program(db)


def _first_paint_exits(widget) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda: (print("painted", flush=True), os._exit(0)))
            return False

    widget.installEventFilter(FirstPaint(widget))


def _bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv)
    window, table = QMainWindow(), QTableView()
    window.setCentralWidget(table)
    _first_paint_exits(table.viewport())
    window.resize(1280, 800)
    window.show()
    app.exec()


def _program(db: str) -> None:
    """What ``python main.py --db DB`` does (the domain imported before Qt, then ``run_gui``); the
    only addition is the watcher on the table, installed as the window is shown."""
    import cli  # noqa: F401  (main() imports it first)
    import main as entry
    from gui.main_window import MainWindow

    shown = MainWindow.show

    def show(window) -> None:
        _first_paint_exits(window.table.viewport())
        shown(window)

    MainWindow.show = show
    entry.main(["--db", db])


def start_once(kind: str, db: Path, config: Path) -> float:
    env = dict(os.environ, XDG_CONFIG_HOME=str(config))  # the program's QSettings, apart from the user's
    started = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(db)], capture_output=True, text=True,
                         check=True, timeout=120, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if "painted" not in out.stdout:
        raise RuntimeError(f"{kind}: no paint reported: {out.stderr[-500:]}")
    return elapsed


PACKAGES = ("main.py", "app", "cli", "gui", "models", "validation", "storage", "exports")


def compile_bytecode() -> None:
    """The program's modules compiled, as after its first start or in the bundle (Qt's already are):
    with PYTHONDONTWRITEBYTECODE set, every start would otherwise compile ~60 modules (~100 ms)."""
    import compileall

    for name in PACKAGES:
        path = ROOT / name
        (compileall.compile_file if path.is_file() else compileall.compile_dir)(str(path), quiet=1)


def startup(db: Path, folder: Path, runs: int) -> dict[str, float]:
    """Median of ``runs`` starts of each, bare and program in turn (both see the same machine load)."""
    compile_bytecode()
    times: dict[str, list[float]] = {"bare": [], "app": []}
    for kind in times:
        start_once(kind, db, folder / "config")  # warm the file cache
    for _ in range(runs):
        for kind, found in times.items():
            found.append(start_once(kind, db, folder / "config"))
    return {kind: statistics.median(found) for kind, found in times.items()}


# ---- edit latency, in this process ----------------------------------------------------------------

class Timed:
    """Wraps a method to add up the time spent in it."""

    def __init__(self, owner, name: str):
        self.owner, self.name, self.total = owner, name, 0.0
        self.original = getattr(owner, name)
        timed = self

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return timed.original(*args, **kwargs)
            finally:
                timed.total += time.perf_counter() - started

        setattr(owner, name, wrapper)

    def restore(self) -> None:
        setattr(self.owner, self.name, self.original)


def settle(app) -> None:
    """Process events until none is left: a view lays its rows out again on a zero timer after
    rows come or go, and paints after that; one ``processEvents`` would leave that paint to the
    next edit's preparation."""
    from PySide6.QtCore import QEventLoop

    dispatcher = app.eventDispatcher()
    for _ in range(20):  # bounded: a repeating zero timer would never let the loop end
        if not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
            return


def edit_latencies(db: Path, folder: Path, count: int) -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.context import AppContext
    from app.editing import SetFigures
    from app.session import EntrySession
    from gui.figures_model import Column
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    ctx = AppContext(db, who="基准")
    window = MainWindow(ctx, QSettings(str(folder / "edit.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    model = window.model
    cells = [(model.index(model.row_of(code), Column.VALUE), texts) for code, texts in EDITS]
    steps = {"parse": Timed(EntrySession, "value_entry"), "store": Timed(SetFigures, "apply"),
             "check": Timed(EntrySession, "refresh")}
    times, committed, findings_moved, trend = [], [], [], []
    gc.disable()
    for n in range(count):
        index, texts = cells[n % len(cells)]
        text = texts[(n // len(cells)) % len(texts) - 1]  # start with the variant: every edit changes
        window.table.setCurrentIndex(index)  # the filer is on the cell, which is on screen (not timed)
        window.table.scrollTo(index)
        settle(app)
        before = [f.key for f in window.session.all_findings()]
        started = time.perf_counter()
        if not model.setData(index, text):
            raise RuntimeError(f"edit refused: {text}")
        committed.append(time.perf_counter() - started)  # stored, checked, models signalled
        settle(app)  # the views repaint what changed
        times.append(time.perf_counter() - started)
        findings_moved.append(before != [f.key for f in window.session.all_findings()])
        if window.trend_timer.isActive():  # what the pause after the edit brings, without waiting for it
            started = time.perf_counter()
            window.show_trend()
            settle(app)
            trend.append(time.perf_counter() - started)
    gc.enable()
    findings_list = list_shape(window.findings_panel.table)
    shares = {name: timed.total / sum(committed) for name, timed in steps.items()}
    for timed in steps.values():
        timed.restore()
    window.editor.session.drafts.clear()
    window.close()
    ctx.close()
    return {"times": times, "committed": committed, "shares": shares, "findings_moved": findings_moved,
            "trend": trend, "findings_list": findings_list}


def list_shape(table) -> dict:
    """What the findings list showed: its texts, column widths and size, for the bare copy."""
    model = table.model()
    return {"texts": [[model.index(row, column).data() or "" for column in range(model.columnCount())]
                      for row in range(model.rowCount())],
            "widths": [table.columnWidth(column) for column in range(model.columnCount())],
            "size": (table.width(), table.height())}


def bare_list_repaints(shape: dict, count: int) -> list[float]:
    """The findings list as bare Qt (items, sort proxy, table view; the same texts, column widths,
    stretched message column and size): one row inserted or removed among the visible ones, then
    painted.  What an edit that makes a finding come or go repaints, without any code of ours."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

    from gui.findings_panel import Column as ListColumn

    app, texts = QApplication.instance(), shape["texts"]
    if not texts:
        raise RuntimeError("the findings list was empty after the edits: nothing to copy")
    model = QStandardItemModel(0, len(shape["widths"]))
    for row in texts:
        model.appendRow([QStandardItem(text) for text in row])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    for column, width in enumerate(shape["widths"]):
        view.setColumnWidth(column, width)
    view.horizontalHeader().setSectionResizeMode(ListColumn.MESSAGE, QHeaderView.ResizeMode.Stretch)
    view.resize(*shape["size"])
    view.show()
    settle(app)
    times = []
    for n in range(count):
        place = (n // 2) % max(1, min(len(texts), view.viewport().height() // view.rowHeight(0)))
        started = time.perf_counter()
        if n % 2 == 0:
            model.insertRow(place, [QStandardItem(text) for text in texts[n // 2 % len(texts)]])
        else:
            model.removeRow(place)
        settle(app)
        times.append(time.perf_counter() - started)
    view.close()
    return times


def bare_commits(db: Path, count: int) -> list[float]:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    times = []
    for n in range(count):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE figures SET number = ? WHERE period = '2023Q3' AND dept = 'court' "
                     "AND metric = 'ct_law_firm_visits'", (70 + n % 2,))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.close()
    return times


def bare_set_data(count: int) -> list[float]:
    from PySide6.QtGui import QStandardItemModel

    model = QStandardItemModel(158, 8)
    times = []
    for n in range(count):
        index = model.index(n % 158, 2)
        started = time.perf_counter()
        model.setData(index, str(n))  # QStandardItemModel emits dataChanged itself
        times.append(time.perf_counter() - started)
    return times


percentile = common.percentile


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.app import open_context

    with tempfile.TemporaryDirectory(prefix="bench_gui_") as tmp:
        folder = Path(tmp)
        db = folder / "demo.db"
        open_context(db).close()  # the demo district, as on first start
        starts = startup(db, folder, args.starts)
        edits = edit_latencies(db, folder, args.edits)
        commits = bare_commits(db, args.edits)
    set_data = bare_set_data(args.edits)
    list_repaints = bare_list_repaints(edits["findings_list"], args.edits)
    report(starts, edits, {"commits": commits, "set_data": set_data, "list": list_repaints}, args)
    return 0


def report(starts, edits, bare, args) -> None:
    from gui.main_window import TREND_PAUSE_MS

    times, committed = edits["times"], edits["committed"]
    commits, set_data, list_repaints = bare["commits"], bare["set_data"], bare["list"]
    print(f"平台：QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}")
    print(f"启动到首次绘出表格（{args.starts} 次中位数，新进程）")
    print(f"  空 QMainWindow + 空 QTableView  {ms(starts['bare'])}")
    print(f"  本程序（演示数据库，158 项校验）{ms(starts['app'])}   多出 {ms(starts['app'] - starts['bare'])}")
    print(f"\n一次编辑（{len(times)} 次）")
    print("  输入 → 解析 → 写入（审计）→ 校验 → 表格/问题列表/状态栏收到更新")
    print(f"    p50 {ms(statistics.median(committed))}   p95 {ms(percentile(committed, 0.95))}   最大 {ms(max(committed))}")
    parts = "，".join(f"{label} {edits['shares'][key] * 100:.0f}%"
                      for key, label in (("parse", "解析"), ("store", "写入"), ("check", "校验")))
    rest = 1 - sum(edits["shares"].values())
    print(f"    用时构成：{parts}，界面模型与撤销栈 {rest * 100:.0f}%")
    print("  同上，再加上重绘变动的部分（处理事件直到没有剩余，offscreen 软件绘制）")
    print(f"    p50 {ms(statistics.median(times))}   p95 {ms(percentile(times, 0.95))}   最大 {ms(max(times))}")
    moved = [t for t, m in zip(times, edits["findings_moved"], strict=True) if m]
    still = [t for t, m in zip(times, edits["findings_moved"], strict=True) if not m]
    for label, group in (("问题列表有增减的编辑", moved), ("问题列表不变的编辑", still)):
        if group:
            print(f"    其中{label}（{len(group)} 次）：p50 {ms(statistics.median(group))}   p95 {ms(percentile(group, 0.95))}")
    if edits["trend"]:
        trend = edits["trend"]
        print(f"  趋势图（编辑停顿 {TREND_PAUSE_MS} ms 后更新并重绘，不计入上面的用时；{len(trend)} 次）")
        print(f"    p50 {ms(statistics.median(trend))}   p95 {ms(percentile(trend, 0.95))}   最大 {ms(max(trend))}")
    print(f"对照：裸 UPDATE + COMMIT（WAL，synchronous=FULL，同一数据库文件，{len(commits)} 次）")
    print(f"  p50 {ms(statistics.median(commits))}   p95 {ms(percentile(commits, 0.95))}")
    print(f"对照：QStandardItemModel.setData + dataChanged（{len(set_data)} 次）")
    print(f"  p50 {statistics.median(set_data) * 1e6:8.1f} µs   p95 {percentile(set_data, 0.95) * 1e6:8.1f} µs")
    print(f"对照：裸 Qt 的同一问题列表（{len(edits['findings_list']['texts'])} 条，同样的文字、列宽与大小）"
          f"增减一行并重绘（{len(list_repaints)} 次）")
    print(f"  p50 {ms(statistics.median(list_repaints))}   p95 {ms(percentile(list_repaints, 0.95))}")
    print(f"  问题列表有增减的编辑的下限（裸提交 + 裸列表重绘，各取 p50）：{ms(floor(bare))}")
    overhead = [t - statistics.median(commits) for t in committed]
    print(f"编辑（不含重绘）减去一次裸提交的中位数：p50 {ms(statistics.median(overhead))}   "
          f"p95 {ms(percentile(overhead, 0.95))}")
    record(starts, times, committed, bare)


def floor(bare: dict) -> float:
    """The least an edit that makes a finding come or go can take: a bare commit and the bare
    list's repaint, both at their medians, with nothing parsed, checked or signalled."""
    return statistics.median(bare["commits"]) + statistics.median(bare["list"])


def record(starts: dict, times: list[float], committed: list[float], bare: dict) -> None:
    common.record_ratio("1. 启动到首次绘出表格（演示数据）", starts["app"], starts["bare"], "ms", goal_ratio=2)
    commit_p95 = percentile(bare["commits"], 0.95)
    for name, group in (("2. 一次编辑 p95（含界面重绘）", times), ("2. 一次编辑 p95（到界面模型收到更新，不含重绘）", committed)):
        p95 = percentile(group, 0.95)
        common.record(common.Result(name, common.figure(p95, "ms"), common.figure(commit_p95, "ms"),
                                    p95 / commit_p95, "p95 ≤ 2 ms", p95 <= 0.002))
    common.record(common.Result("2. 下限：裸提交 + 裸 Qt 问题列表增减一行重绘（p50）", common.figure(floor(bare), "ms"),
                                "", None, "", None))


if __name__ == "__main__":
    sys.exit(main())
