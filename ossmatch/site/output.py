"""Write the site directory so a reader never sees half a site and nothing of the user's is lost.

Files go to a fresh sibling directory first, which then takes the old one's place. A directory
that ``ossmatch site`` did not write is never replaced.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ossmatch.errors import OssmatchError, UsageProblem
from ossmatch.site.pages import MARKER


def check_target(output: Path) -> None:
    """Refuse to replace a file, or a non-empty directory that is not an earlier build."""
    if output.exists() and not output.is_dir():
        raise UsageProblem(f"{output} is a file; give a directory for the site")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise UsageProblem(f"{output} is not empty and was not written by ossmatch site; choose a new directory")


def write_site(files: dict[str, str], output: Path) -> None:
    check_target(output)
    output = output.absolute()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    except OSError as error:
        raise OssmatchError(f"cannot write {output}: {error.strerror or error}") from None
    old = output.parent / f"{staging.name}.old"
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        staging.chmod(0o755)
        if output.exists():
            output.rename(old)
        staging.rename(output)
    except OSError as error:
        if old.exists() and not output.exists():
            old.rename(output)
        shutil.rmtree(staging, ignore_errors=True)
        raise OssmatchError(f"cannot write {output}: {error.strerror or error}") from None
    shutil.rmtree(old, ignore_errors=True)
