#!/usr/bin/python3
"""Fleiss' kappa and percent agreement of tb_agreement against statsmodels.

Generates ratings with a fixed seed (units with the same number of raters,
some categories unused), loads them into the database named on the command
line through psql, and compares tb_fleiss_kappa with
statsmodels.stats.inter_rater.fleiss_kappa on the same table, to 1e-9.
Prints one "ok" / "not ok" line per check.  Run with Debian's python3,
which has python3-statsmodels.
"""
import random
import subprocess
import sys

from statsmodels.stats.inter_rater import fleiss_kappa


def psql(db, sql, stdin=None):
    out = subprocess.run(["psql", "-X", "-qtA", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                         input=stdin, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main(db):
    n = 0
    failed = 0
    for seed, units, raters, cats in ((1, 50, 7, 4), (2, 300, 13, 5), (3, 1000, 3, 2)):
        rng = random.Random(seed)
        rows = []
        table = []
        for u in range(units):
            # each unit leans towards one category, so that there is some agreement
            lean = rng.randrange(cats)
            counts = [0] * cats
            for _ in range(raters):
                c = lean if rng.random() < 0.6 else rng.randrange(cats)
                counts[c] += 1
                rows.append(f"u{u}\t{c}")
            table.append(counts)
        psql(db, "DROP TABLE IF EXISTS fleiss_check; CREATE TABLE fleiss_check (unit text, v float8)")
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c",
                        "\\copy fleiss_check FROM STDIN"], input="\n".join(rows) + "\n",
                       text=True, check=True)
        ours = float(psql(db, "SELECT tb.tb_fleiss_kappa(tb.tb_agreement(unit, v)) FROM fleiss_check"))
        theirs = fleiss_kappa(table, method="fleiss")
        n += 1
        ok = abs(ours - theirs) <= 1e-9
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - Fleiss' kappa, {units} units x {raters} raters, "
              f"{cats} categories: {ours:.12f} vs statsmodels {theirs:.12f}")
    psql(db, "DROP TABLE fleiss_check")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
