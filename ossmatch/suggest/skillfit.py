"""How well an issue and its repository match a person's declared skills."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from ossmatch.models import Candidate, Repo
from ossmatch.skills import (
    FRAMEWORKS,
    RELATED_LANGUAGES,
    ExpandedSkills,
    files_of_language,
    keywords_for,
    normalize_skill,
    skill_display,
    text_has_keyword,
)

# --------------------------------------------------------------------------- skill fit

# Evidence strengths, combined as a noisy-OR so several weak hints add up but never exceed 1. They
# are chosen in order of how directly each place says what the work is (the golden rankings in
# tests/suggest pin them): the primary language first,
# then a label a maintainer set, then the title, the repository's topics, its description and the
# body, which mentions much that is not the task.
#: The repository's primary language: most of its code, so most likely the issue's.
_PRIMARY_LANGUAGE = 0.7
#: Its second, third and fourth languages, falling with their share of the code.
_OTHER_LANGUAGE = (0.45, 0.3, 0.2)
#: A language close to the skill (TypeScript for JavaScript): the skill mostly carries over.
_RELATED_LANGUAGE = 0.5
#: A label naming the skill ("docs", "python"): a maintainer's own classification.
_IN_LABEL = 0.6
#: The title names it: the task itself, in the reporter's words.
_IN_TITLE = 0.45
#: A repository topic: says what the project is about, not what this issue needs.
_IN_TOPIC = 0.4
#: The repository's description: broader still.
_IN_DESCRIPTION = 0.3
#: A file the issue names with the language's extension (``src/config.py``), or a skill word in a file
#: or code the body names (``docs/cli.md``): as telling as the title. A word in the body's prose is not
#: evidence ("this also speeds up indexing the docs" is no documentation task).
_IN_FILE = 0.45


def _noisy_or(strengths: Iterable[float]) -> float:
    miss = 1.0
    for s in strengths:
        miss *= 1.0 - min(max(s, 0.0), 1.0)
    return 1.0 - miss


def _language_strength(repo: Repo, lang: str) -> float:
    best = 0.0
    ordered = [repo.primary_language] if repo.primary_language else []
    ordered += [lang for lang in repo.languages if lang != repo.primary_language]
    for idx, repo_lang in enumerate(ordered):
        n = normalize_skill(repo_lang)
        strength = (_PRIMARY_LANGUAGE if idx == 0
                    else _OTHER_LANGUAGE[min(idx - 1, len(_OTHER_LANGUAGE) - 1)])
        if n == lang:
            best = max(best, strength)
        elif lang in RELATED_LANGUAGES.get(n, frozenset()):
            best = max(best, strength * _RELATED_LANGUAGE / _PRIMARY_LANGUAGE)
    return best


#: Where a skill shows in the issue itself (labels, title, the files or code it names); elsewhere it
#: shows only in its repository (languages, topics, description).
ISSUE_PLACES = ("label", "title", "file")

_STRENGTH = {"label": _IN_LABEL, "title": _IN_TITLE, "file": _IN_FILE,
             "topic": _IN_TOPIC, "description": _IN_DESCRIPTION}

_URL = re.compile(r"https?://\S+")
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
#: A path (``docs/cli.md``, ``src/widgets/``) or a file name with an extension (``README.md``).
_PATH = re.compile(r"(?<![\w/])(?:[\w.-]+/)+[\w.-]*|\b[\w-]+\.[A-Za-z][A-Za-z0-9]{1,4}\b")


def named_code(body: str) -> str:
    """The files and code an issue's body names (code spans, blocks and paths; links left out), one
    per line: where a skill word is evidence, unlike the body's prose."""
    text = _URL.sub(" ", body)
    spans = [m.group().strip("`") for m in _CODE.finditer(text)]
    paths = _PATH.findall(_CODE.sub(" ", text))
    return "\n".join([*spans, *paths])


class SkillEvidence(BaseModel):
    """One declared skill's evidence in one candidate: strengths from the issue and from the repository."""

    model_config = ConfigDict(frozen=True)

    skill: str
    issue: float = 0.0
    repo: float = 0.0

    @property
    def strength(self) -> float:
        return _noisy_or((self.issue, self.repo))


