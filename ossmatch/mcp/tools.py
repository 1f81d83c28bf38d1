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
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ossmatch.mcp.policy import AiPolicy, upstream_policy

if TYPE_CHECKING:
    from ossmatch.github.client import GitHubClient
    from ossmatch.github.issue_detail import IssueDetail
    from ossmatch.suggest.scoring import RankedIssue

#: The most issues one call returns (the CLI's --limit cap).
MAX_LIMIT = 100
#: Policy-excluded projects are dropped after ranking, so a call ranks this many times ``limit``
#: (up to MAX_LIMIT) and keeps the best ``limit`` that remain: the list stays full when a few
#: projects are left out, and the policy check stays one request.
WIDEN = 3
#: Characters of an issue's body returned by ``show``: a long issue's gist without flooding the
#: assistant's context with text a stranger wrote.
MAX_BODY = 8000
#: Width of the ``text`` page ``show`` returns (the CLI's width for pipes).
SHOW_WIDTH = 100
#: Said once per call when policies could not be read: never imply a project welcomes AI help.
POLICY_UNREAD = ("AI-contribution policies were not read{why}; before any AI-assisted work, read each "
                 "project's contributing guide for its policy")

Skill = str


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SuggestArgs(_Args):
    skills: list[Skill] | None = Field(
        None, min_length=1, max_length=30,
        description="The person's skills, e.g. [\"python\", \"docs\"] (languages, docs, testing, frontend...).",
    )
    level: Literal["beginner", "intermediate"] | None = Field(None, description="Experience level.")
    limit: int = Field(10, ge=1, le=MAX_LIMIT, description="How many issues to return.")
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
    from ossmatch.github.client import GitHubClient
    from ossmatch.github.settings import GitHubSettings

    return GitHubClient.open(GitHubSettings.from_env(), warn=warnings.append)


def _profile(skills: Sequence[str] | None, level: str | None, notes: list[str]) -> Any:
    """The CLI's profile from ``--skills``/``--level``; its stderr warnings about unknown skills
    become notes, since an assistant never sees the server's stderr."""
    from ossmatch.cli.options import build_profile
    from ossmatch.skills import is_known, suggest_close

    profile = build_profile(",".join(skills) if skills is not None else None, None, level)
    for name in [s.strip() for s in skills or () if s.strip() and not is_known(s.strip())]:
        close = suggest_close(name)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        notes.append(f"unknown skill {name!r}{hint}; searching for it as a word")
    return profile


def _policies(client: GitHubClient, items: Sequence[RankedIssue], notes: list[str]) -> dict[str, AiPolicy] | None:
    """Each repository's policy: what the pipeline read, else read here; None when it could not be read."""
    from ossmatch.errors import GitHubError
    from ossmatch.mcp.policy_files import read_policies

    found: dict[str, AiPolicy] = {}
    missing: list[str] = []
    for item in items:
        policy = upstream_policy(item)
        if policy is not None:
            found[item.issue.repo] = policy
        elif item.issue.repo not in found:
            missing.append(item.issue.repo)
    if not missing:
        return found
    if not client.has_token:
        notes.append(POLICY_UNREAD.format(why=" (they need a token: set GITHUB_TOKEN or GH_TOKEN)"))
        return None
    try:
        found.update(read_policies(client, missing))
    except GitHubError as error:  # the ranked issues are still worth returning
        notes.append(POLICY_UNREAD.format(why=f" ({error.message})"))
        return None
    return found


def _claims(item: RankedIssue) -> dict[str, Any]:
    """Who else wants the issue: distinct recent claimants, and the pipeline's crowding count if it has one."""
    people = {(c.author or "ghost").lower() for c in item.claims}
    latest = min((c.age_hours for c in item.claims), default=None)
    crowding = getattr(item, "crowding", None)
    if crowding is not None and not isinstance(crowding, dict):
        crowding = crowding.model_dump(mode="json") if hasattr(crowding, "model_dump") else None
    return {"people": len(people), "latest_hours_ago": None if latest is None else round(latest, 1),
            "crowding": crowding}


