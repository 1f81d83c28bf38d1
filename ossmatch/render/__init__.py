"""Rendering: the Jinja environment (``jinja``), the sanitiser for untrusted text (``text``), Markdown
as terminal text (``plaintext``), counted nouns (``wording``) and durations (``timefmt``).

Only ``jinja`` imports Jinja, so commands that never render a template stay quick to start.
"""
