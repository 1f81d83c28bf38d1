"""The newcomer model: the chance a newcomer resolves an issue, fitted on RecGFI data.

Evaluated in pure Python from ``ossmatch/data/newcomer_model.json`` (written by
``scripts/fit_newcomer_model.py``), with no numpy at run time.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import struct
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from ossmatch.suggest.signals import LABEL_CATEGORIES, IssueSignals

# --------------------------------------------------------------------------- newcomer fit

MODEL_RESOURCE = "data/newcomer_model.json"


def _f32(x: float) -> float:
    """sklearn trees compare float32 inputs; round the same way to land on the same leaf."""
    return float(struct.unpack("f", struct.pack("f", x))[0])


@lru_cache(maxsize=1)
def load_newcomer_model() -> dict[str, Any]:
    """The shipped model (loaded once)."""
    text = resources.files("ossmatch").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


#: Derived model features are written ``op(field)`` or ``op(field,field)`` in the model's feature
#: list (e.g. ``log1p(body_words)``, ``logratio(repo_stars,repo_contributors)``); plain names are
#: IssueSignals fields or ``label_<category>`` flags.  The fitting script computes training
#: features with these same functions.
_MODEL_OPS: dict[str, Callable[..., float]] = {
    "log1p": lambda v: math.log1p(max(v, 0.0)),
    "sqrt": lambda v: math.sqrt(max(v, 0.0)),
    "log01": lambda v: math.log(max(v, 0.0) + 0.01),
    "zero": lambda v: 1.0 if v == 0 else 0.0,
    "logratio": lambda a, b: math.log1p(max(a, 0.0)) - math.log1p(max(b, 0.0)),
    "times": lambda a, b: a * b,
    "per": lambda a, b: a / max(b, 1.0),
}
_MODEL_FEATURE = re.compile(r"^(\w+)\(([\w,]+)\)$")


def _model_feature(name: str, values: Mapping[str, float]) -> float:
    match = _MODEL_FEATURE.match(name)
    if match is None:
        return values[name]
    op, args = match.group(1), match.group(2).split(",")
    return float(_MODEL_OPS[op](*(values[a] for a in args)))


def model_base_values(signals: IssueSignals, medians: Mapping[str, float]) -> dict[str, float]:
    """Input fields as floats (label categories as 0/1 flags); None becomes the training median."""
    values: dict[str, float] = {}
    for cat in LABEL_CATEGORIES:
        values[f"label_{cat}"] = 1.0 if cat in signals.label_categories else 0.0
    for name, value in signals.model_dump(exclude={"label_categories"}).items():
        values[name] = float(medians[name]) if value is None else float(value)
    return values


def model_features(signals: IssueSignals, model: Mapping[str, Any] | None = None) -> list[float]:
    """Feature vector in the model's order; None signals become the training median."""
    m = model if model is not None else load_newcomer_model()
    values = model_base_values(signals, m["medians"])
    return [_model_feature(name, values) for name in m["features"]]


def _tree_value(node: Mapping[str, Any], x: Sequence[float], f32: bool = True) -> float:
    if f32:
        while "value" not in node:
            node = node["left"] if _f32(x[node["feature"]]) <= node["threshold"] else node["right"]
    else:
        while "value" not in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
    return float(node["value"])


def model_logit(x: Sequence[float], model: Mapping[str, Any] | None = None) -> float:
    """Pure-Python evaluation of the exported model's log-odds on one feature vector: intercept,
    plus a linear term, plus boosted-tree groups (``float32`` groups compare inputs rounded like
    sklearn's DecisionTreeRegressor; the others compare float64 like HistGradientBoosting)."""
    m = model if model is not None else load_newcomer_model()
    if model is None:
        return _shipped_logit(tuple(x))
    return _logit(m, x)


def _logit(m: Mapping[str, Any], x: Sequence[float]) -> float:
    raw = float(m["base_score"])
    raw += sum(c * v for c, v in zip(m.get("linear", ()), x, strict=False))
    x32 = [_f32(v) for v in x]  # rounded once per vector, not once per tree node
    for group in m["tree_groups"]:
        xs = x32 if group["float32"] else x
        raw += sum(_tree_value(t, xs, False) for t in group["trees"])
    return raw


@lru_cache(maxsize=4096)
def _shipped_logit(x: tuple[float, ...]) -> float:
    """The shipped model's log-odds, remembered: issues of one project often share a vector."""
    return _logit(load_newcomer_model(), x)


def _sigmoid(raw: float) -> float:
    if raw >= 0:
        return 1.0 / (1.0 + math.exp(-raw))
    e = math.exp(raw)
    return e / (1.0 + e)


def model_probability(x: Sequence[float], model: Mapping[str, Any] | None = None) -> float:
    """The model's own probability (uncalibrated) for one feature vector."""
    return _sigmoid(model_logit(x, model))


def calibrated_probability(x: Sequence[float], model: Mapping[str, Any] | None = None) -> float:
    """The probability after Platt scaling fit on out-of-fold predictions (``calibration`` in the
    model file, written by ``scripts/fit_newcomer_model.py``): what the model says about issues it
    never saw, mapped so that predicted and observed rates agree."""
    m = model if model is not None else load_newcomer_model()
    cal = m.get("calibration") or {"a": 1.0, "b": 0.0}
    return _sigmoid(float(cal["a"]) * model_logit(x, m) + float(cal["b"]))


def base_rate() -> float:
    """Share of training issues resolved by a newcomer (about 0.105): the model's "usual" rate."""
    m = load_newcomer_model()
    cal = m.get("calibration")
    if cal and "base_rate" in cal:
        return float(cal["base_rate"])
    meta = m["metadata"]
    return float(meta["positives"]) / float(meta["training_rows"])


def newcomer_fit(signals: IssueSignals) -> float:
    """Probability in [0, 1] that a newcomer resolves an issue like this (RecGFI model, calibrated)."""
    return calibrated_probability(model_features(signals))


def newcomer_percentile(probability: float) -> float:
    """Where a probability falls among the training issues, in [0, 1]: the raw probabilities
    are small (base rate ~10%), so the percentile is what gets mixed with other components."""
    qs: list[float] = load_newcomer_model()["percentiles"]
    i = bisect.bisect_right(qs, probability)
    return min(1.0, max(0.0, (i - 1) / (len(qs) - 1))) if i else 0.0

