"""Cut the 2025-26 fields ossmatch reads out of GitHub's published GraphQL schema, for the fake.

The pinned ``@octokit/graphql-schema`` stops at 2025-02-27. GitHub's schema as published in the
github/docs repository (``src/graphql/data/fpt/schema.docs.graphql``, CC-BY-4.0) has the fields
newcomers' issues now depend on. This script copies those field definitions, and every type they
need that the pin lacks, verbatim into ``tests/fakegithub/schema_2026.graphql`` as ``extend type``
blocks, so the fake validates queries against what GitHub serves without anyone writing a type by
hand. Run: ``python scripts/vendor_graphql_2026.py PATH/TO/schema.docs.graphql``.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from graphql import (
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    build_schema,
    get_named_type,
    print_type,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakegithub.graphql_api import load_pinned_schema  # noqa: E402

OUT = ROOT / "tests" / "fakegithub" / "schema_2026.graphql"

#: The fields GitHub added after the pin that ossmatch reads (and the fake serves).
WANTED: dict[str, tuple[str, ...]] = {
    "Repository": ("pullRequestCreationPolicy", "hasPullRequestsEnabled"),
    "Issue": ("assignedActors", "issueDependenciesSummary", "blockedBy", "blocking", "parent",
              "subIssues", "subIssuesSummary", "issueType"),
    "PullRequest": ("assignedActors",),
}

HEADER = """\
# GraphQL types and fields GitHub added after the pinned @octokit/graphql-schema (2025-02-27),
# copied verbatim by scripts/vendor_graphql_2026.py from GitHub's published schema
# (github/docs, src/graphql/data/fpt/schema.docs.graphql, as of 2026-03-06, sha256 {sha}).
# Source: GitHub, Inc., https://github.com/github/docs, licensed CC-BY-4.0
# (https://creativecommons.org/licenses/by/4.0/). Only the parts listed in the script are kept.
"""


def referenced(type_) -> set[str]:
    """Names of the types a type's fields, arguments, interfaces or members use."""
    names: set[str] = set()
    if isinstance(type_, (GraphQLObjectType, GraphQLInterfaceType)):
        names |= {i.name for i in type_.interfaces}
        for field in type_.fields.values():
            names.add(get_named_type(field.type).name)
            names |= {get_named_type(a.type).name for a in field.args.values()}
    elif isinstance(type_, GraphQLInputObjectType):
        names |= {get_named_type(f.type).name for f in type_.fields.values()}
    elif isinstance(type_, GraphQLUnionType):
        names |= {t.name for t in type_.types}
    return names


def main(source: Path) -> None:
    text = source.read_text()
    new = build_schema(text, assume_valid=True)
    old = load_pinned_schema()
    blocks: list[str] = []
    needed: list[str] = []
    for type_name, fields in WANTED.items():
        whole = new.type_map[type_name]
        part = GraphQLObjectType(type_name, {f: whole.fields[f] for f in fields})
        blocks.append("extend " + print_type(part))
        needed += [n for f in fields for n in referenced(part) | {get_named_type(whole.fields[f].type).name}]
    seen: set[str] = set()
    while needed:
        name = needed.pop()
        if name in seen or name in old.type_map:
            continue
        seen.add(name)
        type_ = new.type_map[name]
        blocks.append(print_type(type_))
        needed += sorted(referenced(type_))
    sha = hashlib.sha256(text.encode()).hexdigest()
    ordered = sorted(blocks[len(WANTED):]) + blocks[:len(WANTED)]
    OUT.write_text(HEADER.format(sha=sha) + "\n" + "\n\n".join(ordered) + "\n")
    names = ", ".join(sorted(seen))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(WANTED)} extended types, {len(seen)} new types ({names})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
