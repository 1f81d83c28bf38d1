"""Checks on the documents a newcomer reads first: README, CONTRIBUTING, conduct, license, templates."""

from __future__ import annotations

import re
from datetime import datetime

from ossmatch.audit import evidence as ev
from ossmatch.audit.registry import (
    FULL,
    HALF,
    MOSTLY,
    Finding,
    check,
    failed,
    partial,
    passed,
    unavailable,
    warned,
)
from ossmatch.render.wording import plural
from ossmatch.repo_facts import (
    CODE_OF_CONDUCT_PATHS,
    CONTRIBUTING_PATHS,
    ISSUE_TEMPLATE_DIR,
    ISSUE_TEMPLATE_PATHS,
    LICENSE_PATHS,
    PR_TEMPLATE_DIR,
    PR_TEMPLATE_PATHS,
    README_PATHS,
    RepoFile,
    RepoSnapshot,
)

#: A README shorter than this rarely says what the project is, how to install and how to help.
SUBSTANTIAL_README = 1500

_CONTRIBUTING_LINK = re.compile(r"contributing", re.IGNORECASE)
_TOPICS: dict[str, re.Pattern[str]] = {
    "setup": re.compile(
        r"\b(install|set ?up|setting up|development environment|dev environment|getting started"
        r"|git clone|virtualenv|venv|build from source|prerequisites)\b",
        re.IGNORECASE,
    ),
    "tests": re.compile(r"\b(tests?|testing|pytest|tox|unit test|test suite|ci)\b", re.IGNORECASE),
    "pull requests": re.compile(
        r"\b(pull requests?|PRs?|merge requests?|fork|code review|submit(ting)? (a |your )?(change|patch))\b",
        re.IGNORECASE,
    ),
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_CONTACT_WORDS = re.compile(r"\b(report|contact|reach|email|e-mail)\b[^\n]*(https?://|@)", re.I)
_PLACEHOLDER = re.compile(r"\[insert [^\]]*\]", re.IGNORECASE)


def _size(item: RepoFile) -> int:
    return len(item.text) if item.text is not None else item.byte_size


def _from_community(snap: RepoSnapshot, key: str, what: str) -> Finding:
    """Without the file tree (no token), GitHub's community profile still says whether it exists."""
    if snap.community is None:
        return unavailable("The repository's files could not be read.")
    if getattr(snap.community, key):
        return passed(f"GitHub's community profile reports {what}.")
    return failed(f"GitHub's community profile reports no {what.removeprefix('a ')}.")


def _where(item: RepoFile) -> str:
    return f"{item.path} in the organisation's .github repository" if item.source == "org" else item.path


@check(
    id="readme",
    title="README",
    group="files",
    weight=5,
    weight_reason="CLOMonitor and repolinter: the first page a newcomer reads",
    remediation="Write a README that says what the project does, how to install and use it, and "
    "link to CONTRIBUTING.md from it.",
    effort="low",
    location="README.md",
    fix_at="file",
)
def readme(snap: RepoSnapshot, now: datetime) -> Finding:
    """A README exists, is substantial and links to the contributing guide."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    item = snap.file(*README_PATHS)
    if item is None:
        return failed("No README was found.", evidence=(ev.of_missing_file(snap, "README.md", "missing"),))
    size = _size(item)
    substantial = size >= SUBSTANTIAL_README
    links = bool(item.text and _CONTRIBUTING_LINK.search(item.text))
    score = 4 + (3 if substantial else 0) + (3 if links else 0)
    facts = (
        f"{item.path} has {size:,} characters"
        f" ({'substantial' if substantial else f'under {SUBSTANTIAL_README:,}'})"
        f" and {'links' if links else 'does not link'} to CONTRIBUTING."
    )
    why = "found" if score == 10 else (
        f"{'short; ' if not substantial else ''}{'no link to CONTRIBUTING' if not links else ''}".strip("; "))
    found = (ev.of_file(snap, item, why),)
    if score == 10:
        return passed(facts, score, item.path, evidence=found)
    return warned(facts, score, item.path, evidence=found)


@check(
    id="contributing",
    title="Contributing guide",
    group="files",
    weight=7,
    weight_reason="OpenSSF Best Practices; Steinmacher 2015 lists missing setup and process docs "
    "among the top barriers",
    remediation="Add CONTRIBUTING.md covering how to set up a development environment, run the "
    "tests and open a pull request.",
    effort="medium",
    location="CONTRIBUTING.md",
    fix_at="file",
)
def contributing(snap: RepoSnapshot, now: datetime) -> Finding:
    """A contributing guide exists (repo or org) and covers setup, tests and the PR process."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    item = snap.file(*CONTRIBUTING_PATHS)
    if item is None:
        if snap.community is not None and snap.community.contributing:
            # Vouched for but unread: scored as a guide that covers none of the topics.
            return warned("GitHub reports a contributing guide, but its text could not be read.", partial(0))
        return failed("No CONTRIBUTING guide was found in the repository or its organisation.",
                      evidence=(ev.of_missing_file(snap, "CONTRIBUTING.md", "missing"),))
    text = item.text or ""
    covered = [topic for topic, pattern in _TOPICS.items() if pattern.search(text)]
    missing = [topic for topic in _TOPICS if topic not in covered]
    score = partial(len(covered))
    location = item.path if item.source == "repo" else "CONTRIBUTING.md"
    if not missing:
        return passed(f"{_where(item)} covers setup, tests and pull requests.", score, location,
                      evidence=(ev.of_file(snap, item, "covers setup, tests and pull requests"),))
    return warned(f"{_where(item)} does not cover {' or '.join(missing)}.", score, location,
                  evidence=(ev.of_file(snap, item, f"add: {', '.join(missing)}"),))


@check(
    id="code-of-conduct",
    title="Code of conduct",
    group="files",
    weight=3,
    weight_reason="CHAOSS Code of Conduct: signals who is welcome, but does not answer anyone",
    remediation="Adopt a code of conduct (for example the Contributor Covenant) and fill in how to "
    "report problems: an e-mail address or a form.",
    effort="low",
    location="CODE_OF_CONDUCT.md",
    fix_at="file",
)
def code_of_conduct(snap: RepoSnapshot, now: datetime) -> Finding:
    """A code of conduct exists and names a contact for reports."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    item = snap.file(*CODE_OF_CONDUCT_PATHS)
    if item is None:
        if snap.community is not None and snap.community.code_of_conduct:
            return warned("GitHub reports a code of conduct, but its text could not be read.", MOSTLY)
        return failed("No code of conduct was found in the repository or its organisation.",
                      evidence=(ev.of_missing_file(snap, "CODE_OF_CONDUCT.md", "missing"),))
    text = _PLACEHOLDER.sub("", item.text or "")
    location = item.path if item.source == "repo" else "CODE_OF_CONDUCT.md"
    if _EMAIL.search(text) or _CONTACT_WORDS.search(text):
        return passed(f"{_where(item)} names a contact for reports.", FULL, location,
                      evidence=(ev.of_file(snap, item, "names a contact"),))
    return warned(f"{_where(item)} names no contact (e-mail or link) for reports.", MOSTLY, location,
                  evidence=(ev.of_file(snap, item, "add an e-mail address or form for reports"),))


@check(
    id="license",
    title="License",
    group="files",
    weight=5,
    weight_reason="OpenSSF Best Practices: without a license nobody may legally contribute",
    remediation="Add a LICENSE file with an OSI-approved license so people may legally contribute.",
    effort="low",
    location="LICENSE",
    fix_at="file",
)
def license_(snap: RepoSnapshot, now: datetime) -> Finding:
    """The repository has a license GitHub recognises."""
    item = snap.file(*LICENSE_PATHS)
    known = snap.license not in (None, "NOASSERTION", "other", "NONE")
    found = (ev.of_file(snap, item, f"{snap.license or 'unrecognised'} license"),) if item else ()
    if known:
        return passed(f"Licensed under {snap.license}.", FULL, item.path if item else None, evidence=found)
    if item is not None or snap.license is not None:
        return warned("A license file exists but GitHub cannot tell which license it is.", HALF,
                      item.path if item else None, evidence=found)
    if snap.files is None:
        return unavailable("Neither the license nor the repository's files could be read.")
    return failed("No license was found.", evidence=(ev.of_missing_file(snap, "LICENSE", "missing"),))


@check(
    id="issue-templates",
    title="Issue templates",
    group="files",
    weight=2,
    weight_reason="a convenience for maintainers more than a door for newcomers",
    remediation="Add issue templates under .github/ISSUE_TEMPLATE/ so reports arrive with the "
    "details needed to act on them.",
    effort="low",
    location=".github/ISSUE_TEMPLATE/bug_report.md",
    fix_at="file",
)
def issue_templates(snap: RepoSnapshot, now: datetime) -> Finding:
    """Issue templates exist (a template directory or a single template file)."""
    if snap.files is None or snap.directories is None:
        return _from_community(snap, "issue_template", "issue templates")
    folder = snap.directory(ISSUE_TEMPLATE_DIR)
    templates = [e.name for e in folder.entries if e.name.lower() != "config.yml"] if folder else []
    if folder is not None and templates:
        where = " (from the organisation)" if folder.source == "org" else ""
        return passed(f"{plural(len(templates), 'issue template')} in {ISSUE_TEMPLATE_DIR}{where}.")
    item = snap.file(*ISSUE_TEMPLATE_PATHS)
    if item is not None:
        return passed(f"An issue template exists at {_where(item)}.")
    return failed("No issue templates were found.",
                  evidence=(ev.of_missing_file(snap, f"{ISSUE_TEMPLATE_DIR}/bug_report.md", "missing"),))


@check(
    id="pr-template",
    title="Pull request template",
    group="files",
    weight=2,
    weight_reason="tells first-timers what reviewers expect; small next to a review itself",
    remediation="Add .github/pull_request_template.md with a short checklist (tests, docs, linked "
    "issue) so first-timers know what reviewers expect.",
    effort="low",
    location=".github/pull_request_template.md",
    fix_at="file",
)
def pr_template(snap: RepoSnapshot, now: datetime) -> Finding:
    """A pull request template exists."""
    if snap.files is None or snap.directories is None:
        return _from_community(snap, "pull_request_template", "a pull request template")
    item = snap.file(*PR_TEMPLATE_PATHS)
    if item is not None:
        return passed(f"A pull request template exists at {_where(item)}.",
                      evidence=(ev.of_file(snap, item, "found"),))
    folder = snap.directory(PR_TEMPLATE_DIR)
    if folder is not None and folder.entries:
        return passed(f"{plural(len(folder.entries), 'pull request template')} in {PR_TEMPLATE_DIR}.")
    return failed("No pull request template was found.",
                  evidence=(ev.of_missing_file(snap, ".github/pull_request_template.md", "missing"),))
