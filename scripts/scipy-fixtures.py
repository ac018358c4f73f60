#!/usr/bin/env python3
"""Reference values from SciPy for the exact intervals in src/core/stats.

Run once (python3 scripts/scipy-fixtures.py) on a machine with SciPy; it writes
test/fixtures/scipy/*.json, which are committed. The Jest tests read the JSON,
because CI has no SciPy. Seeded, so re-running gives the same files.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import special, stats

OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "scipy"))
CONFIDENCES = [0.8, 0.9, 0.95, 0.99, 0.999]
rng = np.random.default_rng(20240611)


def write(name, payload):
    payload = {"generator": "scripts/scipy-fixtures.py", "scipy": scipy.__version__, **payload}
    path = os.path.join(OUT, name)
    # One case per line: small diffs and readable without a JSON viewer.
    head = {k: v for k, v in payload.items() if k != "cases"}
    lines = [json.dumps(c) for c in payload["cases"]]
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(head)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")
    print(f"wrote {path}: {len(payload['cases'])} cases")


def log_uniform_int(low, high):
    return int(math.floor(math.exp(rng.uniform(math.log(low), math.log(high + 1)))))


def rate_ratio_case(before, after, e0, e1, conf):
    """Clopper-Pearson limits for p = after/n, turned into RR = p/(1-p) * e0/e1.

    1 - p is taken from the opposite tail of the swapped beta, so the odds keep
    full precision when p is close to 1.
    """
    n = before + after
    tail = (1 - conf) / 2
    scale = e0 / e1
    if after == 0:
        lower = 0.0
    else:
        p = stats.beta.ppf(tail, after, n - after + 1)
        one_minus_p = stats.beta.isf(tail, n - after + 1, after)
        lower = p / one_minus_p * scale
    p = stats.beta.isf(tail, after + 1, n - after)
    one_minus_p = stats.beta.ppf(tail, n - after, after + 1)
    upper = p / one_minus_p * scale
    if e0 == e1 == 1:
        # Cross-check against SciPy's own exact binomial interval.
        ci = stats.binomtest(after, n).proportion_ci(confidence_level=conf, method="exact")
        lo = ci.low / (1 - ci.low) if after > 0 else 0.0
        hi = ci.high / (1 - ci.high)
        assert abs(lo - lower) <= 1e-9 * max(1.0, lower), (before, after, lo, lower)
        assert abs(hi - upper) <= 1e-9 * upper, (before, after, hi, upper)
    return {
        "countBefore": before,
        "countAfter": after,
        "exposureBefore": e0,
        "exposureAfter": e1,
        "confidence": conf,
        "ratio": after / before * scale,
        "lower": lower,
        "upper": upper,
    }


def rate_ratio_cases():
    cases = []
    fixed = [(1, 0), (1, 1), (5, 0), (20, 10), (50, 30), (100, 100), (3, 40), (12000, 9000), (1, 500)]
    for before, after in fixed:
        cases.append(rate_ratio_case(before, after, 1, 1, 0.95))
    while len(cases) < 1200:
        before = log_uniform_int(1, 20000)
        after = 0 if rng.uniform() < 0.05 else int(rng.poisson(before * math.exp(rng.uniform(-1.5, 1.2))))
        if rng.uniform() < 0.5:
            e0 = e1 = 1
        else:
            e0 = int(rng.integers(10, 1001))
            e1 = int(rng.integers(10, 1001))
        conf = CONFIDENCES[int(rng.integers(len(CONFIDENCES)))]
        cases.append(rate_ratio_case(before, after, e0, e1, conf))
    return cases


def poisson_ci_cases():
    cases = []
    counts = list(range(0, 31)) + [log_uniform_int(31, 100000) for _ in range(170)]
    for k in counts:
        conf = CONFIDENCES[int(rng.integers(len(CONFIDENCES)))]
        tail = (1 - conf) / 2
        lower = 0.0 if k == 0 else stats.chi2.ppf(tail, 2 * k) / 2
        upper = stats.chi2.isf(tail, 2 * k + 2) / 2
        cases.append({"count": k, "confidence": conf, "lower": lower, "upper": upper})
    return cases


def special_cases():
    cases = []
    for _ in range(300):
        a = math.exp(rng.uniform(math.log(0.05), math.log(5000)))
        x = a * math.exp(rng.normal(0, 0.6 if a > 20 else 1.5))
        cases.append({"fn": "gammaP", "a": a, "x": x, "value": float(special.gammainc(a, x))})
        cases.append({"fn": "gammaQ", "a": a, "x": x, "value": float(special.gammaincc(a, x))})
        p = math.exp(rng.uniform(math.log(1e-12), math.log(0.999999)))
        cases.append({"fn": "gammaPInverse", "a": a, "p": p, "value": float(special.gammaincinv(a, p))})
        cases.append({"fn": "gammaQInverse", "a": a, "p": p, "value": float(special.gammainccinv(a, p))})
    for _ in range(300):
        a = math.exp(rng.uniform(math.log(0.1), math.log(5000)))
        b = math.exp(rng.uniform(math.log(0.1), math.log(5000)))
        x = float(rng.uniform(0.001, 0.999))
        cases.append({"fn": "incompleteBeta", "a": a, "b": b, "x": x, "value": float(special.betainc(a, b, x))})
        cases.append(
            {"fn": "incompleteBetaUpper", "a": a, "b": b, "x": x, "value": float(special.betaincc(a, b, x))}
        )
        p = math.exp(rng.uniform(math.log(1e-10), math.log(0.999999)))
        cases.append({"fn": "betaQuantile", "a": a, "b": b, "p": p, "value": float(stats.beta.ppf(p, a, b))})
        df = math.exp(rng.uniform(math.log(0.5), math.log(2000)))
        cases.append({"fn": "chiSquareQuantile", "df": df, "p": p, "value": float(stats.chi2.ppf(p, df))})
        cases.append({"fn": "chiSquareUpperQuantile", "df": df, "p": p, "value": float(stats.chi2.isf(p, df))})
    return cases


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("rateratio.json", {"method": "scipy.stats.beta.ppf/isf (Clopper-Pearson)", "cases": rate_ratio_cases()})
    write("poissonci.json", {"method": "scipy.stats.chi2.ppf/isf (Garwood)", "cases": poisson_ci_cases()})
    write("betagamma.json", {"method": "scipy.special / scipy.stats", "cases": special_cases()})
