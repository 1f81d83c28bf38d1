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
from suggest_worlds import story_world

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

    result = with_session(server_env(world, tmp_path), body)
    assert not result.is_error, result.content
    data = result.structured_content
    validate(data, "suggest")
    assert json.loads(result.content[0].text) == data
    assert data["ai_policy_checked"] is True
    assert all(issue["repo"] != "acme/widgets" for issue in data["issues"])
    left = data["left_out_by_ai_policy"]
    assert [p["repo"] for p in left["projects"]] == ["acme/widgets"]
    project = left["projects"][0]
    assert project["policy"] == "not_accepted" and project["quote"] == REFUSAL
    assert project["source"] == "contributing guide" and left["issues"] == project["issues"] >= 1
    # the same ranking as the CLI's, minus the refusing project: no second ranking anywhere
    cli = cli_json(world, tmp_path / "cli", "suggest", "--skills", "python,docs", "--limit", "30", "--no-cache")
    expected = [(i["repo"], i["number"]) for i in cli["issues"] if i["repo"] != "acme/widgets"][:10]
    assert [(i["repo"], i["number"]) for i in data["issues"]] == expected
    assert sum(i["repo"] == "acme/widgets" for i in cli["issues"]) == left["issues"]
    policies = {i["repo"]: i["ai_policy"] for i in data["issues"]}
    assert policies["misc/variants"]["policy"] == "welcome"
    assert policies["misc/variants"]["quote"] == WELCOME and policies["misc/variants"]["source"] == "AI_POLICY.md"
    claims = {(i["repo"], i["number"]): i["claims"] for i in data["issues"]}
    assert claims[("misc/variants", 14)] == {"people": 2, "latest_hours_ago": 2.0, "crowding": None}
    assert claims[("misc/variants", 13)] == {"people": 0, "latest_hours_ago": None, "crowding": None}


def test_show_audit_and_the_hidden_list(world, tmp_path: Path) -> None:
    env = server_env(world, tmp_path)

    async def body(session: ClientSession) -> dict[str, Any]:
        return {
            "show": await call(session, "show", {"issue": "https://github.com/acme/widgets/issues/13",
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
    assert show["title"] == "Update the load_config docstring" and show["suggested"] and show["excluded"] is None
    assert show["ranking"]["number"] == 13 and show["text"].startswith("acme/widgets#13: Update the load_config")
    assert show["ai_policy"]["policy"] == "not_accepted" and show["ai_policy"]["quote"] == REFUSAL
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
        world.inject("server_error", times=None, path="graphql", body="AiPolicyFiles")
        partial = await call(session, "suggest", {"skills": ["python", "docs"], "limit": 5})
        world.clear_faults()
        world.inject("server_error", times=None, path="graphql")
        show = (await call(session, "show", {"issue": "acme/widgets#13"}), cli("show", "acme/widgets#13"))
        world.clear_faults()
        world.inject("rate_limit_403", times=None)
        audit = (await call(session, "audit", {"repo": "acme/widgets"}), cli("audit", "acme/widgets"))
        return partial, limited, show, audit

    partial, limited, show, audit = with_session(env, body, errlog=errlog)
    errlog.close()
    assert not partial.is_error, partial.content
    data = partial.structured_content
    validate(data, "suggest")
    assert len(data["issues"]) == 5 and data["ai_policy_checked"] is False
    assert all(i["ai_policy"] is None for i in data["issues"])
    warning = data["warnings"][-1]
    assert warning.startswith("AI-contribution policies were not read (") and "server errors" in warning
    assert warning.endswith("before any AI-assisted work, read each project's contributing guide for its policy")
    # the quota ran out after the search: the issues found are ranked without activity signals, and said so
    assert not limited.is_error, limited.content
    validate(limited.structured_content, "suggest")
    assert len(limited.structured_content["issues"]) == 3
    assert any("GraphQL rate limit is used up" in w for w in limited.structured_content["warnings"])
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
    assert data["full_signals"] is False and data["ai_policy_checked"] is False
    assert any("they need a token" in w for w in data["warnings"])
    # what the CLI says on stderr, the assistant reads in the answer
    assert "unknown skill 'qwertyz'; searching for it as a word" in data["warnings"]
    assert result.content[1].text.startswith("Note: no GitHub token: read 3 of 3 repositories")
    assert [r.kind for r in world.log if r.kind == "graphql"] == []
