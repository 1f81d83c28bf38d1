"""The GitHub transport: PyGithub's requester, tuned never to hang, behind a small JSON API.

``GitHubClient.graphql`` and ``GitHubClient.rest`` are the only ways the rest of the fetch layer
talks to GitHub. They add caching (TTL for GraphQL, ETag for REST), count requests, read the
rate-limit headers and turn every failure into a one-line ``ossmatch.errors`` exception.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ossmatch import __version__
from ossmatch.errors import (
    AuthError,
    DeadlineExceeded,
    ForbiddenError,
    GitHubError,
    MalformedResponse,
    NotFoundError,
    OverResourceLimits,
    QueryTimeout,
    RateLimitError,
    UnreachableError,
    UsageProblem,
)
from ossmatch.github.cache import TTL, ResponseCache, cache_key, default_cache_dir
from ossmatch.github.fragments import SINCE_2026, legacy_query
from ossmatch.github.settings import GitHubSettings

if TYPE_CHECKING:
    import github
    from urllib3.util.retry import Retry

Warn = Callable[[str], None]

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
#: The REST API version we were written against (GitHub asks clients to send it).
API_VERSION = "2022-11-28"
#: Who we are, in every request (GitHub asks for a meaningful User-Agent).
USER_AGENT = f"ossmatch/{__version__}"
#: Loggers of the libraries under us: their lines are not for our users' stderr.
LIBRARY_LOGGERS = ("github", "urllib3")

_NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


class RetryAfterTooLong(Exception):
    """GitHub asked us to wait longer than we are willing to (``OSSMATCH_MAX_WAIT``)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Retry-After of {seconds:.0f}s")
        self.seconds = seconds


def capped_retry(settings: GitHubSettings) -> Retry:
    """PyGithub's retry with bounded waits; a ``Retry-After`` beyond the cap fails at once.

    PyGithub is imported here, not at module level: a run served from the cache never needs it.
    """
    from github.GithubRetry import GithubRetry

    class CappedRetry(GithubRetry):
        def __init__(
            self, *, retry_after_cap: float = 60.0, seen: dict[str, Any] | None = None, **kwargs: Any
        ) -> None:
            self.retry_after_cap = retry_after_cap
            #: Shared by every copy urllib3 makes: the last refusal, to explain exhausted retries.
            self.seen = {} if seen is None else seen
            super().__init__(**kwargs)

        def new(self, **kw: Any) -> CappedRetry:
            kw.setdefault("retry_after_cap", self.retry_after_cap)
            kw.setdefault("seen", self.seen)
            return super().new(**kw)

        def increment(self, method: Any = None, url: Any = None, response: Any = None, *args: Any,
                      **kwargs: Any) -> Any:
            if response is not None:
                self.seen["status"] = response.status
                self.seen["retry_after"] = response.headers.get("Retry-After")
            return super().increment(method, url, response, *args, **kwargs)

        def parse_retry_after(self, retry_after: str) -> float:
            seconds = float(super().parse_retry_after(retry_after))
            if seconds > self.retry_after_cap:
                raise RetryAfterTooLong(seconds)
            return seconds

    return CappedRetry(
        total=settings.retries,
        backoff_factor=0.5,
        max_rate_limit_wait=settings.max_wait,
        secondary_rate_wait=min(60, settings.max_wait),
        retry_after_cap=settings.max_wait,
    )


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


def _ignore(_message: str) -> None:
    return None


class _DeadlineHit(BaseException):
    """Raised by the alarm inside a blocking read; a BaseException so no library swallows it."""


