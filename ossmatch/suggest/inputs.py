"""What a person asks ``suggest`` for, checked before any request is sent.

The profile from a file, skills and a level; shared by the CLI and the MCP server, which pass on
its warnings their own way (the CLI on stderr, the server in its answer, since an assistant never
sees the server's stderr).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ossmatch.errors import UsageProblem
from ossmatch.profile import Profile, ProfileError, load_profile, merge_cli
from ossmatch.skills import is_known, suggest_close, typo_of

#: Unknown skills named one per line up to this many; beyond it, one aggregated line.
MAX_UNKNOWN_LINES = 3


def build_profile(skills: Sequence[str] | None, profile_path: Path | None, level: str | None, *,
                  warn: Callable[[str], None], option: str = "--skills") -> Profile:
    """The profile file (if any) with ``skills`` and ``level`` on top; a skill that is a typo of a
    known one is refused, an unknown one searched for as a word (and said through ``warn``).

    ``option`` names the skills where an error must point at them (``--skills``, or the tool's argument).
    """
    names = [s.strip() for s in skills or () if s.strip()]
    if skills is not None and not names:
        raise UsageProblem(f"{option} is empty: give a comma-separated list such as python,docs")
    try:
        base = load_profile(profile_path) if profile_path else Profile()
        profile = merge_cli(base, names)
        if level:
            profile = profile.model_copy(update={"level": level})
    except ProfileError as error:
        raise UsageProblem(str(error)) from None
    for name in names:
        typo = typo_of(name)
        if typo is not None:
            raise UsageProblem(f"unknown skill {name!r}: did you mean {typo}?")
    for line in unknown_skill_messages([name for name in names if not is_known(name)]):
        warn(line)
    return profile


def unknown_skill_messages(unknown: Sequence[str]) -> list[str]:
    """What to say about skills ossmatch does not know: one line each, or one for many."""
    if len(unknown) > MAX_UNKNOWN_LINES:
        shown = ", ".join(repr(name) for name in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        return [f"{len(unknown)} unknown skills ({shown}{more}); searching for them as words"]
    lines = []
    for name in unknown:
        close = suggest_close(name)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        lines.append(f"unknown skill {name!r}{hint}; searching for it as a word")
    return lines
