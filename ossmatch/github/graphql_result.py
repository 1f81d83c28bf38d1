"""GitHub's GraphQL answer: the data, and the errors beside it that leave the rest usable (a missing
alias, a refused organisation, a part over GitHub's resource limits or stopped by its rate limit)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ossmatch.errors import OverResourceLimits, QueryTimeout, RateLimitError
from ossmatch.github.fragments import SINCE_2026

#: GraphQL error types that leave the rest of the answer usable (one alias missing, say).
#: RESOURCE_LIMITS_EXCEEDED: GitHub changelog 2025-09-01 "GraphQL API resource limits" (partial
#: results, one error per part that did not fit).
PARTIAL_ERROR_TYPES = frozenset({"NOT_FOUND", "FORBIDDEN", "RESOURCE_LIMITS_EXCEEDED"})
#: Repository settings read in passing whose refusal leaves the rest of the answer whole: GitHub's
#: schema does not say who may read an interaction limit.
OPTIONAL_SETTINGS = frozenset({"interactionAbility"})
#: GraphQL rate-limit errors: ``RATE_LIMITED`` (older) and ``RATE_LIMIT`` with code
#: ``graphql_rate_limit`` (seen since early 2026, yanyongyu/githubkit#271).
RATE_LIMIT_TYPES = frozenset({"RATE_LIMITED", "RATE_LIMIT"})
#: The untyped error GitHub sends when a query runs out of time.
TIMEOUT_WORDS = "This may be the result of a timeout"
_UNDEFINED_FIELD = re.compile(r"Field '(\w+)' doesn't exist on type '\w+'")


@dataclass(frozen=True)
class GraphQLResult:
    data: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)
    cached: bool = False

    def missing(self) -> set[str]:
        """Aliases GitHub answered NOT_FOUND for (the first element of each error's path)."""
        return {
            str(err["path"][0])
            for err in self.errors
            if err.get("type") == "NOT_FOUND" and err.get("path")
        }


    def failed(self) -> set[str]:
        """Aliases that did not fit GitHub's resource limits (worth asking again, fewer at once)."""
        return {
            str(err["path"][0])
            for err in self.errors
            if err.get("type") == "RESOURCE_LIMITS_EXCEEDED" and err.get("path")
        }

    def limited(self) -> set[str]:
        """Aliases a rate limit stopped part-way: the rest of the answer is still good."""
        return {
            str(err["path"][0])
            for err in self.errors
            if (err.get("type") in RATE_LIMIT_TYPES or err.get("code") == "graphql_rate_limit") and err.get("path")
        }

    def refuse_if_over_limits(self, fields: list[str], what: str) -> None:
        """Raise ``OverResourceLimits`` when every one of ``fields`` came back null for GitHub's
        resource limits: an empty answer then means "too big", not "nothing" or "not found"."""
        failed = self.failed()
        if fields and all(self.data.get(name) is None and name in failed for name in fields):
            raise OverResourceLimits(f"GitHub's GraphQL resource limits refused to read {what}; try again later")

    def forbidden(self) -> list[dict[str, Any]]:
        """FORBIDDEN errors: an organisation's SAML enforcement or IP allow list refused us. A refused
        optional setting (an interaction limit only admins may read) is no refusal of the repository."""
        return [err for err in self.errors if err.get("type") == "FORBIDDEN"
                and not set(map(str, err.get("path") or ())) & OPTIONAL_SETTINGS]


def fatal_errors(data: Any, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors that leave no usable answer; raises for a rate limit, a timeout or GitHub's resource
    limits when nothing usable came back (each has its own message and handling)."""
    limited = [e for e in errors if e.get("type") in RATE_LIMIT_TYPES or e.get("code") == "graphql_rate_limit"]
    if limited and not (_answered(data) and all(e.get("path") for e in limited)):
        raise RateLimitError("GitHub's GraphQL rate limit is used up; try again later")
    if not isinstance(data, dict) and any(TIMEOUT_WORDS in str(e.get("message")) for e in errors):
        raise QueryTimeout("GitHub gave up on a query (it may have timed out); try again later")
    if not isinstance(data, dict) and errors and all(e.get("type") == "RESOURCE_LIMITS_EXCEEDED" for e in errors):
        # a part that cannot be null (a search) did not fit: nothing came back, a smaller query may
        raise OverResourceLimits("GitHub's GraphQL resource limits refused the whole query; try again later")
    return [e for e in errors if e.get("type") not in PARTIAL_ERROR_TYPES and e not in limited]


def _answered(data: Any) -> bool:
    """Whether a GraphQL answer holds anything besides ``rateLimit``."""
    return isinstance(data, dict) and any(v is not None for k, v in data.items() if k != "rateLimit")


def predates_2026(query: str, errors: list[dict[str, Any]]) -> bool:
    """Every error is GitHub's "Field 'x' doesn't exist on type 'y'" for a field the query asks
    for on a line marked as new in 2025-26: the server is older, not the query wrong."""
    marked = [line for line in query.splitlines() if SINCE_2026 in line]
    if not marked:
        return False
    for err in errors:
        found = _UNDEFINED_FIELD.search(str(err.get("message", "")))
        if found is None or not any(re.search(rf"\b{found.group(1)}\b", line) for line in marked):
            return False
    return True
