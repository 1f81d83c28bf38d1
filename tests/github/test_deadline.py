"""The deadline alarm: it interrupts a blocked call, and leaves anyone else's alarm working."""

from __future__ import annotations

import signal
import time

import pytest

from ossmatch.github.deadline import DeadlineHit, deadline_alarm


def test_alarm_interrupts_a_blocked_call() -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineHit), deadline_alarm(0.2):
        time.sleep(3)
    assert time.monotonic() - started < 1


def test_an_outer_alarm_keeps_its_time_and_handler() -> None:
    fired: list[str] = []
    before = signal.signal(signal.SIGALRM, lambda *_: fired.append("outer"))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with deadline_alarm(5):
            time.sleep(0.1)
        assert 0.2 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.4  # re-armed for what was left
        time.sleep(0.6)
        assert fired == ["outer"]
        signal.setitimer(signal.ITIMER_REAL, 0.1)  # an outer alarm due first fires as its own
        with deadline_alarm(5):
            time.sleep(0.3)
        assert fired == ["outer", "outer"] and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
