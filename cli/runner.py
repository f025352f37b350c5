"""Running a parsed command, and the exit-status contract.

Exit status: 0 success; 1 findings that block or a refused change; 2 bad usage or unreadable
input.  Every expected failure is said in Chinese on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

from app.context import AppContext
from app.errors import Refused, UsageError
from exports.progress import Cancelled
from models.catalog import CatalogError
from models.file_errors import DISK_FAULTS, explain_os_error
from models.periods import PeriodError
from storage import DatabaseBusyError, StoreError, default_db_path
from storage.errors import DiskFaultError, explain_sqlite
from storage.texts import TextError


def dispatch(args: argparse.Namespace) -> int:
    """Run a parsed command; every expected failure becomes a Chinese message and an exit code."""
    _utf8_output()
    try:
        return _dispatch(args)
    except BrokenPipeError:  # output piped into a reader that stopped early (e.g. head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    db_path = Path(args.db or default_db_path())
    try:
        if args.without_context:
            return _run_without_context(args)
        return _run_with_context(args, db_path)
    except BrokenPipeError:
        raise
    except sqlite3.Error as exc:  # e.g. a backup on a full disk: never an English traceback
        return _fail(explain_sqlite(exc, db_path), 1)
    except OSError as exc:  # a file that could not be written or read
        return _fail(explain_os_error(exc), 1 if exc.errno in DISK_FAULTS else 2)


def _run_with_context(args: argparse.Namespace, db_path: Path) -> int:
    try:
        ctx = AppContext(db_path)
    except StoreError as exc:
        return _fail(exc, 1 if isinstance(exc, (DatabaseBusyError, DiskFaultError)) else 2)
    try:
        return args.handler(args, ctx)
    except (UsageError, PeriodError, CatalogError, TextError) as exc:  # bad input or refused: nothing stored
        return _fail(exc, 1 if isinstance(exc, Refused) else 2)
    except (StoreError, Cancelled) as exc:  # a refused change (a locked period …) or stopped work
        return _fail(exc, 1)
    finally:
        ctx.close()


def _run_without_context(args: argparse.Namespace) -> int:
    try:
        return args.handler(args, args.db)
    except UsageError as exc:
        return _fail(exc, 1 if isinstance(exc, Refused) else 2)
    except StoreError as exc:
        return _fail(exc, 1)


def _fail(exc: Exception | str, code: int) -> int:
    print(f"错误：{exc}", file=sys.stderr)
    return code


def _utf8_output() -> None:
    """Redirected output on a Chinese Windows PC defaults to GBK; never crash on a character."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
