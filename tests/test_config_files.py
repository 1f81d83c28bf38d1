"""The settings files' shared reading: size cap, byte-order mark, TOML errors, GitHub-name lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from ossmatch.config_files import RepoNames, TopicNames, key_problem, parse_toml, read_capped, utf8_text
from ossmatch.errors import UsageProblem


def _read(path: Path, limit: int = 100) -> bytes:
    return read_capped(path, limit, UsageProblem, missing="file not found (try init)", too_large="too large")


def test_read_capped_names_the_file_in_every_refusal(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match=r"missing\.toml: file not found \(try init\)$"):
        _read(tmp_path / "missing.toml")
    big = tmp_path / "big.toml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(UsageProblem, match=r"big\.toml: too large$"):
        _read(big)
    with pytest.raises(UsageProblem, match="cannot read"):
        _read(tmp_path)  # a directory
    exact = tmp_path / "exact.toml"
    exact.write_bytes(b"x" * 100)
    assert _read(exact) == b"x" * 100


def test_utf8_text_drops_a_byte_order_mark_and_refuses_other_encodings() -> None:
    assert utf8_text("\ufeffname = 'é'".encode(), "a.toml", UsageProblem) == "name = 'é'"
    with pytest.raises(UsageProblem, match=r"^a\.toml: not UTF-8 text$"):
        utf8_text("name = 'é'".encode("latin-1"), "a.toml", UsageProblem)


def test_parse_toml_errors_are_one_line_in_the_callers_error() -> None:
    with pytest.raises(ValueError, match=r"^p\.toml: invalid TOML: "):
        parse_toml("name = ", "p.toml", ValueError)
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_toml("x = " + "[" * 100_000, "p.toml", ValueError)


class _Lists(BaseModel):
    model_config = ConfigDict(extra="forbid")

    repositories: RepoNames = ()
    topics: TopicNames = ()


def test_name_lists_are_checked_deduplicated_and_explained() -> None:
    assert _Lists(repositories=("a/b", "a/b", "c/d")).repositories == ("a/b", "c/d")
    with pytest.raises(ValidationError) as caught:
        _Lists(topics=("Python",))
    assert key_problem(caught.value.errors()[0]).startswith("'Python' is not a GitHub topic")
    with pytest.raises(ValidationError) as caught:
        _Lists.model_validate({"topic": ["python"]})
    assert key_problem(caught.value.errors()[0]) == "unknown key"
