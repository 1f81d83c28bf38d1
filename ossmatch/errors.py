"""Domain errors, each carrying a one-line message meant for the user.

    OssmatchError                 base: the CLI prints ``message`` and exits 1
    +-- UsageProblem              bad input from the user (exit 2)
    +-- GitHubError               anything that went wrong talking to GitHub
    |   +-- AuthError             401: bad or missing token
    |   +-- RateLimitError        quota exhausted; carries the reset time
    |   |   +-- DeadlineExceeded  the run's own time budget (OSSMATCH_DEADLINE) ran out
    |   +-- NotFoundError         repository or user does not exist
    |   +-- UnreachableError      connection refused, DNS failure, timeout
    |   +-- MalformedResponse     the body was not what GitHub sends
    |   +-- ForbiddenError        an organisation refuses the token (SAML SSO, IP allow list)
    |   +-- QueryTimeout          GitHub gave up on a GraphQL query ("may be the result of a timeout")
    |   |   +-- OverResourceLimits  nothing of a query fit GitHub's GraphQL resource limits
    |   +-- NotAPerson            the token belongs to an app or bot, so "you" means nobody
    +-- MailError                 SMTP failures
"""

from __future__ import annotations

from datetime import datetime


class OssmatchError(Exception):
    """Base of every error the CLI turns into a one-line message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageProblem(OssmatchError):
    exit_code = 2


class GitHubError(OssmatchError):
    pass


class AuthError(GitHubError):
    pass


class RateLimitError(GitHubError):
    def __init__(self, message: str, reset_at: datetime | None = None) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class DeadlineExceeded(RateLimitError):
    """A budget ran out, like a quota: callers keep what was finished, as for a rate limit."""


class NotFoundError(GitHubError):
    pass


class UnreachableError(GitHubError):
    pass


class MalformedResponse(GitHubError):
    pass


class ForbiddenError(GitHubError):
    def __init__(self, message: str, org: str | None = None) -> None:
        super().__init__(message)
        self.org = org


class QueryTimeout(GitHubError):
    pass


class OverResourceLimits(QueryTimeout):
    """Nothing of a query fit (every field null with RESOURCE_LIMITS_EXCEEDED): like a timeout, worth
    asking again for less; never to be read as "nothing found" or "not found"."""


class NotAPerson(GitHubError):
    pass


class MailError(OssmatchError):
    """``maybe_delivered``: the connection failed after the message started, so it may have arrived."""

    def __init__(self, message: str, *, maybe_delivered: bool = False) -> None:
        super().__init__(message)
        self.maybe_delivered = maybe_delivered
