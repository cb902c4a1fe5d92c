#!/usr/bin/python3
"""tb_did_effect against scipy's permutation test.

Three datasets of 8 to 13 countries (a fixed seed): continuous changes of
13 countries, 6 of them adopters; integer changes with ties (counts of
victims identified) of 8 countries, 4 adopters; rates per 100,000 with
three decimals of 11 countries, 5 adopters.  Each is loaded into the
database named on the command line through psql and read with
tb_did_effect(tb_did(adopted, before, after)).

The effect must equal numpy's difference of the means of the changes to
1e-12.  tb_did_effect's exact p-value is the share of the C(n, adopters)
relabellings whose |effect| is at least the observed one: it must equal,
to 1e-12, scipy.stats.permutation_test on the two groups' changes with
permutation_type='independent', n_resamples=inf (every partition:
exact), the statistic |mean(x) - mean(y)| and alternative='greater'.  (scipy's
alternative='two-sided' is twice the smaller one-sided p-value, the same
thing only when the null distribution is symmetric, as with two groups of
equal size: checked on the dataset of 4 and 4.)  The minimum detectable
effect must equal statsmodels' NormalIndPower at 80% power and 5% two-sided,
times the pooled standard deviation, to 1e-3 relative (statsmodels counts
the far tail's power too, which the closed form leaves out).  Prints one
"ok" / "not ok" line per check.  Run with Debian's python3.
"""
import math
import random
import subprocess
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.power import NormalIndPower


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-qtA", "-F", " ", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def datasets(seed=15):
    rng = random.Random(seed)
    out = []
    # 13 countries, 6 adopters: continuous outcomes
    rows = []
    for i in range(13):
        before = round(rng.gauss(50, 10), 6)
        rows.append((i < 6, before, round(before + rng.gauss(2 + 3 * (i < 6), 4), 6)))
    out.append(("13 countries, 6 adopters, continuous", rows))
    # 8 countries, 4 adopters: integer counts, ties
    rows = []
    for i in range(8):
        before = rng.randrange(0, 40)
        rows.append((i < 4, float(before), float(before + rng.randrange(-3, 6) + 2 * (i < 4))))
    out.append(("8 countries, 4 adopters, counts with ties", rows))
    # 11 countries, 5 adopters: rates per 100,000, three decimals
    rows = []
    for i in range(11):
        before = round(rng.uniform(0.1, 5), 3)
        rows.append((i < 5, before, round(before * rng.uniform(0.8, 1.6) + 0.4 * (i < 5), 3)))
    out.append(("11 countries, 5 adopters, rates", rows))
    return out


def main(db):
    n = 0
    failed = 0

    def check(ok, what):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")

    for name, rows in datasets():
        values = ", ".join(f"({str(t).lower()}, {b!r}::float8, {a!r}::float8)" for t, b, a in rows)
        ours = psql(db, "SELECT e.effect, e.treated, e.control, e.p_value, e.exact, e.mde "
                        f"FROM (SELECT tb.tb_did(t, b, a) AS s FROM (VALUES {values}) v(t, b, a)) q, "
                        "tb.tb_did_effect(q.s) e").split()
        effect, n1, n0, p, exact, mde = float(ours[0]), int(ours[1]), int(ours[2]), float(ours[3]), ours[4], float(ours[5])
        x = np.array([a - b for t, b, a in rows if t])
        y = np.array([a - b for t, b, a in rows if not t])
        check(n1 == len(x) and n0 == len(y), f"{name}: {n1} adopters and {n0} others")
        ref = x.mean() - y.mean()
        check(abs(effect - ref) <= 1e-12, f"{name}: effect {effect:.15g} vs numpy {ref:.15g}")
        check(exact == "t", f"{name}: exact p-value over all {math.comb(n1 + n0, n1)} relabellings")
        res = stats.permutation_test((x, y), lambda a, b, axis: np.abs(np.mean(a, axis=axis) - np.mean(b, axis=axis)),
                                     permutation_type="independent", vectorized=True, n_resamples=np.inf,
                                     alternative="greater")
        check(len(res.null_distribution) == math.comb(n1 + n0, n1),
              f"{name}: scipy enumerated {len(res.null_distribution)} partitions (exact)")
        check(abs(p - res.pvalue) <= 1e-12, f"{name}: p-value {p:.15g} vs scipy {res.pvalue:.15g}")
        if n1 == n0:
            two = stats.permutation_test((x, y), lambda a, b, axis: np.mean(a, axis=axis) - np.mean(b, axis=axis),
                                         permutation_type="independent", vectorized=True, n_resamples=np.inf,
                                         alternative="two-sided")
            check(abs(p - two.pvalue) <= 1e-12,
                  f"{name}: equal groups, p-value {p:.15g} vs scipy two-sided {two.pvalue:.15g}")
        sd = math.sqrt((((x - x.mean()) ** 2).sum() + ((y - y.mean()) ** 2).sum()) / (n1 + n0 - 2))
        d = NormalIndPower().solve_power(effect_size=None, nobs1=n1, alpha=0.05, power=0.8, ratio=n0 / n1)
        check(abs(mde - d * sd) <= 1e-3 * d * sd, f"{name}: mde {mde:.6f} vs statsmodels {d * sd:.6f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
