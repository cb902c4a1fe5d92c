#!/usr/bin/python3
"""The baseline's evidence against independent computations in Python.

Reads the loaded baseline (schema quito) of the database named on the
command line through psql and rebuilds, with numpy, scipy and statsmodels
and without any of the extension's SQL:

1. intervention_effects, from the country values (indicator_values): the
   first and last rounds with answers; a practice is a binary survey
   indicator, a country without it (< 0.5) at the first round is treated
   when it has it (>= 0.5) at the last, control otherwise; the outcome's
   change is after - before, of ln(1 + max(x, 0)) when its transform is log.
   For every practice x outcome pair: the same pairs, the treated and control
   counts, the effect (difference of the mean changes) to 1e-9; the exact
   permutation p-value equal to scipy.stats.permutation_test over every
   partition (n_resamples=inf) to 1e-9.  The extension's p-value counts the
   relabellings with |effect| at least the observed one (src/impact.c, ties
   within rounding): that is scipy's test of the statistic |mean(x) - mean(y)|
   with alternative='greater'.  scipy's alternative='two-sided' on the signed
   difference is twice the smaller one-sided p-value, which is the same thing
   only when the null distribution is symmetric (equal group sizes): it is
   checked on those pairs.  p_floor equals 1 / C(n, treated); p_holm and q_bh
   equal statsmodels' multipletests (holm, fdr_bh) over the pairs tested (two
   countries or more on each side).  The 95% interval is compared with
   scipy.stats.bootstrap(method='percentile') of the difference of the means,
   each group resampled on its own (a group of one country is constant: the
   other group is bootstrapped alone and shifted), 10,000 resamples on both
   sides.  The tolerance is in probability, which also holds when the
   bootstrap distribution has atoms (groups of two or three countries): an
   empirical quantile at p from B draws sits at a true level p +- sqrt(p (1 -
   p) / B), so the extension's bound, read on scipy's bootstrap distribution,
   must sit within 4.5 standard deviations of the difference of two such
   estimates, p +- 4.5 sqrt(2 p (1 - p) / B) = p +- 0.0099 at p = 0.025 (about
   5% of a normal interval's width).
2. The planted effect (scripts/generate_illustrative_data.py: PROS03 adopted
   between the rounds, PROS07 x 2.5 for the adopters, ln 2.5 = 0.916 on
   ln(1 + value)): (PROS03, PROS07) has the smallest p-value of all pairs, its
   interval contains ln 2.5 and excludes 0; no other pair of PROS03 or of
   PROS07 has q_bh < 0.05.
3. tb_dispersion_ci (20,000 replicates) on the indicators of the last round:
   the estimate equal to numpy's (Gini-Simpson of the values; population sd
   over |mean|) and the BCa interval against scipy.stats.bootstrap(method=
   'BCa').  Gini-Simpson of a dozen countries takes few values, so its
   bootstrap quantiles jump from one value to the next and a tolerance on
   the bounds' values means nothing.  For binary and ordinal indicators the
   exact bootstrap distribution is enumerated here (every count vector, with
   its multinomial probability; the statistic computed from the counts in
   the extension's order, so the same doubles and the same ties), which gives
   the exact BCa levels (z0 from the exact share below the estimate, ties
   counted half; the acceleration from the jackknife).  Each bound, the
   extension's and scipy's (20,000 resamples each), must sit at a step of
   the exact distribution function that meets its level's Monte Carlo range
   (5 standard deviations of the share below the estimate carried through
   the BCa formula, 5 of the quantile, and 3 draws); how many intervals equal
   the exact limit in all three is printed.  For the coefficient of
   variation of counts (nearly continuous), scipy runs with 8 seeds: the
   extension's bounds must sit within 4.5 standard deviations (of one run,
   measured) of their mean.
4. country_harmonization: alpha of all countries and alpha_without of two
   countries (the most and the least influential) for every kind, both
   rounds, equal to 1e-9 to Krippendorff's alpha written here from the
   coincidence matrix (nominal, ordinal, interval metrics) over
   country_ratings without that country.

Prints one "ok" / "not ok" line per check and "#" lines with the figures.
Run with Debian's python3.
"""
import itertools
import math
import subprocess
import sys
import warnings

