"""The JSON Schema documents (one per kind of playbook file) and validators built once from them.

``checker/schemas`` links to the repository's ``schemas/`` (and is copied into built wheels).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:  # imported when first needed: a check of valid files never loads them
    import jsonschema
    from referencing import Registry

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KIND_SCHEMAS = {
    "policy": "policy.schema.json",
    "category": "category.schema.json",
    "customer-types": "customer-types.schema.json",
    "calendar": "calendar.schema.json",
}


@cache
def documents() -> dict[str, dict[str, Any]]:
    """Every schema document by file name."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}


@cache
def registry() -> Registry:
    from referencing import Registry, Resource

    return Registry().with_resources(
        (name, Resource.from_contents(doc)) for name, doc in documents().items()
    )


def known_kinds() -> list[str]:
    return [k for k, name in KIND_SCHEMAS.items() if name in documents()]


def kind_schema(kind: str) -> dict[str, Any]:
    return documents()[KIND_SCHEMAS[kind]]


@cache
def python_validator(kind: str) -> jsonschema.protocols.Validator:
    """The detailed validator: walks every error of an invalid file (formats asserted)."""
    import jsonschema

    return jsonschema.Draft202012Validator(
        kind_schema(kind),
        registry=registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


@cache
def fast_validator(kind: str) -> Any:
    """The fast validator that decides validity (formats asserted, like the detailed one)."""
    name = KIND_SCHEMAS[kind]
    docs = documents()
    schemas = jsonschema_rs.Registry([(f"file:///schemas/{n}", d) for n, d in docs.items()])
    return jsonschema_rs.validator_for(
        docs[name], registry=schemas, base_uri=f"file:///schemas/{name}", validate_formats=True
    )
