"""Build the test community's portal once per session against the fake GitHub."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from site_helpers import Built, build_community


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from fakegithub.graphql_api import NODE_MODULES, SETUP_HINT

    if not NODE_MODULES.is_dir():
        pytest.fail(f"{NODE_MODULES} is missing: {SETUP_HINT}", pytrace=False)
    site = build_community(tmp_path_factory.mktemp("community"))
    assert site.result.exit_code == 0, site.result.output
    return site
