"""The app's messages are plain Chinese text that remember their template (for the window's translations)."""

import pytest

from app import messages
from app.formatting import year_on_year
from app.messages import Message, message_of
from app.session import EntrySession
from models.periods import Period
from validation.errors import EntryError


def test_a_message_is_its_text_and_keeps_its_template():
    said = Message(messages.COLUMN_NOT_EDITABLE, column="上年同期")
    assert said == "“上年同期”列不能填写，未粘贴" and isinstance(said, str)
    assert (said.template, said.args) == (messages.COLUMN_NOT_EDITABLE, {"column": "上年同期"})
    assert Message(messages.BELOW_LAST_ROW).template == messages.BELOW_LAST_ROW


def test_refusals_and_comparisons_carry_their_messages(demo_ctx, catalog):
    session = EntrySession(demo_ctx, Period(year=2023, quarter=4), "hr_social")
    with pytest.raises(EntryError) as refused:
        session.note_entry("lb_fairs_online", "说明")
    assert message_of(refused.value).template == messages.NOTE_WITHOUT_FIGURE
    assert message_of(ValueError("其他")) == "其他"
    rate = catalog.metric("ct_close_rate")
    now = demo_ctx.store.get("2023Q3", "court", "ct_close_rate")
    assert year_on_year(rate, now, now).template == messages.LEVEL
