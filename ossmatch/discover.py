"""Compatibility shim: the pipeline moved to ``ossmatch.suggest.plan`` and ``ossmatch.suggest.pipeline``."""

from ossmatch.suggest.pipeline import (
    TOKEN_NOTE,
    Relations,
    SuggestResult,
    arrange,
    choose_source,
    find_matches,
    gather,
    read_contributor,
    refresh_issues,
)
from ossmatch.suggest.plan import (
    BASE_QUALIFIERS,
    BEGINNER_LABELS,
    MAX_OPERATORS,
    MAX_QUERY_LENGTH,
    NEXT_STEP_LABELS,
    NEXT_STEP_PROJECTS,
    NEXT_STEPS_FIRST,
    operator_count,
    pack,
    plan_next_step_query,
    plan_queries,
)

__all__ = [
    "BASE_QUALIFIERS", "BEGINNER_LABELS", "MAX_OPERATORS", "MAX_QUERY_LENGTH", "NEXT_STEPS_FIRST",
    "NEXT_STEP_LABELS", "NEXT_STEP_PROJECTS", "TOKEN_NOTE", "Relations", "SuggestResult", "arrange",
    "choose_source", "find_matches", "gather", "operator_count", "pack", "plan_next_step_query",
    "plan_queries", "read_contributor", "refresh_issues",
]
