"""Where GitHub is and who we are: API URLs, the token, and the limits that keep us from hanging."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ossmatch.errors import UsageProblem

DEFAULT_API_URL = "https://api.github.com"
#: A run's whole time with GitHub: generous for a cold suggest (seconds) or an org audit, yet a
#: server trickling a byte at a time cannot hold a scheduled job for hours.
DEFAULT_DEADLINE = 300


class Secret:
    """A string that never shows itself in reprs, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def fingerprint(self) -> str:
        """A short one-way hash: lets cache keys tell tokens apart without holding them."""
        return hashlib.sha256(b"ossmatch-token:" + self._value.encode()).hexdigest()[:16]

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


def has_userinfo(url: str) -> bool:
    """Whether a URL carries ``user:password@`` (or a token as the user name) before its host."""
    authority = url.partition("://")[2].split("/", 1)[0] if "://" in url else ""
    return "@" in authority


def graphql_url_for(api_url: str) -> str:
    """GitHub's GraphQL endpoint for a REST base URL (github.com, Enterprise ``/api/v3``, other)."""
    base = api_url.rstrip("/")
    if base == DEFAULT_API_URL:
        return f"{DEFAULT_API_URL}/graphql"
    parts = urlsplit(base)
    if parts.path.endswith("/api/v3"):
        path = parts.path[: -len("/api/v3")] + "/api/graphql"
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return f"{base}/graphql"


