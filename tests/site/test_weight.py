"""The index for 500 issues stays under 300 KB before compression (built without a server)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ossmatch.models import Candidate, Comment, Issue, Label, Repo
from ossmatch.site.build import assemble
from ossmatch.site.collect import Collected
from ossmatch.site.config import Area, Community
from ossmatch.site.pages import render_site

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
#: The issue's promise: 500 issues under 300 KB.
ISSUES, LIMIT = 500, 300 * 1024


def community_of(issues: int) -> tuple[Community, Collected]:
    """``issues`` issues over 50 projects: titles of GitHub's usual length (about 50 characters),
    three labels each, a mentor's comment on every fifth."""
    repos = [Repo(name_with_owner=f"community/project-{r}", url=f"https://github.com/community/project-{r}",
                  primary_language=("Python", "TypeScript", "Go")[r % 3], stars=100 + r) for r in range(50)]
    candidates = []
    for n in range(issues):
        repo = repos[n % 50]
        created = NOW - timedelta(days=n % 40, hours=n % 7)
        issue = Issue(
            repo=repo.name_with_owner, number=1000 + n, url=f"{repo.url}/issues/{1000 + n}",
            title=f"Improve the error shown when config file {n} is invalid",
            body="Steps:\n1. Open `src/config.py`\n2. Improve it\n", created_at=created, updated_at=created,
            labels=(Label(name="good first issue"), Label(name="documentation"), Label(name="help wanted")),
            comments=(Comment(author={"login": "lead"}, association="OWNER", created_at=created,
                              body="Happy to help!"),) if n % 5 == 0 else (),
        )
        candidates.append(Candidate(issue=issue, repo=repo))
    community = Community(name="Weighty", repositories=[r.name_with_owner for r in repos], issues_per_project=100,
                          areas=[Area(name="Docs", skills=["docs"]), Area(name="Python", skills=["python"])])
    return community, Collected(candidates=candidates, repos={r.name_with_owner: r for r in repos})


def test_the_index_for_500_issues_is_under_300_kb() -> None:
    community, collected = community_of(ISSUES)
    site = assemble(community, collected, NOW)
    assert len(site.issues) == ISSUES
    index = render_site(site)["index.html"].encode("utf-8")
    assert index.count(b'<li class="i"') == ISSUES
    assert len(index) < LIMIT, f"{len(index) / 1024:.0f} KB"


def test_a_project_over_the_cap_says_how_many_more_up_to_which_score() -> None:
    community, collected = community_of(150)  # three issues in each of 50 projects
    capped = community.model_copy(update={"issues_per_project": 2})
    site = assemble(capped, collected, NOW)
    first = site.projects[0]
    assert len(first.issues) == 2 and first.more == 1
    assert first.more_top is not None and first.more_top <= min(i.score for i in first.issues)
    pages = render_site(site)
    line = (f"+1 more in {first.name}, up to score {first.more_top:.0f}: "
            f"add <code>--repo {first.name}</code> to <code>ossmatch suggest</code> with your skills")
    assert line in pages[f"projects/{first.slug}.html"]
    assert f"(+1 more, up to score {first.more_top:.0f})" in pages["index.html"]
    uncapped = assemble(community, collected, NOW)
    assert all(p.more == 0 for p in uncapped.projects)
