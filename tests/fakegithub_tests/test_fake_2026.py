"""The fake serves GitHub's 2025-26 fields with GitHub's semantics, and a pre-2026 mode without them."""

from __future__ import annotations

from datetime import timedelta

from fakegithub import graphql_api

from .helpers import gql, rest

ISSUE_2026 = """query($o: String!, $n: String!, $i: Int!) { repository(owner: $o, name: $n) {
  pullRequestCreationPolicy hasPullRequestsEnabled viewerPermission interactionAbility { limit }
  issue(number: $i) {
    assignees(first: 5) { nodes { login } }
    assignedActors(first: 5) { nodes { __typename ... on Bot { login } ... on User { login } } }
    issueDependenciesSummary { blockedBy totalBlockedBy blocking totalBlocking }
    blockedBy(first: 5) { nodes { number state title } }
    parent { number }
    subIssuesSummary { total completed percentCompleted }
    subIssues(first: 5) { nodes { number state } }
    issueType { name }
  } } }"""


def _world(fake_github, owner_type="Organization"):
    world = fake_github.world
    world.add_user("acme", owner_type)
    world.add_user("Copilot", "Bot")
    repo = world.add_repo("acme/tool", pull_request_creation_policy="COLLABORATORS_ONLY",
                          interaction_limit="CONTRIBUTORS_ONLY")
    design = repo.add_issue("Design the JSON output")                         # 1 open blocker
    old = repo.add_issue("Old blocker", state="CLOSED")                       # 2 closed blocker
    tracking = repo.add_issue("Tracking: docstrings", issue_type="Task")      # 3 tracking
    repo.add_issue("Docstrings for cli", parent=tracking.number)              # 4 open sub-issue
    repo.add_issue("Docstrings for io", parent=tracking.number, state="CLOSED")  # 5 done
    task = repo.add_issue("Add --json", blocked_by=[design.number, old.number])  # 6
    task.assign("Copilot", at=world.now - timedelta(hours=1))
    task.assign("alice")
    return repo, design, tracking, task


def _issue(fake_github, number):
    body = gql(fake_github, ISSUE_2026, {"o": "acme", "n": "tool", "i": number}).json()
    assert "errors" not in body, body
    return body["data"]["repository"]


def test_repository_policies(fake_github):
    _world(fake_github)
    repo = _issue(fake_github, 1)
    assert repo["pullRequestCreationPolicy"] == "COLLABORATORS_ONLY"
    assert repo["hasPullRequestsEnabled"] is True
    assert repo["viewerPermission"] == "READ"
    assert repo["interactionAbility"] == {"limit": "CONTRIBUTORS_ONLY"}


def test_copilot_shows_in_assigned_actors_only(fake_github):
    _world(fake_github)
    issue = _issue(fake_github, 6)["issue"]
    assert issue["assignees"]["nodes"] == [{"login": "alice"}]
    assert {"__typename": "Bot", "login": "copilot-swe-agent"} in issue["assignedActors"]["nodes"]
    assert len(issue["assignedActors"]["nodes"]) == 2
    listed = rest(fake_github, "/repos/acme/tool/issues/6").json()["assignees"]
    assert {(a["login"], a["type"]) for a in listed} == {("Copilot", "Bot"), ("alice", "User")}


def test_dependencies_count_open_blockers_and_list_all(fake_github):
    _world(fake_github)
    issue = _issue(fake_github, 6)["issue"]
    assert issue["issueDependenciesSummary"] == {"blockedBy": 1, "totalBlockedBy": 2, "blocking": 0,
                                                 "totalBlocking": 0}
    assert [(n["number"], n["state"]) for n in issue["blockedBy"]["nodes"]] == [(1, "OPEN"), (2, "CLOSED")]
    data = rest(fake_github, "/repos/acme/tool/issues/6").json()
    assert data["issue_dependencies_summary"]["blocked_by"] == 1
    assert data["issue_dependencies_summary"]["total_blocked_by"] == 2


def test_sub_issues_and_types(fake_github):
    _world(fake_github)
    tracking = _issue(fake_github, 3)["issue"]
    assert tracking["subIssuesSummary"] == {"total": 2, "completed": 1, "percentCompleted": 50}
    assert [n["number"] for n in tracking["subIssues"]["nodes"]] == [4, 5]
    assert tracking["issueType"] == {"name": "Task"}
    assert _issue(fake_github, 4)["issue"]["parent"] == {"number": 3}
    data = rest(fake_github, "/repos/acme/tool/issues/4").json()
    assert data["parent_issue_url"].endswith("/repos/acme/tool/issues/3")
    assert rest(fake_github, "/repos/acme/tool/issues/3").json()["type"]["name"] == "Task"


def test_issue_types_exist_only_in_organisations(fake_github):
    _world(fake_github, owner_type="User")
    assert _issue(fake_github, 3)["issue"]["issueType"] is None
    assert rest(fake_github, "/repos/acme/tool/issues/3").json()["type"] is None


def test_rest_repository_policy(fake_github):
    _world(fake_github)
    data = rest(fake_github, "/repos/acme/tool").json()
    assert data["pull_request_creation_policy"] == "collaborators_only"
    assert data["has_pull_requests"] is True


def test_pre_2026_server_refuses_the_new_fields(fake_github):
    _world(fake_github)
    fake_github.world.pre_2026 = True
    body = gql(fake_github, ISSUE_2026, {"o": "acme", "n": "tool", "i": 6}).json()
    messages = {e["message"] for e in body["errors"]}
    assert "Field 'pullRequestCreationPolicy' doesn't exist on type 'Repository'" in messages
    assert "Field 'assignedActors' doesn't exist on type 'Issue'" in messages
    assert "data" not in body
    data = rest(fake_github, "/repos/acme/tool").json()
    assert "pull_request_creation_policy" not in data
    assert "issue_dependencies_summary" not in rest(fake_github, "/repos/acme/tool/issues/6").json()


def test_2026_schema_is_the_pin_plus_github_published_fields():
    pinned, modern = graphql_api.load_pinned_schema(), graphql_api.load_schema()
    assert "assignedActors" not in pinned.type_map["Issue"].fields
    assert "assignedActors" in modern.type_map["Issue"].fields
    assert str(modern.type_map["Repository"].fields["hasPullRequestsEnabled"].type) == "Boolean!"
    assert set(pinned.type_map) < set(modern.type_map)
