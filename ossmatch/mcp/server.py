"""The MCP server: ossmatch's tools over stdio, with the official SDK's low-level ``Server``.

The low-level server (not ``MCPServer``) because each tool's output schema is one the project
already publishes, and errors must read as the CLI's one-line messages: ``MCPServer`` derives
schemas from Python annotations and prefixes every failure with "Error executing tool".

Errors map as in ``ossmatch.cli._Group``: a domain error becomes a tool error carrying its message,
an argument the schema refuses becomes one line naming the argument, and anything unexpected a
one-line apology; never a traceback, and never the token.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import anyio
import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from pydantic import BaseModel, ValidationError

from ossmatch import __version__
from ossmatch.errors import OssmatchError
from ossmatch.github.refusals import scrub
from ossmatch.mcp import outputs, tools
from ossmatch.mcp.tools import Handler, Outcome
from ossmatch.render.text import clean

#: Said on every tool: an assistant must know it can run these without asking about side effects.
READ_ONLY = ("Read-only toward GitHub: it never comments, claims, assigns, forks or opens anything.")

SUGGEST = (
    "Find open beginner-friendly GitHub issues that fit a person's skills, best first, each with its score "
    "(percent chance of a merged pull request), the reasons, who else asked to take it (claims, crowding) and "
    "the project's stated policy on AI-assisted contributions (ai_policy, quoted). Projects that say they do "
    "not accept AI-assisted contributions are left out and named in left_out_by_ai_policy, with their own words. "
    "Help the person choose; then let them do the work themselves: do not write the fix or the pull request "
    "for them, and follow each project's contributing guide and AI policy (say where AI help must be "
    "disclosed). Do not comment or claim on their behalf. " + READ_ONLY
)
SHOW = ("One issue in full: its text, the last comments, who to ask, the contributing guide, whether suggest "
        "would offer it and why it ranks, its claims and the project's AI-contribution policy. " + READ_ONLY)
AUDIT = ("How welcoming a repository is to newcomers: checks with evidence, a score, a grade and what to fix "
         "first (for maintainers). " + READ_ONLY)
HIDDEN = ("The issues and repositories the person hid from suggest and digest, and until when. " + READ_ONLY)
HIDE = ("Hide an issue (OWNER/REPO#N) or a whole repository from suggest and digest, for good or for a while. "
        "Changes only the person's own list on their machine; " + READ_ONLY[0].lower() + READ_ONLY[1:])
UNHIDE = ("Show a hidden issue or repository in suggest and digest again. Changes only the person's own list; "
          + READ_ONLY[0].lower() + READ_ONLY[1:])


@dataclass(frozen=True)
class ToolSpec:
    """One tool: its arguments' model (the input schema), its output schema and the adapter."""

    name: str
    title: str
    description: str
    arguments: type[BaseModel]
    output: dict[str, Any]
    handler: Handler
    local_write: bool = False

    def tool(self) -> types.Tool:
        schema = self.arguments.model_json_schema()
        schema.pop("title", None)
        return types.Tool(
            name=self.name, title=self.title, description=self.description,
            input_schema=schema, output_schema=self.output,
            annotations=types.ToolAnnotations(
                title=self.title,
                read_only_hint=not self.local_write,
                destructive_hint=False,
                idempotent_hint=True,
                # suggest, show and audit read GitHub; the hidden list is the person's own file.
                open_world_hint=not self.local_write and self.name != "hidden",
            ),
        )


def specs() -> list[ToolSpec]:
    hidden_schema = outputs.schema("ossmatch.mcp", "schemas/hidden.schema.json")
    return [
        ToolSpec("suggest", "Suggest issues to contribute to", SUGGEST, tools.SuggestArgs,
                 outputs.schema("ossmatch.suggest", "suggest.schema.json"), tools.suggest),
        ToolSpec("show", "Show one issue", SHOW, tools.ShowArgs,
                 outputs.schema("ossmatch.mcp", "schemas/show.schema.json"), tools.show),
        ToolSpec("audit", "Audit a repository for newcomers", AUDIT, tools.AuditArgs,
                 outputs.schema("ossmatch.audit", "audit.schema.json"), tools.audit),
        ToolSpec("hidden", "List hidden issues", HIDDEN, tools.HiddenArgs, hidden_schema, tools.hidden),
        ToolSpec("hide", "Hide an issue or repository", HIDE, tools.HideArgs, hidden_schema, tools.hide,
                 local_write=True),
        ToolSpec("unhide", "Unhide an issue or repository", UNHIDE, tools.UnhideArgs, hidden_schema,
                 tools.unhide, local_write=True),
    ]


def build_server() -> Server[Any]:
    """The server with ossmatch's tools; ``run`` serves it over stdio."""
    table = {spec.name: spec for spec in specs()}
    one_at_a_time: list[anyio.Lock] = []  # made inside the event loop, on the first call

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[spec.tool() for spec in table.values()])

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        spec = table.get(params.name)
        if spec is None:
            return failure(f"no tool named {params.name!r}; the tools are {', '.join(table)}")
        if not one_at_a_time:
            one_at_a_time.append(anyio.Lock())
        async with one_at_a_time[0]:  # GitHub asks clients not to send requests in parallel
            return await anyio.to_thread.run_sync(invoke, spec, params.arguments or {})

    return Server("ossmatch", version=__version__, title="ossmatch",
                  instructions=("Find open-source issues a person can finish, the good-citizen way: "
                                "the person does the work, projects' AI policies are respected. " + READ_ONLY),
                  on_list_tools=list_tools, on_call_tool=call_tool)


def invoke(spec: ToolSpec, arguments: dict[str, Any]) -> types.CallToolResult:
    """Run one tool call to its result, every failure a one-line tool error (blocking: run in a thread)."""
    try:
        args = spec.arguments.model_validate(arguments)
    except ValidationError as error:
        return failure(bad_argument(error))
    try:
        outcome: Outcome = spec.handler(args)
    except OssmatchError as error:
        return failure(clean(error.message))
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        return failure(clean(f"{error.strerror or error}{where}"))
    except Exception as error:  # a bug: said in one line, the details stay out of the assistant's context
        return failure(f"ossmatch failed unexpectedly ({type(error).__name__}); please report it")
    content = [types.TextContent(type="text", text=json.dumps(outcome.data, ensure_ascii=False))]
    if outcome.notes:
        content.append(types.TextContent(type="text", text="\n".join(f"Note: {clean(n)}" for n in outcome.notes)))
    return types.CallToolResult(content=content, structured_content=outcome.data)


def bad_argument(error: ValidationError) -> str:
    """The first refused argument in one line, as a usage error reads: ``limit: ...``."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "arguments"
    message = str(first["msg"])
    if first["type"] == "extra_forbidden":
        message = "is not an argument of this tool"
    return f"bad argument {where}: {message}"


def failure(message: str) -> types.CallToolResult:
    """A tool error: the message, with any token that reached it masked."""
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        secret = os.environ.get(name, "").strip()
        if secret:
            message = scrub(message, secret)
    return types.CallToolResult(content=[types.TextContent(type="text", text=scrub(message))], is_error=True)


def run() -> None:
    """Serve over stdin/stdout until the client closes the connection."""
    server = build_server()

    async def serve() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(serve)
