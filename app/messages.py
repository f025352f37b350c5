"""What the entry session, paste and the figures say to a filer: one table of Chinese texts.

The texts are the source language (users read Chinese).  Each message, a ``Message``,
stays a plain ``str`` for the CLI, the tests and the logs, while remembering its template and
arguments, so that the window can pass the template through Qt's translations when it shows it
(``gui.messages.shown``).  No Qt here.
"""

from __future__ import annotations

# ---- the entry session -------------------------------------------------------------
LOCKED = "{dept} {period} 已锁定（{who} 于 {at}{why}），不能修改。如需更正，请先解锁（数据 → 解锁）。"
NOTE_WITHOUT_FIGURE = "请先填写“{name}”的本期数值，再写说明。"
NOTE_REFUSED = "说明：{problem}。"
UNSAVED = "{field}输入的“{text}”未保存：{reason}"
UNSAVED_FIELDS = {"value": "本期数值", "note": "备注"}
NOT_APPLICABLE = "“{name}”本区{year}年不适用（{reason}），不能填报数值。如需填报，请先取消不适用（设置 → 区县配置）。"

# ---- paste -------------------------------------------------------------------------
BELOW_LAST_ROW = "超出表格末行，未粘贴"
RIGHT_OF_TABLE = "超出表格右边，未粘贴"
COLUMN_NOT_EDITABLE = "“{column}”列不能填写，未粘贴"

# ---- year on year ------------------------------------------------------------------
LEVEL = "持平"
POINTS = "{points}个百分点"


class Message(str):
    """A message in Chinese that remembers its template and arguments (for translation)."""

    template: str
    args: dict[str, object]

    def __new__(cls, template: str, **args: object) -> Message:
        message = super().__new__(cls, template.format(**args) if args else template)
        message.template, message.args = template, args
        return message



def message_of(error: Exception) -> str:
    """What an error says, as it was raised (a ``Message`` keeps its template)."""
    said = error.args[0] if error.args else None
    return said if isinstance(said, str) else str(error)
