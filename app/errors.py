"""Errors of the application layer; the command line gives each its exit status."""


class UsageError(ValueError):
    """Bad usage or unreadable input (exit status 2); the message says what and how to fix it."""


class Refused(UsageError):
    """A well-formed request that the stored data forbids (exit status 1): a department with
    figures cannot be deleted, an error cannot be explained away.  A UsageError as well, so that
    a caller showing both alike (the window's dialogs) catches it with the others."""
