"""The format registry: names in order, one error for an unknown name, styles only where shown."""

from __future__ import annotations

import pytest

from ossmatch.cli.format_option import FormatChoice
from ossmatch.errors import UsageProblem
from ossmatch.render.formats import FILE, Formats, Screen

COLOUR = Screen(color=True, columns=80)


def _registry() -> Formats[str]:
    formats: Formats[str] = Formats("demo")

    @formats.register("table", styled=True)
    def table(result: str, screen: Screen) -> str:
        return f"{result} at {screen.columns}" if screen.color else result

    @formats.register("json")
    def as_json(result: str, screen: Screen) -> str:
        return f'"{result}"'

    return formats


def test_names_keep_the_order_of_registration() -> None:
    assert _registry().names() == ("table", "json")


@pytest.mark.parametrize(
    "name, screen, text, styled",
    [
        ("table", COLOUR, "x at 80", True),
        ("table", FILE, "x", False),
        ("json", COLOUR, '"x"', False),  # a format without styles is never written as styled
    ],
)
def test_render_says_whether_the_text_carries_styles(name: str, screen: Screen, text: str, styled: bool) -> None:
    rendered = _registry().render(name, "x", screen)
    assert (rendered.text, rendered.styled) == (text, styled)


def test_an_unknown_format_is_bad_input_naming_the_choices() -> None:
    with pytest.raises(UsageProblem) as raised:
        _registry().render("yaml", "x")
    assert raised.value.message == "demo has no format 'yaml'; choose one of table, json"


def test_a_name_is_registered_once() -> None:
    formats = _registry()
    with pytest.raises(ValueError, match="already has a format named 'json'"):
        formats.register("json")(lambda result, screen: "")


@pytest.mark.parametrize(
    "module, names",
    [
        ("ossmatch.suggest.formats", ("table", "json", "markdown", "html")),
        ("ossmatch.audit.formats", ("table", "markdown", "json", "sarif", "badge")),
        ("ossmatch.digest.formats", ("text", "markdown", "html")),
        ("ossmatch.cohort.formats", ("markdown", "json")),
    ],
)
def test_the_cli_offers_each_feature_s_registered_formats(module: str, names: tuple[str, ...]) -> None:
    assert tuple(FormatChoice(module).choices) == names


def test_the_cli_never_branches_on_a_format() -> None:
    """Commands hand ``fmt`` to a registry; no command compares it with a format's name."""
    import ast
    from pathlib import Path

    import ossmatch.cli

    for path in Path(ossmatch.cli.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
                assert "fmt" not in names, f"{path.name}:{node.lineno} compares the format"
