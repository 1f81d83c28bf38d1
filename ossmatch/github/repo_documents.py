"""The repository's documents in the audit's snapshot: files asked for by path, the listings of
the folders they live in, and one follow-up query for what a listing shows under another spelling
(in the repository, and in the owner's ``.github`` repository for GitHub's organisation defaults)."""

from __future__ import annotations

from typing import Any

from ossmatch.document_names import KINDS, Kind, is_agent_guide, pick
from ossmatch.github.client import GitHubClient
from ossmatch.repo_facts import (
    LISTED_FOLDERS,
    ORG_DIRECTORIES,
    ORG_FILE_PATHS,
    REPO_DIRECTORIES,
    REPO_FILE_PATHS,
    FileSource,
    RepoDirectory,
    RepoFile,
    TreeEntry,
)

GIT_OBJECTS = """
fragment FileBlob on GitObject { ... on Blob { text byteSize isBinary } }
fragment Listing on GitObject { ... on Tree { entries { name type } } }
fragment DirTree on GitObject {
  ... on Tree { entries { name type object { ... on Blob { text byteSize isBinary } } } }
}
"""


def objects(paths: tuple[str, ...], prefix: str, fragment: str) -> str:
    return "\n".join(
        f'    {prefix}{i}: object(expression: "HEAD:{path}") {{ ...{fragment} }}'
        for i, path in enumerate(paths)
    )


#: The most documents a follow-up query reads: one of each kind plus the agent guides.
MAX_EXTRA_DOCUMENTS = 6


def documents_query(count: int, org_count: int = 0) -> str:
    """Blobs at paths found in the listings under spellings the first query did not ask for, in
    the repository and in the owner's ``.github`` repository. The paths come from GitHub's trees,
    so they travel as variables, never inside the query text."""
    params = ", ".join(["$owner: String!"] + ["$name: String!"] * bool(count)
                       + [f"$p{i}: String!" for i in range(count)]
                       + [f"$q{i}: String!" for i in range(org_count)])
    fields = "\n".join(f"    f{i}: object(expression: $p{i}) {{ ...FileBlob }}" for i in range(count))
    org_fields = "\n".join(f"    g{i}: object(expression: $q{i}) {{ ...FileBlob }}"
                           for i in range(org_count))
    org = f'  org: repository(owner: $owner, name: ".github") {{\n{org_fields}\n  }}\n' if org_count else ""
    repo = f"  repository(owner: $owner, name: $name) {{\n{fields}\n  }}\n" if count else ""
    return (
        f"query Documents({params}) {{\n"
        f"  rateLimit {{ cost remaining resetAt limit }}\n{repo}{org}}}\n"
        "fragment FileBlob on GitObject { ... on Blob { text byteSize isBinary } }\n"
    )


def files(node: dict[str, Any] | None, paths: tuple[str, ...], source: FileSource,
           prefix: str = "f") -> list[RepoFile]:
    found = []
    for i, path in enumerate(paths):
        blob = (node or {}).get(f"{prefix}{i}")
        if blob and "byteSize" in blob:
            text = None if blob.get("isBinary") else blob.get("text")
            found.append(RepoFile(path=path, text=text, byte_size=int(blob.get("byteSize") or 0),
                                  source=source))
    return found


def directories(node: dict[str, Any] | None, paths: tuple[str, ...], source: FileSource
                 ) -> list[RepoDirectory]:
    found = []
    for i, path in enumerate(paths):
        tree = (node or {}).get(f"d{i}")
        if tree and tree.get("entries") is not None:
            entries = tuple(
                TreeEntry(name=e["name"], type=str(e.get("type") or "blob").lower(),
                          text=(e.get("object") or {}).get("text"))
                for e in tree["entries"]
            )
            found.append(RepoDirectory(path=path, entries=entries, source=source))
    return found


def listing(node: dict[str, Any] | None) -> tuple[str, ...] | None:
    """Paths of the blobs in the listed folders; None when GitHub listed none of them."""
    paths: list[str] = []
    listed = False
    for i, folder in enumerate(LISTED_FOLDERS):
        tree = (node or {}).get(f"l{i}")
        if tree and tree.get("entries") is not None:
            listed = True
            paths += [f"{folder}/{e['name']}".lstrip("/") for e in tree["entries"]
                      if str(e.get("type") or "blob").lower() == "blob"]
    return tuple(paths) if listed else None


#: Documents GitHub takes from the owner's ``.github`` repository when a repository has none.
ORG_KINDS: tuple[Kind, ...] = ("contributing", "code_of_conduct")


def unread_documents(listing: tuple[str, ...] | None, files: list[RepoFile],
                      kinds: tuple[Kind, ...] = KINDS, guides: bool = True) -> list[str]:
    """Documents a listing shows under a spelling the first query did not read."""
    if not listing:
        return []
    have = {f.path for f in files}
    wanted = [pick(listing, kind) for kind in kinds]
    wanted += [p for p in listing if guides and is_agent_guide(p)]
    return [p for p in dict.fromkeys(wanted) if p and p not in have][:MAX_EXTRA_DOCUMENTS]


def more_documents(client: GitHubClient, owner: str, name: str, paths: list[str],
                    org_paths: list[str]) -> list[RepoFile]:
    """One query for the repository's and the organisation's unread documents, if there are any."""
    if not paths and not org_paths:
        return []
    variables: dict[str, Any] = {"owner": owner, **({"name": name} if paths else {})}
    variables.update({f"p{i}": f"HEAD:{path}" for i, path in enumerate(paths)})
    variables.update({f"q{i}": f"HEAD:{path}" for i, path in enumerate(org_paths)})
    result = client.graphql(documents_query(len(paths), len(org_paths)), variables, kind="snapshot")
    return (files(result.data.get("repository"), tuple(paths), "repo")
            + files(result.data.get("org"), tuple(org_paths), "org", prefix="g"))


def read_documents(client: GitHubClient, owner: str, name: str, repo: dict[str, Any], org: dict[str, Any] | None
                   ) -> tuple[list[RepoFile], tuple[str, ...] | None, list[RepoDirectory]]:
    """The files (the repository's, then the organisation's), the repository's listing and the
    directories, reading in one more query the documents the snapshot found under other spellings."""
    found = listing(repo)
    repo_files = files(repo, REPO_FILE_PATHS, "repo")
    org_files = files(org, ORG_FILE_PATHS, "org")
    unread = unread_documents(found, repo_files)
    # The organisation's defaults matter only for kinds the repository has under no spelling.
    absent = tuple(k for k in ORG_KINDS if pick([f.path for f in repo_files] + list(found or ()), k) is None)
    org_unread = unread_documents(listing(org), org_files, absent, guides=False)
    extra = more_documents(client, owner, name, unread, org_unread)
    repo_files += [f for f in extra if f.source == "repo"]
    org_files += [f for f in extra if f.source == "org"]
    folders = directories(repo, REPO_DIRECTORIES, "repo") + directories(org, ORG_DIRECTORIES, "org")
    return repo_files + org_files, found, folders
