"""examples/cohort.yml run as a programme's copy would: every step, the action's own scripts, the
fake GitHub, a STARTTLS mail server and a git remote standing in for the programme's repository."""

from __future__ import annotations

import json
import subprocess
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from cohort_worlds import PEOPLE, cohort_roster, cohort_world
from digest.helpers import MailServer
from digest.test_example_workflows import make_runner, remote, runner_python
from workflow_runner import ROOT

__all__ = ["remote", "runner_python"]

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

EXAMPLE = ROOT / "examples" / "cohort.yml"
EMAILS = "\n".join(f"{login}={login}@people.example" for login in PEOPLE)


def _branch(bare: Path, path: str) -> str:
    done = subprocess.run(["git", "--git-dir", str(bare), "show", f"ossmatch-cohort-state:{path}"],
                          capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else ""


def _runner(tmp_path: Path, name: str, fake, remote_url: str, python: Path, server: MailServer, store: Path):
    runner = make_runner(tmp_path, name, fake, remote_url, python, cache_store=store, mail=server)
    runner.secrets["COHORT_EMAILS"] = EMAILS
    runner.secrets["SUMMARY_TO"] = "Ada <ada@coordinator.example>"
    runner.secrets.pop("MAIL_TO")
    (runner.workspace / "cohort.toml").write_text(cohort_roster(), encoding="utf-8")
    return runner



def test_cohort_example_matches_mails_and_stays_stable_across_weeks(
    fake_github, start_mail_server, remote, runner_python: Path, tmp_path: Path
) -> None:
    cohort_world(fake_github.world)
    server = start_mail_server("starttls")
    remote_url, bare = remote
    store = tmp_path / "actions-cache"

    first = _runner(tmp_path, "week-1", fake_github, remote_url, runner_python, server, store)
    assert first.run_job(EXAMPLE, "match", run_id=1), first.transcript()
    recipients = sorted(r for _s, rcpts, _c in server.inbox.envelopes for r in rcpts)
    assert recipients == sorted([*(f"{login}@people.example" for login in PEOPLE), "ada@coordinator.example"])
    summary = first.summary.read_text()
    assert "## Spring mentoring: this week's match" in summary and "| @nora-new |" in summary
    assert "people.example" not in summary
    for step in first.log:  # addresses reach the log only as masking commands, which GitHub consumes
        lines = [line for line in step.output.splitlines() if "people.example" in line]
        assert all(line.startswith("::add-mask::") for line in lines), (step.name, lines)
    offers = json.loads(_branch(bare, "cohort/spring-mentoring/offers.json"))
    held = {login: [f"{o['repo']}#{o['number']}" for o in m["offers"]] for login, m in offers["members"].items()}
    assert set(held) == set(PEOPLE) and all(held.values())
    assert _branch(bare, "cohort/spring-mentoring/mail/nora-new.json")
    assert not _branch(bare, "cohort/spring-mentoring/offers.json.lock")

    # A week later on a fresh runner, with every actions/cache entry evicted: the branch remembers.
    for entry in store.iterdir():
        subprocess.run(["rm", "-rf", str(entry)], check=True)
    second = _runner(tmp_path, "week-2", fake_github, remote_url, runner_python, server, store)
    assert second.run_job(EXAMPLE, "match", run_id=2), second.transcript()
    later = [message_from_bytes(c, policy=policy.default) for _s, _r, c in server.inbox.envelopes[len(PEOPLE) + 1:]]
    assert [m["To"] for m in later] == ["Ada <ada@coordinator.example>"]  # nobody is mailed the same offers again
    again = json.loads(_branch(bare, "cohort/spring-mentoring/offers.json"))
    assert {login: [f"{o['repo']}#{o['number']}" for o in m["offers"]]
            for login, m in again["members"].items()} == held  # no reshuffle


def test_without_a_mail_server_nobody_is_mailed_and_the_summary_is_in_the_run(
    fake_github, start_mail_server, remote, runner_python: Path, tmp_path: Path
) -> None:
    """SUMMARY_TO set but no SMTP_HOST: as the example says, the offers appear only in the run summary."""
    cohort_world(fake_github.world)
    server = start_mail_server("starttls")
    remote_url, _bare = remote
    runner = _runner(tmp_path, "no-mail", fake_github, remote_url, runner_python, server, tmp_path / "actions-cache")
    runner.secrets.pop("SMTP_HOST")
    assert runner.run_job(EXAMPLE, "match", run_id=1), runner.transcript()
    assert server.inbox.envelopes == []
    summary = runner.summary.read_text()
    assert "## Spring mentoring: this week's match" in summary and "| @nora-new |" in summary
