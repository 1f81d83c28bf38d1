"""Repositories and issues over GraphQL: batches as large as GitHub's node limit allows, split
only when GitHub's limits say so, and the REST budget when GraphQL's quota runs out part-way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from ossmatch.errors import DeadlineExceeded, ForbiddenError, QueryTimeout, RateLimitError
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient
from ossmatch.github.graphql_result import GraphQLResult
from ossmatch.github.nodes import NODE_LIMIT, node_count
from ossmatch.github.sources.rest import RestSource
from ossmatch.github.sources.shared import (
    IssueRef,
    Notices,
    Progress,
    keep_the_rest,
    note_refusals,
    quiet,
    unread,
)
from ossmatch.models import Issue, Repo
from ossmatch.render.wording import plural


def repo_batch_size() -> int:
    """Repositories per batch: as many as keep the document within GitHub's node limit, so the
    repositories of a cold search travel in one request (50 before; 875 at today's 571 nodes each)."""
    per_repo = node_count(queries.repo_batch_query(1))
    return max(1, NODE_LIMIT // max(per_repo, 1))


def tracker_variables(trackers: Sequence[IssueRef]) -> dict[str, Any]:
    """``$to``/``$tn``/``$ti`` for each tracking issue whose sub-issues ride along."""
    variables: dict[str, Any] = {}
    for j, (name, number) in enumerate(trackers):
        owner, _, repo_name = name.partition("/")
        variables.update({f"to{j}": owner, f"tn{j}": repo_name, f"ti{j}": number})
    return variables


def sub_issues(result: GraphQLResult, trackers: Sequence[IssueRef]) -> dict[str, list[Issue]]:
    """The open sub-issues of each tracking issue asked for (aliases ``t0``...), by repository."""
    tasks: dict[str, list[Issue]] = {}
    for j, (name, _) in enumerate(trackers):
        tracker = (result.data.get(f"t{j}") or {}).get("issue") or {}
        nodes = [n for n in ((tracker.get("subIssues") or {}).get("nodes") or []) if n and "number" in n]
        # sub-issues in another repository would need that repository's signals: left to its own search
        tasks.setdefault(name.lower(), []).extend(
            sub for sub in (parse.issue(n) for n in nodes if n.get("state") == "OPEN")
            if sub.repo.lower() == name.lower())
    return tasks


def with_tasks(repo: Repo, tasks: dict[str, list[Issue]]) -> Repo:
    subs = tuple(tasks.get(repo.name_with_owner.lower(), ()))
    return repo.model_copy(update={"sub_issues": subs}) if subs else repo


def answered_repos(result: GraphQLResult, aliases: Iterable[str], trackers: Sequence[IssueRef]) -> dict[str, Repo]:
    """The repositories GitHub answered under ``aliases`` (``r0``, ``r1``...), each with the open
    sub-issues of the tracking issues in it."""
    tasks = sub_issues(result, trackers)
    return {alias: with_tasks(parse.repo(node), tasks) for alias in aliases if (node := result.data.get(alias))}


def halves(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class RepoReader:
    """Reads repositories (with the sub-issues of the tracking issues in them) and re-reads issues,
    saying in ``notices`` what it could not read."""

    #: Requests the REST fallback may spend when GraphQL's quota runs out part-way through the
    #: repositories: REST is a separate budget (5,000 an hour with a token); two requests a repository,
    #: so up to 100 repositories (chosen: a full run's worth, leaving most of the hour's REST quota).
    REST_FALLBACK_BUDGET = 200

    def __init__(self, client: GitHubClient, notices: Notices, progress: Progress = quiet, *,
                 now: datetime | None = None) -> None:
        self.client = client
        self.progress = progress
        self.now = now
        self._notices = notices

    def read(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]:
        """Repositories in batches; what does not fit GitHub's resource limits is asked again in
        halves, down to one, and a repository that still fails is ranked without its signals.

        ``trackers`` are tracking issues the search found: their sub-issues come in the same
        request as their repository (``Repo.sub_issues``).
        """
        wanted = sorted(set(names))
        found: dict[str, Repo] = {}
        trackers = list(dict.fromkeys(trackers))
        for batch in halves(wanted, repo_batch_size()):
            try:
                self._read_repos(batch, found, trackers, timed_out=False)
            except RateLimitError as error:  # a quota or the run's deadline: keep what was read
                if not isinstance(error, DeadlineExceeded):  # GraphQL's quota, not the run's time
                    found.update(self._through_rest([n for n in wanted if n not in found], len(wanted)))
                keep_the_rest(wanted, found, self._notices, error)
                break
            self.progress(f"read {len(found)} of {plural(len(wanted), 'repository')}")
        return found

    def _through_rest(self, names: list[str], wanted: int) -> dict[str, Repo]:
        """GraphQL's quota ran out part-way: read the repositories left through REST, a separate
        budget, as the tokenless path does (metadata and recent comments: claims and maintainer
        answers; no response times or merge rates), and say which signals are missing."""
        rest = RestSource(self.client, self.progress, budget=self.REST_FALLBACK_BUDGET, now=self.now)
        try:
            got = rest.repos(names)
        except (RateLimitError, ForbiddenError):
            return {}
        read = {name: repo for name, repo in got.items() if repo.comments_since is not None}
        if read:
            self._notices.add(
                f"GitHub's GraphQL rate limit ran out after {wanted - len(names)} of {wanted} repositories; read "
                f"{len(read)} more through REST (a separate budget): for those, claims and maintainer answers come "
                "from recent comments, and response times and merge rates are missing"
            )
        for line in rest.notices:
            self._notices.add(line)
        return read

    def _read_repos(self, batch: list[str], found: dict[str, Repo], trackers: Sequence[IssueRef], *,
                    timed_out: bool) -> None:
        variables: dict[str, Any] = {}
        for i, name in enumerate(batch):
            owner, _, repo_name = name.partition("/")
            variables[f"o{i}"], variables[f"n{i}"] = owner, repo_name
        asked = self.trackers_in(batch, trackers)
        variables.update(tracker_variables(asked))
        smaller = max(1, -(-len(batch) // 2))
        try:
            result = self.client.graphql(queries.repo_batch_query(len(batch), len(asked)), variables,
                                         kind="repo")
        except QueryTimeout:
            if timed_out or len(batch) == 1:  # asked once more already: give up on these
                for name in batch:
                    self._without_signals(name, found, "GitHub timed out reading it")
                return
            self._notices.detail(f"GitHub gave up on {plural(len(batch), 'repository')} in one request (it may "
                                 "have timed out); asked again in two")
            for part in halves(batch, smaller):
                self._read_repos(part, found, trackers, timed_out=True)
            return
        aliases = {f"r{i}": name for i, name in enumerate(batch)}
        note_refusals(self._notices, result, aliases)
        failed, stopped = result.failed(), result.limited()
        retry: list[str] = []
        answered = answered_repos(result, aliases, asked)
        for alias, name in aliases.items():
            if alias in answered:
                found[answered[alias].name_with_owner] = answered[alias]
            elif alias in failed:
                retry.append(name)
            elif alias in stopped:
                self._without_signals(name, found, "GitHub's rate limit stopped the request part-way")
        if not retry:
            return
        if len(batch) == 1:
            self._without_signals(retry[0], found, "it exceeds GitHub's GraphQL resource limits")
            return
        self._notices.detail(f"{plural(len(retry), 'repository')} did not fit GitHub's resource limits in one "
                             "request; asked again in smaller ones")
        for part in halves(retry, max(1, -(-len(retry) // 2))):
            self._read_repos(part, found, trackers, timed_out=timed_out)

    def trackers_in(self, batch: Sequence[str], trackers: Sequence[IssueRef]) -> list[IssueRef]:
        """The ``trackers`` in ``batch``'s repositories (none on a server without sub-issues)."""
        inside = {name.lower() for name in batch}
        return [] if self.client.pre_2026 else [ref for ref in trackers if ref[0].lower() in inside]

    def _without_signals(self, name: str, found: dict[str, Repo], why: str) -> None:
        found[name] = unread(name)
        self._notices.add(f"ranked issues in {name} without its activity signals: {why}")

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]:
        """Re-read issues by number; None for one that no longer exists (deleted or transferred).

        ``fresh`` asks GitHub rather than the cache: a re-check must see what changed minutes ago.
        """
        found: dict[IssueRef, Issue | None] = {}
        size = queries.ISSUE_BATCH_SIZE
        for start in range(0, len(refs), size):
            batch = list(refs[start : start + size])
            variables: dict[str, Any] = {}
            for i, (name, number) in enumerate(batch):
                owner, _, repo_name = name.partition("/")
                variables.update({f"o{i}": owner, f"n{i}": repo_name, f"i{i}": number})
            try:
                result = self.client.graphql(
                    queries.issue_batch_query(len(batch)), variables, kind="issue", fresh=fresh
                )
            except DeadlineExceeded as error:  # the rest stay unchecked, reported next time
                self._notices.add(f"{error.message}; not every earlier issue was re-checked")
                break
            aliases = {f"r{i}": name for i, (name, _) in enumerate(batch)}
            note_refusals(self._notices, result, aliases)
            # refused or too expensive now is not the same as gone: leave those unchecked
            refused = {str((e.get("path") or [""])[0]) for e in result.forbidden()} | result.failed()
            for i, ref in enumerate(batch):
                if f"r{i}" in refused:
                    continue
                node = (result.data.get(f"r{i}") or {}).get("issue")
                found[ref] = parse.issue(node) if node else None
        return found
