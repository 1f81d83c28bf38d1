"""One vocabulary: suggest and audit judge labels, claims, maintainers and bots alike."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ossmatch.audit.checks import labels as audit_labels
from ossmatch.models import Actor, Comment, Issue, Label
from ossmatch.suggest.claims import find_claims
from ossmatch.suggest.signals import categorize_label
from ossmatch.vocabulary import (
    BEGINNER_SEARCH_LABELS,
    INVITATION_SEARCH_LABELS,
    NEXT_STEP_SEARCH_LABELS,
    SEARCH_LABELS,
    is_beginner_label,
    is_bigger_step_label,
    is_invitation_label,
    is_maintainer,
    is_offered_label,
)

NOW = datetime(2026, 11, 30, tzinfo=timezone.utc)

# label, beginner?, invitation?
LABELS = [
    ("good first issue", True, False),
    ("Good-First-Issue", True, False),
    ("good first issue :star:", True, False),
    ("E-easy", True, False),
    ("beginner-friendly", True, False),
    ("first-timers-only", True, False),
    ("help wanted", False, True),
    ("up-for-grabs", False, True),
    ("not a good first issue", False, False),
    ("non-beginner", False, False),
    ("no help wanted", False, False),
    ("bug", False, False),
    ("medium", False, False),
]


@pytest.mark.parametrize(("name", "beginner", "invitation"), LABELS)
def test_label_table(name: str, beginner: bool, invitation: bool) -> None:
    assert is_beginner_label(name) is beginner
    assert is_invitation_label(name) is invitation


@pytest.mark.parametrize(("name", "beginner", "invitation"), LABELS)
def test_suggest_label_category_agrees_for_beginner_labels(name: str, beginner: bool, invitation: bool) -> None:
    """The model's ``gfi`` category covers every beginner label (it also covers invitations, as RecGFI does)."""
    if beginner:
        assert "gfi" in categorize_label(name)
    if not beginner and not invitation:
        assert "gfi" not in categorize_label(name)


def test_every_searched_label_is_a_beginner_or_invitation_label() -> None:
    for name in SEARCH_LABELS:
        assert is_beginner_label(name) or is_invitation_label(name), name


class _Stop(Exception):
    pass


class _RecordingClient:
    """Records the variables of the audit's first request, then stops the fetch."""

    def __init__(self) -> None:
        self.variables: dict[str, object] = {}

    def graphql(self, query: str, variables: dict[str, object], kind: str) -> None:
        self.variables = variables
        raise _Stop


def _audit_asks_for() -> list[str]:
    from ossmatch.github.snapshot_graphql import fetch_snapshot

    client = _RecordingClient()
    with pytest.raises(_Stop):
        fetch_snapshot(client, "o/r", NOW)  # type: ignore[arg-type]
    return list(client.variables["beginnerLabels"])  # type: ignore[call-overload]


def _suggest_searches() -> str:
    from ossmatch.profile import Profile
    from ossmatch.suggest.plan import plan_queries

    return " ".join(plan_queries(Profile(skills=("python",)), NOW))


def _portal_searches() -> str:
    from ossmatch.site.collect import plan_queries
    from ossmatch.site.config import Community

    return " ".join(plan_queries(Community(name="c", repositories=("o/r",))))


# spelling on GitHub, beginner?, invitation?: every spelling suggest, the audit and the portal search for
SPELLINGS = [(name, True, False) for name in BEGINNER_SEARCH_LABELS] + [
    (name, False, True) for name in INVITATION_SEARCH_LABELS
]


@pytest.mark.parametrize(("name", "beginner", "invitation"), SPELLINGS)
def test_suggest_audit_and_the_searches_agree_on_every_spelling(name: str, beginner: bool, invitation: bool) -> None:
    assert is_beginner_label(name) is beginner and is_invitation_label(name) is invitation
    assert is_offered_label(name), "suggest names the label in its reasons"
    assert "gfi" in categorize_label(name), "the newcomer model sees it as RecGFI's beginner category"
    for searches in (_suggest_searches(), _portal_searches()):
        assert f'"{name}"' in searches or f",{name}" in searches or f":{name}" in searches, searches
    assert (name in _audit_asks_for()) is beginner, "the audit counts beginner labels, not invitations"


def test_the_searches_are_the_vocabulary_s_spellings_and_no_other() -> None:
    assert set(SEARCH_LABELS) == {*BEGINNER_SEARCH_LABELS, *INVITATION_SEARCH_LABELS}
    assert len(SEARCH_LABELS) == len(set(SEARCH_LABELS))
    assert _audit_asks_for() == list(BEGINNER_SEARCH_LABELS)


