"""The ``suggest`` result in each output format: a terminal list (``table``), JSON, Markdown, HTML.

JSON is the documented, versioned contract (``SCHEMA_VERSION``); Markdown and HTML come from
templates; the terminal view uses rich with clickable links, or plain text when not a TTY. Each
format is registered in ``FORMATS`` and renders from one ``SuggestReport``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from ossmatch.project import project_home
from ossmatch.render.formats import Formats, Screen
from ossmatch.render.text import one_line, safe_url
from ossmatch.render.wording import plural
from ossmatch.render.wrap import MIN_WIDTH
from ossmatch.render.wrap import wrap as wrap_pieces

if TYPE_CHECKING:
    from rich.console import Console

    from ossmatch.profile import Profile
    from ossmatch.suggest.pipeline import SuggestResult
    from ossmatch.suggest.relationships import InProgress
    from ossmatch.suggest.scoring import RankedIssue

#: Bump when a field is removed or changes meaning; adding fields keeps the version.
SCHEMA_VERSION = 1
#: Width of the plain list written to a file: wide enough that most titles keep to one line.
FILE_WIDTH = 120


@dataclass(frozen=True)
class SuggestReport:
    """Everything a ``suggest`` format renders: the result, for whom and when, and how to say it."""

    result: SuggestResult
    profile: Profile
    now: datetime
    #: What to try when nothing matched (``empty_advice`` for the filters used).
    advice: str | None = None
    #: The terminal list with every reason and the score's parts.
    explain: bool = False


FORMATS: Formats[SuggestReport] = Formats("suggest")


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
        "created_at": issue.created_at.isoformat(),
        "updated_at": issue.updated_at.isoformat(),
        "comments": issue.comment_count,
        "mentored": item.mentorship.model_dump(mode="json") if item.mentorship else None,
        "next_step": item.next_step is not None,
        "next_step_detail": item.next_step.model_dump(mode="json") if item.next_step else None,
        "involved": item.involvement is not None,
        "involvement": item.involvement.model_dump(mode="json") if item.involvement else None,
        "signals": {
            "issue": json.loads(item.signals.model_dump_json()),
            "repo": json.loads(item.repo_signals.model_dump_json()),
            "repo_stars": repo.stars,
            "repo_languages": list(repo.languages),
        },
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


def document(result: SuggestResult, profile: Profile, now: datetime) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "profile": json.loads(profile.model_dump_json()),
        "candidates": result.candidates,
        "repositories": result.repositories,
        "matched": max(result.matched, len(result.ranked)),
        "hidden": result.hidden,
        "full_signals": result.full_signals,
        "warnings": list(result.warnings),
        "issues": [issue_entry(item) for item in result.ranked],
        "me": result.me,
        "involved": [issue_entry(item) for item in result.involved],
        "in_progress": [pull_entry(item) for item in result.in_progress],
    }


def to_json(result: SuggestResult, profile: Profile, now: datetime) -> str:
    return json.dumps(document(result, profile, now), indent=2, sort_keys=False) + "\n"


def to_template(name: str, result: SuggestResult, profile: Profile, now: datetime, advice: str | None = None) -> str:
    """Markdown or HTML: the JSON document plus the project's home and the advice for an empty result."""
    from ossmatch.render.jinja import render_template  # Jinja loads for a page, not for suggest --help

    context = {
        **document(result, profile, now),
        "home": project_home(),
        "advice": advice or empty_advice(),
        "found": f"{plural(result.candidates, 'candidate')} in {plural(result.repositories, 'repository')}",
        "footer": footer_text(result, hints=False),
    }
    return render_template(name, context)


@FORMATS.register("table", styled=True)
def table_format(report: SuggestReport, screen: Screen) -> str:
    """The compact list (``print_table``): styled for a colour terminal, plain for a pipe or a file."""
    from rich.console import Console  # rich loads to print the list, not for suggest --help

    columns = FILE_WIDTH if screen.columns is None else screen.columns
    out = io.StringIO()
    if screen.color:
        console = Console(file=out, width=columns, force_terminal=True, no_color=False)
    else:
        console = Console(file=out, width=columns, force_terminal=False, no_color=True)
    print_table(report.result, console, explain=report.explain, advice=report.advice)
    return out.getvalue()


@FORMATS.register("json")
def json_format(report: SuggestReport, screen: Screen) -> str:
    return to_json(report.result, report.profile, report.now)


