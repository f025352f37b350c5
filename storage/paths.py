"""Where the database lives when ``--db`` is not given: the user's data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "yingshang-tianbao"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "data.db"
