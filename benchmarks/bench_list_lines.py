"""How many terminal lines ``ossmatch suggest`` spends per issue, at each width, plain and on a terminal.

Ranks the test suite's story world on the fake GitHub (10 issues) and prints lines per issue (the
footer included) at 40, 60, 100 and 200 columns. Run: ``python benchmarks/bench_list_lines.py``.
The compact list aims at 2-3 lines an issue at 100 columns; ``--explain`` is shown for comparison.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from clients import make_client  # noqa: E402
from fakegithub import World, make_server  # noqa: E402
from rich.console import Console  # noqa: E402
from suggest_worlds import story_world  # noqa: E402

from ossmatch.profile import Profile  # noqa: E402
from ossmatch.suggest.listing import print_table  # noqa: E402
from ossmatch.suggest.pipeline import Relations, find_matches  # noqa: E402

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def main() -> None:
    world = World()
    world.add_token("test-token", "tester")
    story_world(world)
    with make_server(world) as fake:
        result = find_matches(make_client(fake), Profile(skills=("python", "docs")), now=NOW, limit=10,
                              relations=Relations())
    count = len(result.ranked)
    print(f"{count} issues; lines per issue (footer included)")
    print(f"{'width':>5}  {'plain':>6}  {'tty':>6}  {'explain':>7}")
    for width in (40, 60, 100, 200):
        numbers = []
        for tty, explain in ((False, False), (True, False), (False, True)):
            out = io.StringIO()
            console = Console(file=out, width=width, force_terminal=tty, color_system="standard" if tty else None)
            print_table(result, console, explain=explain)
            numbers.append(len(out.getvalue().splitlines()) / count)
        print(f"{width:>5}  {numbers[0]:>6.1f}  {numbers[1]:>6.1f}  {numbers[2]:>7.1f}")


if __name__ == "__main__":
    main()
