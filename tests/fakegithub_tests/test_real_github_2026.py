"""The fake behaves like api.github.com in the ways issue 9 found it did not (sources cited per test)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakegithub import World, make_server
from fakegithub.search import search

from .helpers import gql, rest

REPO = 'repository(owner: "{o}", name: "{n}") {{ nameWithOwner }}'


def test_side_by_side_repo_qualifiers_and_together():
    """cli/cli pkg/search/query.go (AdvancedIssueSearchString): since the advanced issue search
    (4 Sep 2025) repeated repo:/org:/user:/in: qualifiers are not OR-ed; parentheses OR them."""
    w = World()
    w.add_repo("a/one").add_issue("In one")
    w.add_repo("c/two").add_issue("In two")
    found = lambda q: sorted(item.title for _, item in search(w, q).items)  # noqa: E731
    assert found("repo:a/one repo:c/two") == []
    assert found("org:a org:c") == []
    assert found("(repo:a/one OR repo:c/two)") == ["In one", "In two"]
    assert found("(org:a OR user:c) is:issue") == ["In one", "In two"]
    assert found("repo:a/one") == ["In one"]


def test_rest_search_ands_repo_qualifiers_too(fake_github):
    """REST /search/issues uses the same advanced syntax (cli/cli pkg/search/query.go)."""
    fake_github.world.add_repo("a/one").add_issue("In one")
    fake_github.world.add_repo("c/two").add_issue("In two")
    assert rest(fake_github, "/search/issues?q=repo:a/one+repo:c/two").json()["total_count"] == 0
    both = rest(fake_github, "/search/issues?q=(repo:a/one+OR+repo:c/two)").json()
    assert both["total_count"] == 2


def test_rate_limit_in_its_2026_form(fake_github):
    """yanyongyu/githubkit#271 (Jan 2026): HTTP 200, ``type: RATE_LIMIT``, ``code: graphql_rate_limit``."""
    fake_github.inject("graphql_rate_limit")
    answer = gql(fake_github, "{ viewer { login } }")
    assert answer.status == 200
    (err,) = answer.json()["errors"]
    assert err["type"] == "RATE_LIMIT" and err["code"] == "graphql_rate_limit"
    assert "data" not in answer.json()


def test_resource_limits_fail_single_aliases_beside_partial_data(fake_github):
    """GitHub changelog 2025-09-01 "GraphQL API resource limits": partial results with errors."""
    world = fake_github.world
    for name in ("o/a", "o/b", "o/c"):
        world.add_repo(name)
    world.add_repo("o/huge", heavy=True)
    world.resource_limit = 2
    query = "{ " + " ".join(f"r{i}: " + REPO.format(o="o", n=n) for i, n in enumerate("abc")) + " }"
    body = gql(fake_github, query).json()
    assert body["data"]["r0"] == {"nameWithOwner": "o/a"} and body["data"]["r2"] is None
    (err,) = body["errors"]
    assert err["type"] == "RESOURCE_LIMITS_EXCEEDED" and err["path"] == ["r2"]
    alone = gql(fake_github, "{ r0: " + REPO.format(o="o", n="huge") + " }").json()
    assert alone["data"] == {"r0": None}
    assert alone["errors"][0]["type"] == "RESOURCE_LIMITS_EXCEEDED"


def test_contributed_to_can_exceed_resource_limits(fake_github):
    """Changelog 2025-09-01: large connections may fail; the field is non-null, so ``user`` is null."""
    fake_github.world.add_user("busy")
    fake_github.world.heavy_users.add("busy")
    query = ('{ user(login: "busy") { login repositoriesContributedTo(first: 100) '
             "{ nodes { nameWithOwner } } } }")
    body = gql(fake_github, query).json()
    assert body["data"] == {"user": None}
    assert body["errors"][0]["type"] == "RESOURCE_LIMITS_EXCEEDED"
    cheap = gql(fake_github, '{ user(login: "busy") { login } }').json()
    assert cheap["data"] == {"user": {"login": "busy"}}


def test_untyped_timeout_error(fake_github):
    """GitHub's own words for a query that ran out of time: untyped, data null."""
    fake_github.inject("graphql_timeout", body="viewer")
    answer = gql(fake_github, "{ viewer { login } }").json()
    assert answer["data"] is None
    (err,) = answer["errors"]
    assert "type" not in err and err["message"].startswith(
        "Something went wrong while executing your query. This may be the result of a timeout")
    assert gql(fake_github, "{ viewer { login } }").json()["data"]["viewer"]["login"] == "tester"


def test_installation_token_is_a_bot_that_cannot_read_user(fake_github):
    """actions/create-github-app-token#258, anthropics/claude-code-action#538: with an
    installation token REST /user is 403 "Resource not accessible by integration"; GraphQL
    ``viewer`` is the app's bot (``github-actions[bot]`` for the workflow's GITHUB_TOKEN)."""
    fake_github.world.add_installation_token("ghs_actions")
    denied = rest(fake_github, "/user", token="ghs_actions")
    assert denied.status == 403
    assert denied.json()["message"] == "Resource not accessible by integration"
    viewer = gql(fake_github, "{ viewer { login } }", token="ghs_actions").json()
    assert viewer["data"]["viewer"]["login"] == "github-actions[bot]"


