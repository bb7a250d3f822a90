"""The JSON Schemas: valid draft 2020-12, and every property documented in Chinese so an
editor with the YAML language server shows help on hover."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema (under ``properties``) anywhere in the document."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/{name}", sub
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{path}/{i}")


def documented(schema: dict[str, Any], docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """Title and description, following a $ref when the property has none of its own."""
    title, description = schema.get("title", ""), schema.get("description", "")
    ref = schema.get("$ref", "")
    if ref and (not title or not description):
        name, _, pointer = ref.partition("#")
        target: Any = docs[name] if name else None
        if target is not None:
            for part in pointer.strip("/").split("/"):
                target = target[part]
            title = title or target.get("title", "")
            description = description or target.get("description", "")
    return title, description


def test_every_kind_has_a_schema():
    names = {p.name for p in SCHEMAS}
    assert {
        "defs.schema.json",
        "policy.schema.json",
        "category.schema.json",
        "customer-types.schema.json",
        "calendar.schema.json",
    } <= names


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid_draft_2020_12(path: Path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_property_has_a_chinese_title_and_description(path: Path):
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS}
    found = list(properties(docs[path.name]))
    assert found, "no properties found"
    missing = []
    for where, schema in found:
        local = dict(schema)
        ref = local.get("$ref", "")
        if ref.startswith("#"):
            local["$ref"] = f"{path.name}{ref}"
        title, description = documented(local, docs)
        if not (HAN.search(title) and HAN.search(description)):
            missing.append(where)
    assert not missing, f"{path.name}: properties without Chinese title/description: {missing}"


@pytest.mark.parametrize("path", sorted((ROOT / "playbooks").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_playbook_names_its_schema_for_the_editor(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (path.parent / match.group(1)).resolve().is_file()
