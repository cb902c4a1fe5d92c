#!/usr/bin/python3
"""tb_sobol_design and tb_sobol_indices against numpy and scipy.

The design: tb_sobol_design(n, k, shift => false) must equal scipy's
unscrambled Sobol' sequence (scipy.stats.qmc.Sobol, Joe & Kuo's direction
numbers) in 2k dimensions, A the first k columns and B the last k, exactly:
for 1,024 samples of 3 inputs and 64 samples of 128 inputs (all 256
dimensions).  With the shift (seed 7), each dimension's 32 bits XORed with a
word of PostgreSQL's pg_prng (xoroshiro128** seeded by splitmix64, written
again here) must give the same points exactly.

The estimator, on the Ishigami function (a = 7, b = 0.1) over the design of
8,192 samples: the outputs f(A), f(B), f(A_B^i) are computed here with
numpy and passed to tb_sobol_indices.  Its first-order (Saltelli 2010) and
total-effect (Jansen 1999) indices must equal the same estimators written
here with numpy (sums by math.fsum, exactly rounded) to 1e-12 relative; the
2-D form of f_ab must give the same bits as the flat one; and the analytic
indices (S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437) must lie in
the 95% bootstrap intervals and within 3 bootstrap standard errors.  The
bootstrap itself (1,024 samples, 300 replicates, level 0.9, seed 5) is
replayed here with the same pg_prng draws: every interval bound and
standard error equal to 1e-12 relative.

Reads and writes through psql on the database named on the command line.
Prints one "ok" / "not ok" line per check.  Run with Debian's python3.
"""
import math
import subprocess
import sys

import numpy as np
from scipy.stats import qmc

M64 = (1 << 64) - 1


class PgPrng:
    """PostgreSQL's pg_prng: xoroshiro128** seeded by splitmix64."""

    def __init__(self, seed):
        s = seed & M64
        s, self.s0 = self._splitmix(s)
        s, self.s1 = self._splitmix(s)
        if self.s0 == 0 and self.s1 == 0:
            self.s0, self.s1 = 0x5851F42D4C957F2D, 0x14057B7EF767814F

    @staticmethod
    def _splitmix(s):
        s = (s + 0x9E3779B97F4A7C15) & M64
        z = s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return s, z ^ (z >> 31)

    @staticmethod
    def _rotl(x, b):
        return ((x << b) | (x >> (64 - b))) & M64

    def next(self):
        s0, s1 = self.s0, self.s1
        sx = s1 ^ s0
        val = (self._rotl((s0 * 5) & M64, 7) * 9) & M64
        self.s0 = self._rotl(s0, 24) ^ sx ^ ((sx << 16) & M64)
        self.s1 = self._rotl(sx, 37)
        return val

    def uint32(self):
        return self.next() >> 32

    def range(self, rmin, rmax):
        if rmax <= rmin:
            return rmin
        r = rmax - rmin
        shift = 63 - (r.bit_length() - 1)
        while True:
            v = self.next() >> shift
            if v <= r:
                return rmin + v


