"""Compatibility shim: ranking moved to ``ossmatch.suggest`` (scoring, filters, model...)."""

from ossmatch.suggest.components import CLAIM_FACTOR, freshness, last_activity, level_factor
from ossmatch.suggest.filters import *  # noqa: F403  (the REASON_* phrases)
from ossmatch.suggest.filters import excluded, exclusion_reason
from ossmatch.suggest.model import (
    _model_feature,
    load_newcomer_model,
    model_base_values,
    model_features,
    model_probability,
    newcomer_fit,
    newcomer_percentile,
)
from ossmatch.suggest.scoring import RankedIssue, rank, score_candidate
from ossmatch.suggest.skillfit import skill_fit

__all__ = [
    "CLAIM_FACTOR", "RankedIssue", "_model_feature", "excluded", "exclusion_reason", "freshness",
    "last_activity", "level_factor", "load_newcomer_model", "model_base_values",
    "model_features", "model_probability", "newcomer_fit", "newcomer_percentile", "rank",
    "score_candidate", "skill_fit",
]
