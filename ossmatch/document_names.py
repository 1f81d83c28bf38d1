"""Where projects keep the documents a newcomer reads, spelled as GitHub accepts them.

GitHub finds a README, CONTRIBUTING or CODE_OF_CONDUCT in the root, ``.github/`` or ``docs/``,
whatever the case and extension; projects also write ``CODE-OF-CONDUCT.md`` (GitHub's own CLI) and
``readme.md`` (common in JavaScript). Pure: paths in, the chosen path out.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["readme", "contributing", "code_of_conduct"]
KINDS: tuple[Kind, ...] = ("readme", "contributing", "code_of_conduct")

#: Folders searched, in order: the root first (what most projects use and the first query reads).
FOLDERS = ("", ".github", "docs")
#: Extensions accepted, in order of preference when a folder holds several.
EXTENSIONS = (".md", ".markdown", ".rst", ".txt", "")

#: Guides written for coding agents; they often hold the setup and test commands.
AGENT_GUIDES = ("AGENTS.md", "CLAUDE.md", ".github/copilot-instructions.md")
#: Where projects state a policy on AI-assisted contributions, besides the contributing guide, the
#: README and the pull-request template (read for their own sake): suggest and the audit read these.
AI_POLICY_FILES = ("AI_POLICY.md", ".github/AI_POLICY.md", "docs/AI_POLICY.md", "AGENTS.md")
#: The pull-request template where most projects keep it, in GitHub's two spellings; it often says
#: whether AI-assisted pull requests are welcome (other places: ``repo_facts.PR_TEMPLATE_PATHS``).
PR_TEMPLATE_FILES = (".github/pull_request_template.md", ".github/PULL_REQUEST_TEMPLATE.md")


def _split(path: str) -> tuple[str, str, str]:
    """(folder, normalised stem, extension) of a path: lower case, ``-`` read as ``_``."""
    folder, _, name = path.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    else:
        ext = "." + ext
    return folder.lower(), stem.lower().replace("-", "_"), ext.lower()


def rank(path: str, kind: Kind) -> tuple[int, int] | None:
    """Where ``path`` stands among the places ``kind`` may live (lower is preferred), or None."""
    folder, stem, ext = _split(path)
    if stem != kind or folder not in FOLDERS or ext not in EXTENSIONS:
        return None
    return FOLDERS.index(folder), EXTENSIONS.index(ext)


def pick(paths: tuple[str, ...] | list[str], kind: Kind) -> str | None:
    """The path GitHub would show for ``kind`` among ``paths``, or None."""
    ranked = [(r, p) for p in paths if (r := rank(p, kind)) is not None]
    return min(ranked)[1] if ranked else None


def is_agent_guide(path: str) -> bool:
    return path.lower() in {g.lower() for g in AGENT_GUIDES}
