"""A project's stated policy on AI-assisted contributions: its class and the sentence that says so.

An assistant is AI assistance by definition, so the MCP server leaves out of ``suggest`` the
projects that say they do not accept it, and tells the person every other project's stance.

This module is the seam between the server and wherever the policy comes from. The suggest
pipeline will carry the policy itself (issue 28, worked on in parallel); until it does,
``upstream_policy`` finds nothing and ``ossmatch.mcp.policy_files`` reads the documents.
``classify`` is a deliberately small, pure stand-in for that work's classifier: when both land,
``upstream_policy`` is the one function to point at the pipeline's field, and this classifier goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

PolicyClass = Literal["not_accepted", "accepted_if_disclosed", "welcome", "none_stated"]

#: How each class is said to a person (the CLI's short flag reads "AI: not accepted").
CLASS_WORDS: dict[PolicyClass, str] = {
    "not_accepted": "AI-assisted contributions not accepted",
    "accepted_if_disclosed": "AI-assisted contributions accepted if disclosed",
    "welcome": "AI-assisted contributions welcome",
    "none_stated": "no AI-contribution policy stated",
}

#: Longest quote kept: one sentence is enough to say the policy in its own words, and a quote
#: longer than a tweet would let a hostile document fill the assistant's context.
MAX_QUOTE = 200


class AiPolicy(BaseModel):
    """What a project says about AI-assisted contributions; ``source`` names the document."""

    model_config = ConfigDict(frozen=True)

    policy: PolicyClass = "none_stated"
    quote: str | None = None
    source: str | None = None

    @property
    def excludes_assistants(self) -> bool:
        """True when an assistant helping the person would be working against the project's wishes."""
        return self.policy == "not_accepted"

    def as_dict(self) -> dict[str, Any]:
        return {"policy": self.policy, "words": CLASS_WORDS[self.policy], "quote": self.quote,
                "source": self.source}


NONE_STATED = AiPolicy()

# A sentence is about AI contributions when it names the technology ...
_AI = re.compile(
    r"\b(?:AI|A\.I\.|LLMs?|GenAI|generative|large language models?|machine[- ]generated|"
    r"ChatGPT|Copilot|Claude|Cursor|Gemini|coding agents?|AI[- ](?:generated|assisted|written|tools?|agents?))\b",
    re.IGNORECASE,
)
# ... and what it says falls in one of these, tried in this order: a disclosure rule is the
# most specific ("undisclosed AI use will be closed" is a disclosure rule, not a ban).
_DISCLOSE = re.compile(r"\b(?:(?:un|non-?)?disclos\w*|must (?:state|say|mention|note|label)|clearly (?:state|mark)|"
                       r"let us know|indicate (?:that|whether|if))\b", re.IGNORECASE)
_EVEN_IF = re.compile(r"\beven (?:if|when) (?:it is |they are )?disclosed\b", re.IGNORECASE)
_REFUSE = re.compile(
    r"\b(?:not (?:be )?(?:accepted|allowed|permitted|welcome)|(?:do|does|will) not accept|don't accept|"
    r"won't accept|will be closed|(?:are|is) (?:prohibited|forbidden|banned)|ban(?:s|ned)?|"
    r"no (?:AI|LLM)|must not (?:use|submit|be)|may not (?:use|submit|be)|never accept\w*|reject\w*)\b",
    re.IGNORECASE,
)
_WELCOME = re.compile(r"\b(?:welcome|encouraged?|(?:is|are) (?:fine|ok(?:ay)?|allowed|accepted)|"
                      r"feel free|happy to accept)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*+]\s+|\n#+\s*")
_MARKUP = re.compile(r"[*_`>#]+|<!--.*?-->|<[^>]{0,200}>", re.DOTALL)


def classify(text: str, source: str | None = None) -> AiPolicy:
    """The policy a document states: the first sentence about AI that refuses, conditions or
    welcomes it (refusal wins over welcome when a document says both), quoted; else none stated."""
    found: dict[PolicyClass, str] = {}
    for sentence in _sentences(text):
        if not _AI.search(sentence):
            continue
        kind = _kind(sentence)
        if kind is not None and kind not in found:
            found[kind] = sentence
    for kind in ("not_accepted", "accepted_if_disclosed", "welcome"):
        if kind in found:
            return AiPolicy(policy=kind, quote=_quote(found[kind]), source=source)
    return NONE_STATED


def strongest(policies: Iterable[AiPolicy]) -> AiPolicy:
    """One project's policy from several documents: the most restrictive stated one wins."""
    order: list[PolicyClass] = ["not_accepted", "accepted_if_disclosed", "welcome"]
    stated = [p for p in policies if p.policy != "none_stated"]
    return min(stated, key=lambda p: order.index(p.policy)) if stated else NONE_STATED


def _kind(sentence: str) -> PolicyClass | None:
    if _DISCLOSE.search(sentence) and not _EVEN_IF.search(sentence):
        return "accepted_if_disclosed"
    if _REFUSE.search(sentence):
        return "not_accepted"
    if _WELCOME.search(sentence):
        return "welcome"
    return None


def _sentences(text: str) -> list[str]:
    plain = _MARKUP.sub(" ", text)
    parts = (" ".join(part.split()).lstrip("-+\u2022 ") for part in _SENTENCE.split(plain) if part)
    return [part for part in parts if part]


def _quote(sentence: str) -> str:
    from ossmatch.render.text import clean

    text = clean(sentence).strip()
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "\u2026"


def upstream_policy(item: Any) -> AiPolicy | None:
    """The policy the suggest pipeline already read for a ranked issue, or None when it reads none.

    The seam to issue 28's work: it looks for an ``ai_policy`` on the ranked issue, its repository
    or its repository signals, given as an ``AiPolicy``, a mapping with ``policy``/``quote`` (or
    ``class``/``sentence``), or an object with those attributes.
    """
    for holder in (item, getattr(item, "repo", None), getattr(item, "repo_signals", None)):
        value = getattr(holder, "ai_policy", None) if holder is not None else None
        if value is not None:
            return _coerce(value)
    return None


def _coerce(value: Any) -> AiPolicy | None:
    if isinstance(value, AiPolicy):
        return value
    data = value if isinstance(value, dict) else getattr(value, "__dict__", {})
    kind = str(data.get("policy") or data.get("class") or data.get("kind") or "").lower()
    kind = kind.replace(" ", "_").replace("-", "_")
    aliases = {"none": "none_stated", "disclosed": "accepted_if_disclosed", "accepted": "welcome"}
    kind = aliases.get(kind, kind)
    if kind not in CLASS_WORDS:
        return None
    quote = data.get("quote") or data.get("sentence")
    return AiPolicy(policy=kind, quote=_quote(str(quote)) if quote else None,
                    source=data.get("source"))
