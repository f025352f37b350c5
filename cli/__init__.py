"""The command line: ``main.py COMMAND …`` parsed (``cli.parser``) and run headless; each command
is a module in ``cli/commands/`` that turns arguments into calls of the use cases in ``app/``."""

from cli.parser import COMMAND_MODULES, build_parser, dispatch, parse

__all__ = ["COMMAND_MODULES", "build_parser", "dispatch", "parse"]
