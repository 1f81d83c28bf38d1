"""GraphQL selections several documents share, defined once: who an account is, and who triaged an issue.

Plain strings with no imports, so every query module can use them without an import circle.
"""

from __future__ import annotations

#: An account: its login, and ``__typename`` so a Bot is recognised when parsed (``parse.actor``).
ACTOR = "login __typename"

#: Who labeled, assigned or closed an issue: maintainers whose org membership is private read as
#: CONTRIBUTOR or NONE, but only people with triage or write access leave these events.
TRIAGE = (
    "timelineItems(last: 5, itemTypes: [LABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT]) { nodes { "
    "__typename ... on LabeledEvent { actor { login } } ... on AssignedEvent { actor { login } } "
    "... on ClosedEvent { actor { login } } } }"
)
