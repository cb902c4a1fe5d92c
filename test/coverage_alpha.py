#!/usr/bin/python3
"""Coverage of tb_alpha_ci's 95% interval (units bootstrap): a seeded
simulation with a known population alpha.

The model: each unit has a true category drawn uniformly from k; each rater
reports it with probability p, otherwise a category drawn uniformly from the
k (which may be the true one).  Its population alpha is p^2 for the nominal
metric and for the interval metric (categories 1..k as numbers):

- nominal: the ratings are uniform over the k categories, so the expected
  disagreement is 1 - 1/k; two raters of one unit report the same category
  with probability p^2 + (1 - p^2) / k (both accurate, or any other way by
  chance), so the observed disagreement is (1 - p^2)(1 - 1/k), and
  alpha = 1 - Do / De = p^2.
- interval: given the true value t, a rating has variance
  p (1 - p)(t - mu)^2 + (1 - p) s^2 (mu, s^2 the mean and variance of the
  uniform category); over t it averages (1 - p^2) s^2, which is half the
  observed disagreement of a pair, while the expected disagreement is twice
  the ratings' variance s^2: alpha = p^2 again.

The derivation is checked first against one very large sample (20,000 units:
alpha within 0.01 of p^2).  Then S data sets per design are generated with
numpy (seed 15), loaded into the database named on the command line with one
COPY, and tb_alpha_ci(tb_agreement(unit, value), metric, 'units', 1000,
0.95, 1) is computed for each in one query.  The point estimate must equal
alpha computed here to 1e-9 (the data arrived intact).

The same data sets go through the units bootstrap written here with numpy
(its own random numbers): on each design the extension's coverage must
equal numpy's within the noise of two bootstraps of the same data, 3
sqrt(d) / S + 1 / S, d the data sets on which exactly one of them covers
(McNemar).  This says the implementation is right whatever the method's
coverage is.  The method's coverage is then checked against 0.95, within 3
standard deviations of a binomial(S, 0.95) share, on a design with enough
units for a percentile bootstrap, 80 units x 8 raters (numpy's bootstrap
alone covered 0.947 there, nominal and interval, over 1,000 data sets).
With 40 units x 8 raters it covered about 0.93 in numpy alone (2,000 data
sets: 0.926 nominal, 0.935 interval; alpha's estimate is a little low there,
0.633 on average, and the truth falls above the interval more often than
below): printed, not held to 0.95.  A small design (10 units x 4 raters) is
printed for information too.  The hayes method's coverage over the first 50
data sets of each design is printed (it keeps the expected disagreement
fixed and treats pairs as independent: narrower, so it covers less).  S is
400, the run takes about 30 s.
Prints one "ok" / "not ok" line per check and "#" lines with the shares.
Run with Debian's python3.
"""
import io
import math
import subprocess
import sys

import numpy as np

S = 400
REPS = 1000
P = 0.8
K = 4
TRUE = P * P
HAYES = 50
# (units, raters, metric, coverage held to 0.95)
DESIGNS = [(80, 8, "nominal", True), (80, 8, "interval", True), (40, 8, "nominal", False),
           (40, 8, "interval", False), (10, 4, "nominal", False)]


def simulate(rng, units, raters):
    true = rng.integers(1, K + 1, size=units)
    accurate = rng.random((units, raters)) < P
    noise = rng.integers(1, K + 1, size=(units, raters))
    return np.where(accurate, true[:, None], noise)


def kalpha(x, metric):
    """Krippendorff's alpha of a complete units x raters matrix of 1..K."""
    m = x.shape[1]
    counts = np.stack([(x == c).sum(axis=1) for c in range(1, K + 1)], axis=1).astype(float)
    o = (counts.T @ counts - np.diag(counts.sum(axis=0))) / (m - 1)
    nc = o.sum(axis=1)
    n = nc.sum()
    v = np.arange(1, K + 1, dtype=float)
    d2 = 1.0 - np.eye(K) if metric == "nominal" else (v[:, None] - v[None, :]) ** 2
    return 1 - ((o * d2).sum() / n) / ((np.outer(nc, nc) * d2).sum() / (n * (n - 1)))


