"""The one-call audit other parts of ossmatch use (the site's grades and top fixes), and the shared
vocabulary of labels the audit leaves out of its labelling suggestions."""

from __future__ import annotations

import pytest
from clients import make_client
from worlds import add_slow

from ossmatch.audit.run import audit_repository
from ossmatch.vocabulary import is_beginner_label, is_bigger_step_label


def test_audit_repository_returns_the_evaluation_with_fixes_in_order(fake_github):
    add_slow(fake_github.world)
    result = audit_repository(make_client(fake_github), "big/slow", fake_github.world.now)
    assert (result.grade, result.repo) == ("B", "big/slow")
    assert [f.check for f in result.fixes][:3] == ["issue-response", "new-contributors", "newcomer-prs"]
    assert result.limits == ()


def test_without_a_token_the_result_says_what_a_token_adds(fake_github):
    add_slow(fake_github.world)
    result = audit_repository(make_client(fake_github, token=None), "big/slow", fake_github.world.now)
    assert result.limits and "GITHUB_TOKEN" in result.limits[0]
    assert fake_github.count("graphql") == 0


@pytest.mark.parametrize("name, bigger", [
    ("difficulty: medium", True), ("Hard", True), ("E-hard", True), ("level: advanced", True),
    ("intermediate", True), ("good first issue", False), ("medium priority", False),
    ("not hard", False), ("help wanted", False), ("bug", False),
])
def test_bigger_step_labels(name, bigger):
    assert is_bigger_step_label(name) is bigger
    assert not (bigger and is_beginner_label(name))
