"""The fake's HTTP behaviour: pagination, auth, quotas, ETags, faults and PyGithub interop."""

from __future__ import annotations

import json
import socket
import time
from datetime import timedelta

import github
import pytest

from .helpers import gql, links, rest

SEARCH = """query($q: String!, $after: String) {
  search(type: ISSUE, query: $q, first: 100, after: $after) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { ... on Issue { number repository { nameWithOwner } } }
  }
}"""


def _many(world, n: int, name: str = "octo/many"):
    repo = world.add_repo(name, languages=["Python"], stars=10)
    for i in range(n):
        repo.add_issue(f"Issue {i}", labels=["good first issue"],
                       created_at=world.now - timedelta(hours=i))
    return repo


def test_graphql_search_paginates_past_100(fake_github):
    _many(fake_github.world, 250)
    seen, after, pages = [], None, 0
    while True:
        data = gql(fake_github, SEARCH, {"q": "is:issue label:\"good first issue\"",
                                         "after": after}).json()["data"]["search"]
        seen += [n["number"] for n in data["nodes"]]
        pages += 1
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert data["issueCount"] == 250
    assert pages == 3 and len(seen) == len(set(seen)) == 250
    assert seen[0] == 1  # newest created first


def test_search_caps_at_1000_results(fake_github):
    _many(fake_github.world, 1030)
    answer = rest(fake_github, "/search/issues?q=is:open&per_page=100&page=11").json()
    assert answer["total_count"] == 1030 and answer["items"] == []
    last = rest(fake_github, "/search/issues?q=is:open&per_page=100&page=10")
    assert len(last.json()["items"]) == 100 and "next" not in links(last)


def test_rest_search_follows_link_headers(fake_github):
    _many(fake_github.world, 250)
    first = rest(fake_github, "/search/issues?q=label:%22good+first+issue%22&per_page=100")
    rels = links(first)
    assert set(rels) == {"next", "last"} and "page=3" in rels["last"]
    numbers, answer = [], first
    while True:
        numbers += [item["number"] for item in answer.json()["items"]]
        rels = links(answer)
        if "next" not in rels:
            break
        answer = rest(fake_github, rels["next"].removeprefix(fake_github.rest_url))
    assert set(links(answer)) == {"prev", "first"}
    assert len(numbers) == len(set(numbers)) == 250


def test_root_and_enterprise_prefix_serve_the_same(fake_github):
    fake_github.world.add_repo("octo/demo")
    from .helpers import call
    root = call(fake_github.root_url + "/repos/octo/demo")
    assert root.status == 200 and root.json()["full_name"] == "octo/demo"
    assert fake_github.log[-1].path == "/repos/octo/demo"


def test_not_found_keeps_partial_data(fake_github):
    fake_github.world.add_repo("octo/demo", stars=3)
    body = gql(fake_github, """{ a: repository(owner: "octo", name: "demo") { stargazerCount }
                                 b: repository(owner: "octo", name: "gone") { stargazerCount } }"""
               ).json()
    assert body["data"] == {"a": {"stargazerCount": 3}, "b": None}
    (err,) = body["errors"]
    assert err["type"] == "NOT_FOUND" and err["path"] == ["b"]
    assert err["message"] == "Could not resolve to a Repository with the name 'octo/gone'."
    assert rest(fake_github, "/repos/octo/gone").status == 404


def test_auth_errors(fake_github):
    missing = gql(fake_github, "{ viewer { login } }", token=None)
    assert missing.status == 401
    assert missing.json()["message"] == "This endpoint requires you to be authenticated."
    bad = gql(fake_github, "{ viewer { login } }", token="nope")
    assert bad.status == 401 and bad.json() == {
        "message": "Bad credentials", "documentation_url": "https://docs.github.com/graphql"}
    assert rest(fake_github, "/user", token="nope").status == 401
    assert rest(fake_github, "/user", token=None).status == 401
    assert rest(fake_github, "/user").json()["login"] == "tester"
    assert not any(r.counted for r in fake_github.log[:-1])


def test_etag_304_does_not_count(fake_github):
    fake_github.world.add_repo("octo/demo")
    first = rest(fake_github, "/repos/octo/demo")
    etag = first.headers["ETag"]
    again = rest(fake_github, "/repos/octo/demo", headers={"If-None-Match": etag})
    assert again.status == 304 and again.raw == b""
    assert again.headers["X-RateLimit-Remaining"] == first.headers["X-RateLimit-Remaining"]
    assert [r.counted for r in fake_github.log] == [True, False]
    other = rest(fake_github, "/repos/octo/demo", token=None, headers={"If-None-Match": etag})
    assert other.status == 200  # ETags depend on the caller's identity
    fake_github.world.repo("octo/demo").stars = 99
    assert rest(fake_github, "/repos/octo/demo", headers={"If-None-Match": etag}).status == 200


