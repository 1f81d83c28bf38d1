"""Where the project lives, read from the package metadata that pyproject's ``[project.urls]`` declares.

Links in outputs (Markdown footers, digests) and the examples' ``uses:`` name this one home.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, metadata

#: The declared home, for a source checkout that was never installed (no metadata to read).
DEFAULT_HOME = "https://github.com/ossmatch/ossmatch"


@cache
def project_home() -> str:
    """The ``Homepage`` entry of ``[project.urls]``."""
    try:
        entries = metadata("ossmatch").get_all("Project-URL") or []
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return DEFAULT_HOME
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "homepage" and url.strip():
            return url.strip()
    return DEFAULT_HOME  # pragma: no cover - pyproject always declares it (tests/test_project.py)
