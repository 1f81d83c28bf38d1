"""``ossmatch suggest``: from a profile to ranked issues with reasons.

Layers, each pure except the pipeline: ``plan`` (search queries), ``signals`` (facts about an
issue and its repository), ``model`` (the newcomer model), ``claims`` (claims and mentoring),
``filters`` (hard filters), ``skillfit`` and ``components`` (score parts), ``scoring`` (one
score per issue and the ranking) and ``pipeline`` (fetch and rank, the only part doing I/O).

``rank(candidates, profile, now, history=None)`` is the public entry point for ranking
already-fetched candidates for a profile (used by the pipeline and by other front ends).
"""
