#!/usr/bin/python3
"""tb_matrix_scores against the same composite indicator rebuilt with pandas.

A generated matrix (a fixed seed) of 30 countries by 12 indicators in 3
axes, weights 1 to 3, a third of the indicators "lower is better", about
8% of the cells missing (some as NULL rows, some as absent rows), is
loaded into the database named on the command line through psql and read
with tb_matrix_scores(tb_matrix(...), 'minmax', aggregation) for the
arithmetic and the geometric means.

pandas rebuilds the scores from the description alone: each indicator
min-max normalised to 0-100 over the countries with a value (reversed when
lower is better), each axis score the weighted mean (arithmetic, or
exp of the weighted mean of the logs, 0 when a score is 0) over the
indicators present, NULL when they carry less than 80% of the axis's
weight, the overall score the same mean of the axis scores with equal
weights under the same rule; ranks by pandas' rank(method='min',
ascending=False).  Every score must agree to 1e-9 and every rank exactly.

The same matrix's coherence (tb_matrix_coherence) is checked against
scipy: Pearson's r (scipy.stats.pearsonr) and Spearman's rho
(scipy.stats.spearmanr) of every pair of min-max normalised indicators
over the countries both have, of each indicator with its axis score and of
each axis with the overall score; Cronbach's alpha per axis from its
formula k / (k - 1) (1 - sum var_i / var_total) over the complete
countries, and the first principal component's share from numpy's
eigenvalues of the correlation matrix; tb_matrix_correlate against an
external series likewise.  A second generated matrix of skewed indicators
(lognormal, some with outliers) checks tb_matrix_treatment's skewness and
kurtosis against scipy.stats.skew and kurtosis with bias=False (e1071 type
2, COINr's), and tb_matrix_treat's values against the same winsorisation
and log rule written here in numpy; tb_matrix_impute's mean and median
against pandas.  Prints TAP lines.  Run with Debian's python3.
"""
import random
import subprocess
import sys

import numpy as np
import pandas as pd
from scipy import stats


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-qtA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def generate(seed=14):
    rng = random.Random(seed)
    inds = []
    for k in range(12):
        inds.append((f"ind{k:02d}", f"axis{k % 3}", float(1 + k % 3), "lower" if k % 3 == 1 else "higher"))
    rows = []
    for u in range(30):
        for name, axis, w, d in inds:
            r = rng.random()
            if r < 0.04:
                continue                      # absent row: missing
            value = None if r < 0.08 else round(rng.gauss(50, 15), 3)
            rows.append((f"C{u:02d}", name, value, axis, w, d))
    return inds, rows


def expected(inds, rows, agg, cov=0.8):
    cells = pd.DataFrame(rows, columns=["unit", "indicator", "value", "axis", "weight", "direction"])
    units = sorted(cells.unit.unique())
    defs = pd.DataFrame(inds, columns=["indicator", "axis", "weight", "direction"])
    grid = pd.MultiIndex.from_product([units, defs.indicator], names=["unit", "indicator"]).to_frame(index=False)
    grid = grid.merge(defs, on="indicator").merge(cells[["unit", "indicator", "value"]], on=["unit", "indicator"], how="left")
    grid["value"] = grid.value.astype(float)
    g = grid.groupby("indicator").value
    lo, hi = g.transform("min"), g.transform("max")
    s = np.where(grid.direction == "lower", (hi - grid.value) / (hi - lo), (grid.value - lo) / (hi - lo)) * 100
    grid["s"] = np.where(hi == lo, 100.0, s)
    grid.loc[grid.value.isna(), "s"] = np.nan

    def mean(df, score, weight):
        present = df[score].notna()
        wp, wt = df.loc[present, weight].sum(), df[weight].sum()
        if not present.any() or wp / wt < cov:
            return np.nan
        x, w = df.loc[present, score], df.loc[present, weight]
        if agg == "arithmetic":
            return float((w * x).sum() / wp)
        if (x == 0).any():
            return 0.0
        return float(np.exp((w * np.log(x)).sum() / wp))

    axes = grid.groupby(["unit", "axis"]).apply(lambda df: mean(df, "s", "weight")).rename("score").reset_index()
    axes["one"] = 1.0
    overall = axes.groupby("unit").apply(lambda df: mean(df, "score", "one")).rename("score").reset_index()
    overall["axis"] = ""
    out = pd.concat([axes[["unit", "axis", "score"]], overall[["unit", "axis", "score"]]])
    out["rank"] = out.groupby("axis").score.rank(method="min", ascending=False)
    return out.set_index(["unit", "axis"]).sort_index()


