"""SQLite storage through sqlite-utils: schema, migrations, figures, audit, explanations, locks."""

from storage.errors import (  # noqa: F401
    DatabaseBusyError,
    LockedError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
)
from storage.paths import default_db_path  # noqa: F401
from storage.store import Store  # noqa: F401
