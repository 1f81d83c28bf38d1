"""Tiny HTTP helpers for talking to the fake without any GitHub client in between."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    raw: bytes

    def json(self) -> Any:
        return json.loads(self.raw)


def call(url: str, token: str | None = "test-token", method: str = "GET",
         body: Any = None, headers: dict[str, str] | None = None,
         timeout: float = 10) -> Answer:
    hdrs = dict(headers or {})
    if token:
        hdrs["Authorization"] = f"bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=hdrs, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Answer(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as err:
        return Answer(err.code, dict(err.headers), err.read())


def rest(server, path: str, **kw) -> Answer:
    return call(server.rest_url + path, **kw)


def gql(server, query: str, variables: dict | None = None, **kw) -> Answer:
    return call(server.graphql_url, method="POST",
                body={"query": query, "variables": variables or {}}, **kw)


def links(answer: Answer) -> dict[str, str]:
    """Parse a ``Link`` header into ``{rel: url}``."""
    out = {}
    for part in answer.headers.get("Link", "").split(","):
        if ";" in part:
            url, rel = part.split(";", 1)
            out[rel.strip().removeprefix('rel="').rstrip('"')] = url.strip().strip("<>")
    return out
