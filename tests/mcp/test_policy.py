"""The stand-in AI-policy classifier: real phrasings from 2026 contributing guides, and look-alikes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ossmatch.mcp.policy import MAX_QUOTE, NONE_STATED, AiPolicy, classify, strongest, upstream_policy

CASES = [
    # (document, class, quoted sentence)
    ("AI-generated pull requests are not accepted and will be closed.", "not_accepted",
     "AI-generated pull requests are not accepted and will be closed."),
    ("## AI\n\nWe do not accept contributions written by LLMs or coding agents.", "not_accepted",
     "We do not accept contributions written by LLMs or coding agents."),
    ("Thanks for helping!\n\n- Pull requests generated with ChatGPT or Copilot will be closed without review.",
     "not_accepted", "Pull requests generated with ChatGPT or Copilot will be closed without review."),
    ("Use of generative AI is prohibited for code and documentation.", "not_accepted",
     "Use of generative AI is prohibited for code and documentation."),
    ("We do not accept AI-generated code, even if it is disclosed.", "not_accepted",
     "We do not accept AI-generated code, even if it is disclosed."),
    ("If you used AI tools, you must disclose it in the pull request description.", "accepted_if_disclosed",
     "If you used AI tools, you must disclose it in the pull request description."),
    ("Undisclosed AI-assisted contributions will be closed.", "accepted_if_disclosed",
     "Undisclosed AI-assisted contributions will be closed."),
    ("AI-assisted contributions are welcome. Please review everything you submit.", "welcome",
     "AI-assisted contributions are welcome."),
    ("Feel free to use Copilot or Claude; you are responsible for the result.", "welcome",
     "Feel free to use Copilot or Claude; you are responsible for the result."),
    # look-alikes: no policy stated
    ("Run the tests before you open a pull request. Pull requests without tests will be closed.", "none_stated", None),
    ("This library helps you build AI applications.", "none_stated", None),
    ("We welcome first-time contributors!", "none_stated", None),
    ("", "none_stated", None),
]


@pytest.mark.parametrize(("text", "policy", "quote"), CASES)
def test_classify(text: str, policy: str, quote: str | None) -> None:
    found = classify(text, "CONTRIBUTING.md")
    assert (found.policy, found.quote) == (policy, quote)
    assert found.source == ("CONTRIBUTING.md" if quote else None)


def test_markup_control_characters_and_length_never_reach_the_quote() -> None:
    found = classify("**AI-generated** pull requests are `not accepted` \x1b[31m" + "and so on " * 40)
    assert found.policy == "not_accepted"
    assert found.quote is not None and "\x1b" not in found.quote and "*" not in found.quote and "`" not in found.quote
    assert len(found.quote) == MAX_QUOTE and found.quote.endswith("\u2026")


def test_refusal_wins_over_welcome_when_documents_disagree() -> None:
    welcome = classify("AI-assisted contributions are welcome.", "AGENTS.md")
    refuse = classify("AI-generated pull requests are not accepted.", "contributing guide")
    assert strongest([welcome, refuse]) == refuse
    assert strongest([NONE_STATED, welcome]) == welcome
    assert strongest([]) == NONE_STATED


@pytest.mark.parametrize("value", [
    AiPolicy(policy="not_accepted", quote="No AI."),
    {"policy": "not accepted", "quote": "No AI."},
    {"class": "not-accepted", "sentence": "No AI."},
    SimpleNamespace(policy="not_accepted", quote="No AI.", source=None),
])
def test_upstream_policy_reads_the_pipelines_field_in_any_of_its_likely_shapes(value: object) -> None:
    item = SimpleNamespace(ai_policy=None, repo=SimpleNamespace(ai_policy=value), repo_signals=None)
    found = upstream_policy(item)
    assert found is not None and found.policy == "not_accepted" and found.quote == "No AI."


def test_no_upstream_field_means_none() -> None:
    assert upstream_policy(SimpleNamespace(repo=SimpleNamespace())) is None
    assert upstream_policy(SimpleNamespace(ai_policy={"policy": "unheard of"})) is None
