"""The moment a run reports on: now, or ``OSSMATCH_NOW`` pinned for examples and tests.

Below every command and the MCP server alike, so "now" means one thing wherever ossmatch runs.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from ossmatch.errors import UsageProblem

#: GitHub opened in 2008: no earlier moment has issues, and far-off ones overflow date arithmetic.
EARLIEST_NOW = datetime(2008, 1, 1, tzinfo=timezone.utc)
LATEST_NOW = datetime(2999, 12, 31, tzinfo=timezone.utc)


def current_time() -> datetime:
    """Now, or ``OSSMATCH_NOW`` (ISO 8601) to pin reports to a moment: for examples and tests."""
    pinned = os.environ.get("OSSMATCH_NOW", "").strip()
    if not pinned:
        return datetime.now(timezone.utc)
    problem = f"OSSMATCH_NOW must be an ISO 8601 time between 2008 and 2999 (2026-11-27T12:00:00Z), not {pinned!r}"
    try:
        moment = datetime.fromisoformat(pinned.replace("Z", "+00:00"))
    except ValueError:
        raise UsageProblem(problem) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    if not EARLIEST_NOW <= moment <= LATEST_NOW:  # date arithmetic must not overflow
        raise UsageProblem(problem)
    return moment