def numpy_interval(x, metric, rng):
    """The units bootstrap in numpy: units drawn with replacement (as weights),
    alpha from the drawn units' value counts, numpy's quantiles."""
    units, m = x.shape
    counts = np.stack([(x == c).sum(axis=1) for c in range(1, K + 1)], axis=1).astype(float)
    v = np.arange(1, K + 1, dtype=float)
    w = rng.multinomial(units, np.full(units, 1 / units), size=REPS).astype(float)
    n = w.sum(axis=1) * m
    nm = w @ counts
    if metric == "nominal":
        do_u = (m * m - (counts * counts).sum(axis=1)) / (m - 1)
        de = n * n - (nm * nm).sum(axis=1)
    else:
        s1, s2 = counts @ v, counts @ (v * v)
        do_u = 2 * (m * s2 - s1 * s1) / (m - 1)
        de = 2 * (n * (nm @ (v * v)) - (nm @ v) ** 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = 1 - (n - 1) * (w @ do_u) / de
    return np.quantile(a[de > 0], [0.025, 0.975])


def main(db):
    n = failed = 0

    def check(ok, what):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")

    rng = np.random.default_rng(15)
    big = simulate(rng, 20000, 8)
    for metric in ("nominal", "interval"):
        a = kalpha(big, metric)
        check(abs(a - TRUE) < 0.01, f"population alpha p^2 = {TRUE:.2f} ({metric}): 20,000 units x 8 raters give {a:.4f}")

    buf = io.StringIO()
    ref = {}
    for d, (units, raters, metric, _) in enumerate(DESIGNS):
        for s in range(S):
            x = simulate(rng, units, raters)
            ref[(d, s)] = (kalpha(x, metric), numpy_interval(x, metric, rng))
            for u in range(units):
                for r in range(raters):
                    buf.write(f"{d}\t{s}\tu{u}\t{x[u, r]}\n")
    sql = f"""
CREATE TEMP TABLE sim (design int, dataset int, unit text, value float8);
COPY sim FROM STDIN;
{buf.getvalue()}\\.
SELECT d.design, s.dataset, c.alpha, c.lower, c.upper, h.lower, h.upper
  FROM (VALUES {', '.join(f"({i}, '{m}')" for i, (_, _, m, _) in enumerate(DESIGNS))}) d(design, metric)
  JOIN LATERAL (SELECT dataset, tb.tb_agreement(unit, value) AS a FROM sim
                 WHERE sim.design = d.design GROUP BY dataset) s ON true
  CROSS JOIN LATERAL tb.tb_alpha_ci(s.a, d.metric, 'units', {REPS}, 0.95, 1) c
  -- the hayes bootstrap draws many pairs per replicate: a sample of the data
  -- sets (OFFSET 0 keeps the filter ahead of the call)
  LEFT JOIN LATERAL (SELECT * FROM tb.tb_alpha_ci(s.a, d.metric, 'hayes', {REPS}, 0.95, 1)
                      WHERE s.dataset < {HAYES} OFFSET 0) h ON true
 ORDER BY 1, 2;
"""
    res = subprocess.run(["psql", "-X", "-qtA", "-F", "|", "-v", "ON_ERROR_STOP=1", "-d", db],
                         input=sql, capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
    rows = [line.split("|") for line in res.stdout.split("\n") if line.strip()]
    sd = math.sqrt(0.95 * 0.05 / S)
    for d, (units, raters, metric, held) in enumerate(DESIGNS):
        mine = [r for r in rows if int(r[0]) == d]
        worst = max(abs(float(r[2]) - ref[(d, int(r[1]))][0]) for r in mine)
        check(len(mine) == S and worst <= 1e-9,
              f"{units} units x {raters} raters, {metric}: {len(mine)} data sets, alpha equal to numpy's "
              f"(largest difference {worst:.2g})")
        ours = np.array([float(r[3]) <= TRUE <= float(r[4]) for r in mine])
        theirs = np.array([ref[(d, int(r[1]))][1][0] <= TRUE <= ref[(d, int(r[1]))][1][1] for r in mine])
        hayes = np.mean([float(r[5]) <= TRUE <= float(r[6]) for r in mine if int(r[1]) < HAYES])
        width = np.mean([float(r[4]) - float(r[3]) for r in mine])
        discordant = int((ours != theirs).sum())
        print(f"# {units} units x {raters} raters, {metric}, alpha {TRUE:.2f}: the units bootstrap covers "
              f"{ours.mean():.3f} of {S} data sets (mean width {width:.3f}), numpy's {theirs.mean():.3f} "
              f"({discordant} discordant); hayes {hayes:.3f} of the first {HAYES}")
        check(abs(ours.mean() - theirs.mean()) <= 3 * math.sqrt(discordant) / S + 1 / S,
              f"{units} units x {raters} raters, {metric}: coverage {ours.mean():.3f} equals numpy's units "
              f"bootstrap's {theirs.mean():.3f} on the same data sets ({discordant} discordant)")
        if held:
            check(abs(ours.mean() - 0.95) <= 3 * sd,
                  f"{units} units x {raters} raters, {metric}: the 95% units-bootstrap interval covers alpha = "
                  f"{TRUE:.2f} in {ours.mean():.3f} of {S} data sets (0.95 +- {3 * sd:.3f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
