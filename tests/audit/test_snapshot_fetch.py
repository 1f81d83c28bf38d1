"""The snapshot queries are valid against GitHub's schema, and one snapshot costs few requests."""

from __future__ import annotations

import pytest
from clients import make_client
from graphql import parse, validate
from worlds import add_welcoming

from ossmatch.errors import NotFoundError
from ossmatch.github.query_registry import all_documents
from ossmatch.github.snapshot_graphql import fetch_snapshot
from ossmatch.github.snapshot_rest import fetch_snapshot_rest


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


def test_documents_under_other_spellings_cost_one_more_query(fake_github):
    """GitHub finds readme.md, .github/CODE-OF-CONDUCT.md and docs/Contributing.rst; so does the
    audit, with one follow-up query for the names the first query did not ask for."""
    world = fake_github.world
    world.add_repo("acme/spelled", files={
        "readme.md": "# spelled\n\nA tool.\n", ".github/CODE-OF-CONDUCT.md": "Mail coc@acme.dev",
        "docs/Contributing.rst": "Run ``pytest``.", "CLAUDE.md": "Run `make test`.",
        "src/readme.md": "not the project's README",
    })
    client = make_client(fake_github)
    snapshot = fetch_snapshot(client, "acme/spelled", world.now)
    assert client.stats["http_requests"] == 3  # snapshot query, documents query, community profile
    assert fake_github.count("graphql") == 2
    assert snapshot.document("readme").text.startswith("# spelled")
    assert snapshot.document("code_of_conduct").path == ".github/CODE-OF-CONDUCT.md"
    assert snapshot.document("contributing").text == "Run ``pytest``."
    assert [g.path for g in snapshot.agent_guides()] == ["CLAUDE.md"]
    assert "src/readme.md" not in {f.path for f in snapshot.files or ()}


def test_usual_spellings_need_no_follow_up(fake_github):
    add_welcoming(fake_github.world)
    fake_github.world.repo("friendly/welcoming").files["AGENTS.md"] = "Run `pytest`."
    client = make_client(fake_github)
    snapshot = fetch_snapshot(client, "friendly/welcoming", fake_github.world.now)
    assert fake_github.count("graphql") == 1
    assert [g.path for g in snapshot.agent_guides()] == ["AGENTS.md"]
    assert "README.md" in (snapshot.listing or ())


def test_names_that_only_look_like_documents_are_left_alone(fake_github):
    """Only README/CONTRIBUTING/CODE_OF_CONDUCT stems count (the paths then travel as variables)."""
    world = fake_github.world
    world.add_repo("acme/odd-names", files={'docs/readme".md': "# odd\n", "Readme.txt": "plain"})
    snapshot = fetch_snapshot(make_client(fake_github), "acme/odd-names", world.now)
    assert snapshot.document("readme").text == "plain"


def test_without_a_token_the_community_profile_finds_other_spellings(fake_github):
    world = fake_github.world
    world.add_repo("acme/spelled", files={"readme.md": "# spelled\n\nA tool.\n",
                                          ".github/CODE-OF-CONDUCT.md": "Mail coc@acme.dev"})
    snapshot = fetch_snapshot_rest(make_client(fake_github, token=None), "acme/spelled", world.now)
    assert snapshot.document("readme").path == "readme.md"
    assert snapshot.document("code_of_conduct").text == "Mail coc@acme.dev"


def test_without_a_token_every_document_the_ai_policy_reason_names_is_read(fake_github):
    """The ai-policy check's reason names AI_POLICY.md, AGENTS.md, the contributing guide, the pull
    request template and the README: without a token each of them is read too, so a policy in any is found."""
    from helpers import NOW

    from ossmatch.audit.evaluate import run_check
    from ossmatch.audit.registry import all_checks

    spec = next(s for s in all_checks() if s.id == "ai-policy")
    world = fake_github.world
    for name, where in [("ai-file", "AI_POLICY.md"), ("ai-agents", "AGENTS.md"),
                        ("ai-template", ".github/pull_request_template.md")]:
        world.add_repo(f"acme/{name}", files={"README.md": "# tool\n",
                                             where: "AI-generated pull requests are not accepted.\n"})
        snapshot = fetch_snapshot_rest(make_client(fake_github, token=None), f"acme/{name}", world.now)
        finding = run_check(spec, snapshot, NOW)
        assert (finding.outcome, finding.location) == ("pass", where), finding


def test_organisation_defaults_under_other_spellings(fake_github):
    world = fake_github.world
    world.add_repo("acme/app", files={"README.md": "hi", "CONTRIBUTING.md": "Open a pull request."})
    world.add_repo("acme/.github", files={"docs/code-of-conduct.md": "Mail coc@acme.dev",
                                          "contributing.md": "not needed: the repository has one"})
    client = make_client(fake_github)
    snapshot = fetch_snapshot(client, "acme/app", world.now)
    conduct = snapshot.document("code_of_conduct")
    assert (conduct.source, conduct.path, conduct.text) == ("org", "docs/code-of-conduct.md",
                                                            "Mail coc@acme.dev")
    assert snapshot.document("contributing").source == "repo"
    assert "contributing.md" not in {f.path for f in snapshot.files if f.source == "org"}
    assert fake_github.count("graphql") == 2


def test_a_usual_beginner_label_in_capitals_needs_no_follow_up(fake_github):
    """GitHub matches label names regardless of case, so "Good First Issue" is already among the
    first query's labels: asking again would cost a request and count its issues twice."""
    repo = fake_github.world.add_repo("acme/capitals")
    repo.add_issue("Small fix", labels=["Good First Issue"])
    client = make_client(fake_github)
    snapshot = fetch_snapshot(client, "acme/capitals", fake_github.world.now)
    assert fake_github.count("graphql") == 1
    assert [i.title for i in snapshot.beginner_issues or ()] == ["Small fix"]
    assert snapshot.beginner_issues_total == 1
