from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ossmatch.profile import (
    EMPTY_PROFILE_MESSAGE,
    STARTER_PROFILE,
    Profile,
    ProfileError,
    infer_profile,
    load_profile,
    merge_cli,
    parse_profile,
    profile_to_toml,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "profile.toml"


def test_starter_profile_is_valid() -> None:
    p = parse_profile(STARTER_PROFILE, "starter")
    assert not p.is_empty
    assert p.level == "beginner"


def test_example_profile_loads() -> None:
    p = load_profile(EXAMPLE)
    assert "django" in p.skills
    assert p.weights is not None and p.weights.skill == pytest.approx(0.4)
    assert "python" in p.expanded().languages


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('skils = ["python"]', "profile.toml: unknown key 'skils'"),
        ('level = "expert"', "profile.toml: level: must be 'beginner' or 'intermediate'"),
        ("min_stars = -1", "profile.toml: min_stars: must be >= 0"),
        ("max_issue_age_days = 0", "profile.toml: max_issue_age_days: must be > 0"),
        ('min_stars = "many"', "profile.toml: min_stars: must be an integer"),
        ("skills = [1, 2]", "profile.toml: skills: must be a list of strings"),
        ("[weights]\nskil = 1.0", "profile.toml: unknown key 'weights.skil'"),
        ("[weights]\nskill = -1.0", "profile.toml: weights.skill: must be >= 0"),
    ],
)
def test_profile_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(text)
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    assert exc.value.message == f"{tmp_path}/{message}"
    assert "\n" not in str(exc.value)


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('skills = ["python"]\nlevel = \n')
    with pytest.raises(ProfileError, match=r"profile\.toml: invalid TOML: .*line 2"):
        load_profile(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="file not found"):
        load_profile(tmp_path / "nope.toml")


def test_comma_string_lists() -> None:
    p = parse_profile('skills = "python, docs,, python"')
    assert p.skills == ("python", "docs")


def test_merge_cli_adds_skills() -> None:
    p = merge_cli(Profile(languages=("rust",)), ["python,docs", " js "])
    assert p.skills == ("python", "docs", "js")
    assert p.languages == ("rust",)


def test_merge_cli_empty_is_error() -> None:
    with pytest.raises(ProfileError) as exc:
        merge_cli(Profile(), [])
    assert str(exc.value) == EMPTY_PROFILE_MESSAGE
    assert EMPTY_PROFILE_MESSAGE == ("no skills given: use --skills python,docs or --profile PATH "
         "(or `ossmatch profile init` writes ./ossmatch.toml, read by default)")


def test_profile_is_frozen() -> None:
    p = Profile(skills=("python",))
    with pytest.raises(ValueError):
        p.skills = ()  # type: ignore[misc]


def test_infer_profile() -> None:
    p = infer_profile(Counter({"Python": 10, "JavaScript": 3, "HTML": 1, "Shell": 1, "C++": 1}),
                      ["django", "documentation", "hacktoberfest"])
    assert p.languages == ("python", "javascript")
    assert p.skills == ("django",)
    assert p.interests == ("documentation",)
    assert infer_profile(["Go", "Go", "Rust"]).languages == ("go", "rust")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz+#.-", min_size=1, max_size=12)


@given(st.lists(_WORD, max_size=6), st.sampled_from(["beginner", "intermediate"]),
       st.integers(min_value=0, max_value=10**6))
def test_roundtrip_valid_profiles(skills: list[str], level: str, stars: int) -> None:
    items = ", ".join(f'"{s}"' for s in skills)
    p = parse_profile(f"skills = [{items}]\nlevel = \"{level}\"\nmin_stars = {stars}\n")
    assert set(p.skills) == set(skills)
    assert p.level == level and p.min_stars == stars


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12))
def test_unknown_keys_are_named(key: str) -> None:
    if key in Profile.model_fields:
        return
    with pytest.raises(ProfileError) as exc:
        parse_profile(f"{key} = 1", "p.toml")
    assert str(exc.value) == f"p.toml: unknown key '{key}'"


@pytest.mark.parametrize("profile", [
    Profile(skills=("python", 'we"ird'), interests=("docs",), min_stars=3),
    parse_profile(STARTER_PROFILE),
    load_profile(EXAMPLE),
    infer_profile({"Rust": 4}, ["cli"]),
])
def test_profile_to_toml_roundtrip(profile: Profile) -> None:
    text = profile_to_toml(profile, comment="inferred from github.com/someone")
    assert text.startswith("# ossmatch profile: inferred from github.com/someone")
    assert parse_profile(text) == profile


def test_the_starter_profile_names_every_place_the_ai_policy_is_read_from() -> None:
    """``ai_assisted`` reads AI_POLICY.md, AGENTS.md, the contributing guide and the pull request
    template (``ossmatch.aipolicy``), not the contributing guide alone."""
    comment = " ".join(line.lstrip("# ") for line in STARTER_PROFILE.split("ai_assisted =")[0].splitlines()[-2:])
    for place in ("AI_POLICY.md", "AGENTS.md", "contributing guide", "pull request template"):
        assert place in comment
