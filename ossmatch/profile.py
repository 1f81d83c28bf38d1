"""The person's profile: skills, interests and filters, from TOML and/or the command line."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from ossmatch.config_files import parse_toml, read_capped, utf8_text
from ossmatch.errors import UsageProblem
from ossmatch.skills import (
    FRAMEWORKS,
    INTERESTS,
    LANGUAGES,
    ExpandedSkills,
    expand_skills,
    normalize_skill,
)


class ProfileError(ValueError):
    """A profile problem, with a one-line message fit to show the user as-is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


EMPTY_PROFILE_MESSAGE = ("no skills given: use --skills python,docs or --profile PATH "
                         "(or `ossmatch profile init` writes ./ossmatch.toml, read by default)")

#: Input budgets (docs/troubleshooting.md, "What ossmatch refuses"). Each skill or label can add a search request,
#: so unbounded lists would burn the hourly quota before anything is shown.
MAX_TERMS: dict[str, int] = {
    "skills": 30,
    "languages": 30,
    "interests": 30,
    "include_labels": 20,
    "exclude_labels": 100,
    "exclude_repos": 100,
    "exclude_orgs": 100,
}
#: GitHub's own limit on a label name; a longer skill or label could not fit a 256-character query.
MAX_TERM_LENGTH = 50
#: A profile is a few lines of TOML; anything larger is not one (and ``/dev/zero`` never ends).
MAX_PROFILE_BYTES = 64 * 1024
#: Ten years: GitHub search has nothing older worth starting on, and larger values overflow dates.
MAX_ISSUE_AGE_DAYS = 3650
#: More stars than any repository on GitHub has.
MAX_STARS = 10_000_000

#: GitHub's login rules: letters, digits and hyphens, at most 39 characters. Sign-up today also
#: forbids leading, trailing and double hyphens, but older accounts have them (``foo-``), so
#: only the character set and length are checked: enough that no login adds a search qualifier
#: (space, colon) or a path segment (slash, dot).
LOGIN_PATTERN = re.compile(r"^(?=.*[A-Za-z0-9])[A-Za-z0-9-]{1,39}$")
#: ``owner/name`` as GitHub allows it: a login, then letters, digits, ``.``, ``_`` and ``-``.
REPO_PATTERN = re.compile(r"^(?=[^/]*[A-Za-z0-9])[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def is_login(value: str) -> bool:
    """True if ``value`` could be a GitHub user or organisation login."""
    return bool(LOGIN_PATTERN.fullmatch(value))


def check_login(login: str, option: str) -> str:
    """Refuse anything that is not a GitHub login, so it cannot add search qualifiers or path parts."""
    if not is_login(login):
        raise UsageProblem(
            f"{option} {login!r} is not a GitHub login (letters, digits and hyphens, at most 39)"
        )
    return login


def check_limits(profile: Profile, source: str = "profile") -> Profile:
    """Refuse lists and terms beyond the input budgets, and exclusions GitHub could not mean.

    One error names the first problem; it is raised before any request is sent.
    """
    for field, most in MAX_TERMS.items():
        values: tuple[str, ...] = getattr(profile, field)
        if len(values) > most:
            raise ProfileError(f"{source}: {field} has {len(values)} entries; at most {most} are allowed")
        long = [v for v in values if len(v) > MAX_TERM_LENGTH]
        if long:
            raise ProfileError(
                f"{source}: {field} entry {long[0][:20]!r}... is {len(long[0])} characters; "
                f"at most {MAX_TERM_LENGTH} fit a GitHub search"
            )
    for repo in profile.exclude_repos:
        if not REPO_PATTERN.fullmatch(repo):
            raise ProfileError(f"{source}: exclude_repos entry {repo!r} is not OWNER/NAME")
    for org in profile.exclude_orgs:
        if not is_login(org):
            raise ProfileError(f"{source}: exclude_orgs entry {org!r} is not a GitHub login")
    for label in profile.exclude_labels + profile.include_labels:
        if '"' in label or any(ord(c) < 0x20 for c in label):
            raise ProfileError(f"{source}: label {label!r} contains a quote or control character")
    return profile


class ScoreWeights(BaseModel):
    """Relative weights of the score components; they are normalised, so only ratios matter."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    # The defaults are the reference the exponents are measured from (each counts as 1.0 at its
    # default), so only a profile's departures from them matter; their ratio orders fit before
    # the newcomer and maintainer evidence, and freshness last (chosen; docs/ranking.md).
    skill: float = Field(0.35, ge=0, le=1e6)  # what the person can do: asked for first
    newcomer: float = Field(0.25, ge=0, le=1e6)  # the newcomer model's chance for the issue
    maintainer: float = Field(0.25, ge=0, le=1e6)  # answers and merges: as telling as the model
    freshness: float = Field(0.15, ge=0, le=1e6)  # age: a tie-breaker more than a signal

    def as_dict(self) -> dict[str, float]:
        return {"skill": self.skill, "newcomer": self.newcomer,
                "maintainer": self.maintainer, "freshness": self.freshness}


DEFAULT_WEIGHTS = ScoreWeights()

_LIST_FIELDS = (
    "skills", "languages", "interests", "include_labels", "exclude_labels",
    "exclude_repos", "exclude_orgs",
)


class Profile(BaseModel):
    """What a person knows and wants; unknown keys are rejected so typos are caught."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    #: The file it was read from, for messages; not a profile key, so not in TOML or JSON.
    _source: str | None = PrivateAttr(default=None)

    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    level: Literal["beginner", "intermediate"] = "beginner"
    #: Extra labels to search for besides the usual beginner labels; they earn a small bonus.
    include_labels: tuple[str, ...] = ()
    exclude_labels: tuple[str, ...] = ()
    #: ``owner/name`` entries, compared case-insensitively.
    exclude_repos: tuple[str, ...] = ()
    exclude_orgs: tuple[str, ...] = ()
    min_stars: int = Field(0, ge=0, le=MAX_STARS)
    max_issue_age_days: int | None = Field(None, gt=0, le=MAX_ISSUE_AGE_DAYS)
    #: You work with an AI assistant: leave out projects that say they do not accept AI-assisted work.
    ai_assisted: bool = False
    weights: ScoreWeights | None = None

    @field_validator(*_LIST_FIELDS, mode="before")
    @classmethod
    def _split_strings(cls, v: Any) -> Any:
        """Accept "python, docs" as well as ["python", "docs"]; drop blanks and duplicates."""
        if isinstance(v, str):
            v = v.split(",")
        if isinstance(v, (list, tuple)):
            out: list[Any] = []
            for item in v:
                if isinstance(item, str):
                    item = item.strip()
                    if not item or item in out:
                        continue
                out.append(item)
            return tuple(out)
        return v

    @property
    def source(self) -> str | None:
        """The profile file this came from, or None when it was built from options."""
        return self._source

    def __eq__(self, other: object) -> bool:
        """Equal when the settings are; where they were read from does not matter."""
        if not isinstance(other, Profile):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash(self.model_dump_json())

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.languages or self.interests)

    def expanded(self) -> ExpandedSkills:
        """All skills, languages and interests sorted into the canonical vocabulary."""
        return expand_skills((*self.skills, *self.languages, *self.interests))


