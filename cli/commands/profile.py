"""``profile …``: the district profile (name, departments, lead departments, contacts) and the
evaluation-year catalogs.  Every change is checked against every catalog and audited.
"""

from __future__ import annotations

import json
from pathlib import Path

from app import profile as edits
from app.errors import UsageError
from models.records import to_data

HELP = {"profile": "区县配置与年度目录：区县名称、部门、牵头单位、联系人；导出/导入；建立新年度目录并比较差别"}
CONTACT_FIELDS = {"filer": "填报人", "phone": "联系电话", "reviewer": "审核人", "head": "负责人"}


def add_arguments(name, parser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="操作", required=True)
    show = actions.add_parser("show", help="查看当前区县配置")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    actions.add_parser("set-district", help="设置区县名称").add_argument("name")
    add = actions.add_parser("add-dept", help="新增部门：代码（小写字母）与名称")
    add.add_argument("code")
    add.add_argument("name")
    rename = actions.add_parser("rename-dept", help="部门改名（原名作为别名保留）")
    rename.add_argument("dept")
    rename.add_argument("name")
    actions.add_parser("retire-dept", help="撤销部门（已填数值保留）").add_argument("dept")
    lead = actions.add_parser("set-lead", help="指定一级指标的牵头单位")
    lead.add_argument("indicator")
    lead.add_argument("dept")
    lead.add_argument("--move-figures", action="store_true", help="连同已填数值一起转给新牵头单位")
    filer = actions.add_parser("filer", help="指定某个指标由哪个部门填报（默认由一级指标的牵头单位填报）；--clear 改回由牵头单位填报")
    filer.add_argument("metric", help="指标代码")
    filer.add_argument("dept", nargs="?", help="部门代码或名称（与 --clear 二选一）")
    filer.add_argument("--clear", action="store_true", help="取消单独指定，改回由牵头单位填报")
    filer.add_argument("--move-figures", action="store_true", help="连同已填数值一起转给新填报单位")
    contact = actions.add_parser("set-contact", help="设置工作簿中默认的填报人/联系电话/审核人/负责人")
    contact.add_argument("field", choices=sorted(CONTACT_FIELDS))
    contact.add_argument("value")
    form = actions.add_parser("set-form", help="设置统计报表表头：表号、制表机关、批准文号、有效期至（值为空字符串则清除，表上留空待手填）")
    form.add_argument("field", metavar="项目", help="表号、制表机关、批准文号或有效期至")
    form.add_argument("value", metavar="内容")
    actions.add_parser("export", help="导出区县配置文件（.json），供各部门电脑使用").add_argument("file", type=Path)
    imported = actions.add_parser("import", help="导入区县配置文件")
    imported.add_argument("file", type=Path)
    imported.add_argument("--move-figures", action="store_true", help="牵头单位变化时连同数值一起转移")
    year = actions.add_parser("new-year", help="以现有目录为基础建立新评价年度的目录")
    year.add_argument("year", type=int)
    year.add_argument("--from", dest="from_year", type=int, help="以哪一年为基础（默认最新）")
    year.add_argument("--targets", choices=("copy", "empty"), required=True,
                      help="上一年度的目标：copy 沿用（连同来源），empty 不带目标（本年度的目标另行填写）")
    out = actions.add_parser("export-catalog", help="导出某年度目录以便修改：.xlsx 为营商办可编辑的工作簿，.json 为内部格式")
    out.add_argument("year", type=int)
    out.add_argument("file", type=Path)
    imported_catalog = actions.add_parser("import-catalog", help="导入修改后的年度目录（.xlsx 或 .json），显示与上一年度的差别")
    imported_catalog.add_argument("file", type=Path)
    imported_catalog.add_argument("--dry-run", action="store_true", help="只核对并显示差别，不导入")
    imported_catalog.add_argument("--move-figures", action="store_true",
                                  help="工作簿改变了牵头单位或填报单位时，连同已填数值一起转移")
    diff = actions.add_parser("diff", help="比较两个年度的目录")
    diff.add_argument("before", type=int)
    diff.add_argument("after", type=int)
    target = actions.add_parser("target", help="设置或清除本区某年度某指标的目标（取代目录中的目标）")
    target.add_argument("year", type=int)
    target.add_argument("metric")
    target.add_argument("op", nargs="?", help="比较：>=、<=、==、>（或 ≥、≤、=；> 为高于，如实现突破 > 0）")
    target.add_argument("value", nargs="?", type=float, help="目标值（不带单位）")
    target.add_argument("--due", type=int, default=4, help="考核季度 1～4（默认 4）")
    target.add_argument("--baseline", type=float, help="存量目标的基线")
    target.add_argument("--source", default="", help="目标出处，如本区行动方案")
    target.add_argument("--clear", action="store_true", help="清除这个指标的目标")
    na = actions.add_parser("not-applicable", help="标记本区某年度某指标或一级指标不适用（须写原因）")
    na.add_argument("year", type=int)
    na.add_argument("code", metavar="指标代码")
    na.add_argument("reason")
    applicable = actions.add_parser("applicable", help="取消不适用标记")
    applicable.add_argument("year", type=int)
    applicable.add_argument("code", metavar="指标代码")
    deadline = actions.add_parser("deadline", help="设置某统计期各部门提交的截止日期（看板显示还剩几天或已逾期几天）")
    deadline.add_argument("period", help="统计期，如 2023Q3")
    deadline.add_argument("day", nargs="?", metavar="日期", help="截止日期，如 2023-10-10（与 --clear 二选一）")
    deadline.add_argument("--clear", action="store_true", help="取消该统计期的截止日期")
    for action, handler in ACTIONS.items():
        actions.choices[action].set_defaults(handler=handler)


