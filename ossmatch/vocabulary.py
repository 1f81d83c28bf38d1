"""The words suggest and audit share: beginner labels, claims, maintainers, bots, activity windows.

One definition each, so that an issue counts as a beginner issue, a comment as a claim and a person as
a maintainer in the same way wherever ossmatch looks (``tests/test_vocabulary.py`` holds the table
both halves are checked against). Everything here is pure and cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ossmatch.models import Actor, Issue, PullRequest
    from ossmatch.repo_facts import MergedPull

# --------------------------------------------------------------------------- windows

#: "Recent" activity, as OpenSSF Scorecard's Maintained check and CHAOSS's 90-day windows use it.
ACTIVITY_WINDOW = timedelta(days=90)
#: A "can I take this?" older than this is treated as abandoned (chosen: most projects release
#: an unanswered claim after two to four weeks).
CLAIM_WINDOW = timedelta(days=30)
#: Issues younger than this without a reply are too early to count as unanswered.
RESPONSE_GRACE = timedelta(hours=48)
#: "The last year": a person's contribution history (next steps), the audit's retention window and
#: the default age limit of a suggested issue. A year covers every season of a project's cycle.
YEAR_WINDOW = timedelta(days=365)

# --------------------------------------------------------------------------- people

#: Associations GitHub gives to people with write access: their replies count as maintainer answers.
MAINTAINER_ASSOCIATIONS: frozenset[str] = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
#: Associations of people who have had no contribution merged yet, *as read now*: GitHub computes
#: the association when it is read, so a first-timer whose PR was merged reads CONTRIBUTOR on that
#: very PR. Whether an author was a newcomer when merged comes from merge history, not from this.
NEWCOMER_ASSOCIATIONS: frozenset[str] = frozenset({"FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "NONE"})


#: The login suffix GitHub gives app accounts (``dependabot[bot]``, ``github-actions[bot]``).
BOT_LOGIN_SUFFIX = "[bot]"


def is_bot_login(login: object) -> bool:
    """An app account's login (GitHub Apps, Actions): the one bot rule for a bare login.

    Accounts are recognised once, when read: ``Actor`` and ``MergedPull`` apply this rule on
    construction (beside GitHub's own Bot type), so everything after asks ``actor.is_bot``.
    """
    return isinstance(login, str) and login.lower().endswith(BOT_LOGIN_SUFFIX)


def is_maintainer_association(association: str) -> bool:
    """For records that carry only an association (a merged pull request's author)."""
    return association in MAINTAINER_ASSOCIATIONS


def is_maintainer(
    actor: Actor, association: str, maintainers: frozenset[str] = MAINTAINER_ASSOCIATIONS,
    known: frozenset[str] = frozenset(),
) -> bool:
    """A human with write access; deleted accounts and bots never count.

    ``known`` holds logins seen acting as maintainers (:func:`acting_maintainers`): people who keep
    their org membership private read as CONTRIBUTOR or NONE to outside tokens.
    """
    if actor.login is None or actor.is_bot:
        return False
    return association in maintainers or actor.login.lower() in known


def acting_maintainers(issues: Iterable[Issue], pulls: Iterable[PullRequest]) -> frozenset[str]:
    """Logins (lower case) that merged a pull request or labeled, assigned or closed someone
    else's issue: only people with triage or write access can, whatever their association says."""
    logins = [p.merged_by for p in pulls if p.merged_by]
    logins += [login for issue in issues for login in issue.triaged_by]
    return frozenset(login.lower() for login in logins if login and not is_bot_login(login))


# --------------------------------------------------------------------------- labels

#: Beginner label spellings seen in the wild, normalised by :func:`normalise_label`.
BEGINNER_LABELS: frozenset[str] = frozenset(
    {
        "good first issue",
        "good first bug",
        "good first contribution",
        "good for newcomers",
        "good for beginners",
        "beginner",
        "beginner friendly",
        "beginners",
        "first timers only",
        "first timer",
        "first time contributor",
        "newcomer",
        "newcomers",
        "easy",
        "easy fix",
        "starter",
        "starter issue",
        "low hanging fruit",
        "e easy",
        "difficulty easy",
        "level beginner",
    }
)
#: Labels that invite outside help without saying the issue is easy: searched for, but not beginner labels.
INVITATION_LABELS: frozenset[str] = frozenset({"help wanted", "up for grabs", "contributions welcome"})

#: Difficulty labels that mark an issue as a bigger step than a first contribution: maintainers
#: already judged it, so the audit never suggests labelling it for beginners.
BIGGER_STEP_LABELS: frozenset[str] = frozenset(
    {
        "medium",
        "hard",
        "difficult",
        "advanced",
        "expert",
        "intermediate",
        "complex",
        "difficulty medium",
        "difficulty hard",
        "difficulty high",
        "difficulty intermediate",
        "difficulty advanced",
        "level intermediate",
        "level advanced",
        "level hard",
        "complexity medium",
        "complexity high",
        "e medium",
        "e hard",
        "size large",
    }
)

#: Beginner labels as GitHub spells them, most common first: what ``suggest`` and the portal search
#: for and what the audit asks GitHub to count. GitHub matches label names, not normalised words, so
#: separators matter here, unlike in :func:`is_beginner_label`. Rarer spellings ("good for
#: newcomers", "level: beginner") are left out: each would lengthen every search, and the portal's
#: would need a third label group (50% more requests); the audit still counts them, with one more
#: request for a repository that uses one (it asks again for any beginner label this list misses).
BEGINNER_SEARCH_LABELS: tuple[str, ...] = (
    "good first issue",
    "good-first-issue",
    "good first bug",
    "beginner",
    "beginner friendly",
    "beginner-friendly",
    "first-timers-only",
    "easy",
    "starter",
    "newcomer",
    "low-hanging-fruit",
    "E-easy",
)
#: Invitations as GitHub spells them: searched for beside the beginner labels.
INVITATION_SEARCH_LABELS: tuple[str, ...] = ("help wanted", "up-for-grabs")
_RARER = BEGINNER_SEARCH_LABELS.index("low-hanging-fruit")
#: The spellings ``ossmatch suggest`` searches for, most common first: the invitations are among the
#: commonest labels on GitHub, so they come before the rarer beginner spellings.
SEARCH_LABELS: tuple[str, ...] = (
    *BEGINNER_SEARCH_LABELS[:_RARER], *INVITATION_SEARCH_LABELS, *BEGINNER_SEARCH_LABELS[_RARER:]
)
#: Labels a next-step search looks for: beyond beginner labels, the next rung of difficulty.
NEXT_STEP_SEARCH_LABELS: tuple[str, ...] = (
    "help wanted",
    "good first issue",
    "good-first-issue",
    "medium",
    "difficulty: medium",
    "E-medium",
    "intermediate",
    "mentored",
)

_NEGATED_LABEL = re.compile(r"\b(not|no|non)\b")


def normalise_label(name: str) -> str:
    """Lower-case and reduce separators and emoji so "Good-First-Issue" equals "good first issue"."""
    text = re.sub(r"[^a-z0-9]+", " ", name.lower())
    return " ".join(text.split())


def _contains_phrase(text: str, phrases: Iterable[str]) -> bool:
    if text in phrases:
        return True
    padded = f" {text} "
    return any(" " in phrase and f" {phrase} " in padded for phrase in phrases)


def is_beginner_label(name: str) -> bool:
    """Exact match, or a multi-word beginner phrase in a decorated name ("good first issue :star:").

    A negated name ("not a good first issue", "non-beginner") is not a beginner label.
    """
    text = normalise_label(name)
    return not _NEGATED_LABEL.search(text) and _contains_phrase(text, BEGINNER_LABELS)


def is_offered_label(name: str) -> bool:
    """A beginner label or an invitation: the label that offers an issue to a newcomer, named in reasons."""
    return is_beginner_label(name) or is_invitation_label(name)


def is_bigger_step_label(name: str) -> bool:
    """"difficulty: medium", "hard", "E-hard": the maintainers say this is not a first step."""
    text = normalise_label(name)
    return not _NEGATED_LABEL.search(text) and _contains_phrase(text, BIGGER_STEP_LABELS)


def is_invitation_label(name: str) -> bool:
    """"help wanted" and friends: maintainers welcome outside work, whatever its difficulty."""
    text = normalise_label(name)
    return not _NEGATED_LABEL.search(text) and _contains_phrase(text, INVITATION_LABELS)


# --------------------------------------------------------------------------- claims

_OBJ = r"(?:this(?:\s+(?:issue|one|task|bug))?|it|that|the\s+issue)"
_VERB = (
    r"(?:work(?:ing)?\s+on|take(?:\s+on)?|tackle|handle|grab|attempt|fix|solve|"
    r"help\s+with|contribute\s+to|pick\s+up|look\s+into)\s+" + _OBJ
    + r"|pick\s+" + _OBJ + r"\s+up|take\s+" + _OBJ + r"\s+(?:on|up)"
    + r"|give\s+" + _OBJ + r"\s+a\s+(?:try|shot|go)"
    + r"|take\s+a\s+(?:stab|crack|shot|swing)\s+at\s+" + _OBJ
    + r"|be\s+assigned(?:\s+(?:to\s+)?" + _OBJ + r")?|get\s+assigned"
)
_CLAIM_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rx, re.IGNORECASE)
    for rx in (
        r"\b(?:can|could|may|might|shall)\s+i\s+(?:please\s+)?(?:" + _VERB + r")",
        r"\bi(?:'d|\s+would)\s+(?:really\s+)?(?:like|love|want|be\s+happy|be\s+glad)\s+to\s+"
        r"(?:(?:try\s+(?:and|to)\s+)?(?:" + _VERB + r"))",
        r"\bi\s+(?:want|wish|hope|plan|intend)\s+to\s+(?:" + _VERB + r")",
        r"\b(?:i\s+am|i'm|im)\s+(?:currently\s+|now\s+|already\s+|actively\s+)?"
        r"(?:working\s+on\s+" + _OBJ + r"|on\s+it)\b",
        r"(?:^|[.!\n]\s*)working\s+on\s+(?:this|it)\b",
        r"\bi(?:'ll|\s+will|\s+can)\s+(?:take|work\s+on|handle|tackle|fix|pick\s+up|grab)\s+" + _OBJ,
        r"\bi(?:'ll|\s+will)\s+(?:pick\s+" + _OBJ + r"\s+up|give\s+" + _OBJ
        + r"\s+a\s+(?:try|shot|go)|(?:submit|open|raise|send|create|make)\s+(?:a|the)\s+(?:pr|pull\s+request|fix))",
        r"\blet\s+me\s+(?:try\s+" + _OBJ + r"|" + _VERB + r")",
        r"\bassign\s+(?:" + _OBJ + r"\s+to\s+)?me\b",
        r"\b(?:i\s+am|i'm|im)\s+interested\s+in\s+(?:working\s+on\s+)?(?:this|it)\b",
        r"\b(?:i\s+am|i'm|im)\s+(?:going\s+to|gonna)\s+(?:work\s+on|fix|tackle|take)\s+" + _OBJ,
        # 2026: slash commands bots act on, and the agent-style "I reviewed #12 and I'm ready to handle it"
        r"(?:^|\n)\s*/(?:assign|take|claim)(?:\s+me)?[ \t]*(?=$|\n)",
        r"\b(?:i\s+am|i'm|im)\s+ready\s+to\s+(?:" + _VERB + r"|start)",
        r"\bi(?:'ve|\s+have)\s+(?:already\s+)?started\s+(?:working\s+on\s+)?" + _OBJ,
    )
)

