"""One file on its own: read it, validate it against its kind's schema, build its model.

Nothing here looks at another file, so the outcome depends on the file's bytes and the checker
alone (and is cached by them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.model import Calendar, Category, CustomerTypes, Exceptions, Policy
from checker.model.builder import (
    build_calendar,
    build_category,
    build_customer_types,
    build_exceptions,
    build_policy,
)
from checker.pipeline.results import FileResult
from checker.pipeline.suppressions import parse
from checker.rules.context import CategoryFacts
from checker.yaml.loader import load_bytes
from checker.yaml.source import SourceFile

Model = Policy | Category | CustomerTypes | Calendar | Exceptions

BUILDERS: dict[str, Callable[[dict[str, Any], SourceFile], Model]] = {
    "policy": build_policy,
    "category": build_category,
    "customer-types": build_customer_types,
    "calendar": build_calendar,
    "exceptions": build_exceptions,
}


def digest(raw: bytes) -> str:
    """The content hash a file's results are kept under."""
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


@dataclass
class FileWork:
    """A file just read: its result, and its source and model while someone needs them."""

    result: FileResult
    source: SourceFile
    model: Model | None


def read_file(
    path: str,
    raw: bytes,
    content_digest: str,
    valid_kind: str | None = None,
    disk_path: Path | None = None,
) -> FileWork:
    """Load, validate and build one file (read from ``disk_path``, if from disk).
    ``valid_kind``: the file (these very bytes) is known to be schema-valid of that kind, so
    validation is skipped."""
    loaded = load_bytes(path, raw)
    loaded.source.disk_path = disk_path
    findings = list(loaded.findings)
    kind: str | None = None
    model: Model | None = None
    if loaded.data is not None:
        if valid_kind is not None:
            kind = valid_kind
        else:
            from checker.schema.validation import validate  # jsonschema only when needed

            kind, problems = validate(loaded.source, loaded.data)
            findings.extend(problems)
            if problems:
                kind = None
        if kind is not None:
            model = BUILDERS[kind](loaded.data, loaded.source)
    facts = CategoryFacts.of(model) if isinstance(model, Category) else None
    result = FileResult(
        path, content_digest, kind, tuple(findings), tuple(parse(loaded.source)), facts
    )
    return FileWork(result, loaded.source, model)
