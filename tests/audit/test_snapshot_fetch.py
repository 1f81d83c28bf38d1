"""The snapshot queries are valid against GitHub's schema, and one snapshot costs few requests."""

from __future__ import annotations

import pytest
from clients import make_client
from graphql import parse, validate
from worlds import add_welcoming

from ossmatch.errors import NotFoundError
from ossmatch.github.documents import all_documents
from ossmatch.github.repo_facts import fetch_snapshot


@pytest.mark.parametrize("name", ["snapshot", "beginner_issues", "merged_pulls"])
def test_query_is_valid_against_githubs_schema(github_schema, name):
    assert validate(github_schema, parse(all_documents()[name])) == []


def test_snapshot_in_two_requests(fake_github):
    add_welcoming(fake_github.world)
    fake_github.world.add_repo("friendly/.github", files={"CODE_OF_CONDUCT.md": "Mail a@b.org"})
    client = make_client(fake_github)
    snapshot = fetch_snapshot(client, "friendly/welcoming", fake_github.world.now)
    assert client.stats["http_requests"] == 2  # one GraphQL query + the community profile
    assert snapshot.file("README.md") is not None
    assert snapshot.directory(".github/ISSUE_TEMPLATE") is not None
    assert len(snapshot.beginner_issues or ()) == 4
    assert snapshot.commits is not None and snapshot.commits.count == 5
    assert snapshot.file("CODE_OF_CONDUCT.md").source == "repo"


def test_org_defaults_fill_in(fake_github):
    world = fake_github.world
    world.add_repo("acme/app", files={"README.md": "hi"})
    world.add_repo("acme/.github", files={"CONTRIBUTING.md": "Open a pull request."})
    snapshot = fetch_snapshot(make_client(fake_github), "acme/app", world.now)
    assert snapshot.file("CONTRIBUTING.md").source == "org"


def test_unusual_beginner_label_gets_a_follow_up_query(fake_github):
    repo = fake_github.world.add_repo("acme/odd")
    repo.add_issue("Small fix", labels=["Good First Issue :star:"])
    client = make_client(fake_github)
    snapshot = fetch_snapshot(client, "acme/odd", fake_github.world.now)
    assert [i.title for i in snapshot.beginner_issues or ()] == ["Small fix"]


def test_unknown_repository(fake_github):
    with pytest.raises(NotFoundError, match="nobody/nothing"):
        fetch_snapshot(make_client(fake_github), "nobody/nothing", fake_github.world.now)
