"""Today's date for everything that judges time against "now" (PB802, the 暂定 banner).

"Today" is the date in the working calendar's time zone (Asia/Shanghai unless calendar.yaml
says otherwise), not the host's: a CI runner on UTC is a day behind between 00:00 and 08:00
Beijing time. ``PLAYBOOK_TODAY=YYYY-MM-DD`` fixes the date so runs can be reproduced.
"""

from __future__ import annotations

import datetime as dt
import os

from checker.deadlines.time_zone import now
from checker.model import Calendar
from checker.model.calendar import DEFAULT_TIME_ZONE
from checker.model.dates import parse_date

TODAY_VARIABLE = "PLAYBOOK_TODAY"  # fixes the date (YYYY-MM-DD)


def today(calendar: Calendar | None = None) -> dt.date:
    """Today in the calendar's time zone, or the date in PLAYBOOK_TODAY (YYYY-MM-DD)."""
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        parsed = parse_date(fixed)
        if parsed is not None:
            return parsed
    return now(calendar.time_zone if calendar else DEFAULT_TIME_ZONE).date()