def _num(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _describe(err: Mapping[str, Any]) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ()) if not isinstance(p, int))
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return f"unknown key '{loc}'"
    ctx = err.get("ctx") or {}
    if kind == "literal_error" and loc == "level":
        msg = "must be 'beginner' or 'intermediate'"
    elif kind == "greater_than_equal":
        msg = f"must be >= {_num(ctx.get('ge'))}"
    elif kind == "greater_than":
        msg = f"must be > {_num(ctx.get('gt'))}"
    elif kind == "less_than_equal":
        msg = f"must be <= {_num(ctx.get('le'))}"
    elif kind == "finite_number":
        msg = "must be a finite number"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        msg = "must be an integer"
    elif kind in ("float_type", "float_parsing"):
        msg = "must be a number"
    elif kind in ("tuple_type", "list_type"):
        msg = "must be a list of strings"
    elif kind == "string_type":
        in_list = any(isinstance(p, int) for p in err.get("loc", ()))
        msg = "must be a list of strings" if in_list else "must be a string"
    elif kind in ("model_type", "model_attributes_type"):
        msg = "must be a table"
    else:
        text = str(err.get("msg", "invalid value"))
        msg = text[:1].lower() + text[1:]
    return f"{loc}: {msg}" if loc else msg


def profile_from_mapping(data: Mapping[str, Any], source: str = "profile") -> Profile:
    """Validate parsed TOML; the first problem becomes a one-line ``ProfileError``."""
    try:
        return check_limits(Profile.model_validate(dict(data)), source)
    except ValidationError as exc:
        errors = exc.errors()
        # Unknown keys first: they usually explain the other errors.
        errors.sort(key=lambda e: e.get("type") != "extra_forbidden")
        raise ProfileError(f"{source}: {_describe(errors[0])}") from None


def parse_profile(text: str, source: str = "profile") -> Profile:
    """Parse TOML text into a Profile (``source`` names the file in messages)."""
    return profile_from_mapping(parse_toml(text, source, ProfileError), source)


def load_profile(path: str | Path) -> Profile:
    """Read a TOML profile; every problem is a ``ProfileError`` naming the file."""
    source = str(path)
    raw = read_capped(
        source,
        MAX_PROFILE_BYTES,
        ProfileError,
        missing="file not found",
        too_large=f"larger than {MAX_PROFILE_BYTES // 1024} KiB; a profile is a few lines of TOML",
    )
    profile = parse_profile(utf8_text(raw, source, ProfileError), source)
    profile._source = source
    return profile


