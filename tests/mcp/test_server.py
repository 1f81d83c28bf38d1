"""``ossmatch mcp`` as an assistant meets it: a subprocess driven by the SDK's stdio client, against the fake.

Every successful answer is validated twice: by the SDK's client against the tool's declared output
schema, and here against the schema files the repository ships.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from mcp.client.session import ClientSession
from mcp_client import server_env, with_session
from suggest_worlds import relationship_world, story_world

from ossmatch.cli import main

ROOT = Path(__file__).parents[2] / "ossmatch"
SCHEMAS = {
    "suggest": ROOT / "suggest" / "suggest.schema.json",
    "show": ROOT / "mcp" / "schemas" / "show.schema.json",
    "audit": ROOT / "audit" / "audit.schema.json",
    "hidden": ROOT / "mcp" / "schemas" / "hidden.schema.json",
}
REFUSAL = "AI-generated pull requests are not accepted and will be closed without review."
WELCOME = "AI-assisted contributions are welcome."


def validate(data: dict[str, Any], schema: str) -> None:
    jsonschema.validate(data, json.loads(SCHEMAS[schema].read_text()))


@pytest.fixture
def world(fake_github):
    """The suggest story world, where acme/widgets' guide refuses AI-generated pull requests and
    misc/variants' AI_POLICY.md welcomes AI-assisted work."""
    story_world(fake_github.world)
    widgets = fake_github.world.repo("acme/widgets")
    widgets.files["CONTRIBUTING.md"] = f"# Contributing\n\nRun `make test` first.\n\n## AI\n\n{REFUSAL}\n"
    variants = fake_github.world.repo("misc/variants")
    variants.files["AI_POLICY.md"] = f"# AI policy\n\n{WELCOME} Say which tool you used.\n"
    now = fake_github.world.now
    claimed = variants.issue(14)
    claimed.add_comment("Can I work on this?", author="newbie1", created_at=now - timedelta(hours=5))
    claimed.add_comment("I'd like to take this one, please assign me", author="newbie2",
                        created_at=now - timedelta(hours=2))
    return fake_github


def call(session: ClientSession, name: str, arguments: dict[str, Any]) -> Any:
    return session.call_tool(name, arguments)


def one_line_error(result: Any) -> str:
    assert result.is_error, result
    assert len(result.content) == 1
    text = result.content[0].text
    assert "\n" not in text and "Traceback" not in text and "test-token" not in text
    return text


