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
