#!/usr/bin/python3
"""The units bootstrap of tb_alpha_ci against numpy.

Generates ratings with a fixed seed (50 indicators x 12 countries, answers
0-4 leaning towards one value per indicator, 10% missing), loads them into
the database named on the command line through psql, and compares
tb_alpha_ci(state, metric, 'units', 2000, 0.95, 1) with the same
bootstrap written here with numpy: units with two ratings or more drawn with
replacement, alpha recomputed from the drawn units' value counts, the 2.5%
and 97.5% quantiles (numpy's default interpolation, as the extension's).

The two use different random number generators, so the bounds agree only
up to Monte Carlo error.  The script measures that error itself, running
the numpy bootstrap with 20 seeds: the tolerance is 4.5 standard deviations
of a run (at least 4 of the difference between one run and the mean of 20,
so a pass is not luck), and at least 0.01 on a bound and 0.02 on a share
below a threshold; on a bound it must stay within a quarter of the
interval's width (so a wrong resampling scheme, e.g. over ratings instead of
units, fails).
The point estimate must equal numpy's alpha to 1e-9.  Prints one "ok" /
"not ok" line per check.  Run with Debian's python3, which has numpy.
"""
import random
import subprocess
import sys

import numpy as np

REPS = 2000
TOL_BOUND = 0.01
TOL_SHARE = 0.02


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-qtA", "-F", " ", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def data(seed=15, units=50, raters=12, cats=5):
    rng = random.Random(seed)
    rows = []
    for u in range(units):
        lean = rng.randrange(cats)
        for _ in range(raters):
            if rng.random() < 0.1:
                continue
            c = lean if rng.random() < 0.8 else rng.randrange(cats)
            rows.append((f"ind{u}", c))
    return rows


def value_counts(rows):
    units = sorted({u for u, _ in rows})
    vals = sorted({v for _, v in rows})
    C = np.zeros((len(units), len(vals)))
    for u, v in rows:
        C[units.index(u), vals.index(v)] += 1
    keep = C.sum(axis=1) >= 2
    return C[keep], np.array(vals, dtype=float)


def alpha_weighted(C, v, W, metric):
    """Alpha for each row of W (how many times each unit was drawn)."""
    m = C.sum(axis=1)
    n = W @ m
    nm = W @ C
    if metric == "nominal":
        do_u = (m * m - (C * C).sum(axis=1)) / (m - 1)
        de = n * n - (nm * nm).sum(axis=1)
    else:  # interval
        s1, s2 = C @ v, C @ (v * v)
        do_u = 2 * (m * s2 - s1 * s1) / (m - 1)
        S1, S2 = nm @ v, nm @ (v * v)
        de = 2 * (n * S2 - S1 * S1)
    do = W @ do_u
    with np.errstate(divide="ignore", invalid="ignore"):
        a = 1 - (n - 1) * do / de
    return a[de > 0]


def bootstrap(C, v, metric, seed):
    rng = np.random.default_rng(seed)
    N = C.shape[0]
    idx = rng.integers(0, N, size=(REPS, N))
    W = np.zeros((REPS, N))
    np.add.at(W, (np.repeat(np.arange(REPS), N), idx.ravel()), 1)
    a = alpha_weighted(C, v, W, metric)
    lo, hi = np.quantile(a, [0.025, 0.975])
    return lo, hi, np.mean(a < 0.667), np.mean(a < 0.8)


def main(db):
    n = 0
    failed = 0

    def check(ok, what):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")

    rows = data()
    C, v = value_counts(rows)
    psql(db, "DROP TABLE IF EXISTS alpha_interval_check; CREATE TABLE alpha_interval_check (unit text, v float8)")
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c",
                    "\\copy alpha_interval_check FROM STDIN"],
                   input="".join(f"{u}\t{x}\n" for u, x in rows), text=True, check=True)
    for metric in ("nominal", "interval"):
        ours = [float(x) for x in psql(
            db, "SELECT i.alpha, i.lower, i.upper, i.p_below_0667, i.p_below_080, i.reps "
                "FROM (SELECT tb.tb_agreement(unit, v) AS s FROM alpha_interval_check) q, "
                f"tb.tb_alpha_ci(q.s, '{metric}', 'units', {REPS}, 0.95, 1) i").split()]
        point = alpha_weighted(C, v, np.ones((1, C.shape[0])), metric)[0]
        runs = np.array([bootstrap(C, v, metric, seed) for seed in range(20)])
        mean, sd = runs.mean(axis=0), runs.std(axis=0, ddof=1)
        width = mean[1] - mean[0]
        check(abs(ours[0] - point) <= 1e-9,
              f"{metric}: point estimate {ours[0]:.12f} vs numpy {point:.12f}")
        check(ours[5] == REPS, f"{metric}: {int(ours[5])} replicates used")
        for j, name, floor in ((1, "lower", TOL_BOUND), (2, "upper", TOL_BOUND),
                               (3, "share below 0.667", TOL_SHARE), (4, "share below 0.8", TOL_SHARE)):
            # one run of ours against the mean of 20 of numpy's: the sd of the
            # difference is sd * sqrt(1 + 1/20); 4.5 sd of a run covers 4 of it
            tol = max(floor, 4.5 * sd[j - 1])
            check(abs(ours[j] - mean[j - 1]) < tol,
                  f"{metric}: {name} {ours[j]:.4f} vs numpy {mean[j - 1]:.4f} "
                  f"(|diff| {abs(ours[j] - mean[j - 1]):.4f} < {tol:.4f}: the larger of {floor} and 4.5 sd of a run, "
                  f"{sd[j - 1]:.4f})")
            if j <= 2:
                check(tol <= width / 4,
                      f"{metric}: the tolerance on the {name} bound, {tol:.4f}, is at most a quarter of the "
                      f"interval's width {width:.4f}")
    psql(db, "DROP TABLE alpha_interval_check")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
