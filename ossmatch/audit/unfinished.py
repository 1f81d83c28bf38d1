"""Repositories an audit run did not finish, and why: reported beside the finished ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Unfinished:
    """A repository left out: its failure, or the quota that ran out first, and when to resume."""

    repo: str
    reason: str
    resume_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"repo": self.repo, "reason": self.reason,
                "resume_at": self.resume_at.isoformat() if self.resume_at else None}

    def describe(self) -> str:
        when = f"; resume after {self.resume_at:%Y-%m-%d %H:%M} UTC" if self.resume_at else ""
        return f"{self.repo}: {self.reason}{when}"
