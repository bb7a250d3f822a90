"""One review of a change: load both sides, compare them, judge the version numbers."""

from __future__ import annotations

import sys

from checker.diff.compare import compare
from checker.diff.report import DiffReport
from checker.diff.sources import load_sides
from checker.diff.versions import version_findings
from checker.pipeline.suppressions import apply as apply_suppressions


def build_report(base: str | None, head: str | None, playbooks: str) -> DiffReport:
    """Load both sides, compare them and judge the versions (raises ``InputError`` for a
    revision or folder that cannot be found, ``SideErrors`` for unreadable playbooks)."""
    base_side, head_side = load_sides(base, head, playbooks)
    for side in (base_side, head_side):
        if side.note:
            sys.stderr.write(side.note + "\n")
    diff = compare(base_side.playbooks, head_side.playbooks)
    sources = head_side.playbooks.sources
    # A version finding can be suppressed in HEAD like any other, with a reason; unused or
    # reasonless suppressions are playbook check's business, not the diff's.
    findings = apply_suppressions(version_findings(diff), sources).findings
    return DiffReport(
        base=base_side.title,
        head=head_side.title,
        diff=diff,
        findings=findings,
        files=tuple(s.path for s in sources),
        sources={s.path: s for s in sources},
        revisions=(base_side.revision, head_side.revision),
    )
