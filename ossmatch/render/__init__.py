"""Rendering: the format registry every feature registers its outputs in (``formats``), the Jinja
environment (``jinja``), the sanitiser for untrusted text (``text``), the one word wrapper, measured
in terminal cells (``wrap``), Markdown as terminal text (``plaintext``), counted nouns (``wording``)
and durations (``timefmt``).

Only ``jinja`` imports Jinja, so commands that never render a template stay quick to start.
"""
