"""One module per group of headless commands (see app/cli.py)."""
