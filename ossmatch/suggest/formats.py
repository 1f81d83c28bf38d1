"""The ``suggest`` result in each output format: JSON, Markdown, HTML, and a terminal view.

JSON is the documented, versioned contract (``SCHEMA_VERSION``); Markdown and HTML come from
templates; the terminal view uses rich with clickable links, or plain text when not a TTY.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from ossmatch.render.wording import plural
from ossmatch.suggest.components import crowding
from ossmatch.suggest.filters import left_out_text

if TYPE_CHECKING:
    from rich.console import Console

    from ossmatch.models import Issue, IssueLink
    from ossmatch.profile import Profile
    from ossmatch.suggest.claims import Claim
    from ossmatch.suggest.fold import Fold
    from ossmatch.suggest.pipeline import SuggestResult
    from ossmatch.suggest.relationships import InProgress
    from ossmatch.suggest.scoring import RankedIssue

#: Bump when a field is removed or changes meaning; adding fields keeps the version.
SCHEMA_VERSION = 1
FORMATS = ("table", "json", "markdown", "html")
#: Most issues one list shows: one GitHub search page, and more than anyone reads in a terminal.
LIMIT_MAX = 100


def issue_entry(item: RankedIssue) -> dict[str, Any]:
    """One ranked issue as plain data: the shape of ``issues[]`` in the JSON output."""
    issue, repo = item.issue, item.repo
    return {
        "repo": issue.repo,
        "number": issue.number,
        "url": issue.url,
        "title": issue.title,
        "labels": list(issue.label_names),
        "score": round(item.score, 2),
        "components": {k: round(v, 4) for k, v in sorted(item.components.items())},
        "reasons": list(item.reasons),
        "flags": sorted(item.flags),
        "holding_down": list(item.holding_down),
        "preference": None if item.preference is None else round(item.preference, 2),
        "created_at": issue.created_at.isoformat(),
        "updated_at": issue.updated_at.isoformat(),
        "comments": issue.comment_count,
        "mentored": item.mentorship.model_dump(mode="json") if item.mentorship else None,
        "next_step": item.next_step is not None,
        "next_step_detail": item.next_step.model_dump(mode="json") if item.next_step else None,
        "involved": item.involvement is not None,
        "involvement": item.involvement.model_dump(mode="json") if item.involvement else None,
        **issue_model_2026(item),
        "signals": {
            "issue": json.loads(item.signals.model_dump_json()),
            "repo": json.loads(item.repo_signals.model_dump_json()),
            "repo_stars": repo.stars,
            "repo_languages": list(repo.languages),
        },
    }


def issue_model_2026(item: RankedIssue) -> dict[str, Any]:
    """Dependencies, sub-issues, the issue type and the project's AI policy, as JSON."""
    issue, repo = item.issue, item.repo

    def link(x: IssueLink) -> dict[str, Any]:
        return {"repo": x.repo, "number": x.number, "title": x.title, "url": x.url, "state": x.state}

    return {
        "issue_type": issue.issue_type,
        "blocked_by": [link(b) for b in issue.blocked_by],
        "parent": ({**link(issue.parent), "sub_issues_total": issue.parent.sub_issues_total,
                    "sub_issues_done": issue.parent.sub_issues_done} if issue.parent else None),
        "sub_issues": {"total": issue.sub_issues_total, "done": issue.sub_issues_done},
        "ai_policy": repo.ai_policy.model_dump(mode="json") if repo.ai_policy else None,
        "ai_policy_read": repo.ai_policy_read,
        **claims_entry(item.claims, issue),
    }


def claims_entry(claims: tuple[Claim, ...], issue: Issue) -> dict[str, Any]:
    """Who else wants the issue: recent claims, and the crowding counts behind ``crowd_factor``."""
    people = {(c.author or "").lower() for c in claims}
    latest = min((c.age_hours for c in claims), default=None)
    crowd = crowding(claims, issue)
    return {
        "claims": {"people": len(people), "latest_hours_ago": None if latest is None else round(latest, 1)},
        "crowding": {"asked_last_week": crowd.askers, "pull_requests_open": crowd.open_pulls,
                     "pull_requests_closed_unmerged": crowd.closed_pulls},
    }


def pull_entry(item: InProgress) -> dict[str, Any]:
    """One open pull request of the person: the shape of ``in_progress[]`` in the JSON output."""
    pull = item.pull
    return {
        "repo": pull.repo,
        "number": pull.number,
        "url": pull.url,
        "title": pull.title,
        "draft": pull.is_draft,
        "created_at": pull.created_at.isoformat(),
        "waiting_on": item.waiting_on,
        "status": _WHOSE[item.waiting_on],
        "waiting_days": round(item.waiting_days, 1),
        "nudge": item.nudge,
    }


