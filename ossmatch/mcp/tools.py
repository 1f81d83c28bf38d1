"""The MCP tools: thin adapters from a tool's arguments to the library, and back as versioned JSON.

Each tool validates its arguments with a pydantic model (whose JSON Schema is the tool's input
schema), calls the same library functions as the matching CLI command, and returns the CLI's own
JSON document (``suggest``, ``audit``) or a documented one (``show``, ``hidden``), with notes the
assistant should pass on. Nothing here writes to GitHub: the only writes are the person's own
hidden list, on their machine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ossmatch.audit.formats import to_json
from ossmatch.audit.run import TOKENLESS_NOTE, audit_repositories
from ossmatch.clock import current_time
from ossmatch.errors import OssmatchError, UsageProblem
from ossmatch.github.client import GitHubClient
from ossmatch.github.settings import GitHubSettings, github_web_hosts
from ossmatch.profile import Profile, check_login
from ossmatch.render.text import clean_deep
from ossmatch.render.wording import plural
from ossmatch.suggest.claims import find_claims
from ossmatch.suggest.formats import claims_entry, document, issue_entry
from ossmatch.suggest.hidden import default_store, parse_duration, parse_target
from ossmatch.suggest.inputs import build_profile
from ossmatch.suggest.limits import DEFAULT_LIMIT
from ossmatch.suggest.pipeline import Relations, find_matches
from ossmatch.suggest.show import contacts, show_issue

#: The most issues one call returns (the CLI's --limit cap).
MAX_LIMIT = 100
#: Characters of an issue's body returned by ``show``: a long issue's gist without flooding the
#: assistant's context with text a stranger wrote.
MAX_BODY = 8000
#: Width of the ``text`` page ``show`` returns (the CLI's width for pipes).
SHOW_WIDTH = 100
#: Said once per call when some policies could not be read: never imply a project welcomes AI help.
POLICY_UNREAD = ("AI-contribution policies were not read{why}; before any AI-assisted work, read each "
                 "project's contributing guide for its policy")
#: Why they were not read.
NO_TOKEN = " (they need a token: set GITHUB_TOKEN or GH_TOKEN)"
PART_WAY = " for {count} (GitHub did not answer for every repository; see the other warnings)"

Skill = str


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SuggestArgs(_Args):
    skills: list[Skill] | None = Field(
        None, min_length=1, max_length=30,
        description="The person's skills, e.g. [\"python\", \"docs\"] (languages, docs, testing, frontend...).",
    )
    level: Literal["beginner", "intermediate"] | None = Field(None, description="Experience level.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many issues to return.")
    me: str | None = Field(
        None, description="The person's GitHub login, to read their history (default: the token's user)."
    )
    next: bool = Field(False, description="Only next steps in projects that merged the person's work.")
    mentored_only: bool = Field(False, description="Only issues where a maintainer offered to mentor.")


class ShowArgs(_Args):
    issue: str = Field(description="The issue: OWNER/REPO#N or its https://github.com/... URL.")
    skills: list[Skill] | None = Field(None, min_length=1, max_length=30,
                                       description="The person's skills, to score the issue for them.")
    level: Literal["beginner", "intermediate"] | None = None


class AuditArgs(_Args):
    repo: str = Field(description="The repository: OWNER/REPO.")


class HiddenArgs(_Args):
    pass


class HideArgs(_Args):
    target: str = Field(description="OWNER/REPO#N (one issue) or OWNER/REPO (all its issues).")
    duration: str | None = Field(None, description="Only for a while: 12h, 30d, 2w or 3m (default: for good).")


class UnhideArgs(_Args):
    target: str = Field(description="OWNER/REPO#N or OWNER/REPO, as hidden.")


@dataclass
class Outcome:
    """A tool's answer: the JSON document, and notes for the assistant (its stderr, in the CLI)."""

    data: dict[str, Any]
    notes: list[str]


# -- shared plumbing --------------------------------------------------------------------------


def open_client(warnings: list[str]) -> GitHubClient:
    """The CLI's client: the same token discovery (GITHUB_TOKEN, GH_TOKEN, `gh auth token`),
    cache (OSSMATCH_CACHE_DIR) and budget (OSSMATCH_DEADLINE); warnings are kept for the answer."""
    return GitHubClient.open(GitHubSettings.from_env(), warn=warnings.append)


def _profile(skills: Sequence[str] | None, level: str | None, notes: list[str]) -> Profile:
    """The CLI's profile (``ossmatch.suggest.inputs``) for someone working with an assistant.

    An assistant is AI assistance by definition, so the profile always says ``ai_assisted``: the
    pipeline leaves out the projects that do not accept AI-assisted work and names them in
    ``left_out_by_ai_policy``. Warnings about unknown skills become notes, since an assistant
    never sees the server's stderr.
    """
    profile = build_profile(skills, None, level, warn=notes.append, option="skills")
    return profile.model_copy(update={"ai_assisted": True})


def _policy_note(repos: dict[str, bool], has_token: bool) -> str | None:
    """The note owed when some repositories' policies were not read (``repos``: name -> read)."""
    unread = sum(not read for read in repos.values())
    if not unread:
        return None
    if not has_token:
        return POLICY_UNREAD.format(why=NO_TOKEN)
    return POLICY_UNREAD.format(why=PART_WAY.format(count=plural(unread, "repository")))


# -- suggest ----------------------------------------------------------------------------------


