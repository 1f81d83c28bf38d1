"""Fit the newcomer-fit model shipped in ``ossmatch/data/newcomer_model.json``.

Dev-only (numpy + scikit-learn).  The model is gradient boosting on log-loss with Newton steps,
built from sklearn regression trees so that ``repo_newcomer_share`` can be constrained monotone
(a repository where more newcomers land changes must never look worse).  Trees are exported as
nested JSON nodes and evaluated in pure Python at runtime (``ossmatch.ranking``).

Usage: ``python scripts/fit_newcomer_model.py [TRAIN_CSV] [--out PATH]``
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "recgfi" / "train.csv"
DEFAULT_OUT = ROOT / "ossmatch" / "data" / "newcomer_model.json"

LABEL_CATEGORIES = (
    "gfi", "bug", "test", "build", "docs", "enhancement",
    "coding", "feature", "difficult", "medium", "untriaged", "triaged",
)
#: (model feature name, CSV column); label categories become 0/1 flags like IssueSignals has.
FEATURES: tuple[tuple[str, str], ...] = (
    ("title_words", "LengthOfTitle"),
    ("body_words", "LengthOfDescription"),
    ("url_count", "NumOfUrls"),
    ("image_count", "NumOfPics"),
    ("code_block_count", "NumOfCode"),
    *((f"label_{c}", f"lc{i}") for i, c in enumerate(LABEL_CATEGORIES)),
    ("label_count", "lc12"),
    ("comment_count", "commentnum"),
    ("reporter_is_newcomer", "rptisnew"),
    ("reporter_commits", "rptcmt"),
    ("repo_newcomer_share", "proissnewratio"),
    ("repo_open_issues", "openiss"),
    ("repo_median_close_hours", "clsisst"),
    ("repo_stars", "pro_star"),
    ("repo_contributors", "contributornum"),
)
MONOTONE_INCREASING = ("repo_newcomer_share",)
TARGET = "labels"
SEED = 20240601
PARAMS: dict[str, Any] = {
    "n_trees": 300, "learning_rate": 0.03, "max_depth": 3, "subsample": 0.7, "min_samples_leaf": 10,
}


def load(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    x = np.array([[float(r[col]) for _, col in FEATURES] for r in rows], dtype=np.float64)
    for j, (name, _) in enumerate(FEATURES):
        if name.startswith("label_") and name != "label_count":
            x[:, j] = (x[:, j] > 0).astype(np.float64)
    y = np.array([int(float(r[TARGET])) for r in rows])
    return x, y


class NewtonBoost:
    """Log-loss gradient boosting: each tree fits the Newton step (g/h weighted by h)."""

    def __init__(self, n_trees: int, learning_rate: float, max_depth: int, subsample: float,
                 min_samples_leaf: int, seed: int = SEED) -> None:
        self.n_trees, self.learning_rate, self.max_depth = n_trees, learning_rate, max_depth
        self.subsample, self.min_samples_leaf, self.seed = subsample, min_samples_leaf, seed
        self.trees: list[DecisionTreeRegressor] = []
        self.base = 0.0

    def fit(self, x: np.ndarray, y: np.ndarray) -> NewtonBoost:
        rng = np.random.RandomState(self.seed)
        mono = [1 if name in MONOTONE_INCREASING else 0 for name, _ in FEATURES]
        p0 = float(y.mean())
        self.base = float(np.log(p0 / (1 - p0)))
        f = np.full(len(y), self.base)
        self.trees = []
        for _ in range(self.n_trees):
            p = 1.0 / (1.0 + np.exp(-f))
            h = np.clip(p * (1 - p), 1e-6, None)
            z = (y - p) / h
            idx = rng.rand(len(y)) < self.subsample
            tree = DecisionTreeRegressor(
                max_depth=self.max_depth, min_samples_leaf=self.min_samples_leaf,
                monotonic_cst=mono, random_state=rng.randint(2**31 - 1),
            )
            tree.fit(x[idx], z[idx], sample_weight=h[idx])
            self.trees.append(tree)
            f = f + self.learning_rate * tree.predict(x)
        return self

    def decision_function(self, x: np.ndarray) -> np.ndarray:
        f = np.full(x.shape[0], self.base)
        for tree in self.trees:
            f = f + self.learning_rate * tree.predict(x)
        return f

    def predict_proba1(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision_function(x)))


def export_tree(tree: DecisionTreeRegressor, scale: float) -> dict[str, Any]:
    t = tree.tree_

    def node(i: int) -> dict[str, Any]:
        if t.children_left[i] == -1:
            return {"value": float(t.value[i][0][0]) * scale}
        return {
            "feature": int(t.feature[i]),
            "threshold": float(t.threshold[i]),
            "left": node(int(t.children_left[i])),
            "right": node(int(t.children_right[i])),
        }

    return node(0)


def export(model: NewtonBoost) -> dict[str, Any]:
    """JSON-ready model: leaf values already multiplied by the learning rate."""
    return {
        "format": "ossmatch-newton-boost-1",
        "features": [name for name, _ in FEATURES],
        "base_score": model.base,
        "trees": [export_tree(t, model.learning_rate) for t in model.trees],
    }


def cv_auc(make: Any, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    scores = []
    for train, test in cv.split(x, y):
        scores.append(roc_auc_score(y[test], make(x[train], y[train])(x[test])))
    return float(np.mean(scores)), float(np.std(scores))


def plain_logistic(x: np.ndarray, y: np.ndarray) -> Any:
    m = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(x, y)
    return lambda z: m.predict_proba(z)[:, 1]


def boosted(x: np.ndarray, y: np.ndarray) -> Any:
    return NewtonBoost(**PARAMS).fit(x, y).predict_proba1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    x, y = load(args.train)
    lr_mean, lr_sd = cv_auc(plain_logistic, x, y)
    gb_mean, gb_sd = cv_auc(boosted, x, y)
    print(f"rows={len(y)} positives={int(y.sum())}")
    print(f"5-fold stratified CV ROC AUC, plain logistic regression: {lr_mean:.3f} ± {lr_sd:.3f}")
    print(f"5-fold stratified CV ROC AUC, shipped boosted trees:     {gb_mean:.3f} ± {gb_sd:.3f}")
    model = NewtonBoost(**PARAMS).fit(x, y)
    data = export(model)
    probs = model.predict_proba1(x)
    rng = np.random.RandomState(SEED)
    check_rows = rng.choice(len(y), size=25, replace=False)
    data["medians"] = {name: float(np.median(x[:, j])) for j, (name, _) in enumerate(FEATURES)}
    data["percentiles"] = [float(q) for q in np.quantile(probs, np.linspace(0, 1, 101))]
    data["checks"] = [
        {"x": [float(v) for v in x[i]], "p": float(probs[i])} for i in sorted(check_rows)
    ]
    data["metadata"] = {
        "description": "P(issue resolved by a newcomer) from RecGFI-compatible issue signals",
        "training_data": "shared/data/recgfi/train.csv (RecGFI, Xiao et al. ICSE 2022, MIT)",
        "training_rows": len(y),
        "positives": int(y.sum()),
        "target": TARGET,
        "columns": {name: col for name, col in FEATURES},
        "params": PARAMS,
        "monotone_increasing": list(MONOTONE_INCREASING),
        "seed": SEED,
        "cv": "5-fold stratified, shuffled, fixed seed",
        "cv_auc": {"mean": round(gb_mean, 4), "sd": round(gb_sd, 4)},
        "baseline_logistic_cv_auc": {"mean": round(lr_mean, 4), "sd": round(lr_sd, 4)},
        "missing_values": "imputed with the training median of the feature",
        "fitted_on": date.today().isoformat(),
        "script": "scripts/fit_newcomer_model.py",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