def fold_summary(fold: Fold) -> dict[str, Any]:
    """How many more a repository has beyond the cap, the best of them, and the command listing them."""
    return {"repo": fold.repo, "count": len(fold.issues), "top_score": round(fold.top_score, 2),
            "command": fold.command, "text": fold.text()}


def document(result: SuggestResult, profile: Profile, now: datetime) -> dict[str, Any]:
    from ossmatch.suggest.fold import fold_after

    under = fold_after(result.ranked, result.folds)
    issues = [issue_entry(item) | {"fold": fold_summary(under[i]) if i in under else None}
              for i, item in enumerate(result.ranked)]
    return {
        "version": SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "profile": json.loads(profile.model_dump_json()),
        "candidates": result.candidates,
        "repositories": result.repositories,
        "matched": max(result.matched, len(result.ranked)),
        "hidden": result.hidden,
        "left_out": dict(result.left_out),
        "left_out_by_ai_policy": [{"repo": r.repo, "issues": r.issues, **r.policy.model_dump(mode="json")}
                                  for r in result.ai_refused],
        "full_signals": result.full_signals,
        "partial": result.partial,
        "warnings": list(result.warnings),
        "issues": issues,
        "folded": {repo: {**fold_summary(fold), "issues": [issue_entry(item) for item in fold.issues]}
                   for repo, fold in result.folds.items()},
        "me": result.me,
        "involved": [issue_entry(item) for item in result.involved],
        "in_progress": [pull_entry(item) for item in result.in_progress],
    }


def to_json(result: SuggestResult, profile: Profile, now: datetime) -> str:
    return json.dumps(document(result, profile, now), indent=2, sort_keys=False) + "\n"


def to_template(name: str, result: SuggestResult, profile: Profile, now: datetime, advice: str | None = None) -> str:
    """Markdown or HTML: the JSON document plus the project's home and the advice for an empty result."""
    from ossmatch.project import project_home
    from ossmatch.render.jinja import render_template

    context = {
        **document(result, profile, now),
        "home": project_home(),
        "advice": advice or empty_advice(),
        "found": f"{plural(result.candidates, 'candidate')} in {plural(result.repositories, 'repository')}",
        "footer": footer_text(result, hints=False),
    }
    return render_template(name, context)


def render(fmt: str, result: SuggestResult, profile: Profile, now: datetime, advice: str | None = None) -> str:
    """Text for any format but ``table`` (which prints to a console)."""
    if fmt == "json":
        return to_json(result, profile, now)
    if fmt == "markdown":
        return to_template("suggest.md.j2", result, profile, now, advice)
    if fmt == "html":
        return to_template("suggest.html.j2", result, profile, now, advice)
    raise ValueError(f"unknown format {fmt!r}")


def print_table(
    result: SuggestResult,
    console: Console,
    *,
    explain: bool = False,
    advice: str | None = None,
) -> None:
    """The compact list: two or three lines an issue; ``explain`` adds every reason and the score's parts.

    Styled with clickable links on a terminal; plain text when piped or with NO_COLOR. Lines are
    wrapped here, at word boundaries, to the console's width, so nothing is broken mid-word.
    """
    styled = console.is_terminal and not console.no_color
    width = max(MIN_WIDTH, console.width)
    lines: list[list[Word]] = []
    if not result.ranked:
        lines += wrap([Word(w) for w in (advice or empty_advice()).split()], width)
    from ossmatch.suggest.fold import fold_after

    under = fold_after(result.ranked, result.folds)
    for rank, item in enumerate(result.ranked, 1):
        if rank > 1 and explain:
            lines.append([])
        lines += issue_lines(rank, item, width, explain=explain, links=styled)
        if rank - 1 in under:
            lines += wrap(_words(under[rank - 1].text(), "dim"), width, INDENT)
    footer = footer_text(result, explained=explain)
    if footer:
        lines += [[], *wrap([Word(w, "dim") for w in footer.split()], width)]
    lines += yours_lines(result, width)
    for line in lines:
        _print_line(console, line, styled)


#: Narrowest layout we promise: below this, lines are laid out as if the terminal were this wide.
MIN_WIDTH = 40
#: Width of the rank column ("10. "), so titles and details line up under each other.
INDENT = 4
#: Reasons shown in the compact view: the most distinguishing first (ranking orders them).
COMPACT_REASONS = 2


