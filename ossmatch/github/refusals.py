"""GitHub's refusals, each said in one line a user can act on, with any token in them masked.

Shared by the client (error statuses in answers) and the transport (errors PyGithub raises); it
loads nothing heavy, so the client can word an error without loading PyGithub.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from ossmatch.errors import (
    AuthError,
    ForbiddenError,
    GitHubError,
    NotFoundError,
    RateLimitError,
    UsageProblem,
)
from ossmatch.github.settings import GitHubSettings

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


def status_error(settings: GitHubSettings, status: int, headers: dict[str, Any], text: str, url: str) -> GitHubError:
    """GitHub's error answer as one line a user can act on, with any token in it masked."""
    secret = settings.token.reveal() if settings.token else None
    has_token = settings.token is not None
    message = scrub(message_of(scrub(text, secret)), secret)
    if status == 401 and not has_token:
        return AuthError(
            f"{settings.host} requires authentication (401: {message or 'no message'}): "
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
            f"{whose} refused access to {path_of(url)}: {forbidden_reason(message)}", org=org
        )
    limited = headers.get("x-ratelimit-remaining") == "0" or "rate limit" in message.lower()
    if status in (403, 429) and limited:
        reset = as_int(headers.get("x-ratelimit-reset"))
        when = datetime.fromtimestamp(reset, timezone.utc) if reset else None
        hint = "" if has_token else "; set GITHUB_TOKEN for 5,000 requests an hour instead of 60"
        at = f"; it resets at {when:%H:%M} UTC" if when else ""
        return RateLimitError(f"GitHub's rate limit is used up{at}{hint}", reset_at=when)
    if status == 404:
        return NotFoundError(f"not found on GitHub: {path_of(url)}")
    if status == 410:
        return NotFoundError(f"deleted on GitHub: {path_of(url)}")
    if status == 422:
        return GitHubError(f"GitHub refused the request ({status}): {message or 'validation failed'}")
    if status >= 500:
        return GitHubError(f"GitHub answered {status} for {path_of(url)}; try again later")
    return GitHubError(f"GitHub answered {status} for {path_of(url)}: {message or 'no message'}")


def redirected(settings: GitHubSettings, detail: str) -> UsageProblem:
    """An http:// GITHUB_API_URL that GitHub redirects to https:// (PyGithub will not follow)."""
    api = settings.api_url
    if api.startswith("http://") and "https" in detail:
        return UsageProblem(f"GITHUB_API_URL redirects to https: set it to {'https://' + api[len('http://'):]}")
    return UsageProblem(f"GITHUB_API_URL ({api}) answers with a redirect; set it to the API's own URL")


def as_int(value: Any) -> int | None:
    """A header's number, or None when it is absent or not a whole number."""
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


def message_of(text: str) -> str:
    try:
        payload = json.loads(text)
    except (ValueError, TypeError):
        return ""
    if isinstance(payload, dict):
        return " ".join(str(payload.get("message", "")).split())[:200]
    return ""


def path_of(url: str) -> str:
    return urlsplit(url).path or url
