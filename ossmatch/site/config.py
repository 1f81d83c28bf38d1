"""``community.toml``: which repositories a community's portal covers, and how it looks.

Validated by pydantic with unknown keys rejected, so a typo is an error naming the key instead of
a setting silently ignored. The smallest valid file is ``name`` plus ``repositories``.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from ossmatch.config_files import (
    AccountNames,
    RepoNames,
    TopicNames,
    key_problem,
    parse_toml,
    read_capped,
    utf8_text,
)
from ossmatch.errors import UsageProblem

#: A community file is a few hundred lines of TOML (even listing a thousand repositories); anything far
#: larger is not one (and ``/dev/zero`` never ends).
MAX_COMMUNITY_BYTES = 1024 * 1024
#: Repositories taken per topic (best match first): a topic like "python" has hundreds of thousands.
DEFAULT_REPOS_PER_TOPIC = 30
#: Issues shown per project by default: enough to choose from, few enough that one project cannot
#: fill the page.
DEFAULT_ISSUES_PER_PROJECT = 10
#: A workflow's GITHUB_TOKEN may make 1,000 REST requests an hour per repository; keep a margin
#: for the Pages deployment and retries.
DEFAULT_MAX_REQUESTS = 900
#: ...and 1,000 GraphQL points an hour per repository; the same margin.
DEFAULT_MAX_POINTS = 900


class Link(BaseModel):
    """A link in the portal's header (chat, mentoring programme, code of conduct ...)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1, max_length=80)
    url: str

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s]+$", v):
            raise ValueError("must be an http:// or https:// address")
        return v


class Area(BaseModel):
    """A skill area to group issues by: ``skills`` use the same vocabulary as ``suggest --skills``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=60)
    skills: tuple[str, ...] = Field(min_length=1)


class Community(BaseModel):
    """Everything ``community.toml`` may say; only ``name`` and a repository source are required."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    description: str = Field("", max_length=1000)
    #: Where the site will be published, for absolute links in the feeds; optional.
    url: str | None = None
    links: tuple[Link, ...] = ()
    repositories: RepoNames = ()
    organizations: AccountNames = ()
    #: Repositories tagged with these topics (public, not archived, best match first).
    topics: TopicNames = ()
    repos_per_topic: int = Field(DEFAULT_REPOS_PER_TOPIC, ge=1, le=300)
    #: Extra issue-search qualifiers that select repositories, e.g. ``"org:cncf language:go"``.
    query: str | None = Field(None, min_length=1, max_length=120)
    areas: tuple[Area, ...] = ()
    issues_per_project: int = Field(DEFAULT_ISSUES_PER_PROJECT, ge=1, le=100)
    audit: bool = True
    max_requests: int = Field(DEFAULT_MAX_REQUESTS, ge=10)
    max_points: int = Field(DEFAULT_MAX_POINTS, ge=10)

    @field_validator("url")
    @classmethod
    def _site_url(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://[^\s]+$", v):
            raise ValueError("must be an http:// or https:// address")
        return v.rstrip("/") + "/" if v else v

    @model_validator(mode="after")
    def _has_a_source(self) -> Community:
        if not (self.repositories or self.organizations or self.topics or self.query):
            raise ValueError("give repositories, organizations, topics or query: which projects the portal covers")
        return self


def _where(error: ErrorDetails) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(top level)"


def parse_community(text: str, source: str = "community.toml") -> Community:
    """Parse and validate; every problem is one ``UsageProblem`` line naming the file and key."""
    data = parse_toml(text, source, UsageProblem)
    try:
        return Community.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise UsageProblem(f"{source}: {_where(first)}: {key_problem(first)}") from None


def load_community(path: Path) -> Community:
    raw = read_capped(
        path,
        MAX_COMMUNITY_BYTES,
        UsageProblem,
        missing="file not found (create one with `ossmatch site init`)",
        too_large=f"larger than {MAX_COMMUNITY_BYTES // 1024} KiB; a community file is a few hundred lines",
    )
    return parse_community(utf8_text(raw, path, UsageProblem), str(path))


STARTER = '''\
# community.toml: the settings of your community's "good first issues" portal.
# Build it with:  ossmatch site --config community.toml --output site/
# Only `name` and one way to choose repositories are required; everything else is optional.

name = "My community"
description = "Beginner-friendly issues in our projects, ranked by how likely a newcomer is to finish them."
# url = "https://example.github.io/portal/"   # where the site is published (absolute links in feeds)

# Which projects to cover: list them, name whole organisations or topics, or add search qualifiers.
repositories = ["octo-org/octo-repo"]
# organizations = ["octo-org"]                # every public, non-archived repository of these
# topics = ["hacktoberfest"]                  # repositories tagged with these topics (needs a token)
# repos_per_topic = 30                        # the best-matching repositories per topic
# query = "org:octo-org language:go"          # extra issue-search qualifiers

# Links shown in the header.
# [[links]]
# title = "Chat with us"
# url = "https://chat.example.org/"

# Skill areas to group issues by (skills as in `ossmatch suggest --skills`).
# [[areas]]
# name = "Documentation"
# skills = ["docs"]
# [[areas]]
# name = "Python"
# skills = ["python"]

# issues_per_project = 10    # at most this many issues of one project
# audit = true               # grade each project's newcomer-friendliness (2-3 requests, about 8 GraphQL points each)
# max_requests = 900         # stop before this many requests (a workflow token allows 1,000 an hour)
# max_points = 900           # ...or this many GraphQL points (a workflow token allows 1,000 an hour)
'''
