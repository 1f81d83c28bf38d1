"""Human-friendly durations for reasons ("about 3 hours", "2 days ago")."""

from __future__ import annotations

from ossmatch.render.wording import plural

_UNITS: tuple[tuple[str, float, float], ...] = (
    # name, hours per unit, use this unit below this many hours
    ("hour", 1.0, 36.0),
    ("day", 24.0, 24.0 * 14),
    ("week", 24.0 * 7, 24.0 * 60),
    ("month", 24.0 * 30.44, 24.0 * 548),
    ("year", 24.0 * 365.25, float("inf")),
)


def _amount(hours: float) -> str:
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return plural(minutes, "minute")
    for name, size, limit in _UNITS:
        if hours < limit:
            n = max(1, round(hours / size))
            return plural(n, name)
    raise AssertionError("unreachable")  # pragma: no cover


def humanize_hours(hours: float) -> str:
    """Approximate duration: 3.2 -> "about 3 hours", 50 -> "about 2 days"."""
    hours = max(0.0, hours)
    amount = _amount(hours)
    if amount.startswith("1 "):
        article = "an" if amount.split()[1] == "hour" else "a"
        return f"about {article} {amount.split()[1]}"
    return f"about {amount}"


def humanize_ago(hours: float) -> str:
    """Relative time: 0.2 -> "less than an hour ago", 50 -> "2 days ago"."""
    hours = max(0.0, hours)
    if hours < 1:
        return "less than an hour ago"
    amount = _amount(hours)
    if amount.startswith("1 "):
        unit = amount.split()[1]
        return ("an " if unit == "hour" else "a ") + unit + " ago"
    return f"{amount} ago"
