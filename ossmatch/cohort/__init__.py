"""``ossmatch cohort``: a mentoring programme's weekly match, one person per issue.

``roster`` reads ``cohort.toml``; ``collect`` fetches once for the whole cohort; ``week`` keeps what
is still free and fills the rest with ``assign`` (min-cost flow); ``progress`` and ``summary`` report
to the coordinator; ``mail`` sends each person their own digest; ``state`` remembers offers.
"""
