"""The command line: one module per subcommand, exit codes and usage errors."""

from checker.cli.playbook import main

__all__ = ["main"]
