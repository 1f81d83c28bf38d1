"""``cohort.toml``: a mentoring programme's people, what each knows, and the matching rules.

Checked key by key like ``community.toml``: unknown keys are errors naming the key, so a typo is
never a setting silently ignored. Emails may live in the roster, but a roster committed to a
repository should leave them out and pass them in ``OSSMATCH_COHORT_EMAILS`` (a secret).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator
from pydantic_core import ErrorDetails

from ossmatch.cohort.state import parse_ref, ref
from ossmatch.config_files import (
    OWNER_NAME,
    REPO_NAME,
    AccountNames,
    RepoNames,
    TopicNames,
    key_problem,
    parse_toml,
    read_capped,
    utf8_text,
)
from ossmatch.digest.addresses import parse_address
from ossmatch.errors import UsageProblem
from ossmatch.profile import LOGIN_PATTERN, MAX_TERM_LENGTH, Profile

#: A week's offers per person: a newcomer finishes one or two issues a week at most.
MAX_PER_PERSON = 5
#: People in one cohort: a bound on the solver's work and the state file. Histories cost about 5
#: GraphQL points each, so an hour's quota (5,000 points) reads about 900 of them; the rest are
#: matched by skills only, and the summary says so.
MAX_PEOPLE = 2000
#: Skills per person, as for a profile: each distinct skill can add a search query.
MAX_SKILLS = 30
#: A roster is a few hundred lines of TOML; anything far larger is not one.
MAX_ROSTER_BYTES = 1024 * 1024
#: The variable holding ``login=address`` pairs, so addresses stay out of a committed roster.
EMAILS_ENV = "OSSMATCH_COHORT_EMAILS"


def _github_login(login: str) -> str:
    if not LOGIN_PATTERN.fullmatch(login):
        raise ValueError(f"{login!r} is not a GitHub login")
    return login


#: A mentor's or a person's ``login``.
Login = Annotated[str, AfterValidator(_github_login)]


class Mentor(BaseModel):
    """A mentor the programme lists; named in the mails of people offered issues in their projects."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    login: Login
    name: str = Field("", max_length=80)
    #: ``owner/name`` or ``owner`` entries; empty: mentors anyone in the cohort.
    projects: tuple[str, ...] = ()

    @field_validator("projects")
    @classmethod
    def _projects(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for name in v:
            if not (REPO_NAME.match(name) or OWNER_NAME.match(name)):
                raise ValueError(f"{name!r} is not OWNER/REPO or OWNER")
        return v

    def covers(self, repo: str) -> bool:
        owner = repo.split("/")[0].lower()
        return not self.projects or any(p.lower() in (repo.lower(), owner) for p in self.projects)


class Person(BaseModel):
    """One cohort member: a GitHub login, what they know, and (optionally) where to mail them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    login: Login
    name: str = Field("", max_length=80)
    email: str | None = None
    skills: tuple[str, ...] = Field(max_length=MAX_SKILLS)
    level: Literal["beginner", "intermediate"] = "beginner"
    #: They work with an AI assistant: projects whose stated policy refuses AI-assisted work are
    #: never offered to them (the profile key of the same name).
    ai_assisted: StrictBool = False  # TOML has true and false: "yes" is a mistake, not a yes
    #: Issues handed back (``owner/repo#N``): never offered to this person again. The same as
    #: ``ossmatch cohort decline``, for a roster kept in a repository.
    declined: tuple[str, ...] = Field((), max_length=500)

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                parse_address(v)
            except UsageProblem:
                raise ValueError("is not an email address") from None
        return v

    @field_validator("skills")
    @classmethod
    def _skills(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(s.strip() for s in v if s.strip()))
        if not cleaned:
            raise ValueError("must name at least one skill")
        for skill in cleaned:
            if len(skill) > MAX_TERM_LENGTH or '"' in skill or any(ord(c) < 0x20 for c in skill):
                raise ValueError(f"{skill[:20]!r} is not a skill (at most {MAX_TERM_LENGTH} plain characters)")
        return cleaned

    @field_validator("declined")
    @classmethod
    def _declined(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for item in v:
            if parse_ref(item) is None:
                raise ValueError(f"{item!r} is not OWNER/REPO#N")
        return v

    @property
    def declined_refs(self) -> frozenset[str]:
        """``declined`` spelled as the state spells it (lowercase ``owner/repo#N``)."""
        return frozenset(ref(*parsed) for item in self.declined if (parsed := parse_ref(item)) is not None)

    def profile(self) -> Profile:
        """The person as ``suggest`` sees them: their skills, level and use of an AI assistant."""
        return Profile(skills=self.skills, level=self.level, ai_assisted=self.ai_assisted)


class Roster(BaseModel):
    """Everything ``cohort.toml`` may say; ``name`` and ``people`` are required."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    #: Named in every mail as the person to answer ("Ada Lovelace (@ada)"); no address needed.
    coordinator: str = Field("", max_length=120)
    #: Offers each person holds at once (chosen: one to start and one in reserve if the first is taken).
    per_person: int = Field(2, ge=1, le=MAX_PER_PERSON)
    #: People sent to one project at once (chosen: a small project's maintainers can answer three
    #: newcomers in a week; 100 only stops a typo).
    max_per_project: int = Field(3, ge=1, le=100)
    repositories: RepoNames = ()
    orgs: AccountNames = ()
    topics: TopicNames = ()
    mentors: tuple[Mentor, ...] = ()
    people: tuple[Person, ...] = Field(min_length=1, max_length=MAX_PEOPLE)

    @field_validator("people")
    @classmethod
    def _unique_logins(cls, v: tuple[Person, ...]) -> tuple[Person, ...]:
        seen: set[str] = set()
        for person in v:
            key = person.login.lower()
            if key in seen:
                raise ValueError(f"{person.login} is listed twice: one entry per person")
            seen.add(key)
        return v

    def person(self, login: str) -> Person | None:
        return next((p for p in self.people if p.login.lower() == login.lower()), None)

    @property
    def restricted(self) -> bool:
        """Whether the roster limits the cohort to some projects (else: all of GitHub)."""
        return bool(self.repositories or self.orgs or self.topics)


def _where(error: ErrorDetails, data: Mapping[str, object]) -> str:
    """``people[2].skills`` named by login where possible: ``people[nora-new].skills``."""
    parts: list[str] = []
    loc = list(error["loc"])
    for i, part in enumerate(loc):
        if isinstance(part, int) and i > 0 and loc[i - 1] in ("people", "mentors"):
            table = data.get(str(loc[i - 1]))
            entry = table[part] if isinstance(table, list) and part < len(table) else None
            login = entry.get("login") if isinstance(entry, dict) else None
            parts[-1] += f"[{login}]" if isinstance(login, str) and login else f"[{part + 1}]"
        else:
            parts.append(str(part))
    return ".".join(parts) or "(top level)"


def parse_roster(text: str, source: str = "cohort.toml") -> Roster:
    """Parse and validate; every problem is one ``UsageProblem`` line naming the file and key."""
    data = parse_toml(text, source, UsageProblem)
    try:
        return Roster.model_validate(data)
    except ValidationError as error:
        errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        message = key_problem(first)
        if first["type"] == "too_short" and first["loc"] == ("people",):
            message = "list at least one person ([[people]] with login and skills)"
        raise UsageProblem(f"{source}: {_where(first, data)}: {message}") from None


def load_roster(path: Path) -> Roster:
    raw = read_capped(
        path,
        MAX_ROSTER_BYTES,
        UsageProblem,
        missing="file not found (create one with `ossmatch cohort init`)",
        too_large=f"larger than {MAX_ROSTER_BYTES // 1024} KiB; a roster is a few hundred lines",
    )
    return parse_roster(utf8_text(raw, path, UsageProblem), str(path))


_PAIR = re.compile(r"^\s*([A-Za-z0-9-]{1,39})\s*=\s*(.+?)\s*$")


def emails_from(roster: Roster, env: Mapping[str, str]) -> dict[str, str]:
    """Each person's address (lowercased login -> address): the roster's, then ``OSSMATCH_COHORT_EMAILS``
    (``login=address`` separated by newlines or commas), which wins. Problems name the login, never
    the address."""
    found = {p.login.lower(): p.email for p in roster.people if p.email}
    raw = env.get(EMAILS_ENV, "")
    for number, item in enumerate(re.split(r"[\n,]", raw), start=1):
        if not item.strip():
            continue
        match = _PAIR.match(item)
        if match is None:
            raise UsageProblem(f"{EMAILS_ENV}: entry {number} is not login=address")
        login, address = match.group(1).lower(), match.group(2)
        if roster.person(login) is None:
            raise UsageProblem(f"{EMAILS_ENV}: {match.group(1)} is not in the roster")
        try:
            parse_address(address)
        except UsageProblem:
            raise UsageProblem(f"{EMAILS_ENV}: the address for {match.group(1)} is not an email address") from None
        found[login] = address
    return found


STARTER = '''\
# cohort.toml: a mentoring programme's weekly match, one person per issue.
# Run it with:  ossmatch cohort --roster cohort.toml            (a summary, nothing sent)
#               ossmatch cohort --roster cohort.toml --send     (each person gets their own mail)
# Keep email addresses out of a roster you commit: pass them as OSSMATCH_COHORT_EMAILS
# ("login=address" pairs, one per line) from a secret instead.

name = "Spring mentoring"
coordinator = "Ada Lovelace (@ada)"   # named in every mail as the person to ask
per_person = 2          # issues offered to each person each week
max_per_project = 3     # people sent to one project at once

# Optional: only issues in these projects (otherwise all of GitHub).
repositories = []       # ["owner/repo", ...]
# orgs = ["octo-org"]
# topics = ["hacktoberfest"]

# Mentors, named in the mails of people offered issues in their projects (no projects: everyone).
# [[mentors]]
# login = "grace"
# name = "Grace Hopper"
# projects = ["octo-org/octo-repo"]

[[people]]
login = "nora-new"
skills = ["python", "docs"]
level = "beginner"      # or "intermediate"
# ai_assisted = true     # works with an AI assistant: never offered projects that refuse AI-assisted work
# email = "nora@example.org"   # better: OSSMATCH_COHORT_EMAILS
# declined = ["octo-org/octo-repo#12"]   # handed back: never offered to her again

[[people]]
login = "sam-student"
skills = ["javascript", "testing"]
'''
