from __future__ import annotations

import pytest
from clients import make_client

from ossmatch.github.client import GitHubClient


@pytest.fixture
def client(fake_github) -> GitHubClient:
    return make_client(fake_github)
