"""Faults of the disk through the real command: full, read-only, I/O errors.

Each fault is real, not imitated: a small tmpfs filled up (disk full) or remounted read-only (a
read-only folder and file), a read-only bind mount of the database file alone — these need root
and mount(8), as on the CI machine; elsewhere they are skipped saying why.  Two more run on any
machine: a file-size limit (RLIMIT_FSIZE: every write past it fails, SQLite says "disk I/O
error") and an unprivileged user facing files it may only read.

``main.py`` runs in a subprocess; each case asserts the exit status, a Chinese message naming
the file and what to do, no traceback and no English, no half-written workbook left behind, and
a full dump of the database the same as before.
"""

from __future__ import annotations

import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from storage import Store
from tests.reliability.corpus.workbooks import edit, put
from tests.reliability.support import dump, integrity
from tests.reliability.test_english import english_words

ROOT = Path(__file__).resolve().parents[2]
LEFT_FREE = 40 * 1024  # SQLite's shared memory (32 KB) fits, and one WAL frame more
NO_ROOM_FOR_A_WORKBOOK = 34 * 1024  # the shared memory fits, not the smallest workbook
DISK_FULL = "磁盘空间不足"


def run(db: Path, *argv, limit: int | None = None, user: str | None = None) -> subprocess.CompletedProcess:
    """``main.py --db DB ARGV`` as a user would run it, under a file-size limit or as ``user``."""
    def before():
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    as_user = ["setpriv", f"--reuid={user}", f"--regid={pwd.getpwnam(user).pw_gid}", "--clear-groups"] if user else []
    env = {**os.environ, "HOME": str(db.parent), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([*as_user, sys.executable, str(ROOT / "main.py"), "--db", str(db), *map(str, argv)],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          preexec_fn=before, timeout=120)


def assert_refused(done: subprocess.CompletedProcess, status: int, *words: str) -> None:
    said = done.stdout + done.stderr
    assert done.returncode == status, said
    assert "Traceback" not in said and "Exception ignored" not in said, said
    assert done.stderr.startswith("错误："), said
    for word in words:
        assert word in said, said
    assert not english_words(said, [str(w) for w in words]), said


def no_workbook_left(folder: Path, name: str) -> None:
    assert not (folder / name).exists()
    assert not list(folder.glob(".~*.xlsx")), list(folder.iterdir())


# ---- real faults: tmpfs and bind mounts (root) -------------------------------------------------

@contextmanager
def mounted(target: Path, *options: str):
    done = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount {' '.join(options)} is not allowed here ({done.stderr.strip()}); "
                    "the same faults are made by RLIMIT_FSIZE and an unprivileged user below")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=True)


