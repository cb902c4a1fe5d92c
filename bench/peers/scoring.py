"""The scoring pipeline of bench/cases/scoring_matrix.sql the way an analyst
would write it with pandas outside the database: the responses read from
COPY ... TO STDOUT (tab separated: country, indicator, axis, direction,
weight, value; \\N for a missing value) on standard input, each indicator
min-max normalised to 0-100 over the countries with a value (reversed when
lower is better, 100 when all are equal), then per country and axis the
weighted mean of the scores present, NULL when they carry less than 80% of
the axis's weight.  Prints count(*), count(score) and the sum of the scores
rounded to 6 places, '|'-separated as psql -tA prints the bench query; on
standard error, "peer-core-ms: T", the computation alone (the export and
parsing excluded).

Usage: psql -c "COPY bench_responses (country, indicator, axis, direction, weight, value) TO STDOUT" \\
           | python3 bench/peers/scoring.py
"""
import sys
import time

import numpy as np
import pandas as pd


def scores(r):
    g = r.groupby("indicator").value
    lo, hi = g.transform("min"), g.transform("max")
    span = hi - lo
    x = np.where(r.direction == "lower", hi - r.value, r.value - lo) / span * 100
    x = np.where(span == 0, 100.0, x)
    x = np.where(r.value.isna(), np.nan, x)
    present = ~np.isnan(x)
    w = r.weight.to_numpy()
    t = pd.DataFrame({"country": r.country, "axis": r.axis, "w": w,
                      "wp": np.where(present, w, 0.0), "wx": np.where(present, w * x, 0.0)})
    s = t.groupby(["country", "axis"], sort=False)[["w", "wp", "wx"]].sum()
    return np.where(s.wp >= 0.8 * s.w, s.wx / s.wp, np.nan)


def main():
    r = pd.read_csv(sys.stdin, sep="\t", header=None, names=["country", "indicator", "axis", "direction", "weight", "value"],
                    na_values=["\\N"], dtype={"country": np.int64, "indicator": np.int64, "axis": np.int64,
                                              "direction": "category", "weight": np.float64, "value": np.float64})
    start = time.perf_counter()
    s = scores(r)
    print("peer-core-ms: %.1f" % ((time.perf_counter() - start) * 1000), file=sys.stderr)
    print("%d|%d|%.6f" % (len(s), int((~np.isnan(s)).sum()), np.nansum(s)))


if __name__ == "__main__":
    main()