def require_skills(profile: Profile) -> Profile:
    """Refuse an empty profile: matching without skills would rank at random."""
    if profile.is_empty:
        raise ProfileError(EMPTY_PROFILE_MESSAGE)
    return profile


def merge_cli(profile: Profile, skills: Sequence[str]) -> Profile:
    """Add ``--skills`` values (comma-separated allowed) to the profile's skills; the result
    must not be empty."""
    extra: list[str] = []
    for item in skills:
        extra.extend(part.strip() for part in item.split(",") if part.strip())
    merged = profile.model_copy(update={"skills": Profile(skills=(*profile.skills, *extra)).skills})
    return require_skills(check_limits(merged, profile.source or "--skills"))


def infer_profile(languages: Counter[str] | Mapping[str, int] | Iterable[str],
                  topics: Iterable[str] = (), max_languages: int = 3) -> Profile:
    """Guess a profile from someone's repositories (languages weighted by count, and topics).

    Only languages with at least a tenth of the repositories are kept, so a single experiment
    does not become a "skill".
    """
    counts: Counter[str] = Counter()
    if isinstance(languages, Mapping):
        for lang, n in languages.items():
            if lang:
                counts[normalize_skill(lang)] += int(n)
    else:
        for lang in languages:
            if lang:
                counts[normalize_skill(lang)] += 1
    total = sum(counts.values())
    langs = [
        lang for lang, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if lang in LANGUAGES and total and n / total >= 0.1
    ][:max_languages]
    skills: list[str] = []
    interests: list[str] = []
    for topic in topics:
        t = normalize_skill(topic)
        if t in INTERESTS and t not in interests:
            interests.append(t)
        elif (t in FRAMEWORKS or t in LANGUAGES) and t not in skills and t not in langs:
            skills.append(t)
    return Profile(languages=tuple(langs), skills=tuple(skills), interests=tuple(interests))


STARTER_PROFILE: str = '''\
# ossmatch profile: what you know and what you want to work on.
# Use it with `ossmatch suggest --profile FILE` or `ossmatch digest --profile FILE`.
# Lists may also be "a, b, c" strings.

# Languages, frameworks and tools you are comfortable with.
# Aliases work: js, ts, py, golang, k8s, c++ ...; frameworks imply their language (django -> python).
skills = ["python", "docs"]

# Extra languages to look in (GitHub names or aliases).
languages = []

# Kinds of work you enjoy: documentation, testing, frontend, backend, devops, data science,
# machine learning, security, accessibility, design, translation, performance, refactoring, cli.
interests = ["documentation", "testing"]

# "beginner" or "intermediate".
level = "beginner"

# Extra labels to search for besides the usual beginner labels.
include_labels = []

# Skip issues with these labels, these repositories (owner/name) or organisations.
exclude_labels = ["wontfix", "blocked"]
exclude_repos = []
exclude_orgs = []

# Skip small or very old things.
min_stars = 10
max_issue_age_days = 365

# You work with an AI assistant: leave out projects whose AI_POLICY.md, AGENTS.md, contributing guide or
# pull request template refuses AI-assisted work.
ai_assisted = false

# Relative weight of each part of the score (only ratios matter).
# [weights]
# skill = 0.35
# newcomer = 0.25
# maintainer = 0.25
# freshness = 0.15
'''


def _toml_str(s: str) -> str:
    escaped = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _toml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_str(i) for i in items) + "]"


def profile_to_toml(profile: Profile, comment: str | None = None) -> str:
    """A profile as TOML that ``load_profile`` reads back to the same Profile (used when writing
    an inferred profile, so people get an editable file rather than an opaque one)."""
    lines = ["# ossmatch profile" + (f": {comment}" if comment else "")]
    lines.append("# Edit freely; see `ossmatch profile init` for every option.")
    for name in ("skills", "languages", "interests"):
        lines.append(f"{name} = {_toml_list(getattr(profile, name))}")
    lines.append(f"level = {_toml_str(profile.level)}")
    for name in ("include_labels", "exclude_labels", "exclude_repos", "exclude_orgs"):
        lines.append(f"{name} = {_toml_list(getattr(profile, name))}")
    lines.append(f"min_stars = {profile.min_stars}")
    if profile.max_issue_age_days is not None:
        lines.append(f"max_issue_age_days = {profile.max_issue_age_days}")
    if profile.ai_assisted:
        lines.append("ai_assisted = true")
    if profile.weights is not None:
        lines.append("")
        lines.append("[weights]")
        lines.extend(f"{k} = {v!r}" for k, v in profile.weights.as_dict().items())
    return "\n".join(lines) + "\n"
