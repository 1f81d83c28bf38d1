"""Which repositories the portal lists: the same test decides what is audited and what is shown,
and it takes a visitor's view, whatever the builder's token may do."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ossmatch.errors import NotFoundError
from ossmatch.models import Candidate, Issue, Label, Repo
from ossmatch.site import collect as site_collect
from ossmatch.site.build import assemble
from ossmatch.site.collect import Collected
from ossmatch.site.config import Community

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def repo(name: str, **kw: Any) -> Repo:
    return Repo(name_with_owner=name, url=f"https://github.com/{name}", primary_language="Python", **kw)


def collected(*repos: Repo) -> Collected:
    candidates = [Candidate(repo=r, issue=Issue(
        repo=r.name_with_owner, number=1, url=f"{r.url}/issues/1", title="Fix the error message",
        body="Steps:\n1. Open `src/config.py`\n2. Improve it\n", created_at=NOW - timedelta(days=2),
        updated_at=NOW - timedelta(days=2), labels=(Label(name="good first issue"),))) for r in repos]
    return Collected(candidates=candidates, repos={r.name_with_owner: r for r in repos})


REPOS = (
    repo("org/open"),
    repo("org/members", pr_creation_policy="COLLABORATORS_ONLY", viewer_permission="ADMIN"),
    repo("org/old", archived=True),
)


def test_a_repository_closed_to_outsiders_is_left_out_even_for_a_builder_with_write_access() -> None:
    community = Community(name="Org", repositories=[r.name_with_owner for r in REPOS])
    site = assemble(community, collected(*REPOS), NOW)
    assert [p.name for p in site.projects] == ["org/open"]
    assert {i.repo for i in site.issues} == {"org/open"}
    assert site.skipped == ("org/members (pull requests limited to collaborators)", "org/old (archived)")


class Source:
    """Records which repositories were audited; finds none (the audit itself is not the point)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def snapshot(self, name: str, now: datetime) -> None:
        self.asked.append(name)
        raise NotFoundError(name)


class Client:
    def __init__(self) -> None:
        self.stats = {"http_requests": 0, "graphql_cost": 0}


def test_only_listed_repositories_are_audited() -> None:
    source = Source()
    community = Community(name="Org", repositories=[r.name_with_owner for r in REPOS])
    site_collect._audit(collected(*REPOS), source, Client(), community, NOW, lambda _: None)  # type: ignore[arg-type]
    assert source.asked == ["org/open"]