class SkillMatch(BaseModel):
    """All skills' evidence for one candidate, strongest first."""

    model_config = ConfigDict(frozen=True)

    evidence: tuple[SkillEvidence, ...] = ()
    #: The skills' display names in the profile's order (see :meth:`in_profile_order`).
    order: tuple[str, ...] = ()

    def in_profile_order(self, names: Sequence[str]) -> list[str]:
        """``names`` as the person listed them, so one profile's reasons always read alike."""
        rank = {name: index for index, name in enumerate(self.order)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    @property
    def score(self) -> float:
        """Noisy-OR of all evidence, in [0, 1]."""
        return _noisy_or(e.strength for e in self.evidence)

    @property
    def issue_score(self) -> float:
        return _noisy_or(e.issue for e in self.evidence)

    @property
    def in_issue(self) -> list[str]:
        """Skills the issue itself shows."""
        return [e.skill for e in self.evidence if e.issue > 0]

    @property
    def repo_only(self) -> list[str]:
        """Skills shown only by the repository (its languages, topics or description)."""
        return [e.skill for e in self.evidence if e.issue == 0 and e.repo > 0]


def _place_texts(candidate: Candidate) -> dict[str, str]:
    issue, repo = candidate.issue, candidate.repo
    return {
        # an organisation's issue type ("Documentation", "Bug") is the maintainers' word, like a label
        "label": " | ".join([*issue.label_names, *([issue.issue_type] if issue.issue_type else [])]),
        "title": issue.title,
        "file": named_code(issue.body or ""),
        "topic": " | ".join(t.replace("-", " ") for t in repo.topics) + " | " + " | ".join(repo.topics),
        "description": repo.description or "",
    }


def _combine(found: list[float]) -> float:
    # Several places count, but less than independent evidence would.
    return _noisy_or(s * (1.0 if i == 0 else 0.5) for i, s in enumerate(sorted(found, reverse=True)))


def _text_evidence(texts: dict[str, str], keywords: Sequence[str], places: Sequence[str]) -> float:
    found = [_STRENGTH[p] for p in places if any(text_has_keyword(texts[p], k) for k in keywords)]
    return _combine(found)


def _text_strength(candidate: Candidate, keywords: Sequence[str]) -> float:
    texts = _place_texts(candidate)
    found = [_STRENGTH[p] for p in ("label", "title", "topic", "description", "file")
             if any(text_has_keyword(texts[p], k) for k in keywords)]
    return _combine(found)


def _evidence(candidate: Candidate, skill: str, kind: str, texts: dict[str, str]) -> SkillEvidence | None:
    keywords = keywords_for(skill) if kind != "word" else (skill,)
    issue_s = _text_evidence(texts, keywords, ISSUE_PLACES)
    repo_s = _text_evidence(texts, keywords, ("topic", "description"))
    if kind == "language":
        if skill in FRAMEWORKS or len(skill) <= 2:
            # Short names ("c", "go", "r") hit too much prose: only the repository's languages count.
            issue_s, repo_s = 0.0, 0.0
        else:
            issue_s, repo_s = 0.5 * issue_s, 0.5 * repo_s
        if files_of_language(candidate.issue.title + "\n" + (candidate.issue.body or ""), skill):
            issue_s = _noisy_or((issue_s, _IN_FILE))
        repo_s = max(repo_s, _language_strength(candidate.repo, skill))
    elif issue_s <= 0:
        # Not a language: only the issue itself shows the work (a docs topic on the repository does
        # not make every issue in it a documentation task).
        return None
    if issue_s <= 0 and repo_s <= 0:
        return None
    return SkillEvidence(skill=skill_display(skill) if kind == "language" else skill, issue=issue_s, repo=repo_s)


def match_skills(candidate: Candidate, skills: ExpandedSkills) -> SkillMatch:
    """Evidence for each declared skill, split into what the issue shows and what only the repo shows."""
    texts = _place_texts(candidate)
    found: list[SkillEvidence] = []
    for kind, names in (("language", skills.languages), ("framework", skills.frameworks),
                        ("interest", skills.interests), ("word", skills.words)):
        for name in sorted(names):
            ev = _evidence(candidate, name, kind, texts)
            if ev is not None:
                found.append(ev)
    # Rounded so float noise from set-ordered keywords cannot reorder equal evidence between runs.
    found.sort(key=lambda e: (-round(e.issue, 9), -round(e.strength, 9), e.skill))
    order = tuple(skill_display(s) if s in skills.languages else s for s in skills.order)
    return SkillMatch(evidence=tuple(found), order=order)


def skill_fit(candidate: Candidate, skills: ExpandedSkills) -> tuple[float, list[str]]:
    """Score in [0, 1] and the matched skills (display names, strongest first), issue and repository
    evidence pooled into one number. No front end uses it: ranking uses :func:`match_skills`, which
    keeps the two apart, and the site its own areas; the tests read through it how aliases,
    frameworks and related languages resolve."""
    evidence: list[tuple[float, str]] = []
    for lang in sorted(skills.languages):
        s = _language_strength(candidate.repo, lang)
        if lang not in FRAMEWORKS and len(lang) > 2:
            # Languages named in topics or labels count too ("python" topic on a C repo).
            s = max(s, 0.5 * _text_strength(candidate, keywords_for(lang)))
        if s > 0:
            evidence.append((s, skill_display(lang)))
    for fw in sorted(skills.frameworks):
        s = _text_strength(candidate, keywords_for(fw))
        if s > 0:
            evidence.append((s, fw))
    for interest in sorted(skills.interests):
        s = _text_strength(candidate, keywords_for(interest))
        if s > 0:
            evidence.append((s, interest))
    for word in sorted(skills.words):
        s = _text_strength(candidate, (word,))
        if s > 0:
            evidence.append((s, word))
    score = _noisy_or(s for s, _ in evidence)
    # Rounded so float noise from set-ordered keywords cannot reorder equal evidence between runs.
    matched = [name for _, name in sorted(evidence, key=lambda e: (-round(e[0], 9), e[1]))]
    return score, matched
