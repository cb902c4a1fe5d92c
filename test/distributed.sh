#!/usr/bin/env bash
# Partial aggregates travel between real servers: three throwaway clusters on
# loopback, a coordinator and two data nodes.  The data nodes hold the
# baseline's answers partitioned by country; each computes the partial
# state of every aggregate of the extension; the coordinator reads them
# through postgres_fdw (text I/O) and through binary COPY (send/recv), rolls
# them up, and must get exactly what one server computes over all the rows.
# Prints "ok" / "not ok" lines, and the results side by side in
# WORKDIR/distributed_results.txt.  Usage: test/distributed.sh WORKDIR
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
work=$1
# shellcheck source=test/tap.sh
source test/tap.sh

base=${TB_DIST_PORT:-54360}
names=(coord node1 node2)
for i in 0 1 2; do
    dir=$work/dist_${names[$i]}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    ( TB_PORT=$((base + i)) TB_SERVER_OPTS="-c listen_addresses=127.0.0.1" start_cluster "$dir" ) 2>>"$work/dist_start.err" ||
        { check "cluster ${names[$i]} starts on loopback" false; exit 0; }
done
export PGHOST=127.0.0.1 PGUSER=postgres
on() { local i=$1; shift; psql -X -qtA -v ON_ERROR_STOP=1 -p $((base + i)) -d tb "$@"; }

# Every server: the extension and the catalogue; the coordinator keeps every
# answer (the one-server reference), node1 the countries A-CW, node2 the rest.
for i in 0 1 2; do
    createdb -p $((base + i)) tb
    on $i -c "CREATE EXTENSION trafficking_baseline" -f scripts/load_baseline.sql >/dev/null
done
on 1 -c "DELETE FROM quito.responses WHERE country >= 'D'" >/dev/null
on 2 -c "DELETE FROM quito.responses WHERE country < 'D'" >/dev/null
check "the two data nodes hold every answer once" test \
    "$(( $(on 1 -c 'SELECT count(*) FROM quito.responses') + $(on 2 -c 'SELECT count(*) FROM quito.responses') ))" = \
    "$(on 0 -c 'SELECT count(*) FROM quito.responses')"

# The partial states, one view per aggregate family, on each server.
partials="
CREATE VIEW part_summary AS SELECT round_no, indicator, tb.tb_summary(value) AS s FROM quito.responses GROUP BY 1, 2;
CREATE VIEW part_composite AS SELECT r.round_no, r.indicator, tb.tb_composite(r.value, i.weight) AS s
  FROM quito.responses r JOIN quito.indicators i ON i.code = r.indicator GROUP BY 1, 2;
CREATE VIEW part_agreement AS SELECT round_no, axis, kind, tb.tb_agreement(indicator, rating) AS s
  FROM quito.country_ratings GROUP BY 1, 2, 3;
CREATE VIEW part_topk AS SELECT r.round_no, tb.tb_top_gaps_state(r.indicator || '/' || r.country,
         r.value / nullif(i.upper_bound, 0), i.weight, 5, false) AS s
  FROM quito.responses r JOIN quito.indicators i ON i.code = r.indicator WHERE i.upper_bound > 0 GROUP BY 1;
CREATE VIEW part_practices AS SELECT round_no, tb.tb_practice_union(tb.tb_practices(ARRAY[indicator])) AS s
  FROM quito.responses WHERE status = 'value' AND value = 1 GROUP BY 1;
CREATE VIEW part_values AS SELECT round_no, indicator, tb.tb_values(value) AS s FROM quito.indicator_values GROUP BY 1, 2;
"
for i in 0 1 2; do on $i -c "$partials" >/dev/null; done

# The coordinator reads the nodes' partial states through postgres_fdw (text).
on 0 >/dev/null <<SQL
CREATE EXTENSION postgres_fdw;
CREATE SCHEMA n1;
CREATE SCHEMA n2;
CREATE SERVER node1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$((base + 1))', dbname 'tb');
CREATE SERVER node2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$((base + 2))', dbname 'tb');
CREATE USER MAPPING FOR postgres SERVER node1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR postgres SERVER node2 OPTIONS (user 'postgres');
IMPORT FOREIGN SCHEMA public LIMIT TO (part_summary, part_composite, part_agreement, part_topk, part_practices, part_values)
  FROM SERVER node1 INTO n1;
IMPORT FOREIGN SCHEMA public LIMIT TO (part_summary, part_composite, part_agreement, part_topk, part_practices, part_values)
  FROM SERVER node2 INTO n2;
SQL
check "the coordinator reaches both nodes through postgres_fdw" test \
    "$(on 0 -c 'SELECT count(*) FROM n1.part_summary') -gt 0 -a $(on 0 -c 'SELECT count(*) FROM n2.part_summary') -gt 0"

# And the same partial states through binary COPY (send/recv).
on 0 -c "CREATE SCHEMA b1" -c "CREATE SCHEMA b2" >/dev/null
for t in part_summary part_composite part_agreement part_topk part_practices part_values; do
    for i in 1 2; do
        on 0 -c "CREATE TABLE b$i.$t AS SELECT * FROM n$i.$t LIMIT 0" >/dev/null
        psql -X -q -p $((base + i)) -d tb -c "\\copy (SELECT * FROM $t) TO STDOUT WITH (FORMAT binary)" |
            psql -X -q -p $base -d tb -c "\\copy b$i.$t FROM STDIN WITH (FORMAT binary)"
    done
