"""Dates as annotation files write them: ISO 8601 at the precision the author knows.

``2024``, ``2024-03`` and ``2024-03-28`` are all dates (a source is often known only to the
month); ``29 Jan 2025`` or ``2024-13`` are not. YAML itself reads an unquoted ``2024-03-28``
as a date and ``2024`` as a number, so callers pass the value's text as written.
"""

from __future__ import annotations

import datetime as dt
import re

ISO_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
HINT = "write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03-28"


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a real date in one of the three ISO forms."""
    match = ISO_DATE.match(text.strip())
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.group("year", "month", "day"))
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
