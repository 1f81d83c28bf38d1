"""PyGithub's requester, tuned never to hang, and its failures told in one line.

This is the only module that imports PyGithub, requests and urllib3 (about 0.2 s together).
``GitHubClient`` loads it with its first request, so a run the cache answers never pays for them.
"""

from __future__ import annotations

import http.client
import json
import logging
import math
from typing import Any

import github
import requests
import urllib3
from github.GithubRetry import GithubRetry

from ossmatch import __version__
from ossmatch.errors import GitHubError, RateLimitError, UnreachableError
from ossmatch.github.refusals import as_int, redirected, status_error
from ossmatch.github.settings import GitHubSettings

#: The REST API version we were written against (GitHub asks clients to send it).
API_VERSION = "2022-11-28"
#: Who we are, in every request (GitHub asks for a meaningful User-Agent).
USER_AGENT = f"ossmatch/{__version__}"
#: Loggers of the libraries under us: their lines are not for our users' stderr.
LIBRARY_LOGGERS = ("github", "urllib3")
#: Seconds between retries grow as 0.5, 1, 2... (urllib3's backoff): a blip passes, a real outage
#: is reported within the retry budget.
BACKOFF_FACTOR = 0.5
#: GitHub's own advice: after a secondary rate limit without ``Retry-After``, wait at least a minute.
SECONDARY_RATE_WAIT = 60
#: Items per page for REST lists: GitHub's maximum, so a list takes the fewest requests.
PER_PAGE = 100


class RetryAfterTooLong(Exception):
    """GitHub asked us to wait longer than ``OSSMATCH_MAX_WAIT``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class CappedRetry(GithubRetry):
    """PyGithub's retry with bounded waits; a ``Retry-After`` beyond the cap fails at once."""

    def __init__(self, *, retry_after_cap: float = 60.0, seen: dict[str, Any] | None = None, **kwargs: Any) -> None:
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


def capped_retry(settings: GitHubSettings) -> CappedRetry:
    return CappedRetry(
        total=settings.retries,
        backoff_factor=BACKOFF_FACTOR,
        max_rate_limit_wait=settings.max_wait,
        secondary_rate_wait=min(SECONDARY_RATE_WAIT, settings.max_wait),
        retry_after_cap=settings.max_wait,
    )


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


class Transport:
    """One PyGithub connection pool; ``send`` returns GitHub's answer or raises an ossmatch error."""

    def __init__(self, settings: GitHubSettings) -> None:
        silence_library_logs()
        self.settings = settings
        self.retry = capped_retry(settings)
        auth = github.Auth.Token(settings.token.reveal()) if settings.token else None
        self._gh = github.Github(
            auth=auth,
            base_url=settings.api_url,
            timeout=int(settings.timeout),
            retry=self.retry,
            per_page=PER_PAGE,
            lazy=True,
            seconds_between_requests=None,
            seconds_between_writes=None,
            user_agent=USER_AGENT,
        )

    def send(self, verb: str, url: str, *, params: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None, body: Any = None) -> tuple[int, dict[str, Any], str]:
        settings = self.settings
        host = settings.host
        sent = {"X-GitHub-Api-Version": API_VERSION, **(headers or {})}
        try:
            status, response_headers, text = self._gh.requester.requestJson(
                verb, url, parameters=params, headers=sent, input=body
            )
        except RetryAfterTooLong as error:
            raise RateLimitError(
                f"GitHub's secondary rate limit asks to wait {error.seconds:.0f}s, more than "
                f"OSSMATCH_MAX_WAIT ({settings.max_wait}s); try again later"
            ) from None
        except github.RateLimitExceededExceedsMaxWait as error:
            # rounded up: 60.4s said as "60s" read as "60s, more than ... (60s)"
            raise RateLimitError(
                f"GitHub's rate limit is used up and resets in {math.ceil(error.wait or 0)}s, more than "
                f"OSSMATCH_MAX_WAIT ({settings.max_wait}s); try again later"
            ) from None
        except github.GithubException as error:
            lowered = {str(k).lower(): v for k, v in (error.headers or {}).items()}
            raise status_error(settings, error.status, lowered, json.dumps(error.data), url) from None
        except requests.exceptions.ConnectionError as error:
            if _not_http(error):
                raise UnreachableError(
                    f"{host} answered, but not in HTTP: check that GITHUB_API_URL is the address of GitHub's API"
                ) from None
            if not _timed_out(error):
                raise UnreachableError(f"cannot reach {host}: check your network and GITHUB_API_URL") from None
            raise self._too_slow() from None
        except requests.exceptions.Timeout:
            raise self._too_slow() from None
        except requests.exceptions.RetryError:
            raise self._retries_exhausted() from None
        except requests.exceptions.RequestException as error:
            raise UnreachableError(f"request to {host} failed: {type(error).__name__}") from None
        except RuntimeError as error:
            if "redirected" not in str(error):
                raise
            raise redirected(settings, str(error)) from None
        return status, response_headers, text

    def _too_slow(self) -> UnreachableError:
        return UnreachableError(
            f"{self.settings.host} did not answer within {self.settings.timeout}s "
            "(set OSSMATCH_TIMEOUT to wait longer)"
        )

    def _retries_exhausted(self) -> GitHubError:
        """Retries ran out: a rate limit that outlasted them is named as one, with when to retry."""
        seen = self.retry.seen
        if seen.get("status") in (403, 429):
            wait = as_int(seen.get("retry_after"))
            when = f"; try again in {wait} seconds or more" if wait else "; wait a few minutes before trying again"
            return RateLimitError(
                f"GitHub's secondary rate limit kept refusing requests after {self.settings.retries} retries{when}"
            )
        return GitHubError(f"{self.settings.host} kept failing with server errors; try again later")


def _timed_out(error: Exception) -> bool:
    """Whether a connection error was really a read timeout (after retries ran out)."""
    reason = getattr(error.args[0] if error.args else None, "reason", None)
    timeouts = (urllib3.exceptions.ReadTimeoutError, TimeoutError)
    return isinstance(reason, timeouts) or "timed out" in str(reason)


def _not_http(error: BaseException) -> bool:
    """Whether something answered, but not an HTTP server (an SSH port, say: ``BadStatusLine``)."""
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