import numpy as np
from scipy import stats
from scipy.special import ndtr, ndtri
from statsmodels.stats.multitest import multipletests

REPS_DID = 10000
REPS_DISP = 20000
LEVEL = 0.95


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-qtA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                         capture_output=True, text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def num(s):
    return None if s == "" else float(s)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what):
        self.n += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.n} - {what}")


# ---------------------------------------------------------------------------
# 1. and 2. intervention_effects
# ---------------------------------------------------------------------------

def did_pairs(db):
    """Every practice x outcome pair rebuilt from the country values."""
    values = {}
    for r, c, ind, v in psql(db, "SELECT round_no, country, indicator, value FROM quito.indicator_values "
                                 "WHERE value IS NOT NULL"):
        values[(int(r), c, ind)] = float(v)
    rounds = sorted({k[0] for k in values})
    first, last = rounds[0], rounds[-1]
    kinds = {code: (kind, source) for code, kind, source in
             psql(db, "SELECT code, kind, source FROM quito.indicators")}
    outcomes = dict((i, t) for i, t in psql(db, "SELECT indicator, transform FROM quito.outcomes"))

    def both(ind):
        out = {}
        for (r, c, i), v in values.items():
            if r == first and i == ind and (last, c, i) in values:
                out[c] = (v, values[(last, c, i)])
        return out

    def f(x, transform):
        return math.log(1 + max(x, 0.0)) if transform == "log" else x

    practices = sorted(i for i, (k, s) in kinds.items() if k == "binary" and s == "survey")
    pairs = {}
    for p in practices:
        group = {c: a >= 0.5 for c, (b, a) in both(p).items() if b < 0.5}
        for o in sorted(outcomes):
            if o == p:
                continue
            t = outcomes[o]
            ch = {c: f(a, t) - f(b, t) for c, (b, a) in both(o).items() if c in group}
            if not ch:
                continue
            x = np.array([ch[c] for c in sorted(ch) if group[c]])
            y = np.array([ch[c] for c in sorted(ch) if not group[c]])
            pairs[(p, o)] = (x, y, sorted(c for c in ch if group[c]))
    return first, last, pairs


def abs_diff(a, b, axis):
    return np.abs(np.mean(a, axis=axis) - np.mean(b, axis=axis))


def diff(a, b, axis):
    return np.mean(a, axis=axis) - np.mean(b, axis=axis)


def enumerate_did(x, y):
    """Every relabelling with as many treated as observed, by hand: the null
    distribution of |mean(x) - mean(y)| and the share at least the observed
    one (ties within scipy's relative 1e-14)."""
    z = np.concatenate([x, y])
    n, k = len(z), len(x)
    null = []
    for idx in itertools.combinations(range(n), k):
        mask = np.zeros(n, bool)
        mask[list(idx)] = True
        null.append(abs(z[mask].mean() - z[~mask].mean()))
    null = np.array(null)
    obs = abs(x.mean() - y.mean())
    gamma = max(1e-14, abs(1e-14 * obs))
    return null, float((null >= obs - gamma).mean())


def bootstrap_did(x, y, seed):
    """scipy's percentile bootstrap of mean(x) - mean(y), groups resampled apart."""
    rng = np.random.default_rng(seed)
    kw = dict(vectorized=True, n_resamples=REPS_DID, confidence_level=LEVEL, method="percentile",
              random_state=rng)
    if len(x) > 1 and len(y) > 1:
        res = stats.bootstrap((x, y), diff, paired=False, **kw)
    elif len(x) > 1:
        res = stats.bootstrap((x,), lambda a, axis: np.mean(a, axis=axis) - y[0], **kw)
    elif len(y) > 1:
        res = stats.bootstrap((y,), lambda b, axis: x[0] - np.mean(b, axis=axis), **kw)
    else:
        return None
    return res.bootstrap_distribution, res.confidence_interval


