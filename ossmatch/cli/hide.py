"""``ossmatch hide``, ``unhide`` and ``hidden``: triage that ``suggest`` and ``digest`` remember."""

from __future__ import annotations

import click

from ossmatch.cli.options import current_time, github_web_hosts, hidden_store


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
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.suggest.hidden import parse_duration, parse_target

    what = parse_target(target, hosts=github_web_hosts())
    span = parse_duration(duration) if duration is not None else None
    now = current_time()
    state = hidden_store().hide(what, now, span)
    entry = state.entries[what.key]
    until = f" until {entry.until:%Y-%m-%d %H:%M} UTC" if entry.until else ""
    kind = "issue" if what.number is not None else "repository (all its issues)"
    click.echo(f"Hid {kind} {what}{until}; `ossmatch unhide {what}` brings it back.")


@click.command("unhide")
@click.argument("target", metavar="OWNER/REPO#N|OWNER/REPO")
def unhide(target: str) -> None:
    """Show a hidden issue or repository in suggest and digest again."""
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.suggest.hidden import parse_target

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
