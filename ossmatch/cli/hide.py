"""``ossmatch hide``, ``unhide`` and ``hidden``: triage that ``suggest`` and ``digest`` remember."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ossmatch.cli.options import GitHubOptions, current_time, hidden_store, open_client
from ossmatch.cli.progress import stderr_warn
from ossmatch.errors import NotFoundError, OssmatchError, UsageProblem
from ossmatch.github.settings import github_web_hosts
from ossmatch.suggest.hidden import parse_duration, parse_target

if TYPE_CHECKING:
    from ossmatch.suggest.hidden import Target


@click.command("hide")
@click.argument("target", metavar="OWNER/REPO#N|OWNER/REPO")
@click.option("--for", "duration", metavar="DURATION", help="Only for a while: 12h, 30d, 2w or 3m (default: for good).")
def hide(target: str, duration: str | None) -> None:
    """Keep an issue, or a whole repository, out of suggest and digest.

    \b
    Examples:
      ossmatch hide acme/widgets#13
      ossmatch hide acme/widgets --for 30d
    """
    what = parse_target(target, hosts=github_web_hosts())
    span = parse_duration(duration) if duration is not None else None
    now = current_time()
    store = hidden_store()
    before = store.load().entries.get(what.key)
    was = before if before is not None and before.active(now) else None
    state = store.hide(what, now, span)  # first: a state that cannot be written fails before any request
    if was is None and not _exists(what):
        store.unhide(what)
        thing = "repository" if what.number is None else "issue"
        raise UsageProblem(f"GitHub has no {thing} {what}; check the name (nothing was hidden)")
    entry = state.entries[what.key]
    until = f" until {entry.until:%Y-%m-%d %H:%M} UTC" if entry.until else ""
    if was is not None and was.until == entry.until:
        click.echo(f"{what} was already hidden{until or ' for good'}; `ossmatch unhide {what}` brings it back.")
        return
    kind = "issue" if what.number is not None else "repository (all its issues)"
    verb = "Now hiding" if was is not None else "Hid"
    click.echo(f"{verb} {kind} {what}{until or (' for good' if was is not None else '')}; "
               f"`ossmatch unhide {what}` brings it back.")


def _exists(what: Target) -> bool:
    """One request: a typo (``nosuch/repo#5``) is refused rather than hidden silently. When GitHub
    cannot be asked (offline, rate limit), it counts as existing: hiding must not need GitHub."""
    path = f"/repos/{what.repo}" if what.number is None else f"/repos/{what.repo}/issues/{what.number}"
    try:
        open_client(GitHubOptions(no_cache=False, refresh=False)).rest(path)
    except NotFoundError:
        return False
    except OssmatchError as error:
        stderr_warn(f"could not check that {what} exists ({error.message}); hid it anyway")
    return True


@click.command("unhide")
@click.argument("target", metavar="OWNER/REPO#N|OWNER/REPO")
def unhide(target: str) -> None:
    """Show a hidden issue or repository in suggest and digest again."""
    what = parse_target(target, hosts=github_web_hosts())
    if hidden_store().unhide(what):
        click.echo(f"Unhid {what}.")
    else:
        click.echo(f"{what} was not hidden.")


@click.command("hidden")
def hidden() -> None:
    """List the hidden issues and repositories, and until when."""
    now = current_time()
    entries = hidden_store().load().active(now)
    if not entries:
        click.echo("Nothing is hidden.")
        return
    for entry in entries:
        until = f"until {entry.until:%Y-%m-%d}" if entry.until else "for good"
        kind = "issue" if entry.number is not None else "repository"
        click.echo(f"{entry.target}  {kind}, hidden {entry.hidden_at:%Y-%m-%d}, {until}")
