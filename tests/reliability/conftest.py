"""Fixtures of the reliability tests: the demo district loaded once, copied for each test."""

from __future__ import annotations

import pytest

from tests.reliability.support import copy_database


@pytest.fixture(scope="session")
def demo_db_once(tmp_path_factory):
    from app.context import AppContext
    from app.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ctx = AppContext(path, who="演示")
    load_demo(ctx)
    ctx.close()
    return path


@pytest.fixture
def demo_db(demo_db_once, tmp_path):
    """A fresh copy of the demo database (红谷滩区 2022Q1–2023Q3) for one test."""
    return copy_database(demo_db_once, tmp_path / "demo.db")


@pytest.fixture
def demo_app(demo_db):
    from app.context import AppContext

    ctx = AppContext(demo_db, who="测试员")
    yield ctx
    ctx.close()
