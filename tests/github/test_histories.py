"""The batched history document: its size against GitHub's node limit, counted as GitHub counts, and
what a partial answer says about the people it left out."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, cast

from fakegithub.graphql_api import query_cost
from graphql import parse

from ossmatch.github.client import GitHubClient
from ossmatch.github.graphql_result import GraphQLResult
from ossmatch.github.histories import (
    HISTORY_BATCH_SIZE,
    HISTORY_POINTS,
    ROUNDING,
    histories_query,
    read_histories,
)
from ossmatch.github.nodes import NODE_LIMIT, node_count

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def test_a_full_batch_stays_far_below_the_node_limit() -> None:
    one, full = node_count(histories_query(1)), node_count(histories_query(HISTORY_BATCH_SIZE))
    assert full == HISTORY_BATCH_SIZE * one  # every history asks for the same nodes
    assert full < NODE_LIMIT / 4
    assert (full, one) == (query_cost(parse(histories_query(HISTORY_BATCH_SIZE)), None, {})[1],
                           query_cost(parse(histories_query(1)), None, {})[1])  # the fake counts the same


def test_the_points_a_batch_costs_are_what_the_budget_assumes() -> None:
    for count in (1, 2, 7, HISTORY_BATCH_SIZE):
        cost, _nodes = query_cost(parse(histories_query(count)), None, {})
        assert HISTORY_POINTS * count <= cost <= HISTORY_POINTS * count + ROUNDING


class _PartlyAnswered:
    """A client whose one answer holds ``u0``'s history and leaves the other aliases null, each
    with the error GitHub gave for it."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.remaining: dict[str, int] = {}
        self.errors = errors
        self.asked: list[dict[str, Any]] = []

    def graphql(self, query: str, variables: dict[str, Any], **_kw: Any) -> GraphQLResult:
        self.asked.append(variables)
        return GraphQLResult({"u0": {"login": variables["l0"]}, **{f"u{i}": None for i in range(1, len(variables))}},
                             self.errors)


def test_people_a_rate_limit_stopped_part_way_are_not_blamed_on_the_resource_limits() -> None:
    """GitHub's rate limit stops part of a batch: reading stops and says so; nobody is reported as
    refused by the resource limits, and the people not read are in none of the sets."""
    client = _PartlyAnswered([{"type": "RATE_LIMIT", "code": "graphql_rate_limit", "path": ["u1"],
                               "message": "API rate limit already exceeded for user ID 1."}])
    read = read_histories(cast(GitHubClient, client), ["ann", "bob"], now=NOW)
    assert list(read.found) == ["ann"]
    assert read.failed == {} and read.unknown == set()
    assert read.stopped is not None and "rate limit" in read.stopped
    assert len(client.asked) == 1


def test_a_person_left_null_for_another_reason_is_reported_in_githubs_words() -> None:
    client = _PartlyAnswered([{"type": "FORBIDDEN", "path": ["u1"], "message": "Resource protected by SSO"}])
    read = read_histories(cast(GitHubClient, client), ["ann", "bob"], now=NOW)
    assert read.failed == {"bob": "Resource protected by SSO"}
    assert read.stopped is None