def psql(db, sql, sep=" "):
    out = subprocess.run(["psql", "-X", "-qtA", "-F", sep, "-v", "ON_ERROR_STOP=1", "-d", db, "-f", "-"],
                         input=sql, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def design(db, n, k, seed=1, shift=True):
    rows = psql(db, f"SELECT sample, matrix, input, u FROM tb.tb_sobol_design({n}, {k}, {seed}, {str(shift).lower()}) "
                    "ORDER BY sample, matrix, input").splitlines()
    a = np.zeros((n, k))
    b = np.zeros((n, k))
    for line in rows:
        s, m, i, u = line.split()
        (a if m == "A" else b)[int(s) - 1, int(i) - 1] = float(u)
    return a, b


def scipy_points(n, d):
    return qmc.Sobol(d=d, scramble=False).random(n) if n & (n - 1) == 0 else None


def ishigami(x, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * x
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def outputs(a, b):
    n, k = a.shape
    fab = np.zeros((n, k))
    for i in range(k):
        ab = a.copy()
        ab[:, i] = b[:, i]
        fab[:, i] = ishigami(ab)
    return ishigami(a), ishigami(b), fab


def estimate(fa, fb, fab, idx=None):
    """V, S_i, ST_i as tb_sobol_indices defines them (sums exactly rounded)."""
    if idx is not None:
        fa, fb, fab = fa[idx], fb[idx], fab[idx]
    n, k = fab.shape
    mean = math.fsum(np.concatenate([fa, fb])) / (2.0 * n)
    v = math.fsum(np.concatenate([(fa - mean) * (fa - mean), (fb - mean) * (fb - mean)])) / (2.0 * n)
    d = fab - fa[:, None]
    s = [math.fsum(fb * d[:, i]) / n / v for i in range(k)]
    st = [math.fsum(d[:, i] * d[:, i]) / n / 2 / v for i in range(k)]
    return v, s, st


def quantile7(x, p):
    x = sorted(x)
    h = (len(x) - 1) * p
    lo = math.floor(h)
    if lo >= len(x) - 1:
        return x[-1]
    return x[lo] + (h - lo) * (x[lo + 1] - x[lo])


def sd(x):
    m = math.fsum(x) / len(x)
    return math.sqrt(math.fsum((v - m) * (v - m) for v in x) / (len(x) - 1))


def bootstrap(fa, fb, fab, reps, level, seed):
    n, k = fab.shape
    rng = PgPrng(seed)
    bs = [[] for _ in range(k)]
    bt = [[] for _ in range(k)]
    for _ in range(reps):
        idx = np.array([rng.range(0, n - 1) for _ in range(n)])
        v, s, st = estimate(fa, fb, fab, idx)
        if not v > 0:
            continue
        for i in range(k):
            bs[i].append(s[i])
            bt[i].append(st[i])
    lo, hi = (1 - level) / 2, (1 + level) / 2
    return [(quantile7(bs[i], lo), quantile7(bs[i], hi), sd(bs[i]),
             quantile7(bt[i], lo), quantile7(bt[i], hi), sd(bt[i])) for i in range(k)]


def arr(x):
    return "'{" + ",".join(repr(float(v)) for v in np.ravel(x)) + "}'::float8[]"


def arr2(x):
    return "'{" + ",".join("{" + ",".join(repr(float(v)) for v in row) + "}" for row in x) + "}'::float8[]"


def indices(db, fa, fb, fab, reps, level=0.95, seed=1, two_d=False):
    sql = (f"SELECT input, first_order, first_order_lower, first_order_upper, total_effect, total_lower, total_upper, "
           f"first_order_se, total_se FROM tb.tb_sobol_indices({arr(fa)}, {arr(fb)}, "
           f"{arr2(fab) if two_d else arr(fab)}, {reps}, {level}, {seed}) ORDER BY input")
    return [[float(v) if v else None for v in line.split("|")] for line in psql(db, sql, "|").splitlines()]


def rel(x, y):
    return abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1e-300)


def analytic(a=7.0, b=0.1):
    pi = math.pi
    v1 = b * pi ** 4 / 5 + b * b * pi ** 8 / 50 + 0.5
    v2 = a * a / 8
    v13 = 8 * b * b * pi ** 8 / 225
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def main(db):
    n = 0
    failed = 0

    def check(ok, what):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")

    # the design against scipy's Sobol' sequence
    for ns, k in ((1024, 3), (64, 128)):
        a, b = design(db, ns, k, shift=False)
        ref = scipy_points(ns, 2 * k)
        check(np.array_equal(a, ref[:, :k]) and np.array_equal(b, ref[:, k:]),
              f"design of {ns} samples x {k} inputs, unshifted: equal to scipy's Sobol' in {2 * k} dimensions")
    a, b = design(db, 1024, 3, seed=7)
    rng = PgPrng(7)
    mask = np.array([rng.uint32() for _ in range(6)], dtype=np.uint64)
    ref = scipy_points(1024, 6)
    shifted = ((ref * 2.0 ** 32).astype(np.uint64) ^ mask).astype(np.float64) / 2.0 ** 32
    check(np.array_equal(a, shifted[:, :3]) and np.array_equal(b, shifted[:, 3:]),
          "design of 1024 x 3, seed 7: scipy's points XOR pg_prng's 32-bit words")
    check(bool(((a >= 0) & (a < 1)).all() and ((b >= 0) & (b < 1)).all()), "every u in [0, 1)")

    # the estimator on the Ishigami function, 8192 samples
    a, b = design(db, 8192, 3, seed=1)
    fa, fb, fab = outputs(a, b)
    ours = indices(db, fa, fb, fab, 1000)
    v, s, st = estimate(fa, fb, fab)
    for i in range(3):
        check(rel(ours[i][1], s[i]), f"Ishigami x{i + 1}: first order {ours[i][1]:.15g} vs numpy {s[i]:.15g}")
        check(rel(ours[i][4], st[i]), f"Ishigami x{i + 1}: total effect {ours[i][4]:.15g} vs numpy {st[i]:.15g}")
    flat0 = indices(db, fa, fb, fab, 0)
    two = indices(db, fa, fb, fab, 0, two_d=True)
    check(flat0 == two, "f_ab as an 8192 x 3 array gives the same bits as the flat array")
    check(all(r[2] is None and r[7] is None for r in flat0), "reps 0: no interval, no standard error")
    s_true, st_true = analytic()
    for i in range(3):
        r = ours[i]
        check(r[2] <= s_true[i] <= r[3] and abs(r[1] - s_true[i]) <= 3 * r[7],
              f"Ishigami x{i + 1}: analytic S {s_true[i]:.4f} in [{r[2]:.4f}, {r[3]:.4f}], "
              f"|{r[1]:.4f} - S| <= 3 se ({r[7]:.4f})")
        check(r[5] <= st_true[i] <= r[6] and abs(r[4] - st_true[i]) <= 3 * r[8],
              f"Ishigami x{i + 1}: analytic ST {st_true[i]:.4f} in [{r[5]:.4f}, {r[6]:.4f}], "
              f"|{r[4]:.4f} - ST| <= 3 se ({r[8]:.4f})")

    # the bootstrap replayed with pg_prng's draws
    a, b = design(db, 1024, 3, seed=3)
    fa, fb, fab = outputs(a, b)
    ours = indices(db, fa, fb, fab, 300, 0.9, 5)
    ref = bootstrap(fa, fb, fab, 300, 0.9, 5)
    names = ("first_order_lower", "first_order_upper", "first_order_se", "total_lower", "total_upper", "total_se")
    cols = (2, 3, 7, 5, 6, 8)
    for i in range(3):
        worst = max(abs(ours[i][c] - ref[i][j]) / abs(ref[i][j]) for j, c in enumerate(cols))
        check(all(rel(ours[i][c], ref[i][j]) for j, c in enumerate(cols)),
              f"bootstrap of 1024 x 3, 300 replicates, seed 5, input {i + 1}: {', '.join(names)} "
              f"equal to the replay (largest relative difference {worst:.1e})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