def check_effects(db, tap):
    first, last, pairs = did_pairs(db)
    rows = psql(db, "SELECT practice, outcome, first_round, last_round, treated, control, effect, lower, upper, "
                    "p_value, exact, p_floor, p_holm, q_bh FROM quito.intervention_effects ORDER BY 1, 2")
    view = {(r[0], r[1]): r for r in rows}
    tap.check(set(view) == set(pairs),
              f"intervention_effects: the same {len(pairs)} practice x outcome pairs as rebuilt from indicator_values")
    tap.check(all(int(r[2]) == first and int(r[3]) == last for r in rows),
              f"intervention_effects: rounds {first} to {last}")
    common = sorted(set(view) & set(pairs))

    bad_counts, bad_effect, worst_effect = [], [], 0.0
    bad_p, worst_p, bad_floor, bad_two = [], 0.0, [], []
    n_two = n_scipy = n_hand = 0
    with_p = []
    for key in common:
        r = view[key]
        x, y, _ = pairs[key]
        if int(r[4]) != len(x) or int(r[5]) != len(y):
            bad_counts.append(key)
        if len(x) == 0 or len(y) == 0:
            if r[6] != "" or r[9] != "":
                bad_effect.append(key)
            continue
        ref = x.mean() - y.mean()
        d = abs(float(r[6]) - ref)
        worst_effect = max(worst_effect, d)
        if d > 1e-9:
            bad_effect.append(key)
        if len(x) >= 2 and len(y) >= 2:
            res = stats.permutation_test((x, y), abs_diff, permutation_type="independent", vectorized=True,
                                         n_resamples=np.inf, alternative="greater")
            null, pvalue = res.null_distribution, res.pvalue
            n_scipy += 1
        else:
            null, pvalue = enumerate_did(x, y)
            n_hand += 1
        if len(null) != math.comb(len(x) + len(y), len(x)) or r[10] != "t":
            bad_p.append(key)
        d = abs(float(r[9]) - pvalue)
        worst_p = max(worst_p, d)
        if d > 1e-9:
            bad_p.append(key)
        if len(x) == len(y) >= 2:
            n_two += 1
            two = stats.permutation_test((x, y), diff, permutation_type="independent", vectorized=True,
                                         n_resamples=np.inf, alternative="two-sided")
            if abs(float(r[9]) - two.pvalue) > 1e-9:
                bad_two.append(key)
        floor = 1 / math.comb(len(x) + len(y), len(x))
        if abs(float(r[11]) - floor) > 1e-9 * floor:
            bad_floor.append(key)
        with_p.append(key)
    tap.check(not bad_counts, f"treated and control counts of all {len(common)} pairs {bad_counts[:3]}")
    tap.check(not bad_effect,
              f"effect of the {len(with_p)} pairs with both groups equal to numpy's difference of mean changes "
              f"(largest difference {worst_effect:.2g}) {bad_effect[:3]}")
    tap.check(not bad_p, f"exact p-values of the {len(with_p)} pairs equal scipy.stats.permutation_test over every "
                         f"partition, |mean(x) - mean(y)|, greater ({n_scipy} pairs; {n_hand} with a group of one "
                         f"country, which scipy refuses, enumerated here) (largest difference {worst_p:.2g}) "
                         f"{bad_p[:3]}")
    tap.check(n_two > 0 and not bad_two,
              f"{n_two} pairs with equal groups: p-value equals scipy's two-sided test of the signed difference "
              f"{bad_two[:3]}")
    tap.check(not bad_floor, f"p_floor = 1 / C(n, treated) on all {len(with_p)} pairs {bad_floor[:3]}")

    # the adjustments, over the pairs tested
    tested = [k for k in with_p if len(pairs[k][0]) >= 2 and len(pairs[k][1]) >= 2]
    pv = np.array([float(view[k][9]) for k in tested])
    holm = multipletests(pv, method="holm")[1]
    bh = multipletests(pv, method="fdr_bh")[1]
    bad_h = [k for k, h in zip(tested, holm) if view[k][12] == "" or abs(float(view[k][12]) - h) > 1e-9]
    bad_q = [k for k, q in zip(tested, bh) if view[k][13] == "" or abs(float(view[k][13]) - q) > 1e-9]
    untested = [k for k in common if k not in tested and (view[k][12] != "" or view[k][13] != "")]
    tap.check(not bad_h, f"p_holm equals statsmodels multipletests(holm) over the {len(tested)} pairs tested {bad_h[:3]}")
    tap.check(not bad_q, f"q_bh equals statsmodels multipletests(fdr_bh) over the {len(tested)} pairs tested {bad_q[:3]}")
    tap.check(not untested, f"no adjusted p-value for a pair with fewer than two countries on a side {untested[:3]}")

    # the bootstrap intervals
    p_lo, p_hi = (1 - LEVEL) / 2, (1 + LEVEL) / 2
    delta = 4.5 * math.sqrt(2 * p_lo * (1 - p_lo) / REPS_DID)
    bad_ci, worst_rel, n_ci = [], 0.0, 0
    for i, key in enumerate(with_p):
        x, y, _ = pairs[key]
        lo, hi = float(view[key][7]), float(view[key][8])
        got = bootstrap_did(x, y, 1000 + i)
        if got is None:
            if abs(lo - (x[0] - y[0])) > 1e-9 or abs(hi - (x[0] - y[0])) > 1e-9:
                bad_ci.append(key)
            continue
        dist, ci = got
        n_ci += 1
        ok = True
        for b, p in ((lo, p_lo), (hi, p_hi)):
            q1, q2 = np.quantile(dist, [max(p - delta, 0), min(p + delta, 1)])
            tol = 1e-9 * max(1, abs(b))
            ok &= q1 - tol <= b <= q2 + tol
        width = ci.high - ci.low
        if width > 0:
            worst_rel = max(worst_rel, abs(lo - ci.low) / width, abs(hi - ci.high) / width)
        if not ok:
            bad_ci.append(key)
    tap.check(not bad_ci,
              f"95% intervals of {n_ci} pairs within scipy's bootstrap quantiles at 0.025 and 0.975 +- {delta:.4f} "
              f"(largest difference of a bound {100 * worst_rel:.1f}% of scipy's width) {bad_ci[:3]}")

    # 2. the planted effect
    planted = ("PROS03", "PROS07")
    r = view.get(planted)
    tap.check(r is not None and r[9] != "", "the planted pair (PROS03, PROS07) is tested")
    if r is None or r[9] == "":
        return
    x, y, adopters = pairs[planted]
    others = [float(view[k][9]) for k in with_p if k != planted]
    p, lo, hi = float(r[9]), float(r[7]), float(r[8])
    print(f"# planted effect PROS03 -> PROS07: adopters {', '.join(adopters)}; treated {r[4]}, control {r[5]}; "
          f"effect {float(r[6]):.4f} (planted ln 2.5 = {math.log(2.5):.4f}), 95% interval [{lo:.4f}, {hi:.4f}], "
          f"p {p:.5f} (floor {float(r[11]):.5f}), p_holm {float(r[12]):.4f}, q_bh {float(r[13]):.4f}; "
          f"next smallest p {min(others):.4f}")
    tap.check(p < min(others), f"planted pair has the smallest p-value of all {len(with_p)} pairs "
                               f"({p:.5f} < {min(others):.5f})")
    tap.check(lo <= math.log(2.5) <= hi, f"planted pair's interval [{lo:.3f}, {hi:.3f}] contains ln 2.5")
    tap.check(lo > 0, "planted pair's interval excludes 0")
    false = [k for k in tested if k != planted and (k[0] == "PROS03" or k[1] == "PROS07")
             and float(view[k][13]) < 0.05]
    n_rel = sum(1 for k in tested if k != planted and (k[0] == "PROS03" or k[1] == "PROS07"))
    tap.check(not false, f"none of the {n_rel} other tested pairs of PROS03 or PROS07 has q_bh < 0.05 {false}")


