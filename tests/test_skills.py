from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ossmatch.skills import (
    expand_skills,
    github_language,
    language_display,
    normalize_skill,
    suggest_close,
    text_has_keyword,
)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("js", "javascript"), ("JS", "javascript"), ("py", "python"), ("Python", "python"),
        ("ts", "typescript"), ("k8s", "kubernetes"), ("docs", "documentation"),
        ("golang", "go"), ("c++", "cpp"), ("cpp", "cpp"), ("C#", "csharp"), ("csharp", "csharp"),
        ("rb", "ruby"), ("Node.js", "node"), ("next.js", "nextjs"), ("  Machine   Learning ", "machine learning"),
        ("ML", "machine learning"), ("a11y", "accessibility"), ("i18n", "translation"),
        ("Jupyter Notebook", "jupyter notebook"), ("sklearn", "scikit-learn"),
        ("somethingelse", "somethingelse"),
    ],
)
def test_normalize_skill(raw: str, canonical: str) -> None:
    assert normalize_skill(raw) == canonical


@pytest.mark.parametrize(
    ("skills", "languages", "frameworks", "interests", "words"),
    [
        (["django"], {"python"}, {"django"}, set(), set()),
        (["flask", "pandas", "pytest"], {"python"}, {"flask", "pandas", "pytest"}, set(), set()),
        (["react"], {"javascript", "typescript"}, {"react"}, set(), set()),
        (["next.js"], {"javascript", "typescript"}, {"nextjs"}, set(), set()),
        (["rails"], {"ruby"}, {"rails"}, set(), set()),
        (["spring"], {"java", "kotlin"}, {"spring"}, set(), set()),
        (["laravel"], {"php"}, {"laravel"}, set(), set()),
        (["tokio", "actix"], {"rust"}, {"tokio", "actix"}, set(), set()),
        (["docs", "tests"], set(), set(), {"documentation", "testing"}, set()),
        (["k8s"], set(), {"kubernetes"}, set(), set()),
        (["py", "blender"], {"python"}, set(), set(), {"blender"}),
        (["vue"], {"vue", "javascript", "typescript"}, {"vue"}, set(), set()),
    ],
)
def test_expand_skills(skills: list[str], languages: set[str], frameworks: set[str],
                       interests: set[str], words: set[str]) -> None:
    e = expand_skills(skills)
    assert e.languages == languages
    assert e.frameworks == frameworks
    assert e.interests == interests
    assert e.words == words


def test_suggest_close_for_typo() -> None:
    assert "python" in suggest_close("pyhton")
    assert "javascript" in suggest_close("javscript")
    assert suggest_close("python") == []


@pytest.mark.parametrize(
    ("lang", "spelling"),
    [("Python", "python"), ("JavaScript", "javascript"), ("C++", "cpp"), ("C#", "csharp"),
     ("Jupyter Notebook", "jupyter-notebook"), ("Go", "go"), ("golang", "go"),
     ("Objective-C", "objective-c"), ("Some Lang", "some-lang")],
)
def test_github_language(lang: str, spelling: str) -> None:
    assert github_language(lang) == spelling


def test_language_display() -> None:
    assert language_display("cpp") == "C++"
    assert language_display("py") == "Python"


@pytest.mark.parametrize(
    ("text", "kw", "hit"),
    [("Add tests for parser", "tests", True), ("latest release", "test", False),
     ("Fix the C++ build", "c++", True), ("Improve docs.", "docs", True),
     ("machine learning model", "machine learning", True)],
)
def test_text_has_keyword(text: str, kw: str, hit: bool) -> None:
    assert text_has_keyword(text, kw) is hit


@given(st.text(max_size=30))
def test_normalize_is_idempotent(s: str) -> None:
    once = normalize_skill(s)
    assert normalize_skill(once) == once
    assert once == once.strip()


@given(st.lists(st.text(min_size=1, max_size=15), max_size=8))
def test_expand_never_loses_a_skill(skills: list[str]) -> None:
    e = expand_skills(skills)
    everything = e.languages | e.frameworks | e.interests | e.words
    for s in skills:
        n = normalize_skill(s)
        if n:
            assert n in everything
