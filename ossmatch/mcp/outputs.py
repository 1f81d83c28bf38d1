"""The tools' output schemas: the ones the project already publishes, plus what the server adds.

``suggest`` answers with the CLI's suggest JSON (``ossmatch/suggest/suggest.schema.json``) and adds
each issue's AI policy and claims and the projects left out for their policy; ``audit`` answers with
``ossmatch/audit/audit.schema.json`` unchanged; ``show`` and the hidden list have schemas here.
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


def suggest_schema() -> dict[str, Any]:
    """The suggest JSON's schema plus what the server adds: each issue's AI policy and claims, and
    the projects left out for their policy."""
    base = schema("ossmatch.suggest", "suggest.schema.json")
    show_defs = schema("ossmatch.mcp", "schemas/show.schema.json")["$defs"]
    base["$defs"].update(show_defs)
    base["$defs"]["issue"]["properties"].update({"ai_policy": {"$ref": "#/$defs/aiPolicy"},
                                                 "claims": {"$ref": "#/$defs/claims"}})
    base["$defs"]["issue"]["required"] += ["ai_policy", "claims"]
    base["properties"].update({
        "ai_policy_checked": {"type": "boolean",
                              "description": "False when policies could not be read (see warnings)."},
        "left_out_by_ai_policy": {
            "type": "object",
            "required": ["issues", "projects"],
            "properties": {
                "issues": {"type": "integer", "minimum": 0},
                "projects": {"type": "array", "items": {
                    "type": "object", "required": ["repo", "issues", "policy", "words", "quote", "source"],
                    "properties": {"repo": {"type": "string"}, "issues": {"type": "integer", "minimum": 1},
                                   "policy": {"const": "not_accepted"}, "words": {"type": "string"},
                                   "quote": {"type": ["string", "null"]}, "source": {"type": ["string", "null"]}},
                }},
            },
        },
    })
    base["required"] += ["ai_policy_checked", "left_out_by_ai_policy"]
    base["title"] = "ossmatch suggest result, for assistants"
    return base
