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
Prints TAP lines.  Run with Debian's python3.
"""
import random
import subprocess
import sys

import numpy as np
import pandas as pd


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
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