def fill(folder: Path, leave: int) -> None:
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with (folder / "填满磁盘的文件").open("wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))


@pytest.fixture
def small_disk(demo_db, tmp_path):
    """A 2 MB disk holding the demo database and today's backup (so no daily backup is due)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    with mounted(disk, "-t", "tmpfs", "-o", "size=2m", "tmpfs"):
        db = Path(shutil.copyfile(demo_db, disk / "demo.db"))
        with Store(db) as store:
            store.backup("manual")
        yield db


@pytest.fixture
def court_workbook(demo_db, tmp_path):
    """The court's workbook with one figure changed, outside the small disk."""
    from app import exchange
    from app.context import AppContext
    from models.periods import Period

    ctx = AppContext(demo_db)
    period = Period.parse("2023Q3")
    path = exchange.write_blank(ctx, period, ctx.catalog_for(period).department("court"),
                                tmp_path / "区法院.xlsx").path
    ctx.close()
    edit(put("ct_close_rate", "91.5%"))(path)
    return path


FULL_DISK_CHANGES = {
    "set": ["set", "2023Q3", "ct_close_rate", "85%"],
    "set-with-note": ["set", "2023Q3", "ct_close_rate", "85%", "--note", "说明" * 3000],
    "lock": ["lock", "2023Q3", "--dept", "court", "--reason", "已报送"],
    "unlock": ["unlock", "2023Q3", "--dept", "court", "--reason", "更正"],
    "profile": ["profile", "set-district", "新区"],
    "backup": ["backup"],
}


@pytest.mark.parametrize("name", sorted(FULL_DISK_CHANGES))
def test_a_change_on_a_full_disk_is_refused_in_chinese_and_changes_nothing(small_disk, name):
    if name == "unlock":
        with Store(small_disk) as store:
            store.lock("2023Q3", "court", reason="已报送")
    fill(small_disk.parent, LEFT_FREE)
    before = dump(small_disk)
    done = run(small_disk, *FULL_DISK_CHANGES[name])
    assert_refused(done, 1, DISK_FULL, str(small_disk), "未完成", "清理")
    (small_disk.parent / "填满磁盘的文件").unlink()
    assert dump(small_disk) == before and integrity(small_disk) == "ok"


def test_an_import_on_a_full_disk_is_refused_in_chinese_and_changes_nothing(small_disk, court_workbook):
    fill(small_disk.parent, LEFT_FREE)
    before = dump(small_disk)
    assert_refused(run(small_disk, "import", court_workbook), 1, DISK_FULL, str(small_disk))
    (small_disk.parent / "填满磁盘的文件").unlink()
    assert dump(small_disk) == before and integrity(small_disk) == "ok"


WORKBOOKS = {
    "blank": ["blank", "2023Q3", "--dept", "court", "--out"],
    "export": ["export", "2023Q3", "--draft", "--out"],
    "validate": ["validate", "2023Q3", "--dept", "gov_data", "--out"],
}


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_a_workbook_on_a_full_disk_is_refused_in_chinese_and_leaves_no_file(small_disk, name):
    out = small_disk.parent / "输出.xlsx"
    fill(small_disk.parent, NO_ROOM_FOR_A_WORKBOOK)
    before = dump(small_disk)
    done = run(small_disk, *WORKBOOKS[name], out)
    assert_refused(done, 2, DISK_FULL, f"无法写入 {out}")
    no_workbook_left(small_disk.parent, out.name)
    (small_disk.parent / "填满磁盘的文件").unlink()
    assert dump(small_disk) == before


def test_a_database_on_a_disk_without_a_byte_free_is_not_opened(small_disk):
    fill(small_disk.parent, 0)
    before_size = small_disk.stat().st_size
    done = run(small_disk, "show", "2023Q3")
    assert_refused(done, 1, str(small_disk), "磁盘")
    (small_disk.parent / "填满磁盘的文件").unlink()
    assert small_disk.stat().st_size == before_size and integrity(small_disk) == "ok"


def remount(target: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(target)], check=True)


def test_a_database_on_a_read_only_disk_is_refused_in_chinese(small_disk):
    before = dump(small_disk)
    remount(small_disk.parent, "ro")
    try:
        for argv in (FULL_DISK_CHANGES["set"], FULL_DISK_CHANGES["lock"]):
            assert_refused(run(small_disk, *argv), 1, str(small_disk), "只读")
    finally:
        remount(small_disk.parent, "rw")
    assert dump(small_disk) == before