@FORMATS.register("markdown")
def markdown_format(report: SuggestReport, screen: Screen) -> str:
    return to_template("suggest.md.j2", report.result, report.profile, report.now, report.advice)


@FORMATS.register("html")
def html_format(report: SuggestReport, screen: Screen) -> str:
    return to_template("suggest.html.j2", report.result, report.profile, report.now, report.advice)


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
    for rank, item in enumerate(result.ranked, 1):
        if rank > 1 and explain:
            lines.append([])
        lines += issue_lines(rank, item, width, explain=explain, links=styled)
    footer = footer_text(result)
    if footer:
        lines += [[], *wrap([Word(w, "dim") for w in footer.split()], width)]
    lines += yours_lines(result, width)
    for line in lines:
        _print_line(console, line, styled)


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
    """The shared word wrapper (``ossmatch.render.wrap``) over styled words; the indent leads each line."""
    laid = wrap_pieces(words, width, length=lambda word: len(word.text), indent=indent, first_indent=first_indent)
    return [[w for w in [Word(" " * start), *line] if w.text] for start, line in laid]


def _words(text: str, style: str = "", link: str | None = None) -> list[Word]:
    return [Word(w, style, link) for w in one_line(text).split()]


def issue_lines(
    rank: int, item: RankedIssue, width: int, *, explain: bool = False, links: bool = False
) -> list[list[Word]]:
    """One issue: rank and title; reference, score and flags; then its leading reasons.

    With ``links`` (a terminal) the reference is a clickable link; otherwise the URL is spelled out.
    """
    issue = item.issue
    link = safe_url(issue.url)
    head = [Word(f"{rank}.".rjust(INDENT - 1), "dim"), *_words(issue.title, "bold")]
    lines = wrap(head, width, INDENT, 0)
    meta = [Word(f"{issue.repo}#{issue.number}", "link", None if link == "#" else link), Word("·", "dim"),
            Word(f"score {item.score:.0f}")]
    for flag in sorted(item.flags):
        meta += [Word("·", "dim"), *_words(flag, "yellow")]
    spelled = [Word("·", "dim"), Word(link, "dim")]
    if not links and INDENT + len(" ".join(w.text for w in [*meta, *spelled])) <= width:
        meta += spelled  # plain text has no links: spell the URL out where it fits on the line
    lines += wrap(meta, width, INDENT)
    reasons = [one_line(r) for r in item.reasons if one_line(r)]
    if explain:
        if not links and meta[-1] is not spelled[-1]:
            lines += wrap(_words(link, "dim"), width, INDENT)
        for reason in reasons:
            lines += wrap([Word("-", "dim"), *_words(reason)], width, INDENT + 2, INDENT)
        parts = components_text(item.components)
        if parts:
            lines += wrap([Word("score components:", "dim"), *_words(parts, "dim")], width, INDENT + 2, INDENT)
        return lines
    shown = reasons[:1]
    if len(reasons) > 1 and INDENT + len(reasons[0]) + 2 + len(reasons[1]) <= width:
        shown = [f"{reasons[0]};", reasons[1]]
    lines += wrap(_words(" ".join(shown)), width, INDENT)
    return lines


def components_text(components: Mapping[str, float]) -> str:
    """The score's parts as the ranking lists them, named as in the JSON output: "base_rate 0.105, ..."."""
    return ", ".join(f"{name} {value:.3g}" for name, value in components.items())


def footer_text(result: SuggestResult, *, hints: bool = True) -> str:
    """"showing 10 of 101 (--limit N to see more)", and how many were hidden; empty when nothing to say.

    ``hints`` adds the terminal-only advice (``--explain``, ``ossmatch show``).
    """
    shown = len(result.ranked)
    total = max(result.matched, shown)
    parts = []
    if shown and total > shown:
        parts.append(f"showing {shown} of {total} (--limit N to see more)")
    elif shown:
        parts.append(f"showing all {plural(shown, 'match', 'matches')}")
    if result.hidden:
        parts.append(f"{plural(result.hidden, 'hidden issue')} left out (ossmatch hidden lists them)")
    if hints and shown:
        parts.append("--explain for every reason; ossmatch show OWNER/REPO#N for one issue")
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
    from rich.style import Style  # rich loads to print the list, not for suggest --help
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
