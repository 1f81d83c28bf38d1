"""Drive ``ossmatch mcp`` as an assistant would: a subprocess, the SDK's own stdio client, the fake GitHub."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

NOW = "2026-11-27T12:00:00Z"
T = TypeVar("T")


def server_env(fake: Any, cache: Path, token: str = "test-token") -> dict[str, str]:
    """The environment an assistant starts the server with, pointed at the fake GitHub."""
    return {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": token,
        "GH_TOKEN": "",
        "OSSMATCH_NOW": NOW,
        "OSSMATCH_CACHE_DIR": str(cache),
        "PATH": "/nonexistent",  # no `gh` to ask for a token
    }


def with_session(env: dict[str, str], body: Callable[[ClientSession], Awaitable[T]], errlog: Any = None) -> T:
    """Start ``python -m ossmatch mcp``, initialise a session, run ``body`` with it, stop the server."""
    params = StdioServerParameters(command=sys.executable, args=["-m", "ossmatch", "mcp"], env=env)

    async def main() -> T:
        async with stdio_client(params, errlog=errlog or sys.stderr) as (read, write), \
                ClientSession(read, write) as session:
            await session.initialize()
            return await body(session)

    return anyio.run(main)
