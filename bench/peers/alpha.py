"""Krippendorff's alpha (ordinal) the way an analyst would compute it with
numpy outside the database: the ratings read from COPY ... TO STDOUT (tab
separated: unit, rater, value; \\N for a missing rating) on standard input,
pivoted into the units x raters reliability matrix, then the coincidence
matrix and alpha (Krippendorff 2011, "Computing Krippendorff's alpha-
reliability").  Prints alpha rounded to 9 places, as the bench case does; on
standard error, "peer-core-ms: T", the time from the reliability matrix to
alpha alone (the export, parsing and pivot excluded).

Usage: psql -c "COPY bench_ratings (unit, rater, v) TO STDOUT" | python3 bench/peers/alpha.py
"""
import sys
import time

import numpy as np
import pandas as pd


def alpha_ordinal(matrix):
    """matrix: units x raters, NaN where a rater gave no value."""
    values = np.unique(matrix[~np.isnan(matrix)])
    k = len(values)
    # per unit, how many times each value was given
    present = ~np.isnan(matrix)
    units = np.nonzero(present)[0]
    idx = np.searchsorted(values, matrix[present])
    counts = np.bincount(units * k + idx, minlength=matrix.shape[0] * k).reshape(-1, k).astype(float)
    m = counts.sum(axis=1)
    counts, m = counts[m >= 2], m[m >= 2]
    # coincidence matrix: o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1)
    w = counts / (m - 1)[:, None]
    o = w.T @ counts - np.diag(w.sum(axis=0))
    nc = o.sum(axis=0)
    n = nc.sum()
    # ordinal distance: (sum of the marginals from c to k, less half of the two ends)^2
    cum = np.concatenate(([0.0], np.cumsum(nc)))
    lo = np.minimum.outer(np.arange(k), np.arange(k))
    hi = np.maximum.outer(np.arange(k), np.arange(k))
    d2 = (cum[hi + 1] - cum[lo] - (nc[:, None] + nc[None, :]) / 2) ** 2
    return 1 - (n - 1) * (o * d2).sum() / (np.outer(nc, nc) * d2).sum()


def main():
    ratings = pd.read_csv(sys.stdin, sep="\t", header=None, names=["unit", "rater", "v"], na_values=["\\N"])
    matrix = ratings.pivot(index="unit", columns="rater", values="v").to_numpy(dtype=float)
    start = time.perf_counter()
    a = alpha_ordinal(matrix)
    print("peer-core-ms: %.1f" % ((time.perf_counter() - start) * 1000), file=sys.stderr)
    print("%.9f" % a)


if __name__ == "__main__":
    main()
