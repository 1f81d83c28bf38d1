"""Benchmark ``ossmatch mcp`` against the fake GitHub with realistic latency, as an assistant drives it.

Measures:
  startup    starting the server and initialising a session (the SDK's stdio client)
  suggest    a cold ``suggest`` call, then the same call again (cache warm), in requests and seconds,
             beside the CLI's cold ``suggest --format json`` on the same world: the AI policies come
             in the repository batch both already send, so the two must cost the same requests
  help       ``ossmatch --help``, and whether it imported the MCP SDK (it must not)
Run: ``python benchmarks/bench_mcp.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import anyio  # noqa: E402
from fakegithub import World, make_server  # noqa: E402
from mcp.client.session import ClientSession  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402
from suggest_worlds import bench_world  # noqa: E402

LATENCY = 0.15
ARGS = {"skills": ["python", "docs"], "limit": 10}


def environment(server: Any, cache: str) -> dict[str, str]:
    return {"GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "GITHUB_API_URL": server.rest_url,
            "OSSMATCH_CACHE_DIR": cache, "OSSMATCH_NOW": "2026-11-27T12:00:00Z", "PATH": "/nonexistent"}


def mcp_run(server: Any) -> dict[str, float]:
    env = environment(server, tempfile.mkdtemp(prefix="ossmatch-bench-mcp-"))
    params = StdioServerParameters(command=sys.executable, args=["-m", "ossmatch", "mcp"], env=env)
    numbers: dict[str, float] = {}

    async def main() -> None:
        start = time.perf_counter()
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            await session.list_tools()
            numbers["startup_seconds"] = time.perf_counter() - start
            for run in ("cold", "warm"):
                server.clear_log()
                start = time.perf_counter()
                result = await session.call_tool("suggest", ARGS)
                numbers[f"{run}_seconds"] = time.perf_counter() - start
                if result.is_error:
                    raise SystemExit(f"suggest failed: {result.content[0].text}")
                numbers[f"{run}_requests"] = len(server.log)
                numbers[f"{run}_quota_requests"] = len(server.quota_requests())
                numbers["issues"] = len(result.structured_content["issues"])

    anyio.run(main)
    return numbers


def cli_run(server: Any) -> dict[str, float]:
    env = dict(os.environ, **environment(server, tempfile.mkdtemp(prefix="ossmatch-bench-cli-")))
    server.clear_log()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ossmatch", "suggest", "--skills", "python,docs", "--format",
                           "json"], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the CLI failed: {done.stderr.strip()}")
    return {"cold_seconds": time.perf_counter() - start, "cold_requests": len(server.log)}


def help_run() -> tuple[float, bool]:
    code = ("import sys, time; t = time.perf_counter(); from ossmatch.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "print(time.perf_counter() - t, 'mcp' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, imported = done.stderr.split()
    return float(seconds), imported == "True"


def main() -> None:
    world = World()
    world.add_token("test-token", "tester")
    bench_world(world)
    with make_server(world, latency=LATENCY) as server:
        cli = cli_run(server)
        mcp = mcp_run(server)
    help_seconds, imported = help_run()
    print(f"world: 50 repositories, {LATENCY * 1000:.0f} ms latency per request")
    print(f"mcp startup (spawn + initialize + list_tools): {mcp['startup_seconds']:.2f} s")
    print(f"CLI suggest, cold:   {cli['cold_requests']:.0f} requests, {cli['cold_seconds']:.2f} s (with start-up)")
    print(f"mcp suggest, cold:   {mcp['cold_requests']:.0f} requests, {mcp['cold_seconds']:.2f} s "
          f"({mcp['issues']:.0f} issues)")
    print(f"mcp suggest, warm:   {mcp['warm_requests']:.0f} requests ({mcp['warm_quota_requests']:.0f} counted "
          f"against the quota), {mcp['warm_seconds']:.2f} s")
    print(f"ossmatch --help in-process: {help_seconds * 1000:.0f} ms; imported the MCP SDK: {imported}")


if __name__ == "__main__":
    main()
