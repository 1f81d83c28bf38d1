"""Contract test: every REST endpoint of the fake answers as GitHub's OpenAPI description says.

Requests are real HTTP calls; each logged exchange (request, status, body, declared headers) is
validated with openapi-core against ``@octokit/openapi``. Known spec gaps live in
``fakegithub.contract.SPEC_GAPS`` with a reason each.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakegithub import Review
from fakegithub.contract import SERVED_PATHS, SPEC_GAPS, validate_logged
from fakegithub_tests.helpers import rest

REQUESTS = [
    "/search/issues?q=is:open+label:%22good+first+issue%22&per_page=2",
    "/search/issues?q=is:open&per_page=2&page=2&sort=created&order=asc",
    "/search/issues?q=is:pr+repo:octo/demo",
    "/search/issues?q=a+OR+b+OR+c+OR+d+OR+e+OR+f+OR+g",
    "/repos/octo/demo",
    "/repos/octo/archived",
    "/repos/octo/nope",
    "/repos/octo/demo/community/profile",
    "/repos/octo/bare/community/profile",
    "/repos/octo/demo/issues?state=all&per_page=2",
    "/repos/octo/demo/issues?labels=good+first+issue&since=2026-01-01T00:00:00Z",
    "/repos/octo/demo/issues/1",
    "/repos/octo/demo/issues/2",
    "/repos/octo/demo/issues/1/comments",
    "/repos/octo/demo/issues/comments?since=2026-01-01T00:00:00Z&sort=created&direction=desc&per_page=100",
    "/repos/octo/demo/issues/comments",
    "/repos/octo/demo/pulls?state=all",
    "/repos/octo/demo/pulls/3/reviews",
    "/repos/octo/demo/languages",
    "/repos/octo/demo/labels",
    "/repos/octo/demo/topics",
    "/repos/octo/demo/contents/README.md",
    "/repos/octo/demo/contents/.github/ISSUE_TEMPLATE/bug.md",
    "/repos/octo/demo/contents/missing.md",
    "/rate_limit",
    "/user",
    "/users/octo",
    "/users/dependabot[bot]",
    "/users/nobody-here",
    "/users/octo/repos?per_page=1",
    "/orgs/octo/repos",
]


@pytest.fixture
def world_server(fake_github):
    world = fake_github.world
    repo = world.add_repo(
        "octo/demo", description="Demo", languages=["Python", "C"], topics=["cli"], stars=7,
        labels=[("good first issue", "Easy", "7057ff")],
        files={"README.md": "# Demo", "CONTRIBUTING.md": "PRs welcome", "LICENSE": "MIT",
               "CODE_OF_CONDUCT.md": "Be nice", ".github/ISSUE_TEMPLATE/bug.md": "Bug",
               ".github/pull_request_template.md": "Describe"})
    issue = repo.add_issue("Docs", labels=["good first issue"], body=None, author=None,
                           assignees=["carol"])
    issue.add_comment("on it", author="dave")
    issue.add_comment("bot says hi", author="github-actions[bot]")
    repo.add_issue("Closed", state="CLOSED", author="dependabot[bot]",
                   created_at=world.now - timedelta(days=30))
    repo.add_pull("Fix", closes=[1], state="MERGED", reviews=[Review()])
    repo.add_pull("WIP", labels=["good first issue"])
    world.add_repo("octo/archived", archived=True, license=None)
    world.add_repo("octo/bare", license="NOASSERTION")
    world.add_user("octo", "Organization")
    return fake_github


def test_every_served_endpoint_is_exercised():
    from fakegithub.contract import _operation
    from fakegithub.server import LoggedRequest

    hit = set()
    for path in REQUESTS:
        entry = LoggedRequest("GET", path.split("?")[0], {}, 200, "rest", "core", True)
        op = _operation(entry)
        assert op is not None, path
        hit.add(op["operationId"])
    assert len(hit) == len(SERVED_PATHS)


def test_rest_responses_match_openapi(world_server):
    for path in REQUESTS:
        rest(world_server, path)
    statuses = {}
    for entry in world_server.log:
        validate_logged(entry)
        statuses[entry.path] = entry.status
    assert statuses["/repos/octo/nope"] == 404
    assert statuses["/repos/octo/demo/contents/missing.md"] == 404
    assert len(world_server.log) == len(REQUESTS)


def test_error_and_conditional_responses_match_openapi(world_server):
    etag = rest(world_server, "/repos/octo/demo").headers["ETag"]
    rest(world_server, "/repos/octo/demo", headers={"If-None-Match": etag})
    rest(world_server, "/repos/octo/demo", token="wrong")
    rest(world_server, "/search/issues?q=a+OR+b+OR+c+OR+d+OR+e+OR+f+OR+g")
    world_server.inject("rate_limit_403")
    rest(world_server, "/repos/octo/demo")
    world_server.inject("secondary")
    rest(world_server, "/search/issues?q=x")
    assert [e.status for e in world_server.log] == [200, 304, 401, 422, 403, 403]
    for entry in world_server.log:
        validate_logged(entry)


def test_spec_gaps_are_explained():
    for path, _status, what, why in SPEC_GAPS:
        assert path == "*" or path in SERVED_PATHS
        assert what and len(why) > 20


def test_validator_catches_off_contract_exchanges(world_server):
    """The check has teeth: a missing required parameter or a malformed body fails."""
    from openapi_core.exceptions import OpenAPIError

    rest(world_server, "/search/issues")
    rest(world_server, "/repos/octo/demo")
    missing_q, repo = world_server.log
    with pytest.raises(OpenAPIError):
        validate_logged(missing_q)
    repo.response_body = repo.response_body.replace(b'"stargazers_count": 7',
                                                    b'"stargazers_count": "7"')
    with pytest.raises(OpenAPIError):
        validate_logged(repo)
