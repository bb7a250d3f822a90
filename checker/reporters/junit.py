"""JUnit XML: one test case per file checked, failures carry the findings."""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from checker.findings import Finding, Severity, Summary


def write(findings: list[Finding], summary: Summary, out: TextIO = sys.stdout) -> None:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not finding.suppressed:
            by_file[finding.path].append(finding)
    paths = sorted(set(summary.paths) | set(by_file))
    failing = sum(1 for path in paths if any(f.severity is Severity.ERROR for f in by_file[path]))
    suites = ET.Element("testsuites", name="playbook check")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="playbook check",
        tests=str(len(paths)),
        failures=str(failing),
        errors="0",
        skipped="0",
    )
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="playbook", name=path)
        for finding in by_file[path]:
            kind = "failure" if finding.severity is Severity.ERROR else "system-out"
            text = (
                f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.label} "
                f"{finding.rule_id} [{finding.rule_name}] {finding.message} {finding.hint}"
            )
            if kind == "failure":
                ET.SubElement(
                    case, "failure", message=finding.message, type=finding.rule_id
                ).text = text
            else:
                ET.SubElement(case, "system-out").text = text
    ET.SubElement(suite, "system-out").text = summary.sentence()
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode") + "\n")