def _good_citizen_fields(entry: dict[str, Any], item: RankedIssue,
                         policies: dict[str, AiPolicy] | None) -> dict[str, Any]:
    policy = policies.get(item.issue.repo) if policies is not None else None
    return {**entry, "ai_policy": policy.as_dict() if policy is not None else None, "claims": _claims(item)}


# -- suggest ----------------------------------------------------------------------------------


def suggest(args: SuggestArgs) -> Outcome:
    """``ossmatch suggest --format json``, without the projects that do not accept AI-assisted work."""
    from ossmatch.cli.options import check_login, current_time, load_hidden
    from ossmatch.render.text import clean_deep
    from ossmatch.suggest.formats import document, issue_entry
    from ossmatch.suggest.pipeline import Relations, find_matches

    notes: list[str] = []
    profile = _profile(args.skills, args.level, notes)
    me = (args.me or "").removeprefix("@") or None
    if me is not None:
        check_login(me, "me")
    relations = Relations(me=me, next_only=args.next, mentored_only=args.mentored_only, hidden=load_hidden())
    client = open_client(notes)
    now = current_time()
    result = find_matches(client, profile, now=now, limit=min(MAX_LIMIT, args.limit * WIDEN), relations=relations)
    result = clean_deep(result)
    policies = _policies(client, [*result.ranked, *result.involved], notes)
    kept = [r for r in result.ranked if not _excluded(r, policies)]
    left = [r for r in result.ranked if _excluded(r, policies)]
    shown = replace(result, ranked=kept[: args.limit], warnings=[*result.warnings, *notes],
                    involved=result.involved[: args.limit])
    data = document(shown, profile, now)
    data["issues"] = [_good_citizen_fields(issue_entry(r), r, policies) for r in shown.ranked]
    data["involved"] = [_good_citizen_fields(issue_entry(r), r, policies) for r in shown.involved]
    data["ai_policy_checked"] = policies is not None
    data["left_out_by_ai_policy"] = _left_out(left, policies or {})
    return Outcome(data, list(result.notes))


def _excluded(item: RankedIssue, policies: dict[str, AiPolicy] | None) -> bool:
    policy = (policies or {}).get(item.issue.repo)
    return policy is not None and policy.excludes_assistants


def _left_out(left: Sequence[RankedIssue], policies: dict[str, AiPolicy]) -> dict[str, Any]:
    """How many issues were left out for their project's AI policy, and each project's own words."""
    projects: dict[str, dict[str, Any]] = {}
    for item in left:
        entry = projects.setdefault(item.issue.repo, {"repo": item.issue.repo, "issues": 0,
                                                      **policies[item.issue.repo].as_dict()})
        entry["issues"] += 1
    return {"issues": len(left), "projects": list(projects.values())}


# -- show -------------------------------------------------------------------------------------


def show(args: ShowArgs) -> Outcome:
    """``ossmatch show`` as data: the issue, who to ask, whether suggest would offer it, and why it ranks."""
    from ossmatch.cli.options import current_time, load_hidden
    from ossmatch.github.issue_detail import read_issue
    from ossmatch.profile import Profile
    from ossmatch.render.text import clean_deep
    from ossmatch.suggest.filters import exclusion_reason
    from ossmatch.suggest.formats import issue_entry
    from ossmatch.suggest.hidden import parse_target
    from ossmatch.suggest.scoring import rank
    from ossmatch.suggest.show import contacts, show_lines

    what = parse_target(args.issue, issue_only=True)
    assert what.number is not None
    notes: list[str] = []
    profile = _profile(args.skills, args.level, notes) if args.skills else Profile(level=args.level or "beginner")
    client = open_client(notes)
    now = current_time()
    detail: IssueDetail = clean_deep(read_issue(client, what.repo, what.number))
    excluded = exclusion_reason(detail.candidate, profile, now)
    scored = [] if excluded else rank([detail.candidate], profile, now)
    ranked = scored[0] if scored else None
    hidden = load_hidden().covers(what.repo, what.number, now)
    lines = show_lines(detail, ranked, excluded=excluded, now=now, width=SHOW_WIDTH, skills=profile.skills,
                       hidden=hidden)
    policy = _one_policy(client, detail, ranked, notes)
    issue = detail.candidate.issue
    data = {
        "version": 1,
        "repo": issue.repo, "number": issue.number, "url": issue.url, "title": issue.title,
        "state": issue.state, "labels": list(issue.label_names),
        "body": issue.body[:MAX_BODY],
        "comments": [{"author": c.author.login, "association": c.association, "created_at": c.created_at.isoformat(),
                      "body": c.body[:MAX_BODY]} for c in issue.comments],
        "contacts": contacts(detail, ranked, now),
        "contributing": detail.contributing, "homepage": detail.homepage,
        "suggested": ranked is not None and not hidden, "excluded": excluded, "hidden": hidden,
        "ranking": issue_entry(ranked) if ranked is not None else None,
        "claims": _claims(ranked) if ranked is not None else {"people": 0, "latest_hours_ago": None,
                                                               "crowding": None},
        "ai_policy": policy.as_dict() if policy is not None else None,
        "full_signals": detail.full_signals,
        "text": "\n".join(lines),
    }
    return Outcome(data, notes)


