"""The shipped newcomer model: pure-Python evaluation matches the fitting code."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from ossmatch.suggest.newcomer_model import (
    load_newcomer_model,
    model_features,
    model_probability,
    newcomer_fit,
    newcomer_percentile,
)
from ossmatch.suggest.signals import IssueSignals

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "fit_newcomer_model.py"


def _signals(**kw: Any) -> IssueSignals:
    base: dict[str, Any] = {
        "title_words": 8, "body_words": 60, "url_count": 1, "image_count": 0,
        "code_block_count": 0, "label_count": 2, "label_categories": frozenset({"gfi"}),
        "comment_count": 2, "reporter_is_newcomer": False, "reporter_commits": 5,
        "repo_newcomer_share": 0.05, "repo_open_issues": 400, "repo_median_close_hours": 150.0,
        "repo_stars": 3000, "repo_contributors": 200,
    }
    base.update(kw)
    return IssueSignals(**base)


def test_metadata_recorded() -> None:
    m = load_newcomer_model()
    meta = m["metadata"]
    assert meta["training_rows"] == 2675
    assert meta["script"] == "scripts/fit_newcomer_model.py"
    assert 0.5 < meta["cv_auc"]["mean"] <= 1
    assert 0.5 < meta["nested_cv_auc"]["mean"] <= 1
    assert 0.5 < meta["baseline_logistic_cv_auc"]["mean"] <= 1
    inputs = set(IssueSignals.model_fields) - {"label_categories"}
    assert inputs <= set(m["medians"])
    assert len(m["linear"]) == len(m["features"])
    assert sum(len(g["trees"]) for g in m["tree_groups"]) == meta["params"]["n_trees"]


def test_small_and_fast_to_load() -> None:
    path = ROOT / "ossmatch" / "data" / "newcomer_model.json"
    assert path.stat().st_size < 1_500_000
    times = []
    for _ in range(3):  # best of three cold loads: the cost of loading, not of a busy machine
        load_newcomer_model.cache_clear()
        start = time.perf_counter()
        load_newcomer_model()
        times.append(time.perf_counter() - start)
    assert min(times) < 0.25  # about 0.02 s on an idle machine; generous for six busy test runs


def test_reproduces_stored_fixture() -> None:
    """Probabilities computed by numpy/sklearn at fitting time, re-computed in pure Python."""
    m = load_newcomer_model()
    assert len(m["checks"]) >= 20
    for check in m["checks"]:
        assert model_probability(check["x"]) == pytest.approx(check["p"], abs=1e-6)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fit_newcomer_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _training_csv() -> Path | None:
    for path in (Path("/work/shared/data/recgfi/train.csv"),
                 ROOT.parent / "shared" / "data" / "recgfi" / "train.csv"):
        if path.exists():
            return path
    return None


def test_reproduces_sklearn() -> None:
    """Fit a small model with the script (HGB + Newton trees + logistic) and compare the pure-Python
    evaluator with numpy/sklearn on every training row; without the training CSV, on the rows
    stored in the shipped model."""
    mod = _load_script()
    train = _training_csv()
    if train is not None:
        x, y = mod.load(train)
        assert len(y) == 2675
    else:
        x = np.array([c["x"] for c in load_newcomer_model()["checks"]])
        y = (np.arange(len(x)) % 3 == 0).astype(int)
    hgb = {**mod.HGB_GRID[0], "max_iter": 25}
    model = mod.Ensemble(hgb, {**mod.NEWTON_PARAMS, "n_trees": 25}).fit(x, y)
    exported = mod.export(model)
    assert [len(g["trees"]) for g in exported["tree_groups"]] == [25, 25]
    expected = model.predict_proba1(x)
    for row, p in zip(x.tolist(), expected.tolist(), strict=True):
        assert model_probability(row, exported) == pytest.approx(p, abs=1e-6)


@pytest.mark.parametrize("kw", [
    {}, {"label_categories": frozenset({"gfi", "docs"}), "label_count": 3},
    {"reporter_is_newcomer": True, "reporter_commits": 0, "comment_count": 0, "body_words": 0},
    {"label_categories": frozenset(), "label_count": 0, "repo_newcomer_share": 0.0},
])
def test_runtime_features_match_training_features(kw: dict[str, Any]) -> None:
    """model_features(IssueSignals) equals the script's feature row for the same CSV values."""
    mod = _load_script()
    s = _signals(**kw)
    row = {name: float(getattr(s, name)) for name in mod.RAW_FEATURES if hasattr(s, name)}
    row.update({f"label_{c}": float(c in s.label_categories) for c in mod.LABEL_CATEGORIES})
    expected = mod.features([row])[0].tolist()
    assert model_features(s) == expected
    assert load_newcomer_model()["features"] == list(mod.FEATURES)


def test_output_in_unit_interval_and_missing_values() -> None:
    empty = _signals(**{k: None for k in ("reporter_is_newcomer", "reporter_commits",
                                          "repo_newcomer_share", "repo_open_issues",
                                          "repo_median_close_hours", "repo_stars",
                                          "repo_contributors")})
    m = load_newcomer_model()
    imputed = _signals(**{k: (bool(m["medians"][k]) if k == "reporter_is_newcomer"
                              else m["medians"][k]) for k in (
        "reporter_is_newcomer", "reporter_commits", "repo_newcomer_share", "repo_open_issues",
        "repo_median_close_hours", "repo_stars", "repo_contributors")})
    assert model_features(empty) == model_features(imputed)
    for s in (empty, _signals(), _signals(label_categories=frozenset()),
              _signals(body_words=5000, comment_count=100, repo_newcomer_share=1.0)):
        p = newcomer_fit(s)
        assert 0.0 <= p <= 1.0
        assert 0.0 <= newcomer_percentile(p) <= 1.0


@pytest.mark.parametrize("base", [
    {}, {"label_categories": frozenset()}, {"reporter_is_newcomer": True, "repo_stars": 50},
    {"repo_open_issues": 20000, "body_words": 400},
    {"label_categories": frozenset({"bug", "difficult"}), "label_count": 4, "reporter_commits": 0,
     "repo_contributors": 3, "repo_median_close_hours": 5000.0},
    {"label_categories": frozenset({"gfi", "docs"}), "reporter_is_newcomer": True,
     "comment_count": 30, "repo_stars": 150000, "repo_open_issues": 50},
])
def test_monotone_in_repo_newcomer_share(base: dict[str, Any]) -> None:
    grid = [i / 200 for i in range(201)]
    probs = [newcomer_fit(_signals(**{**base, "repo_newcomer_share": v})) for v in grid]
    assert probs == sorted(probs)
    assert probs[-1] > probs[0]
