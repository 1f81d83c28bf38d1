"""GitHub's issue search language, shared by GraphQL ``search`` and REST ``/search/issues``.

Covers the qualifiers ossmatch builds queries from plus boolean grouping, with GitHub's limits
(at most 5 AND/OR/NOT operators, only the first 1000 results reachable).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .world import Issue, PullRequest, Repo, World

MAX_OPERATORS = 5
#: GitHub does not support search queries longer than this many characters.
MAX_QUERY_LENGTH = 256
MAX_RESULTS = 1000

Item = Issue | PullRequest
Pred = Callable[[Repo, Item], bool]


class SearchError(ValueError):
    """An invalid query: GraphQL reports it in ``errors``, REST answers 422."""


@dataclass
class SearchResult:
    total: int
    items: list[tuple[Repo, Item]]  # already capped at MAX_RESULTS


def _scan(query: str) -> list[str]:
    """Split into words, keeping quoted phrases together and parentheses separate."""
    tokens, i, n = [], 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(ch)
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in "()":
                if query[i] == '"':
                    end = query.find('"', i + 1)
                    i = n if end < 0 else end + 1
                else:
                    i += 1
            tokens.append(query[start:i])
    return tokens


def _values(raw: str) -> list[str]:
    """``"a b","c"`` -> ``["a b", "c"]`` (comma-separated OR list)."""
    return [v.strip('"') for v in re.findall(r'"[^"]*"|[^,]+', raw)]


def _when(raw: str) -> datetime:
    text = raw.replace("Z", "+00:00")
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _day_bounds(raw: str) -> tuple[datetime, datetime]:
    """A bare date is the whole day: from its midnight to the next (exclusive)."""
    start = _when(raw)
    return start, start + timedelta(days=1)


def _compare_days(raw: str) -> Callable[[object], bool] | None:
    """Dates without a time, as GitHub reads them: whole days. ``>d`` starts the day after,
    ``<=d`` ends with the day, and ``a..b`` includes all of ``b`` (GitHub docs, "Understanding
    the search syntax": ``created:2017-01-01..2017-01-31`` is all of January)."""
    def day(text: str) -> bool:
        return len(text) == 10 and text[4] == "-"

    for op in (">=", "<=", ">", "<"):
        if raw.startswith(op) and day(raw[len(op):]):
            start, end = _day_bounds(raw[len(op):])
            bound, after = {">=": (start, True), ">": (end, True), "<": (start, False), "<=": (end, False)}[op]
            return lambda v: v is not None and (v >= bound if after else v < bound)
    if ".." in raw:
        lo_raw, hi_raw = raw.split("..", 1)
        if all(day(x) or x == "*" for x in (lo_raw, hi_raw)):
            lo = None if lo_raw == "*" else _day_bounds(lo_raw)[0]
            hi = None if hi_raw == "*" else _day_bounds(hi_raw)[1]
            return lambda v: v is not None and (lo is None or v >= lo) and (hi is None or v < hi)
    return None


def _compare(raw: str, parse: Callable[[str], object]) -> Callable[[object], bool]:
    """Range syntax: ``>=x``, ``>x``, ``<=x``, ``<x``, ``a..b``, ``*..b`` or an exact value."""
    if parse is _when and (by_day := _compare_days(raw)) is not None:
        return by_day
    for op, fn in ((">=", lambda a, b: a >= b), ("<=", lambda a, b: a <= b),
                   (">", lambda a, b: a > b), ("<", lambda a, b: a < b)):
        if raw.startswith(op):
            bound = parse(raw[len(op):])
            return lambda v, fn=fn, bound=bound: v is not None and fn(v, bound)
    if ".." in raw:
        lo_raw, hi_raw = raw.split("..", 1)
        lo = None if lo_raw == "*" else parse(lo_raw)
        hi = None if hi_raw == "*" else parse(hi_raw)
        return lambda v: v is not None and (lo is None or v >= lo) and (hi is None or v <= hi)
    if parse is _when and len(raw) == 10:  # a bare date matches that whole day
        day = parse(raw)
        return lambda v: v is not None and v.date() == day.date()
    exact = parse(raw)
    return lambda v: v == exact


def _login(raw: str) -> str:
    return raw[4:] + "[bot]" if raw.startswith("app/") else raw


def _people(item: Item) -> set[str]:
    people = {item.author or "", *item.assignees, *(c.author or "" for c in item.comments)}
    return {p.lower() for p in people if p}


def _qualifier(key: str, raw: str) -> Pred | None:
    """Predicate for one ``key:value``; None when the key is not a qualifier GitHub knows."""
    vals = [v.lower() for v in _values(raw)]
    v = vals[0] if vals else ""
    if key == "is":
        return {
            "issue": lambda r, i: isinstance(i, Issue),
            "pr": lambda r, i: isinstance(i, PullRequest),
            "open": lambda r, i: i.state == "OPEN",
            "closed": lambda r, i: i.state != "OPEN",
            "merged": lambda r, i: i.state == "MERGED",
            "unmerged": lambda r, i: isinstance(i, PullRequest) and i.state != "MERGED",
            "locked": lambda r, i: i.locked,
            "unlocked": lambda r, i: not i.locked,
            "public": lambda r, i: True,
        }.get(v, lambda r, i: False)
    if key == "state":
        return (lambda r, i: i.state == "OPEN") if v == "open" else (lambda r, i: i.state != "OPEN")
    if key == "no":
        return {
            # users only, as GraphQL `assignees`: an issue assigned to the Copilot coding agent still
            # turns up in `no:assignee` searches (issue 28 saw it ranked above its free twin)
            "assignee": lambda r, i: not any(r.world is None or r.world.user_type(a) == "User"
                                             for a in i.assignees),
            "label": lambda r, i: not i.labels,
        }.get(v, lambda r, i: True)
    if key == "linked":
        return lambda r, i: bool(r.closing_pulls(i)) if isinstance(i, Issue) else bool(i.closes)
    if key == "archived":
        return lambda r, i: r.archived == (v == "true")
    if key == "label":
        return lambda r, i: any(lab.lower() in vals for lab in i.labels)
    if key == "language":
        return lambda r, i: any(lang.lower() in vals for lang in r.all_languages)
    if key == "repo":
        return lambda r, i: r.full_name.lower() in vals
    if key == "topic":
        return lambda r, i: any(t.lower() in vals for t in r.topics)
    if key in ("org", "user", "owner"):
        return lambda r, i: r.owner.lower() in vals
    if key in ("created", "updated", "closed", "merged"):
        test = _compare(raw, _when)
        attr = {"created": "created_at", "updated": "updated_at", "closed": "closed_at",
                "merged": "merged_at"}[key]
        return lambda r, i: test(getattr(i, attr, None))
    if key == "stars":
        test = _compare(raw, int)
        return lambda r, i: test(r.stars)
    if key == "comments":
        test = _compare(raw, int)
        return lambda r, i: test(len(i.comments))
    if key == "author":
        return lambda r, i: (i.author or "").lower() == _login(v)
    if key == "assignee":
        return lambda r, i: v in {a.lower() for a in i.assignees}
    if key == "commenter":
        return lambda r, i: any((c.author or "").lower() == _login(v) for c in i.comments)
    if key in ("involves", "mentions"):
        return lambda r, i: _login(v) in _people(i)
    if key in ("in", "type", "reason"):
        return lambda r, i: True
    return None


def _text(word: str) -> Pred:
    needle = word.strip('"').lower()

    def matches(r: Repo, i: Item | Repo) -> bool:
        if isinstance(i, Repo):  # a repository search matches names and descriptions
            return needle in i.name.lower() or needle in (i.description or "").lower()
        return needle in (i.title or "").lower() or needle in (i.body or "").lower()

    return matches


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary ([AND] unary)*; unary := NOT unary."""

    def __init__(self, tokens: list[str]):
        self.tokens, self.pos, self.operators, self.sort = tokens, 0, 0, None

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def parse(self) -> Pred:
        pred = self.or_expr()
        if self.peek() is not None:  # a stray ")": GitHub ignores it, so do we
            self.take()
            rest = self.parse()
            return lambda r, i: pred(r, i) and rest(r, i)
        return pred

    def or_expr(self) -> Pred:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            self.operators += 1
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else (lambda r, i: any(p(r, i) for p in parts))

    def and_expr(self) -> Pred:
        """Terms side by side AND together, ``repo:``/``org:``/``user:``/``in:`` included.

        Since 4 September 2025 issue search uses the advanced syntax, which does not OR repeated
        special qualifiers: ``repo:a/b repo:c/d`` means both at once and finds nothing; write
        ``(repo:a/b OR repo:c/d)``. Source: cli/cli ``pkg/search/query.go``
        (``AdvancedIssueSearchString``: "the advanced issue search does not OR repeated
        instances of special qualifiers (i.e. is:private/public, repo:, user:, or in:)").
        """
        parts: list[Pred] = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
                self.operators += 1
                continue
            parts.append(self.unary())
        return lambda r, i: all(p(r, i) for p in parts)

    def unary(self) -> Pred:
        tok = self.take()
        if tok == "NOT":
            self.operators += 1
            inner = self.unary() if self.peek() not in (None, ")") else (lambda r, i: True)
            return lambda r, i: not inner(r, i)
        if tok == "(":
            inner = self.or_expr()
            if self.peek() == ")":
                self.take()
            return inner
        return self.term(tok)

    def term(self, tok: str) -> Pred:
        negated = tok.startswith("-") and ":" in tok
        body = tok[1:] if negated else tok
        match = re.fullmatch(r"([A-Za-z_-]+):(.+)", body)
        if match and match.group(1).lower() == "sort":
            self.sort = match.group(2).lower()
            return lambda r, i: True
        pred = _qualifier(match.group(1).lower(), match.group(2)) if match else None
        if pred is None:
            pred = _text(body)
        return (lambda r, i: not pred(r, i)) if negated else pred


def _order(sort: str | None, order: str | None) -> tuple[str, bool]:
    """``sort:created-desc`` or REST ``sort=created&order=desc`` -> (field, descending)."""
    if not sort:
        return "best-match", True
    if "-" in sort:
        field, direction = sort.rsplit("-", 1)
        return field, direction != "asc"
    return sort, (order or "desc") != "asc"


def _sort_key(field: str) -> Callable[[tuple[Repo, Item]], tuple]:
    def key(pair: tuple[Repo, Item]) -> tuple:
        repo, item = pair
        value = {
            "updated": item.updated_at or item.created_at,
            "comments": len(item.comments),
        }.get(field, item.created_at)
        return (value, repo.full_name, item.number)
    return key


def compile_query(query: str) -> tuple[Pred, str | None]:
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchError(f"The search is longer than {MAX_QUERY_LENGTH} characters.")
    parser = _Parser(_scan(query))
    pred = parser.parse()
    if parser.operators > MAX_OPERATORS:
        raise SearchError(
            f"The search contains more than {MAX_OPERATORS} AND / OR / NOT operators.")
    return pred, parser.sort


def search(world: World, query: str, sort: str | None = None,
           order: str | None = None) -> SearchResult:
    """Run ``query`` over every issue and PR; default order is newest created first."""
    pred, inline_sort = compile_query(query)
    field, desc = _order(inline_sort or sort, order)
    hits = [(repo, item) for repo in world.repos.values()
            for item in [*repo.issues, *repo.pulls]
            if not getattr(item, "deleted", False) and pred(repo, item)]
    hits.sort(key=_sort_key(field), reverse=desc)
    return SearchResult(total=len(hits), items=hits[:MAX_RESULTS])


def search_repos(world: World, query: str) -> SearchResult:
    """Run ``query`` over repositories (``type: REPOSITORY``); most stars first, as GitHub's best match."""
    pred, _ = compile_query(query)
    hits = [(repo, repo) for repo in world.repos.values() if pred(repo, repo)]  # type: ignore[arg-type]
    hits.sort(key=lambda pair: (-pair[0].stars, pair[0].full_name))
    return SearchResult(total=len(hits), items=hits[:MAX_RESULTS])
