"""Issues, comments and repositories for the signals tests, on one clock (June 2024)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ossmatch.models import Actor, Comment, Issue, Label, Repo

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)
D = timedelta(days=1)
MAINT = Actor(login="maint")
BOT = Actor(login="helper[bot]", is_bot=True)
ALICE = Actor(login="alice")
BOB = Actor(login="bob")
GHOST = Actor(login=None)


def issue(number: int = 1, *, author: Actor = ALICE, assoc: str = "NONE",
          created: datetime = NOW - 10 * D, comments: tuple[Comment, ...] = (),
          labels: tuple[str, ...] = (), body: str = "", title: str = "Fix the thing") -> Issue:
    return Issue(repo="o/r", number=number, url=f"https://github.com/o/r/issues/{number}",
                 title=title, body=body, author=author, author_association=assoc,  # type: ignore[arg-type]
                 created_at=created, updated_at=created, comments=comments,
                 labels=tuple(Label(name=n) for n in labels), comment_count=len(comments))


def comment(author: Actor, assoc: str, at: datetime, body: str = "thanks") -> Comment:
    return Comment(author=author, association=assoc, created_at=at, body=body)  # type: ignore[arg-type]


def repo(**kw: object) -> Repo:
    base: dict[str, object] = {"name_with_owner": "o/r", "url": "https://github.com/o/r"}
    base.update(kw)
    return Repo.model_validate(base)
