"""The audit's terminal table: check ids never cut, links like suggest's, no padding in plain text."""

from __future__ import annotations

import pytest
from test_formats import _result

from ossmatch.audit.table import to_table


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_plain_table_has_whole_check_ids_and_no_trailing_spaces(width: int) -> None:
    result = _result()
    text = to_table([result], color=False, width=width)
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    firsts = {line.split()[0] for line in lines if line.startswith("  ") and line.split()}
    for check in result.checks:
        assert check.id in firsts, f"{check.id} cut at {width} columns"
    assert "\x1b" not in text


def test_color_table_links_the_repository_and_candidates() -> None:
    result = _result()
    text = to_table([result], color=True, width=100)
    assert "\x1b]8;id=" in text and f";{result.url}\x1b\\" in text
    assert f";{result.candidates[0].url}\x1b\\" in text
