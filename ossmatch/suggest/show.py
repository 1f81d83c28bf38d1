"""``ossmatch show``'s page: one issue as plain text, with who to ask and why it ranks where it does.

``show_issue`` reads and judges the issue once for both front ends (the CLI's ``show`` and the MCP
``show`` tool), so they cannot drift apart; the page itself (``show_lines``) is pure: it receives
the models and returns lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ossmatch.aipolicy import WORDS as AI_WORDS
from ossmatch.github.issue_detail import read_issue
from ossmatch.github.settings import github_web_hosts
from ossmatch.models import Comment, Issue
from ossmatch.render.plaintext import markdown_to_text, wrap_lines
from ossmatch.render.text import clean_deep, one_line, safe_url
from ossmatch.render.timefmt import humanize_ago
from ossmatch.render.wording import plural
from ossmatch.render.wrap import MIN_WIDTH
from ossmatch.suggest.filters import exclusion_reason
from ossmatch.suggest.hidden import parse_target
from ossmatch.suggest.listing import components_text
from ossmatch.suggest.offer import not_offered, offered_with_caveat
from ossmatch.suggest.pipeline import Relations, read_contributor
from ossmatch.suggest.scoring import contributed_repos, part_of, rank
from ossmatch.suggest.startable import assignment_text, blocked_lines, door_text
from ossmatch.vocabulary import is_maintainer

if TYPE_CHECKING:
    from ossmatch.github.client import GitHubClient
    from ossmatch.github.issue_detail import IssueDetail
    from ossmatch.profile import Profile
    from ossmatch.suggest.hidden import HiddenState
    from ossmatch.suggest.scoring import RankedIssue

#: Comments shown under "Last comments": enough to see where the discussion stands.
LAST_COMMENTS = 3
#: Lines of one comment before it is cut (the link has the rest).
COMMENT_LINES = 8
#: Lines of the body before it is cut; a body longer than a screen is better read on GitHub.
BODY_LINES = 40
#: People listed under "Who to ask".
MAX_CONTACTS = 3
INDENT = "  "


def _ago(moment: datetime, now: datetime) -> str:
    return humanize_ago((now - moment).total_seconds() / 3600)


def _cut(lines: list[str], most: int, url: str) -> list[str]:
    if len(lines) <= most:
        return lines
    return [*lines[:most], f"{INDENT}... ({plural(len(lines) - most, 'more line')} at {url})"]


def _who(comment: Comment) -> str:
    login = comment.author.login
    name = f"@{login}" if login else "a deleted account"
    role = comment.association.lower().replace("_", " ")
    return name if role == "none" else f"{name} ({role})"


def contacts(detail: IssueDetail, ranked: RankedIssue | None, now: datetime) -> list[str]:
    """People worth asking, best first: an offered mentor, maintainers on this issue, then the project's."""
    issue, repo = detail.candidate.issue, detail.candidate.repo
    found: dict[str, str] = {}
    if ranked is not None and ranked.mentorship is not None and ranked.mentorship.mentor:
        found[ranked.mentorship.mentor.lower()] = f"@{ranked.mentorship.mentor}: offered to mentor this issue"
    for comment in sorted(issue.comments, key=lambda c: c.created_at, reverse=True):
        login = comment.author.login
        if login and is_maintainer(comment.author, comment.association):
            found.setdefault(login.lower(), f"{_who(comment)}: commented here {_ago(comment.created_at, now)}")
    answers = [
        c for i in repo.recent_issues for c in i.comments
        if c.author.login and is_maintainer(c.author, c.association)
    ]
    for comment in sorted(answers, key=lambda c: c.created_at, reverse=True):
        login = comment.author.login or ""
        found.setdefault(login.lower(), f"{_who(comment)}: answered an issue {_ago(comment.created_at, now)}")
    return list(found.values())[:MAX_CONTACTS]


def start_facts(detail: IssueDetail) -> list[str]:
    """Whether it can be started: a shut door, blockers, the tracking issue it is part of, its own
    sub-issues, and the project's word on AI-assisted work."""
    issue, repo = detail.candidate.issue, detail.candidate.repo
    lines: list[str] = []
    door = door_text(repo)
    if door:
        lines.append(door[0].upper() + door[1:] + ".")
    lines += [line[0].upper() + line[1:] for line in blocked_lines(issue)]
    if issue.parent is not None:
        lines.append(part_of(issue.parent)[0].upper() + part_of(issue.parent)[1:])
    if issue.open_sub_issues or detail.sub_issues:
        open_subs = [s for s in detail.sub_issues if s.open]
        lines.append(f"Tracking issue: {plural(issue.open_sub_issues or len(open_subs), 'open sub-issue')} "
                     f"({issue.sub_issues_done} of {issue.sub_issues_total} done); the sub-issues are the tasks:")
        for sub in open_subs:
            state = "free" if sub.free else ("assigned" if sub.assigned else "blocked")
            lines.append(f"{INDENT}- #{sub.number} {sub.title} ({state})")
    if repo.ai_policy is not None:
        policy = repo.ai_policy
        lines.append(f"AI policy ({policy.source}): {AI_WORDS[policy.stance]}: \"{policy.quote}\"")
    elif repo.ai_policy_read:
        lines.append("AI policy: none stated in AGENTS.md, AI_POLICY.md, the contributing guide or the "
                     "pull-request template")
    return lines


