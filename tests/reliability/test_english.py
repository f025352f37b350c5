"""No English reaches a user: every message of the command line is Chinese.

A corpus of bad command lines is made from the parser itself (every command and ``profile``
action; for each: nothing given, ``--help``, an unknown option, an extra value, an option
without its value, a flag given a value, a word where a number belongs, a value beginning with
``-`` such as ``-inf%``, an ambiguous abbreviation, a wrong choice) plus bad databases (not a
database, a folder, a folder that cannot be made).  What is printed may hold command and option
names, codes of the catalog, file paths and what the user typed — and no other ASCII word.
"""

from __future__ import annotations

import argparse
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import cli
from main import main
from models.catalog import RuleKind
from models.loader import load_catalog
from storage import default_db_path

ALLOWED = {"JSON", "json", "Excel", "WPS", "UTF", "xls", "ods", "OpenDocument", "csv", "GBK", "SHA", "xlsx", "docx", "txt", "db", "wal", "shm", "py", "main",
           "SQLITE", "Q1", "Q2", "Q3", "Q4", "metric", "prev", "note", "meta"}  # the last: template placeholders
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_PATH = re.compile(r"(?:/[^\s：，。；、（）“”'\"]+)+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _catalog_codes() -> set[str]:
    catalog = load_catalog(2023)
    codes = {m.code for m in catalog.metrics} | {d.code for d in catalog.departments}
    codes |= {i.code for i in catalog.indicators} | {rule.code for rule in catalog.rules}
    codes |= {kind.value for kind in RuleKind}
    return {part for code in codes for part in [code, *re.split(r"[:_]", code)]}


def _parsers() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser by its command line ('set', 'profile add-dept' …)."""
    found, pending = {}, [("", cli.build_parser())]
    while pending:
        prefix, parser = pending.pop()
        found[prefix] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending += [(f"{prefix} {name}".strip(), sub) for name, sub in action.choices.items()]
    return found


PARSERS = _parsers()
NAMES = {word for line in PARSERS for word in re.split(r"[ -]", line)} | {
    choice for parser in PARSERS.values() for action in parser._actions for choice in (action.choices or ())}
ALLOWED_WORDS = ALLOWED | NAMES | _catalog_codes()


def english_words(text: str, typed: list[str] = (), paths: list[Path] = ()) -> list[str]:
    """ASCII words in ``text`` that are none of the allowed names, codes, paths or typed values."""
    for path in sorted((str(p) for p in paths), key=len, reverse=True):
        text = text.replace(path, " ")
    text = _OPTION.sub(" ", _PATH.sub(" ", text))
    allowed = ALLOWED_WORDS | {word for value in typed for word in _WORD.findall(value)}
    return [word for word in _WORD.findall(text) if len(word) > 1 and word not in allowed]


GARBAGE = "乱码文件.xlsx"  # a file given where a workbook, a backup or a profile belongs: not one


@dataclass(frozen=True)
class Line:
    name: str
    argv: tuple[str, ...]


def _bad_lines(command: str, parser: argparse.ArgumentParser) -> list[Line]:
    words = command.split()
    lines = [Line("nothing", ()), Line("help", ("--help",)), Line("unknown-option", ("--frob",))]
    positionals = [a for a in parser._actions if not a.option_strings and not isinstance(
        a, argparse._SubParsersAction)]
    filled = tuple(_good_value(a) for a in positionals)
    lines.append(Line("extra-value", (*filled, "多余")))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            lines += [Line("no-such-action", ("no-such-action",)), Line("dash-action", ("-x",))]
            continue
        option = action.option_strings[-1] if action.option_strings else None
        if option in ("-h", "--help", "--version"):
            continue
        if option and action.nargs == 0:
            lines.append(Line(f"{option}=value", (*filled, f"{option}=3")))
        elif option:
            lines.append(Line(f"{option}-without-value", (*filled, option)))
        for bad in _bad_values(action):
            where = (*filled, option, bad) if option else _replace(filled, positionals, action, bad)
            lines.append(Line(f"{action.dest}={bad}", where))
    lines += _ambiguous(parser, filled)
    if not command:  # without a command the window opens: only lines that cannot open it
        lines = [line for line in lines if line.name != "nothing" and not line.name.startswith("db=")]
    return [Line(f"{command or 'main'}:{line.name}", (*words, *line.argv)) for line in lines]


def _good_value(action) -> str:
    if action.choices:
        return sorted(action.choices)[0]
    return {"period": "2023Q3", "metric": "ct_close_rate", "value": "84.61%", "dept": "court",
            "year": "2023", "before": "2023", "after": "2023", "rule": "swing"}.get(action.dest, "某值")


def _bad_values(action) -> list[str]:
    if action.choices:
        return ["不存在的项", "-inf%"]
    if action.type is int:
        return ["abc", "2023.5", "-inf%"]
    if action.nargs == 0:
        return []
    return ["-inf%", GARBAGE] if action.type is Path else ["-inf%"]


def _replace(filled: tuple, positionals: list, action, bad: str) -> tuple:
    values = list(filled)
    values[positionals.index(action)] = bad
    return tuple(values)


def _ambiguous(parser, filled) -> list[Line]:
    """An abbreviation two options share (``--d`` for --dept and --dry-run), if there is one."""
    options = sorted(o for a in parser._actions for o in a.option_strings if o.startswith("--"))
    for first, second in zip(options, options[1:], strict=False):
        prefix = _common_prefix(first, second)
        if len(prefix) > 2 and prefix not in options:
            return [Line(f"ambiguous-{prefix}", (*filled, prefix))]
    return []


def _common_prefix(first: str, second: str) -> str:
    size = 0
    while size < min(len(first), len(second)) and first[size] == second[size]:
        size += 1
    return first[:size]


CORPUS = [line for command, parser in PARSERS.items() for line in _bad_lines(command, parser)]


def run_main(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as done:
        code = done.code
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture(scope="module")
def shared_db(demo_db_once, tmp_path_factory):
    """One copy for the whole corpus: what a bad command line may change does not matter here."""
    return Path(shutil.copyfile(demo_db_once, tmp_path_factory.mktemp("english") / "demo.db"))


def test_the_corpus_covers_every_command():
    commands = {line.name.split(":")[0] for line in CORPUS}
    assert set(cli.COMMAND_MODULES) <= commands and "profile add-dept" in commands
    assert len(CORPUS) > 200


# Raw English still quoted by modules that others are changing; strict: fixed, the mark must go.
LEAKS: dict[str, str] = {}  # a command line known to show English, with where it comes from


def _marked(line: Line):
    leak = LEAKS.get(line.name)
    return pytest.param(line, id=line.name, marks=[pytest.mark.xfail(strict=True, reason=leak)] if leak else [])


@pytest.mark.parametrize("line", [_marked(line) for line in CORPUS])
def test_a_bad_command_line_is_answered_in_chinese(shared_db, tmp_path, monkeypatch, capsys, line):
    monkeypatch.chdir(tmp_path)  # a bad line may still write a file (profile export -inf%)
    (tmp_path / GARBAGE).write_bytes(b"\x00\x01garbage\xff" * 100)
    argv = ["--db", str(shared_db), *line.argv]
    code, printed = run_main(argv, capsys)
    assert code in (0, 1, 2), printed
    assert "Traceback" not in printed
    assert re.search(r"[\u4e00-\u9fff]", printed), printed
    assert not english_words(printed, argv, [default_db_path()]), printed


BAD_DATABASES = {
    "not-a-database": lambda folder: (folder / "bad.db").write_bytes(b"not a database at all" * 200) and folder / "bad.db",
    "a-folder": lambda folder: folder,
    "folder-cannot-be-made": lambda folder: Path("/proc/self/不存在/data.db"),
    "an-empty-name": lambda folder: folder / "",
}


@pytest.mark.parametrize("name", sorted(BAD_DATABASES))
@pytest.mark.parametrize("command", [["show", "2023Q3"], ["set", "2023Q3", "ct_close_rate", "85%"], ["backup"]])
def test_a_bad_database_is_answered_in_chinese(tmp_path, capsys, name, command):
    path = BAD_DATABASES[name](tmp_path)
    code, printed = run_main(["--db", str(path), *command], capsys)
    assert code in (1, 2), printed
    assert "Traceback" not in printed and re.search(r"[\u4e00-\u9fff]", printed), printed
    assert not english_words(printed, command, [path]), printed