class Word(NamedTuple):
    """One unbreakable piece of a line, with how to style it on a terminal (and a link, if any)."""

    text: str
    style: str = ""
    link: str | None = None


def wrap(words: Sequence[Word], width: int, indent: int = 0, first_indent: int | None = None) -> list[list[Word]]:
    """Greedy word wrap by terminal cells: never splits a word (but CJK text, which breaks between
    characters); a word longer than the line gets a line of its own."""
    from ossmatch.render.cells import cell_width, chop

    lines: list[list[Word]] = []
    current: list[Word] = []
    start = indent if first_indent is None else first_indent
    used = start
    pieces = [Word(piece, w.style, w.link) for w in words for piece in chop(w.text, max(1, width - indent))]
    for word in pieces:
        need = cell_width(word.text) + (1 if current else 0)
        if current and used + need > width:
            lines.append([Word(" " * start), *current])
            current, start = [], indent
            used, need = start, cell_width(word.text)
        current.append(word)
        used += need
    if current:
        lines.append([Word(" " * start), *current])
    return [[w for w in line if w.text] for line in lines]


def _words(text: str, style: str = "", link: str | None = None) -> list[Word]:
    return [Word(w, style, link) for w in clean(text).split()]


def issue_lines(
    rank: int, item: RankedIssue, width: int, *, explain: bool = False, links: bool = False
) -> list[list[Word]]:
    """One issue: rank and title; reference, score and flags; then its leading reasons.

    With ``links`` (a terminal) the reference is a clickable link; otherwise the URL is spelled out.
    """
    from ossmatch.render.cells import cell_width
    from ossmatch.render.text import safe_url

    issue = item.issue
    link = safe_url(issue.url)
    head = [Word(f"{rank}.".rjust(INDENT - 1), "dim"), *_words(issue.title, "bold")]
    lines = wrap(head, width, INDENT, 0)
    meta = [Word(f"{issue.repo}#{issue.number}", "link", None if link == "#" else link), Word("·", "dim"),
            Word(f"score {item.score:.0f}")]
    for flag in sorted(item.flags):
        meta += [Word("·", "dim"), *_words(flag, "yellow")]
    spelled = [Word("·", "dim"), Word(link, "dim")]
    if not links and INDENT + cell_width(" ".join(w.text for w in [*meta, *spelled])) <= width:
        meta += spelled  # plain text has no links: spell the URL out where it fits on the line
    lines += wrap(meta, width, INDENT)
    reasons = [clean(r) for r in item.reasons if clean(r)]
    if explain:
        if not links and meta[-1] is not spelled[-1]:
            lines += wrap(_words(link, "dim"), width, INDENT)
        for reason in reasons:
            lines += wrap([Word("-", "dim"), *_words(reason)], width, INDENT + 2, INDENT)
        parts = components_text(item.components)
        if parts:
            lines += wrap([Word("score components:", "dim"), *_words(parts, "dim")], width, INDENT + 2, INDENT)
        return lines
    # What holds the score down is always among the reasons shown: a low score never comes with
    # only good-sounding ones.
    down = next((clean(r) for r in item.holding_down if clean(r)), None)
    pair = reasons[:2] if down is None or down in reasons[:2] else [reasons[0], down]
    shown = pair[:1]
    if len(pair) > 1 and INDENT + cell_width(pair[0]) + 2 + cell_width(pair[1]) <= width:
        shown = [f"{pair[0]};", pair[1]]
    elif down is not None and down not in shown:
        shown = [down]
    lines += wrap(_words(" ".join(shown)), width, INDENT)
    return lines


def components_text(components: Mapping[str, float]) -> str:
    """The score's parts as the ranking lists them, named as in the JSON output: "base_rate 0.105, ..."."""
    return ", ".join(f"{name} {value:.3g}" for name, value in components.items())


#: The label of a list ranked from a search that stopped early, in every format.
PARTIAL_LABEL = "partial list: GitHub stopped the search early, so more matches may exist (see the warnings)"


