"""Headless commands: argument parsing, dispatch, and the exit-status contract.

Exit status: 0 success; 1 findings that block or a refused change; 2 bad usage or unreadable
input.  Each command lives in ``app/commands/`` as a module with ``HELP``, ``add_arguments``
and ``run(args, ctx) -> int``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from importlib import import_module
from pathlib import Path

from app.context import AppContext
from app.errors import UsageError
from models.catalog import CatalogError
from models.periods import PeriodError
from storage import DatabaseBusyError, LockedError, StoreError, default_db_path
from storage.texts import TextError

VERSION = "0.1.0"
COMMAND_MODULES = {
    "catalog": "app.commands.catalog",
    "demo": "app.commands.demo",
    "set": "app.commands.figures",
    "show": "app.commands.figures",
    "validate": "app.commands.validation",
    "explain": "app.commands.validation",
    "backup": "app.commands.backup",
    "restore": "app.commands.backup",
    "profile": "app.commands.profile",
    "blank": "app.commands.exchange",
    "import": "app.commands.exchange",
    "export": "app.commands.exchange",
    "verify": "app.commands.exchange",
    "lock": "app.commands.exchange",
    "unlock": "app.commands.exchange",
    "crosscheck": "app.commands.crosscheck",
}


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese error text and exit status 2."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A typed figure such as -14.5% or -3万 is a value, not an option (argparse knows only -14.5).
        self._negative_number_matcher = re.compile(r"^-[\d.０-９]")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{message}\n")


def _options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--db", type=Path, help=f"数据库文件（默认：{default_db_path()}）")
    parser.add_argument("--version", action="version", version=f"营商环境指标填报 {VERSION}")
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, just that command's module is imported."""
    parser = _options(_Parser(prog="main.py", description="营商环境指标填报：不带子命令时打开图形界面。"))
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name, module_name in COMMAND_MODULES.items():
        if only is not None and name != only:
            continue
        module = import_module(module_name)
        text = module.HELP[name]  # argparse formats help with %: "84.61%" must read "84.61%%" there
        command = sub.add_parser(name, help=text.replace("%", "%%"), description=text)
        module.add_arguments(name, command)
        command.set_defaults(module=module)
    return parser


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Importing every command module (openpyxl, the cross-check …) took a third of the desktop
    program's start-up: none is imported to open the window, only the named one for a command,
    and all of them for help or a mistake (whose message lists every command)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    known, rest = _options(_Parser(prog="main.py", add_help=False)).parse_known_args(argv)
    if not rest:
        return argparse.Namespace(db=known.db, command=None)
    return build_parser(only=rest[0] if rest[0] in COMMAND_MODULES else None).parse_args(argv)


def dispatch(args: argparse.Namespace) -> int:
    """Run a parsed command; every expected failure becomes a Chinese message and an exit code."""
    _utf8_output()
    try:
        return _dispatch(args)
    except BrokenPipeError:  # output piped into a reader that stopped early (e.g. head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    if getattr(args.module, "WITHOUT_CONTEXT", False):
        return _run_without_context(args)
    try:
        ctx = AppContext(args.db or default_db_path())
    except StoreError as exc:
        return _fail(exc, 1 if isinstance(exc, DatabaseBusyError) else 2)
    try:
        return args.module.run(args.command, args, ctx)
    except (UsageError, PeriodError, CatalogError, TextError) as exc:  # bad input: nothing stored
        return _fail(exc, 2)
    except LockedError as exc:
        return _fail(exc, 1)
    except StoreError as exc:
        return _fail(exc, 1)
    finally:
        ctx.close()


def _run_without_context(args: argparse.Namespace) -> int:
    try:
        return args.module.run(args.command, args, args.db)
    except UsageError as exc:
        return _fail(exc, 2)
    except StoreError as exc:
        return _fail(exc, 1)


def _fail(exc: Exception, code: int) -> int:
    print(f"错误：{exc}", file=sys.stderr)
    return code


def _utf8_output() -> None:
    """Redirected output on a Chinese Windows PC defaults to GBK; never crash on a character."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
