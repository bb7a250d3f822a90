"""A content-hash cache of whole check runs.

The key covers the checker's own code and schemas, the command's options and every input
file's path and bytes, so any change anywhere misses the cache. The cache lives in
``.playbook_cache/`` in the working directory, which ignores itself for git.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from checker.findings import Finding, Severity

CACHE_DIR = Path(".playbook_cache")
_KEEP = 16
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole checker package


@cache
def code_fingerprint() -> str:
    """Hash of the checker's sources and schemas: a new checker never reuses old results."""
    digest = hashlib.sha256()
    roots = [_PACKAGE]
    for root in roots:
        for path in sorted(root.rglob("*")) + sorted((root / "schemas").glob("*.json")):
            if path.suffix in (".py", ".json", ".yaml") and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def run_key(files: list[tuple[str, bytes]], options: str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(options.encode())
    for path, raw in files:
        digest.update(path.encode() + b"\0" + hashlib.sha256(raw).digest())
    return digest.hexdigest()


def _store_path() -> Path:
    return Path(os.environ.get("PLAYBOOK_CACHE_DIR", CACHE_DIR)) / "check-runs.json"


def _read() -> dict[str, Any]:
    try:
        data = json.loads(_store_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def lookup(key: str) -> tuple[list[Finding], tuple[str, ...]] | None:
    entry = _read().get(key)
    if not isinstance(entry, dict):
        return None
    try:
        findings = [
            Finding(
                rule_id=f["rule_id"],
                rule_name=f["rule_name"],
                severity=Severity(f["severity"]),
                path=f["path"],
                line=f["line"],
                column=f["column"],
                message=f["message"],
                hint=f["hint"],
                suppressed_reason=f["suppressed_reason"],
            )
            for f in entry["findings"]
        ]
        return findings, tuple(entry["paths"])
    except (KeyError, TypeError, ValueError):
        return None


def store(key: str, findings: list[Finding], paths: tuple[str, ...]) -> None:
    """Remember a run; failures to write (read-only checkout) are ignored on purpose."""
    data = _read()
    data.pop(key, None)
    data[key] = {
        "paths": list(paths),
        "findings": [
            {
                "rule_id": f.rule_id,
                "rule_name": f.rule_name,
                "severity": f.severity.value,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "hint": f.hint,
                "suppressed_reason": f.suppressed_reason,
            }
            for f in findings
        ],
    }
    while len(data) > _KEEP:
        data.pop(next(iter(data)))
    target = _store_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        ignore = target.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by playbook check\n*\n", encoding="utf-8")
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass
