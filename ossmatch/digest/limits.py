"""How big a digest is: defaults and bounds shared by the digest and the command line.

Plain numbers in a module that imports nothing, so the CLI reads its defaults from here without
loading the digest (``ossmatch --help`` stays fast).
"""

from __future__ import annotations

#: New issues in one digest by default: a weekly mail read in a minute.
DEFAULT_LIMIT = 5
#: Most new issues one digest lists.
MAX_LIMIT = 50
#: The default quality floor, in percent chance of a merged pull request (the suggest score): about
#: the RecGFI base rate (10.5% of labelled beginner issues are resolved by a newcomer), so a match no
#: likelier than a random beginner issue is padding, not worth a mail.
DEFAULT_MIN_SCORE = 10
