"""Shared fixtures.  Qt runs offscreen; every test gets its own database file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Copies of the real reports in shared/seeds, kept with the tests so they never go missing.
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


def seed_text(prefix: str) -> str:
    """The text of the seed report whose file name starts with ``prefix`` (e.g. "000")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def catalog():
    from models.loader import load_catalog

    return load_catalog(2023)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path):
    from storage import Store

    with Store(db_path, who="测试员") as opened:
        yield opened


@pytest.fixture
def ctx(db_path):
    from app.context import AppContext

    context = AppContext(db_path, who="测试员")
    yield context
    context.close()


@pytest.fixture
def demo_ctx(ctx):
    from app.demo import load_demo

    load_demo(ctx)
    return ctx


def run_cli(capsys, *argv):
    """Run main.py with ``argv``; returns (exit status, stdout, stderr)."""
    from main import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_on(capsys, db_path, *argv):
    """Run main.py on the database ``db_path``; returns (exit status, stdout, stderr)."""
    return run_cli(capsys, "--db", db_path, *argv)


@pytest.fixture
def demo_db(capsys, db_path):
    """A database file holding the demo district (filled through the demo command)."""
    assert run_cli(capsys, "--db", db_path, "demo")[0] == 0
    return db_path
