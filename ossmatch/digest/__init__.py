"""The weekly digest: what was sent before, what to send now, and how it reaches an inbox.

state.py     which issues earlier digests sent, kept in the cache dir
plan.py      pure choice of new matches, still-open and no-longer-available issues
compose.py   render the digest and assemble the email message
smtp.py      SMTP settings from the environment and delivery with one-line errors
"""
