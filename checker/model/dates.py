"""Dates as playbooks write them ("YYYY-MM-DD"): the one parser every layer uses."""

from __future__ import annotations

import datetime as dt


def parse_date(text: str) -> dt.date | None:
    """The date, or None when ``text`` is not a real ISO date."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
