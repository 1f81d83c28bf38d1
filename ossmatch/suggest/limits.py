"""How big a ``suggest`` run is: defaults and bounds shared by the pipeline and the command line.

Plain numbers in a module that imports nothing, so the CLI reads its defaults from here without
loading the pipeline (``ossmatch --help`` stays fast).
"""

from __future__ import annotations

#: Issues shown by default: one screen of the compact list.
DEFAULT_LIMIT = 10
#: Most issues one run shows: one GitHub search page, and more than anyone reads in a terminal.
MAX_LIMIT = 100
#: How many candidates to rank by default (the brief: at least 300 when that many match).
DEFAULT_DEPTH = 300
#: Fewest candidates accepted: ranking fewer than the default list's length would leave it short.
MIN_DEPTH = DEFAULT_LIMIT
#: Most candidates one run reads: ten search pages, a fraction of the hourly search quota.
MAX_DEPTH = 1000
#: Default cap on issues shown from one repository (the brief: at most 3 of a repository in a top ten);
#: the rest fold into one line (``ossmatch.suggest.fold``).
PER_REPO_DEFAULT = 3
#: Highest cap accepted (0 means no cap).
MAX_PER_REPO = 100
#: Search requests one run may plan (the largest profile within the input limits needs about 56):
#: a second line of defence so no input can make a run burn the hourly quota.
MAX_SEARCH_QUERIES = 60