def _one_policy(client: GitHubClient, detail: IssueDetail, ranked: RankedIssue | None,
                notes: list[str]) -> AiPolicy | None:
    from ossmatch.errors import GitHubError
    from ossmatch.mcp.policy_files import read_policies

    repo = detail.candidate.issue.repo
    policy = upstream_policy(ranked) if ranked is not None else upstream_policy(detail.candidate)
    if policy is not None:
        return policy
    if not client.has_token:
        notes.append(POLICY_UNREAD.format(why=" (it needs a token: set GITHUB_TOKEN or GH_TOKEN)"))
        return None
    try:
        return read_policies(client, [repo]).get(repo)
    except GitHubError as error:
        notes.append(POLICY_UNREAD.format(why=f" ({error.message})"))
        return None


# -- audit ------------------------------------------------------------------------------------


def audit(args: AuditArgs) -> Outcome:
    """``ossmatch audit OWNER/REPO --format json``: the audit report, version 2."""
    from ossmatch.audit.formats import to_json
    from ossmatch.audit.run import TOKENLESS_NOTE, audit_repositories
    from ossmatch.cli.options import current_time
    from ossmatch.errors import OssmatchError
    from ossmatch.render.text import clean_deep
    from ossmatch.suggest.hidden import parse_target

    what = parse_target(args.repo)
    if what.number is not None:
        from ossmatch.errors import UsageProblem

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
    from ossmatch.cli.options import current_time, hidden_store

    return Outcome(_hidden_document(hidden_store().load(), current_time()), [])


def hide(args: HideArgs) -> Outcome:
    """``ossmatch hide``: on the person's own list, on their machine; nothing is sent to GitHub."""
    from ossmatch.cli.options import current_time, hidden_store
    from ossmatch.suggest.hidden import parse_duration, parse_target

    what = parse_target(args.target)
    span = parse_duration(args.duration) if args.duration is not None else None
    now = current_time()
    state = hidden_store().hide(what, now, span)
    entry = state.entries[what.key]
    until = f" until {entry.until:%Y-%m-%d %H:%M} UTC" if entry.until else ""
    data = _hidden_document(state, now)
    data["changed"] = f"hid {what}{until}"
    return Outcome(data, [])


def unhide(args: UnhideArgs) -> Outcome:
    """``ossmatch unhide``: back in suggest and digest."""
    from ossmatch.cli.options import current_time, hidden_store
    from ossmatch.suggest.hidden import parse_target

    what = parse_target(args.target)
    store = hidden_store()
    changed = f"unhid {what}" if store.unhide(what) else f"{what} was not hidden"
    data = _hidden_document(store.load(), current_time())
    data["changed"] = changed
    return Outcome(data, [])


def _hidden_document(state: Any, now: datetime) -> dict[str, Any]:
    return {"version": 1, "hidden": [
        {"target": str(entry.target), "kind": "issue" if entry.number is not None else "repository",
         "hidden_at": entry.hidden_at.isoformat(), "until": entry.until.isoformat() if entry.until else None}
        for entry in state.active(now)
    ]}


Handler = Callable[[Any], Outcome]
