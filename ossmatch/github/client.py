"""The GitHub client: a small JSON API over the transport (``transport.py``, PyGithub's requester,
loaded with the first request).

``GitHubClient.graphql`` and ``GitHubClient.rest`` are the only ways the rest of the fetch layer
talks to GitHub. They add caching (TTL for GraphQL, ETag for REST), count requests, bound each
request by the run's deadline, read the rate-limit headers and turn every failure into a one-line
``ossmatch.errors`` exception.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ossmatch.errors import (
    AuthError,
    DeadlineExceeded,
    GitHubError,
    MalformedResponse,
)
from ossmatch.github.cache import TTL, ResponseCache, cache_key, default_cache_dir
from ossmatch.github.deadline import DeadlineHit, deadline_alarm
from ossmatch.github.fragments import legacy_query
from ossmatch.github.graphql_result import GraphQLResult, fatal_errors, predates_2026
from ossmatch.github.refusals import as_int, path_of, redirected, scrub, status_error
from ossmatch.github.settings import GitHubSettings

if TYPE_CHECKING:
    from ossmatch.github.transport import Transport

Warn = Callable[[str], None]

_NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


def _ignore(_message: str) -> None:
    return None


#: How long a host is remembered as predating them (a server upgrade is noticed within a week).
PRE_2026_MEMORY = 7 * 24 * 3600



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
        self._transport: Transport | None = None
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

    def _send(
        self, verb: str, url: str, *, params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None, body: Any = None,
    ) -> tuple[int, dict[str, Any], str]:
        """Send one request, bounded by what is left of the deadline; failures become ossmatch errors."""
        self.stats["http_requests"] += 1
        left = self.settings.deadline - (time.monotonic() - self._started)
        if left <= 0:
            raise self._deadline_error()
        if self._transport is None:
            # The one deferred import outside the CLI: PyGithub, requests and urllib3 take about
            # 0.2 s to load, which a run the cache answers never needs.
            from ossmatch.github.transport import Transport

            self._transport = Transport(self.settings)
        try:
            with deadline_alarm(left):
                status, response_headers, text = self._transport.send(
                    verb, url, params=params, headers=headers, body=body
                )
        except DeadlineHit:
            self._transport = None  # the interrupted connection is in an unknown state
            raise self._deadline_error() from None
        if status == 301:
            raise redirected(self.settings, f"to {response_headers.get('location', '')}")
        if (resource := response_headers.get("x-ratelimit-resource")) and (left_now := as_int(
                response_headers.get("x-ratelimit-remaining"))) is not None:
            self.remaining[str(resource)] = left_now  # quota left, as GitHub last said
        return status, response_headers, text

    def _deadline_error(self) -> DeadlineExceeded:
        return DeadlineExceeded(
            f"ran past the {self.settings.deadline}s time limit for talking to {self.settings.host} "
            "(OSSMATCH_DEADLINE)"
        )

    def _secret(self) -> str | None:
        return self.settings.token.reveal() if self.settings.token else None

    def _status_error(self, status: int, headers: dict[str, Any], text: str, url: str) -> GitHubError:
        return status_error(self.settings, status, headers, text, url)

    def _decode(self, text: str, url: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            raise MalformedResponse(
                f"GitHub sent a malformed response for {path_of(url)} (not valid JSON); try again"
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
        fatal = fatal_errors(data, errors)
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


def next_link(header: str) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header, if any."""
    match = _NEXT_LINK.search(header or "")
    return match.group(1) if match else None


