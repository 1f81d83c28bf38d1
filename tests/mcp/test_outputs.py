"""The tools' output schemas are the published ones, and ``show`` speaks suggest's vocabulary."""

from __future__ import annotations

import jsonschema

from ossmatch.mcp.outputs import schema


def test_show_describes_claims_crowding_and_the_ai_policy_as_suggest_does() -> None:
    show = schema("ossmatch.mcp", "schemas/show.schema.json")
    suggest = schema("ossmatch.suggest", "suggest.schema.json")
    jsonschema.Draft202012Validator.check_schema(show)
    issue = suggest["$defs"]["issue"]["properties"]
    assert show["$defs"]["claims"] == issue["claims"]
    assert show["$defs"]["crowding"] == issue["crowding"]
    assert show["$defs"]["aiPolicy"] == suggest["$defs"]["aiPolicy"]
    assert show["$defs"]["aiPolicyOrNull"]["oneOf"][1] == issue["ai_policy"]["oneOf"][1]
    assert {"claims", "crowding", "ai_policy", "ai_policy_read"} <= set(show["required"])


def test_each_call_gets_its_own_copy() -> None:
    first = schema("ossmatch.suggest", "suggest.schema.json")
    first["properties"].clear()
    assert schema("ossmatch.suggest", "suggest.schema.json")["properties"]