def test_rate_limit_headers_and_quota(fake_github):
    fake_github.world.add_repo("octo/demo")
    answer = rest(fake_github, "/repos/octo/demo")
    assert answer.headers["X-RateLimit-Limit"] == "5000"
    assert answer.headers["X-RateLimit-Remaining"] == "4999"
    assert answer.headers["X-RateLimit-Resource"] == "core"
    anon = rest(fake_github, "/repos/octo/demo", token=None)
    assert anon.headers["X-RateLimit-Limit"] == "60"
    search = rest(fake_github, "/search/issues?q=x")
    assert search.headers["X-RateLimit-Limit"] == "30"
    assert search.headers["X-RateLimit-Resource"] == "search"
    fake_github.bucket("search", "test-token").used = 30
    exhausted = rest(fake_github, "/search/issues?q=x")
    assert exhausted.status == 403 and exhausted.headers["X-RateLimit-Remaining"] == "0"
    overview = rest(fake_github, "/rate_limit").json()
    assert overview["resources"]["core"]["used"] == 1
    assert fake_github.count("search") == 2 and len(fake_github.quota_requests()) == 3


def test_graphql_cost_and_rate_limit(fake_github):
    _many(fake_github.world, 5)
    query = """{ rateLimit { cost remaining used limit nodeCount resetAt }
      search(type: ISSUE, query: "is:open", first: 100) { nodes { ... on Issue {
        labels(first: 100) { nodes { name } } comments(first: 100) { totalCount } } } } }"""
    rate = gql(fake_github, query).json()["data"]["rateLimit"]
    assert rate["cost"] == 2  # 1 + 100 + 100 requests -> 201 / 100
    assert rate["remaining"] == 4998 and rate["limit"] == 5000
    assert rate["nodeCount"] == 100 + 100 * 100 * 2
    entry = fake_github.log[-1]
    assert entry.cost == 2 and entry.counted and "rateLimit" in entry.query
    assert gql(fake_github, "{ viewer { login } }").json()["data"]["viewer"]["login"] == "tester"
    assert fake_github.bucket("graphql", "test-token").used == 3


def test_pagination_arguments_are_enforced(fake_github):
    fake_github.world.add_repo("octo/demo")
    too_many = gql(fake_github, '{ repository(owner: "octo", name: "demo") '
                                "{ issues(first: 101) { totalCount } } }").json()
    assert "exceeds the `first` limit of 100 records" in too_many["errors"][0]["message"]
    missing = gql(fake_github, '{ repository(owner: "octo", name: "demo") '
                               "{ issues { totalCount } } }").json()
    assert "You must provide a `first` or `last` value" in missing["errors"][0]["message"]


def test_operator_limit(fake_github):
    q = "a OR b OR c OR d OR e OR f OR g"
    body = gql(fake_github, SEARCH, {"q": q}).json()
    assert "more than 5 AND / OR / NOT operators" in body["errors"][0]["message"]
    assert body["data"] is None
    answer = rest(fake_github, "/search/issues?q=" + q.replace(" ", "+"))
    assert answer.status == 422 and answer.json()["message"] == "Validation Failed"
    assert gql(fake_github, SEARCH, {"q": "a OR b OR c OR d OR e"}).json().get("errors") is None


def test_bots_and_deleted_users(fake_github):
    repo = fake_github.world.add_repo("octo/demo")
    repo.add_issue("by bot", author="dependabot[bot]")
    repo.add_issue("by ghost", author=None)
    nodes = gql(fake_github, '{ repository(owner: "octo", name: "demo") { issues(first: 5) '
                             "{ nodes { title author { __typename login } } } } }"
                ).json()["data"]["repository"]["issues"]["nodes"]
    assert nodes == [{"title": "by bot", "author": {"__typename": "Bot", "login": "dependabot"}},
                     {"title": "by ghost", "author": None}]
    items = rest(fake_github, "/repos/octo/demo/issues?direction=asc").json()
    assert [(i["user"]["login"], i["user"]["type"]) for i in items] == [
        ("dependabot[bot]", "Bot"), ("ghost", "User")]


# ------------------------------------------------------------------------- faults