def test_deleted_issue_is_gone_in_both_apis(fake_github):
    """REST "Get an issue" documents 410 Gone; GraphQL resolves the issue to null with NOT_FOUND."""
    repo = fake_github.world.add_repo("o/r")
    kept = repo.add_issue("Kept")
    repo.add_issue("Deleted", deleted=True)
    gone = rest(fake_github, "/repos/o/r/issues/2")
    assert gone.status == 410 and gone.json()["message"] == "This issue was deleted"
    assert rest(fake_github, f"/repos/o/r/issues/{kept.number}").status == 200
    body = gql(fake_github, '{ r0: repository(owner: "o", name: "r") { issue(number: 2) { title } } }').json()
    assert body["data"] == {"r0": {"issue": None}}
    assert body["errors"][0]["type"] == "NOT_FOUND" and body["errors"][0]["path"] == ["r0", "issue"]
    assert [i["title"] for i in rest(fake_github, "/search/issues?q=is:issue").json()["items"]] == ["Kept"]


def test_forbidden_organisations(fake_github):
    """SAML enforcement and IP allow lists: FORBIDDEN errors in GraphQL (the SAML one with
    ``extensions.saml_failure``), 403 in REST with ``X-GitHub-SSO`` naming the org's SSO URL."""
    world = fake_github.world
    world.add_repo("open/r").add_issue("Visible")
    world.add_repo("corp/r").add_issue("Hidden")
    world.add_repo("walled/r").add_issue("Walled")
    world.forbidden_orgs.update({"corp": "saml", "walled": "ip_allow_list"})
    body = gql(fake_github, '{ search(type: ISSUE, query: "is:issue", first: 10) '
                            "{ issueCount nodes { ... on Issue { title } } } }").json()
    nodes = body["data"]["search"]["nodes"]
    assert sorted(n["title"] for n in nodes if n) == ["Visible"] and nodes.count(None) == 2
    errors = {tuple(e["path"]): e for e in body["errors"]}
    assert all(e["type"] == "FORBIDDEN" for e in errors.values())
    assert any(e.get("extensions", {}).get("saml_failure") for e in errors.values())
    assert any("`walled` organization has an IP allow list" in e["message"] for e in errors.values())
    lookup = gql(fake_github, "{ r0: " + REPO.format(o="corp", n="r") + " }").json()
    assert lookup["data"] == {"r0": None} and lookup["errors"][0]["path"] == ["r0"]
    denied = rest(fake_github, "/repos/corp/r")
    assert denied.status == 403 and "orgs/corp/sso" in denied.headers["X-GitHub-SSO"]


def test_maintainers_leave_triage_events(fake_github):
    """Issue timelines carry LabeledEvent/AssignedEvent/ClosedEvent with their actor: the trace a
    maintainer with private org membership leaves (their comments read CONTRIBUTOR or NONE)."""
    issue = fake_github.world.add_repo("o/r").add_issue("Triaged")
    issue.add_event("LABELED_EVENT", "quiet", label="bug", created_at=issue.created_at + timedelta(hours=2))
    issue.add_event("CLOSED_EVENT", "quiet", created_at=issue.created_at + timedelta(hours=3))
    body = gql(fake_github, '{ repository(owner: "o", name: "r") { issue(number: 1) { '
                            "timelineItems(first: 10, itemTypes: [LABELED_EVENT, CLOSED_EVENT]) { nodes { "
                            "__typename ... on LabeledEvent { actor { login } label { name } } "
                            "... on ClosedEvent { actor { login } } } } } } }").json()
    nodes = body["data"]["repository"]["issue"]["timelineItems"]["nodes"]
    assert [(n["__typename"], n["actor"]["login"]) for n in nodes] == [
        ("LabeledEvent", "quiet"), ("ClosedEvent", "quiet")]


def test_private_mode_refuses_anonymous_requests(fake_github):
    """GitHub Enterprise Server in private mode answers 401 to requests without a token."""
    fake_github.world.add_repo("o/r")
    fake_github.world.private_mode = True
    assert rest(fake_github, "/repos/o/r", token=None).status == 401
    assert rest(fake_github, "/repos/o/r").status == 200


def test_incomplete_search_results(fake_github):
    """REST search documents ``incomplete_results`` (true when the search timed out inside GitHub)."""
    fake_github.world.add_repo("o/r").add_issue("One")
    fake_github.world.search_incomplete = True
    assert rest(fake_github, "/search/issues?q=is:issue").json()["incomplete_results"] is True


@pytest.mark.parametrize("path", ["/api/v3/repos/o/r", "/api/graphql"])
def test_http_redirects_to_https(path):
    """api.github.com answers plain http:// with 301 Moved Permanently to the https:// URL."""
    import http.client

    world = World()
    world.add_repo("o/r")
    with make_server(world, redirect_to_https=True) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", path)
        answer = conn.getresponse()
        answer.read()
        conn.close()
        assert answer.status == 301
        assert answer.getheader("Location") == f"https://127.0.0.1:{server.port}{path}"


def test_trickle_sends_a_byte_at_a_time(fake_github):
    """A slow-trickling server: each byte arrives well within a read timeout, the whole takes long."""
    import socket
    import time

    fake_github.world.add_repo("o/r")
    fake_github.inject("trickle", seconds=0.05)
    sock = socket.create_connection(("127.0.0.1", fake_github.port), timeout=1)
    sock.sendall(b"GET /repos/o/r HTTP/1.1\r\nHost: x\r\n\r\n")
    started, received = time.monotonic(), b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(4096)
    received += sock.recv(4096)  # one read gets no more than a byte or so of the body
    body_so_far = received.split(b"\r\n\r\n", 1)[1]
    sock.close()
    assert len(body_so_far) <= 2 and time.monotonic() - started < 1


def test_denied_quotes_the_credential_it_refuses(fake_github):
    """Some servers and proxies echo what they refuse: the fake can, so clients must scrub it."""
    fake_github.inject("denied")
    answer = rest(fake_github, "/repos/o/r")
    assert answer.status == 403 and answer.json()["message"] == "Denied for bearer test-token"
