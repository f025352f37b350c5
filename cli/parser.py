"""The command line parsed, in Chinese, importing only the named command's module.

Each command lives in ``cli/commands/`` as a module with ``HELP`` and ``add_arguments(name,
parser)``, which also registers the sub-command's ``handler(args, ctx) -> int`` with
``set_defaults`` (``without_context=True``: the handler gets the database path and opens it
itself); ``cli/runner.py`` calls it and turns its failures into exit statuses.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from storage import default_db_path

VERSION = "0.1.0"
COMMAND_MODULES = {
    "catalog": "cli.commands.catalog",
    "demo": "cli.commands.demo",
    "set": "cli.commands.figures",
    "show": "cli.commands.figures",
    "validate": "cli.commands.validation",
    "explain": "cli.commands.validation",
    "backup": "cli.commands.backup",
    "restore": "cli.commands.backup",
    "profile": "cli.commands.profile",
    "blank": "cli.commands.exchange",
    "import": "cli.commands.exchange",
    "export": "cli.commands.exchange",
    "verify": "cli.commands.exchange",
    "lock": "cli.commands.exchange",
    "unlock": "cli.commands.exchange",
    "crosscheck": "cli.commands.crosscheck",
    "template": "cli.commands.template",
    "submit": "cli.commands.workflow",
    "return": "cli.commands.workflow",
    "accept": "cli.commands.workflow",
    "query": "cli.commands.workflow",
    "answer": "cli.commands.workflow",
    "close-query": "cli.commands.workflow",
    "signoff": "cli.commands.workflow",
    "status": "cli.commands.workflow",
}


# What argparse says, in Chinese: it looks every message up through its gettext hook (the
# module's ``_`` and ``ngettext``), swapped for ours while the command line is parsed.  Messages
# only a programming mistake can cause (a conflicting option …) are left as they are.
ARGPARSE_TEXT = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少参数：%s",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s（用 -h 查看用法）",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有“%(value)s”这一项，可选：%(choices)s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "expected one argument": "后面须跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少须跟一个值",
    "expected %s argument": "后面须跟 %s 个值",
    "expected %s arguments": "后面须跟 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "不接受值 %r",
    "unexpected option string: %s": "不应出现选项 %s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有“%(parser_name)s”这一项，可选：%(choices)s",
}
# Names shown for what a user types (in usage, help and messages) instead of argparse's English
# ``dest`` (``period``) or ``DEST`` (``--dept DEPT``).
ARGUMENT_NAMES = {
    "period": "统计期", "metric": "指标代码", "value": "数值", "note": "说明", "dept": "部门",
    "file": "文件", "out": "输出文件", "template": "模板", "reason": "原因", "year": "年度",
    "from_year": "基础年度", "before": "原年度", "after": "新年度", "code": "部门代码", "name": "名称",
    "indicator": "一级指标代码", "rule": "规则代码", "text": "说明", "db": "数据库文件",
    "narrative": "工作报告", "field": "项目", "op": "比较", "due": "考核季度", "baseline": "基线",
    "source": "出处",
}
TYPE_NAMES = {int: "整数（如 2023）", float: "数"}


@contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: ARGPARSE_TEXT.get(message, message)
    argparse.ngettext = lambda one, many, n: ARGPARSE_TEXT.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese text and exit status 2."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A typed value such as -14.5%, -3万 or -inf% is a value, not an option: the only option
        # written with one dash is -h (argparse alone would take only -14.5).
        self._negative_number_matcher = re.compile(r"^-(?!-)")

    def add_argument(self, *names, **kwargs):
        if kwargs.get("action") in (None, "store", "append") and "metavar" not in kwargs:
            dest = kwargs.get("dest") or names[-1].lstrip("-").replace("-", "_")
            choices = kwargs.get("choices")
            kwargs["metavar"] = f"{{{','.join(choices)}}}" if choices else ARGUMENT_NAMES.get(dest, dest)
        return super().add_argument(*names, **kwargs)

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            if action.type not in TYPE_NAMES:
                raise
            raise argparse.ArgumentError(action, f"“{arg_string}”不是{TYPE_NAMES[action.type]}") from None

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{message}\n")


def _options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--db", type=Path, help=f"数据库文件（默认：{default_db_path()}）")
    parser.add_argument("--version", action="version", version=f"营商环境指标填报 {VERSION}",
                        help="显示版本号并退出")
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
        command.set_defaults(without_context=False)
        module.add_arguments(name, command)
    return parser


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Importing every command module (openpyxl, the cross-check …) took a third of the desktop
    program's start-up: none is imported to open the window, only the named one for a command,
    and all of them for help or a mistake (whose message lists every command)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with _argparse_in_chinese():
        known, rest = _options(_Parser(prog="main.py", add_help=False)).parse_known_args(argv)
        if not rest:
            return argparse.Namespace(db=known.db, command=None)
        return build_parser(only=rest[0] if rest[0] in COMMAND_MODULES else None).parse_args(argv)
