#!/usr/bin/env python3
"""Times numpy/scipy on the problems of neurodyn's JMH benchmarks, single-threaded by default.

Usage: OPENBLAS_NUM_THREADS=1 python3 peer_timings.py OP N [--batch B] [--runs R]
OP is one of euler, schur, lyap, sylvester, dlyap, care, dare. Prints one JSON line with the
median and minimum time of R timed runs after one warm-up run.

Problems (numpy.random.default_rng(12345)):
  A = randn(n, n)/sqrt(n) - 2 I, Q = I, B = randn(n, max(1, n // 10)), R = I, C = randn(n, n);
  discrete problems use A_d = randn(n, n)/sqrt(n) * 0.5;
  euler: x <- x + (dt/tau) (-x + W relu(x)), W = randn(N, N)/sqrt(N) * 0.9, dt/tau = 0.01,
  state N x B, timed over 1000 steps and reported per step.
"""
import argparse
import json
import time

import numpy as np
import scipy
import scipy.linalg as sla


def problems(n, rng):
    a = rng.standard_normal((n, n)) / np.sqrt(n) - 2.0 * np.eye(n)
    b = rng.standard_normal((n, max(1, n // 10)))
    c = rng.standard_normal((n, n))
    a_d = rng.standard_normal((n, n)) / np.sqrt(n) * 0.5
    return a, b, c, a_d


def operation(op, n, batch, rng):
    a, b, c, a_d = problems(n, rng)
    q = np.eye(n)
    r = np.eye(b.shape[1])
    if op == "schur":
        return lambda: sla.schur(a, output="real"), 1
    if op == "lyap":
        return lambda: sla.solve_continuous_lyapunov(a, -q), 1
    if op == "sylvester":
        return lambda: sla.solve_sylvester(a, a.T, c), 1
    if op == "dlyap":
        return lambda: sla.solve_discrete_lyapunov(a_d, q), 1
    if op == "care":
        return lambda: sla.solve_continuous_are(a, b, q, r), 1
    if op == "dare":
        return lambda: sla.solve_discrete_are(a_d, b, q, r), 1
    if op == "euler":
        w = rng.standard_normal((n, n)) / np.sqrt(n) * 0.9
        x0 = rng.standard_normal((n, batch))
        steps = 1000

        def run():
            x = x0.copy()
            for _ in range(steps):
                x += 0.01 * (-x + w @ np.maximum(x, 0.0))
            return x

        return run, steps
    raise SystemExit("unknown operation " + op)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("op")
    parser.add_argument("n", type=int)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    run, per = operation(args.op, args.n, args.batch, np.random.default_rng(12345))
    run()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) / per)
    unit, scale = ("us", 1e6) if args.op == "euler" else ("ms", 1e3)
    print(json.dumps({"op": args.op, "n": args.n, "batch": args.batch, "numpy": np.__version__,
                      "scipy": scipy.__version__, "median_" + unit: float(np.median(times)) * scale,
                      "min_" + unit: min(times) * scale}))


if __name__ == "__main__":
    main()
