"""Medians and percentiles: on a shared, noisy machine the median is the figure to quote.

>>> summarize([0.3, 0.1, 0.2])["median"]
0.2
"""

from __future__ import annotations

import statistics
import time


def percentile(values, fraction: float) -> float:
    """Linear interpolation between the closest ranks (``numpy.percentile``'s default)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = (len(ordered) - 1) * fraction
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(values) -> dict:
    values = list(values)
    if not values:
        return {"median": 0.0, "p90": 0.0, "p95": 0.0, "min": 0.0, "max": 0.0, "n": 0}
    return {
        "median": statistics.median(values),
        "p90": percentile(values, 0.9),
        "p95": percentile(values, 0.95),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def linear_fit(points) -> tuple[float, float]:
    """(intercept, slope) of y = a + b·x by least squares over (x, y) points."""
    xs, ys = zip(*points, strict=True)
    if len(set(xs)) < 2:
        return statistics.mean(ys), 0.0
    slope, intercept = statistics.linear_regression(xs, ys)
    return intercept, slope


def median_ms(call, repeat: int) -> float:
    """Median wall time of ``call()`` over ``repeat`` runs after one warm-up run, in ms."""
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
