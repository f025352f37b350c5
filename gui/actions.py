"""Every command of the window, declared once: menu, text, shortcuts, and what it calls.

Each command has a menu entry and a shortcut, and calls the method of its name on one part of
the window: a controller the window holds (``FILES``…) or the window itself (``WINDOW``).
Commands marked ``local`` act on the entry table (copy, paste, delete) and fire only while it
has the focus, so Ctrl+V in another field still pastes there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

Key = QKeySequence.StandardKey


# The parts whose methods commands call: attributes of MainWindow ("" is the window itself).
WINDOW, EDITOR = "", "editor"
FILES, SETTINGS, DATA, HELP = "file_commands", "settings_commands", "data_commands", "help_commands"
METRIC_INFO, FINDER = "metric_info", "finder"
WORKFLOW = "workflow_commands"
QUERIES = "query_commands"


@dataclass(frozen=True)
class Command:
    part: str
    name: str  # the method it calls
    text: str
    keys: tuple[str | QKeySequence.StandardKey, ...]
    tip: str = ""
    local: bool = False


MENUS: dict[str, tuple[Command | None, ...]] = {
    "文件(&F)": (
        Command(FILES, "open_database", "打开数据库(&O)…", (Key.Open,), "打开或新建另一个数据库文件"),
        None,
        Command(FILES, "import_workbook", "导入部门填报表(&I)…", ("Ctrl+I",), "读取各部门填好的 Excel 填报表（全部或全不）"),
        Command(FILES, "export_blank", "导出空白填报表(&B)…", ("Ctrl+B",), "为一个部门生成本期 Excel 填报表"),
        Command(FILES, "export_submission", "导出报送工作簿(&E)…", ("Ctrl+E",), "按内置格式生成报送省里的工作簿"),
        Command(FILES, "export_with_template", "按自有模板导出(&T)…", ("Ctrl+Shift+E",), "把数据填入自己的 Excel 模板"),
        Command(FILES, "export_report", "导出校验报告(&R)…", ("Ctrl+Shift+R",), "本期全部问题及说明写入 Excel，发给各部门核改"),
        Command(FILES, "export_report_narrative", "导出校验报告并核对工作报告(&W)…", ("Ctrl+Shift+W",),
                "校验报告之外，再核对一份工作报告（.txt/.docx）中的数字，一并写入"),
        None,
        Command(FILES, "crosscheck_text", "核对文字报告(&K)…", ("Ctrl+K",), "核对工作报告中的数字与已填数据是否一致"),
        None,
        Command(SETTINGS, "backup_now", "立即备份(&A)", ("Ctrl+Shift+B",), "备份数据库并校验备份完整（保留最近 20 份）"),
        Command(SETTINGS, "restore_backup", "从备份恢复(&Z)…", ("Ctrl+Alt+R",), "用一份备份替换当前数据（恢复前先备份当前数据）"),
        None,
        Command(WINDOW, "close", "退出(&Q)", (Key.Quit, "Ctrl+Q")),
    ),
    "编辑(&E)": (
        Command(EDITOR, "undo", "撤销(&U)", (Key.Undo,)),
        Command(EDITOR, "redo", "重做(&R)", ("Ctrl+Y", "Ctrl+Shift+Z")),
        None,
        Command(EDITOR, "copy", "复制(&C)", (Key.Copy,), "复制选中的单元格（可粘贴到 Excel）", local=True),
        Command(EDITOR, "paste", "粘贴(&P)", (Key.Paste,), "粘贴从 Excel 复制的一块数值", local=True),
        Command(EDITOR, "clear", "清除(&D)", ("Del",), "清除选中单元格的数值或未保存的输入", local=True),
        None,
        Command(FINDER, "find_metric", "查找指标(&F)…", (Key.Find,), "按名称或代码查找指标，回车跳到该行"),
        None,
        Command(WINDOW, "explain_current", "填写说明(&M)…", ("Ctrl+M",), "为本行的警告写明原因"),
        Command(WINDOW, "next_finding", "下一个问题(&N)", ("F8",)),
        Command(WINDOW, "previous_finding", "上一个问题(&V)", ("Shift+F8",)),
    ),
    "数据(&D)": (
        Command(WINDOW, "revalidate", "重新校验(&V)", ("F5",), "重新读取并校验本期全部数据"),
        None,
        Command(DATA, "lock_period", "锁定(&L)…", ("Ctrl+L",), "锁定一个部门本期的数据，防止再修改"),
        Command(DATA, "unlock_period", "解锁(&U)…", ("Ctrl+Shift+L",), "解除锁定（须写明原因）"),
        None,
        Command(DATA, "show_audit", "修改记录(&H)…", ("Ctrl+H",), "本单元格的修改历史：谁、何时、改了什么、为什么"),
        Command(DATA, "show_diff", "与上次报送比较(&D)…", ("Ctrl+D",), "上次正式报送后改动过的数据"),
        None,
        Command(WORKFLOW, "submit_handover", "提交给营商办(&T)…", ("Ctrl+Shift+T",),
                "本部门本期数据已完成：按正式报送标准校验通过后交给营商办审核"),
        Command(WORKFLOW, "return_handover", "退回修改(&R)…", ("Ctrl+Alt+T",), "营商办把已提交的数据退回部门修改（须写原因）"),
        Command(WORKFLOW, "accept_handover", "审核通过(&A)…", ("Ctrl+Alt+A",), "营商办审核通过已提交的数据，通过后锁定"),
        Command(DATA, "show_board", "填报进度看板(&B)…", ("Ctrl+Shift+S",),
                "各部门本期已填/应填、问题、问询、状态、提交时间与截止日期；可导出工作簿"),
        None,
        Command(QUERIES, "ask_query", "提出问询(&Q)…", ("Ctrl+Alt+Q",), "营商办就选中的数值向填报部门提问"),
        Command(QUERIES, "answer_query", "回复问询(&Y)…", ("Ctrl+Alt+Y",), "部门回复营商办对选中数值的问询"),
        Command(QUERIES, "close_query", "关闭问询(&K)", ("Ctrl+Alt+K",), "营商办核对回复后关闭问询"),
        Command(DATA, "show_signoff", "签字确认(&G)…", ("Ctrl+Alt+S",),
                "审核人、负责人确认本期报送数据（记下姓名、时间和数据的 SHA-256）"),
    ),
    "视图(&V)": (
        Command(WINDOW, "toggle_findings", "问题列表(&F)", ("Ctrl+1",)),
        Command(WINDOW, "toggle_trends", "趋势图(&T)", ("Ctrl+2",)),
        Command(WINDOW, "toggle_indicators", "一级指标列表(&I)", ("Ctrl+3",)),
        Command(METRIC_INFO, "toggle", "指标说明(&M)", ("Ctrl+4",), "当前指标的解释、计算公式、数据来源和填报频率"),
        Command(QUERIES, "show_list", "问询列表(&Q)", ("Ctrl+5",), "本期营商办的问询、回复与状态"),
        None,
        Command(WINDOW, "focus_department", "选择填报单位(&U)", ("Alt+U",)),
        Command(WINDOW, "focus_period", "选择统计期(&P)", ("Alt+P",)),
        Command(WINDOW, "focus_table", "回到填报表格(&G)", ("Alt+G",)),
    ),
    "设置(&S)": (
        Command(SETTINGS, "edit_profile", "区县配置(&P)…", ("Ctrl+Shift+P",), "区县名称、部门、牵头单位、联系人、各年度的目标与不适用"),
        Command(SETTINGS, "export_profile", "导出区县配置(&X)…", ("Ctrl+Alt+X",), "导出配置文件，供各部门电脑使用同一配置"),
        Command(SETTINGS, "import_profile", "导入区县配置(&I)…", ("Ctrl+Alt+I",), "使用营商办发来的配置文件"),
        None,
        Command(SETTINGS, "new_year", "新建评价年度(&N)…", ("Ctrl+Alt+N",), "以现有目录为基础建立新一年的指标目录"),
        Command(SETTINGS, "export_catalog", "导出年度目录(&E)…", ("Ctrl+Alt+E",), "导出某年的指标目录（Excel 工作簿，营商办可直接编辑）"),
        Command(SETTINGS, "import_catalog", "导入年度目录(&M)…", ("Ctrl+Alt+M",), "导入修改后的年度目录：先核对并显示与上一年度的差别，确认后导入"),
        Command(SETTINGS, "compare_years", "比较两年目录(&C)…", ("Ctrl+Alt+C",), "列出两个年度目录之间的差别"),
    ),
    "帮助(&H)": (
        Command(HELP, "show_start", "入门(&S)", ("Ctrl+F1",), "一个季度的填报怎样开始：选单位和统计期、填数、改错、说明、导出"),
        Command(HELP, "show_keys", "快捷键(&K)", (Key.HelpContents, "F1")),
        Command(HELP, "show_about", "关于(&A)", ("Shift+F1",)),
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def build_menus(window: QMainWindow, table: QWidget) -> dict[str, QAction]:
    """Create every action, put it in its menu, connect it to the method of its name on its part."""
    actions = {}
    for title, commands in MENUS.items():
        menu = window.menuBar().addMenu(tr(title))
        for command in commands:
            if command is None:
                menu.addSeparator()
                continue
            action = _action(window, command, table)
            menu.addAction(action)
            actions[command.name] = action
    return actions


def _action(window: QMainWindow, command: Command, table: QWidget) -> QAction:
    action = QAction(tr(command.text), window)
    keys = []  # a standard key may already be the explicit one on this platform (Quit = Ctrl+Q)
    for key in command.keys:
        bound = QKeySequence.keyBindings(key)[:1] if isinstance(key, Key) else [QKeySequence(key)]
        keys += [sequence for sequence in bound if sequence not in keys]  # the platform's main binding
    action.setShortcuts(keys)
    if command.tip:
        action.setStatusTip(tr(command.tip))
        action.setToolTip(tr(command.tip))
    part = getattr(window, command.part) if command.part else window
    handler: Callable = getattr(part, command.name)
    action.triggered.connect(lambda *_: handler())
    if command.local:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        table.addAction(action)
    return action


def shortcut_table(actions: dict[str, QAction]) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for the help page, in menu order, with the keys really bound."""
    rows = []
    for title, commands in MENUS.items():
        for command in filter(None, commands):
            keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in actions[command.name].shortcuts())
            rows.append((tr(title).split("(")[0], tr(command.text).split("(")[0], keys))
    return rows
