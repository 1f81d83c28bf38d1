"""The weekly digest: what was sent before, what to send now, and how it reaches an inbox.

limits.py     default size and quality floor (read by the CLI too)
state.py      which issues earlier digests sent, kept in the cache dir
collect.py    fresh matches and a fresh look at issues sent before (the only part reading GitHub)
plan.py       pure choice of new matches, still-open and no-longer-available issues
compose.py    the template context and the email message
formats.py    the digest as text, Markdown and HTML (the format registry)
delivery.py   preview, mark as sent, send at most once, reset: the decisions about the state
addresses.py  one clean mail address
smtp.py       SMTP settings from the environment and delivery with one-line errors
"""
