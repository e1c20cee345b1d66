"""Time the working-day calendar: due dates and working-day counts, scalar and vectorised.

Run from the repository root:  PYTHONPATH=src python benchmarks/calendar_bench.py [N]
Prints the figures; it is not a test.
"""

from __future__ import annotations

import platform
import sys
import time
from collections.abc import Callable
from datetime import date

import numpy as np

from fairhear.core.calendar import WorkingDayCalendar, england_calendar


def _timed(label: str, count: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    per_call = elapsed / count * 1e9
    print(f"{label:<48} {elapsed:8.3f} s   {per_call:8.1f} ns per computation")
    return elapsed


def main(count: int = 1_000_000) -> None:
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    start = time.perf_counter()
    england_calendar.cache_clear()
    calendar: WorkingDayCalendar = england_calendar()
    print(f"{'build the England calendar (one-off)':<48} {time.perf_counter() - start:8.3f} s")

    rng = np.random.default_rng(2024)
    first = np.datetime64("2001-01-01")
    span = int((np.datetime64("2039-12-31") - first).astype(np.int64))
    starts = first + rng.integers(0, span, size=count)
    ends = first + rng.integers(0, span, size=count)
    ns = rng.integers(1, 66, size=count)
    start_dates: list[date] = starts.astype(object).tolist()
    end_dates: list[date] = ends.astype(object).tolist()
    n_list: list[int] = ns.tolist()
    print(f"{count:,} random (start, n) and (start, end) pairs, 2001 to 2039, n from 1 to 65")

    add = calendar.add_working_days
    between = calendar.working_days_between
    _timed(
        "due dates, scalar add_working_days",
        count,
        lambda: [add(s, n) for s, n in zip(start_dates, n_list, strict=True)],
    )
    _timed(
        "counts, scalar working_days_between",
        count,
        lambda: [between(s, e) for s, e in zip(start_dates, end_dates, strict=True)],
    )
    _timed(
        "due dates, vectorised add_working_days_many",
        count,
        lambda: calendar.add_working_days_many(starts, ns),
    )
    _timed(
        "counts, vectorised working_days_between_many",
        count,
        lambda: calendar.working_days_between_many(starts, ends),
    )
    _timed(
        "counts, vectorised, from lists of dates",
        count,
        lambda: calendar.working_days_between_many(start_dates, end_dates),
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
