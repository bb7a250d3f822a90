"""The customer types (customer-types.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model.header import Header
from checker.model.location import At
from checker.model.script import Script


@dataclass(frozen=True)
class CustomerType:
    id: str
    title: str
    description: str
    recognition: tuple[str, ...]
    strategies: tuple[str, ...]
    scripts: tuple[Script, ...]
    avoid: tuple[str, ...]
    at: At


@dataclass(frozen=True)
class CustomerTypes:
    """The customer types (customer-types.yaml)."""

    header: Header
    needs: tuple[str, ...]
    types: tuple[CustomerType, ...]