def _open_pulls(issue: Issue) -> str:
    """" (#17 by @helper)": the open pull requests that mention the issue, so a taken one names its taker."""
    found = [f"#{p.number}" + (f" by @{p.author}" if p.author else "") for p in issue.pull_mentions
             if p.state == "OPEN"]
    return f" ({', '.join(found)})" if found else ""


def _heading(issue: Issue, url: str, now: datetime, width: int) -> list[str]:
    """Title, link and the facts line: state, age and author, comments, assignment, type, labels."""
    lines = wrap_lines([f"{issue.repo}#{issue.number}: {one_line(issue.title)}"], width)
    lines += wrap_lines([url], width)
    facts = [
        "open" if issue.state == "OPEN" else "closed",
        f"opened {_ago(issue.created_at, now)}" + (f" by @{issue.author.login}" if issue.author.login else ""),
        plural(issue.comment_count, "comment"),
    ]
    assigned = assignment_text(issue, now)
    if assigned:
        facts.append(assigned)
    if issue.issue_type:
        facts.append(f"type: {one_line(issue.issue_type)}")
    if issue.labels:
        facts.append("labels: " + ", ".join(one_line(label.name) for label in issue.labels))
    return lines + wrap_lines([" · ".join(facts)], width)


def _start_facts_section(detail: IssueDetail, width: int) -> list[str]:
    """``start_facts`` wrapped, a sub-issue line keeping its indent."""
    lines: list[str] = []
    for fact in start_facts(detail):
        indent = INDENT if fact.startswith(INDENT) else ""
        lines += wrap_lines([one_line(fact)], width, indent) if indent else wrap_lines([one_line(fact)], width)
    return lines


def _body_section(issue: Issue, url: str, width: int) -> list[str]:
    body = markdown_to_text(issue.body)
    return ["", *(_cut(wrap_lines(body, width, INDENT), BODY_LINES, url) if body else [f"{INDENT}(no description)"])]


def _comments_section(issue: Issue, url: str, now: datetime, width: int) -> list[str]:
    """The last few comments, each cut to a few lines: where the discussion stands."""
    recent = sorted(issue.comments, key=lambda c: c.created_at)[-LAST_COMMENTS:]
    if not recent:
        return []
    lines = ["", f"Last comments ({len(recent)} of {issue.comment_count}):" if issue.comment_count > len(recent)
             else "Comments:"]
    for comment in recent:
        lines += wrap_lines([f"{_who(comment)}, {_ago(comment.created_at, now)}:"], width, INDENT)
        text = wrap_lines(markdown_to_text(comment.body), width, INDENT * 2) or [f"{INDENT * 2}(empty)"]
        lines += _cut(text, COMMENT_LINES, url)
    return lines


def _contacts_section(detail: IssueDetail, ranked: RankedIssue | None, now: datetime, width: int) -> list[str]:
    lines = ["", "Who to ask:"]
    people = contacts(detail, ranked, now)
    if people:
        return lines + wrap_lines([f"- {p}" for p in people], width, INDENT)
    nobody = ("- nobody with write access has answered recently; ask on the issue itself" if detail.full_signals
              else "- unknown without a token (maintainers' answers are not read); ask on the issue itself")
    return lines + wrap_lines([nobody], width, INDENT)


def _getting_started_section(detail: IssueDetail, width: int) -> list[str]:
    """Where a newcomer reads first: the contributing guide, code of conduct, site and README."""
    lines = ["", "Getting started:"]
    links = [
        ("contributing guide", detail.contributing),
        ("code of conduct", detail.code_of_conduct),
        ("project site", detail.homepage),
        ("README", f"{detail.candidate.repo.url}#readme"),
    ]
    for name, link in links:
        if link and safe_url(link) != "#":
            lines += wrap_lines([f"{name}: {safe_url(link)}"], width, INDENT)
    if not detail.contributing and detail.full_signals:
        lines += wrap_lines(["(no CONTRIBUTING file: the README is the place to start)"], width, INDENT)
    return lines


def _score_lines(ranked: RankedIssue, skills: Iterable[str], not_offered: Sequence[str],
                 caveat: str | None, width: int) -> list[str]:
    """The score as a chance, whether suggest would offer it, the reasons and the components."""
    given = ", ".join(skills)
    chance = f"score {ranked.score:.0f}: about {ranked.score:.0f}% chance of a merged pull request"
    head = chance + (f", for skills {given}" if given else " (no skills given: pass --skills)")
    lines = wrap_lines([head], width, INDENT)
    if not_offered:
        lines += wrap_lines([f"suggest would not offer it: {'; '.join(not_offered)}."], width, INDENT)
    elif caveat:
        lines += wrap_lines([f"suggest lists it with a warning: {caveat}."], width, INDENT)
    lines += wrap_lines([f"- {one_line(r)}" for r in ranked.reasons], width, INDENT)
    return lines + wrap_lines([f"score components: {components_text(ranked.components)}"], width, INDENT)