@pytest.mark.parametrize(("fault", "status"), [("rate_limit_403", 403), ("rate_limit_429", 429)])
def test_primary_rate_limit_faults(fake_github, fault, status):
    fake_github.world.add_repo("octo/demo")
    fake_github.inject(fault, seconds=30)
    answer = rest(fake_github, "/repos/octo/demo")
    assert answer.status == status
    assert answer.headers["X-RateLimit-Remaining"] == "0"
    assert int(answer.headers["X-RateLimit-Reset"]) >= time.time() + 25
    assert answer.json()["message"].startswith("API rate limit exceeded for ")
    assert rest(fake_github, "/repos/octo/demo").status == 200  # times=1
    assert [r.counted for r in fake_github.log] == [False, True]


def test_secondary_limit_and_server_error(fake_github):
    fake_github.world.add_repo("octo/demo")
    fake_github.inject("secondary", seconds=7, path="/repos/octo/demo")
    fake_github.inject("server_error", times=2, path="/search")
    answer = rest(fake_github, "/repos/octo/demo")
    assert answer.status == 403 and answer.headers["Retry-After"] == "7"
    assert "secondary rate limit" in answer.json()["message"]
    assert [rest(fake_github, "/search/issues?q=x").status for _ in range(3)] == [502, 502, 200]
    fake_github.inject("server_error", status=500)
    assert rest(fake_github, "/repos/octo/demo").status == 500


def test_slow_and_truncated(fake_github):
    fake_github.world.add_repo("octo/demo")
    fake_github.inject("slow", seconds=0.5)
    with pytest.raises((TimeoutError, socket.timeout)):
        rest(fake_github, "/repos/octo/demo", timeout=0.1)
    fake_github.inject("truncated")
    cut = rest(fake_github, "/repos/octo/demo")
    assert cut.status == 200
    with pytest.raises(json.JSONDecodeError):
        cut.json()


def test_graphql_faults(fake_github):
    fake_github.inject("graphql_rate_limited")
    assert gql(fake_github, "{ viewer { login } }").json() == {"errors": [
        {"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]}
    fake_github.inject("server_error", path="graphql")
    assert gql(fake_github, "{ viewer { login } }").status == 502
    assert gql(fake_github, "{ viewer { login } }").status == 200


def test_unknown_fault_is_rejected(fake_github):
    with pytest.raises(ValueError, match="unknown fault"):
        fake_github.inject("meteor")


def test_latency(fake_github):
    fake_github.world.add_repo("octo/demo")
    fake_github.latency = 0.2
    start = time.monotonic()
    rest(fake_github, "/repos/octo/demo")
    assert time.monotonic() - start >= 0.2


# ------------------------------------------------------------------------- PyGithub

def test_pygithub_get_repo_and_search(fake_github):
    repo = _many(fake_github.world, 75, "octo/demo")
    repo.topics = ["cli", "python"]
    gh = github.Github(auth=github.Auth.Token("test-token"), base_url=fake_github.rest_url,
                       retry=None, seconds_between_requests=0)
    got = gh.get_repo("octo/demo")
    assert got.full_name == "octo/demo" and got.stargazers_count == 10
    assert got.language == "Python" and got.get_topics() == ["cli", "python"]
    assert got.license.spdx_id == "MIT"
    results = gh.search_issues('label:"good first issue" is:open')
    assert results.totalCount == 75
    numbers = [issue.number for issue in results]
    assert len(set(numbers)) == 75
    assert fake_github.count("search") >= 3  # default page size 30
    assert gh.get_user().login == "tester"


def test_repository_issue_comments_newest_first_since(fake_github):
    world = fake_github.world
    repo = world.add_repo("octo/talk")
    first = repo.add_issue("One")
    second = repo.add_issue("Two")
    first.add_comment("old", author="a", created_at=world.now - timedelta(days=100))
    first.add_comment("newer", author="b", created_at=world.now - timedelta(days=2))
    second.add_comment("newest", author="c", author_association="MEMBER", created_at=world.now - timedelta(days=1))
    since = (world.now - timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%SZ")
    got = rest(fake_github, f"/repos/octo/talk/issues/comments?since={since}&sort=created&direction=desc").json()
    assert [c["body"] for c in got] == ["newest", "newer"]
    assert got[0]["issue_url"].endswith(f"/repos/octo/talk/issues/{second.number}")
    assert got[0]["author_association"] == "MEMBER"
    ascending = rest(fake_github, "/repos/octo/talk/issues/comments").json()
    assert [c["body"] for c in ascending] == ["old", "newer", "newest"]
