"""One module per group of headless commands (see cli/parser.py)."""