def _closing_notes(detail: IssueDetail, hidden: bool, width: int) -> list[str]:
    """What the person hid, and what a run without a token could not read."""
    lines: list[str] = []
    if hidden:
        lines += wrap_lines(["You hid it (or its repository), so suggest and digest leave it out; "
                             "`ossmatch hidden` lists what is hidden."], width, INDENT)
    if not detail.full_signals:
        lines += wrap_lines(["(without a token: no maintainer signals; set GITHUB_TOKEN for the full picture)"],
                            width, INDENT)
    return lines


def show_lines(
    detail: IssueDetail,
    ranked: RankedIssue | None,
    *,
    excluded: str | None,
    now: datetime,
    width: int,
    skills: Iterable[str] = (),
    hidden: bool = False,
    not_offered: Sequence[str] = (),
    caveat: str | None = None,
) -> list[str]:
    """The whole page, as lines no wider than ``width`` (at least ``MIN_WIDTH``; single words longer
    than that stand on a line of their own).

    ``not_offered``: why suggest would leave the issue out (``ossmatch.suggest.offer``); ``caveat``:
    what suggest warns about when it does list it."""
    width = max(MIN_WIDTH, width)
    issue = detail.candidate.issue
    url = safe_url(issue.url)
    lines = [
        *_heading(issue, url, now, width),
        *_start_facts_section(detail, width),
        *_body_section(issue, url, width),
        *_comments_section(issue, url, now, width),
        *_contacts_section(detail, ranked, now, width),
        *_getting_started_section(detail, width),
        "", "Why ossmatch ranks it:",
    ]
    if excluded is not None:
        lines += wrap_lines([f"ossmatch would not suggest it: {excluded}{_open_pulls(issue)}."], width, INDENT)
    elif ranked is not None:
        lines += _score_lines(ranked, skills, not_offered, caveat, width)
    lines += _closing_notes(detail, hidden, width)
    return [line.rstrip() for line in lines]


@dataclass(frozen=True)
class ShownIssue:
    """One issue judged for a profile as ``suggest`` would judge it, with everything its page needs.

    ``excluded``: why suggest's filters drop it (then ``ranked`` is None); ``not_offered``: why
    suggest would still leave it out (its searches never find it); ``caveat``: what suggest warns
    about when it does list it; ``has_token``: whether GitHub was read with a token.
    """

    detail: IssueDetail
    ranked: RankedIssue | None
    excluded: str | None
    hidden: bool
    not_offered: tuple[str, ...]
    caveat: str | None
    has_token: bool

    @property
    def offered(self) -> bool:
        """Whether ``suggest`` would list the issue for this profile: ranked, not hidden, and found."""
        return self.ranked is not None and not self.hidden and not self.not_offered

    def lines(self, *, now: datetime, width: int, skills: Iterable[str]) -> list[str]:
        """The page ``ossmatch show`` prints (``show_lines``)."""
        return show_lines(self.detail, self.ranked, excluded=self.excluded, now=now, width=width, skills=skills,
                          hidden=self.hidden, not_offered=self.not_offered, caveat=self.caveat)


def show_issue(
    text: str,
    profile: Profile,
    *,
    connect: Callable[[], GitHubClient],
    now: datetime,
    hidden: HiddenState,
    warnings: list[str],
) -> ShownIssue:
    """Read the issue ``text`` names (``OWNER/REPO#N`` or a URL on the configured GitHub) and judge it
    with the same inputs ``suggest`` scores with: the issue, its repository and the token's own
    history (next steps, the person's own claims), so both give the same number.

    ``connect`` opens the client only once ``text`` is known to be an issue: bad input costs nothing.
    Warnings about the history go to ``warnings``; without it the issue is still shown.
    """
    what = parse_target(text, issue_only=True, hosts=github_web_hosts())
    assert what.number is not None
    client = connect()
    detail: IssueDetail = clean_deep(read_issue(client, what.repo, what.number))
    history = read_contributor(client, Relations(), now=now, warnings=warnings, notes=[])
    excluded = exclusion_reason(detail.candidate, profile, now, contributed_repos(history))
    scored = [] if excluded else rank([detail.candidate], profile, now, history=history)
    ranked = scored[0] if scored else None
    return ShownIssue(
        detail=detail,
        ranked=ranked,
        excluded=excluded,
        hidden=hidden.covers(what.repo, what.number, now),
        not_offered=tuple(not_offered(ranked, profile, now)) if ranked else (),
        caveat=offered_with_caveat(ranked) if ranked else None,
        has_token=client.has_token,
    )
