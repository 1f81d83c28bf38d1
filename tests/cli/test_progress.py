"""Warnings on stderr wrap at word boundaries on a terminal, and stay one line when piped."""

from __future__ import annotations


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_warnings_wrap_at_word_boundaries_on_a_terminal(monkeypatch) -> None:
    import os

    from ossmatch.cli.progress import wrap_for_terminal

    text = ("Warning: no GitHub token: using REST search with fewer signals (no maintainer response times or "
            "claims); set GITHUB_TOKEN or GH_TOKEN for full ranking")
    for width in (40, 60, 100):
        monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=(80, 24), w=width: os.terminal_size((w, 24)))
        wrapped = wrap_for_terminal(text, _Terminal())
        assert wrapped.split() == text.split()  # no word broken or lost
        assert all(len(line) <= width for line in wrapped.splitlines())
        assert all(line.startswith("  ") for line in wrapped.splitlines()[1:])
    assert wrap_for_terminal(text, object()) == text  # piped: one line, for logs and grep
