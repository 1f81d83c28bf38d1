"""Canonical skill vocabulary.

People describe themselves loosely ("js", "Node.js", "k8s", "docs"); repositories describe
themselves with GitHub language names, topics and labels.  Everything is mapped onto one small
canonical vocabulary so that matching is a set lookup and the reasons we print use stable names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

#: Canonical programming languages with the name GitHub's linguist shows for them.
LANGUAGE_DISPLAY: dict[str, str] = {
    "python": "Python",
    "javascript": "JavaScript",
    "typescript": "TypeScript",
    "go": "Go",
    "rust": "Rust",
    "java": "Java",
    "kotlin": "Kotlin",
    "scala": "Scala",
    "c": "C",
    "cpp": "C++",
    "csharp": "C#",
    "fsharp": "F#",
    "ruby": "Ruby",
    "php": "PHP",
    "swift": "Swift",
    "objective-c": "Objective-C",
    "dart": "Dart",
    "elixir": "Elixir",
    "erlang": "Erlang",
    "haskell": "Haskell",
    "ocaml": "OCaml",
    "clojure": "Clojure",
    "r": "R",
    "julia": "Julia",
    "lua": "Lua",
    "perl": "Perl",
    "shell": "Shell",
    "powershell": "PowerShell",
    "html": "HTML",
    "css": "CSS",
    "scss": "SCSS",
    "vue": "Vue",
    "svelte": "Svelte",
    "zig": "Zig",
    "nim": "Nim",
    "solidity": "Solidity",
    "jupyter notebook": "Jupyter Notebook",
    "matlab": "MATLAB",
    "groovy": "Groovy",
    "elm": "Elm",
    "crystal": "Crystal",
    "assembly": "Assembly",
    "webassembly": "WebAssembly",
    "nix": "Nix",
    "hcl": "HCL",
    "dockerfile": "Dockerfile",
    "makefile": "Makefile",
    "tex": "TeX",
    "sql": "SQL",
}
LANGUAGES: frozenset[str] = frozenset(LANGUAGE_DISPLAY)

#: Spelling for GitHub search's ``language:`` qualifier where it differs from the canonical name.
_SEARCH_SPELLING: dict[str, str] = {
    "jupyter notebook": "jupyter-notebook",
    "cpp": "cpp",
    "csharp": "csharp",
    "fsharp": "fsharp",
}

#: Repository languages that a person with the mapped language can usually work in.
RELATED_LANGUAGES: dict[str, frozenset[str]] = {
    "jupyter notebook": frozenset({"python"}),
    "typescript": frozenset({"javascript"}),
    "javascript": frozenset({"typescript"}),
    "vue": frozenset({"javascript", "typescript"}),
    "svelte": frozenset({"javascript", "typescript"}),
    "scss": frozenset({"css"}),
    "objective-c": frozenset({"swift"}),
}

#: Frameworks, libraries and tools, with the languages they imply.
FRAMEWORKS: dict[str, tuple[str, ...]] = {
    "django": ("python",),
    "flask": ("python",),
    "fastapi": ("python",),
    "pandas": ("python",),
    "numpy": ("python",),
    "scipy": ("python",),
    "pytest": ("python",),
    "pytorch": ("python",),
    "tensorflow": ("python",),
    "scikit-learn": ("python",),
    "jupyter": ("python",),
    "matplotlib": ("python",),
    "pydantic": ("python",),
    "react": ("javascript", "typescript"),
    "vue": ("javascript", "typescript"),
    "angular": ("javascript", "typescript"),
    "svelte": ("javascript", "typescript"),
    "nextjs": ("javascript", "typescript"),
    "node": ("javascript", "typescript"),
    "express": ("javascript", "typescript"),
    "deno": ("javascript", "typescript"),
    "jquery": ("javascript",),
    "react-native": ("javascript", "typescript"),
    "electron": ("javascript", "typescript"),
    "rails": ("ruby",),
    "sinatra": ("ruby",),
    "spring": ("java", "kotlin"),
    "android": ("java", "kotlin"),
    "laravel": ("php",),
    "symfony": ("php",),
    "wordpress": ("php",),
    "tokio": ("rust",),
    "actix": ("rust",),
    "bevy": ("rust",),
    "dotnet": ("csharp",),
    "unity": ("csharp",),
    "flutter": ("dart",),
    "phoenix": ("elixir",),
    "gin": ("go",),
    "qt": ("cpp",),
    "swiftui": ("swift",),
    "docker": (),
    "kubernetes": (),
    "terraform": ("hcl",),
    "ansible": (),
    "graphql": (),
    "postgresql": ("sql",),
    "tailwind": ("css",),
    "bootstrap": ("css",),
}

#: Interest areas with the words that reveal them in labels, topics, titles and bodies.
INTERESTS: dict[str, tuple[str, ...]] = {
    "documentation": ("documentation", "docs", "doc", "readme", "typo", "tutorial", "docstring",
                      "docstrings", "guide", "examples", "website"),
    "testing": ("test", "tests", "testing", "unit test", "unit tests", "coverage", "flaky",
                "e2e", "integration test"),
    "frontend": ("frontend", "front-end", "ui", "css", "html", "react", "vue", "angular",
                 "svelte", "web", "browser", "layout", "responsive"),
    "backend": ("backend", "back-end", "api", "server", "database", "rest", "endpoint"),
    "devops": ("devops", "ci", "ci/cd", "docker", "kubernetes", "deployment", "github actions",
               "infrastructure", "helm", "terraform", "build", "packaging", "release"),
    "data science": ("data science", "data", "pandas", "notebook", "visualization",
                     "visualisation", "plot", "plotting", "analytics", "dataset", "statistics"),
    "machine learning": ("machine learning", "machine-learning", "ml", "deep learning",
                         "deep-learning", "neural network", "pytorch", "tensorflow", "llm",
                         "model training", "ai"),
    "security": ("security", "vulnerability", "cve", "xss", "csrf", "authentication",
                 "auth", "crypto", "cryptography"),
    "accessibility": ("accessibility", "a11y", "screen reader", "aria", "contrast", "wcag"),
    "design": ("design", "ux", "ui/ux", "logo", "icon", "icons", "figma", "theme", "branding"),
    "translation": ("translation", "translations", "i18n", "l10n", "localization",
                    "localisation", "translate", "locale"),
    "performance": ("performance", "perf", "speed", "slow", "optimization", "optimisation",
                    "memory", "benchmark"),
    "refactoring": ("refactor", "refactoring", "cleanup", "clean up", "tech debt",
                    "code quality", "lint", "linting"),
    "cli": ("cli", "command line", "command-line", "terminal"),
    "mobile": ("mobile", "android", "ios", "react-native", "flutter"),
    "community": ("community", "onboarding", "contributing", "good first issue"),
}

#: Loose spellings mapped to canonical names (languages, frameworks and interests).
ALIASES: dict[str, str] = {
    # languages
    "py": "python", "python3": "python", "python2": "python", "cpython": "python",
    "js": "javascript", "ecmascript": "javascript", "es6": "javascript",
    "ts": "typescript",
    "golang": "go",
    "rs": "rust",
    "c++": "cpp", "cplusplus": "cpp", "cxx": "cpp",
    "c#": "csharp", "cs": "csharp", "c sharp": "csharp",
    "f#": "fsharp",
    "rb": "ruby",
    "kt": "kotlin",
    "objc": "objective-c", "objectivec": "objective-c", "obj-c": "objective-c",
    "bash": "shell", "sh": "shell", "zsh": "shell", "shell script": "shell",
    "html5": "html", "css3": "css", "sass": "scss",
    "jupyter-notebook": "jupyter notebook", "ipynb": "jupyter notebook",
    "hs": "haskell", "ex": "elixir", "pl": "perl", "ps1": "powershell",
    "latex": "tex", "postgres": "postgresql", "psql": "postgresql",
    # frameworks and tools
    "node.js": "node", "nodejs": "node",
    "next.js": "nextjs", "next": "nextjs",
    "vue.js": "vue", "vuejs": "vue",
    "react.js": "react", "reactjs": "react",
    "angularjs": "angular", "angular.js": "angular",
    "express.js": "express", "expressjs": "express",
    "ruby on rails": "rails", "ror": "rails",
    "spring boot": "spring", "spring-boot": "spring", "springboot": "spring",
    "k8s": "kubernetes", "kube": "kubernetes",
    "sklearn": "scikit-learn", "scikit learn": "scikit-learn",
    "torch": "pytorch", "tf": "tensorflow",
    ".net": "dotnet", "asp.net": "dotnet",
    "react native": "react-native", "tailwindcss": "tailwind",
    "actix-web": "actix",
    # interests
    "docs": "documentation", "doc": "documentation", "documentations": "documentation",
    "writing": "documentation", "technical writing": "documentation",
    "test": "testing", "tests": "testing", "qa": "testing",
    "front-end": "frontend", "front end": "frontend", "web": "frontend",
    "back-end": "backend", "back end": "backend",
    "ops": "devops", "infra": "devops", "infrastructure": "devops", "ci": "devops",
    "ci/cd": "devops", "cicd": "devops",
    "data": "data science", "datascience": "data science", "data-science": "data science",
    "ds": "data science", "data analysis": "data science",
    "ml": "machine learning", "ai": "machine learning", "machine-learning": "machine learning",
    "machinelearning": "machine learning", "deep learning": "machine learning",
    "sec": "security", "infosec": "security", "appsec": "security",
    "a11y": "accessibility",
    "ux": "design", "ui": "design", "ui/ux": "design", "ux/ui": "design",
    "i18n": "translation", "l10n": "translation", "localization": "translation",
    "localisation": "translation", "translations": "translation", "internationalization": "translation",
    "perf": "performance", "optimization": "performance",
    "refactor": "refactoring", "cleanup": "refactoring",
    "command line": "cli", "command-line": "cli",
}

_VOCABULARY: frozenset[str] = frozenset(LANGUAGES | set(FRAMEWORKS) | set(INTERESTS) | set(ALIASES))


class ExpandedSkills(BaseModel):
    """A person's skills sorted into what matching needs: languages, frameworks, interests, words."""

    model_config = ConfigDict(frozen=True)

    languages: frozenset[str] = frozenset()
    frameworks: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    #: Unknown skills, kept verbatim (normalised) as plain search words.
    words: frozenset[str] = frozenset()
    #: Every skill above in the order the person gave them (implied languages after), so sentences
    #: name them in the profile's order rather than an accidental one.
    order: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.languages or self.frameworks or self.interests or self.words)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("_", " ")).strip()


