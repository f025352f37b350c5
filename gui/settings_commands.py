"""设置 menu and backups: the district profile, evaluation-year catalogs, backup and restore.

A controller of the main window, like FileCommands: every action goes through the same app/ and
storage functions the ``profile``, ``backup`` and ``restore`` commands use.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.errors import UsageError
from gui.host import WindowHost
from storage import StoreError
from storage import backup as backups

JSON = "配置文件 (*.json);;所有文件 (*)"
CATALOG = "指标目录工作簿 (*.xlsx);;指标目录 JSON (*.json);;所有文件 (*)"


def _edits():
    """``app.profile`` (and the catalog diff): imported when a setting is first changed, not to paint the window."""
    from app import profile

    return profile


class SettingsCommands(QObject):
    """The 设置 menu's commands, and backup and restore of the 文件 menu."""

    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.ctx = host.ctx

    # ---- district profile ---------------------------------------------------------------
    def edit_profile(self, first_run: bool = False) -> None:
        from gui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.ctx, self.host.window(), first_run=first_run)
        saved = dialog.saved if dialog.exec() else None
        stored = dialog.year_targets.done  # the 目标与不适用 page stores each change at once
        if saved is not None or stored:
            self.host.settings_changed(self.tr("已保存区县配置。") + "；".join([*stored, *(saved or [])]))

    def export_profile(self) -> None:
        path = self.host.choosers.save(self.tr("导出区县配置"), f"{self.ctx.profile.district}_区县配置.json",
                                       JSON, suffix="")
        if path is not None:
            self._settings_step(self.tr("导出区县配置"), lambda: _edits().export_profile(self.ctx, path),
                                self.tr("已导出到 {path}").format(path=path))

    def import_profile(self) -> None:
        path = self.host.choosers.open(self.tr("导入区县配置"), JSON)
        if path is None:
            return
        move = self._ask_yes(self.tr("导入区县配置"),
                             self.tr("如果配置改变了某些指标的牵头单位，是否连同已填数值一起转给新牵头单位？\n"
                                     "选“否”时，若有数值会因此不再显示，导入将被拒绝。"))
        self._settings_step(self.tr("导入区县配置"), lambda: _edits().import_profile(self.ctx, path, move),
                            self.tr("已导入 {name}").format(name=path.name), changed=True)

    # ---- evaluation years -------------------------------------------------------------------
    def new_year(self) -> None:
        latest = self.ctx.available_years()[-1]
        year, ok = QInputDialog.getInt(self.host.window(), self.tr("新建评价年度"),
                                       self.tr("以 {year} 年目录为基础，建立哪一年的目录？").format(year=latest),
                                       latest + 1, 2000, 2100)
        if not ok:
            return
        targets = self._ask_targets(latest, year)
        if targets is None:
            return
        self._settings_step(self.tr("新建评价年度"), lambda: _edits().new_year(self.ctx, year, targets=targets),
                            self.tr("已建立 {year} 年目录。修改指标或目标：设置 → 导出年度目录（Excel 工作簿），编辑后再导入；"
                                    "目标也可在 设置 → 区县配置 → 目标与不适用 中逐项修改。"
                                    ).format(year=year), changed=True)

    def _ask_targets(self, source: int, year: int) -> str | None:
        """Last year's targets came from last year's plans: copy them, or start the year without."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("新建评价年度"),
                          self.tr("{source} 年目录中的目标来自 {source} 年的方案（如行动方案）。{year} 年目录的目标如何处理？").format(
                              source=source, year=year), parent=self.host.window())
        copy = box.addButton(self.tr("沿用 {source} 年的目标").format(source=source), QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton(self.tr("不带目标"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {copy: "copy", empty: "empty"}.get(box.clickedButton())

    def compare_years(self) -> None:
        years = [str(y) for y in self.ctx.available_years()]
        if len(years) < 2:
            self.host.warn(self.tr("比较两年目录"), self.tr("只有 {year} 年一个目录，无从比较。").format(year=years[0]))
            return
        before = self._choose(self.tr("比较两年目录"), self.tr("较早的年度："), years, len(years) - 2)
        if before is None:
            return
        after = self._choose(self.tr("比较两年目录"), self.tr("较晚的年度："), years, len(years) - 1)
        if after is not None:
            self._show_diff(lambda: _edits().diff_years(self.ctx, int(before), int(after)))

    def export_catalog(self) -> None:
        years = [str(y) for y in self.ctx.available_years()]
        year = self._choose(self.tr("导出年度目录"), self.tr("年度："), years, len(years) - 1)
        if year is None:
            return
        path = self.host.choosers.save(self.tr("导出年度目录"), f"指标目录_{year}.xlsx", CATALOG, suffix="")
        if path is not None:
            self._settings_step(self.tr("导出年度目录"), lambda: _edits().export_catalog(self.ctx, int(year), path),
                                self.tr("已导出到 {path}").format(path=path))

    def import_catalog(self) -> None:
        """Check the edited catalog, show what it changes against the year before, import on 导入.

        Figures of an indicator or metric whose department the workbook changes move along: the preview
        lists each such move (将有 N 项数值由 … 转给 …) before anything is imported."""
        path = self.host.choosers.open(self.tr("导入年度目录"), CATALOG)
        if path is None:
            return
        try:
            plan = _edits().plan_catalog_import(self.ctx, path, move_figures=True)
        except (UsageError, StoreError) as exc:
            self.host.warn(self.tr("导入年度目录"), str(exc))
            return
        lines = plan.lines()
        if not self.host.show_records(self.tr("导入年度目录：差别预览"), lines[0], (self.tr("差别"),),
                                      [(line.strip(),) for line in lines[1:]], accept_text=self.tr("导入")):
            self.host.say(self.tr("未导入 {name}。").format(name=path.name))
            return
        try:
            _edits().store_catalog_import(self.ctx, plan)
        except StoreError as exc:
            self.host.warn(self.tr("导入年度目录未完成"), str(exc))
            return
        self.host.settings_changed(self.tr("已导入年度目录 {name}").format(name=path.name))

    def _show_diff(self, compute) -> bool:
        try:
            diff = compute()
        except (UsageError, StoreError) as exc:
            self.host.warn(self.tr("年度目录"), str(exc))
            return False
        lines = diff.lines()
        self.host.show_records(self.tr("年度目录的差别"), lines[0], (self.tr("差别"),),
                               [(line.strip(),) for line in lines[1:]])
        return True

    # ---- backups -------------------------------------------------------------------------------
    def backup_now(self) -> None:
        self._settings_step(self.tr("备份"), lambda: self.ctx.store.backup("manual"),
                            self.tr("已备份并通过完整性校验。"), folder=backups.backup_dir(self.ctx.store.path))

    def restore_backup(self) -> None:
        found = backups.good_backups(self.ctx.store.path)
        if not found:
            self.host.warn(self.tr("从备份恢复"), self.tr(
                "这个数据库还没有可用于恢复的备份（未通过校验的备份文件不会列出，可用命令 backup --list 查看原因）。"))
            return
        labels = [b.label for b in found]
        chosen = self._choose(self.tr("从备份恢复"), self.tr("选择备份（最新的在前）："), labels, 0)
        if chosen is None or not self.host.confirm_discard_drafts():
            return
        backup = found[labels.index(chosen)]
        if self._ask_yes(self.tr("从备份恢复"),
                         self.tr("用 {label} 的备份替换当前全部数据？\n恢复前会先备份当前数据库，可随时再恢复回来。").format(label=backup.label)):
            self._settings_step(self.tr("从备份恢复"), lambda: self.ctx.store.restore(backup.path),
                                self.tr("已从 {label} 的备份恢复。").format(label=backup.label), changed=True)

    # ---- shared -------------------------------------------------------------------------------
    def _settings_step(self, what: str, step, done: str, changed: bool = False, folder: Path | None = None) -> None:
        try:
            result = step()
        except (UsageError, StoreError, OSError) as exc:
            self.host.warn(self.tr("{what}未完成").format(what=what), str(exc))
            return
        lines = [done] + [str(line) for line in result] if isinstance(result, list) else [done]
        if changed:
            self.host.settings_changed(lines[0])
        self.host.show_records(what, "\n".join(lines), folder=folder)

    def _choose(self, title: str, label: str, items: list[str], current: int) -> str | None:
        chosen, ok = QInputDialog.getItem(self.host.window(), title, label, items, current, False)
        return chosen if ok else None

    def _ask_yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.host.window(), title, text)
        return answer == QMessageBox.StandardButton.Yes
