"""Many people's histories in one GraphQL document: aliased ``user(login:)`` fields.

A cohort needs everybody's last year (the same fragment ``suggest --me`` reads), but one request
per person would make the request count grow with the roster. Here ``HISTORY_BATCH_SIZE`` people
share a request; GitHub still charges the points per person (each history is about 500 of
GitHub's "requests", so 5 points), so points grow with people and requests do not, nearly.

An unknown login comes back as a null alias with a NOT_FOUND error: it is named and the rest go
on. A batch GitHub's resource limits or its timeout refuse is asked again in halves, down to one
person, who is then read without a history. A rate limit that stops part of a batch stops the
reading there, as one that refuses a whole batch does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ossmatch.errors import GitHubError, QueryTimeout, RateLimitError
from ossmatch.github.client import GitHubClient
from ossmatch.github.graphql_result import GraphQLResult
from ossmatch.github.history import HISTORY_FIELDS, HISTORY_WINDOW, history_from_graphql
from ossmatch.models import ContributorHistory

#: People per document. Each history asks for up to about 5,400 nodes (100 pull requests with
#: their labels, files, reviews, comments and last commit; 100 issues; 100 comments), so 20 stay
#: near 110,000, far below GitHub's 500,000-node limit, and at about 100 points per request, small
#: enough that a refusal by GitHub's resource limits or its 10-second timeout costs little to retry
#: in halves.
HISTORY_BATCH_SIZE = 20

#: GraphQL points one history costs (GitHub's formula: its connections need 503 "requests", and
#: 100 requests are a point, rounded per document; measured on the fake, whose pricing is GitHub's).
HISTORY_POINTS = 5
#: What rounding may add to a batch of ``HISTORY_BATCH_SIZE`` (20 histories cost 101 points).
ROUNDING = 1


#: What the token has left, asked first when nothing has said so yet (1 point): the first batch
#: must not eat into points the caller keeps for other requests.
RATE_LIMIT = "query RateLimit {\n  rateLimit { cost remaining resetAt limit }\n}\n"


def histories_query(count: int) -> str:
    """An aliased query for ``count`` users' histories (``u0``, ``u1``...); logins travel as variables."""
    params = ", ".join(f"$l{i}: String!" for i in range(count))
    fields = "\n".join(f"  u{i}: user(login: $l{i}) {{ ...ContributorHistory }}" for i in range(count))
    return (f"query UserHistories({params}) {{\n  rateLimit {{ cost remaining resetAt limit }}\n{fields}\n}}\n"
            + HISTORY_FIELDS)



@dataclass
class Histories:
    """What was read, by the login as the caller spelt it."""

    found: dict[str, ContributorHistory] = field(default_factory=dict)
    #: GitHub has no such user.
    unknown: set[str] = field(default_factory=set)
    #: Could not be read (login -> GitHub's words); these people go on without a history.
    failed: dict[str, str] = field(default_factory=dict)
    #: Why reading stopped early (a rate limit, or the points kept for other requests), if it did.
    stopped: str | None = None
    requests: int = 0


def read_histories(client: GitHubClient, logins: list[str], *, now: datetime, keep: int = 0,
                   progress: Callable[[int], None] = lambda _n: None) -> Histories:
    """The histories of ``logins`` in batches, never spending the last ``keep`` GraphQL points.

    Logins not read because the points ran low are in none of the result's sets: ``stopped`` says why.
    ``progress`` hears how many people were read so far, after each request."""
    out = Histories()
    since = now - HISTORY_WINDOW
    todo = list(dict.fromkeys(logins))
    done = 0
    if todo and keep and client.remaining.get("graphql") is None:
        try:
            out.requests += 1
            client.graphql(RATE_LIMIT, {}, kind="user", fresh=True)
        except GitHubError:
            pass  # the first batch learns it instead
    while todo and out.stopped is None:
        left = client.remaining.get("graphql")
        size = HISTORY_BATCH_SIZE
        if left is not None:
            size = min(size, (left - keep - ROUNDING) // HISTORY_POINTS)
            if size < 1:
                out.stopped = f"{left} GraphQL points left, kept for the shared search"
                break
        batch, todo = todo[:size], todo[size:]
        _read(client, batch, since, out, retried=False)
        done += len(batch)
        progress(done)
    return out


def _read(client: GitHubClient, batch: list[str], since: datetime, out: Histories, *, retried: bool) -> None:
    variables = {f"l{i}": login for i, login in enumerate(batch)}
    try:
        out.requests += 1
        result = client.graphql(histories_query(len(batch)), variables, kind="user")
    except RateLimitError as error:
        out.stopped = error.message
        return
    except QueryTimeout as error:
        if retried or len(batch) == 1:
            out.failed.update(dict.fromkeys(batch, error.message))
            return
        _halves(client, batch, since, out)
        return
    except GitHubError as error:
        out.failed.update(dict.fromkeys(batch, error.message))
        return
    missing, over, limited = result.missing(), result.failed(), result.limited()
    retry: list[str] = []
    for i, login in enumerate(batch):
        alias = f"u{i}"
        user = result.data.get(alias)
        if user:
            out.found[login] = history_from_graphql(user, since)
        elif alias in missing:
            out.unknown.add(login)
        elif alias in limited:  # not read, like the people after it: in none of the sets
            out.stopped = "GitHub's GraphQL rate limit stopped part of a request"
        elif alias in over and len(batch) > 1:
            retry.append(login)
        elif alias in over:
            out.failed[login] = "GitHub's GraphQL resource limits refused to read the history this time"
        else:
            out.failed[login] = _why_null(result, alias)
    if retry:
        _halves(client, retry, since, out)


def _why_null(result: GraphQLResult, alias: str) -> str:
    """GitHub's words for an alias it left null (a refusal, say), or that it sent nothing."""
    words = [str(e.get("message")) for e in result.errors if (e.get("path") or [None])[0] == alias and e.get("message")]
    return "; ".join(words) or "GitHub sent no history for this person"


def _halves(client: GitHubClient, batch: list[str], since: datetime, out: Histories) -> None:
    middle = max(1, len(batch) // 2)
    for part in (batch[:middle], batch[middle:]):
        if part and out.stopped is None:
            _read(client, part, since, out, retried=True)
