"""Today's date for everything that judges time against "now" (PB802, the worked examples).

``PLAYBOOK_TODAY=YYYY-MM-DD`` fixes the date so runs can be reproduced.
"""

from __future__ import annotations

import datetime as dt
import os

from checker.model.dates import parse_date


def today() -> dt.date:
    """Today, or the date in PLAYBOOK_TODAY (YYYY-MM-DD)."""
    fixed = os.environ.get("PLAYBOOK_TODAY")
    if fixed:
        parsed = parse_date(fixed)
        if parsed is not None:
            return parsed
    return dt.date.today()
