"""The portal leaves out issues offered to a cohort member (``ossmatch site --offered``)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from cohort.helpers import env_for, run, summary
from cohort_worlds import cohort_roster, cohort_world

from ossmatch.cli import main

COMMUNITY = 'name = "Acme friends"\nrepositories = ["acme/widgets", "acme/gadgets", "pyorg/parser"]\naudit = false\n'


def run_site(fake, tmp: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["site", *args], env=env_for(fake, tmp / "cache"))


def _portal(fake, tmp: Path, name: str, *extra: str) -> set[str]:
    (tmp / "community.toml").write_text(COMMUNITY, encoding="utf-8")
    result = run_site(fake, tmp, "--config", str(tmp / "community.toml"), "--output", str(tmp / name),
                      "--summary", str(tmp / f"{name}.md"), *extra)
    assert result.exit_code == 0, result.output
    return {i["url"] for i in json.loads((tmp / name / "issues.json").read_text())["issues"]}


def test_offered_issues_are_left_out_of_the_portal(fake_github, tmp_path: Path) -> None:
    cohort_world(fake_github.world)
    roster = tmp_path / "cohort.toml"
    roster.write_text(cohort_roster(), encoding="utf-8")
    data = summary(fake_github, tmp_path, roster)
    (tmp_path / "offers.json").write_text(json.dumps(data), encoding="utf-8")
    offered = {i["url"] for a in data["assignments"] for i in a["issues"]}

    everything = _portal(fake_github, tmp_path, "all")
    without = _portal(fake_github, tmp_path, "free", "--offered", str(tmp_path / "offers.json"))
    assert everything & offered  # the portal would have listed offered issues...
    assert not without & offered  # ...and leaves them out when told
    assert without == everything - offered and without  # nothing else is lost
    assert f"left out {len(everything & offered)} issues offered to a mentoring cohort" in \
        (tmp_path / "free.md").read_text()


def test_a_file_that_is_not_a_cohort_summary_is_refused(fake_github, tmp_path: Path) -> None:
    (tmp_path / "community.toml").write_text(COMMUNITY, encoding="utf-8")
    (tmp_path / "offers.json").write_text('{"version": 9}', encoding="utf-8")
    result = run_site(fake_github, tmp_path, "--config", str(tmp_path / "community.toml"), "--output",
                      str(tmp_path / "site"), "--offered", str(tmp_path / "offers.json"))
    assert result.exit_code == 2
    assert "not a version 1 cohort summary" in result.output
    assert not (tmp_path / "site").exists() and fake_github.log == []
    assert run(fake_github, tmp_path, "--help").exit_code == 0
