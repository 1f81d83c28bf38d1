"""Built-in checks, grouped by theme; importing this package registers them in report order."""

from ossmatch.audit.checks import documents, labels, people, upkeep  # noqa: F401
