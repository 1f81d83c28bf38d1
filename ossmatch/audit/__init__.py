"""Newcomer-friendliness audit: pure checks over a ``RepoSnapshot``, an evaluation, and formats."""
