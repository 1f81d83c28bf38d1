"""The tools' output schemas: the ones the project already publishes.

``suggest`` answers with the CLI's suggest JSON (``ossmatch/suggest/suggest.schema.json``), which
carries each issue's AI policy, claims and crowding and the projects left out for their policy;
``audit`` answers with ``ossmatch/audit/audit.schema.json``; ``show`` and the hidden list have
schemas here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def schema(package: str, name: str) -> dict[str, Any]:
    """A JSON schema shipped in the package (``ossmatch.suggest``, ``ossmatch.audit``, ``ossmatch.mcp``),
    a fresh copy each time so no caller can change another's."""
    data: dict[str, Any] = json.loads(_text(package, name))
    return data
