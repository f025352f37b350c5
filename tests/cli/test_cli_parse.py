"""The command line imports only what it needs: nothing of the commands to open the window (a
third of the start-up was importing them), only the named command's module for a command, and
all of them for help or a mistake."""

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).resolve().parents[2]


def _imported_after(argv: list[str]) -> set[str]:
    code = ("import sys; import cli; cli.parse(sys.argv[1:]); "
            "print(' '.join(m for m in sys.modules if m.startswith('cli.commands.') or m == 'openpyxl'))")
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_opening_the_window_imports_no_command():
    assert _imported_after(["--db", "x.db"]) == set()
    assert _imported_after([]) == set()


def test_a_command_imports_its_own_module_only():
    assert _imported_after(["--db", "x.db", "catalog", "--json"]) == {"cli.commands.catalog"}


def test_the_window_gets_the_database_and_no_command():
    args = cli.parse(["--db", "x.db"])
    assert (args.command, args.db) == (None, Path("x.db"))
    assert cli.parse([]).command is None


def test_a_command_parses_as_before():
    args = cli.parse(["--db=x.db", "set", "2023Q3", "ct_close_rate", "84.61%"])
    assert (args.command, args.db, args.value) == ("set", Path("x.db"), "84.61%")
    assert (args.handler.__module__, args.handler.__name__) == ("cli.commands.figures", "set_figure")


def test_every_command_and_profile_action_has_its_handler():
    leaves, pending = [], [("", cli.build_parser())]
    while pending:
        line, parser = pending.pop()
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        pending += [(f"{line} {name}".strip(), sub) for a in subs for name, sub in a.choices.items()]
        leaves += [] if subs else [(line, parser.get_default("handler"))]
    assert len(leaves) == len(cli.COMMAND_MODULES) - 1 + 19  # profile has 19 actions
    assert [line for line, handler in leaves if not callable(handler)] == []
    handlers = [handler for _, handler in leaves]
    assert len(set(handlers)) == len(handlers)  # no handler switches on the name it was called by


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as done:
        cli.parse(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in cli.COMMAND_MODULES)
    assert "84.61%" in out  # the set command's example, shown as written


@pytest.mark.parametrize("argv", [["blah"], ["--db", "x.db", "--frob"]])
def test_a_mistake_is_still_refused_with_status_2(capsys, argv):
    with pytest.raises(SystemExit) as done:
        cli.parse(argv)
    assert done.value.code == 2
    assert "参数错误" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "said"), [
    (["set", "2023Q3", "ct_close_rate"], "缺少参数：数值"),
    (["catalog", "--year", "abc"], "--year：“abc”不是整数"),
    (["show", "2023Q3", "--dept"], "--dept：后面须跟一个值"),
    (["import", "--d", "x.xlsx"], "选项 --d 不明确，可能是 --dry-run, --dept"),
    (["frobnicate"], "命令：没有“frobnicate”这一项"),
])
def test_argparse_says_its_mistakes_in_chinese(capsys, argv, said):
    with pytest.raises(SystemExit) as done:
        cli.parse(argv)
    err = capsys.readouterr().err
    assert done.value.code == 2 and err.startswith("用法：main.py") and said in err, err


def test_a_value_beginning_with_a_dash_is_a_value():
    assert cli.parse(["set", "2023Q3", "ct_close_rate", "-inf%"]).value == "-inf%"
    assert cli.parse(["set", "2023Q3", "ct_close_rate", "5%", "--note", "-备注"]).note == "-备注"


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        cli.parse(["set", "--help"])
    out = capsys.readouterr().out
    assert "用法：main.py set [-h] [--note 说明] 统计期 指标代码 数值" in out
    assert "显示本帮助并退出" in out and "options" not in out and "usage" not in out