def _show(args, ctx) -> int:
    profile = ctx.profile
    if args.json:
        print(json.dumps(to_data(profile), ensure_ascii=False, indent=2))
        return 0
    names = {d.code: d.name for d in profile.departments}
    lines = [f"区县：{profile.district}（营商办：{names[profile.coordinator]}）", "部门："]
    lines += [f"  {d.code:<20}{d.name}{'（已撤销）' if d.retired else ''}" for d in profile.departments]
    catalog = ctx.catalog()
    lines.append(f"牵头单位（{catalog.year}年目录）：")
    lines += [f"  {i.name}：{names[profile.leads[i.code]]}" for i in catalog.indicators]
    other_years = sorted(set(profile.leads) - {i.code for i in catalog.indicators})
    if other_years:
        lines.append(f"  （其他年度目录的一级指标：{'、'.join(f'{c}：{names[profile.leads[c]]}' for c in other_years)}）")
    if profile.filers:
        lines.append("单独指定的填报单位（其余指标由牵头单位填报）：")
        lines += [f"  {code}：{names[dept]}" for code, dept in sorted(profile.filers.items())]
    contacts = to_data(profile.contacts)
    lines.append("联系人：" + "，".join(f"{CONTACT_FIELDS[k]} {v or '（未设）'}" for k, v in contacts.items()))
    if profile.deadlines:
        lines.append("截止日期：" + "，".join(f"{p} {d}" for p, d in profile.deadlines.items()))
    lines.append("报表表头：" + "，".join(f"{label} {text or '（未设）'}" for label, text in profile.form.items()))
    lines.append(f"评价年度目录：{'、'.join(map(str, ctx.available_years()))}")
    print("\n".join(lines))
    return 0


def _changed(ctx, profile, reason: str, move: bool = False) -> int:
    for line in edits.save_profile(ctx, profile, reason=reason, move_figures=move):
        print(line)
    print(f"已保存区县配置：{reason}")
    return 0


def _set_district(args, ctx) -> int:
    return _changed(ctx, edits.with_district(ctx.profile, args.name), f"区县名称改为 {args.name}")


def _add_dept(args, ctx) -> int:
    return _changed(ctx, edits.with_department(ctx.profile, args.code, args.name), f"新增部门 {args.name}")


def _rename_dept(args, ctx) -> int:
    return _changed(ctx, edits.with_renamed(ctx.profile, args.dept, args.name), f"{args.dept} 改名为 {args.name}")


def _retire_dept(args, ctx) -> int:
    return _changed(ctx, edits.with_retired(ctx.profile, args.dept), f"撤销部门 {args.dept}")


def _set_lead(args, ctx) -> int:
    profile = edits.with_lead(ctx.profile, args.indicator, args.dept)
    return _changed(ctx, profile, f"{args.indicator} 改由 {args.dept} 牵头", args.move_figures)


