"""How many nodes a GraphQL document asks for, counted as GitHub counts them, before sending it.

GitHub refuses a document that could return more than ``NODE_LIMIT`` nodes: every connection's
``first``/``last`` multiplied by the page sizes of the connections around it. Knowing the count
lets the fetch layer put as much as fits into one round trip and split only what does not.
This is a small reader of the documents ossmatch itself writes (fields, aliases, arguments,
fragments), not a general GraphQL parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: GitHub's limit on the nodes one document may ask for ("Individual calls cannot request more
#: than 500,000 total nodes", docs.github.com, "Rate limits and query limits for the GraphQL API").
NODE_LIMIT = 500_000

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+|\$[A-Za-z_][A-Za-z0-9_]*|[{}():,\[\]=!@]')


@dataclass
class _Field:
    size: int | str | None = None  # first/last: a number, a $variable, or none
    children: list[_Field | str] = field(default_factory=list)  # a str is a fragment spread


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(re.sub(r"#[^\n]*", "", text))
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def skip_group(self, open_: str, close: str) -> None:
        depth = 0
        while self.peek() is not None:
            token = self.take()
            depth += token == open_
            depth -= token == close
            if depth == 0:
                return

    def arguments(self) -> int | str | None:
        """Read ``( ... )`` after a field; the page size if it has ``first`` or ``last``."""
        size: int | str | None = None
        depth = 0
        while self.peek() is not None:
            token = self.take()
            depth += token in "([{"
            depth -= token in ")]}"
            if depth == 1 and token in ("first", "last") and self.peek() == ":":
                self.take()
                value = self.take()
                size = int(value) if value.lstrip("-").isdigit() else value
            if depth == 0:
                break
        return size

    def selection(self) -> list[_Field | str]:
        """``{ ... }``: fields, fragment spreads and inline fragments."""
        out: list[_Field | str] = []
        self.take()  # {
        while self.peek() not in (None, "}"):
            token = self.take()
            if token == "...":
                if self.peek() == "on":
                    self.take()
                    self.take()  # the type
                    out.append(_Field(children=self.selection()))
                elif self.peek() == "{":
                    out.append(_Field(children=self.selection()))
                else:
                    out.append(self.take())
                continue
            if self.peek() == ":":  # an alias
                self.take()
                self.take()
            found = _Field()
            if self.peek() == "(":
                found.size = self.arguments()
            while self.peek() == "@":  # directives
                self.take()
                self.take()
                if self.peek() == "(":
                    self.skip_group("(", ")")
            if self.peek() == "{":
                found.children = self.selection()
            out.append(found)
        if self.peek() == "}":
            self.take()
        return out


def _definitions(text: str) -> tuple[list[_Field | str], dict[str, list[_Field | str]]]:
    reader = _Reader(text)
    operation: list[_Field | str] = []
    fragments: dict[str, list[_Field | str]] = {}
    while reader.peek() is not None:
        token = reader.take()
        if token == "fragment":
            name = reader.take()
            while reader.peek() not in (None, "{"):
                reader.take()
            fragments[name] = reader.selection()
        elif token == "{" or token in ("query", "mutation", "subscription"):
            if token == "{":
                reader.pos -= 1
            while reader.peek() not in (None, "{"):
                if reader.peek() == "(":
                    reader.skip_group("(", ")")
                else:
                    reader.take()
            operation += reader.selection()
    return operation, fragments


def node_count(document: str, variables: Mapping[str, Any] | None = None) -> int:
    """The nodes GitHub would count for ``document`` with ``variables``: each connection's page
    size times the page sizes of the connections it sits in, summed."""
    operation, fragments = _definitions(document)
    values = dict(variables or {})

    def size_of(raw: int | str | None) -> int | None:
        if isinstance(raw, str):
            value = values.get(raw.lstrip("$"))
            return value if isinstance(value, int) else None
        return raw

    def walk(selection: list[_Field | str], multiplier: int, seen: tuple[str, ...]) -> int:
        total = 0
        for item in selection:
            if isinstance(item, str):
                if item in fragments and item not in seen:
                    total += walk(fragments[item], multiplier, (*seen, item))
                continue
            size = size_of(item.size)
            if size is None:
                total += walk(item.children, multiplier, seen)
            else:
                total += multiplier * size + walk(item.children, multiplier * max(size, 1), seen)
        return total

    return walk(operation, 1, ())