@contextlib.contextmanager
def deadline_alarm(seconds: float) -> Iterator[None]:
    """Interrupt whatever blocks after ``seconds`` (SIGALRM, main thread only).

    A read timeout restarts with every byte, so a server trickling one byte every few seconds
    never trips it; the alarm bounds the whole request. Elsewhere, checks between requests remain.
    An alarm someone else set (a test runner's timeout, say) still fires at its own time.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()
    ours = started + max(seconds, 0.001)
    forwarded: list[bool] = []

    def ring(signum: int, frame: Any) -> None:
        if time.monotonic() >= ours - 0.001:
            raise _DeadlineHit()
        forwarded.append(True)  # the earlier alarm was someone else's: theirs to handle
        if callable(previous):
            previous(signum, frame)

    previous = signal.signal(signal.SIGALRM, ring)
    other, _ = signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    if other and other < seconds:
        signal.setitimer(signal.ITIMER_REAL, other)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if other and not forwarded:
                signal.setitimer(signal.ITIMER_REAL, max(other - (time.monotonic() - started), 0.001))


def silence_library_logs() -> None:
    """Keep PyGithub's and urllib3's log lines ("Request POST /graphql failed with 403") off stderr.

    Our own one-line messages say what matters; a NullHandler stops Python's last-resort handler.
    """
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):  # PyGithub adds a stderr StreamHandler on import
            if type(handler) is logging.StreamHandler:
                logger.removeHandler(handler)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


#: How long a host is remembered as predating them (a server upgrade is noticed within a week).
PRE_2026_MEMORY = 7 * 24 * 3600
_UNDEFINED_FIELD = re.compile(r"Field '(\w+)' doesn't exist on type '\w+'")


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


_SSO_ORG = re.compile(r"/orgs/([^/\s?]+)/sso")
_ALLOW_LIST_ORG = re.compile(r"the `([^`]+)` organization")


def forbidden_reason(message: str) -> str:
    """Why an organisation refused us, in words a user can act on."""
    if "SAML" in message:
        return "it enforces SAML single sign-on and this token is not authorized for it"
    if "IP allow list" in message:
        return "its IP allow list does not admit this machine"
    return "it refused this token"


def org_of_refusal(message: str, headers: dict[str, Any] | None = None) -> str | None:
    """The organisation a FORBIDDEN answer is about, when GitHub says (``X-GitHub-SSO`` or text)."""
    sso = _SSO_ORG.search(str((headers or {}).get("x-github-sso", "")))
    if sso:
        return sso.group(1)
    named = _ALLOW_LIST_ORG.search(message)
    return named.group(1) if named else None


class GitHubClient:
    """One client per thread: PyGithub connections must not be shared across threads."""

    def __init__(
        self,
        settings: GitHubSettings,
        cache: ResponseCache | None = None,
        *,
        refresh: bool = False,
        warn: Warn = _ignore,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.refresh = refresh
        self.warn = warn
        self.stats: Counter[str] = Counter()
        #: Requests left in each rate-limit resource ("core", "search"...), from the last answer.
        self.remaining: dict[str, int] = {}
        self._gh: github.Github | None = None
        self._retry: Any = None
        self._identity = settings.token.fingerprint() if settings.token else "anonymous"
        self._pre_2026: bool | None = None
        self._started = time.monotonic()

    @classmethod
    def open(
        cls, settings: GitHubSettings, *, use_cache: bool = True, refresh: bool = False,
        warn: Warn = _ignore,
    ) -> GitHubClient:
        cache = ResponseCache(default_cache_dir(), warn) if use_cache else None
        return cls(settings, cache, refresh=refresh, warn=warn)

    @property
    def has_token(self) -> bool:
        return self.settings.token is not None

    def __repr__(self) -> str:
        return f"GitHubClient(api_url={self.settings.api_url!r}, token={'set' if self.has_token else 'none'})"

    # -- transport ---------------------------------------------------------------------------

    def _requester(self) -> Any:
        if self._gh is None:
            import github

            silence_library_logs()
            s = self.settings
            retry = capped_retry(s)
            auth = github.Auth.Token(s.token.reveal()) if s.token else None
            self._gh = github.Github(
                auth=auth,
                base_url=s.api_url,
                timeout=int(s.timeout),
                retry=retry,
                per_page=100,
                lazy=True,
                seconds_between_requests=None,
                seconds_between_writes=None,
                user_agent=USER_AGENT,
            )
            self._retry = retry
        return self._gh.requester

    def _send(
        self, verb: str, url: str, *, params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None, body: Any = None,
    ) -> tuple[int, dict[str, Any], str]:
        """Send one request; transport failures become ossmatch errors."""
        import github
        import requests
        host = self.settings.host
        self.stats["http_requests"] += 1
        sent = {"X-GitHub-Api-Version": API_VERSION, **(headers or {})}
        left = self.settings.deadline - (time.monotonic() - self._started)
        if left <= 0:
            raise self._deadline_error()
        try:
            with deadline_alarm(left):
                status, response_headers, text = self._requester().requestJson(
                    verb, url, parameters=params, headers=sent, input=body
                )
        except _DeadlineHit:
            self._gh = None  # the interrupted connection is in an unknown state
            raise self._deadline_error() from None
        except RetryAfterTooLong as error:
            raise RateLimitError(
                f"GitHub's secondary rate limit asks to wait {error.seconds:.0f}s, more than "
                f"OSSMATCH_MAX_WAIT ({self.settings.max_wait}s); try again later"
            ) from None
        except github.RateLimitExceededExceedsMaxWait as error:
            # rounded up: 60.4s said as "60s" read as "60s, more than ... (60s)"
            raise RateLimitError(
                f"GitHub's rate limit is used up and resets in {math.ceil(error.wait or 0)}s, more than "
                f"OSSMATCH_MAX_WAIT ({self.settings.max_wait}s); try again later"
            ) from None
        except github.GithubException as error:
            lowered = {str(k).lower(): v for k, v in (error.headers or {}).items()}
            raise self._status_error(error.status, lowered, json.dumps(error.data), url) from None
        except requests.exceptions.ConnectionError as error:
            if _not_http(error):
                raise UnreachableError(
                    f"{host} answered, but not in HTTP: check that GITHUB_API_URL is the address of GitHub's API"
                ) from None
            if not _timed_out(error):
                message = f"cannot reach {host}: check your network and GITHUB_API_URL"
                raise UnreachableError(message) from None
            raise UnreachableError(
                f"{host} did not answer within {self.settings.timeout}s (set OSSMATCH_TIMEOUT to wait longer)"
            ) from None
        except requests.exceptions.Timeout:
            raise UnreachableError(
                f"{host} did not answer within {self.settings.timeout}s (set OSSMATCH_TIMEOUT to wait longer)"
            ) from None
        except requests.exceptions.RetryError:
            raise self._retries_exhausted() from None
        except requests.exceptions.RequestException as error:
            raise UnreachableError(f"request to {host} failed: {type(error).__name__}") from None
        except RuntimeError as error:
            if "redirected" not in str(error):
                raise
            raise self._redirected(str(error)) from None
        if status == 301:
            raise self._redirected(f"to {response_headers.get('location', '')}")
        if (resource := response_headers.get("x-ratelimit-resource")) and (left_now := _int(
                response_headers.get("x-ratelimit-remaining"))) is not None:
            self.remaining[str(resource)] = left_now  # quota left, as GitHub last said
        return status, response_headers, text

    def _deadline_error(self) -> DeadlineExceeded:
        return DeadlineExceeded(
            f"ran past the {self.settings.deadline}s time limit for talking to {self.settings.host} "
            "(OSSMATCH_DEADLINE)"
        )

    def _retries_exhausted(self) -> GitHubError:
        """Retries ran out: a rate limit that outlasted them is named as one, with when to retry."""
        seen = self._retry.seen if self._retry is not None else {}
        host = self.settings.host
        if seen.get("status") in (403, 429):
            wait = _int(seen.get("retry_after"))
            when = f"; try again in {wait} seconds or more" if wait else "; wait a few minutes before trying again"
            return RateLimitError(
                f"GitHub's secondary rate limit kept refusing requests after {self.settings.retries} retries{when}"
            )
        return GitHubError(f"{host} kept failing with server errors; try again later")

    def _redirected(self, detail: str) -> UsageProblem:
        """An http:// GITHUB_API_URL that GitHub redirects to https:// (PyGithub will not follow)."""
        api = self.settings.api_url
        if api.startswith("http://") and "https" in detail:
            return UsageProblem(f"GITHUB_API_URL redirects to https: set it to {'https://' + api[len('http://'):]}")
        return UsageProblem(f"GITHUB_API_URL ({api}) answers with a redirect; set it to the API's own URL")

    def _secret(self) -> str | None:
        return self.settings.token.reveal() if self.settings.token else None

    def _status_error(self, status: int, headers: dict[str, Any], text: str, url: str) -> GitHubError:
        message = scrub(_message_of(scrub(text, self._secret())), self._secret())
        if status == 401 and not self.has_token:
            return AuthError(
                f"{self.settings.host} requires authentication (401: {message or 'no message'}): "
                "set GITHUB_TOKEN or GH_TOKEN"
            )
        if status == 401:
            return AuthError(
                "GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN or GH_TOKEN"
            )
        if status == 403 and ("SAML" in message or "IP allow list" in message):
            org = org_of_refusal(message, headers)
            whose = f"the {org} organisation" if org else "an organisation"
            return ForbiddenError(
                f"{whose} refused access to {_path_of(url)}: {forbidden_reason(message)}", org=org
            )
        limited = headers.get("x-ratelimit-remaining") == "0" or "rate limit" in message.lower()
        if status in (403, 429) and limited:
            reset = _int(headers.get("x-ratelimit-reset"))
            when = datetime.fromtimestamp(reset, timezone.utc) if reset else None
            hint = "" if self.has_token else "; set GITHUB_TOKEN for 5,000 requests an hour instead of 60"
            at = f"; it resets at {when:%H:%M} UTC" if when else ""
            return RateLimitError(f"GitHub's rate limit is used up{at}{hint}", reset_at=when)
        if status == 404:
            return NotFoundError(f"not found on GitHub: {_path_of(url)}")
        if status == 410:
            return NotFoundError(f"deleted on GitHub: {_path_of(url)}")
        if status == 422:
            return GitHubError(f"GitHub refused the request ({status}): {message or 'validation failed'}")
        if status >= 500:
            return GitHubError(f"GitHub answered {status} for {_path_of(url)}; try again later")
        return GitHubError(f"GitHub answered {status} for {_path_of(url)}: {message or 'no message'}")

    def _decode(self, text: str, url: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            raise MalformedResponse(
                f"GitHub sent a malformed response for {_path_of(url)} (not valid JSON); try again"
            ) from None

    # -- GraphQL -------------------------------------------------------------------------------

    def graphql(
        self, query: str, variables: dict[str, Any], *, kind: str, fresh: bool = False
    ) -> GraphQLResult:
        """Run a query; NOT_FOUND/FORBIDDEN/RESOURCE_LIMITS_EXCEEDED come back beside partial data.

        ``fresh`` skips the cached answer (the reply is still stored for later runs).
        """
        if not self.has_token:
            raise AuthError("GitHub's GraphQL API needs a token: set GITHUB_TOKEN or GH_TOKEN")
        if self.pre_2026:
            query = legacy_query(query)
        key = cache_key(kind, self.settings.host, self._identity, {"q": query, "v": variables})
        if self.cache is not None and not self.refresh and not fresh:
            hit = self.cache.get(key)
            if isinstance(hit, dict):
                self.stats["cache_hits"] += 1
                return GraphQLResult(hit["data"], hit.get("errors", []), cached=True)
        url = self.settings.graphql_url
        status, headers, text = self._send(
            "POST", url, body={"query": query, "variables": variables}
        )
        if status >= 400:
            raise self._status_error(status, headers, text, url)
        payload = self._decode(text, url)
        if not isinstance(payload, dict):
            raise MalformedResponse("GitHub sent a malformed GraphQL response (not an object)")
        errors = payload.get("errors") or []
        data = payload.get("data")
        limited = [e for e in errors if e.get("type") in RATE_LIMIT_TYPES or e.get("code") == "graphql_rate_limit"]
        if limited and not (_answered(data) and all(e.get("path") for e in limited)):
            raise RateLimitError("GitHub's GraphQL rate limit is used up; try again later")
        if not isinstance(data, dict) and any(TIMEOUT_WORDS in str(e.get("message")) for e in errors):
            raise QueryTimeout("GitHub gave up on a query (it may have timed out); try again later")
        if not isinstance(data, dict) and errors and all(e.get("type") == "RESOURCE_LIMITS_EXCEEDED" for e in errors):
            # a part that cannot be null (a search) did not fit: nothing came back, a smaller query may
            raise OverResourceLimits("GitHub's GraphQL resource limits refused the whole query; try again later")
        fatal = [e for e in errors if e.get("type") not in PARTIAL_ERROR_TYPES and e not in limited]
        if fatal and not self.pre_2026 and predates_2026(query, fatal):
            self._remember_pre_2026()
            return self.graphql(query, variables, kind=kind, fresh=fresh)
        if fatal or not isinstance(data, dict):
            first = fatal[0] if fatal else (errors[0] if errors else {})
            said = scrub(" ".join(str(first.get("message", "no data returned")).split())[:200], self._secret())
            raise GitHubError(f"GitHub rejected the query: {said}")
        self.stats["graphql_requests"] += 1
        cost = (data.get("rateLimit") or {}).get("cost")
        if isinstance(cost, int):
            self.stats["graphql_cost"] += cost
        result = GraphQLResult(data, errors)
        if self.cache is not None and not result.failed() and not result.limited():  # a partial answer is not kept
            self.cache.set(key, {"data": data, "errors": errors}, TTL.get(kind, TTL["search"]))
        return result

    # -- servers that predate GitHub's 2025-26 fields ------------------------------------------

    @property
    def pre_2026(self) -> bool:
        """Whether this host lacks GitHub's 2025-26 fields (GitHub Enterprise Server), as this client
        learned, or an earlier run did (kept in the cache per host). Not a process-wide memory: another
        server may answer on the same host and port later (tests do)."""
        if self._pre_2026 is None:
            known = self.cache.get(self._era_key()) if self.cache is not None else None
            self._pre_2026 = known == "pre-2026"
        return self._pre_2026

    def _era_key(self) -> str:
        return cache_key("schema", self.settings.host, "any", "era")

    def _remember_pre_2026(self) -> None:
        """Ask without the newer fields from now on. Not a warning: nothing is wrong, the server
        is older, and what it cannot say stays unknown (logged for whoever debugs)."""
        self._pre_2026 = True
        self.stats["pre_2026_fallbacks"] += 1
        logging.getLogger("ossmatch").info(
            "%s predates GitHub's 2025-26 GraphQL fields; asking without them", self.settings.host)
        if self.cache is not None:
            self.cache.set(self._era_key(), "pre-2026", PRE_2026_MEMORY)

    # -- REST ----------------------------------------------------------------------------------

    def rest(self, path: str, params: dict[str, Any] | None = None, *, fresh: bool = False) -> Any:
        """GET a REST resource: a cached copy younger than its freshness (``rest_freshness``) is used
        without asking; an older one is revalidated by ETag (a 304 costs no quota with a token, but
        counts against the 60 an hour without one). ``fresh`` always asks GitHub."""
        body, _ = self._rest_get(path, params, fresh=fresh)
        return body

    def rest_pages(
        self, path: str, params: dict[str, Any] | None = None, *, max_pages: int = 10
    ) -> list[Any]:
        """GET every page of a list (or search) resource by following ``Link: rel="next"``."""
        return list(self.iter_rest_pages(path, params, max_pages=max_pages))

    def iter_rest_pages(
        self, path: str, params: dict[str, Any] | None = None, *, max_pages: int = 10
    ) -> Iterator[Any]:
        """``rest_pages`` one page at a time: a caller keeps the pages read before a failure."""
        url: str | None = path
        query = dict(params or {})
        query.setdefault("per_page", 100)
        pages = 0
        while url is not None and pages < max_pages:
            body, next_url = self._rest_get(url, query if url == path else None)
            pages += 1
            yield body
            url = next_url

    def _rest_get(self, url: str, params: dict[str, Any] | None, *, fresh: bool = False) -> tuple[Any, str | None]:
        key = cache_key("rest", self.settings.host, self._identity, {"u": url, "p": params})
        cached = self.cache.get(key) if self.cache is not None else None
        if (isinstance(cached, dict) and not (self.refresh or fresh)
                and 0 <= time.time() - cached.get("stored", float("-inf")) < rest_freshness(url)):
            self.stats["fresh_hits"] += 1
            return cached["body"], cached.get("next")
        headers = {}
        if isinstance(cached, dict) and cached.get("etag") and not self.refresh:
            headers["If-None-Match"] = cached["etag"]
        status, response_headers, text = self._send("GET", url, params=params, headers=headers)
        if status == 304 and isinstance(cached, dict):
            self.stats["not_modified"] += 1
            if self.cache is not None:  # confirmed current: fresh again from now
                self.cache.set(key, {**cached, "stored": time.time()}, TTL["rest"])
            return cached["body"], cached.get("next")
        if status >= 400:
            raise self._status_error(status, response_headers, text, url)
        body = self._decode(text, url)
        next_url = next_link(response_headers.get("link", ""))
        etag = response_headers.get("etag")
        if self.cache is not None and etag:
            self.cache.set(key, {"etag": etag, "body": body, "next": next_url, "stored": time.time()}, TTL["rest"])
        return body, next_url


def rest_freshness(url: str) -> int:
    """Seconds a REST answer is used without asking again: one issue's own page for as long as a
    GraphQL issue read (it is where a claim or an assignment shows first), everything else for as
    long as a search answer (the hour README promises)."""
    path = url.split("?", 1)[0]
    return TTL["issue"] if _ONE_ISSUE.search(path) else TTL["search"]


#: ``/repos/{owner}/{name}/issues/{number}`` and its comments: one issue's own state.
_ONE_ISSUE = re.compile(r"/repos/[^/]+/[^/]+/issues/[0-9]+(/comments)?/?$")


def _answered(data: Any) -> bool:
    """Whether a GraphQL answer holds anything besides ``rateLimit``."""
    return isinstance(data, dict) and any(v is not None for k, v in data.items() if k != "rateLimit")


def next_link(header: str) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header, if any."""
    match = _NEXT_LINK.search(header or "")
    return match.group(1) if match else None


def _timed_out(error: Exception) -> bool:
    """Whether a connection error was really a read timeout (after retries ran out)."""
    import urllib3

    reason = getattr(error.args[0] if error.args else None, "reason", None)
    timeouts = (urllib3.exceptions.ReadTimeoutError, TimeoutError)
    return isinstance(reason, timeouts) or "timed out" in str(reason)


def _not_http(error: BaseException) -> bool:
    """Whether something answered, but not an HTTP server (an SSH port, say: ``BadStatusLine``)."""
    import http.client

    seen: set[int] = set()
    pending: list[Any] = [error]
    while pending:
        item = pending.pop()
        if id(item) in seen or not isinstance(item, BaseException):
            continue
        seen.add(id(item))
        if isinstance(item, http.client.HTTPException) and not isinstance(item, http.client.RemoteDisconnected):
            return True
        pending.extend([*item.args, getattr(item, "reason", None), item.__cause__, item.__context__])
    return False


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


#: Shapes of GitHub tokens (classic, OAuth, user-to-server, server-to-server, refresh, fine-grained).
_TOKEN_SHAPES = re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})")
_AUTH_VALUE = re.compile(r"(?i)\b(authorization\W{0,3})((?:bearer|token|basic)\s+)?[^\s,;\"']+")


def scrub(text: str, secret: str | None = None) -> str:
    """A server's words with any token or ``Authorization`` value replaced by ``***``.

    GitHub (or a proxy in front of it) may quote what we sent; none of it may reach the terminal.
    """
    if secret:
        text = text.replace(secret, "***")
    text = _TOKEN_SHAPES.sub("***", text)
    return _AUTH_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}***", text)


def _message_of(text: str) -> str:
    try:
        payload = json.loads(text)
    except (ValueError, TypeError):
        return ""
    if isinstance(payload, dict):
        return " ".join(str(payload.get("message", "")).split())[:200]
    return ""


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path or url
