"""Links behind a finding: the issues, pull requests, labels and files a maintainer can open.

GitHub's ``HEAD`` ref names the default branch in blob and new-file URLs, so links stay right
whatever the branch is called.
"""

from __future__ import annotations

from urllib.parse import quote

from ossmatch.audit.registry import Evidence
from ossmatch.models import Issue, PullRequest
from ossmatch.repo_facts import RepoFile, RepoSnapshot


def of_issue(issue: Issue, why: str) -> Evidence:
    return Evidence(url=issue.url, title=f"#{issue.number} {issue.title}", why=why)


def of_pull(snap: RepoSnapshot, pull: PullRequest, why: str) -> Evidence:
    url = pull.url or f"{snap.url}/pull/{pull.number}"
    title = f"#{pull.number} {pull.title}" if pull.title else f"#{pull.number}"
    return Evidence(url=url, title=title, why=why)


def of_pull_number(snap: RepoSnapshot, number: int, author: str | None, why: str) -> Evidence:
    by = f" by @{author}" if author else ""
    return Evidence(url=f"{snap.url}/pull/{number}", title=f"#{number}{by}", why=why)


def owner_of(snap: RepoSnapshot) -> str:
    return snap.name_with_owner.partition("/")[0]


def of_file(snap: RepoSnapshot, item: RepoFile, why: str) -> Evidence:
    """A found file: in the repository, or in the owner's ``.github`` repository."""
    base = snap.url if item.source == "repo" else f"https://github.com/{owner_of(snap)}/.github"
    where = item.path if item.source == "repo" else f"{owner_of(snap)}/.github: {item.path}"
    return Evidence(url=f"{base}/blob/HEAD/{quote(item.path)}", title=where, why=why)


def of_missing_file(snap: RepoSnapshot, path: str, why: str) -> Evidence:
    """GitHub's "create new file" page with the name filled in: one click from the report."""
    return Evidence(url=f"{snap.url}/new/HEAD?filename={quote(path)}", title=path, why=why)


def of_label(snap: RepoSnapshot, name: str, why: str) -> Evidence:
    return Evidence(url=f"{snap.url}/labels/{quote(name, safe='')}", title=name, why=why)


def of_labels_page(snap: RepoSnapshot, why: str) -> Evidence:
    return Evidence(url=f"{snap.url}/labels", title="Labels", why=why)


def of_repository(snap: RepoSnapshot, why: str) -> Evidence:
    return Evidence(url=snap.url, title=snap.name_with_owner, why=why)
