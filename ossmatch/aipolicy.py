"""A project's policy on AI-assisted contributions, found in its own documents and quoted.

Pure: it reads text already fetched (``AI_POLICY.md``, ``AGENTS.md``, the contributing guide, the
pull-request template) and returns the stance with the sentence that states it. Why it matters:
since 2025 many projects close AI-generated pull requests unread (GitHub's "Eternal September"
post, matplotlib#31131, the CHAOSS "Awesome LLM Policy" list), and a newcomer who works with an
assistant should know before starting, not after the pull request is closed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ossmatch.models import AiPolicy
from ossmatch.render.text import one_line

#: Longest quote kept: one sentence, enough to read the rule in the project's own words.
QUOTE_CHARS = 200

#: Words that make a sentence about AI-assisted work. "AI" only in capitals and as a word (not
#: "said", "maintain"); agents and assistants by name.
_ABOUT_AI = re.compile(
    r"\bAI\b|\bA\.I\.|\bLLMs?\b|\bChatGPT\b|\bCopilot\b|\bClaude\b"
    r"|(?i:large language models?|\bgenerative\b|machine[- ]generated|\bAI[- ](?:generated|assisted|written|tools?)"
    r"|\bcoding agents?\b)"
)
_DISCLOSED = re.compile(
    r"\b(?:un|non-?)?disclos|\bmust (?:be )?(?:mention|state|say|note|indicate|label|mark)"
    r"|\bclearly (?:state|mark|label)|\bplease (?:mention|state|note|indicate)"
    r"|\btransparen|\backnowledg|\bmake it clear",
    re.IGNORECASE,
)
#: "Not accepted, even if disclosed" is a refusal that mentions disclosure, not a disclosure rule.
_EVEN_IF_DISCLOSED = re.compile(r"\beven (?:if|when) (?:it is |it's |they are |they're )?disclosed", re.IGNORECASE)
_REFUSED = re.compile(
    r"\bnot (?:be )?(?:accept|allow|permit|welcome|merge|review|consider)|\bwon'?t (?:be )?(?:accept|merge|review)"
    r"|\bwill (?:be )?(?:closed|rejected)|\bprohibit|\bforbid|\bbanned\b|\bban\b|\breject"
    r"|\bdo not (?:submit|use|open|send)"
    r"|\bdon'?t (?:submit|use|open|send)|\bno (?:AI|LLM)|\bnot accepted|\bnot permitted|\bnot allowed|\brefuse",
    re.IGNORECASE,
)
_WELCOME = re.compile(
    r"\bwelcome|\bencourage|\bfeel free|\bare (?:fine|ok|okay|allowed|accepted)|\bis (?:fine|ok|okay|allowed|accepted)"
    r"|\bmay use|\bcan use|\bhappy to accept|\bgladly",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'*_(\[])|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=#)")
_MARKUP = re.compile(r"[*_`>#]+|<!--|-->|\[([^\]]*)\]\([^)]*\)")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+\.)\s+")
#: Zero-width spaces, joiners and direction marks: invisible in a quoted sentence. The shared sanitiser
#: (``render.text.clean``) keeps them, since a zero-width joiner builds emoji and some scripts' words.
_INVISIBLE = re.compile(r"[\u200b-\u200f]")

#: Strongest first: a refusal outweighs a welcome elsewhere in the same project.
_ORDER = ("not_accepted", "disclosed", "welcome")


def clean_sentence(text: str) -> str:
    """One line of plain text: markup and control characters gone, at most ``QUOTE_CHARS`` long."""
    text = one_line(_INVISIBLE.sub(" ", _MARKUP.sub(lambda m: m.group(1) or "", text)))
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def sentences(text: str) -> list[str]:
    """Sentences and list items of a Markdown document (code blocks and HTML comments dropped,
    list markers too, so a quoted item reads as the sentence it is)."""
    text = re.sub(r"```.*?(```|$)", " ", text, flags=re.DOTALL)
    text = re.sub(r"<!--.*?(-->|$)", " ", text, flags=re.DOTALL)
    parts = (_LIST_MARK.sub("", s.strip()) for s in _SENTENCE.split(text) if s)
    return [s for s in parts if s]


def classify_sentence(sentence: str) -> str | None:
    """The stance one sentence states on AI-assisted work, or None when it states none."""
    if not _ABOUT_AI.search(sentence):
        return None
    if _DISCLOSED.search(sentence) and not _EVEN_IF_DISCLOSED.search(sentence):
        return "disclosed"
    if _REFUSED.search(sentence):
        return "not_accepted"
    if _WELCOME.search(sentence):
        return "welcome"
    return None


def find_policy(texts: Iterable[tuple[str, str]]) -> AiPolicy | None:
    """The project's stance from (file, text) pairs: the strongest stated, with its first sentence."""
    found: dict[str, AiPolicy] = {}
    for source, text in texts:
        for sentence in sentences(text or ""):
            stance = classify_sentence(sentence)
            if stance is not None and stance not in found:
                found[stance] = AiPolicy(stance=stance, quote=clean_sentence(sentence), source=source)
    return next((found[s] for s in _ORDER if s in found), None)


#: How each stance is said: the short flag in lists, and the words in ``show`` and reports.
FLAGS = {"not_accepted": "AI: not accepted", "disclosed": "AI: disclose", "welcome": "AI: welcome"}
WORDS = {
    "not_accepted": "AI-assisted contributions not accepted",
    "disclosed": "AI-assisted contributions accepted if disclosed",
    "welcome": "AI-assisted contributions welcome",
}
