"""GraphQL: queries are validated against GitHub's schema; resolvers cover ossmatch's needs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakegithub import Review, graphql_api

from .helpers import gql

VALID = [
    "{ viewer { login } }",
    "{ rateLimit { cost limit remaining used resetAt nodeCount } }",
    """query($o: String!, $n: String!) { repository(owner: $o, name: $n) {
         nameWithOwner isArchived licenseInfo { spdxId }
         issues(first: 5, states: [OPEN], orderBy: {field: CREATED_AT, direction: DESC},
                filterBy: {since: "2026-01-01T00:00:00Z"}) {
           totalCount nodes { number author { __typename login } } } } }""",
    """fragment I on Issue { number title }
       { search(type: ISSUE, query: "is:open", first: 2) { edges { cursor node { ...I } } } }""",
]

INVALID = [
    ("{ viewer { loginx } }", "Field 'loginx' doesn't exist on type 'User'"),
    ('{ repository(owner: "o") { name } }', "Field 'repository' is missing required arguments: name"),
    ('{ search(type: ISSUES, query: "x", first: 1) { issueCount } }', "ISSUES"),
    ("{ viewer { login ", "Syntax Error"),
    ("query($x: Int) { viewer { login } }", "Variable '$x' is never used"),
]


def test_schema_builds(github_schema):
    assert "Repository" in github_schema.type_map
    assert github_schema is graphql_api.load_schema()  # cached per process


@pytest.mark.parametrize("query", VALID)
def test_valid_queries(fake_github, query):
    fake_github.world.add_repo("o/n").add_issue("x")
    body = gql(fake_github, query, {"o": "o", "n": "n"}).json()
    assert "errors" not in body, body
    assert body["data"]


@pytest.mark.parametrize(("query", "fragment"), INVALID)
def test_invalid_queries_get_github_shaped_errors(fake_github, query, fragment):
    answer = gql(fake_github, query)
    assert answer.status == 200
    body = answer.json()
    assert "data" not in body
    assert any(fragment in e["message"] for e in body["errors"]), body
    for err in body["errors"]:
        assert err["locations"] and {"line", "column"} <= set(err["locations"][0])
    assert fake_github.log[-1].counted is False and fake_github.log[-1].cost == 0


def test_undefined_field_extensions(fake_github):
    (err,) = gql(fake_github, "{ viewer { loginx } }").json()["errors"]
    assert err["extensions"] == {"code": "undefinedField", "typeName": "User",
                                 "fieldName": "loginx"}


def test_repository_fields(fake_github):
    world = fake_github.world
    repo = world.add_repo(
        "octo/demo", languages=["Python", "Rust"], topics=["cli"], stars=42, forks=3,
        license="Apache-2.0", labels=[("good first issue", "Easy", "7057ff")],
        files={"README.md": "# Demo", "CONTRIBUTING.md": "Be kind",
               ".github/ISSUE_TEMPLATE/bug.md": "Bug", ".github/stale.yml": "days: 60"})
    repo.add_commit("first", author="alice", committed_at=world.now - timedelta(days=40))
    repo.add_commit("second", author="bob", committed_at=world.now - timedelta(days=2))
    issue = repo.add_issue("Docs typo", labels=["good first issue"], assignees=["carol"],
                           author_association="FIRST_TIME_CONTRIBUTOR")
    issue.add_comment("I'll take it", author="dave")
    issue.add_comment("Thanks!", author="octo", author_association="OWNER")
    repo.add_pull("Fix typo", closes=[issue.number], author="dave", state="MERGED",
                  reviews=[Review(author="octo", author_association="OWNER")])
    query = """{ repository(owner: "octo", name: "demo") {
      stargazerCount forkCount primaryLanguage { name } licenseInfo { spdxId key }
      languages(first: 10, orderBy: {field: SIZE, direction: DESC}) {
        totalCount edges { size node { name } } }
      repositoryTopics(first: 5) { nodes { topic { name } } }
      labels(first: 5, query: "good") { totalCount nodes { name description color } }
      readme: object(expression: "HEAD:README.md") { ... on Blob { text byteSize } }
      stale: object(expression: "HEAD:.github/stale.yml") { ... on Blob { text } }
      missing: object(expression: "HEAD:nope.md") { ... on Blob { text } }
      gh: object(expression: "HEAD:.github") { ... on Tree { entries { name type path } } }
      defaultBranchRef { name target { ... on Commit {
        history(first: 10, since: "2026-11-01T00:00:00Z") {
          totalCount nodes { committedDate author { user { login } } } } } } }
      issues(first: 1) { nodes {
        number authorAssociation assignees(first: 5) { totalCount nodes { login } }
        labels(first: 5) { nodes { name description } }
        comments(last: 1) { totalCount nodes { author { login } authorAssociation body } }
        closedByPullRequestsReferences(first: 5, includeClosedPrs: true) {
          totalCount nodes { number state url } }
        timelineItems(first: 5, itemTypes: [CROSS_REFERENCED_EVENT]) { nodes {
          ... on CrossReferencedEvent { willCloseTarget source {
            ... on PullRequest { number state } } } } } } }
      pullRequests(first: 5, states: [MERGED]) { nodes {
        number merged mergedAt mergedBy { login } author { login }
        reviews(first: 5) { nodes { author { login } authorAssociation state } } } }
    } }"""
    body = gql(fake_github, query).json()
    assert "errors" not in body, body
    r = body["data"]["repository"]
    assert (r["stargazerCount"], r["forkCount"]) == (42, 3)
    assert r["licenseInfo"] == {"spdxId": "Apache-2.0", "key": "apache-2.0"}
    assert [e["node"]["name"] for e in r["languages"]["edges"]] == ["Python", "Rust"]
    assert r["labels"]["nodes"] == [
        {"name": "good first issue", "description": "Easy", "color": "7057ff"}]
    assert r["readme"] == {"text": "# Demo", "byteSize": 6}
    assert r["stale"] == {"text": "days: 60"} and r["missing"] is None
    assert r["gh"]["entries"] == [
        {"name": "ISSUE_TEMPLATE", "type": "tree", "path": ".github/ISSUE_TEMPLATE"},
        {"name": "stale.yml", "type": "blob", "path": ".github/stale.yml"}]
    history = r["defaultBranchRef"]["target"]["history"]
    assert history["totalCount"] == 1 and history["nodes"][0]["author"]["user"]["login"] == "bob"
    node = r["issues"]["nodes"][0]
    assert node["assignees"] == {"totalCount": 1, "nodes": [{"login": "carol"}]}
    assert node["comments"]["totalCount"] == 2
    assert node["comments"]["nodes"] == [
        {"author": {"login": "octo"}, "authorAssociation": "OWNER", "body": "Thanks!"}]
    assert node["closedByPullRequestsReferences"]["nodes"][0]["state"] == "MERGED"
    assert node["timelineItems"]["nodes"] == [
        {"willCloseTarget": True, "source": {"number": 2, "state": "MERGED"}}]
    pr = r["pullRequests"]["nodes"][0]
    assert pr["merged"] and pr["mergedBy"] == {"login": "octo"}
    assert pr["reviews"]["nodes"][0]["authorAssociation"] == "OWNER"


def test_connection_cursors_and_last(fake_github):
    repo = fake_github.world.add_repo("octo/demo")
    for i in range(5):
        repo.add_issue(f"i{i}")
    q = """query($after: String, $before: String, $first: Int, $last: Int) {
      repository(owner: "octo", name: "demo") {
        issues(first: $first, last: $last, after: $after, before: $before) {
          nodes { number } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"""

    def page(**v):
        return gql(fake_github, q, v).json()["data"]["repository"]["issues"]

    first = page(first=2)
    assert [n["number"] for n in first["nodes"]] == [1, 2]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = page(first=2, after=first["pageInfo"]["endCursor"])
    assert [n["number"] for n in second["nodes"]] == [3, 4]
    assert [n["number"] for n in page(last=2)["nodes"]] == [4, 5]
    back = page(last=1, before=second["pageInfo"]["startCursor"])
    assert [n["number"] for n in back["nodes"]] == [2]


def test_search_returns_pull_requests_only_when_asked(fake_github):
    repo = fake_github.world.add_repo("octo/demo")
    repo.add_issue("issue")
    repo.add_pull("pr")
    q = """query($q: String!) { search(type: ISSUE, query: $q, first: 10) {
             issueCount nodes { __typename } } }"""
    kinds = gql(fake_github, q, {"q": "repo:octo/demo is:pr"}).json()["data"]["search"]
    assert kinds == {"issueCount": 1, "nodes": [{"__typename": "PullRequest"}]}
    both = gql(fake_github, q, {"q": "repo:octo/demo"}).json()["data"]["search"]
    assert both["issueCount"] == 2
