"""A fake GitHub (GraphQL + REST over real HTTP) serving a world described in Python.

See ``world.py`` for building data, ``server.py`` for the server, faults and request log.
"""

from .graphql_api import FakeSetupError, load_schema
from .server import FAULTS, FakeGitHub, Fault, LoggedRequest, make_server
from .world import Comment, Commit, Event, Issue, Label, PullRequest, Repo, Review, User, World

__all__ = [
    "FAULTS",
    "Comment",
    "Commit",
    "Event",
    "FakeGitHub",
    "FakeSetupError",
    "Fault",
    "Issue",
    "Label",
    "LoggedRequest",
    "PullRequest",
    "Repo",
    "Review",
    "User",
    "World",
    "load_schema",
    "make_server",
]