def token_from_gh_cli(timeout: float = 5.0) -> str | None:
    """Ask the GitHub CLI for its token, if it is installed and logged in."""
    gh = shutil.which("gh")
    if gh is None:
        return None
    try:
        done = subprocess.run(
            [gh, "auth", "token"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    token = done.stdout.strip()
    return token if done.returncode == 0 and token else None


#: Longest URL echoed back in a message: enough to recognise it, not a screenful.
SHOWN_URL_CHARS = 80


def checked_url(name: str, url: str) -> SplitResult:
    """An http(s) URL split into parts, or a one-line ``UsageProblem`` naming what is wrong with it.

    ``urlsplit`` accepts a bad port or a malformed IPv6 host and only fails later, deep inside the
    request; asking for ``.port`` here finds both before anything is sent.
    """
    shown = url if len(url) <= SHOWN_URL_CHARS else url[: SHOWN_URL_CHARS - 3] + "..."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for "abc" or 99999
    except ValueError as error:
        reason = "its port is not a number from 1 to 65535" if "ort" in str(error) else "its host is malformed"
        raise UsageProblem(f"{name} is not a valid URL ({reason}): {shown!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageProblem(f"{name} must be an http(s) URL, not {shown!r}")
    return parts


def check_token(token: Secret) -> None:
    """A token must travel in an HTTP header: printable ASCII only, never echoed back.

    A zero-width space or a smart quote pasted from a web page, or a newline from a file read
    whole, would otherwise fail deep in the HTTP library with a confusing error.
    """
    value = token.reveal()
    bad = next((c for c in value if not (" " < c < "\x7f")), None)
    if bad is None:
        return
    what = "a line break" if bad in "\r\n" else "a space" if bad.isspace() else f"the character U+{ord(bad):04X}"
    raise UsageProblem(
        f"the GitHub token contains {what}, which an HTTP header cannot carry: set GITHUB_TOKEN or GH_TOKEN "
        "to the token alone (retype it or copy it again from GitHub)"
    )


def web_hosts(api_url: str) -> frozenset[str]:
    """The hosts whose issue and repository URLs belong to the GitHub at ``api_url``.

    ``api.github.com`` serves github.com; GitHub Enterprise Cloud with data residency serves
    ``SUBDOMAIN.ghe.com`` from ``api.SUBDOMAIN.ghe.com``; Enterprise Server serves both from one host.
    """
    try:
        host = (urlsplit(api_url.strip() or DEFAULT_API_URL).hostname or "").lower()
    except ValueError:  # a malformed URL is reported where the settings are read
        host = ""
    if host == "api.github.com":
        return frozenset({"github.com", "www.github.com"})
    if host.startswith("api."):
        return frozenset({host.removeprefix("api."), host})
    return frozenset({host})



def github_web_hosts() -> frozenset[str]:
    """Hosts an issue URL may name: those of the GitHub that ``GITHUB_API_URL`` points at."""
    return web_hosts(os.environ.get("GITHUB_API_URL", ""))


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise UsageProblem(f"{name} must be a positive whole number of seconds, not {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class GitHubSettings:
    """How to reach GitHub. ``timeout`` is an int because PyGithub needs one."""

    api_url: str = DEFAULT_API_URL
    token: Secret | None = field(default=None, repr=False)
    graphql_url: str = ""
    #: Seconds to wait for one answer: GitHub answers in about a second, a heavy GraphQL search in
    #: several; beyond this a connection is more likely stuck than slow.
    timeout: int = 15
    #: Longest pause a Retry-After or rate-limit reset may impose before a request is retried; a
    #: longer wait ends the run with the reset time instead (interactive use should not hang).
    max_wait: int = 60
    #: Retries of a failed request (5xx, timeouts): twice more rides out a hiccup without tripling
    #: the requests of a run against an outage.
    retries: int = 2
    #: Seconds a whole run may spend talking to GitHub, however slowly a server trickles bytes.
    deadline: int = DEFAULT_DEADLINE

    def __post_init__(self) -> None:
        if isinstance(self.token, str):  # convenience for tests and callers
            object.__setattr__(self, "token", Secret(self.token) if self.token else None)
        api = self.api_url.rstrip("/")
        for name, url in (("GITHUB_API_URL", api), ("GITHUB_GRAPHQL_URL", self.graphql_url)):
            if has_userinfo(url):  # never echo the URL: it holds a secret
                raise UsageProblem(
                    f"{name} must not contain a user name or password; put the token in GITHUB_TOKEN instead"
                )
        if self.token is not None:
            check_token(self.token)
        parts = checked_url("GITHUB_API_URL", api)
        object.__setattr__(self, "api_url", api)
        if not self.graphql_url:
            object.__setattr__(self, "graphql_url", graphql_url_for(api))
        graphql = checked_url("GITHUB_GRAPHQL_URL", self.graphql_url)
        # PyGithub sends every request to the API host, keeping only the path of an absolute URL,
        # so a GraphQL URL elsewhere would silently go to the wrong place.
        if (graphql.scheme, graphql.netloc) != (parts.scheme, parts.netloc):
            raise UsageProblem(
                f"GITHUB_GRAPHQL_URL must be on the same host as GITHUB_API_URL ({parts.scheme}://{parts.netloc})"
            )

    @property
    def host(self) -> str:
        """``host[:port]`` of the API, never with userinfo (it goes into cache keys and messages)."""
        return urlsplit(self.api_url).netloc.rpartition("@")[2]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, ask_gh: bool = True) -> GitHubSettings:
        """Read ``GITHUB_TOKEN``/``GH_TOKEN`` (else ``gh auth token``), ``GITHUB_API_URL`` and limits."""
        env = os.environ if env is None else env
        raw = env.get("GITHUB_TOKEN", "").strip() or env.get("GH_TOKEN", "").strip()
        if not raw and ask_gh:
            raw = token_from_gh_cli() or ""
        return cls(
            api_url=env.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL,
            token=Secret(raw) if raw else None,
            graphql_url=env.get("GITHUB_GRAPHQL_URL", "").strip(),
            timeout=_positive_int(env, "OSSMATCH_TIMEOUT", 15),
            max_wait=_positive_int(env, "OSSMATCH_MAX_WAIT", 60),
            deadline=_positive_int(env, "OSSMATCH_DEADLINE", DEFAULT_DEADLINE),
        )
