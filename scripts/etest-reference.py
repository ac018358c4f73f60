#!/usr/bin/env python3
"""Reference E-test p-values for test/functions/etest.test.ts (issue 13).

Run once (python3 scripts/etest-reference.py; needs mpmath, about three minutes
for the case near the count cap); it writes test/fixtures/etest-reference.json,
which is committed, because CI has no Python.

Written independently of src/core/stats/poisson.ts: every Poisson probability
comes from mpmath at 30 digits (SciPy's poisson.pmf loses about 1e-6 of relative
accuracy at means near 5e8), the grids are wider (mean +/- 12 sd + 40), and the
run of x2 with T below the observed value is decided in exact rational
arithmetic, so rounding can never split a tie. The sum is math.fsum.

Statistic: the pooled form of R package ptools (docs/methods.md, E-test, which
also gives Krishnamoorthy & Thomson's own form, eq. 3.3):
T(x1, x2)^2 = (x1/n1 - x2/n2)^2 (n1 + n2) / (x1 + x2), T(0, 0) = 0, and
p = sum of Pois(x1; n1 L) Pois(x2; n2 L) over T >= T(k1, k2), L = (k1 + k2)/(n1 + n2),
with the observed value lowered by a relative 1e-9 so that ties count, as in the code.
"""
import json
import math
import os
from fractions import Fraction

import mpmath as mp

mp.mp.dps = 30
OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "etest-reference.json"))
TIE = Fraction(1, 10**9)

# (k1, k2, n1, n2, note). Exposures are written as decimals the test passes unchanged.
CASES = [
    (0, 3, "1", "1", "published: e_test(0, 3) = 0.0884 (Krishnamoorthy & Thomson 2004; ptools test-etest.R)"),
    (3, 0, "1", "1", "the same with the counts swapped"),
    (6, 2, "1", "1", "published: e_test(6, 2) = 0.1749 (ptools test-etest.R)"),
    (100, 120, "4", "6", "docs/methods.md, E-test: 120 in 6 months -> 100 in 4 months, 0.099"),
    (5, 10, "1", "1", "small counts"),
    (12, 3, "2", "1", "whole-number exposures, where ties are common"),
    (7, 7, "1", "3", ""),
    (40, 25, "3", "2", ""),
    (0, 5, "1", "3", "one count 0"),
    (100, 3, "2.5", "0.3", "fractional exposures"),
    (1, 0, "0.001", "1", "very unequal exposures"),
    (45, 80, "3", "5", ""),
    (300, 250, "181", "184", "periods in days"),
    (161, 156, "1", "1", "issue 10 walkthrough target"),
    (1000, 1100, "1", "1", "realistic counts"),
    (1500, 1200, "1", "1", "a clear fall: small p"),
    (2000, 1700, "182", "184", ""),
    (2000, 1500, "1", "1.3", ""),
    (50000, 48000, "1", "1", "large counts, p near 1e-10"),
    (100000, 101000, "1", "1", ""),
    (113022, 113036, "1", "1", "p near 1"),
    (1000000, 1003000, "1", "1", ""),
    (10000000, 10010000, "1", "1", ""),
    (499999000, 500001000, "1", "1", "near the count cap of 1e9"),
]


def pmf_grid(mean):
    """First x and Pois(x; mean) for x within mean +/- 12 sd + 40, each from mpmath."""
    lo = max(0, int(math.floor(mean - 12 * math.sqrt(mean) - 40)))
    hi = int(math.ceil(mean + 12 * math.sqrt(mean) + 40))
    m = mp.mpf(mean)
    log_m = mp.log(m)
    return lo, [float(mp.exp(-m + x * log_m - mp.loggamma(x + 1))) for x in range(lo, hi + 1)]


def e_test(k1, k2, n1, n2):
    n1, n2 = Fraction(n1), Fraction(n2)
    total = n1 + n2
    lam = Fraction(k1 + k2) / total

    def stat2(x1, x2):
        if x1 + x2 == 0:
            return Fraction(0)
        d = Fraction(x1) / n1 - Fraction(x2) / n2
        return d * d * total / (x1 + x2)

    th = stat2(k1, k2) * (1 - TIE)
    lo1, p1 = pmf_grid(float(n1 * lam))
    lo2, p2 = pmf_grid(float(n2 * lam))
    # below[i] = sum p2[:i], above[i] = sum p2[i:]
    below = [0.0]
    for v in p2:
        below.append(below[-1] + v)
    above = [0.0] * (len(p2) + 1)
    for i in range(len(p2) - 1, -1, -1):
        above[i] = above[i + 1] + p2[i]
    a = total / (n2 * n2)
    terms = []
    for i, w in enumerate(p1):
        x1 = lo1 + i
        # T^2 < th  <=>  a y^2 - b y + c < 0 in y = x2 (or (0, 0)); float roots, then exact checks.
        b = 2 * total * x1 / (n1 * n2) + th
        c = total * Fraction(x1) ** 2 / (n1 * n1) - th * x1
        sq = math.sqrt(float(b * b - 4 * a * c))
        r1 = (float(b) - sq) / (2 * float(a))
        r2 = (float(b) + sq) / (2 * float(a))

        def inside(y):
            return y >= 0 and stat2(x1, y) < th

        first = max(0, math.floor(r1) - 2)
        while first <= math.ceil(r2) + 2 and not inside(first):
            first += 1
        if first > math.ceil(r2) + 2:
            terms.append(w * above[0])
            continue
        last = math.ceil(r2) + 2
        while not inside(last):
            last -= 1
        start = min(max(first - lo2, 0), len(p2))
        end = min(max(last - lo2 + 1, 0), len(p2))
        terms.append(w * (below[start] + above[end] if start < end else above[0]))
    return min(1.0, math.fsum(terms))


def main():
    cases = []
    for k1, k2, n1, n2, note in CASES:
        p = e_test(k1, k2, n1, n2)
        cases.append({"k1": k1, "k2": k2, "n1": float(n1), "n2": float(n2), "p": p, "note": note})
        print(k1, k2, n1, n2, p, flush=True)
    head = {"generator": "scripts/etest-reference.py", "mpmath": mp.__version__, "digits": mp.mp.dps}
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(json.dumps(head)[:-1] + ', "cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
