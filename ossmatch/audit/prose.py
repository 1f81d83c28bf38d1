"""What a document says, read as a newcomer reads it: placeholders, templates, commands, contacts.

Every document check reads text through this one module, so a placeholder caught in a code of
conduct is caught the same way in a README. It is pure: text in, facts out. Code blocks are left
out where prose is judged (a ``{{ }}`` in a shell example is not an unrendered template), and kept
where commands are looked for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

#: Reserved for documentation (RFC 2606) and special use (RFC 6761; ``.local`` is mDNS, RFC 6762):
#: nobody receives mail there, so an address on them is a placeholder.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "test", "invalid", "localhost", "local")

#: Marker phrases of widely copied templates, lower-case, with the template's name. Each is text
#: only the template's author would write to the person filling it in.
TEMPLATE_MARKERS: tuple[tuple[str, str], ...] = (
    ("choose a self-explaining name for your project", "GitLab's default README"),
    ("to make it easy for you to get started with gitlab", "GitLab's default README"),
    ("state if you are open to contributions", "GitLab's default README"),
    ("thanks to makeareadme.com for this template", "makeareadme.com's template"),
    ("an awesome readme template to jumpstart your projects", "Best-README-Template"),
    ("github_username/repo_name", "Best-README-Template"),
    ("this is where you would put a brief description", "a README template"),
    ("a brief description of what the project does", "a README template"),
    ("write a brief description of the project", "a README template"),
    ("one paragraph of project description goes here", "a README template"),
    ("a step by step series of examples that tell you how to get a development env",
     "a README template"),
    ("step-by-step instructions on how to install and configure your project", "a README template"),
)

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
#: Jinja/cookiecutter/Liquid ``{{ }}`` and ``{% %}``, EJS ``<%= %>``; not GitHub Actions' ``${{ }}``.
_UNRENDERED = re.compile(r"(?<!\$)\{\{.{1,80}?\}\}|\{%-?.{1,80}?-?%\}|<%=?.{1,60}?%>")
#: Slots a template leaves for its user: ``[INSERT CONTACT METHOD]``, ``**REPLACE:**``, and a
#: line that is nothing but ``{short description}``.
_SLOT = re.compile(r"\[(?:insert|replace)\b[^\]\n]{0,60}\]|\bREPLACE:"
                   r"|^[ \t]*(?:#+[ \t]*)?\{[A-Za-z][^{}\n]{0,80}\}[ \t]*$",
                   re.IGNORECASE | re.MULTILINE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*")
_URL = re.compile(r"https?://[^\s)>\]\"'`]+")
#: A local part or domain that asks to be replaced: ``your-email@…``, ``<set-your-contact@email>``.
_YOUR = re.compile(r"^(?:your|set[-_]?your|insert[-_])|yourdomain|your[-_]?(?:company|project|org)",
                   re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True)
class Placeholder:
    """Text left for someone to fill in, as it is written, and what kind it is."""

    kind: Literal["unrendered", "slot", "template", "address"]
    text: str
    #: The template's name, for kind ``template``.
    template: str | None = None

    def describe(self) -> str:
        """What is left, as a clause: 'it still says "Choose a ..." (GitLab's default README)'."""
        if self.kind == "template":
            return f"it still says \"{self.text}\" ({self.template})"
        what = {"unrendered": "the template tag", "slot": "the slot"}.get(self.kind, "the placeholder")
        return f"it still has {what} {self.text}"


#: Document text quoted back in a reason is cut to this many characters.
SNIPPET_CHARS = 70


def snippet(text: str) -> str:
    """Repository text fit to quote in a reason: one line, no control characters, short."""
    plain = " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C" or c in " \t\n")
                     .split())
    return plain if len(plain) <= SNIPPET_CHARS else plain[:SNIPPET_CHARS - 1] + "…"


def prose(text: str) -> str:
    """The text without fenced code blocks and inline code."""
    return _INLINE_CODE.sub(" ", _FENCE.sub("\n", text))


def is_placeholder_address(address: str) -> bool:
    """An e-mail address or URL nobody can be reached at: reserved domains, ``your-…`` slots."""
    value = address.lower().removeprefix("mailto:")
    if value.startswith(("http://", "https://")):
        host = value.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0]
        return _reserved(host)
    local, _, domain = value.partition("@")
    domain = domain.rstrip(".")
    return "." not in domain or _reserved(domain) or bool(_YOUR.search(local)) or bool(
        _YOUR.search(domain))


def _reserved(host: str) -> bool:
    host = host.rstrip(".")
    return (host in RESERVED_DOMAINS or host.endswith(tuple("." + d for d in RESERVED_DOMAINS))
            or host.rsplit(".", 1)[-1] in RESERVED_TLDS)


def addresses(text: str) -> tuple[str, ...]:
    """E-mail addresses in the text, in order, without repeats."""
    return tuple(dict.fromkeys(m.group(0).rstrip(".") for m in _EMAIL.finditer(text)))