# ---------------------------------------------------------------------------
# 3. tb_dispersion_ci
# ---------------------------------------------------------------------------

def gini_simpson_counts(counts, m):
    """1 - sum (n_c / m)^2 over the columns in order, as the extension sums."""
    s = np.zeros(counts.shape[:-1])
    for c in range(counts.shape[-1]):
        p = counts[..., c] / m
        s = s + p * p
    return 1 - s


def gs_statistic(levels):
    def stat(a, axis=-1):
        a = np.moveaxis(np.asarray(a), axis, -1)
        counts = np.stack([(a == v).sum(axis=-1).astype(float) for v in levels], axis=-1)
        return gini_simpson_counts(counts, float(a.shape[-1]))
    return stat


def cv_statistic(a, axis=-1):
    return np.std(a, axis=axis) / np.abs(np.mean(a, axis=axis))


def compositions(m, k):
    """Every vector of k non-negative integers summing to m."""
    for cut in itertools.combinations(range(m + k - 1), k - 1):
        prev = -1
        out = []
        for c in cut:
            out.append(c - prev - 1)
            prev = c
        out.append(m + k - 2 - prev)
        yield out


def exact_bca(counts):
    """The exact limit of the BCa interval of Gini-Simpson from the exact
    bootstrap distribution (every count vector, multinomial probabilities):
    the estimate, and for each bound its level, the range the level can take
    by Monte Carlo error with REPS_DISP replicates (5 standard deviations of
    the share below the estimate carried through the BCa formula, and of the
    quantile, plus 3 draws for discreteness), and the value at the level."""
    m = int(sum(counts))
    k = len(counts)
    p = np.array(counts, float) / m
    comp = np.array(list(compositions(m, k)), float)
    logp = (math.lgamma(m + 1) - np.array([sum(math.lgamma(c + 1) for c in row) for row in comp])
            + (comp * np.log(np.where(p > 0, p, 1))).sum(axis=1))
    prob = np.exp(logp)
    theta = gini_simpson_counts(comp, float(m))
    est = gini_simpson_counts(np.array([counts], float), float(m))[0]
    share = prob[theta < est].sum() + 0.5 * prob[theta == est].sum()
    # the jackknife: a value of count n_c gives n_c equal leave-one-out values
    jack = []
    for c in range(k):
        cc = np.array(counts, float)
        cc[c] -= 1
        jack += [gini_simpson_counts(np.array([cc]), float(m - 1))[0]] * counts[c]
    jack = np.array(jack)
    e = jack.mean() - jack
    acc = (e ** 3).sum() / (6 * ((e ** 2).sum()) ** 1.5) if (e ** 2).sum() > 0 else 0.0
    za = ndtri((1 - LEVEL) / 2)

    def levels(s):
        z0 = ndtri(s)
        return (ndtr(z0 + (z0 + za) / (1 - acc * (z0 + za))), ndtr(z0 + (z0 - za) / (1 - acc * (z0 - za))))

    sd_share = math.sqrt(share * (1 - share) / REPS_DISP)
    bounds = []
    for j, lev in enumerate(levels(share)):
        spread = [levels(min(max(share + sg * 5 * sd_share, 1e-12), 1 - 1e-12))[j] for sg in (-1, 1)]
        sd_q = math.sqrt(lev * (1 - lev) / REPS_DISP)
        lo_lev = min(spread) - 5 * sd_q - 3 / REPS_DISP
        hi_lev = max(spread) + 5 * sd_q + 3 / REPS_DISP
        limit = theta[np.argsort(theta)][np.searchsorted(np.cumsum(prob[np.argsort(theta)]), lev)]
        bounds.append((lev, lo_lev, hi_lev, limit))

    def consistent(b, j):
        """The step of the exact distribution function at b meets bound j's level range."""
        lev, lo_lev, hi_lev, _ = bounds[j]
        below = prob[theta < b - 1e-12].sum()
        upto = prob[theta <= b + 1e-12].sum()
        return below <= hi_lev and upto >= lo_lev

    return est, bounds, consistent


