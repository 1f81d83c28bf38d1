"""The one place documents are read: placeholders, templates, commands, contacts, links."""

from __future__ import annotations

import pytest

from ossmatch.audit import prose


@pytest.mark.parametrize("address, placeholder", [
    ("contact@example.com", True), ("a@mail.example.org", True), ("coc@project.example", True),
    ("x@host.test", True), ("x@invalid.local", True), ("root@localhost", True),
    ("your-email@gmail.com", True), ("set-your-contact@email", True), ("me@yourdomain.com", True),
    ("https://example.com/report", True), ("mailto:conduct@example.net", True),
    ("conduct@python.org", False), ("name.surname@gmail.com", False), ("young@uni.edu", False),
    ("https://forms.gle/abc", False), ("examples@example-project.io", False),
])
def test_placeholder_addresses(address, placeholder):
    assert prose.is_placeholder_address(address) is placeholder


def test_template_tags_outside_code_only():
    text = ("# Tool\n\nRun it in CI:\n\n```yaml\nwith:\n  token: ${{ secrets.TOKEN }}\n  x: {{ y }}\n```\n"
            "Inline `{{ var }}` is code too. GitHub's ${{ github.sha }} is not a template.\n")
    assert prose.template_tags(text) == ()
    found = prose.template_tags("# {{ cookiecutter.name }}\n{% if x %}y{% endif %}\n<%= name %>\n")
    assert [p.kind for p in found] == ["unrendered"] * 4


def test_template_markers_name_the_template():
    (found,) = prose.template_tags("## Name\nChoose a self-explaining name for your project.\n")
    assert found.template == "GitLab's default README"
    assert "GitLab" in found.describe()


def test_contacts_tell_real_from_placeholder():
    real, fake = prose.contacts("Report to [team](mailto:team@tidy.dev) or coc@example.com.\n"
                                "Adapted from https://www.contributor-covenant.org/version/2/1/\n")
    assert real == ("team@tidy.dev",) and fake == ("coc@example.com",)
    assert prose.contacts("Contact the project team.") == ((), ())
    assert prose.contacts("Report it on https://github.com/a/b/issues") == ((), ())
    assert prose.contacts("Report it: https://tidy.dev/conduct-report")[0] == (
        "https://tidy.dev/conduct-report",)
    assert prose.contacts("Email {{ cookiecutter.email }}") == ((), ("{{ cookiecutter.email }}",))


@pytest.mark.parametrize("text, setup, tests", [
    ("Run `pip install -e .` then `pytest`.", True, True),
    ("```\nnpm ci\nnpm test\n```", True, True),
    ("go test ./...", False, True),
    ("cargo build && cargo test", True, True),
    ("Build with `./x.py build`, then check style with `python x.py test tidy`.", True, True),
    ("Run script/bootstrap once and script/test before each push.", True, True),
    ("Add tests, install what you need and make changes.", False, False),
    ("Ensure any install or build dependencies are removed before the end of the layer.", False, False),
    ("## Development setup\n\nCreate a virtual environment with Python 3.12, activate it and install "
     "the requirements listed in the lock file before anything else.\n", True, False),
    ("Running the tests\n-----------------\n\nThe suite runs under the project's own runner script; "
     "each module has its own file of cases and fixtures beside it.\n", False, True),
])
def test_commands_and_sections(text, setup, tests):
    assert (prose.covers_setup(text), prose.covers_tests(text)) == (setup, tests)


@pytest.mark.parametrize("text, linked", [
    ("See [CONTRIBUTING.md](CONTRIBUTING.md).", True),
    ("Read the [guide][c].\n\n[c]: https://tidy.dev/contributing/", True),
    ("See `CONTRIBUTING.rst` for details.", True),
    ("## Contributing\n\nPull requests are welcome.", False),
    ('<a href="#contributing">Contributing</a>', False),
])
def test_links_to_contributing(text, linked):
    assert prose.links_contributing(text) is linked


def test_what_a_readme_says():
    assert prose.describes("[![ci](x)](y)\n\n> A fast tool that turns CSV files into charts.\n")
    assert not prose.describes("# tool\n\nWork in progress.\n")
    assert prose.shows_use("Usage::\n\n    tool plot data.csv\n")
    assert prose.shows_use("```js\nslug('x')\n```")
    assert not prose.shows_use("Install it and use it.")


def test_quoted_text_is_one_clean_short_line():
    (tag,) = prose.template_tags("Report to {{ \x1b[2Jconduct\u202e }}.")
    assert tag.text == "{{ [2Jconduct }}"
    real, _ = prose.contacts("Report to conduct@" + "a" * 100 + ".dev")
    assert len(real[0]) == prose.SNIPPET_CHARS and real[0].endswith("…")


def test_a_description_in_html_counts_and_a_contents_list_does_not():
    assert prose.describes('<p align="center">\n  <b>Fast, disk-space efficient package manager</b>\n</p>')
    assert not prose.describes('<ol>\n<li><a href="#about">About The Project</a></li>\n'
                               '<li><a href="#usage">Usage</a></li>\n</ol>\n[![ci](b.svg)](c)\n')
    assert prose.shows_use(".. code-block:: bash\n\n    tool plot data.csv\n")


def test_one_tag_in_prose_is_a_project_explaining_its_syntax():
    doc = "# Tidy templates\n\nWrite {{ name }} where the value goes, then run it.\n"
    assert prose.template_tags(doc) == ()
    assert prose.template_tags("Hello {{ name }}, from {{ place }}.\n")
    assert prose.template_tags("Intro\n{% if x %}y{% endif %}\n")
    assert prose.template_tags("# {{ project }}\n\nText.\n")


def test_a_line_that_is_only_a_brace_slot():
    found = prose.template_tags("# {Name}\n\n{short description}\n\nSet {x} to 2 in the config.\n")
    assert [p.text for p in found] == ["{Name}", "{short description}"]
