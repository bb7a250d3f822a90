"""Words staff say or write."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model.location import At


@dataclass(frozen=True)
class Script:
    """Words staff say or write, with where they come from."""

    text: str
    channel: str
    at: At
    situation: str = ""
    step: str = ""