def normalize_skill(s: str) -> str:
    """Canonical name for a skill; unknown skills come back cleaned (lowercase, single spaces)."""
    cleaned = _clean(s)
    if cleaned in ALIASES:
        return ALIASES[cleaned]
    if cleaned in _VOCABULARY:
        return cleaned
    dashed = cleaned.replace(" ", "-")
    if dashed in ALIASES:
        return ALIASES[dashed]
    if dashed in _VOCABULARY:
        return dashed
    return cleaned


def is_known(s: str) -> bool:
    """True when the skill is part of the vocabulary (after aliasing)."""
    n = normalize_skill(s)
    return n in LANGUAGES or n in FRAMEWORKS or n in INTERESTS


def expand_skills(skills: Iterable[str]) -> ExpandedSkills:
    """Sort skills into languages/frameworks/interests; frameworks also imply their languages."""
    languages: set[str] = set()
    frameworks: set[str] = set()
    interests: set[str] = set()
    words: set[str] = set()
    given: list[str] = []
    for raw in skills:
        s = normalize_skill(raw)
        if not s:
            continue
        given.append(s)
        known = False
        if s in LANGUAGES:
            languages.add(s)
            known = True
        if s in FRAMEWORKS:
            frameworks.add(s)
            languages.update(FRAMEWORKS[s])
            known = True
        if s in INTERESTS:
            interests.add(s)
            known = True
        if not known:
            words.add(s)
    return ExpandedSkills(
        languages=frozenset(languages),
        frameworks=frozenset(frameworks),
        interests=frozenset(interests),
        words=frozenset(words),
        order=tuple(dict.fromkeys([*given, *sorted(languages)])),
    )


