"""The example workflows, run as a user's copy would: every step, the action's own scripts, the
fake GitHub, a STARTTLS mail server and a git remote standing in for the user's repository.

Each run gets a fresh runner (new temp dir, empty ossmatch cache), as on GitHub's hosted runners;
between runs a test can empty the actions/cache store, which GitHub does after 7 days unused.
"""

from __future__ import annotations

import json
import subprocess
import venv
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from digest.helpers import PASSWORD, USER, MailServer
from suggest_worlds import story_world
from workflow_runner import ROOT, Runner, base_env

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

DIGEST = ROOT / "examples" / "weekly-digest.yml"
AUDIT = ROOT / "examples" / "audit.yml"
TOKEN = "test-token"
#: The fake world's clock; a hosted runner would use the real one.
NOW = "2026-11-27T12:00:00Z"


@pytest.fixture(scope="session")
def runner_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare Python for the runner: the action's own install step puts ossmatch into it."""
    home = tmp_path_factory.mktemp("runner-python")
    venv.create(home, with_pip=True)
    # The build backend, installed once, lets each runner's install step skip building an isolated
    # build environment (see PIP_NO_BUILD_ISOLATION in make_runner): seconds instead of a minute.
    subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "hatchling>=1.18"], check=True)
    return home / "bin"


@pytest.fixture
def remote(tmp_path: Path) -> tuple[str, Path]:
    """The user's repository, as a bare git repository behind a file:// server URL."""
    server = tmp_path / "git-server"
    bare = server / "ada" / "digest-config.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return f"file://{server}", bare


def make_runner(tmp_path: Path, name: str, fake, remote_url: str, python_bin: Path, *,
                repository: str = "ada/digest-config", cache_store: Path | None = None,
                mail: MailServer | None = None) -> Runner:
    root = tmp_path / name
    (root / "home").mkdir(parents=True)
    env = base_env(root, api_url=fake.rest_url, server_url=remote_url, repository=repository, token=TOKEN,
                   python_bin=python_bin)
    env["OSSMATCH_NOW"] = NOW
    env["PIP_NO_BUILD_ISOLATION"] = "0"  # pip's spelling of --no-build-isolation; see runner_python
    secrets = {}
    if mail is not None:
        env["OSSMATCH_SMTP_CA_FILE"] = str(mail.ca_file)  # the runner trusts the mail server's private CA
        secrets = {"SMTP_HOST": "localhost", "SMTP_PORT": str(mail.port), "SMTP_USERNAME": USER,
                   "SMTP_PASSWORD": PASSWORD, "MAIL_FROM": "ossmatch <digest@example.org>",
                   "MAIL_TO": "ada@example.org"}
    return Runner(root, env, secrets, cache_store=cache_store)


def _mail_text(server: MailServer, index: int) -> str:
    message = message_from_bytes(server.inbox.envelopes[index][2], policy=policy.default)
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]



def _branch_file(bare: Path, name: str) -> str:
    done = subprocess.run(["git", "--git-dir", str(bare), "show", f"ossmatch-digest-state:{name}"],
                          capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else ""


def test_weekly_digest_example_never_repeats_itself_even_after_cache_eviction(
    fake_github, start_mail_server, remote, runner_python: Path, tmp_path: Path
) -> None:
    story_world(fake_github.world)
    server = start_mail_server("starttls")
    remote_url, bare = remote
    store = tmp_path / "actions-cache"

    first = make_runner(tmp_path, "week-1", fake_github, remote_url, runner_python, cache_store=store, mail=server)
    assert first.run_job(DIGEST, "digest", run_id=1), first.transcript()
    assert len(server.inbox.envelopes) == 1
    week_one = _mail_text(server, 0)
    assert "acme/widgets#13" in week_one
    sent = json.loads(_branch_file(bare, "sent.json"))
    assert "acme/widgets#13" in sent["issues"]
    assert "acme/widgets/issues/13" in first.summary.read_text()  # the run summary has it too

    # Weeks pass: GitHub evicts every actions/cache entry unused for 7 days; the runner is new.
    for entry in store.iterdir():
        subprocess.run(["rm", "-rf", str(entry)], check=True)
    second = make_runner(tmp_path, "week-9", fake_github, remote_url, runner_python, cache_store=store, mail=server)
    assert second.run_job(DIGEST, "digest", run_id=2), second.transcript()
    restored = next(r for r in second.log if r.name == "Restore digest state from its branch")
    assert "Restored the digest state" in restored.output
    later = [_mail_text(server, i) for i in range(1, len(server.inbox.envelopes))]
    for text in later:
        new_part = text.partition("Still open from earlier digests")[0]
        for key in sent["issues"]:
            repo, _, number = key.partition("#")
            assert f"{repo}/issues/{number}" not in new_part, f"{key} was sent again:\n{text}"


def test_the_old_cache_only_state_forgets_after_eviction(
    fake_github, remote, runner_python: Path, tmp_path: Path
) -> None:
    """Why the example keeps its state on a branch: without state-branch, eviction means repeats."""
    story_world(fake_github.world)
    remote_url, _ = remote
    workflow = tmp_path / "cache-only.yml"
    workflow.write_text(DIGEST.read_text().replace("state-branch: ossmatch-digest-state", "state-branch: ''"))
    store = tmp_path / "actions-cache"

    def digest(name: str) -> str:
        runner = make_runner(tmp_path, name, fake_github, remote_url, runner_python, cache_store=store)
        assert runner.run_job(workflow, "digest"), runner.transcript()
        return runner.summary.read_text()

    assert "acme/widgets/issues/13" in digest("run-1")
    assert "acme/widgets/issues/13" not in digest("run-2").partition("Still open")[0]  # the cache remembered
    for entry in store.iterdir():
        subprocess.run(["rm", "-rf", str(entry)], check=True)
    assert "acme/widgets/issues/13" in digest("run-3").partition("Still open")[0]  # evicted: sent again


def test_audit_example_writes_the_summary_and_uploads_sarif(
    fake_github, remote, runner_python: Path, tmp_path: Path
) -> None:
    story_world(fake_github.world)
    remote_url, _ = remote
    runner = make_runner(tmp_path, "audit", fake_github, remote_url, runner_python, repository="acme/widgets")
    assert runner.run_job(AUDIT, "audit"), runner.transcript()
    assert "acme/widgets" in runner.summary.read_text() and "| Check |" in runner.summary.read_text()
    (sarif,) = runner.uploaded_sarif
    log = json.loads(sarif)
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"] == "ossmatch"
    install = next(r for r in runner.log if r.name == "Install ossmatch from this action's checkout")
    assert install.exit_code == 0 and not install.skipped
