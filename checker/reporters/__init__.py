"""Output formats for findings: one small module each, all reading the same ``Finding`` values
and the same ``ReportContext``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from checker.findings import Finding, Summary
from checker.reporters import github, json_report, junit, sarif, text
from checker.reporters.context import ReportContext

Reporter = Callable[[list[Finding], Summary, TextIO, ReportContext], None]

FORMATS: dict[str, Reporter] = {
    "text": text.write,
    "json": json_report.write,
    "sarif": sarif.write,
    "github": github.write,
    "junit": junit.write,
}
