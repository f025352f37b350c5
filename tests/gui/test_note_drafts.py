"""A note the store would refuse stays in its cell as a draft, like a refused figure."""


def test_a_note_with_a_control_character_is_kept_as_a_draft(window):
    before = window.ctx.store.get("2023Q3", "court", "ct_close_rate")
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    text = "核实\x01无误"
    assert window.editor.check("ct_close_rate", "note", text).startswith("说明：第3个字符")
    assert window.editor.commit("ct_close_rate", "note", text) is False
    draft = window.editor.session.drafts[("ct_close_rate", "note")]
    assert draft.text == text
    assert window.ctx.store.get("2023Q3", "court", "ct_close_rate") == before


def test_an_emoji_note_is_stored_as_typed(window):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    assert window.editor.commit("ct_close_rate", "note", "已核实 ✅") is True
    assert window.ctx.store.get("2023Q3", "court", "ct_close_rate").note == "已核实 ✅"


def test_a_note_is_called_a_note_in_the_grid_and_the_undo_menu(window):
    from PySide6.QtCore import Qt

    from gui.figures_model import Column

    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    assert window.model.headerData(Column.NOTE, Qt.Orientation.Horizontal) == "备注"
    assert window.editor.commit("ct_close_rate", "note", "截至9月30日") is True
    assert window.actions["undo"].text() == "撤销 修改备注 结案率"