def footer_text(result: SuggestResult, *, hints: bool = True, explained: bool = False) -> str:
    """"showing 10 of 101 (--limit N to see more)", and how many were hidden; empty when nothing to say.

    ``hints`` adds the terminal-only advice (``--explain``, unless ``explained`` already, ``ossmatch show``).
    """
    shown = len(result.ranked)
    total = max(result.matched, shown)
    parts = [PARTIAL_LABEL] if result.partial else []
    folded = sum(len(fold.issues) for fold in result.folds.values())
    if shown and total > shown:
        more = "--limit N to see more" if shown < LIMIT_MAX else "--repo OWNER/REPO to see one project's"
        if shown < LIMIT_MAX < total:
            more = f"--limit N, up to {LIMIT_MAX}, to see more"
        if total - shown <= folded:  # the limit cut nothing: the rest wait under their project's "+N more"
            more = "the rest are folded under their project: --per-repo N to see more"
        parts.append(f"showing {shown} of {total} ({more})")
    elif shown:
        parts.append("showing the only match" if shown == 1 else f"showing all {shown} matches")
    if result.hidden:
        parts.append(f"{plural(result.hidden, 'hidden issue')} left out (ossmatch hidden lists them)")
    if result.left_out:
        parts.append(left_out_text(result.left_out))
    if hints and shown:
        parts.append(("" if explained else "--explain for every reason; ") + "ossmatch show OWNER/REPO#N for one issue")
    return "; ".join(parts)


def empty_advice(*, next_only: bool = False, mentored_only: bool = False, hidden: int = 0) -> str:
    """What to try when nothing matched, fitting the filter that was used.

    The level never empties a list (it only weighs difficulty), so it is never the advice.
    """
    if next_only:
        advice = ("No next steps found: no open issue in the projects that merged your work fits. "
                  "Drop --next to see every match.")
    elif mentored_only:
        advice = "No mentored issues found among the matches. Drop --mentored-only, or add skills."
    else:
        advice = "No matching issues found. Try more or other skills (a language such as python, or docs, testing)."
    if hidden:
        advice += f" ({plural(hidden, 'hidden issue')} left out: ossmatch hidden lists them.)"
    return advice


def yours_lines(result: SuggestResult, width: int) -> list[list[Word]]:
    """Issues the person is already part of, and their open pull requests."""
    from ossmatch.render.text import safe_url

    lines: list[list[Word]] = []
    if result.involved:
        lines += [[], [Word("You're involved (not new finds):", "bold")]]
        for item in result.involved:
            issue = item.issue
            link = safe_url(issue.url)
            ref = Word(f"{issue.repo}#{issue.number}", "link", None if link == "#" else link)
            lines += wrap([Word("-"), ref, *_words(issue.title)], width, 2, 0)
            lines += wrap(_words(item.reasons[0] if item.reasons else ""), width, 2)
    if result.in_progress:
        lines += [[], [Word("Your pull requests in progress:", "bold")]]
        for entry in result.in_progress:
            pull = entry.pull
            link = safe_url(pull.url)
            ref = Word(f"{pull.repo}#{pull.number}", "link", None if link == "#" else link)
            lines += wrap([Word("-"), ref, *_words(pull.title), *_words(f"({_WHOSE[entry.waiting_on]})", "dim")],
                          width, 2, 0)
            if entry.nudge:
                lines += wrap(_words(entry.nudge), width, 2)
    return lines


#: How each word style looks on a terminal.
_STYLES = {"dim": "dim", "bold": "bold", "yellow": "yellow", "link": "bold cyan", "": ""}


def _print_line(console: Console, line: list[Word], styled: bool) -> None:
    if not styled:
        console.print(_join_plain(line), markup=False, highlight=False, soft_wrap=True)
        return
    from rich.style import Style
    from rich.text import Text

    text = Text(no_wrap=True, overflow="ignore")
    run: list[Word] = []  # neighbouring words with one style and link become one span

    def flush() -> None:
        if run:
            style = Style.parse(_STYLES[run[0].style]) + Style(link=run[0].link)
            text.append(" ".join(w.text for w in run), style=style)

    for word in line:
        if word.text.isspace():  # the indent
            text.append(word.text)
            continue
        if run and (word.style, word.link) != (run[0].style, run[0].link):
            flush()
            run = []
            text.append(" ")
        run.append(word)
    flush()
    console.print(text, soft_wrap=True)


def _join_plain(line: list[Word]) -> str:
    out = ""
    for index, word in enumerate(line):
        if index and not line[index - 1].text.isspace():
            out += " "
        out += word.text
    return out.rstrip()


_WHOSE = {
    "review": "waiting for review",
    "you": "waiting for you",
    "unknown": "review state unknown without a token",
}


def clean(text: str) -> str:
    """One line of untrusted text, safe for a terminal: the shared sanitiser (no escape sequences,
    no bidirectional overrides), then whitespace collapsed."""
    from ossmatch.render.text import clean as sanitise

    return " ".join(sanitise(text).split())
