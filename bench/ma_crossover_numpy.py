#!/usr/bin/env python3
"""The moving-average crossover of bench/ma_crossover_bench.cpp, vectorised with numpy, over the
same bars (the generator in bench/portable_series.hpp): prints bars per second and the crossings
it found, which must equal the C++ benchmark's `crossings` and `up` counters.

    python3 bench/ma_crossover_numpy.py [--sessions 250] [--fast 10] [--slow 30] [--repeat 50]

Timed: both moving averages and the crossings, from an int64 array of closes already in memory.
Not timed: generating the closes.
"""
import argparse
import time

import numpy as np

BARS_PER_SESSION = 375


def splitmix64(x):
    """splitmix64 of every element of a uint64 array, mod 2^64."""
    with np.errstate(over="ignore"):
        z = x * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def closes(sessions):
    """Closes in paise: 2,500,000 plus 5 times the running sum of steps splitmix64(i+1) % 121 - 60."""
    i = np.arange(1, sessions * BARS_PER_SESSION + 1, dtype=np.uint64)
    steps = (splitmix64(i) % np.uint64(121)).astype(np.int64) - 60
    return 2_500_000 + 5 * np.cumsum(steps)


def crossings(close, fast, slow):
    """How often SMA(fast) crossed SMA(slow), and how many of those were upward.

    The averages are exact integer sums, compared cross-multiplied; the fast one is above or below
    the slow one, keeps its side on a tie (ties are dropped), and a crossing is a change of side,
    as in core/strategies/ma_crossover/crossover_tracker.hpp.
    """
    sums = np.empty(len(close) + 1, dtype=np.int64)
    sums[0] = 0
    np.cumsum(close, out=sums[1:])
    # Windows ending at bars slow-1 .. n-1, where both averages exist.
    top = sums[slow:]
    gap = (top - sums[slow - fast : -fast]) * slow - (top - sums[:-slow]) * fast
    above = gap[gap != 0] > 0
    count = int(np.count_nonzero(above[1:] != above[:-1]))
    # Sides alternate, so the first side says which way every crossing went.
    up = (count + int(not above[0])) // 2 if len(above) else 0
    return count, up


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=250, help="sessions of 375 one-minute bars")
    parser.add_argument("--fast", type=int, default=10)
    parser.add_argument("--slow", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=50, help="timed runs; medians are reported")
    args = parser.parse_args()
    if not 1 <= args.fast < args.slow:
        parser.error("need 1 <= fast < slow")

    close = closes(args.sessions)
    found = crossings(close, args.fast, args.slow)
    # CPU time of this thread, as Google Benchmark counts it, and wall time beside it.
    cpu, wall = [], []
    for _ in range(args.repeat):
        cpu_start, wall_start = time.thread_time_ns(), time.perf_counter_ns()
        again = crossings(close, args.fast, args.slow)
        cpu.append(time.thread_time_ns() - cpu_start)
        wall.append(time.perf_counter_ns() - wall_start)
        assert again == found
    bars = len(close)
    print(f"numpy {np.__version__}: SMA({args.fast}) x SMA({args.slow}) over {bars} one-minute bars")
    print(f"crossings {found[0]} (up {found[1]})")
    for label, times in (("cpu ", cpu), ("wall", wall)):
        median = sorted(times)[len(times) // 2]
        print(f"{label} median {median / 1e6:.3f} ms, {bars / median * 1e3:.1f} M bars/s")

if __name__ == "__main__":
    main()