def check_dispersion(db, tap):
    last = int(psql(db, "SELECT max(round_no) FROM quito.country_ratings")[0][0])
    ratings = {}
    for ind, kind, v in psql(db, f"SELECT indicator, kind, rating FROM quito.country_ratings WHERE round_no = {last} "
                                 "ORDER BY indicator, country"):
        ratings.setdefault((ind, kind), []).append(float(v))

    def ours(ind, statistic):
        r = psql(db, f"SELECT (c).estimate, (c).lower, (c).upper, (c).reps FROM "
                     f"(SELECT tb.tb_dispersion_ci(tb.tb_values(rating), '{statistic}', {REPS_DISP}, {LEVEL}, 1) c "
                     f"FROM quito.country_ratings WHERE round_no = {last} AND indicator = '{ind}') q")[0]
        return float(r[0]), num(r[1]), num(r[2]), int(r[3])

    # binary and ordinal: against the exact bootstrap distribution
    for kind in ("binary", "ordinal"):
        used = exact = 0
        bad = []
        for (ind, k), vals in sorted(ratings.items()):
            if k != kind:
                continue
            levels = sorted(set(vals))
            if len(levels) < 2:
                continue
            counts = [vals.count(v) for v in levels]
            est, bounds, consistent = exact_bca(counts)
            used += 1
            e, lo, hi, reps = ours(ind, "gini_simpson")
            x = np.array(vals)
            ref = 1 - sum((x == v).mean() ** 2 for v in levels)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = stats.bootstrap((x,), gs_statistic(levels), vectorized=True, n_resamples=REPS_DISP,
                                      confidence_level=LEVEL, method="BCa", random_state=np.random.default_rng(7))
            s_lo, s_hi = res.confidence_interval.low, res.confidence_interval.high
            ok = (abs(e - ref) <= 1e-12 and reps == REPS_DISP and consistent(lo, 0) and consistent(hi, 1)
                  and consistent(s_lo, 0) and consistent(s_hi, 1))
            same = lo == s_lo == bounds[0][3] and hi == s_hi == bounds[1][3]
            exact += same
            if not ok:
                bad.append(ind)
            print(f"# {ind} ({kind}, counts {counts}): Gini-Simpson {e:.6f}; exact BCa levels "
                  f"{bounds[0][0]:.4f} [{bounds[0][1]:.4f}, {bounds[0][2]:.4f}], "
                  f"{bounds[1][0]:.4f} [{bounds[1][1]:.4f}, {bounds[1][2]:.4f}]; limit "
                  f"[{bounds[0][3]:.6f}, {bounds[1][3]:.6f}]; tb_dispersion_ci [{lo:.6f}, {hi:.6f}]; "
                  f"scipy [{s_lo:.6f}, {s_hi:.6f}]{'' if same else ' (not all equal)'}")
        tap.check(used > 0 and not bad,
                  f"tb_dispersion_ci, {used} {kind} indicators: Gini-Simpson equals numpy's; both BCa bounds, the "
                  f"extension's and scipy's (20,000 resamples each), at a step of the exact bootstrap distribution "
                  f"that meets the exact BCa level's Monte Carlo range; {exact} of {used} intervals equal in all "
                  f"three {bad}")

    # counts, coefficient of variation: nearly continuous, scipy over 8 seeds
    used = 0
    for (ind, k), vals in sorted(ratings.items()):
        if k != "count" or used == 2:
            continue
        x = np.array(vals)
        if len(set(vals)) < len(vals) - 2 or x.mean() == 0:
            continue
        used += 1
        e, lo, hi, reps = ours(ind, "cv")
        ref = np.std(x) / abs(np.mean(x))
        tap.check(abs(e - ref) <= 1e-12 * ref, f"{ind} (count): cv {e:.12g} vs numpy {ref:.12g}")
        runs = []
        for seed in range(8):
            res = stats.bootstrap((x,), cv_statistic, vectorized=True, n_resamples=REPS_DISP, confidence_level=LEVEL,
                                  method="BCa", random_state=np.random.default_rng(100 + seed))
            runs.append((res.confidence_interval.low, res.confidence_interval.high))
        runs = np.array(runs)
        mean, sd = runs.mean(axis=0), runs.std(axis=0, ddof=1)
        tol = 4.5 * sd * math.sqrt(1 + 1 / len(runs))
        print(f"# {ind} (count, cv {e:.4f}): tb_dispersion_ci [{lo:.4f}, {hi:.4f}]; scipy over 8 seeds "
              f"[{mean[0]:.4f} +- {sd[0]:.4f}, {mean[1]:.4f} +- {sd[1]:.4f}]")
        tap.check(abs(lo - mean[0]) <= tol[0] and abs(hi - mean[1]) <= tol[1],
                  f"{ind} (count): BCa interval [{lo:.4f}, {hi:.4f}] within 4.5 sd of scipy's "
                  f"[{mean[0]:.4f}, {mean[1]:.4f}] (tolerance {tol[0]:.4f}, {tol[1]:.4f})")
    tap.check(used == 2, f"{used} count indicators checked for cv")


