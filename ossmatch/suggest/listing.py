"""The compact list ``suggest`` prints on a terminal: two or three lines an issue, wrapped at words.

Styled with clickable links on a terminal, plain when piped; the ``table`` format
(``ossmatch.suggest.formats``) renders through ``print_table``. The sentences every format shares
(the footer, the advice for an empty result, who a pull request waits for) live here too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text

from ossmatch.render.text import one_line, safe_url
from ossmatch.render.wording import plural
from ossmatch.render.wrap import MIN_WIDTH, cell_width
from ossmatch.render.wrap import wrap as wrap_pieces
from ossmatch.suggest.filters import left_out_text
from ossmatch.suggest.fold import fold_after
from ossmatch.suggest.limits import MAX_LIMIT

if TYPE_CHECKING:
    from rich.console import Console

    from ossmatch.suggest.pipeline import SuggestResult
    from ossmatch.suggest.scoring import RankedIssue


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
    """``render.wrap``'s lines as words, each led by its indent (a word of spaces) where it has one."""
    laid = wrap_pieces(words, width, text=_text, remake=_retext, indent=indent, first_indent=first_indent)
    return [[Word(" " * start), *line] if start else line for start, line in laid]


def _text(word: Word) -> str:
    return word.text


def _retext(word: Word, text: str) -> Word:
    return word._replace(text=text)


def _reference(repo: str, number: int, url: str) -> Word:
    """"owner/repo#N", a link to ``url`` when that is safe to follow."""
    link = safe_url(url)
    return Word(f"{repo}#{number}", "link", None if link == "#" else link)


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
    meta = [_reference(issue.repo, issue.number, issue.url), Word("·", "dim"), Word(f"score {item.score:.0f}")]
    for flag in sorted(item.flags):
        meta += [Word("·", "dim"), *_words(flag, "yellow")]
    spelled = [Word("·", "dim"), Word(link, "dim")]
    fits = INDENT + cell_width(" ".join(w.text for w in [*meta, *spelled])) <= width
    if not links and fits:
        meta += spelled  # plain text has no links: spell the URL out on the reference line where it fits
    lines += wrap(meta, width, INDENT)
    if not links and not fits:  # ...and on a line of its own where it does not, so no issue loses its URL
        lines += wrap(_words(link, "dim"), width, INDENT)
    reasons = [one_line(r) for r in item.reasons if one_line(r)]
    if explain:
        for reason in reasons:
            lines += wrap([Word("-", "dim"), *_words(reason)], width, INDENT + 2, INDENT)
        parts = components_text(item.components)
        if parts:
            lines += wrap([Word("score components:", "dim"), *_words(parts, "dim")], width, INDENT + 2, INDENT)
        return lines
    # What holds the score down is always among the reasons shown: a low score never comes with
    # only good-sounding ones.
    down = next((one_line(r) for r in item.holding_down if one_line(r)), None)
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
    total = result.matched  # the pipeline counts what it shows: never fewer
    parts = [PARTIAL_LABEL] if result.partial else []
    folded = sum(len(fold.issues) for fold in result.folds.values())
    if shown and total > shown:
        more = "--limit N to see more" if shown < MAX_LIMIT else "--repo OWNER/REPO to see one project's"
        if shown < MAX_LIMIT < total:
            more = f"--limit N, up to {MAX_LIMIT}, to see more"
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
    lines: list[list[Word]] = []
    if result.involved:
        lines += [[], [Word("You're involved (not new finds):", "bold")]]
        for item in result.involved:
            issue = item.issue
            ref = _reference(issue.repo, issue.number, issue.url)
            lines += wrap([Word("-"), ref, *_words(issue.title)], width, 2, 0)
            lines += wrap(_words(item.reasons[0] if item.reasons else ""), width, 2)
    if result.in_progress:
        lines += [[], [Word("Your pull requests in progress:", "bold")]]
        for entry in result.in_progress:
            pull = entry.pull
            ref = _reference(pull.repo, pull.number, pull.url)
            lines += wrap([Word("-"), ref, *_words(pull.title), *_words(f"({WHOSE[entry.waiting_on]})", "dim")],
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


WHOSE = {
    "review": "waiting for review",
    "you": "waiting for you",
    "unknown": "review state unknown without a token",
}
