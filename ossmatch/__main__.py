"""``python -m ossmatch`` and the ``ossmatch`` console script.

Ctrl-C says "Interrupted" and exits 130 at any moment, never a traceback. While the command line
is still loading (importing click and ossmatch, parsing arguments: nothing written yet, nothing
to undo) a signal handler says so and ends the process at once; a KeyboardInterrupt in the
middle of an import can otherwise be swallowed by the import machinery ("Exception ignored")
or print a traceback. The handler is installed by the first lines of this module, before any
other import. ``release_interrupt`` hands Ctrl-C back to Python once a command runs, so its
``finally`` blocks (locks, temporary files) still do their work.
"""

# _signal, not signal: the C module loads at once, while ``signal`` first builds its enums (tens of
# milliseconds on a busy machine, long enough for a Ctrl-C to land in them). os is loaded already.
import _signal  # type: ignore[import-not-found]  # typeshed has no stub for the C module
import os

#: The shell's exit status for a run ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def _interrupted_while_loading(_signum: int, _frame: object) -> None:
    try:
        os.write(2, b"\nInterrupted\n")
    finally:
        os._exit(EXIT_INTERRUPTED)


if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:  # not if the shell ignores it
    _signal.signal(_signal.SIGINT, _interrupted_while_loading)

import signal  # noqa: E402 - after the handler, on purpose
import sys  # noqa: E402


def release_interrupt() -> None:
    """From now on Ctrl-C raises KeyboardInterrupt, which the command line turns into "Interrupted"."""
    handler = signal.getsignal(signal.SIGINT)
    # by name: under ``python -m ossmatch`` this file is loaded twice (as __main__ and by name)
    if getattr(handler, "__name__", "") == _interrupted_while_loading.__name__:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def run() -> None:
    try:
        # Loaded here, after the handler above is set: Ctrl-C while click loads still says "Interrupted".
        from ossmatch.cli import main

        main()
    except KeyboardInterrupt:
        try:
            sys.stderr.write("\nInterrupted\n")
            sys.stderr.flush()
        finally:
            sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    run()
