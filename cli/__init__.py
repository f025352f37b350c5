"""The command line: ``main.py COMMAND …`` parsed (``cli.parser``) and run headless; each command
is a module in ``cli/commands/`` that turns arguments into calls of the use cases in ``app/``;
``cli.runner`` runs it and keeps the exit-status contract."""

from cli.parser import COMMAND_MODULES, build_parser, parse
from cli.runner import dispatch

__all__ = ["COMMAND_MODULES", "build_parser", "dispatch", "parse"]