done
check "the partial states cross in binary too" test "$(on 0 -c 'SELECT count(*) FROM b1.part_summary')" = \
    "$(on 0 -c 'SELECT count(*) FROM n1.part_summary')"

# Roll up and compare with the one-server result, through each path.
compare() {   # compare WHAT ROLLED_UP_QUERY SINGLE_SERVER_QUERY
    local what=$1 q=$2 ref=$3 p
    for p in n b; do
        local got want
        got=$(on 0 -c "${q//@/$p}" | md5sum)
        want=$(on 0 -c "$ref" | md5sum)
        check "$what: rolled up from two servers ($([ $p = n ] && echo text || echo binary)) = one server" \
            test "$got" = "$want" -a "$(on 0 -c "$ref" | wc -l)" -gt 0
    done
}
compare "tb_summary per indicator and round" \
    "SELECT round_no, indicator, tb.tb_rollup(s)::text FROM (SELECT * FROM @1.part_summary UNION ALL SELECT * FROM @2.part_summary) p GROUP BY 1, 2 ORDER BY 1, 2" \
    "SELECT * FROM part_summary ORDER BY 1, 2"
compare "tb_composite per indicator and round" \
    "SELECT round_no, indicator, tb.tb_rollup(s)::text FROM (SELECT * FROM @1.part_composite UNION ALL SELECT * FROM @2.part_composite) p GROUP BY 1, 2 ORDER BY 1, 2" \
    "SELECT * FROM part_composite ORDER BY 1, 2"
compare "tb_agreement and Krippendorff's alpha per axis and kind" \
    "SELECT round_no, axis, kind, tb.tb_rollup(s)::text, tb.tb_alpha(tb.tb_rollup(s), 'ordinal') FROM (SELECT * FROM @1.part_agreement UNION ALL SELECT * FROM @2.part_agreement) p GROUP BY 1, 2, 3 ORDER BY 1, 2, 3" \
    "SELECT round_no, axis, kind, s::text, tb.tb_alpha(s, 'ordinal') FROM part_agreement ORDER BY 1, 2, 3"
compare "tb_top_gaps state per round" \
    "SELECT round_no, tb.tb_rollup(s)::text FROM (SELECT * FROM @1.part_topk UNION ALL SELECT * FROM @2.part_topk) p GROUP BY 1 ORDER BY 1" \
    "SELECT round_no, s::text FROM part_topk ORDER BY 1"
compare "tb_practice_union per round" \
    "SELECT round_no, tb.tb_practice_union(s)::text FROM (SELECT * FROM @1.part_practices UNION ALL SELECT * FROM @2.part_practices) p GROUP BY 1 ORDER BY 1" \
    "SELECT round_no, s::text FROM part_practices ORDER BY 1"
compare "tb_values (Gini, Theil, CV) per indicator and round" \
    "SELECT round_no, indicator, tb.tb_gini(tb.tb_rollup(s)), tb.tb_theil(tb.tb_rollup(s)), tb.tb_cv(tb.tb_rollup(s)) FROM (SELECT * FROM @1.part_values UNION ALL SELECT * FROM @2.part_values) p GROUP BY 1, 2 ORDER BY 1, 2" \
    "SELECT round_no, indicator, tb.tb_gini(s), tb.tb_theil(s), tb.tb_cv(s) FROM part_values ORDER BY 1, 2"

# Side by side, for the record.
on 0 -c "SELECT 'alpha (ordinal metric) ' || p.axis || ' ' || p.kind || ', round 1: one server '
                || round(tb.tb_alpha(o.s, 'ordinal')::numeric, 9) || ', three servers ' || round(tb.tb_alpha(p.r, 'ordinal')::numeric, 9)
           FROM (SELECT round_no, axis, kind, tb.tb_rollup(s) AS r
                   FROM (SELECT * FROM n1.part_agreement UNION ALL SELECT * FROM n2.part_agreement) u GROUP BY 1, 2, 3) p
           JOIN part_agreement o USING (round_no, axis, kind)
          WHERE p.round_no = 1 AND p.kind IN ('binary', 'ordinal') ORDER BY 1" >"$work/distributed_results.txt"
on 0 -c "SELECT 'mean and sd ' || p.indicator || ', round 1: one server ' || tb.tb_mean(o.s) || ' ' || tb.tb_stddev_samp(o.s)
                || ', three servers ' || tb.tb_mean(p.r) || ' ' || tb.tb_stddev_samp(p.r)
           FROM (SELECT round_no, indicator, tb.tb_rollup(s) AS r
                   FROM (SELECT * FROM n1.part_summary UNION ALL SELECT * FROM n2.part_summary) u GROUP BY 1, 2) p
           JOIN part_summary o USING (round_no, indicator)
          WHERE p.round_no = 1 AND p.indicator IN ('PREV09', 'PROS07', 'PROT11') ORDER BY 1" >>"$work/distributed_results.txt"
for i in 0 1 2; do stop_cluster "$work/dist_${names[$i]}"; done
