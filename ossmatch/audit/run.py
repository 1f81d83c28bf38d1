"""Audit repositories end to end: fetch each snapshot, evaluate it, keep going past failures.

``audit_repository`` is the one-call entry for other parts of ossmatch (the project site's grades
and top fixes); ``audit_repositories`` is what ``ossmatch audit`` runs. With a token the snapshot
comes from one GraphQL query; without one, from REST list endpoints, and each result's ``limits``
says what a token would add.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ossmatch.audit.evaluate import AuditResult, evaluate
from ossmatch.audit.unfinished import Unfinished
from ossmatch.errors import AuthError, GitHubError, RateLimitError, UnreachableError
from ossmatch.github.sources import open_source

if TYPE_CHECKING:
    from ossmatch.github.client import GitHubClient

#: Errors after which no further repository can succeed in this run: stop and report the rest.
STOPPERS = (RateLimitError, AuthError, UnreachableError)
#: Said once when auditing without a token.
TOKENLESS_NOTE = "no GitHub token: auditing through REST (60 requests an hour, about 17 per repository)"


def audit_repository(client: GitHubClient, name: str, now: datetime) -> AuditResult:
    """One repository's evaluation: score, grade, findings with evidence, fixes by impact."""
    source = open_source(client)
    return evaluate(source.snapshot(name, now), now, limits=source.limits)


def audit_repositories(client: GitHubClient, names: list[str], now: datetime,
                       progress: Callable[[str], None] = lambda _m: None
                       ) -> tuple[list[AuditResult], list[Unfinished]]:
    """Audit ``names`` in turn; one repository's failure is reported, not fatal.

    When the quota runs out (or the token or network fails) the rest are listed as unfinished, with
    when to resume, and what was finished is kept. A single repository's failure is raised.
    """
    source = open_source(client)
    results: list[AuditResult] = []
    unfinished: list[Unfinished] = []
    resets: datetime | None = None
    for index, name in enumerate(names, 1):
        progress(f"{name} ({index}/{len(names)})")
        try:
            snapshot = source.snapshot(name, now)
            resets = snapshot.quota_resets_at or resets
            results.append(evaluate(snapshot, now, limits=source.limits))
        except STOPPERS as error:
            if len(names) == 1:
                raise
            resume = (error.reset_at or resets) if isinstance(error, RateLimitError) else None
            unfinished.append(Unfinished(name, error.message, resume))
            unfinished.extend(Unfinished(rest, "not started: " + error.message, resume)
                              for rest in names[index:])
            break
        except GitHubError as error:
            if len(names) == 1:
                raise
            unfinished.append(Unfinished(name, error.message))
    return results, unfinished
