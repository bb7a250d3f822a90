"""libyaml with YAML 1.2 core-schema resolution of plain scalars.

Only true/false, decimal numbers and null are typed; everything else (yes, 1:30, 010, dates)
stays a string, for the loader to report.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"

_BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictYAMLLoader(_BASE_LOADER):
    """libyaml's parser and composer with the strict implicit resolvers below.

    ``resolve`` runs once per scalar from inside libyaml's composer, so it is a lean
    re-implementation of PyYAML's for this fixed table; path resolvers are not used.
    """

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012  (class-level table PyYAML expects)

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG


for _tag, _pattern, _first in (
    (BOOL_TAG, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (INT_TAG, r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (FLOAT_TAG, r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    (NULL_TAG, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    StrictYAMLLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in entries]
    for first, entries in StrictYAMLLoader.yaml_implicit_resolvers.items()
}
_RESOLVERS[""] = _RESOLVERS.get("", [])


def compose(text: str) -> Node | None:
    """The single document's node tree (raises yaml.YAMLError on bad input)."""
    loader = StrictYAMLLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
