"""After an edit the models signal only the rows that changed (a span over unchanged rows makes
the view repaint them too), and answer the many roles a view asks for without work."""

from PySide6.QtCore import Qt

from gui.figures_model import Column, FiguresModel, _runs
from gui.findings_panel import Column as FindingColumn
from gui.findings_panel import FindingsModel
from gui.indicators_model import IndicatorsModel
from gui.session import EntrySession
from models.periods import Period

Q3 = Period(year=2023, quarter=3)


def _signals(model) -> list[tuple[int, int, int, int]]:
    found = []
    model.dataChanged.connect(lambda a, b, roles=(): found.append((a.row(), a.column(), b.row(), b.column())))
    return found


def test_runs_of_rows():
    assert _runs([]) == []
    assert _runs([3, 4, 9]) == [(3, 4), (9, 9)]
    assert _runs([0, 1, 2]) == [(0, 2)]


def test_changed_metrics_are_signalled_as_runs_of_rows(demo_ctx):
    model = FiguresModel()
    model.set_session(EntrySession(demo_ctx, Q3, None))
    found = _signals(model)
    codes = [model.row_at(row).metric.code for row in (3, 4, 40)]
    model.metrics_changed(set(codes))
    last = len(Column) - 1
    assert found == [(3, 0, 4, last), (40, 0, 40, last)]


def test_each_indicator_whose_status_changed_is_signalled_alone(demo_ctx):
    session = EntrySession(demo_ctx, Q3, None)
    model = IndicatorsModel()
    model.set_session(session)
    flagged = {model.row_of(session.row(code).indicator.code) for code in session.findings if session.findings[code]}
    found = _signals(model)
    session.findings = {}  # every finding gone: those indicators and 全部指标 turn to OK
    model.statuses_changed({r.indicator.code for r in session.rows})
    assert sorted(found) == [(row, 0, row, 0) for row in sorted(flagged | {0})]
    assert len(flagged) >= 2  # rows apart: one span would have repainted the rows between
    model.statuses_changed({r.indicator.code for r in session.rows})  # nothing changed since
    assert len(found) == len(flagged) + 1


def test_models_answer_only_the_roles_they_show(demo_ctx):
    session = EntrySession(demo_ctx, Q3, None)
    findings = FindingsModel()
    findings.set_session(session)
    index = findings.index(0, FindingColumn.MESSAGE)
    assert findings.data(index, Qt.ItemDataRole.DisplayRole) == session.all_findings()[0].message
    assert findings.data(index, Qt.ItemDataRole.FontRole) is None
    figures = FiguresModel()
    figures.set_session(session)
    cell = figures.index(figures.row_of("ct_close_rate"), Column.VALUE)
    assert figures.data(cell, Qt.ItemDataRole.DisplayRole) == "84.61%"
    assert figures.data(cell, Qt.ItemDataRole.CheckStateRole) is None
