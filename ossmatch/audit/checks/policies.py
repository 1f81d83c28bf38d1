"""Checks on what a project says about how outsiders may contribute in 2026: its AI policy."""

from __future__ import annotations

from datetime import datetime

from ossmatch.aipolicy import WORDS, find_policy
from ossmatch.audit import evidence as ev
from ossmatch.audit.registry import FULL, LACKING, Evidence, Finding, check, passed, unavailable, warned
from ossmatch.document_names import AI_POLICY_FILES
from ossmatch.repo_facts import PR_TEMPLATE_PATHS, RepoFile, RepoSnapshot

#: The fixed paths a policy is looked for at (the org's ``.github`` files included); the contributing
#: guide and the README are found under any spelling, like the checks on them do.
POLICY_PATHS = AI_POLICY_FILES + PR_TEMPLATE_PATHS


@check(
    id="ai-policy",
    title="AI contribution policy",
    group="files",
    weight=1,
    weight_reason="newcomers in 2026 often work with an assistant and need to know whether that is "
    "welcome before they start (GitHub's \"Eternal September\" post, the CHAOSS \"Awesome LLM Policy\" "
    "list); a sentence, not a measure of how a project treats newcomers",
    remediation="Say in CONTRIBUTING.md (or AI_POLICY.md) whether AI-assisted contributions are welcome, "
    "accepted if disclosed, or not accepted, in one sentence newcomers can find.",
    effort="low",
    location="AI_POLICY.md",
    fix_at="file",
)
def ai_policy(snap: RepoSnapshot, now: datetime) -> Finding:
    """A policy on AI-assisted contributions is stated, either way; it is quoted as evidence."""
    if snap.files is None:
        return unavailable("The repository's files could not be read.")
    places = {f.path: f for f in _policy_places(snap) if f.text}
    policy = find_policy((path, f.text or "") for path, f in places.items())
    if policy is None:
        location, evidence = _where_to_say(snap)
        return warned("No policy on AI-assisted contributions was found in AI_POLICY.md, AGENTS.md, the "
                      "contributing guide, the pull-request template or the README.", LACKING, location,
                      evidence=evidence)
    item = places[policy.source]
    return passed(f"{WORDS[policy.stance]}: \u201c{policy.quote}\u201d ({policy.source}).", FULL, policy.source,
                  evidence=(ev.of_file(snap, item, policy.quote),))


def _policy_places(snap: RepoSnapshot) -> list[RepoFile]:
    """Where a policy is looked for, most specific first: the AI policy files, the contributing guide
    (however it is spelled), the pull-request templates, then the README; repo files before the org's."""
    found = [*(snap.file(path) for path in AI_POLICY_FILES), snap.document("contributing"),
             *(snap.file(path) for path in PR_TEMPLATE_PATHS), snap.document("readme")]
    return list({id(f): f for f in found if f is not None}.values())


def _where_to_say(snap: RepoSnapshot) -> tuple[str, tuple[Evidence, ...]]:
    """The file the fix names: the repository's own contributing guide when it has one (edit it),
    else a new AI_POLICY.md (add it), so the fix never says to edit a file that does not exist."""
    guide = snap.document("contributing")
    if guide is not None and guide.source == "repo":
        return guide.path, (ev.of_file(snap, guide, "say the AI policy here"),)
    return "AI_POLICY.md", (ev.of_missing_file(snap, "AI_POLICY.md", "missing"),)
