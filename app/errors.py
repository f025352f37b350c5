"""Errors of the application layer."""


class UsageError(ValueError):
    """Bad usage or unreadable input (exit status 2); the message says what and how to fix it."""
