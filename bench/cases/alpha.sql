-- Krippendorff's alpha (ordinal) over ratings of units by 50 raters: the
-- extension's one-pass agreement state against the plain-SQL formulation
-- (a self-join of the pairs of ratings within each unit into the
-- coincidence matrix), against the executor's floor (tb_summary over the
-- same rows: reading them and calling an aggregate) and against numpy
-- outside the database (bench/peers/alpha.py: the export, the pivot into
-- the units x raters matrix, the coincidence matrix).
--@ setup
\i bench/generate_ratings.sql
--@ check
--@ extension
SELECT round(tb.tb_alpha(tb.tb_agreement(unit, v), 'ordinal')::numeric, 9) FROM bench_ratings;
--@ floor
SELECT tb.tb_n(tb.tb_summary(v)) > 0 FROM bench_ratings;
--@ peer
psql -X -q -c "COPY bench_ratings (unit, rater, v) TO STDOUT" | /usr/bin/python3 bench/peers/alpha.py
--@ plain
WITH r AS (SELECT unit, rater, v FROM bench_ratings WHERE v IS NOT NULL),
     m AS (SELECT unit, count(*) AS mu FROM r GROUP BY unit HAVING count(*) >= 2),
     o AS (SELECT a.v AS c, b.v AS k, sum(1.0 / (m.mu - 1)) AS o
             FROM r a JOIN r b ON a.unit = b.unit AND a.rater <> b.rater JOIN m ON m.unit = a.unit
            GROUP BY a.v, b.v),
     nc AS (SELECT c, sum(o) AS n FROM o GROUP BY c),
     d AS (SELECT c1.c, c2.c AS k, c1.n AS nc, c2.n AS nk,
                  ((SELECT sum(n) FROM nc g WHERE g.c BETWEEN least(c1.c, c2.c) AND greatest(c1.c, c2.c))
                   - (c1.n + c2.n) / 2) ^ 2 AS d2
             FROM nc c1, nc c2)
SELECT round((1 - ((SELECT sum(n) FROM nc) - 1) * sum(coalesce(o.o, 0) * d.d2) / sum(d.nc * d.nk * d.d2))::numeric, 9)
  FROM d LEFT JOIN o ON o.c = d.c AND o.k = d.k;