# ---------------------------------------------------------------------------
# 4. country_harmonization
# ---------------------------------------------------------------------------

def kalpha(units, metric):
    """Krippendorff's alpha from the coincidence matrix; units: lists of values."""
    units = [u for u in units if len(u) >= 2]
    vals = sorted({v for u in units for v in u})
    if len(vals) < 2:
        return None
    ix = {v: i for i, v in enumerate(vals)}
    o = np.zeros((len(vals), len(vals)))
    for u in units:
        m = len(u)
        cnt = np.zeros(len(vals))
        for v in u:
            cnt[ix[v]] += 1
        o += (np.outer(cnt, cnt) - np.diag(cnt)) / (m - 1)
    nc = o.sum(axis=1)
    n = nc.sum()
    v = np.array(vals)
    if metric == "nominal":
        d2 = 1.0 - np.eye(len(vals))
    elif metric == "interval":
        d2 = (v[:, None] - v[None, :]) ** 2
    else:  # ordinal: (sum of the marginals from c to k - (n_c + n_k) / 2)^2
        cum = np.concatenate([[0], np.cumsum(nc)])
        d2 = np.zeros((len(vals), len(vals)))
        for c in range(len(vals)):
            for k in range(len(vals)):
                a, b = min(c, k), max(c, k)
                d2[c, k] = (cum[b + 1] - cum[a] - (nc[c] + nc[k]) / 2) ** 2
    do = (o * d2).sum() / n
    de = (np.outer(nc, nc) * d2).sum() / (n * (n - 1))
    return 1 - do / de


