"""Progress and cancellation for long work, so the GUI can run it in a worker thread.

Long functions take optional ``progress(done, total)`` and ``is_cancelled()`` callbacks; they
call ``Steps.advance()`` once per unit of work, which reports at most every ``every`` units and
raises ``Cancelled`` as soon as the caller asks to stop.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """The user stopped the work; nothing was written."""

    def __init__(self) -> None:
        super().__init__("操作已取消，未写入任何内容。")


class Steps:
    def __init__(self, total: int, progress: ProgressFn | None = None,
                 is_cancelled: CancelledFn | None = None, every: int = 500):
        self.total = max(total, 0)
        self.done = 0
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._every = max(every, 1)
        self._next_report = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.done >= self._next_report:
            self._next_report = self.done + self._every
            self.check()
            if self._progress is not None:
                self._progress(min(self.done, self.total), self.total)

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled()

    def finish(self) -> None:
        self.check()
        if self._progress is not None:
            self._progress(self.total, self.total)