_NEGATION = re.compile(r"(n't|\bnot|\bnever|\bno one|\bnobody)\s+(\w+\s+)?$")


def first_phrase(patterns: Iterable[re.Pattern[str]], text: str) -> str | None:
    """The first phrase matching ``patterns`` that is neither quoted ("> ...") nor negated."""
    lines = [ln for ln in text.replace("\u2019", "'").split("\n") if not ln.lstrip().startswith(">")]
    body = "\n".join(lines)
    for rx in patterns:
        for m in rx.finditer(body):
            before = body[max(0, m.start() - 16):m.start()].lower()
            if not _NEGATION.search(before):
                return m.group(0).strip(" .!\n")
    return None


def claim_phrase(text: str) -> str | None:
    """The claiming phrase in a comment ("can I work on this?"), or None."""
    return first_phrase(_CLAIM_PATTERNS, text)


# --------------------------------------------------------------------------- newcomers by merge history

def first_merges(history: Iterable[MergedPull]) -> dict[str, MergedPull]:
    """Each human author's earliest merged pull request in ``history``."""
    first: dict[str, MergedPull] = {}
    for pull in history:
        if pull.author is None or pull.is_bot:
            continue
        known = first.get(pull.author)
        if known is None or pull.merged_at < known.merged_at:
            first[pull.author] = pull
    return first


def is_newcomer_pull(pull: PullRequest, first: dict[str, MergedPull]) -> bool:
    """A first-timer's pull request: GitHub says so, or it was the author's first merge.

    GitHub recomputes ``authorAssociation`` when it is read (a first-timer whose pull request was
    merged reads CONTRIBUTOR on that very pull request), so a merged first contribution is
    recognised from the merge history instead. Suggest and audit both count newcomers this way.
    """
    if pull.author.is_bot or pull.author.login is None:
        return False
    if pull.author_association in NEWCOMER_ASSOCIATIONS:
        return True
    earliest = first.get(pull.author.login)
    return earliest is not None and earliest.number == pull.number and not is_maintainer_association(
        pull.author_association
    )
