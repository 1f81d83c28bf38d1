"""Small builders for snapshots and issues in check tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ossmatch.models import Actor, Comment, Issue, Label, PullRequest, Review
from ossmatch.repo_facts import (
    CommitActivity,
    MergedPull,
    RepoDirectory,
    RepoFile,
    RepoSnapshot,
    TreeEntry,
)

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def snap(**kw: Any) -> RepoSnapshot:
    """A snapshot where everything was fetched and found empty, unless overridden."""
    base: dict[str, Any] = dict(
        name_with_owner="o/r", url="https://github.com/o/r", fetched_at=NOW, files=(),
        directories=(), labels=(), beginner_issues=(), open_issues=(), recent_issues=(),
        recent_pulls=(), merged_pulls=(), commits=CommitActivity(since=ago(90), count=0),
    )
    base.update(kw)
    return RepoSnapshot(**base)


def files(**texts: str) -> tuple[RepoFile, ...]:
    """``files(README_md="...")``: underscores before the extension become dots."""
    return tuple(RepoFile(path=name.replace("__", "/").replace("_md", ".md"), text=text,
                          byte_size=len(text)) for name, text in texts.items())


def file(path: str, text: str, source: str = "repo") -> RepoFile:
    return RepoFile(path=path, text=text, byte_size=len(text), source=source)  # type: ignore[arg-type]


def directory(path: str, *names: str, texts: dict[str, str] | None = None) -> RepoDirectory:
    texts = texts or {}
    return RepoDirectory(path=path, entries=tuple(TreeEntry(name=n, text=texts.get(n))
                                                  for n in names))


def issue(number: int = 1, *, body: str = "", labels: tuple[str, ...] = (), created: float = 10,
          updated: float | None = None, **kw: Any) -> Issue:
    return Issue(repo="o/r", number=number, url=f"https://github.com/o/r/issues/{number}",
                 title=f"Issue {number}", body=body,
                 labels=tuple(Label(name=n) for n in labels), created_at=ago(created),
                 updated_at=ago(updated if updated is not None else created), **kw)


def comment(login: str, association: str, at: datetime, body: str = "ok",
            bot: bool = False) -> Comment:
    return Comment(author=Actor(login=login, is_bot=bot), association=association,  # type: ignore[arg-type]
                   created_at=at, body=body)


def pull(number: int, login: str, association: str = "FIRST_TIME_CONTRIBUTOR", *,
         created: float = 10, state: str = "OPEN", review_after: float | None = None,
         merged: float | None = None) -> PullRequest:
    created_at = ago(created)
    reviews = () if review_after is None else (
        Review(author=Actor(login="maint"), association="OWNER", state="APPROVED",
               submitted_at=created_at + timedelta(days=review_after)),)
    return PullRequest(repo="o/r", number=number, author=Actor(login=login),
                       author_association=association, state=state,  # type: ignore[arg-type]
                       created_at=created_at, reviews=reviews,
                       merged_at=ago(merged) if merged is not None else None)


def merged(number: int, login: str, days: float, association: str = "CONTRIBUTOR",
           bot: bool = False) -> MergedPull:
    return MergedPull(number=number, author=login, merged_at=ago(days), association=association,
                      is_bot=bot)


def labels(*pairs: tuple[str, str | None]) -> tuple[Label, ...]:
    return tuple(Label(name=n, description=d) for n, d in pairs)
