"""Checks on the documents a newcomer reads first: README, CONTRIBUTING, conduct, license, templates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ossmatch.audit import evidence as ev
from ossmatch.audit import prose
from ossmatch.audit.registry import (
    FULL,
    HALF,
    MOSTLY,
    PARTIAL_BASE,
    PARTIAL_STEP,
    Finding,
    check,
    failed,
    passed,
    unavailable,
    warned,
)
from ossmatch.render.wording import listed, plural
from ossmatch.repo_facts import (
    ISSUE_TEMPLATE_DIR,
    ISSUE_TEMPLATE_PATHS,
    LICENSE_PATHS,
    PR_TEMPLATE_DIR,
    PR_TEMPLATE_PATHS,
    RepoFile,
    RepoSnapshot,
)

#: Scores of a found document, by what it gives a newcomer (out of 10).
README_BASE, README_SAYS_WHAT, README_SHOWS_USE, README_LINKS = 4, 3, 2, 1
#: An unfilled template tells a newcomer nothing about this project, whatever its length.
TEMPLATE_SCORE = 2
#: A contributing guide counts like any partial count on the shared scale: a base, and a step for
#: each topic it covers (setup, tests, pull requests), so all three make 10.
CONTRIBUTING_BASE, CONTRIBUTING_TOPIC = PARTIAL_BASE, PARTIAL_STEP
#: Commands only in an agent guide the guide does not link: found by some, missed by most.
CONTRIBUTING_TOPIC_ELSEWHERE = 1
#: No guide, but setup and test commands elsewhere: one topic's worth short of a bare guide.
CONTRIBUTING_TEMPLATE_SCORE = CONTRIBUTING_BASE - 1
#: A code of conduct without a contact does its main job (``MOSTLY``); a placeholder contact
#: ("[INSERT EMAIL]") misleads a reporter, so it scores as low as an unfilled template and a point.
CONDUCT_NO_CONTACT, CONDUCT_PLACEHOLDER = MOSTLY, TEMPLATE_SCORE + 1

_PULL_REQUESTS = re.compile(
    r"\b(pull requests?|PRs?|merge requests?|fork|code review|submit(ting)? (a |your )?(change|patch))\b",
    re.IGNORECASE,
)


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
    """A README says what the project is and how to install or use it, and links to CONTRIBUTING."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    item = snap.document("readme")
    if item is None:
        return failed("No README was found.", evidence=(ev.of_missing_file(snap, "README.md", "missing"),))
    text = item.text or ""
    template = prose.template_tags(text)
    if template:
        return warned(f"{item.path} is an unfilled template: {template[0].describe()}. Say what the "
                      "project is and how to install and use it.", TEMPLATE_SCORE,
                      item.path, evidence=(ev.of_file(snap, item, "replace the template's text"),))
    says_what, shows_use = prose.describes(text), prose.shows_use(text)
    links = prose.links_contributing(text)
    score = (README_BASE + README_SAYS_WHAT * says_what + README_SHOWS_USE * shows_use
             + README_LINKS * links)
    missing = [what for what, present in (("what the project is", says_what),
                                          ("how to install or use it (a command or code block)",
                                           shows_use)) if not present]
    if missing:
        link = "" if links else "; it does not link to CONTRIBUTING"
        return warned(f"{item.path} does not say {' or '.join(missing)}{link}.", score, item.path,
                      evidence=(ev.of_file(snap, item, f"add {' and '.join(missing)}"),))
    if links:
        return passed(f"{item.path} says what the project is and how to install or use it, and links "
                      "to CONTRIBUTING.", score, item.path, evidence=(ev.of_file(snap, item, "found"),))
    return passed(f"{item.path} says what the project is and how to install or use it; a link to "
                  "CONTRIBUTING would show newcomers how to help.", score, item.path,
                  evidence=(ev.of_file(snap, item, "add a link to CONTRIBUTING"),))


def _guides_covering(snap: RepoSnapshot) -> dict[str, list[str]]:
    """Topic -> the agent guides (AGENTS.md, CLAUDE.md, ...) giving commands for it."""
    covering: dict[str, list[str]] = {"setup": [], "tests": []}
    for guide in snap.agent_guides():
        text = guide.text or ""
        if prose.covers_setup(text):
            covering["setup"].append(guide.path)
        if prose.covers_tests(text):
            covering["tests"].append(guide.path)
    return covering


