"""The MCP server is a peer of the CLI: it calls the library below both, never the CLI ("only the CLI
knows click"), so every import in ``ossmatch/mcp``, in-function ones included, is checked."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "ossmatch" / "mcp"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_mcp_package_never_imports_the_cli_or_click() -> None:
    offenders = {
        f"{path.name}: {module}"
        for path in sorted(PACKAGE.glob("*.py"))
        for module in imported_modules(path)
        if module == "click" or module.startswith(("click.", "ossmatch.cli"))
    }
    assert offenders == set()
    assert imported_modules(PACKAGE / "tools.py")  # the walk sees the in-function imports too
