"""``backup`` and ``restore FILE``: verified copies of the database and going back to one."""

from __future__ import annotations

from pathlib import Path

from app.errors import UsageError
from storage import NotADatabaseError, Store, default_db_path
from storage import backup as backups

HELP = {
    "backup": "备份数据库（校验完整性，保留最近 20 份）；加 --list 列出已有备份",
    "restore": "从备份文件恢复数据库（恢复前先备份当前数据库；数据库已损坏时也可用）",
}


def add_arguments(name, parser) -> None:
    # Both open the database themselves: restore must work on a database that no longer opens.
    if name == "backup":
        parser.add_argument("--list", action="store_true", help="列出已有备份")
        parser.set_defaults(handler=backup_command, without_context=True)
    else:
        parser.add_argument("file", type=Path, help="备份文件（.db）")
        parser.set_defaults(handler=restore_command, without_context=True)


def backup_command(args, db_path: Path | None) -> int:
    db_path = Path(db_path or default_db_path())
    return list_backups(db_path) if args.list else take_backup(db_path)


def restore_command(args, db_path: Path | None) -> int:
    return restore(Path(db_path or default_db_path()), args.file)


def take_backup(db_path: Path) -> int:
    with Store(db_path) as store:
        path = store.backup("manual")
    print(f"已备份并通过完整性校验：{path}")
    return 0


def list_backups(db_path: Path) -> int:
    found = backups.backups(db_path)
    if not found:
        print(f"{db_path} 还没有备份。")
    for item in found:
        problem = item.problem()
        print(f"{item.label}  {item.path}{'  【不可用于恢复：' + problem + '】' if problem else ''}")
    return 0


def restore(db_path: Path, source: Path) -> int:
    if not source.is_file():
        raise UsageError(f"找不到备份文件 {source}")
    try:
        store = Store(db_path)
    except NotADatabaseError:
        damaged = Store.recover(db_path, source)
        print(f"数据库已损坏，已改名保留为 {damaged}；已从 {source} 恢复。")
        return 0
    with store:
        safety = store.restore(source)
    print(f"已从 {source} 恢复。恢复前的数据库已备份到 {safety}")
    return 0
