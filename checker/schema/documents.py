"""The JSON Schema documents (one per kind of playbook file) and validators built once from them.

``checker/schemas`` links to the repository's ``schemas/`` (and is copied into built wheels).
Each document's ``$id`` is the address the handbook publishes it at (``<handbook>schemas/``):
references between them resolve against that id, the same way in this checker, in editors
that fetch a schema from the handbook, and in any other validator.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when first needed: a check of valid files never loads them
    import jsonschema
    from referencing import Registry

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KIND_SCHEMAS = {
    "policy": "policy.schema.json",
    "category": "category.schema.json",
    "customer-types": "customer-types.schema.json",
    "calendar": "calendar.schema.json",
    "exceptions": "exceptions.schema.json",
}


@cache
def documents() -> dict[str, dict[str, Any]]:
    """Every schema document by file name."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}


def schema_id(name: str) -> str:
    """The ``$id`` of the schema file ``name``, e.g. ``.../schemas/category.schema.json``."""
    return str(documents()[name]["$id"])


def published_base() -> str:
    """Where the handbook is published (ends with ``/``), read from the schemas' ids."""
    return schema_id("defs.schema.json").removesuffix("schemas/defs.schema.json")


@cache
def registry() -> Registry:
    """Every schema, by its ``$id`` and (for relative lookups) by its file name."""
    from referencing import Registry, Resource

    resources = [(name, Resource.from_contents(doc)) for name, doc in documents().items()]
    empty: Registry[Any] = Registry()
    return empty.with_resources(
        [*resources, *((str(res.contents["$id"]), res) for _, res in resources)]
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
    import jsonschema_rs  # only when a file is validated (an unchanged run validates none)

    docs = documents()
    schemas = jsonschema_rs.Registry([(str(d["$id"]), d) for d in docs.values()])
    return jsonschema_rs.validator_for(
        docs[KIND_SCHEMAS[kind]], registry=schemas, validate_formats=True
    )
