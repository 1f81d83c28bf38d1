"""The batched history document: its size against GitHub's node limit, counted as GitHub counts."""

from __future__ import annotations

from fakegithub.graphql_api import query_cost
from graphql import parse

from ossmatch.github.histories import HISTORY_BATCH_SIZE, HISTORY_POINTS, ROUNDING, histories_query
from ossmatch.github.nodes import NODE_LIMIT, node_count


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
