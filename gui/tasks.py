"""Long work (reading or writing workbooks) in a worker thread, with a modal progress dialog.

The work is a pure function taking ``progress(done, total)`` and ``is_cancelled()``; it never
touches a widget.  Its progress, result or error come back to the main thread as queued
signals.  One task runs at a time and the dialog is modal, so the filer cannot edit while it
runs: database writes stay serialized.

While the work runs, Python's cyclic garbage is collected on a timer in the main thread
instead of wherever memory happens to be allocated: a collection in the worker would destroy
any unreachable window or dialog there, outside the thread Qt requires, and crash.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.file_errors import explain_os_error
from storage.errors import explain_sqlite

Work = Callable[..., object]  # work(progress=…, is_cancelled=…) -> result


PROGRESS_EVERY_S = 0.05  # at most 20 progress repaints a second, however fast the work reports
COLLECT_EVERY_MS = 100  # while work runs: how often the main thread collects garbage


def fault_text(exc: BaseException, db_path: Path) -> str | None:
    """A full disk, a read-only folder or an I/O error met by a task, said in Chinese (else None)."""
    if isinstance(exc, sqlite3.Error):
        return str(explain_sqlite(exc, db_path))
    if isinstance(exc, OSError):
        return explain_os_error(exc)
    return None


def collect_as_due() -> None:
    """Collect the generations whose counts passed their thresholds, as automatic collection would."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


class _Signals(QObject):
    progress = Signal(object, object)  # done, total (may exceed 32 bits)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancelled: threading.Event):
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._signals, self._cancelled = work, signals, cancelled

        self._last_report = 0.0

    def run(self) -> None:
        try:
            result = self._work(progress=self._progress, is_cancelled=self._cancelled.is_set)
        except Exception as exc:  # every failure goes back to the main thread, said there
            self._signals.failed.emit(exc)
            return
        self._signals.done.emit(result)

    def _progress(self, done: int, total: int) -> None:
        """Report, but never flood the main thread's event queue."""
        now = time.monotonic()
        if done >= total or now - self._last_report >= PROGRESS_EVERY_S:
            self._last_report = now
            self._signals.progress.emit(done, total)


class TaskRunner(QObject):
    """Runs one job at a time; ``busy`` while it runs."""

    finished = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._parent = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._dialog: QProgressDialog | None = None
        self._signals: _Signals | None = None
        self._on_done: Callable[[object], None] | None = None
        self._on_failed: Callable[[Exception], None] | None = None
        self._cancelled = threading.Event()
        self._collector = QTimer(self)
        self._collector.setInterval(COLLECT_EVERY_MS)
        self._collector.timeout.connect(collect_as_due)
        self._collecting_was_automatic = gc.isenabled()

    @property
    def busy(self) -> bool:
        return self._signals is not None

    def run(self, label: str, work: Work, on_done: Callable[[object], None],
            on_failed: Callable[[Exception], None]) -> bool:
        if self.busy:
            return False
        self._on_done, self._on_failed = on_done, on_failed
        self._cancelled = threading.Event()
        self._dialog = self._progress_dialog(label)
        self._signals = _Signals(self)  # owned here: never deleted by the worker's last reference
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.progress.connect(self._progress, queued)
        self._signals.done.connect(self._done, queued)
        self._signals.failed.connect(self._failed, queued)
        self._collecting_was_automatic = gc.isenabled()
        gc.disable()  # until the work ends: collected by the timer, in this thread
        self._collector.start()
        self._pool.start(_Job(work, self._signals, self._cancelled))
        return True

    def _progress_dialog(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("取消"), 0, 0, self._parent)
        dialog.setWindowTitle(self.tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancelled.set)
        return dialog

    @Slot(object, object)
    def _progress(self, done: int, total: int) -> None:
        if self._dialog is not None:  # QProgressDialog counts in int: show per mille
            self._dialog.setMaximum(1000)
            self._dialog.setValue(int(1000 * min(done, total) / max(total, 1)))

    @Slot(object)
    def _done(self, result) -> None:
        callback = self._on_done
        self._finish()
        callback(result)

    @Slot(object)
    def _failed(self, exc) -> None:
        callback = self._on_failed
        self._finish()
        callback(exc)

    def _finish(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
        if self._signals is not None:
            self._signals.deleteLater()
        self._pool.waitForDone()  # the worker is returning from the work: let it let go of everything
        self._collector.stop()
        if self._collecting_was_automatic:
            gc.enable()
        self._dialog = self._signals = None
        self._on_done = self._on_failed = None
        self.finished.emit()

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
