"""One bound on a whole request's time, whatever the server does meanwhile."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any


class DeadlineHit(BaseException):
    """Raised by the alarm inside a blocking read; a BaseException so no library swallows it."""


@contextlib.contextmanager
def deadline_alarm(seconds: float) -> Iterator[None]:
    """Interrupt whatever blocks after ``seconds`` (SIGALRM, main thread only).

    A read timeout restarts with every byte, so a server trickling one byte every few seconds
    never trips it; the alarm bounds the whole request. Elsewhere, checks between requests remain.
    An alarm someone else set (a test runner's timeout, say) still fires at its own time.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()
    ours = started + max(seconds, 0.001)
    forwarded: list[bool] = []

    def ring(signum: int, frame: Any) -> None:
        if time.monotonic() >= ours - 0.001:
            raise DeadlineHit()
        forwarded.append(True)  # the earlier alarm was someone else's: theirs to handle
        if callable(previous):
            previous(signum, frame)

    previous = signal.signal(signal.SIGALRM, ring)
    other, _ = signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    if other and other < seconds:
        signal.setitimer(signal.ITIMER_REAL, other)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if other and not forwarded:
                signal.setitimer(signal.ITIMER_REAL, max(other - (time.monotonic() - started), 0.001))
