"""Field names as people read them: the Chinese ``title`` each schema gives its properties.

The diff, the handbook and the checker's messages name fields through ``field_label``, so a
field is called what its schema calls it (概述, 检索词 …) everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from checker.schema.documents import KIND_SCHEMAS, kind_schema, registry

Located = tuple[dict[str, Any], Any]


def _follow(node: dict[str, Any], resolver: Any) -> Iterator[Located]:
    """The node, then what its ``$ref`` and ``allOf`` stand for (their properties count too)."""
    yield node, resolver
    ref = node.get("$ref")
    if isinstance(ref, str):
        target = resolver.lookup(ref)
        if isinstance(target.contents, dict):
            yield from _follow(target.contents, target.resolver)
    for part in node.get("allOf", ()):
        if isinstance(part, dict):
            yield from _follow(part, resolver)


def _child(node: dict[str, Any], resolver: Any, name: str) -> Located | None:
    """The property ``name`` of an object, looking through list items and map values."""
    for candidate, where in _follow(node, resolver):
        properties = candidate.get("properties", {})
        if isinstance(properties, dict) and isinstance(properties.get(name), dict):
            return properties[name], where
    for candidate, where in _follow(node, resolver):
        for inner_key in ("items", "additionalProperties"):
            inner = candidate.get(inner_key)
            if isinstance(inner, dict):
                found = _child(inner, where, name)
                if found is not None:
                    return found
    return None


@cache
def field_label(kind: str, path: Sequence[str]) -> str:
    """The schema's title of a field, e.g. ("category", ("summary",)) -> 概述.

    ``path`` names properties from the file's root; list items and map values are passed
    through, so ("policy", ("tiers", "title")) is the title of a tier's title. Falls back to
    the last name when the schema has no title there.
    """
    located: Located | None = (kind_schema(kind), registry().resolver(base_uri=KIND_SCHEMAS[kind]))
    for name in path:
        assert located is not None
        located = _child(*located, name)
        if located is None:
            return str(path[-1])
    assert located is not None
    for candidate, _ in _follow(*located):
        if candidate.get("title"):
            return str(candidate["title"])
    return str(path[-1])
