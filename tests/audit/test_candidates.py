"""Labelling suggestions: unlabelled, unassigned, described issues the ranking rates highly."""

from __future__ import annotations

from helpers import NOW, issue, snap

import ossmatch.ranking
from ossmatch.audit.candidates import label_candidates

BODY = "The `install` section in docs/index.md has a typo.\n- fix it\n- rebuild the docs\n" * 2


def test_candidates(monkeypatch):
    fits = {1: 0.9, 2: 0.9, 3: 0.9, 4: 0.2, 5: 0.7, 6: 0.9}
    monkeypatch.setattr(ossmatch.ranking, "newcomer_fit", lambda s: fits[s.number]
                        if hasattr(s, "number") else 0.0)
    monkeypatch.setattr(ossmatch.ranking, "newcomer_percentile", lambda p: p)
    monkeypatch.setattr("ossmatch.signals.issue_signals", lambda i, r: i)
    snapshot = snap(open_issues=(
        issue(1, body=BODY),
        issue(2, body=BODY, labels=("good first issue",)),
        issue(3, body=BODY, assignees=("someone",)),
        issue(4, body=BODY),
        issue(5, body=BODY, labels=("docs",)),
        issue(6, body="short"),
    ))
    found = label_candidates(snapshot, NOW)
    assert [(c.number, c.fit) for c in found] == [(1, 0.9), (5, 0.7)]
    assert found[1].reasons[0] == "rated more newcomer-friendly than 70% of issues in the research data"
    assert "labelled docs" in found[1].reasons


def test_real_ranking_runs_on_a_snapshot():
    assert isinstance(label_candidates(snap(open_issues=(issue(1, body=BODY),)), NOW), tuple)