def placeholders(text: str) -> tuple[Placeholder, ...]:
    """Unrendered template tags, template slots, template marker phrases and placeholder addresses
    outside code, in the order a reader meets them (one of each text)."""
    outside = prose(text)
    found: list[Placeholder] = [Placeholder("unrendered", snippet(m.group(0)))
                                for m in _UNRENDERED.finditer(outside)]
    found += [Placeholder("slot", snippet(m.group(0)).lstrip("# ")) for m in _SLOT.finditer(outside)]
    lowered = outside.lower()
    for phrase, name in TEMPLATE_MARKERS:
        at = lowered.find(phrase)
        if at >= 0:  # quoted as the document spells it
            found.append(Placeholder("template", snippet(outside[at:at + len(phrase)]), name))
    found += [Placeholder("address", snippet(a)) for a in addresses(outside)
              if is_placeholder_address(a)]
    unique = {p.text: p for p in found}
    return tuple(unique.values())


#: Unrendered tags that show a generator's output was committed as is: control flow, EJS.
_CONTROL_TAG = re.compile(r"^(?:\{%|<%)")
#: This many distinct ``{{ }}`` tags outside code are a template, not prose quoting template syntax.
TEMPLATE_TAGS_FEW = 2


def template_tags(text: str) -> tuple[Placeholder, ...]:
    """The placeholders that make a document an unfilled template (not only a bad address).

    A single ``{{ name }}`` in prose may be a project explaining its own template syntax; tags in
    the first line (the title), control tags or several tags are a generator's unrendered output.
    """
    found = tuple(p for p in placeholders(text) if p.kind != "address")
    tags = [p for p in found if p.kind == "unrendered"]
    first = next((line for line in prose(text).splitlines() if line.strip()), "")
    generated = (len(tags) >= TEMPLATE_TAGS_FEW or any(_CONTROL_TAG.match(p.text) for p in tags)
                 or bool(_UNRENDERED.search(first)))
    return tuple(p for p in found if p.kind != "unrendered" or generated)


# ---- Commands a newcomer can copy -------------------------------------------------------------

#: Commands that set up a development copy: clone, install dependencies, build (also through a
#: project's own script: ``./x.py build``, ``script/bootstrap``).
SETUP_COMMANDS = re.compile(
    r"\b(?:git clone|gh repo (?:clone|fork)"
    r"|pip3? install|python3? -m pip install|pipx install|poetry install|pdm install|uv sync"
    r"|uv pip install|pipenv install|conda (?:env create|install)|hatch (?:env create|shell)"
    r"|npm (?:install|ci|i)\b|yarn(?: install)?\s*$|pnpm (?:install|i)\b|bun install"
    r"|bundle install|gem install|composer install|cargo (?:build|install)|go (?:build|mod download)"
    r"|mvn (?:install|package|compile)|\./gradlew (?:build|assemble)|gradle build"
    r"|dotnet (?:restore|build)|docker compose up|docker-compose up|devcontainer"
    r"|make (?:install|dev|develop|setup|build|deps|bootstrap|init|all)\b"
    r"|pre-commit install|nix develop|tox -e dev|nox -s dev"
    r"|\./[\w./-]+ (?:build|setup|bootstrap|install)\b|\bx\.py (?:build|setup)\b"
    r"|\bscript/(?:bootstrap|setup)\b)",
    re.IGNORECASE | re.MULTILINE,
)
#: Commands that run the tests.
TEST_COMMANDS = re.compile(
    r"(?:\bpy\.?test\b|\btox\b|\bnox\b|python3? -m unittest|python3? -m pytest"
    r"|\b(?:npm|pnpm|yarn|bun) (?:run )?test|\bnpx (?:jest|vitest)|\bvitest\b|\bjest\b"
    r"|\bgo test\b|\bcargo (?:test|nextest)\b|\bmvn (?:test|verify)\b|\bgradlew? test\b"
    r"|\bmake (?:test|check|tests)\b|\bbundle exec (?:rspec|rake)|\brake test\b|\brspec\b"
    r"|\bphpunit\b|\bctest\b|\bdotnet test\b|\bmix test\b|\bhatch (?:test|run test)"
    r"|\bdeno test\b|\bswift test\b|\bflutter test\b|\bbazel test\b"
    r"|\./[\w./-]+ test\b|\bx\.py test\b|\bscript/test\b)",
    re.IGNORECASE,
)
_SETUP_HEADING = re.compile(
    r"\b(set ?up|setting up|development environment|dev environment|local development"
    r"|getting started|installation|installing|install|building|build from source|prerequisites)\b",
    re.IGNORECASE)
