"""The report context commands give every output format: where the repository root is (SARIF
locations), where the handbook is published (links to rule pages), whether warnings fail.

The handbook's address is ``PLAYBOOK_HANDBOOK_URL`` when set, else the one the schemas' ``$id``
name (``<handbook>schemas/<file>``); ``site_url`` in ``mkdocs.yml``, when set, must agree
(``tests/test_schema_ids.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from checker.reporters.context import ReportContext
from checker.schema.documents import published_base

HANDBOOK_URL_VARIABLE = "PLAYBOOK_HANDBOOK_URL"


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a worktree's
    file), or None outside a repository."""
    return next((d for d in (start, *start.parents) if (d / ".git").exists()), None)


def handbook_url() -> str:
    configured = os.environ.get(HANDBOOK_URL_VARIABLE, "").strip()
    if configured:
        return configured if configured.endswith("/") else configured + "/"
    return published_base()


def report_context(line_text: Callable[[str, int], str], strict: bool = False) -> ReportContext:
    here = Path.cwd()
    return ReportContext(
        line_text=line_text,
        strict=strict,
        source_root=repository_root(here) or here,
        working_directory=here,
        handbook_url=handbook_url(),
    )
