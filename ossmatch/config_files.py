"""What the user's TOML files (profile, ``community.toml``, ``cohort.toml``) share: reading them with a
size cap, their GitHub-name keys, and one-line messages naming the key a problem is in.

Below the features on purpose: ``site`` and ``cohort`` both check repository, account and topic
lists, and neither may import the other's internals.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import ErrorDetails

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: GitHub's rules for account and repository names (no "." or ".." repository).
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
REPO_NAME = re.compile(rf"^{_OWNER}/(?!\.\.?$)[A-Za-z0-9._-]{{1,100}}$")
OWNER_NAME = re.compile(rf"^{_OWNER}$")
#: GitHub's topic names: lowercase letters, digits and hyphens, at most 50 characters.
TOPIC_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")

#: Builds the caller's own error from a one-line message (``UsageProblem``, ``ProfileError``).
Fail = Callable[[str], Exception]


def repo_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """``owner/name`` entries, duplicates dropped."""
    for name in names:
        if not REPO_NAME.match(name):
            raise ValueError(f"{name!r} is not OWNER/REPO")
    return tuple(dict.fromkeys(names))


def account_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """GitHub account (user or organisation) names, duplicates dropped."""
    for name in names:
        if not OWNER_NAME.match(name):
            raise ValueError(f"{name!r} is not a GitHub account name")
    return tuple(dict.fromkeys(names))


def topic_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """GitHub topic names, duplicates dropped."""
    for name in names:
        if not TOPIC_NAME.match(name):
            raise ValueError(f"{name!r} is not a GitHub topic (lowercase letters, digits and hyphens)")
    return tuple(dict.fromkeys(names))


#: Settings-file list fields, checked and deduplicated by the functions above.
RepoNames = Annotated[tuple[str, ...], AfterValidator(repo_names)]
AccountNames = Annotated[tuple[str, ...], AfterValidator(account_names)]
TopicNames = Annotated[tuple[str, ...], AfterValidator(topic_names)]


def key_problem(error: ErrorDetails) -> str:
    """Pydantic's message for one key, in the words a settings file's reader needs."""
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "missing":
        return "required key is missing"
    return error["msg"].removeprefix("Value error, ")


def parse_toml(text: str, source: str, fail: Fail) -> dict[str, Any]:
    """TOML text as a table; a syntax error (or absurd nesting) is one line naming ``source``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise fail(f"{source}: invalid TOML: {error}") from None
    except RecursionError:
        raise fail(f"{source}: invalid TOML: nested too deeply") from None


def read_capped(path: Path | str, limit: int, fail: Fail, *, missing: str, too_large: str) -> bytes:
    """The file's bytes, refused past ``limit`` without reading further (a wrong path to a huge file
    must not fill memory). ``missing`` and ``too_large`` finish the messages after the path."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise fail(f"{path}: {missing}") from None
    except OSError as error:
        raise fail(f"{path}: cannot read: {error.strerror or error}") from None
    if len(raw) > limit:
        raise fail(f"{path}: {too_large}")
    return raw


def utf8_text(raw: bytes, source: Path | str, fail: Fail) -> str:
    """UTF-8 text with a leading byte-order mark (Windows editors write one) dropped: it is not TOML."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail(f"{source}: not UTF-8 text") from None
