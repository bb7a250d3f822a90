"""JUnit XML: one test case per file checked; a finding that fails the run is a ``failure``.

Counts agree with the test cases and with the exit code: ``failures`` is the number of test
cases holding a failure, and under ``--strict`` warnings are failures as they fail the run.
Control characters from file names and keys are written as visible escapes: XML 1.0 cannot
carry them, and a report that is not well-formed is dropped whole by CI servers.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import TextIO

from checker.findings import Finding, Summary
from checker.markup.terminal import printable
from checker.reporters.context import NO_CONTEXT, ReportContext


def _xml(value: str) -> str:
    """Text XML 1.0 can hold: control characters as visible escapes, line feeds kept."""
    return printable(value, keep_newlines=True)


def write(
    findings: list[Finding],
    summary: Summary,
    out: TextIO = sys.stdout,
    context: ReportContext = NO_CONTEXT,
) -> None:
    from xml.etree import ElementTree as ET  # loaded only for this format

    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not finding.suppressed:
            by_file[finding.path].append(finding)
    paths = sorted(set(summary.paths) | set(by_file))
    failing = sum(1 for path in paths if any(context.fails(f.severity) for f in by_file[path]))
    counts = {"tests": str(len(paths)), "failures": str(failing), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "playbook check", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "playbook check", **counts, "skipped": "0"})
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="playbook", name=_xml(path))
        for finding in by_file[path]:
            text = _xml(
                f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.label} "
                f"{finding.rule_id} [{finding.rule_name}] {finding.message} {finding.hint}"
            )
            if context.fails(finding.severity):
                ET.SubElement(
                    case, "failure", message=_xml(finding.message), type=finding.rule_id
                ).text = text
            else:
                ET.SubElement(case, "system-out").text = text
    ET.SubElement(suite, "system-out").text = summary.sentence()
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode") + "\n")