def suggest_close(s: str, n: int = 3) -> list[str]:
    """Close vocabulary entries for an unknown skill, so a typo can be pointed out."""
    cleaned = _clean(s)
    if is_known(cleaned):
        return []
    return difflib.get_close_matches(cleaned, sorted(_VOCABULARY), n=n, cutoff=0.75)


def github_language(lang: str) -> str:
    """Spelling for a GitHub search ``language:`` qualifier ("C++" -> "cpp", "Jupyter Notebook"
    -> "jupyter-notebook"); unknown names are lowercased with spaces turned into dashes."""
    n = normalize_skill(lang)
    if n in _SEARCH_SPELLING:
        return _SEARCH_SPELLING[n]
    return n.replace(" ", "-")


def language_display(lang: str) -> str:
    """Human name for a language ("cpp" -> "C++") used in reasons."""
    n = normalize_skill(lang)
    return LANGUAGE_DISPLAY.get(n, lang)


def skill_display(skill: str) -> str:
    """Human name for any canonical skill: languages get GitHub's spelling, the rest stay as-is."""
    return LANGUAGE_DISPLAY.get(skill, skill)


def keywords_for(skill: str) -> tuple[str, ...]:
    """Words that reveal a canonical skill in text: interests have keyword lists, frameworks and
    languages their name plus the aliases that point at them."""
    if skill in INTERESTS:
        return INTERESTS[skill]
    names = {skill} | {alias for alias, target in ALIASES.items() if target == skill}
    if skill in LANGUAGE_DISPLAY:
        names.add(LANGUAGE_DISPLAY[skill].lower())
    # Very short or symbolic aliases ("c", "r", "js" is fine) cause false hits in prose.
    return tuple(sorted(n for n in names if len(n) > 1 or n == skill))


