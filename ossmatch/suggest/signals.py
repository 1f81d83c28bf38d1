"""Signals computed from one issue and its repository.

``IssueSignals`` mirrors the features of the RecGFI data set (Xiao et al., ICSE 2022) one to one,
so the newcomer model fitted on that data can be applied to live issues. The project's side (how
maintainers treat newcomers) is ``ossmatch.suggest.project_signals``.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_serializer

from ossmatch.models import Comment, Issue, Repo
from ossmatch.suggest.project_signals import RepoSignals, median_close_hours, newcomer_share
from ossmatch.vocabulary import NEWCOMER_ASSOCIATIONS

#: Label categories in RecGFI order (lc0 .. lc11).
LABEL_CATEGORIES: tuple[str, ...] = (
    "gfi", "bug", "test", "build", "docs", "enhancement",
    "coding", "feature", "difficult", "medium", "untriaged", "triaged",
)

_LABEL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(rx))
    for cat, rx in (
        ("gfi", r"good.?first|first.?timers?|first.?contribut|beginner|\beasy\b|starter|"
                r"newcomer|novice|up.?for.?grabs|help.?wanted|low.?hanging|\bhacktoberfest\b|"
                r"\bgfi\b|junior|e-?easy|difficulty.?(low|easy)|complexity.?(low|easy)|\bsmall\b"),
        ("bug", r"\bbugs?\b|defect|crash|regression|\bbroken\b|\berror\b|\bfix\b"),
        ("test", r"\btests?\b|testing|\bci\b|coverage|flaky|\bqa\b"),
        ("build", r"\bbuild|packag|compil|dependenc|\bdeps?\b|install|release|infra"),
        ("docs", r"\bdocs?\b|document|readme|tutorial|typo|website|examples?\b"),
        ("enhancement", r"enhanc|improve|\brefactor|cleanup|clean.?up|polish"),
        ("coding", r"\bcode\b|coding|\bapi\b|implement|\bdev\b|development|\bcore\b"),
        ("feature", r"feature|\brfe\b|proposal|\bidea\b|request"),
        ("difficult", r"\bhard\b|\bdifficult\b|\bcomplex\b|\bmajor\b|challeng|"
                      r"\bexpert\b|advanced|\bhigh\b|critical|\bepic\b"),
        ("medium", r"\bmedium\b|\bmoderate\b|intermediate|\bnormal\b"),
        ("untriaged", r"needs?.?triage|untriaged|un-triaged|to.?triage|awaiting.?triage|"
                      r"\bnew\b|unconfirmed|needs?.?(investigation|confirmation|info)"),
        ("triaged", r"(?<!un)(?<!un-)\btriaged\b|confirmed|accepted|approved|\bready\b"),
    )
)


def categorize_label(name: str) -> set[str]:
    """RecGFI categories a label belongs to ("type: bug" -> {"bug"}); a label may hit several.

    These are the newcomer model's features, with the rules it was fitted on; whether a label is a
    beginner label or an invitation (what suggest, audit and the portal decide and name) is
    ``ossmatch.vocabulary``'s. The ``gfi`` category covers both (``tests/test_vocabulary.py``).
    """
    text = re.sub(r"[\s_\-:/]+", " ", name.lower()).strip()
    cats = {cat for cat, rx in _LABEL_RULES if rx.search(text)}
    if "untriaged" in cats:
        cats.discard("triaged")
    if "gfi" in cats and re.search(r"\b(not|no|non)\b", text):
        cats.discard("gfi")
    return cats


class IssueSignals(BaseModel):
    """Issue features with the exact meaning of the RecGFI columns (see the data README)."""

    model_config = ConfigDict(frozen=True)

    title_words: int
    body_words: int
    url_count: int
    image_count: int
    code_block_count: int
    label_count: int
    label_categories: frozenset[str]
    comment_count: int
    reporter_is_newcomer: bool | None
    reporter_commits: int | None
    repo_newcomer_share: float | None
    repo_open_issues: int | None
    repo_median_close_hours: float | None
    repo_stars: int | None
    repo_contributors: int | None

    @field_serializer("label_categories")
    def _sorted_categories(self, categories: frozenset[str]) -> list[str]:
        """Sorted, so JSON output is the same in every process (set order depends on the hash seed)."""
        return sorted(categories)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_IMAGE_MD = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_HTML = re.compile(r"<img\b", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def split_markdown(body: str) -> tuple[str, int]:
    """Prose without code, plus the number of code blocks (fenced, and indented after a blank
    line outside lists), because logs pasted as code would otherwise dominate word counts."""
    prose: list[str] = []
    blocks = 0
    fence: str | None = None
    prev_blank = True
    in_indented = False
    in_list = False
    for line in body.replace("\r\n", "\n").split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                prev_blank = False
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)[0] * 3
            blocks += 1
            in_indented = False
            continue
        blank = not line.strip()
        if _LIST_ITEM.match(line):
            in_list = True
        elif blank:
            pass
        elif not line.startswith((" ", "\t")):
            in_list = False
        indented = line.startswith(("    ", "\t")) and not blank
        if indented and not in_list and (prev_blank or in_indented):
            if not in_indented:
                blocks += 1
            in_indented = True
            continue
        if not blank:
            in_indented = False
        prose.append(line)
        prev_blank = blank
    return "\n".join(prose), blocks


def count_words(text: str) -> int:
    return len(text.split())


def body_counts(body: str | None) -> tuple[int, int, int, int]:
    """(words, urls, images, code blocks) of a markdown body; None counts as empty."""
    text = body or ""
    prose, blocks = split_markdown(text)
    images = len(_IMAGE_MD.findall(prose)) + len(_IMAGE_HTML.findall(prose))
    without_images = _IMAGE_MD.sub(" ", prose)
    without_images = re.sub(r"<img\b[^>]*>", " ", without_images, flags=re.IGNORECASE)
    urls = len(_URL.findall(without_images))
    return count_words(without_images), urls, images, blocks


def issue_signals(issue: Issue, repo: Repo, rs: RepoSignals | None = None) -> IssueSignals:
    """Features of one issue in its repository, None where the API does not tell us; the project's
    own from ``rs`` when given (``repo_signals`` read them once for all its issues)."""
    words, urls, images, blocks = body_counts(issue.body)
    categories: set[str] = set()
    for label in issue.labels:
        categories |= categorize_label(label.name)
    assoc = issue.author_association
    reporter_is_newcomer: bool | None
    reporter_commits: int | None
    if assoc == "MANNEQUIN" or issue.author.login is None:
        reporter_is_newcomer, reporter_commits = None, None
    else:
        reporter_is_newcomer = assoc in NEWCOMER_ASSOCIATIONS
        # Newcomer associations mean no commit landed yet; others say nothing about how many.
        reporter_commits = 0 if reporter_is_newcomer else None
    return IssueSignals(
        title_words=count_words(issue.title),
        body_words=words,
        url_count=urls,
        image_count=images,
        code_block_count=blocks,
        label_count=len(issue.labels),
        label_categories=frozenset(categories),
        comment_count=max(issue.comment_count, len(issue.comments)),
        reporter_is_newcomer=reporter_is_newcomer,
        reporter_commits=reporter_commits,
        repo_newcomer_share=newcomer_share(repo) if rs is None else rs.newcomer_share,
        repo_open_issues=repo.open_issue_count,
        repo_median_close_hours=median_close_hours(repo) if rs is None else rs.median_close_hours,
        repo_stars=repo.stars,
        repo_contributors=None,
    )


def with_repo_comments(issue: Issue, repo: Repo) -> Issue:
    """The issue with the comments the repository's recent-comments listing holds for it (tokenless
    path), so claims, mentoring offers and involvement are found the same way as over GraphQL."""
    mine = [c for c in repo.recent_comments if c.issue_number == issue.number]
    if not mine:
        return issue
    known = {(c.author.login, c.created_at) for c in issue.comments}
    extra = [Comment(author=c.author, association=c.association, created_at=c.created_at, body=c.body)
             for c in mine if (c.author.login, c.created_at) not in known]
    merged = tuple(sorted((*issue.comments, *extra), key=lambda c: c.created_at))
    return issue.model_copy(update={"comments": merged, "comment_count": max(issue.comment_count, len(merged))})
