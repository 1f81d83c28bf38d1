"""Check recorded REST exchanges against GitHub's published OpenAPI description.

The full ``api.github.com.json`` is 13 MB; we keep only the operations the fake serves plus the
components they reference, so openapi-core builds its validators quickly. Other tests can call
``validate_logged(entry)`` on any ``server.log`` entry to assert the fake stayed on-contract.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from .graphql_api import NODE_MODULES, SETUP_HINT, FakeSetupError
from .server import LoggedRequest

OPENAPI_JSON = NODE_MODULES / "@octokit" / "openapi" / "generated" / "api.github.com.json"
SPEC_HOST = "https://api.github.com"

#: OpenAPI path templates of the REST operations the fake serves (GET only).
SERVED_PATHS = (
    "/search/issues",
    "/repos/{owner}/{repo}",
    "/repos/{owner}/{repo}/community/profile",
    "/repos/{owner}/{repo}/issues",
    "/repos/{owner}/{repo}/issues/comments",
    "/repos/{owner}/{repo}/issues/{issue_number}",
    "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    "/repos/{owner}/{repo}/pulls",
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    "/repos/{owner}/{repo}/languages",
    "/repos/{owner}/{repo}/labels",
    "/repos/{owner}/{repo}/topics",
    "/repos/{owner}/{repo}/contents/{path}",
    "/rate_limit",
    "/user",
    "/users/{username}",
    "/users/{username}/repos",
    "/orgs/{org}/repos",
)

#: Known differences between GitHub's real behaviour (which the fake copies) and the spec.
#: Each entry: (operation path or "*", status or None for any, what is tolerated, why).
SPEC_GAPS: list[tuple[str, int | None, str, str]] = [
    ("*", None, "undocumented response headers",
     "GitHub sends X-RateLimit-*, ETag, Link, X-GitHub-Request-Id on most responses but the "
     "spec declares headers only on a few operations; openapi-core ignores extra headers, so "
     "we only check headers the spec does declare."),
    ("*", 401, "401 status on operations that do not list it",
     "Bad credentials are answered with 401 on every endpoint; most operations omit it."),
    ("*", 403, "403 rate-limit status on operations that do not list it",
     "Primary/secondary rate limits apply to every endpoint; many operations omit 403."),
    ("*", 429, "429 status", "GitHub may answer 429 for rate limits; no operation lists it."),
    ("*", 404, "404 status on operations that do not list it",
     "Unknown repositories and users give 404 everywhere (e.g. /languages, /community/profile)."),
    ("*", 500, "5xx statuses", "Server errors are not described by the spec."),
    ("*", 502, "5xx statuses", "Server errors are not described by the spec."),
    ("/search/issues", 200, "items[].body may be null (schema patched nullable)",
     "GitHub returns body: null for issues without a description; issue-search-result-item "
     "declares body as a non-nullable string (the plain issue schema has it nullable)."),
    ("*", 200, "nullable enums accept null (schema patched)",
     "The spec marks fields like issue state_reason 'nullable' with an enum lacking null; "
     "openapi-core's JSON Schema check then rejects null, which GitHub sends for open issues."),
    ("/repos/{owner}/{repo}/contents/{path}", 200, "slashes in {path} sent as %2F",
     "openapi-core matches a path parameter within one segment; GitHub accepts nested paths."),
]

#: Schema patches applied to the pruned spec for the gaps above: (schema name, property, patch).
SCHEMA_PATCHES = [("issue-search-result-item", "body", {"nullable": True})]

_UNDOCUMENTED_STATUSES = {s for _, s, _, _ in SPEC_GAPS if s is not None}


def _collect_refs(node: Any, out: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            out.add(ref)
        for value in node.values():
            _collect_refs(value, out)
    elif isinstance(node, list):
        for value in node:
            _collect_refs(value, out)


def _resolve(spec: dict, ref: str) -> Any:
    node: Any = spec
    for part in ref.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


@functools.lru_cache(maxsize=1)
def pruned_spec() -> dict:
    """The served GET operations plus every component they reach, transitively."""
    if not OPENAPI_JSON.exists():
        raise FakeSetupError(f"{OPENAPI_JSON} is missing: {SETUP_HINT}")
    full = json.loads(OPENAPI_JSON.read_text())
    paths = {p: {"get": full["paths"][p]["get"]} for p in SERVED_PATHS}
    seen: set[str] = set()
    todo: set[str] = set()
    _collect_refs(paths, todo)
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        _collect_refs(_resolve(full, ref), todo)
    components: dict[str, dict] = {}
    for ref in seen:
        _, _, section, name = ref.split("/", 3)
        components.setdefault(section, {})[name] = full["components"][section][name]
    spec = {"openapi": full["openapi"], "info": full["info"], "servers": full["servers"],
            "paths": paths, "components": components}
    for name, prop, patch in SCHEMA_PATCHES:
        components["schemas"][name]["properties"][prop].update(patch)
    _allow_null_enums(spec)
    return spec


def _allow_null_enums(node: Any) -> None:
    """``nullable: true`` + ``enum`` without null: add null so the enum agrees (see SPEC_GAPS)."""
    if isinstance(node, dict):
        if node.get("nullable") and isinstance(node.get("enum"), list) and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        for value in node.values():
            _allow_null_enums(value)
    elif isinstance(node, list):
        for value in node:
            _allow_null_enums(value)


@functools.lru_cache(maxsize=1)
def openapi():
    """openapi-core application over the pruned spec (built once per process)."""
    from openapi_core import OpenAPI
    from openapi_core.configurations import Config

    # Spec validation of GitHub's description is slow and not what we test; skip it.
    return OpenAPI.from_dict(pruned_spec(), config=Config(spec_validator_cls=None))


def _request(entry: LoggedRequest):
    from openapi_core.testing import MockRequest

    path = entry.path
    if path.startswith("/repos/") and "/contents/" in path:  # see SPEC_GAPS
        head, tail = path.split("/contents/", 1)
        path = f"{head}/contents/{tail.replace('/', '%2F')}"
    return MockRequest(SPEC_HOST, entry.method.lower(), path, args=entry.params,
                       headers=dict(entry.request_headers))


def validate_logged(entry: LoggedRequest) -> None:
    """Raise if a logged REST request or its response breaks the OpenAPI description.

    Statuses in ``SPEC_GAPS`` that the operation does not document are accepted unchecked;
    304 responses have no body to check.
    """
    from openapi_core.testing import MockResponse

    if entry.kind != "rest":
        raise ValueError("only REST exchanges have an OpenAPI description")
    app = openapi()
    request = _request(entry)
    app.validate_request(request)
    operation = _operation(entry)
    documented = set(operation["responses"]) if operation else set()
    if str(entry.status) not in documented and (
            entry.status in _UNDOCUMENTED_STATUSES or entry.status == 304):
        return
    content_type = entry.response_headers.get("Content-Type", "application/json")
    response = MockResponse(entry.response_body, status_code=entry.status,
                            headers=entry.response_headers,
                            content_type=content_type.split(";")[0])
    app.validate_response(request, response)


def _operation(entry: LoggedRequest) -> dict | None:
    """The spec operation matching the logged path (templates matched segment by segment)."""
    parts = entry.path.strip("/").split("/")
    matches: list[tuple[int, dict]] = []
    for template, item in pruned_spec()["paths"].items():
        tparts = template.strip("/").split("/")
        if template.endswith("{path}") and len(parts) >= len(tparts):
            parts_cmp = [*parts[: len(tparts) - 1], "/".join(parts[len(tparts) - 1:])]
        else:
            parts_cmp = parts
        if len(tparts) == len(parts_cmp) and all(
                t.startswith("{") or t == p for t, p in zip(tparts, parts_cmp, strict=True)):
            matches.append((sum(not t.startswith("{") for t in tparts), item["get"]))
    # A literal segment beats a parameter, as in GitHub's router: /issues/comments is not issue "comments".
    return max(matches, key=lambda m: m[0])[1] if matches else None
