"""``ossmatch mcp``: serve ossmatch's tools to an AI assistant over stdio (Model Context Protocol)."""

from __future__ import annotations

import sys

import click

from ossmatch.mcp.server import run


@click.command("mcp")
def command() -> None:
    """Serve suggest, show, audit, hidden, hide and unhide as tools for AI assistants (MCP over stdio).

    Read-only toward GitHub. Projects whose policy refuses AI-assisted contributions are left out of
    suggest. Uses the same token, cache and budget as the other commands. Add it to an assistant's
    configuration (see README) rather than running it by hand: it speaks JSON-RPC on stdin/stdout.

    \b
    Example configuration:
      {"mcpServers": {"ossmatch": {"command": "ossmatch", "args": ["mcp"]}}}
    """
    if sys.stdin is not None and sys.stdin.isatty():  # a person at a terminal, not an assistant
        click.echo("ossmatch mcp is waiting for an MCP client on stdin (an AI assistant starts it; see the "
                   "README's configuration snippet). Ctrl-C stops it.", err=True)
    run()
