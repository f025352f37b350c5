"""``demo``: fill the database with a realistic district's 2022 and 2023 Q1–Q3 figures."""

from __future__ import annotations

from app.demo import DEMO_PERIODS, load_demo

HELP = {"demo": "写入演示数据（红谷滩区 2022 年各季度与 2023 年前三季度）；已有的数值不会被覆盖"}


def add_arguments(name, parser) -> None:
    parser.set_defaults(handler=demo_command)


def demo_command(args, ctx) -> int:
    written, kept = load_demo(ctx)
    print(f"演示数据：写入 {written} 项，保留已有数值 {kept} 项（{DEMO_PERIODS[0].label}—{DEMO_PERIODS[-1].label}）。")
    print(f"数据库：{ctx.store.path}")
    return 0

