"""Opening an up-to-date database needs no sqlite-utils (a tenth of the desktop start-up);
rows read as dicts, and nested transactions still join the outer one."""

import subprocess
import sys
from pathlib import Path

from models.values import Entry
from storage import Store

ROOT = Path(__file__).resolve().parents[2]


def _modules_after_opening(path: Path) -> str:
    code = ("import sys; from storage import Store; s = Store(sys.argv[1], who='t'); "
            "s.values(); s.explanations('2023Q3'); s.close(); print('sqlite_utils' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_an_up_to_date_database_opens_and_reads_without_sqlite_utils(tmp_path):
    path = tmp_path / "data.db"
    Store(path, who="t").close()  # created and migrated here
    assert _modules_after_opening(path) == "False"


def test_rows_read_as_dicts_and_nested_transactions_join(tmp_path):
    store = Store(tmp_path / "data.db", who="t")
    with store.transaction():
        store.set_value(Entry(period="2023Q3", dept="court", metric="ct_cases_closed", number=28936, raw="28936"))
        with store.transaction():  # a savepoint inside the outer transaction
            store.set_value(Entry(period="2023Q3", dept="court", metric="ct_cases_accepted", number=34200,
                                  raw="34200"))
    assert [(v.metric, v.raw) for v in store.values()] == [("ct_cases_accepted", "34200"),
                                                           ("ct_cases_closed", "28936")]
    assert store._rows("SELECT COUNT(*) AS n FROM audit") == [{"n": 2}]
    store.close()
