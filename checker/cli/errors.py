"""Exit codes and usage errors: the command line's contract with shells and CI."""

from __future__ import annotations

from checker.pipeline.discovery import InputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(InputError):
    """Bad command-line input (a path that does not exist, a bad option value); the message is
    Chinese. Like every ``InputError`` it ends the command with exit code 2."""
