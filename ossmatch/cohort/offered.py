"""Issues offered to a cohort, read from ``ossmatch cohort --format json``: so the portal
(``ossmatch site --offered``) leaves them out, as it leaves out claimed issues, and public visitors
are not sent to an issue a cohort member is starting on."""

from __future__ import annotations

import json
from pathlib import Path

from ossmatch.cohort.summary import SUMMARY_VERSION
from ossmatch.config_files import read_capped
from ossmatch.errors import UsageProblem
from ossmatch.models import Candidate

#: A summary of 2,000 people with 5 offers each stays far below this.
MAX_SUMMARY_BYTES = 16 * 1024 * 1024


def load_offered(path: Path) -> set[tuple[str, int]]:
    """(lowercase ``owner/repo``, number) of every offered issue; one-line errors naming the file."""
    raw = read_capped(
        path,
        MAX_SUMMARY_BYTES,
        UsageProblem,
        missing="file not found (write it with `ossmatch cohort --format json`)",
        too_large=f"larger than {MAX_SUMMARY_BYTES // (1024 * 1024)} MB; not a cohort summary",
    )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise UsageProblem(f"{path}: not the JSON of `ossmatch cohort --format json`") from None
    if not isinstance(data, dict) or data.get("version") != SUMMARY_VERSION:
        raise UsageProblem(f"{path}: not a version {SUMMARY_VERSION} cohort summary (`ossmatch cohort --format json`)")
    found: set[tuple[str, int]] = set()
    for entry in data.get("assignments") or []:
        for issue in (entry.get("issues") or []) if isinstance(entry, dict) else []:
            repo, number = (issue.get("repo"), issue.get("number")) if isinstance(issue, dict) else (None, None)
            if not isinstance(repo, str) or not isinstance(number, int):
                raise UsageProblem(f"{path}: an offered issue without repo and number")
            found.add((repo.lower(), number))
    return found


def without_offered(candidates: list[Candidate], offered: set[tuple[str, int]]) -> tuple[list[Candidate], int]:
    """The candidates not offered to anyone, and how many were left out."""
    kept = [c for c in candidates if (c.issue.repo.lower(), c.issue.number) not in offered]
    return kept, len(candidates) - len(kept)