@check(
    id="contributing",
    title="Contributing guide",
    group="files",
    weight=7,
    weight_reason="OpenSSF Best Practices; Steinmacher 2015 lists missing setup and process docs "
    "among the top barriers",
    remediation="Add CONTRIBUTING.md with the commands to set up a development environment and "
    "run the tests (or a link to AGENTS.md if they are there), and how to open a pull request.",
    effort="medium",
    location="CONTRIBUTING.md",
    fix_at="file",
)
def contributing(snap: RepoSnapshot, now: datetime) -> Finding:
    """A contributing guide (repo or org) gives setup and test commands and covers pull requests."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    item = snap.document("contributing")
    guides = _guides_covering(snap)
    elsewhere = sorted({p for paths in guides.values() for p in paths})
    if item is None:
        return _no_contributing(snap, elsewhere)
    text = item.text or ""
    location = item.path if item.source == "repo" else "CONTRIBUTING.md"
    template = prose.template_tags(text)
    if template:
        return warned(f"{_where(item)} is an unfilled template: {template[0].describe()}. Fill it in "
                      "for this project.",
                      CONTRIBUTING_TEMPLATE_SCORE, location,
                      evidence=(ev.of_file(snap, item, "replace the template's text"),))
    cover = _Coverage.of(text, guides, elsewhere)
    score = CONTRIBUTING_BASE + cover.points
    if not cover.missing and not cover.unlinked:
        via_text = f" (commands in {' and '.join(cover.linked)}, which it links)" if cover.linked and not (
            cover.direct["setup"] and cover.direct["tests"]) else ""
        return passed(f"{_where(item)} covers setup, tests and pull requests{via_text}.", score, location,
                      evidence=(ev.of_file(snap, item, "covers setup, tests and pull requests"),))
    add = ", ".join(cover.missing) if cover.missing else f"link {' and '.join(sorted(set(cover.unlinked)))}"
    return warned(f"{_where(item)} {'; '.join(cover.gaps(guides))}.", score, location,
                  evidence=(ev.of_file(snap, item, f"add: {add}"),))


def _no_contributing(snap: RepoSnapshot, elsewhere: list[str]) -> Finding:
    """No readable guide: vouched for by GitHub, or commands only in agent guides, or nothing."""
    if snap.community is not None and snap.community.contributing:
        return warned("GitHub reports a contributing guide, but its text could not be read.",
                      CONTRIBUTING_BASE)  # vouched for but unread: a guide covering nothing
    missing_file = (ev.of_missing_file(snap, "CONTRIBUTING.md", "missing"),)
    if elsewhere:
        return warned(f"No CONTRIBUTING guide was found; setup and test commands are in "
                      f"{' and '.join(elsewhere)}: add CONTRIBUTING.md and link them from it.",
                      CONTRIBUTING_TEMPLATE_SCORE, evidence=missing_file)
    return failed("No CONTRIBUTING guide was found in the repository or its organisation.",
                  evidence=missing_file)


@dataclass(frozen=True)
class _Coverage:
    """What a contributing guide covers itself, through agent guides it links, or not at all."""

    #: Topic -> whether the guide's own text covers it.
    direct: dict[str, bool]
    #: The agent guides it links.
    linked: list[str]
    points: int
    missing: list[str]
    #: Agent guides covering a topic the guide leaves out, without a link from it.
    unlinked: list[str]

    @classmethod
    def of(cls, text: str, guides: dict[str, list[str]], elsewhere: list[str]) -> _Coverage:
        """A topic counts fully when covered or linked, a little when only in an unlinked agent guide."""
        direct = {"setup": prose.covers_setup(text), "tests": prose.covers_tests(text),
                  "pull requests": bool(_PULL_REQUESTS.search(text))}
        linked = [p for p in elsewhere if p.rsplit("/", 1)[-1].lower() in text.lower()]
        points, missing, unlinked = 0, [], []
        for topic, present in direct.items():
            via = [p for p in guides.get(topic, []) if not present]
            if present or any(p in linked for p in via):
                points += CONTRIBUTING_TOPIC
            elif via:
                points += CONTRIBUTING_TOPIC_ELSEWHERE
                unlinked += via
            else:
                missing.append(topic)
        return cls(direct, linked, points, missing, unlinked)

    def gaps(self, guides: dict[str, list[str]]) -> list[str]:
        """What the guide lacks, in words: topics it misses, agent guides it should link."""
        parts = []
        if self.missing:
            commands = " (a command to copy, or a section on it)" if set(self.missing) & {"setup", "tests"} else ""
            parts.append(f"does not cover {listed(self.missing, 'or')}{commands}")
        if self.unlinked:
            names = " and ".join(sorted(set(self.unlinked)))
            topics = listed([t.removesuffix("s") for t in ("setup", "tests") if not self.direct[t] and guides[t]], "or")
            parts.append(f"has no {topics} commands, but {names} does: link it from CONTRIBUTING")
        return parts


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
    """A code of conduct exists and names a real, private way to report: an address or a link."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    item = snap.document("code_of_conduct")
    if item is None:
        if snap.community is not None and snap.community.code_of_conduct:
            return warned("GitHub reports a code of conduct, but its text could not be read.", MOSTLY)
        return failed("No code of conduct was found in the repository or its organisation.",
                      evidence=(ev.of_missing_file(snap, "CODE_OF_CONDUCT.md", "missing"),))
    text = item.text or ""
    location = item.path if item.source == "repo" else "CODE_OF_CONDUCT.md"
    real, fake = prose.contacts(text)
    if real:
        return passed(f"{_where(item)} names a contact for reports.", FULL, location,
                      evidence=(ev.of_file(snap, item, f"reports go to {real[0]}"),))
    slots = [p.text for p in prose.placeholders(text) if p.kind in ("slot", "unrendered")]
    placeholder = (fake or tuple(slots) or ("",))[0]
    if placeholder:
        return warned(f"{_where(item)}: the contact for reports is a placeholder: {placeholder}; put in "
                      "a real address or form.",
                      CONDUCT_PLACEHOLDER, location,
                      evidence=(ev.of_file(snap, item, "replace the placeholder with a real address"),))
    return warned(f"{_where(item)} names no contact (an e-mail address or a link to a form) for "
                  "private reports.", CONDUCT_NO_CONTACT, location,
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
    weight=1,
    weight_reason="a convenience for maintainers more than a door for newcomers (one point went to the "
    "AI-policy check in 2026)",
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