def suggest(args: SuggestArgs) -> Outcome:
    """``ossmatch suggest --format json`` with ``ai_assisted = true``: the same searches, requests and
    JSON, without the projects that do not accept AI-assisted work (named, with their words)."""
    notes: list[str] = []
    profile = _profile(args.skills, args.level, notes)
    me = (args.me or "").removeprefix("@") or None
    if me is not None:
        check_login(me, "me")
    relations = Relations(me=me, next_only=args.next, mentored_only=args.mentored_only,
                          hidden=default_store(warn=notes.append).load())
    client = open_client(notes)
    now = current_time()
    result = clean_deep(find_matches(client, profile, now=now, limit=args.limit, relations=relations))
    read = {r.issue.repo: r.repo.ai_policy_read for r in [*result.ranked, *result.involved]}
    unread = _policy_note(read, client.has_token)
    shown = replace(result, warnings=[*result.warnings, *notes, *([unread] if unread else [])])
    return Outcome(document(shown, profile, now), list(result.notes))


# -- show -------------------------------------------------------------------------------------


def show(args: ShowArgs) -> Outcome:
    """``ossmatch show`` as data: the issue, who to ask, whether the ``suggest`` tool would offer it
    (it leaves out projects that refuse AI-assisted work), why it ranks, its claims and the policy."""
    notes: list[str] = []
    profile = (_profile(args.skills, args.level, notes) if args.skills
               else Profile(level=args.level or "beginner", ai_assisted=True))
    now = current_time()
    hidden = default_store(warn=notes.append).load()
    shown = show_issue(args.issue, profile, connect=lambda: open_client(notes), now=now, hidden=hidden,
                       warnings=notes)
    detail, ranked = shown.detail, shown.ranked
    lines = shown.lines(now=now, width=SHOW_WIDTH, skills=profile.skills)
    issue, repo = detail.candidate.issue, detail.candidate.repo
    unread = _policy_note({issue.repo: repo.ai_policy_read}, shown.has_token)
    notes += [unread] if unread else []
    claims = ranked.claims if ranked is not None else tuple(find_claims(issue, now))
    data = {
        "version": 1,
        "repo": issue.repo, "number": issue.number, "url": issue.url, "title": issue.title,
        "state": issue.state, "labels": list(issue.label_names),
        "body": issue.body[:MAX_BODY],
        "comments": [{"author": c.author.login, "association": c.association, "created_at": c.created_at.isoformat(),
                      "body": c.body[:MAX_BODY]} for c in issue.comments],
        "contacts": contacts(detail, ranked, now),
        "contributing": detail.contributing, "homepage": detail.homepage,
        "suggested": shown.offered, "excluded": shown.excluded, "not_offered": list(shown.not_offered),
        "hidden": shown.hidden,
        "ranking": issue_entry(ranked) if ranked is not None else None,
        **claims_entry(claims, issue),
        "ai_policy": repo.ai_policy.model_dump(mode="json") if repo.ai_policy else None,
        "ai_policy_read": repo.ai_policy_read,
        "full_signals": detail.full_signals,
        "text": "\n".join(lines),
    }
    return Outcome(data, notes)


# -- audit ------------------------------------------------------------------------------------


def audit(args: AuditArgs) -> Outcome:
    """``ossmatch audit OWNER/REPO --format json``: the audit report, version 2."""
    what = parse_target(args.repo, hosts=github_web_hosts())
    if what.number is not None:
        raise UsageProblem(f"{args.repo!r} is an issue; audit takes a repository: OWNER/REPO")
    notes: list[str] = []
    client = open_client(notes)
    if not client.has_token:
        notes.append(TOKENLESS_NOTE)
    results, unfinished = audit_repositories(client, [what.repo], current_time())
    results = clean_deep(results)
    if not results:
        raise OssmatchError(f"no repository could be audited: {unfinished[0].describe()}"
                            if unfinished else "no repository could be audited")
    return Outcome(json.loads(to_json(results, unfinished=unfinished)), notes)


# -- the person's hidden list -----------------------------------------------------------------


def hidden(args: HiddenArgs) -> Outcome:
    """``ossmatch hidden``: what the person keeps out of suggest and digest."""
    notes: list[str] = []
    return Outcome(_hidden_document(default_store(warn=notes.append).load(), current_time()), notes)


def hide(args: HideArgs) -> Outcome:
    """``ossmatch hide``: on the person's own list, on their machine; nothing is sent to GitHub."""
    what = parse_target(args.target, hosts=github_web_hosts())
    span = parse_duration(args.duration) if args.duration is not None else None
    now = current_time()
    notes: list[str] = []
    state = default_store(warn=notes.append).hide(what, now, span)
    entry = state.entries[what.key]
    until = f" until {entry.until:%Y-%m-%d %H:%M} UTC" if entry.until else ""
    data = _hidden_document(state, now)
    data["changed"] = f"hid {what}{until}"
    return Outcome(data, notes)


def unhide(args: UnhideArgs) -> Outcome:
    """``ossmatch unhide``: back in suggest and digest."""
    what = parse_target(args.target, hosts=github_web_hosts())
    notes: list[str] = []
    store = default_store(warn=notes.append)
    changed = f"unhid {what}" if store.unhide(what) else f"{what} was not hidden"
    data = _hidden_document(store.load(), current_time())
    data["changed"] = changed
    return Outcome(data, notes)


def _hidden_document(state: Any, now: datetime) -> dict[str, Any]:
    return {"version": 1, "hidden": [
        {"target": str(entry.target), "kind": "issue" if entry.number is not None else "repository",
         "hidden_at": entry.hidden_at.isoformat(), "until": entry.until.isoformat() if entry.until else None}
        for entry in state.active(now)
    ]}


Handler = Callable[[Any], Outcome]