def _filer(args, ctx) -> int:
    if args.clear == bool(args.dept):
        raise UsageError("请给出部门（profile filer 指标代码 部门），或用 --clear 改回由牵头单位填报，二者选一。")
    if args.clear:
        profile = edits.without_filer(ctx.profile, args.metric)
        return _changed(ctx, profile, f"{args.metric} 改回由牵头单位填报", args.move_figures)
    profile = edits.with_filer(ctx.profile, args.metric, args.dept)
    return _changed(ctx, profile, f"{args.metric} 改由 {args.dept} 填报", args.move_figures)


def _set_contact(args, ctx) -> int:
    profile = edits.with_contact(ctx.profile, args.field, args.value)
    return _changed(ctx, profile, f"{CONTACT_FIELDS[args.field]}设为 {args.value}")


def _set_form(args, ctx) -> int:
    profile = edits.with_form(ctx.profile, args.field, args.value)
    text = args.value.strip()
    return _changed(ctx, profile, f"表头“{args.field.strip()}”{'设为 ' + text if text else '已清除'}")


def _export(args, ctx) -> int:
    edits.export_profile(ctx, args.file)
    print(f"已导出区县配置：{args.file}")
    return 0


def _import(args, ctx) -> int:
    for line in edits.import_profile(ctx, args.file, args.move_figures):
        print(line)
    print(f"已导入区县配置：{args.file}")
    return 0


def _new_year(args, ctx) -> int:
    diff = edits.new_year(ctx, args.year, args.from_year, args.targets)
    print(f"已建立 {args.year} 年目录（以 {diff.before} 年为基础，目标：{edits.TARGET_CHOICES[args.targets]}）。"
          f"修改方法：profile export-catalog {args.year} 目录.xlsx，在 Excel 中编辑后 profile import-catalog 目录.xlsx")
    dropped = [line for line in diff.lines() if "的目标值：" in line]
    if dropped:
        print(f"未带入的目标 {len(dropped)} 项：")
        print("\n".join(dropped))
    return 0


def _export_catalog(args, ctx) -> int:
    edits.export_catalog(ctx, args.year, args.file)
    print(f"已导出 {args.year} 年目录：{args.file}")
    return 0


def _import_catalog(args, ctx) -> int:
    plan = edits.plan_catalog_import(ctx, args.file, args.move_figures)
    if args.dry_run:
        print(f"预览（未导入）：{args.file.name}")
    else:
        edits.store_catalog_import(ctx, plan)
    print("\n".join(plan.lines()))
    return 0


def _target(args, ctx) -> int:
    from app import year_settings

    if args.clear:
        done = year_settings.clear_target(ctx, args.year, args.metric)
    elif args.op is None or args.value is None:
        raise UsageError("请给出比较和目标值，如：profile target 2023 gs_online_rate >= 96；清除用 --clear。")
    else:
        done = year_settings.set_target(ctx, args.year, args.metric, args.op, args.value, args.due,
                                        args.baseline, args.source)
    return _done(done)


def _not_applicable(args, ctx) -> int:
    from app import year_settings

    return _done(year_settings.mark_not_applicable(ctx, args.year, args.code, args.reason))


def _applicable(args, ctx) -> int:
    from app import year_settings

    return _done(year_settings.mark_applicable(ctx, args.year, args.code))


def _deadline(args, ctx) -> int:
    from cli import lookup

    if args.clear == bool(args.day):
        raise UsageError("请给出截止日期（profile deadline 2023Q3 2023-10-10），或用 --clear 取消，二者选一。")
    period = lookup.period(args.period)
    profile = edits.with_deadline(ctx.profile, period, None if args.clear else args.day)
    day = profile.deadlines.get(period.code)
    return _changed(ctx, profile, f"{period.label}的截止日期设为 {day}" if day else f"取消{period.label}的截止日期")


def _done(lines: list[str]) -> int:
    print("\n".join([*lines, "已保存区县配置。"]))
    return 0


def _diff(args, ctx) -> int:
    print("\n".join(edits.diff_years(ctx, args.before, args.after).lines()))
    return 0


ACTIONS = {
    "show": _show, "set-district": _set_district, "add-dept": _add_dept, "rename-dept": _rename_dept,
    "retire-dept": _retire_dept, "set-lead": _set_lead, "filer": _filer, "set-contact": _set_contact,
    "set-form": _set_form, "export": _export,
    "import": _import, "new-year": _new_year, "export-catalog": _export_catalog,
    "import-catalog": _import_catalog, "diff": _diff, "target": _target,
    "not-applicable": _not_applicable, "applicable": _applicable, "deadline": _deadline,
}