def test_a_workbook_into_a_read_only_folder_is_refused_in_chinese(demo_db, tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    with mounted(folder, "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs"):
        done = run(demo_db, "export", "2023Q3", "--draft", "--out", folder / "报送.xlsx")
        assert_refused(done, 2, f"无法写入 {folder / '报送.xlsx'}", "只读")


def test_a_read_only_database_file_is_read_but_not_changed(demo_db, tmp_path):
    before = dump(demo_db)
    with mounted(demo_db, "--bind", str(demo_db)):
        remount(demo_db, "ro,bind")
        assert run(demo_db, "show", "2023Q3").returncode == 0
        for argv in FULL_DISK_CHANGES["set"], FULL_DISK_CHANGES["lock"], FULL_DISK_CHANGES["profile"]:
            assert_refused(run(demo_db, *argv), 1, str(demo_db), "只能读取，不能写入", "只读属性")
    assert dump(demo_db) == before


# ---- any machine: a file-size limit, an unprivileged user ------------------------------------

def test_an_io_error_opening_the_database_is_said_in_chinese(demo_db):
    """Under a 16 KB limit SQLite cannot even size its shared memory: "disk I/O error"."""
    before = dump(demo_db)
    done = run(demo_db, "set", "2023Q3", "ct_close_rate", "85%", limit=16 * 1024)
    assert_refused(done, 1, str(demo_db), "I/O 错误")
    assert dump(demo_db) == before


def test_a_backup_that_cannot_be_written_is_said_in_chinese(demo_db):
    before = dump(demo_db)
    done = run(demo_db, "backup", limit=LEFT_FREE)
    assert_refused(done, 1, str(demo_db), "I/O 错误")
    assert dump(demo_db) == before


def test_a_workbook_over_the_file_size_limit_is_said_in_chinese(demo_db, tmp_path):
    with Store(demo_db) as store:
        store.backup("manual")  # today's backup is made: the limit meets the workbook
    out = tmp_path / "报送.xlsx"
    done = run(demo_db, "export", "2023Q3", "--draft", "--out", out, limit=LEFT_FREE)
    assert_refused(done, 2, f"无法写入 {out}", "文件超出系统允许的大小")
    no_workbook_left(tmp_path, out.name)


@pytest.fixture
def shared_folder():
    """A folder any user may enter (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="faults-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o777 if path.is_dir() else 0o666)
    shutil.rmtree(folder)


@pytest.fixture
def stranger(shared_folder):
    """An unprivileged user (root is let write anything), or the current one if not root."""
    if os.geteuid() != 0:
        return None
    try:
        probe = run(shared_folder / "x.db", "--version", user="nobody")
    except OSError as exc:
        pytest.skip(f"setpriv(1) is needed to run the program as nobody: {exc}")
    if probe.returncode != 0:
        pytest.skip(f"user nobody cannot run the program from {ROOT}: {probe.stderr.strip()[:200]}")
    return "nobody"


def _database_in(folder: Path, demo_db: Path, file_mode: int, folder_mode: int) -> Path:
    folder.mkdir()
    db = Path(shutil.copyfile(demo_db, folder / "demo.db"))
    db.chmod(file_mode)
    folder.chmod(folder_mode)
    return db


def test_a_read_only_file_is_refused_in_chinese_for_an_ordinary_user(demo_db, shared_folder, stranger):
    db = _database_in(shared_folder / "文件只读", demo_db, 0o444, 0o777)
    before = dump(db)
    done = run(db, *FULL_DISK_CHANGES["set"], user=stranger)
    assert_refused(done, 1, str(db), "只能读取，不能写入")
    assert dump(db) == before


def test_a_read_only_folder_is_refused_in_chinese_for_an_ordinary_user(demo_db, shared_folder, stranger):
    db = _database_in(shared_folder / "文件夹只读", demo_db, 0o666, 0o555)
    before = dump(db)
    done = run(db, *FULL_DISK_CHANGES["set"], user=stranger)
    assert_refused(done, 1, str(db.parent), "只读")  # the database, or the backups folder beside it
    assert dump(db) == before
    out = db.parent / "报送.xlsx"
    writable = _database_in(shared_folder / "可写", demo_db, 0o666, 0o777)
    done = run(writable, "export", "2023Q3", "--draft", "--out", out, user=stranger)
    assert_refused(done, 2, f"无法写入 {out}", "没有权限")


# ---- the store itself: a database that may not grow (SQLite's max_page_count) -------------

def test_a_full_database_in_a_transaction_keeps_the_original_error(demo_app):
    """The ROLLBACK after SQLITE_FULL must not replace it by "cannot rollback"."""
    from models.values import Entry
    from storage.errors import DiskFaultError

    store = demo_app.store
    before = dump(store.path)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    entries = [Entry(period="2023Q3", dept="court", metric=code, number=1.0, raw="1", note="长说明" * 2000)
               for code in ("ct_cases_accepted", "ct_cases_old", "ct_cases_closed")]
    with pytest.raises(DiskFaultError, match=DISK_FULL):
        store.set_values(entries, reason="测试")
    assert not store.conn.in_transaction
    assert dump(store.path) == before
