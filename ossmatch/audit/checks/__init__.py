"""Built-in checks, grouped by theme; importing this package registers them in report order."""

from ossmatch.audit.checks import documents, labels, people, policies, upkeep  # noqa: F401