def test_next_step_labels_are_named_kinds() -> None:
    for name in NEXT_STEP_SEARCH_LABELS:
        assert is_offered_label(name) or is_bigger_step_label(name) or name == "mentored", name


# login, is_bot flag, association, bot?, maintainer?
PEOPLE = [
    ("alice", False, "MEMBER", False, True),
    ("bob", False, "OWNER", False, True),
    ("carol", False, "COLLABORATOR", False, True),
    ("dave", False, "CONTRIBUTOR", False, False),
    ("erin", False, "NONE", False, False),
    ("dependabot[bot]", False, "MEMBER", True, False),
    ("helper", True, "MEMBER", True, False),
    (None, False, "MEMBER", False, False),
]


@pytest.mark.parametrize(("login", "flag", "association", "bot", "maintainer"), PEOPLE)
def test_people_table(login: str | None, flag: bool, association: str, bot: bool, maintainer: bool) -> None:
    actor = Actor(login=login, is_bot=flag)
    assert actor.is_bot is bot
    assert is_maintainer(actor, association) is maintainer


# comment, by association, claimed?
CLAIMS = [
    ("Can I work on this?", "NONE", True),
    ("I'd like to take this one", "CONTRIBUTOR", True),
    ("I'm working on it", "FIRST_TIME_CONTRIBUTOR", True),
    ("> can I work on this?\nanswered above", "NONE", False),
    ("Nobody is working on this", "NONE", False),
    ("Can I work on this?", "MEMBER", False),
    # the phrasings of 2026, as seen in real threads (slash commands, agent-style claims)
    ("/assign", "NONE", True),
    ("/assign me", "NONE", True),
    ("assign me please", "NONE", True),
    ("Please assign me this issue.", "NONE", True),
    ("Hi, could you assign it to me?", "CONTRIBUTOR", True),
    ("I reviewed owner/repo#12 and I'm ready to handle it. - My read: the parser drops the flag.", "NONE", True),
    ("I'm ready to work on this issue", "NONE", True),
    ("let me take a stab at this", "NONE", True),
    ("I'd like to take a crack at it", "NONE", True),
    ("Thanks, I'll open a PR shortly.", "NONE", True),
    ("I will raise a PR for this today", "NONE", True),
    ("I have started working on this.", "NONE", True),
    # look-alikes that are not claims
    ("thanks for taking this on", "NONE", False),
    ("can someone take this?", "NONE", False),
    ("/assign @alice", "NONE", False),
    ("Is anyone working on this? If not, someone should pick it up.", "NONE", False),
    ("Please don't assign it to me, I'm busy.", "NONE", False),
    ("I'll open a PR", "MEMBER", False),
    ("Happy to review a PR if someone takes it.", "MEMBER", False),
]


@pytest.mark.parametrize(("body", "association", "claimed"), CLAIMS)
def test_claims_mean_the_same_in_suggest_and_audit(body: str, association: str, claimed: bool) -> None:
    comment = Comment(author=Actor(login="someone"), association=association, body=body,  # type: ignore[arg-type]
                      created_at=NOW - timedelta(days=2))
    issue = Issue(
        repo="o/r", number=1, title="t", url="https://github.com/o/r/issues/1", author=Actor(login="reporter"),
        created_at=NOW - timedelta(days=10), updated_at=NOW - timedelta(days=2),
        labels=(Label(name="good first issue"),), comments=(comment,), comment_count=1,
    )
    suggest_says = bool(find_claims(issue, NOW))
    audit_says = audit_labels._is_claimed(issue, NOW)
    assert suggest_says is claimed
    assert audit_says is claimed


# a maintainer's comment, mentoring offer?
OFFERS = [
    ("Happy to help if you get stuck!", True),
    ("I can mentor whoever picks this up.", True),
    ("Happy to review a PR.", False),
    ("happy to review", False),
    ("Thanks for taking this on!", False),
]


@pytest.mark.parametrize(("body", "offer"), OFFERS)
def test_happy_to_review_is_not_mentoring(body: str, offer: bool) -> None:
    from ossmatch.suggest.claims import find_mentorship

    comment = Comment(author=Actor(login="maint"), association="MEMBER", body=body, created_at=NOW - timedelta(days=1))
    issue = Issue(repo="o/r", number=1, title="t", url="https://github.com/o/r/issues/1",
                  author=Actor(login="reporter"), created_at=NOW - timedelta(days=10),
                  updated_at=NOW - timedelta(days=1), comments=(comment,), comment_count=1)
    assert (find_mentorship(issue) is not None) is offer
