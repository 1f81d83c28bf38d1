"""Responses recorded from api.github.com (npm ``@octokit/fixtures``) parse into our models."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from fakegithub.graphql_api import NODE_MODULES, SETUP_HINT

from ossmatch.github import parse
from ossmatch.github.client import next_link

SCENARIOS = NODE_MODULES / "@octokit" / "fixtures" / "scenarios" / "api.github.com"


def _recorded(name: str) -> list[dict]:
    path = SCENARIOS / name / "normalized-fixture.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: {SETUP_HINT}", pytrace=False)
    return json.loads(Path(path).read_text())


def test_recorded_issue_search_parses() -> None:
    (exchange,) = _recorded("search-issues")
    items = exchange["response"]["items"]
    issues = [parse.rest_issue(item) for item in items]
    assert [i.repo for i in issues] == ["octokit-fixture-org/search-issues"] * len(items)
    assert [i.number for i in issues] == [item["number"] for item in items]
    assert all(i.url.startswith("https://github.com/octokit-fixture-org/search-issues/issues/") for i in issues)
    assert all(i.author.login == item["user"]["login"] for i, item in zip(issues, items, strict=True))
    assert all(i.created_at.tzinfo is not None for i in issues)


def test_recorded_repository_parses() -> None:
    (exchange,) = _recorded("get-repository")
    data = exchange["response"]
    repo = parse.rest_repo(data)
    assert repo.name_with_owner == data["full_name"] == "octokit-fixture-org/hello-world"
    assert repo.stars == data["stargazers_count"]
    assert repo.archived is data["archived"]
    assert repo.has_activity is False


def test_recorded_link_headers_lead_through_every_page() -> None:
    exchanges = _recorded("paginate-issues")
    paths = [e["path"] for e in exchanges]
    for current, following in itertools.pairwise(exchanges):
        url = next_link(current["headers"]["link"])
        assert url is not None and url.removeprefix("https://api.github.com") == following["path"]
    assert next_link(exchanges[-1]["headers"]["link"]) is None
    issues = [parse.rest_issue(item) for e in exchanges for item in e["response"]]
    assert len(issues) == sum(len(e["response"]) for e in exchanges) and len(paths) > 2