def main(db):
    inds, rows = generate()
    values = ", ".join(
        "('%s', '%s', %s, '%s', %r, '%s')" % (u, i, "NULL" if v is None else repr(v), a, w, d)
        for u, i, v, a, w, d in rows)
    n = 0
    failed = 0

    def check(ok, what):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")

    for agg in ("arithmetic", "geometric"):
        got = psql(db, "SELECT unit, coalesce(axis, ''), coalesce(score::text, 'NaN'), coalesce(rank::text, 'NaN') "
                       "FROM tb.tb_matrix_scores((SELECT tb.tb_matrix(u, i, v, a, w, d) FROM (VALUES %s) t(u, i, v, a, w, d)), "
                       "'minmax', '%s')" % (values, agg))
        mine = pd.DataFrame([line.split("\t") for line in got.splitlines()], columns=["unit", "axis", "score", "rank"])
        mine["score"] = mine.score.astype(float)
        mine["rank"] = mine["rank"].astype(float)
        mine = mine.set_index(["unit", "axis"]).sort_index()
        ref = expected(inds, rows, agg)
        check(list(mine.index) == list(ref.index), f"{agg}: the same {len(ref)} (unit, axis) rows")
        a, b = mine.score.reindex(ref.index), ref.score
        same_null = bool((a.isna() == b.isna()).all())
        check(same_null and int(a.isna().sum()) > 0,
              f"{agg}: the same scores are NULL under 80% coverage ({int(b.isna().sum())} of them)")
        diff = float(np.nanmax(np.abs(a - b) / np.maximum(1, np.abs(b))))
        check(same_null and diff <= 1e-9, f"{agg}: every score agrees to 1e-9 (largest difference {diff:.1e})")
        ra, rb = mine["rank"].reindex(ref.index), ref["rank"]
        check(bool(((ra == rb) | (ra.isna() & rb.isna())).all()), f"{agg}: every rank agrees (1 the best, ties the lowest)")
    matrix_sql = "(SELECT tb.tb_matrix(u, i, v, a, w, d) FROM (VALUES %s) t(u, i, v, a, w, d))" % values
    cells = pd.DataFrame(rows, columns=["unit", "indicator", "value", "axis", "weight", "direction"])
    cells["value"] = cells.value.astype(float)
    units = sorted(cells.unit.unique())
    wide = cells.pivot(index="unit", columns="indicator", values="value").reindex(units)
    lower = {name: d == "lower" for name, axis, w, d in inds}
    axis_of = {name: axis for name, axis, w, d in inds}
    norm = wide.copy()
    for c in norm.columns:
        lo, hi = wide[c].min(), wide[c].max()
        norm[c] = ((hi - wide[c]) if lower[c] else (wide[c] - lo)) / (hi - lo) * 100
    ref = expected(inds, rows, "arithmetic")
    axscore = ref.score.unstack("axis")
    got = psql(db, "SELECT kind, x, coalesce(y, ''), n, coalesce(pearson::text, 'NaN'), coalesce(spearman::text, 'NaN'), "
                   "coalesce(value::text, 'NaN') FROM tb.tb_matrix_coherence(%s)" % matrix_sql)
    coh = [line.split("\t") for line in got.splitlines()]

    def pair(a, b):
        ok = a.notna() & b.notna()
        return int(ok.sum()), stats.pearsonr(a[ok], b[ok])[0], stats.spearmanr(a[ok], b[ok])[0]

    worst_r = worst_rho = 0.0
    bad_n = 0
    counted = 0
    for kind, x, y, nn, r, rho, value in coh:
        if kind == "indicator":
            a, b = norm[x], norm[y]
        elif kind == "indicator_axis":
            a, b = norm[x], axscore[y]
        elif kind == "axis_overall":
            a, b = axscore[x], axscore[""]
        else:
            continue
        m, pr, sr = pair(a, b)
        counted += 1
        bad_n += m != int(nn)
        worst_r = max(worst_r, abs(float(r) - pr))
        worst_rho = max(worst_rho, abs(float(rho) - sr))
    check(counted == 66 + 12 + 3 and bad_n == 0,
          f"coherence: {counted} correlations (66 pairs, 12 indicator-axis, 3 axis-overall) over the same countries")
    check(worst_r <= 1e-12, f"coherence: Pearson agrees with scipy.stats.pearsonr to 1e-12 (largest difference {worst_r:.1e})")
    check(worst_rho <= 1e-12, f"coherence: Spearman agrees with scipy.stats.spearmanr to 1e-12 (largest difference {worst_rho:.1e})")
    worst_a = worst_p = 0.0
    for kind, x, y, nn, r, rho, value in coh:
        if kind not in ("alpha", "pc1_share"):
            continue
        cols = [c for c in norm.columns if axis_of[c] == x]
        comp = norm[cols].dropna()
        if kind == "alpha":
            k = len(cols)
            ref_v = k / (k - 1) * (1 - comp.var(ddof=1).sum() / comp.sum(axis=1).var(ddof=1))
            worst_a = max(worst_a, abs(float(value) - ref_v))
        else:
            ev = np.linalg.eigvalsh(np.corrcoef(comp.values, rowvar=False))
            worst_p = max(worst_p, abs(float(value) - ev.max() / len(cols)))
    check(worst_a <= 1e-12, f"coherence: Cronbach's alpha per axis is its formula to 1e-12 (largest difference {worst_a:.1e})")
    check(worst_p <= 1e-10, f"coherence: first component's share agrees with numpy's eigenvalues to 1e-10 (largest difference {worst_p:.1e})")

    # an external series, e.g. the TIP tier: half-steps 1 to 3, some missing
    rng = random.Random(7)
    ext = {u: (None if rng.random() < 0.15 else rng.choice([1, 1.5, 2, 2.5, 3])) for u in units}
    eu = "ARRAY[%s]" % ", ".join("'%s'" % u for u in units)
    ev = "ARRAY[%s]::float8[]" % ", ".join("NULL" if v is None else repr(float(v)) for v in ext.values())
    got = psql(db, "SELECT level, coalesce(name, ''), n, pearson, spearman FROM tb.tb_matrix_correlate(%s, %s, %s)"
               % (matrix_sql, eu, ev))
    es = pd.Series({u: np.nan if v is None else v for u, v in ext.items()})
    worst = 0.0
    nrows = 0
    for level, name, nn, r, rho in (line.split("\t") for line in got.splitlines()):
        a = norm[name] if level == "indicator" else axscore[name]
        m, pr, sr = pair(a, es)
        nrows += 1
        worst = max(worst, abs(float(r) - pr), abs(float(rho) - sr), 0 if m == int(nn) else 1)
    check(nrows == 16 and worst <= 1e-12,
          f"correlate: {nrows} rows against an external series agree with scipy to 1e-12 (largest difference {worst:.1e})")

    # skewed indicators: treatment
    rng = random.Random(21)
    trows = []
    for k in range(10):
        for u in range(25 + k):
            v = rng.lognormvariate(0, 0.6 + 0.25 * k)
            if u == 0 and k % 3 == 0:
                v = v * 40              # an outlier
            if u < 6 and k % 5 == 4:
                v = v * (200 + 50 * u)  # six: more than five points to winsorise
            if k % 4 == 1:
                v = -v                  # skewed to the left
            trows.append((f"C{u:02d}", f"t{k}", round(v, 6)))
    tvalues = ", ".join("('%s', '%s', %r)" % r for r in trows)
    tsql = "(SELECT tb.tb_matrix(u, i, v, 'X', 1, 'higher') FROM (VALUES %s) t(u, i, v))" % tvalues
    tdf = pd.DataFrame(trows, columns=["unit", "indicator", "value"])
    got = psql(db, "SELECT indicator, n, skew_before, kurt_before, skew_after, kurt_after, winsorised, log_applied "
                   "FROM tb.tb_matrix_treatment(%s)" % tsql)
    treated = {}
    worst = 0.0
    same_rule = 0
    kinds = {"win": 0, "log": 0, "none": 0}
    for ind, nn, s0, k0, s1, k1, nw, lg in (line.split("\t") for line in got.splitlines()):
        x = tdf[tdf.indicator == ind].sort_values("unit").value.to_numpy(dtype=float)
        worst = max(worst, abs(float(s0) - stats.skew(x, bias=False)) / max(1, abs(stats.skew(x, bias=False))),
                    abs(float(k0) - stats.kurtosis(x, bias=False)) / max(1, abs(stats.kurtosis(x, bias=False))))
        y, wins, logged = coinr_treat(x)
        treated[ind] = y
        kinds["log" if logged else ("win" if wins else "none")] += 1
        same_rule += (int(nw) == wins and (lg == "t") == logged and
                      abs(float(s1) - stats.skew(y, bias=False)) <= 1e-9 * max(1, abs(float(s1))))
    check(worst <= 1e-9, f"treatment: skewness and kurtosis before agree with scipy (bias=False) to 1e-9 ({worst:.1e})")
    check(same_rule == 10 and min(kinds.values()) > 0,
          f"treatment: points winsorised, log applied and skew after as the rule written in numpy "
          f"({kinds['win']} winsorised, {kinds['log']} log-transformed, {kinds['none']} untouched)")
    got = psql(db, "SELECT indicator, unit, value FROM tb.tb_matrix_cells(tb.tb_matrix_treat(%s))" % tsql)
    worst = 0.0
    for ind, unit, v in (line.split("\t") for line in got.splitlines()):
        worst = max(worst, abs(float(v) - treated[ind][int(unit[1:])]))
    check(worst <= 1e-12, f"treatment: every treated value as the rule written in numpy (largest difference {worst:.1e})")

    # imputation: mean and median of each indicator over the countries with a value
    ok = 0
    total = 0
    for method in ("mean", "median"):
        got = psql(db, "SELECT indicator, unit, value FROM tb.tb_matrix_cells(tb.tb_matrix_impute(%s, '%s')) WHERE imputed"
                   % (matrix_sql, method))
        fill = wide.mean() if method == "mean" else wide.median()
        missing = int(wide.isna().sum().sum())
        lines = [line.split("\t") for line in got.splitlines()]
        total += 1
        ok += len(lines) == missing and all(abs(float(v) - fill[i]) <= 1e-12 * max(1, abs(fill[i])) for i, u, v in lines)
    check(ok == total, f"imputation: mean and median fill each of the {int(wide.isna().sum().sum())} missing cells as pandas does")
    print(f"1..{n}")
    return 1 if failed else 0


def skew_fails(x, sl=2.0, kl=3.5):
    if len(x) < 4 or np.var(x) == 0:
        return False
    return not (abs(stats.skew(x, bias=False)) < sl or stats.kurtosis(x, bias=False) < kl)


def coinr_treat(x, winmax=5):
    """COINr's default treatment: winsorise the extreme value (with its ties) on the
    side of the skew while failing, up to winmax points; if still failing, log-transform
    the original values instead."""
    y = x.copy()
    wins = 0
    while skew_fails(y) and wins < winmax:
        high = stats.skew(y, bias=False) >= 0
        ext = y.max() if high else y.min()
        rest = y[y != ext]
        if len(rest) == 0:
            break
        wins += int((y == ext).sum())
        y[y == ext] = rest.max() if high else rest.min()
    if skew_fails(y):
        if stats.skew(x, bias=False) >= 0:
            return np.log(x - x.min() + 1), 0, True
        return -np.log(x.max() - x + 1), 0, True
    return y, wins, False


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
