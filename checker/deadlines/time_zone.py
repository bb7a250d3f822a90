"""The calendar's time zone: due times are wall-clock times there, written with its offset.

The engine works on naive local times (the calendar's zone); only output and "today" need the
zone itself. ``tzdata`` (a dependency) supplies the zone data where the system has none.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo


def zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone, or None when ``name`` is not a zone this machine knows."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def with_offset(moment: dt.datetime, name: str) -> str:
    """``2027-01-05T18:00+08:00``: a local time with the zone's offset on that day."""
    tz = zone(name)
    value = moment.replace(tzinfo=tz) if tz is not None else moment
    return value.isoformat(timespec="minutes")


def now(name: str) -> dt.datetime:
    """The current wall-clock time in the zone (naive), or the host's when it is unknown."""
    tz = zone(name)
    if tz is None:
        return dt.datetime.now()
    return dt.datetime.now(tz).replace(tzinfo=None)