def cli_json(fake: Any, cache: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, [*args, "--format", "json"], env=server_env(fake, cache),
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_tools_are_listed_with_schemas_and_say_they_are_read_only(world, tmp_path: Path) -> None:
    async def body(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = {tool.name: tool for tool in with_session(server_env(world, tmp_path), body)}
    assert set(tools) == {"suggest", "show", "audit", "hidden", "hide", "unhide"}
    for tool in tools.values():
        assert "Read-only toward GitHub" in tool.description or "read-only toward GitHub" in tool.description
        assert "never comments, claims, assigns, forks or opens anything" in tool.description
        assert tool.input_schema["type"] == "object" and tool.output_schema["type"] == "object"
        assert tool.annotations.destructive_hint is False
    for name in ("suggest", "show", "audit", "hidden"):
        assert tools[name].annotations.read_only_hint is True
    assert tools["hide"].annotations.read_only_hint is False  # it writes the person's own list
    suggest = tools["suggest"]
    assert "let them do the work themselves" in suggest.description
    assert "follow each project's contributing guide" in suggest.description
    assert set(suggest.input_schema["properties"]) == {"skills", "level", "limit", "me", "next", "mentored_only"}
    assert suggest.input_schema["properties"]["limit"]["maximum"] == 100
    assert tools["audit"].output_schema == json.loads(SCHEMAS["audit"].read_text())
    assert tools["show"].output_schema == json.loads(SCHEMAS["show"].read_text())
    assert tools["hidden"].output_schema == json.loads(SCHEMAS["hidden"].read_text())


def test_suggest_leaves_out_a_project_that_refuses_ai_work_and_says_so_in_its_words(world, tmp_path: Path) -> None:
    async def body(session: ClientSession) -> Any:
        return await call(session, "suggest", {"skills": ["python", "docs"], "limit": 10})

    world.clear_log()
    result = with_session(server_env(world, tmp_path), body)
    mcp_requests = [r.kind for r in world.log]
    assert not result.is_error, result.content
    data = result.structured_content
    validate(data, "suggest")
    assert json.loads(result.content[0].text) == data
    assert all(issue["repo"] != "acme/widgets" for issue in data["issues"])
    refused = data["left_out"]["AI-assisted contributions not accepted (ai_assisted = true)"]
    assert data["left_out_by_ai_policy"] == [{"repo": "acme/widgets", "issues": refused, "stance": "not_accepted",
                                              "quote": REFUSAL, "source": "CONTRIBUTING.md"}]
    # exactly the CLI's JSON for a person who says they work with AI: one pipeline, one ranking
    profile = tmp_path / "profile.toml"
    profile.write_text('skills = ["python", "docs"]\nai_assisted = true\n')
    world.clear_log()
    cli = cli_json(world, tmp_path / "cli", "suggest", "--profile", str(profile), "--no-cache")
    assert {**data, "warnings": []} == {**cli, "warnings": []}
    # the policies come in the repository batch: the assistant's call costs what the CLI's costs
    assert mcp_requests == [r.kind for r in world.log] and len(mcp_requests) == 2
    plain = cli_json(world, tmp_path / "cli2", "suggest", "--skills", "python,docs", "--no-cache")
    assert any(i["repo"] == "acme/widgets" for i in plain["issues"]) and plain["left_out_by_ai_policy"] == []
    # The policy filter runs before ranking and folding (filters.exclusion_reason): every other match the
    # plain run lists is listed, none of the refused project's places is left empty.
    others = [(i["repo"], i["number"]) for i in plain["issues"] if i["repo"] != "acme/widgets"]
    assert [(i["repo"], i["number"]) for i in data["issues"]] == others and data["matched"] == len(others)
    issues = {(i["repo"], i["number"]): i for i in data["issues"]}
    variants = issues[("misc/variants", 14)]
    assert variants["ai_policy"] == {"stance": "welcome", "quote": WELCOME, "source": "AI_POLICY.md"}
    assert all(i["ai_policy_read"] for i in data["issues"])
    assert variants["claims"] == {"people": 2, "latest_hours_ago": 2.0}
    assert variants["crowding"] == {"asked_last_week": 2, "pull_requests_open": 0, "pull_requests_closed_unmerged": 0}
    assert issues[("misc/variants", 13)]["claims"] == {"people": 0, "latest_hours_ago": None}
    assert not any("policies were not read" in w for w in data["warnings"])


def test_show_audit_and_the_hidden_list(world, tmp_path: Path) -> None:
    env = server_env(world, tmp_path)

    async def body(session: ClientSession) -> dict[str, Any]:
        return {
            "show": await call(session, "show", {"issue": "http://127.0.0.1/acme/widgets/issues/13",
                                                 "skills": ["python"]}),
            "audit": await call(session, "audit", {"repo": "acme/widgets"}),
            "hide": await call(session, "hide", {"target": "acme/widgets#13", "duration": "2w"}),
            "hidden": await call(session, "hidden", {}),
            "cli_hidden": CliRunner().invoke(main, ["hidden"], env=env).stdout,  # the CLI's own list
            "show_hidden": await call(session, "show", {"issue": "acme/widgets#13"}),
            "unhide": await call(session, "unhide", {"target": "acme/widgets#13"}),
            "after": await call(session, "hidden", {}),
        }

    results = with_session(env, body)
    for name, result in results.items():
        assert isinstance(result, str) or not result.is_error, (name, result.content)
    show = results["show"].structured_content
    validate(show, "show")
    assert show["title"] == "Update the load_config docstring" and show["text"].startswith("acme/widgets#13: Update")
    # the suggest tool would not offer it: the project does not accept AI-assisted work
    assert show["suggested"] is False and show["ranking"] is None
    assert show["excluded"] == "AI-assisted contributions not accepted (ai_assisted = true)"
    assert show["ai_policy"] == {"stance": "not_accepted", "quote": REFUSAL, "source": "CONTRIBUTING.md"}
    assert show["ai_policy_read"] is True and f'"{REFUSAL}"' in " ".join(show["text"].split())
    assert show["claims"] == {"people": 0, "latest_hours_ago": None}
    audit = results["audit"].structured_content
    validate(audit, "audit")
    assert [a["repo"] for a in audit["audits"]] == ["acme/widgets"]
    for name in ("hide", "hidden", "unhide", "after"):
        validate(results[name].structured_content, "hidden")
    assert results["hide"].structured_content["changed"] == "hid acme/widgets#13 until 2026-12-11 12:00 UTC"
    assert [e["target"] for e in results["hidden"].structured_content["hidden"]] == ["acme/widgets#13"]
    assert results["show_hidden"].structured_content["hidden"] is True
    assert results["show_hidden"].structured_content["suggested"] is False
    assert results["after"].structured_content["hidden"] == []
    assert "acme/widgets#13  issue, hidden 2026-11-27, until 2026-12-11" in results["cli_hidden"]


def test_bad_arguments_are_one_line_tool_errors_like_the_cli(world, tmp_path: Path) -> None:
    async def body(session: ClientSession) -> list[str]:
        calls = [
            ("suggest", {"skills": ["python"], "limit": 500}),
            ("suggest", {"skills": ["python"], "colour": "blue"}),
            ("suggest", {"skills": ["pyhton"]}),
            ("suggest", {"skills": ["python"], "me": "not a login!"}),
            ("show", {"issue": "acme/widgets"}),
            ("show", {}),
            ("audit", {"repo": "acme/widgets#13"}),
            ("hide", {"target": "acme/widgets#13", "duration": "forever"}),
            ("nonesuch", {}),
            ("show", {"issue": "https://evil.example.com/acme/widgets/issues/13"}),
            ("hide", {"target": "https://evil.example.com/acme/widgets"}),
        ]
        return [one_line_error(await call(session, name, args)) for name, args in calls]

    messages = with_session(server_env(world, tmp_path), body)
    assert messages[0] == "bad argument limit: Input should be less than or equal to 100"
    assert messages[1] == "bad argument colour: is not an argument of this tool"
    assert messages[2] == "unknown skill 'pyhton': did you mean python?"
    assert messages[3].startswith("me 'not a login!' is not a GitHub login")
    assert "OWNER/REPO#N" in messages[4]
    assert messages[5] == "bad argument issue: Field required"
    assert messages[6] == "'acme/widgets#13' is an issue; audit takes a repository: OWNER/REPO"
    assert "forever" in messages[7]
    assert messages[8].startswith("no tool named 'nonesuch'")
    # a URL on another host than GITHUB_API_URL's is refused, as the CLI refuses it
    for message in messages[9:]:
        assert "is not on 127.0.0.1, the GitHub ossmatch is set to use (GITHUB_API_URL)" in message
    assert world.log == []  # refused before asking GitHub anything


def test_a_github_fault_part_way_keeps_what_was_found_and_never_leaks_the_token(world, tmp_path: Path) -> None:
    errlog = (tmp_path / "server.log").open("w")
    env = server_env(world, tmp_path)

    def cli(*args: str) -> Any:  # the CLI meeting the same fault
        return CliRunner().invoke(main, [*args, "--no-cache"], env=env)

    async def body(session: ClientSession) -> Any:
        world.inject("graphql_rate_limit", times=None, path="graphql", body="RepoSignals")
        limited = await call(session, "suggest", {"skills": ["python"], "limit": 3})
        world.clear_faults()
        world.inject("server_error", times=None, path="graphql")
        show = (await call(session, "show", {"issue": "acme/widgets#13"}), cli("show", "acme/widgets#13"))
        world.clear_faults()
        world.inject("rate_limit_403", times=None)
        audit = (await call(session, "audit", {"repo": "acme/widgets"}), cli("audit", "acme/widgets"))
        return limited, show, audit

    limited, show, audit = with_session(env, body, errlog=errlog)
    errlog.close()
    # the quota ran out after the search: the issues found are ranked without activity signals or
    # policies, and both are said, so the assistant never takes silence for a welcome
    assert not limited.is_error, limited.content
    data = limited.structured_content
    validate(data, "suggest")
    assert len(data["issues"]) == 3 and not any(i["ai_policy_read"] for i in data["issues"])
    # Repository signals the GraphQL limit left unread come through REST (issue 19), and the warning says so.
    assert any("GraphQL rate limit ran out" in w and "through REST" in w for w in data["warnings"])
    warning = data["warnings"][-1]
    assert warning.startswith("AI-contribution policies were not read for ") and "repositor" in warning
    assert warning.endswith("before any AI-assisted work, read each project's contributing guide for its policy")
    for result, cli_result in (show, audit):
        assert cli_result.exit_code == 1 and cli_result.stderr.startswith("Error: ")
        assert one_line_error(result) == cli_result.stderr.removeprefix("Error: ").strip()
    assert "kept failing with server errors" in one_line_error(show[0])
    assert "rate limit" in one_line_error(audit[0])
    log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in log and "test-token" not in log


def test_without_a_token_policies_are_said_to_be_unread(world, tmp_path: Path) -> None:
    async def body(session: ClientSession) -> Any:
        return await call(session, "suggest", {"skills": ["python", "qwertyz"], "limit": 3})

    result = with_session(server_env(world, tmp_path, token=""), body)
    assert not result.is_error, result.content
    data = result.structured_content
    validate(data, "suggest")
    assert data["full_signals"] is False and not any(i["ai_policy_read"] for i in data["issues"])
    assert any("they need a token" in w for w in data["warnings"])
    # what the CLI says on stderr, the assistant reads in the answer
    assert "unknown skill 'qwertyz'; searching for it as a word" in data["warnings"]
    assert result.content[1].text.startswith("Note: no GitHub token: read 3 of 3 repositories")
    assert [r.kind for r in world.log if r.kind == "graphql"] == []


def test_show_judges_an_issue_with_the_persons_history_as_the_cli_does(fake_github, tmp_path: Path) -> None:
    """A next step in a project that merged the person's work: both front ends read the token's history,
    so the MCP page is the CLI's page, and ``suggested`` is what the suggest tool would do."""
    relationship_world(fake_github.world)
    widgets = fake_github.world.repo("acme/widgets")
    number = next(i.number for i in widgets.issues if i.title == "Validate unknown config keys")
    plain = fake_github.world.repo("other/project").add_issue(
        "Refactor the parser", body="The parser has grown too long.", labels=["enhancement"],
        created_at=fake_github.world.now - timedelta(days=2)).number
    env = server_env(fake_github, tmp_path, token="newbie-token")

    async def body(session: ClientSession) -> dict[str, Any]:
        return {
            "next_step": await call(session, "show", {"issue": f"acme/widgets#{number}", "skills": ["python"]}),
            "not_beginner": await call(session, "show", {"issue": f"other/project#{plain}", "skills": ["python"]}),
        }

    results = with_session(env, body)
    shown, bare = (results[name].structured_content for name in ("next_step", "not_beginner"))
    validate(shown, "show")
    validate(bare, "show")
    cli = CliRunner().invoke(main, ["show", f"acme/widgets#{number}", "--skills", "python"],
                             env={**env, "COLUMNS": "100"}, catch_exceptions=False)
    assert cli.exit_code == 0, cli.output
    assert shown["text"] == cli.stdout.rstrip("\n")
    assert "next step" in shown["text"]
    assert shown["suggested"] is True and shown["not_offered"] == []
    # ranked, but not a beginner issue: the suggest tool's searches never find it, and it says why
    assert bare["ranking"] is not None and bare["excluded"] is None
    assert bare["suggested"] is False
    assert bare["not_offered"] == ["it is not a beginner issue (none of the labels suggest searches for)"]
