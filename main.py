"""营商环境指标填报 — entry point.  No command opens the application; commands run headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import cli

    args = cli.parse(argv)
    if args.command is None:
        from gui.app import run_gui

        return run_gui(args.db)
    return cli.dispatch(args)


if __name__ == "__main__":
    sys.exit(main())
