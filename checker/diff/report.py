"""What one diff run produced: the two sides' names, the changes and the version findings.

Every format in ``checker.diff.formats`` renders this one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.diff.changes import ChangeLevel, PolicyChange, PolicyDiff
from checker.diff.version_rules import LOOSENED_CHANGE
from checker.findings import Finding, Severity, Summary
from checker.yaml.source import SourceFile

MARKER = "<!-- playbook-diff -->"


@dataclass
class DiffReport:
    """A diff with its context. ``base``/``head`` describe the sides for people; ``files`` are
    HEAD's playbook files (the denominator of the version-check summary) and ``sources`` their
    text, for code frames of findings (HEAD may be a git revision, not the files on disk);
    ``revisions`` the commits compared (None for a folder or the working tree)."""

    base: str
    head: str
    diff: PolicyDiff
    findings: list[Finding] = field(default_factory=list)
    files: tuple[str, ...] = ()
    sources: dict[str, SourceFile] = field(default_factory=dict)
    revisions: tuple[str | None, str | None] = (None, None)

    @property
    def changes(self) -> list[PolicyChange]:
        return self.diff.changes

    def counts(self) -> dict[ChangeLevel, int]:
        """Changes per class; edits of released history only when there are any."""
        counts = {level: self.diff.count(level) for level in ChangeLevel}
        if not counts[ChangeLevel.HISTORY]:
            del counts[ChangeLevel.HISTORY]
        return counts

    def count_sentence(self) -> str:
        """e.g. 共 4 处变更：放宽 1，收紧 0，新增 0，删除 0，措辞 3。"""
        counts = self.counts()
        if not any(counts.values()):
            return "没有变更。"
        parts = "，".join(f"{level.label} {n}" for level, n in counts.items())
        return f"共 {sum(counts.values())} 处变更：{parts}。"

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.files)

    @property
    def version_checks(self) -> list[Finding]:
        """The version findings proper: PB708 repeats the loosened changes as annotations,
        so the reports that list the changes leave it out."""
        return [f for f in self.findings if f.rule_id != LOOSENED_CHANGE.id]

    @property
    def version_summary(self) -> Summary:
        return Summary.of(self.version_checks, self.files)

    def line_text(self, finding: Finding) -> str:
        source = self.sources.get(finding.path)
        return source.line_text(finding.line) if source else ""

    def version_errors(self) -> int:
        return sum(f.severity is Severity.ERROR and not f.suppressed for f in self.findings)
