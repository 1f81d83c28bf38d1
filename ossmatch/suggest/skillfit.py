"""How well an issue and its repository match a person's declared skills."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ossmatch.models import Candidate, Repo
from ossmatch.skills import (
    FRAMEWORKS,
    RELATED_LANGUAGES,
    ExpandedSkills,
    keywords_for,
    normalize_skill,
    skill_display,
    text_has_keyword,
)

# --------------------------------------------------------------------------- skill fit

# Evidence strengths, combined as a noisy-OR so several weak hints add up but never exceed 1.
_PRIMARY_LANGUAGE = 0.7
_OTHER_LANGUAGE = (0.45, 0.3, 0.2)
_RELATED_LANGUAGE = 0.5
_IN_LABEL = 0.6
_IN_TITLE = 0.45
_IN_TOPIC = 0.4
_IN_DESCRIPTION = 0.3
_IN_BODY = 0.2


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


def _text_strength(candidate: Candidate, keywords: Sequence[str]) -> float:
    issue, repo = candidate.issue, candidate.repo
    labels = " | ".join(issue.label_names)
    topics = " | ".join(t.replace("-", " ") for t in repo.topics) + " | " + " | ".join(repo.topics)
    places = (
        (labels, _IN_LABEL),
        (issue.title, _IN_TITLE),
        (topics, _IN_TOPIC),
        (repo.description or "", _IN_DESCRIPTION),
        (issue.body or "", _IN_BODY),
    )
    found = [s for text, s in places if any(text_has_keyword(text, k) for k in keywords)]
    # Several places count, but less than independent evidence would.
    return _noisy_or(s * (1.0 if i == 0 else 0.5) for i, s in
                     enumerate(sorted(found, reverse=True)))


def skill_fit(candidate: Candidate, skills: ExpandedSkills) -> tuple[float, list[str]]:
    """Score in [0, 1] and the matched skills (display names, strongest first)."""
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