_TEST_HEADING = re.compile(r"\b(tests?|testing|test ?suite|running the tests)\b", re.IGNORECASE)
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def headings(text: str) -> list[tuple[str, str]]:
    """(heading, the text under it up to the next heading) for Markdown and reStructuredText."""
    lines = text.splitlines()
    marks: list[tuple[int, str, int]] = []  # (line index of title, title, first body line)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#") and stripped.lstrip("#").startswith(" "):
            marks.append((i, stripped.lstrip("#").strip(), i + 1))
        elif (i > 0 and _RST_UNDERLINE.match(stripped) and lines[i - 1].strip()
              and not _RST_UNDERLINE.match(lines[i - 1].strip())):
            marks.append((i - 1, lines[i - 1].strip(), i + 1))
    sections = []
    for n, (_, title, body) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        sections.append((title, "\n".join(lines[body:end])))
    return sections


def _under(text: str, heading: re.Pattern[str], words: int) -> bool:
    """A heading on the topic with at least ``words`` words of its own under it."""
    return any(heading.search(title) and len(_WORDS.findall(body)) >= words
               for title, body in headings(text))


def setup_commands(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(0).strip() for m in SETUP_COMMANDS.finditer(text)))


def test_commands(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(0).strip() for m in TEST_COMMANDS.finditer(text)))


#: Words a section needs under a setup or tests heading to count as saying something.
SECTION_WORDS = 12


def covers_setup(text: str) -> bool:
    """A command to set up a development copy, or a setup section with something in it."""
    return bool(setup_commands(text)) or _under(text, _SETUP_HEADING, SECTION_WORDS)


def covers_tests(text: str) -> bool:
    """A command that runs the tests, or a tests section with something in it."""
    return bool(test_commands(text)) or _under(text, _TEST_HEADING, SECTION_WORDS)


# ---- What a README says -----------------------------------------------------------------------

#: A line of prose this long says what something is; badges, headings and contents lists do not.
DESCRIBING_WORDS = 5
_CODE_BLOCK = re.compile(r"^(```|~~~)[^\n]*\n\s*\S.*?^\1|::[^\n]*\n\n(?: {2,}|\t)\S",
                         re.MULTILINE | re.DOTALL)
_PROMPT = re.compile(r"^\s*[$>] \S", re.MULTILINE)
_NOT_PROSE = re.compile(r"^(?:#|\[[^\]]*\]:|[=\-~*_^]{3,}\s*$|\|)")
_HTML_TAG = re.compile(r"<[^>\n]*>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")


def describes(text: str) -> bool:
    """A line of prose (not a heading, badge, table or contents entry) of a short sentence or more."""
    for line in prose(text).splitlines():
        stripped = line.strip().lstrip(">").strip()
        if not stripped or _NOT_PROSE.match(stripped):
            continue
        plain = _LINK.sub(r"\1", _IMAGE.sub(" ", _HTML_TAG.sub(" ", stripped)))
        if len(_WORDS.findall(plain)) >= DESCRIBING_WORDS:
            return True
    return False


def shows_use(text: str) -> bool:
    """How to install or use it: an install command, a code block, or a shell prompt line."""
    return bool(setup_commands(text) or _CODE_BLOCK.search(text) or _PROMPT.search(text))


_CONTRIBUTING_TARGET = re.compile(
    r"\]\((?!#)[^)]*contributing[^)]*\)|^\s*\[[^\]]+\]:\s*(?!#)\S*contributing"
    r"|<(?!#)[^>\s]*contributing[^>\s]*>|href=[\"'](?!#)[^\"']*contributing"
    r"|https?://\S*contributing|\bcontributing\.(?:md|rst|txt)\b",
    re.IGNORECASE | re.MULTILINE,
)


def links_contributing(text: str) -> bool:
    """A link to a contributing guide (a file or a page), not a "Contributing" heading or anchor."""
    return bool(_CONTRIBUTING_TARGET.search(text))


# ---- A way to report --------------------------------------------------------------------------

_REPORT_LINE = re.compile(r"\b(report|contact|reach|e-?mail|enforcement|form|moderat|complain)",
                          re.IGNORECASE)
#: Pages that are not a way to report: the code of conduct's own source and public trackers.
_NOT_A_CHANNEL = re.compile(r"contributor-covenant\.org|/issues\b|/discussions\b|/pulls\b", re.I)


def contacts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(real ways to report, placeholder ones): e-mail addresses anywhere, and links on a line
    about reporting, outside unrendered template tags."""
    real: list[str] = []
    fake: list[str] = []
    for line in text.splitlines():
        rendered = _UNRENDERED.sub(" ", line)
        tags = [m.group(0) for m in _UNRENDERED.finditer(line)]
        for address in addresses(rendered) + _links(rendered):
            (fake if is_placeholder_address(address) else real).append(address)
        for tag in tags if _REPORT_LINE.search(line) else ():
            fake.extend(addresses(tag) or (tag,))
    return (tuple(dict.fromkeys(snippet(r) for r in real)),
            tuple(dict.fromkeys(snippet(f) for f in fake)))


def _links(line: str) -> tuple[str, ...]:
    if not _REPORT_LINE.search(line):
        return ()
    return tuple(url.rstrip(".,;") for url in _URL.findall(line)
                 if not url.lower().startswith("mailto:") and not _NOT_A_CHANNEL.search(url))
