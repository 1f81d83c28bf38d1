"""Read the documents where projects state their AI-contribution policy, for many repositories at once.

A stand-in until the suggest pipeline reads them in its own repository batch (issue 28): one GraphQL
request for all the repositories a ``suggest`` call ranked, so the policy check adds one sequential
request, cached like repository data. Without a token there is no GraphQL, and reading the files
over REST would cost several requests per repository of a 60-an-hour budget, so the policies are
then left unread and the result says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from ossmatch.github.client import GitHubClient
from ossmatch.mcp.policy import AiPolicy, classify, strongest

#: The documents read besides the contributing guide GitHub itself finds (root, docs/ or .github/):
#: where projects put AI policies in 2026 (a policy file, the agents' instructions, the PR template).
POLICY_FILES = ("AI_POLICY.md", "AI-POLICY.md", "AGENTS.md", ".github/pull_request_template.md")
#: Repositories per request: well inside GitHub's node limits (5 documents each) and above what
#: one ``suggest`` call ranks (at most 100 issues, usually a few dozen repositories).
BATCH = 50


def _query(count: int) -> str:
    blobs = "\n".join(
        f'    f{index}: object(expression: "HEAD:{path}") {{ ... on Blob {{ text }} }}'
        for index, path in enumerate(POLICY_FILES)
    )
    fields = "\n".join(
        f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{\n    contributingGuidelines {{ body }}\n{blobs}\n  }}"
        for i in range(count)
    )
    params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(count))
    return f"query AiPolicyFiles({params}) {{\n  rateLimit {{ cost remaining resetAt limit }}\n{fields}\n}}\n"


def read_policies(client: GitHubClient, repos: Sequence[str]) -> dict[str, AiPolicy]:
    """Each repository's policy (``owner/name`` as given, most restrictive document winning);
    a repository GitHub does not return is left out. Raises GitHubError as the client does."""
    found: dict[str, AiPolicy] = {}
    names = list(dict.fromkeys(repos))
    for start in range(0, len(names), BATCH):
        chunk = names[start : start + BATCH]
        variables: dict[str, object] = {}
        for i, name in enumerate(chunk):
            owner, _, repo = name.partition("/")
            variables[f"o{i}"], variables[f"n{i}"] = owner, repo
        result = client.graphql(_query(len(chunk)), variables, kind="repo")
        for i, name in enumerate(chunk):
            node = result.data.get(f"r{i}")
            if isinstance(node, dict):
                found[name] = _policy_of(node)
    return found


def _policy_of(node: dict[str, object]) -> AiPolicy:
    documents: list[tuple[str, str]] = []
    guide = node.get("contributingGuidelines")
    if isinstance(guide, dict) and isinstance(guide.get("body"), str):
        documents.append(("contributing guide", guide["body"]))
    for index, path in enumerate(POLICY_FILES):
        blob = node.get(f"f{index}")
        if isinstance(blob, dict) and isinstance(blob.get("text"), str):
            documents.append((path, blob["text"]))
    return strongest(classify(text, source) for source, text in documents)
