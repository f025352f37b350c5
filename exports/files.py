"""Saving workbooks without ever leaving half a file, and fingerprinting files."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from models.file_errors import FileFault, os_error_reason

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which is hold enough
    fcntl = None

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while block := handle.read(2**20):
            digest.update(block)
    return digest.hexdigest()


def recalculate_on_load(wb: Workbook) -> None:
    """Ask for a full recalculation on opening only when the workbook has formulas (a filled
    template's own): openpyxl asks for one by default, and Excel then asks to save a workbook of
    plain values on closing, as if it had been changed."""
    wb.calculation.fullCalcOnLoad = any(cell.data_type == "f" for ws in wb.worksheets
                                        for cell in getattr(ws, "_cells", {}).values())


def save_atomically(wb: Workbook, path: Path) -> str:
    """Write ``wb`` to ``path`` through a temporary file; return the SHA-256 of what was written.

    A failure (disk full, file open in Excel on Windows) leaves any earlier file at ``path`` as
    it was.
    """
    staged = stage_workbook(wb, path)
    staged.put_in_place()
    return staged.sha256


class StagedFile:
    """A workbook written and fsynced beside its target under a temporary name, not yet in place.

    Whatever must be done before a file may appear at the target (a final export backs up and
    records the submission) is done between ``stage_workbook`` and ``put_in_place``, which renames
    it in one step.  While staged, the temporary is held (locked, or open on Windows), so that
    another export cleaning the folder leaves it alone; one left by a killed program is not held
    and is removed by the next workbook saved into that folder.
    """

    def __init__(self, target: Path, temporary: Path, handle):
        self.target, self.temporary, self._handle = target, temporary, handle
        self.sha256 = sha256_of(temporary)

    def put_in_place(self) -> None:
        if os.name == "nt":
            self._handle.close()  # Windows renames no open file; elsewhere it stays held until renamed
        try:
            os.replace(self.temporary, self.target)
        except BaseException as exc:
            self.temporary.unlink(missing_ok=True)
            if isinstance(exc, OSError):  # the file open in Excel on Windows, a read-only file
                raise _fault(exc, self.target) from exc
            raise
        finally:
            self._handle.close()
        _sync_folder(self.target.parent)

    def discard(self) -> None:
        self._handle.close()
        self.temporary.unlink(missing_ok=True)


def stage_workbook(wb: Workbook, path: Path) -> StagedFile:
    """Write ``wb`` to a temporary file in ``path``'s folder (see StagedFile).

    A system error (disk full, read-only folder, I/O error) comes as a ``FileFault``: an OSError
    whose text is Chinese and names the file.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OSError(f"输出文件须以 .xlsx 结尾：{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _tidy(path.parent)
        handle, temporary = _new_temporary(path)
    except OSError as exc:  # read-only or missing folder, no permission
        raise _fault(exc, path) from exc
    held = os.fdopen(handle, "w+b")
    try:
        _hold_if_possible(held)
        held.write(_xlsx_bytes(wb))
        held.flush()
        os.fsync(held.fileno())
        return StagedFile(path, Path(temporary), held)
    except BaseException as exc:
        held.close()
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # disk full, I/O error
            raise _fault(exc, path) from exc
        raise


def _new_temporary(path: Path) -> tuple[int, str]:
    """A new hidden file beside ``path``, made with the permissions the user's umask gives any new
    file (tempfile.mkstemp makes it readable by its owner alone, and the rename would keep that)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.parent / f"{_PREFIX}{path.name}.{secrets.token_hex(4)}{_SUFFIX}"
        try:
            return os.open(temporary, flags, 0o666), str(temporary)
        except FileExistsError:
            continue


def _xlsx_bytes(wb: Workbook) -> bytes:
    """The workbook's file, made in memory: openpyxl abandons its zip writer when a write fails,
    and the writer fails once more when Python collects it (English text on the screen)."""
    buffer = io.BytesIO()
    recalculate_on_load(wb)
    wb.save(buffer)
    return buffer.getvalue()


def _fault(exc: OSError, path: Path) -> FileFault:
    """The error said in Chinese, still an OSError for the callers that catch one."""
    if isinstance(exc, FileFault):
        return exc
    return FileFault(exc.errno, os_error_reason(exc), str(path))


def check_replaceable(path: Path) -> None:
    """Refuse (OSError) before any work when ``path`` could not be replaced: a folder, or a file
    open in Excel on Windows or read-only, so that a recorded export does not fail at its rename."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "这是一个文件夹", str(path))
    if path.exists():
        with path.open("ab"):  # opens without changing a byte; refused while locked or read-only
            pass


# Ours: ".~报送.xlsx.k3j9_x2a.tmp"; older versions left ".~k3j9_x2a.xlsx".
_PREFIX, _SUFFIX = ".~", ".tmp"
_TEMPORARY = re.compile(r"^\.~(?:.+\.[a-z0-9_]{8}\.tmp|[a-z0-9_]{8}\.xlsx)$")


def remove_abandoned_temporaries(folder: Path) -> list[Path]:
    """Delete the temporaries of workbooks in ``folder`` that no running save holds (left by a
    program that was killed or lost power); returns what was removed."""
    removed = []
    for path in Path(folder).iterdir():
        if _TEMPORARY.match(path.name) and path.is_file() and _abandoned(path):
            try:
                path.unlink()
            except OSError:  # on Windows: held open by a save in progress
                continue
            removed.append(path)
    return removed


def _tidy(folder: Path) -> None:
    """Housekeeping never stops a save: a folder that cannot be listed is left as it is."""
    try:
        remove_abandoned_temporaries(folder)
    except OSError:
        pass


def _hold_if_possible(handle) -> None:
    """Some network shares have no locks: the temporary is then written unheld, which is safe, since
    there the lock test of ``_abandoned`` fails too and no save takes a temporary for abandoned."""
    try:
        _hold(handle)
    except OSError:
        pass


def _hold(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _abandoned(path: Path) -> bool:
    """No save holds it: its lock can be taken (POSIX); on Windows the unlink itself tells."""
    try:
        with path.open("rb") as handle:
            _hold(handle)
    except OSError:
        return False
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows (POSIX; not every file system does).
    The file is in place either way: a failure here is no reason to report the save failed."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", name).strip("'") or "Sheet"
    title, number = base[:31], 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title
