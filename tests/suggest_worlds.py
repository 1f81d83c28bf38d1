"""Worlds for the suggest/digest end-to-end tests and the benchmark.

Each builder adds repositories and issues to a fake GitHub ``World`` and returns nothing: the
tests then look issues up by title, so a world reads like a story of who did what when.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fakegithub.world import Comment, Repo, Review, World

if TYPE_CHECKING:
    from ossmatch.suggest.pipeline import SuggestResult

EVIL_TITLE = "<script>alert(1)</script> [click](javascript:alert(1)) {{ 7*7 }} <img src=x onerror=alert(2)>"

GOOD_BODY = (
    "The `load_config` docstring is out of date.\n\n"
    "Steps:\n1. Open `src/config.py`\n2. Update the docstring to mention the `strict` flag\n\n"
    "See https://example.org/docs/config for the current behaviour.\n\n"
    "```python\nload_config(path, strict=True)\n```\n"
)


def _responsive_history(repo: Repo, world: World, *, hours: float, count: int = 8) -> None:
    """Recent issues by outsiders, each answered by a maintainer after ``hours``; merged newcomer PRs."""
    for i in range(count):
        opened = world.now - timedelta(days=3 + i * 4)
        issue = repo.add_issue(
            f"Question {i}",
            author=f"user{i}",
            author_association="NONE",
            created_at=opened,
            state="CLOSED",
            closed_at=opened + timedelta(days=1),
        )
        issue.add_comment(
            "Thanks! Looking.",
            author="maintainer",
            author_association="MEMBER",
            created_at=opened + timedelta(hours=hours),
        )
    for i in range(4):
        opened = world.now - timedelta(days=5 + i * 6)
        repo.add_pull(
            f"Fix typo {i}",
            author=f"newbie{i}",
            author_association="FIRST_TIME_CONTRIBUTOR",
            state="MERGED",
            created_at=opened,
            merged_at=opened + timedelta(days=1),
            merged_by="maintainer",
        )
    repo.add_commit("Maintainer work", author="maintainer", committed_at=world.now - timedelta(days=1))


def _dead_history(repo: Repo, world: World) -> None:
    """Issues nobody with write access answered; only a bot replies."""
    for i in range(6):
        opened = world.now - timedelta(days=20 + i * 10)
        issue = repo.add_issue(f"Help {i}", author=f"asker{i}", created_at=opened)
        issue.add_comment(
            "This issue is stale.",
            author="stale[bot]",
            author_association="NONE",
            created_at=opened + timedelta(hours=1),
        )


def story_world(world: World) -> None:
    """The ranking story: one ideal issue and every kind of issue that must rank lower or vanish."""
    now = world.now
    good = world.add_repo(
        "acme/widgets",
        languages=["Python"],
        topics=["cli", "documentation"],
        stars=900,
        description="Widgets for Python",
        pushed_at=now - timedelta(days=1),
    )
    _responsive_history(good, world, hours=3)
    good.add_issue(
        "Update the load_config docstring",
        body=GOOD_BODY,
        labels=["good first issue", "documentation"],
        created_at=now - timedelta(days=2),
        author="maintainer",
        author_association="MEMBER",
    )
    good.add_issue(
        "Document the retry option",
        body=GOOD_BODY,
        labels=["good-first-issue", "docs"],
        created_at=now - timedelta(days=4),
        author="maintainer",
        author_association="MEMBER",
    )
    good.add_issue(
        "Taken already",
        body=GOOD_BODY,
        labels=["good first issue"],
        assignees=["someone"],
        created_at=now - timedelta(days=2),
    )
    linked = good.add_issue(
        "Fixed by an open PR", body=GOOD_BODY, labels=["good first issue"], created_at=now - timedelta(days=3)
    )
    good.add_pull("Fix it", author="helper", state="OPEN", closes=[linked.number], created_at=now - timedelta(days=1))
    claimed = good.add_issue(
        "Add a --verbose flag", body=GOOD_BODY, labels=["good first issue"], created_at=now - timedelta(days=3)
    )
    claimed.add_comment(
        "Hi! Can I work on this?", author="eager", author_association="NONE", created_at=now - timedelta(days=2)
    )
    good.add_issue(EVIL_TITLE, body=None, labels=["beginner"], author=None, created_at=now - timedelta(days=5))
    good.add_issue(
        "Rename an old helper",
        body=GOOD_BODY,
        labels=["good first issue"],
        created_at=now - timedelta(days=330),
        updated_at=now - timedelta(days=320),
    )

    archived = world.add_repo("old/archived", languages=["Python"], archived=True, stars=500)
    archived.add_issue(
        "Archived issue", body=GOOD_BODY, labels=["good first issue"], created_at=now - timedelta(days=2)
    )

    dead = world.add_repo("ghost/town", languages=["Python"], stars=900, pushed_at=now - timedelta(days=700))
    _dead_history(dead, world)
    dead.add_issue(
        "Improve the docstring of parse",
        body=GOOD_BODY,
        labels=["good first issue", "documentation"],
        created_at=now - timedelta(days=2),
    )

    variants = world.add_repo("misc/variants", languages=["Python"], stars=300)
    _responsive_history(variants, world, hours=20)
    for label in ("up-for-grabs", "first-timers-only", "easy"):
        variants.add_issue(f"Variant {label}", body=GOOD_BODY, labels=[label], created_at=now - timedelta(days=6))

    good.add_issue(
        "Redesign the plugin loader",
        body=GOOD_BODY,
        labels=["help wanted", "hard"],
        created_at=now - timedelta(days=3),
        author="maintainer",
        author_association="MEMBER",
    )

    rust = world.add_repo("crab/shell", languages=["Rust"], stars=2000)
    rust.add_issue("Rust only issue", body=GOOD_BODY, labels=["good first issue"], created_at=now - timedelta(days=1))


def bench_world(world: World, *, repos: int = 50, per_repo: int = 2) -> None:
    """``repos`` responsive Python repositories with ``per_repo`` beginner issues each."""
    now = world.now
    for r in range(repos):
        repo = world.add_repo(
            f"bench{r:02d}/project", languages=["Python"], stars=100 + r, pushed_at=now - timedelta(days=1)
        )
        _responsive_history(repo, world, hours=2 + r % 24, count=4)
        for i in range(per_repo):
            issue = repo.add_issue(
                f"Beginner task {i} in project {r}",
                body=GOOD_BODY,
                labels=["good first issue"],
                created_at=now - timedelta(days=1 + (r + i) % 30),
            )
            issue.comments.append(
                Comment(
                    author="maintainer",
                    author_association="MEMBER",
                    created_at=issue.created_at + timedelta(hours=1),
                    body="Happy to help!",
                )
            )


ME = "newbie"


def relationship_world(world: World) -> None:
    """A newcomer (``newbie``) one merged pull request into a relationship with acme/widgets.

    acme/widgets merged newbie's config work (reviewed by alice) and has a "help wanted" issue
    about config, a next step; other/project has stronger beginner issues, two of which newbie
    already opened or commented on; twins/lib has two equal issues, one with a mentor's offer.
    newbie also has two open pull requests: one unreviewed for 12 days, one with changes requested.
    """
    now = world.now
    world.add_user(ME)
    world.add_token("newbie-token", ME)
    widgets = world.add_repo("acme/widgets", languages=["Python"], topics=["cli"], stars=400,
                             description="Widgets for Python")
    _responsive_history(widgets, world, hours=6)
    merged = widgets.add_pull(
        "Explain config loading in the docs", author=ME, author_association="CONTRIBUTOR", state="MERGED",
        created_at=now - timedelta(days=45), merged_at=now - timedelta(days=40), merged_by="alice",
        files=["src/widgets/config.py", "docs/config.md"], labels=["documentation"],
        reviews=[Review(author="alice", author_association="MEMBER", state="APPROVED",
                        submitted_at=now - timedelta(days=41))],
    )
    widgets.add_issue("Validate unknown config keys", body="Unknown keys in the config file are ignored silently.",
                      labels=["help wanted"], author="alice", author_association="MEMBER",
                      created_at=now - timedelta(days=8))
    widgets.add_issue("Speed up widget rendering", body="Rendering is slow for large widgets.",
                      labels=["difficulty: medium"], author="alice", author_association="MEMBER",
                      created_at=now - timedelta(days=9))
    widgets.add_pull("Add YAML support", author=ME, author_association="CONTRIBUTOR", state="OPEN",
                     created_at=now - timedelta(days=12))

    other = world.add_repo("other/project", languages=["Python"], topics=["cli", "documentation"], stars=900,
                           description="Another Python project")
    _responsive_history(other, world, hours=2)
    for title in ("Document the retry option", "Fix a typo in the tutorial"):
        other.add_issue(title, body=GOOD_BODY, labels=["good first issue", "documentation"],
                        author="maint", author_association="MEMBER", created_at=now - timedelta(days=2))
    asked = other.add_issue("Add a --quiet flag", body=GOOD_BODY, labels=["good first issue"],
                            author="maint", author_association="MEMBER", created_at=now - timedelta(days=3))
    asked.add_comment("Could this also cover the log output?", author=ME, created_at=now - timedelta(days=1))
    other.add_issue("Crash on empty input", body=GOOD_BODY, labels=["good first issue"], author=ME,
                    created_at=now - timedelta(days=4))
    other.add_pull("Handle missing files", author=ME, author_association="FIRST_TIME_CONTRIBUTOR", state="OPEN",
                   created_at=now - timedelta(days=6),
                   reviews=[Review(author="maint", author_association="MEMBER", state="CHANGES_REQUESTED",
                                   submitted_at=now - timedelta(days=2))])

    twins = world.add_repo("twins/lib", languages=["Python"], stars=300, description="Twin issues")
    _responsive_history(twins, world, hours=12)
    for title, reply in (
        ("Add type hints to the parser", "Confirmed, thanks for the report."),
        ("Add type hints to the printer", "I can mentor whoever picks this up."),
    ):
        issue = twins.add_issue(title, body=GOOD_BODY, labels=["good first issue"], author="reporter",
                                created_at=now - timedelta(days=5))
        issue.add_comment(reply, author="lead", author_association="OWNER", created_at=now - timedelta(days=4))
    assert merged.number


NEWCOMER = "nora-new"

#: Titles of the week-of-use world's issues that tests look up.
INDEX_TITLE = "Speed up building the search index"
MENTORED_STEP = "Add a --dry-run flag to the exporter"
MEDIUM_STEP = "Cache parsed templates between runs"
CLAIMED_TITLE = "Explain the --strict option in the tutorial"


def week_world(world: World, *, others: int = 24) -> None:
    """A week of use for a docs-and-Python newcomer (``nora-new``), the world issue 19 was found in.

    alpha/pyhelp is the most welcoming project and holds nine strong beginner issues, enough to crowd
    any top ten; ``others`` projects hold two beginner issues each. nora-new had one pull request merged
    in beta/notes (a medium-difficulty next step waits there) and one in gamma/export (a "help wanted"
    next step with a mentor's offer). One issue's only skill word is "docs" in its body; one carries a
    maintainer's courtesy ("Happy to review a PR"), not an offer to mentor; one was claimed yesterday;
    delta/tiny has merged a single newcomer pull request.
    """
    now = world.now
    world.add_user(NEWCOMER)
    world.add_token("nora-token", NEWCOMER)
    alpha = world.add_repo("alpha/pyhelp", languages=["Python"], topics=["documentation", "python"], stars=3000,
                           description="Friendly Python helpers")
    _responsive_history(alpha, world, hours=2, count=10)
    for i in range(9):
        alpha.add_issue(f"Document helper number {i + 1}", body=GOOD_BODY,
                        labels=["good first issue", "documentation"], author="keeper", author_association="OWNER",
                        created_at=now - timedelta(days=1 + 3 * i))
    alpha.add_issue(INDEX_TITLE, labels=["enhancement", "difficulty: medium"], author="keeper",
                    author_association="OWNER", created_at=now - timedelta(days=2),
                    body="Building the index takes minutes. Profile it and parallelise the slow part with "
                         "`concurrent.futures`; this also speeds up indexing the docs.")
    for r in range(others):
        repo = world.add_repo(f"proj{r:02d}/lib", languages=["Python"], stars=50 + 10 * r,
                              topics=["documentation"] if r % 2 else [], description=f"Library {r}")
        if r % 3 == 0:
            _responsive_history(repo, world, hours=60 + 4 * r, count=6)
        for i in range(2):
            labels = ["good first issue", "documentation"] if (r + i) % 2 else ["good first issue"]
            docs = (r + i) % 2
            title = f"Improve the docs of module {i} in library {r}" if docs else f"Fix a small bug {i} in library {r}"
            repo.add_issue(title, body=GOOD_BODY, labels=labels, author="maint", author_association="MEMBER",
                           created_at=now - timedelta(days=2 + (r + 3 * i) % 20))
    courtesy = world.repos["proj03/lib"].issues[-1]
    courtesy.add_comment("Thanks! Happy to review a PR.", author="theo", author_association="MEMBER",
                         created_at=now - timedelta(days=1))
    claimed = world.repos["proj05/lib"].add_issue(CLAIMED_TITLE, body=GOOD_BODY,
                                                  labels=["good first issue", "documentation"], author="maint",
                                                  author_association="MEMBER", created_at=now - timedelta(days=4))
    claimed.add_comment("Hi, can I take this one?", author="quick", created_at=now - timedelta(days=1))

    notes = world.add_repo("beta/notes", languages=["Python"], stars=400, description="Note taking")
    _responsive_history(notes, world, hours=8)
    notes.add_pull("Document the export command", author=NEWCOMER, author_association="CONTRIBUTOR",
                   state="MERGED", created_at=now - timedelta(days=30), merged_at=now - timedelta(days=26),
                   merged_by="bea", files=["docs/export.md", "notes/export.py"], labels=["documentation"])
    notes.add_issue(MEDIUM_STEP, body="Parsing templates again on every run is slow; cache them in `notes/cache.py`.",
                    labels=["help wanted", "difficulty: medium"], author="bea", author_association="OWNER",
                    created_at=now - timedelta(days=6))
    asked = notes.add_issue("Typo in the export docs", body="`docs/export.md` says 'exprot'.",
                            labels=["good first issue", "documentation"], author="bea", author_association="OWNER",
                            created_at=now - timedelta(days=5))
    asked.add_comment("I can fix this after my exams.", author=NEWCOMER, created_at=now - timedelta(days=3))
    asked.add_comment("Sounds good, thanks!", author="bea", author_association="OWNER",
                      created_at=now - timedelta(days=1))

    export = world.add_repo("gamma/export", languages=["Python"], stars=800, description="Export tools")
    _responsive_history(export, world, hours=5)
    export.add_pull("Fix the CSV header docs", author=NEWCOMER, author_association="FIRST_TIME_CONTRIBUTOR",
                    state="MERGED", created_at=now - timedelta(days=60), merged_at=now - timedelta(days=55),
                    merged_by="gil", files=["docs/csv.md"], labels=["documentation"])
    step = export.add_issue(MENTORED_STEP, body="Add `--dry-run` to `export/cli.py` and document it in `docs/cli.md`.",
                            labels=["help wanted", "documentation"], author="gil", author_association="OWNER",
                            created_at=now - timedelta(days=3))
    step.add_comment("I can mentor whoever picks this up, ask me here.", author="gil", author_association="OWNER",
                     created_at=now - timedelta(days=2))

    tiny = world.add_repo("delta/tiny", languages=["Python"], stars=20, description="Tiny")
    tiny.add_pull("First fix", author="first-timer", author_association="FIRST_TIME_CONTRIBUTOR", state="MERGED",
                  created_at=now - timedelta(days=10), merged_at=now - timedelta(days=9), merged_by="delta")
    tiny.add_issue("Add a docstring to main", body=GOOD_BODY, labels=["good first issue", "documentation"],
                   author="delta", author_association="OWNER", created_at=now - timedelta(days=2))


def story_suggestions(now: datetime) -> SuggestResult:
    """``suggest --skills python,docs --limit 5`` over ``story_world``: what the output tests render."""
    from clients import make_client, serving

    from ossmatch.profile import Profile
    from ossmatch.suggest.pipeline import Relations, find_matches

    with serving(story_world) as fake:
        return find_matches(make_client(fake), Profile(skills=("python", "docs")), now=now, limit=5,
                            relations=Relations())