def check_country_harmonization(db, tap):
    rows = psql(db, "SELECT round_no, country, kind, metric, alpha, alpha_without, influence "
                    "FROM quito.country_harmonization")
    ratings = psql(db, "SELECT round_no, country, kind, indicator, rating FROM quito.country_ratings")
    by = {}
    for r, c, k, ind, v in ratings:
        by.setdefault((int(r), k), []).append((c, ind, float(v)))

    def alpha_of(round_no, kind, metric, without=None):
        units = {}
        for c, ind, v in by[(round_no, kind)]:
            if c != without:
                units.setdefault(ind, []).append(v)
        return kalpha(list(units.values()), metric)

    groups = {}
    for r in rows:
        groups.setdefault((int(r[0]), r[2], r[3]), []).append(r)
    bad_all, bad_without, n_all, n_without, worst = [], [], 0, 0, 0.0
    for (round_no, kind, metric), rs in sorted(groups.items()):
        ref = alpha_of(round_no, kind, metric)
        n_all += 1
        if ref is None or any(abs(float(r[4]) - ref) > 1e-9 for r in rs):
            bad_all.append((round_no, kind))
        # the most and the least influential country
        rs = sorted((r for r in rs if r[6] != ""), key=lambda r: (float(r[6]), r[1]))
        for r in (rs[-1], rs[0]):
            a = alpha_of(round_no, kind, metric, without=r[1])
            n_without += 1
            d = abs(float(r[5]) - a) if a is not None else math.inf
            worst = max(worst, d)
            if d > 1e-9:
                bad_without.append((round_no, kind, r[1]))
            else:
                print(f"# round {round_no} {kind} ({metric}): alpha {ref:.6f}, without {r[1]} {a:.6f}")
    tap.check(not bad_all, f"country_harmonization: alpha of all countries equals Krippendorff's alpha from the "
                           f"coincidence matrix for {n_all} round x kind {bad_all}")
    tap.check(not bad_without, f"country_harmonization: alpha_without of {n_without} (round, kind, country), the "
                               f"most and least influential, equals the alpha recomputed without the country "
                               f"(largest difference {worst:.2g}) {bad_without}")


def main(db):
    tap = Tap()
    check_effects(db, tap)
    check_dispersion(db, tap)
    check_country_harmonization(db, tap)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
