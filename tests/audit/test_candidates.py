"""Labelling suggestions: unlabelled, unassigned, described issues the newcomer model rates highly.

The model is injected (``fit=``), so these tests decide its answers instead of patching ranking.
"""

from __future__ import annotations

import pytest
from helpers import NOW, issue, snap

from ossmatch.audit.candidates import label_candidates, reasons

BODY = "The `install` section in docs/index.md has a typo.\n- fix it\n- rebuild the docs\n" * 2
FITS = {1: 0.9, 2: 0.9, 3: 0.9, 4: 0.2, 5: 0.7, 6: 0.9, 7: 0.95, 8: 0.95, 9: 0.95}


def by_number(issue, repo) -> float:
    return FITS[issue.number]


def test_candidates_leave_out_labelled_assigned_short_and_bigger_steps():
    snapshot = snap(open_issues=(
        issue(1, body=BODY),
        issue(2, body=BODY, labels=("good first issue",)),
        issue(3, body=BODY, assignees=("someone",)),
        issue(4, body=BODY),
        issue(5, body=BODY, labels=("docs",)),
        issue(6, body="short"),
        issue(7, body=BODY, labels=("difficulty: medium",)),
        issue(8, body=BODY, labels=("Hard",)),
        issue(9, body=BODY, labels=("level: advanced",)),
    ))
    found = label_candidates(snapshot, NOW, fit=by_number)
    assert [(c.number, c.fit) for c in found] == [(1, 0.9), (5, 0.7)]
    assert found[1].reasons == ("short (30 words)", "names one file (docs/index.md)", "no design question",
                                "0 comments to catch up on", "labelled docs",
                                "the newcomer model rates it above 70% of issues in the research data")


@pytest.mark.parametrize("body, title, expected, absent", [
    ("Rename `load()` in src/io.py and src/cli.py to `read()`; update the callers. " * 3, "Rename",
     "names 2 files", "no design question"),
    ("Should we change the API here? " * 10, "Proposal: new API", "short (60 words)", "no design question"),
])
def test_reasons_are_plain_facts(body, title, expected, absent):
    found = reasons(issue(1, body=body).model_copy(update={"title": title}), 0.8)
    assert expected in found
    if title == "Rename":
        assert absent in found
    else:
        assert absent not in found
    assert not any(r.startswith("fit ") for r in found)


def test_the_shipped_model_runs_on_a_snapshot():
    assert isinstance(label_candidates(snap(open_issues=(issue(1, body=BODY),)), NOW), tuple)
