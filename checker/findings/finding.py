"""The one value type every check, diff rule and reporter shares."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; the value is the stable English name."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Chinese word shown to people."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: rule, severity, file, line, column, message and fix hint.

    Lines and columns are 1-based, columns counted in characters (code points).
    """

    rule_id: str
    rule_name: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    suppressed_reason: str | None = field(default=None, compare=False)

    @property
    def suppressed(self) -> bool:
        return self.suppressed_reason is not None

    def suppress(self, reason: str) -> Finding:
        return replace(self, suppressed_reason=reason)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule_id)


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the closing line of every report."""

    files: int
    errors: int
    warnings: int
    infos: int
    suppressed: int
    paths: tuple[str, ...] = ()

    @classmethod
    def of(cls, findings: list[Finding], paths: tuple[str, ...]) -> Summary:
        active = [f for f in findings if not f.suppressed]
        return cls(
            files=len(paths),
            paths=paths,
            errors=sum(f.severity is Severity.ERROR for f in active),
            warnings=sum(f.severity is Severity.WARNING for f in active),
            infos=sum(f.severity is Severity.INFO for f in active),
            suppressed=len(findings) - len(active),
        )

    def fails(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def sentence(self) -> str:
        """The Chinese summary line, e.g. 检查了 9 个文件：1 个错误，0 个警告，0 条提示。"""
        text = (
            f"检查了 {self.files} 个文件：{self.errors} 个错误，"
            f"{self.warnings} 个警告，{self.infos} 条提示"
        )
        if self.suppressed:
            text += f"（另有 {self.suppressed} 条已按注释说明抑制）"
        return text + "。"