@lru_cache(maxsize=4096)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(keyword) + r"(?![a-z0-9+#])")


def text_has_keyword(text: str, keyword: str) -> bool:
    """Whole-word, case-insensitive match (so "test" does not hit "latest")."""
    return bool(_keyword_pattern(keyword.lower()).search(text.lower()))


#: File extensions that name a language's source files, so "update `src/config.py`" shows Python.
LANGUAGE_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "python": ("py", "pyi"),
    "javascript": ("js", "jsx", "mjs", "cjs"),
    "typescript": ("ts", "tsx"),
    "go": ("go",),
    "rust": ("rs",),
    "java": ("java",),
    "kotlin": ("kt", "kts"),
    "ruby": ("rb",),
    "php": ("php",),
    "swift": ("swift",),
    "c": ("c", "h"),
    "cpp": ("cpp", "cc", "hpp", "cxx"),
    "csharp": ("cs",),
    "scala": ("scala",),
    "dart": ("dart",),
    "elixir": ("ex", "exs"),
    "haskell": ("hs",),
    "lua": ("lua",),
    "shell": ("sh", "bash"),
    "html": ("html", "htm"),
    "css": ("css",),
    "vue": ("vue",),
    "svelte": ("svelte",),
}


@lru_cache(maxsize=64)
def _file_pattern(language: str) -> re.Pattern[str] | None:
    exts = LANGUAGE_EXTENSIONS.get(language)
    if not exts:
        return None
    return re.compile(r"(?<![\w.])[\w./-]*\w\.(?:" + "|".join(exts) + r")(?![\w.])", re.IGNORECASE)


def files_of_language(text: str, language: str) -> list[str]:
    """File names in ``text`` with one of ``language``'s extensions (``src/config.py``)."""
    pattern = _file_pattern(language)
    return pattern.findall(text) if pattern else []


#: How similar an unknown skill must be to a known one to be called a typo of it (difflib ratio;
#: chosen: "pyhton"/"python" is 0.83, "cobol"/"bool" 0.67).
TYPO_SIMILARITY = 0.8


def typo_of(s: str) -> str | None:
    """The known skill an unknown one is almost certainly a misspelling of ("pyhton" -> "python")."""
    cleaned = _clean(s)
    if is_known(cleaned):
        return None
    close = difflib.get_close_matches(cleaned, sorted(_VOCABULARY), n=1, cutoff=TYPO_SIMILARITY)
    return close[0] if close else None
