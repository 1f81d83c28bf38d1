"""Claims ("can I take this?") and mentoring offers found in an issue's comments."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ossmatch.models import Issue
from ossmatch.vocabulary import CLAIM_WINDOW, MAINTAINER_ASSOCIATIONS, claim_phrase, first_phrase, is_maintainer


def _hours(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 3600.0


# --------------------------------------------------------------------------- claims

class Claim(BaseModel):
    """A recent comment from someone asking for, or announcing work on, the issue."""

    model_config = ConfigDict(frozen=True)

    author: str | None
    created_at: datetime
    age_hours: float
    phrase: str
    by_issue_author: bool = False


def find_claims(issue: Issue, now: datetime,
                maintainers: frozenset[str] = MAINTAINER_ASSOCIATIONS) -> list[Claim]:
    """Recent claims by non-maintainer humans (the issue author included), newest first."""
    claims: list[Claim] = []
    for c in issue.comments:
        if c.author.is_bot or c.author.login is None or c.association in maintainers:
            continue
        if c.created_at > now or now - c.created_at > CLAIM_WINDOW:
            continue
        phrase = claim_phrase(c.body)
        if phrase is None:
            continue
        claims.append(Claim(
            author=c.author.login,
            created_at=c.created_at,
            age_hours=_hours(c.created_at, now),
            phrase=phrase,
            by_issue_author=c.author.login == issue.author.login,
        ))
    claims.sort(key=lambda c: c.created_at, reverse=True)
    return claims


# --------------------------------------------------------------------------- mentorship

class Mentorship(BaseModel):
    """Evidence that a maintainer offered help on an issue: a label, a comment or a named contact."""

    model_config = ConfigDict(frozen=True)

    kind: str  # "label" | "comment" | "contact"
    evidence: str
    mentor: str | None = None


_MENTOR_LABEL = re.compile(r"\bmentor(ed|ing|s)?\b|\bhas mentor\b|\be mentor\b", re.IGNORECASE)
_MENTOR_LABEL_NEGATED = re.compile(r"\b(no|not|without|needs?)\s+(a\s+)?mentor", re.IGNORECASE)

_OFFER_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rx, re.IGNORECASE)
    for rx in (
        r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:happy|glad|available|here)\s+to\s+(?:help|mentor|guide|assist)",
        # not "happy to review": reviewing a finished pull request is not guiding a newcomer through it
        r"\bhappy\s+to\s+(?:help|mentor|guide|assist)\b",
        r"\bi\s+(?:can|could|will|'ll)\s+(?:mentor|guide|help\s+you|help\s+out|walk\s+you)",
        r"\bi'll\s+(?:mentor|guide|help\s+you|help\s+out|walk\s+you)",
        r"\bfeel\s+free\s+to\s+(?:ask|ping|reach\s+out|@?mention)",
        r"\b(?:ping|ask|mention)\s+me\b",
        r"\bmentor(?:ing)?\s+(?:available|is\s+available)",
        r"\b(?:willing|available)\s+to\s+mentor",
    )
)
_CONTACT = re.compile(
    r"\b(?:mentors?|contact|point\s+of\s+contact|reach\s+out\s+to|ask|ping)\s*(?:is|are)?\s*:?\s*@([A-Za-z0-9-]{1,39})\b",
    re.IGNORECASE,
)


def mentor_offer(text: str) -> str | None:
    """The phrase offering guidance in a comment ("happy to help"), ignoring quotes and negations."""
    return first_phrase(_OFFER_PATTERNS, text)


def is_mentor_label(name: str) -> bool:
    """``mentored``, ``E-mentor``, ``mentor available``, ``has mentor``; not ``needs mentor``."""
    text = re.sub(r"[\s_\-:/]+", " ", name).strip()
    return bool(_MENTOR_LABEL.search(text)) and not _MENTOR_LABEL_NEGATED.search(text)


def find_mentorship(issue: Issue, maintainers: frozenset[str] = MAINTAINER_ASSOCIATIONS) -> Mentorship | None:
    """Whether a maintainer offered help: a mentor label, a maintainer's offer, or a named contact.

    Offers count only from maintainers (the issue's author included when a maintainer wrote it),
    because a newcomer writing "happy to help" is volunteering, not mentoring.
    """
    for label in issue.labels:
        if is_mentor_label(label.name):
            return Mentorship(kind="label", evidence=label.name)
    for c in sorted(issue.comments, key=lambda c: c.created_at, reverse=True):
        if not is_maintainer(c.author, c.association, maintainers):
            continue
        phrase = mentor_offer(c.body)
        if phrase is not None:
            return Mentorship(kind="comment", evidence=phrase, mentor=c.author.login)
    body = issue.body or ""
    contact = _CONTACT.search(body)
    if contact is not None:
        return Mentorship(kind="contact", evidence=contact.group(0).strip(), mentor=contact.group(1))
    if is_maintainer(issue.author, issue.author_association, maintainers):
        phrase = mentor_offer(body)
        if phrase is not None:
            return Mentorship(kind="comment", evidence=phrase, mentor=issue.author.login)
    return None

