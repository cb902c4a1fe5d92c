#!/usr/bin/env bash
# Faults: a crash, a cancel, a timeout, an aggregate short of memory, a full
# disk or a crash during an upgrade, in the middle of a job, loses nothing
# and doubles nothing.  On throwaway clusters of its own (ports
# TB_FAULTS_PORT and the next one, default 54381-54382; a tmpfs of 64 MB for
# the full disk, unmounted on exit), with a ledger kept outside the
# database: a loader writes an answer to its ledger file only once psql said
# COMMIT succeeded, and resubmits every answer it was not told had
# committed.  Prints numbered "ok" / "not ok" lines and each scenario's
# figures.  Randomness is seeded (TB_FAULTS_SEED to repeat a run).
# Usage: test/faults.sh [--long]   (short: about 2 minutes; --long: more
# crashes, longer loads)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# shellcheck source=test/tap.sh
source test/tap.sh

long=0
[ "${1:-}" = --long ] && long=1
seed=${TB_FAULTS_SEED:-$(( $(date +%s) % 1000000 ))}
RANDOM=$seed
echo "# seed $seed (TB_FAULTS_SEED=$seed repeats the random choices; the timing of a server is its own)"
echo "# mode: $([ $long = 1 ] && echo long || echo short)"

port=${TB_FAULTS_PORT:-54381}
work=$(mktemp -d /tmp/tb_faults.XXXXXX)
chmod 755 "$work"
main=$work/main
disk=$work/disk
mnt=$work/tmpfs
mounted=0
# the clusters' owner: postgres when we are root (see as_owner)
if [ "$(id -u)" = 0 ]; then owner=postgres; else owner=$(id -un); fi
failures=0
bg_pids=()

cleanup() {
    local p
    for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
    for d in "$main" "$disk"; do
        [ -d "$d/data" ] && as_owner "$PG_BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1
    done
    if [ "$mounted" = 1 ]; then as_root umount "$mnt" 2>/dev/null || as_root umount -l "$mnt" 2>/dev/null; mounted=0; fi
    if [ "$failures" -eq 0 ]; then rm -rf "$work"; else echo "# logs kept in $work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# chk DESCRIPTION COMMAND...: tap.sh's numbered line, counted for the exit status
chk() {
    check "$@" >"$work/chk"
    cat "$work/chk"
    grep -q '^not ok' "$work/chk" && failures=$((failures + 1))
    return 0
}
now() { date +%s.%N; }
rnd() { echo $((RANDOM % ($2 - $1 + 1) + $1)); }       # rnd LO HI: an integer
frac() { awk -v a="$1" -v r="$RANDOM" 'BEGIN { printf "%.3f", a * r / 32767 }'; }   # frac X: in [0, X]
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d faults "$@"; }

# --- the clusters ------------------------------------------------------------
# use_cluster DIR PORT: start it if needed and point PG* at it
use_cluster() {
    TB_PORT=$2 TB_SERVER_OPTS="-c autovacuum=off -c max_parallel_workers_per_gather=0 ${3:-}" \
        start_cluster "$1" 2>>"$work/clusters.log"
    export PGHOST=$1/socket PGPORT=$2 PGUSER=postgres
}
wait_up() {   # until the server accepts connections again (crash recovery), at most 120 s
    local i
    for ((i = 0; i < 600; i++)); do
        psql -X -qtA -d postgres -c "SELECT 1" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}
crashes_immediate=0
crashes_kill=0
# crash KIND [PID]: "immediate": pg_ctl stop -m immediate, then start again;
# "kill": SIGKILL to one backend (PID, or any client backend), which makes
# the postmaster end every backend and recover
crash() {
    if [ "$1" = immediate ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$main/data" -m immediate -w stop >/dev/null 2>&1
        crashes_immediate=$((crashes_immediate + 1))
        sleep "0.$(rnd 1 9)"
        use_cluster "$main" "$port"
    else
        local pid=${2:-}
        [ -n "$pid" ] || pid=$(q -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'
                                       AND pid <> pg_backend_pid() ORDER BY state = 'active' DESC, random() LIMIT 1" 2>/dev/null)
        local r0 i
        r0=$(recoveries)
        kill -KILL "$pid" 2>/dev/null
        # a backend that was ending already (a zombie ignores the signal):
        # the checkpointer instead, always there
        for ((i = 0; i < 30; i++)); do [ "$(recoveries)" -gt "$r0" ] && break; sleep 0.1; done
        [ "$(recoveries)" -gt "$r0" ] ||
            kill -KILL "$(q -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")"
        crashes_kill=$((crashes_kill + 1))
        sleep 0.5
    fi
    wait_up
}
recoveries() { grep -c 'automatic recovery in progress' "$main/server.log"; }

use_cluster "$main" "$port"
createdb faults
q -c "CREATE EXTENSION trafficking_baseline" -f scripts/load_baseline.sql >/dev/null
q >/dev/null <<'SQL'
-- Every answer a loader submits is a key: round 1000 + k / keys, the k % keys-th
-- (institution, survey indicator); every 23rd is unparseable on purpose, and
-- the 7 given to every numeric indicator is out of bounds for some.
CREATE TABLE faults_keys AS
SELECT row_number() OVER (ORDER BY i.code, d.code) - 1 AS k, i.code AS institution, i.country, i.lang,
       d.code AS indicator, d.kind
  FROM quito.institutions i CROSS JOIN quito.indicators d WHERE d.source = 'survey';
CREATE UNIQUE INDEX ON faults_keys (k);
CREATE FUNCTION faults_answers(ks bigint[])
RETURNS TABLE (key bigint, round text, country text, institution text, indicator text, lang text, answer text)
LANGUAGE sql STABLE AS $$
    SELECT x, (1000 + x / n)::text, k.country, k.institution, k.indicator, k.lang,
           CASE WHEN x % 23 = 0 THEN 'muchos' WHEN k.kind = 'binary' THEN 'Sí' WHEN k.kind = 'ordinal' THEN 'Parcial' ELSE '7' END
      FROM unnest(ks) x, (SELECT count(*) AS n FROM faults_keys) c, faults_keys k WHERE k.k = x % c.n
$$;
-- only the rounds used: every round declared costs the refresh some time
INSERT INTO quito.rounds SELECT r, 'Faults ' || r, '2023-06-30'
  FROM (SELECT generate_series(1000, 1039) UNION ALL SELECT generate_series(2000, 2015)
        UNION ALL SELECT generate_series(3000, 3009) UNION ALL SELECT generate_series(3100, 3123)) g(r);
CREATE TABLE faults_imp_0 (LIKE quito.response_import INCLUDING ALL);
CREATE TABLE faults_imp_1 (LIKE quito.response_import INCLUDING ALL);
CREATE TABLE faults_imp_2 (LIKE quito.response_import INCLUDING ALL);
CREATE TABLE faults_imp_3 (LIKE quito.response_import INCLUDING ALL);
-- The BI tables in one line, floats to 9 decimals (a plan's order of
-- summation moves the last bits, nothing else).
CREATE FUNCTION faults_bi() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT count(*) || ':' || md5(string_agg(regexp_replace(x, '(\.[0-9]{9})[0-9]+', '\1', 'g'), E'\n' ORDER BY x))
      FROM (SELECT 's' || t::text FROM quito.bi_scores t UNION ALL SELECT 'c' || t::text FROM quito.bi_country_scores t
            UNION ALL SELECT 'h' || t::text FROM quito.bi_harmonization t UNION ALL SELECT 'g' || t::text FROM quito.bi_gaps t
            UNION ALL SELECT 'p' || t::text FROM quito.bi_priorities t UNION ALL SELECT 'v' || t::text FROM quito.bi_coverage t
            UNION ALL SELECT 'i' || t::text FROM quito.bi_indicator_summaries t) q(x)
$$;
SQL
nkeys=$(q -c "SELECT count(*) FROM faults_keys")

# ============================================================================
# 1. Crash mid-load
# ============================================================================
echo "# 1. crash mid-load: 4 loaders, each transaction 4 answers into the loader's import table and tb_load_responses"
loaders=4
batch=4
# loader I: batches of keys I, I + 4, ... until the stop file; a batch is
# retried until psql says COMMIT succeeded; then, and only then, its keys go
# to the ledger.  A failed attempt is recorded as resubmitted.
loader() {
    local i=$1 b=0 t out rc ks key
    while [ ! -e "$work/stop" ]; do
        ks=""
        for ((key = (b * loaders + i) * batch; key < (b * loaders + i + 1) * batch; key++)); do ks+="${ks:+,}$key"; done
        t=1
        while :; do
            out=$(PGAPPNAME=tbf_loader$i PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -d faults 2>&1 <<SQL
BEGIN;
INSERT INTO faults_imp_$i (round, country, institution, indicator, lang, answer)
SELECT round, country, institution, indicator, lang, answer FROM faults_answers('{$ks}');
SELECT count(*) FROM quito.tb_load_responses('faults L$i B$b T$t', 'faults_imp_$i');
COMMIT;
\echo tbf-committed
SQL
)
            rc=$?
            if [ "$rc" = 0 ] && grep -q '^tbf-committed$' <<<"$out"; then
                tr ',' '\n' <<<"$ks" >>"$work/ledger.$i"
                break
            fi
            echo "$b $t $ks" >>"$work/resubmitted.$i"
            t=$((t + 1))
            sleep "0.$(rnd 1 5)"
        done
        b=$((b + 1))
    done
}
if [ $long = 1 ]; then n_crash=20; else n_crash=4; fi
started=$(now)
rm -f "$work/stop"
for ((i = 0; i < loaders; i++)); do loader $i & bg_pids+=($!); done
rec0=$(recoveries)
sleep 2
for ((c = 0; c < n_crash; c++)); do
    sleep "$(rnd 1 3).$(rnd 0 9)"
    if ((c % 2 == 0)); then
        crash immediate
    else
        # a backend that is loading, if one is
        crash kill "$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'tbf_loader%' AND state = 'active'
                             ORDER BY random() LIMIT 1" 2>/dev/null)"
    fi
done
sleep 2
touch "$work/stop"
wait "${bg_pids[@]}"
bg_pids=()
load_seconds=$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')
rec1=$(recoveries)

cat "$work"/ledger.* >"$work/ledger"
cat "$work"/resubmitted.* >"$work/resubmitted" 2>/dev/null || : >"$work/resubmitted"
q -c "CREATE TABLE faults_ledger (key bigint)" -c "\copy faults_ledger FROM '$work/ledger'"
q >/dev/null <<'SQL'
CREATE TABLE faults_expected AS SELECT a.* FROM faults_ledger l, faults_answers(ARRAY[l.key]) a;
CREATE TABLE faults_found AS
SELECT e.key,
       (SELECT count(*) FROM quito.responses r WHERE r.round_no = e.round::integer AND r.institution = e.institution
           AND r.indicator = e.indicator AND r.raw_answer = e.answer) AS loaded,
       (SELECT count(*) FROM quito.rejects j WHERE j.round_raw = e.round AND j.institution_raw = e.institution
           AND j.indicator_raw = e.indicator AND j.raw_answer = e.answer AND j.reason <> '') AS rejected
  FROM faults_expected e;
SQL
answers=$(q -c "SELECT count(*) FROM faults_ledger")
distinct_answers=$(q -c "SELECT count(DISTINCT key) FROM faults_ledger")
resub_answers=$(awk '{ n += split($3, a, ",") } END { print n + 0 }' "$work/resubmitted")
lost=$(q -c "SELECT count(*) FROM faults_found WHERE loaded + rejected = 0")
doubled=$(q -c "SELECT count(*) FROM faults_found WHERE loaded + rejected > 1")
n_loaded=$(q -c "SELECT count(*) FROM faults_found WHERE loaded = 1 AND rejected = 0")
n_rejected=$(q -c "SELECT count(*) FROM faults_found WHERE rejected = 1 AND loaded = 0")
unasked=$(q -c "SELECT (SELECT count(*) FROM quito.responses r WHERE r.round_no BETWEEN 1000 AND 1999 AND NOT EXISTS
                          (SELECT 1 FROM faults_expected e WHERE e.round::integer = r.round_no AND e.institution = r.institution
                              AND e.indicator = r.indicator))
             + (SELECT count(*) FROM quito.rejects j WHERE j.round_raw ~ '^1[0-9]{3}$' AND NOT EXISTS
                          (SELECT 1 FROM faults_expected e WHERE e.round = j.round_raw AND e.institution = j.institution_raw
                              AND e.indicator = j.indicator_raw))")
read -r n_loads bad_sum half_recorded sum_first in_doubt_committed <<<"$(q -F ' ' -c "
    SELECT count(*), count(*) FILTER (WHERE rows_read <> loaded + duplicates + rejected),
           count(*) FILTER (WHERE loaded <> (SELECT count(*) FROM quito.responses r WHERE r.load_id = l.load_id)
                               OR rejected <> (SELECT count(*) FROM quito.rejects j WHERE j.load_id = l.load_id)
                               OR rows_read = 0),
           sum(loaded + rejected), coalesce(sum(duplicates), 0)
      FROM quito.loads l WHERE label LIKE 'faults L%'")"
stranded=$(q -c "SELECT (SELECT count(*) FROM faults_imp_0) + (SELECT count(*) FROM faults_imp_1)
                      + (SELECT count(*) FROM faults_imp_2) + (SELECT count(*) FROM faults_imp_3)")
chk "crash mid-load: $n_crash crashes ($crashes_immediate immediate stops, $crashes_kill backends killed), each followed by crash recovery" \
    test "$((rec1 - rec0))" = "$n_crash"
chk "crash mid-load: answers were submitted and told committed ($answers)" test "$answers" -gt 0
chk "crash mid-load: no answer told committed twice (the ledger holds each once)" test "$distinct_answers" = "$answers"
chk "crash mid-load: lost 0 (every answer in the ledger is loaded or rejected with its reason)" test "$lost" = 0
chk "crash mid-load: doubled 0 (none loaded or rejected twice)" test "$doubled" = 0
chk "crash mid-load: no answer or reject appeared that was not submitted" test "$unasked" = 0
chk "crash mid-load: rows_read = loaded + duplicates + rejected in every one of the $n_loads loads" test "$bad_sum" = 0
chk "crash mid-load: no load half-recorded (its loaded and rejected rows are all there)" test "$half_recorded" = 0
chk "crash mid-load: the loads' loaded + rejected add up to the ledger" test "$sum_first" = "$answers"
chk "crash mid-load: nothing left in the import tables" test "$stranded" = 0
echo "# figures, crash mid-load: $load_seconds s, $loaders loaders, crashes $n_crash ($crashes_immediate pg_ctl stop -m immediate, $crashes_kill SIGKILL of a backend);"
echo "#   answers $answers (loaded $n_loaded, rejected with a reason $n_rejected) in $n_loads loads;"
echo "#   resubmitted $resub_answers answers (not told committed), of which $in_doubt_committed had in fact committed (found as duplicates); lost: $lost, doubled: $doubled"

# ============================================================================
# 2. Crash mid-refresh
# ============================================================================
echo "# 2. crash mid-refresh: tb_refresh() over every round, the server stopped or the refresh's backend killed"
if [ $long = 1 ]; then n_rounds=16; n_iter=10; else n_rounds=4; n_iter=3; fi
# rounds 2000.. answered in full (round 0's answers again), to give the refresh work
q >/dev/null <<SQL
INSERT INTO faults_imp_0 (round, country, institution, indicator, lang, answer)
SELECT (2000 + g)::text, r.country, r.institution, r.indicator, NULL, r.raw_answer
  FROM quito.responses r, generate_series(0, $n_rounds - 1) g WHERE r.round_no = 0;
SELECT count(*) FROM quito.tb_load_responses('faults refresh rounds', 'faults_imp_0');
SELECT count(*) FROM quito.tb_refresh();
SQL
ref_prev=0
ref_new=0
ref_ok=0
ref_next_ok=0
ref_log_clean=0
ref_ms=""
for ((it = 0; it < n_iter; it++)); do
    # something new to refresh: 40 answers of a round of their own, and every round marked
    q >/dev/null <<SQL
INSERT INTO faults_imp_0 (round, country, institution, indicator, lang, answer)
SELECT round, country, institution, indicator, lang, answer
  FROM faults_answers(ARRAY(SELECT (2000 + $it)::bigint * $nkeys + g FROM generate_series(0, 39) g));
SELECT count(*) FROM quito.tb_load_responses('faults refresh $it', 'faults_imp_0');
INSERT INTO quito.refresh_pending SELECT DISTINCT round_no FROM quito.responses ON CONFLICT DO NOTHING;
SQL
    before=$(q -c "SELECT faults_bi()")
    # the new rows, from the same refresh rolled back, and how long it takes
    read -r after ms <<<"$(q -F ' ' <<'SQL'
BEGIN;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT count(*) FROM quito.tb_refresh() \gset
SELECT faults_bi(), round((extract(epoch FROM clock_timestamp()) - :t0) * 1000);
ROLLBACK;
SQL
)"
    ref_ms+="${ref_ms:+ }$ms"
    log0=$(q -c "SELECT coalesce(max(refresh_id), 0) FROM quito.refresh_log")
    PGAPPNAME=tbf_refresh psql -X -qtA -d faults -c "SELECT count(*) FROM quito.tb_refresh()" >/dev/null 2>&1 &
    rp=$!
    bg_pids=("$rp")
    sleep "$(frac "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')")"
    if ((it % 2 == 0)); then
        crash immediate
    else
        crash kill "$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'tbf_refresh'" 2>/dev/null)"
    fi
    wait "$rp"
    bg_pids=()
    read -r logged unfinished <<<"$(q -F ' ' -c "SELECT count(*) FILTER (WHERE refresh_id > $log0),
                                                       count(*) FILTER (WHERE finished_at IS NULL) FROM quito.refresh_log")"
    now_bi=$(q -c "SELECT faults_bi()")
    [ "$unfinished" = 0 ] && ref_log_clean=$((ref_log_clean + 1))
    if [ "$logged" = 0 ] && [ "$now_bi" = "$before" ]; then
        ref_prev=$((ref_prev + 1)); ref_ok=$((ref_ok + 1))
    elif [ "$logged" = 1 ] && [ "$now_bi" = "$after" ]; then
        ref_new=$((ref_new + 1)); ref_ok=$((ref_ok + 1))
    else
        echo "# refresh $it: log rows added $logged, BI before $before, expected after $after, found $now_bi"
    fi
    q -c "SELECT count(*) FROM quito.tb_refresh()" >/dev/null
    [ "$(q -c "SELECT faults_bi()")" = "$after" ] &&
        [ "$(q -c "SELECT count(*) FROM quito.refresh_log WHERE finished_at IS NULL")" = 0 ] &&
        [ "$before" != "$after" ] && ref_next_ok=$((ref_next_ok + 1))
done
chk "crash mid-refresh: after each of $n_iter crashes the BI tables hold the previous rows (no refresh logged) or the new ones (the refresh logged)" \
    test "$ref_ok" = "$n_iter"
chk "crash mid-refresh: the refresh log never holds a refresh half done (no finished_at missing)" test "$ref_log_clean" = "$n_iter"
chk "crash mid-refresh: the next refresh completes, with the new rows" test "$ref_next_ok" = "$n_iter"
echo "# figures, crash mid-refresh: $n_iter crashes during a refresh of every round with answers, taking $ref_ms ms;"
echo "#   found afterwards: previous rows $ref_prev, new rows $ref_new, neither 0; next refresh completed $ref_next_ok of $n_iter"

# ============================================================================
# 3. Cancel and timeout
# ============================================================================
echo "# 3. cancel (pg_cancel_backend) and statement_timeout during a load, a refresh, a large aggregate, a long fold"
# session APPNAME SETUP JOB: one session running SETUP, then JOB, then a
# statement saying it is usable; prints the session's output in $work/session.out
session() {
    PGAPPNAME=$1 psql -X -qtA -d faults >"$work/session.out" 2>&1 <<SQL
\set VERBOSITY verbose
$2
/* tbf-job */ $3
RESET statement_timeout;
SELECT 'usable ' || extract(epoch FROM clock_timestamp());
SQL
}
# cancel_after APPNAME SECONDS: SECONDS after the session's job started,
# cancel it; prints the time it was cancelled (epoch), or nothing if it was
# not running
cancel_after() {
    local i j="application_name = '$1' AND state = 'active' AND query LIKE '/* tbf-job */%'"
    for ((i = 0; i < 250; i++)); do
        [ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE $j")" = 1 ] && break
        sleep 0.02
    done
    sleep "$2"
    q -c "SELECT extract(epoch FROM clock_timestamp()) FROM pg_stat_activity WHERE $j AND pg_cancel_backend(pid)"
}
cancelled_cleanly() { grep -q '57014' "$work/session.out" && grep -q '^usable ' "$work/session.out"; }
usable_at() { sed -n 's/^usable //p' "$work/session.out"; }
max_latency=0
cancels=0
timeouts=0
slow=0
# one_fault APPNAME KIND WINDOW_S JOB [MAX_S]: cancel or time out JOB at a
# random moment in the first half of its WINDOW_S seconds; 0 if it ended
# cleanly (57014, usable) and a cancel ended it within MAX_S (default 1) s
one_fault() {
    local app=$1 kind=$2 win=$3 job=$4 max=${5:-1} at t lat
    # a random moment in the first half of the job
    at=$(awk -v w="$win" -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.05 + (0.5 * w - 0.05) * r / 32767 }')
    if [ "$kind" = timeout ]; then
        timeouts=$((timeouts + 1))
        session "$app" "SET statement_timeout = '$(awk -v a="$at" 'BEGIN { printf "%d", a * 1000 }')ms';" "$job"
        cancelled_cleanly
        return
    fi
    cancels=$((cancels + 1))
    session "$app" "" "$job" &
    local sp=$!
    t=$(cancel_after "$app" "$at")
    wait "$sp"
    cancelled_cleanly || return 1
    [ -n "$t" ] || return 1
    lat=$(awk -v a="$t" -v b="$(usable_at)" 'BEGIN { printf "%.3f", b - a }')
    max_latency=$(awk -v a="$max_latency" -v b="$lat" 'BEGIN { print (b > a) ? b : a }')
    awk -v l="$lat" 'BEGIN { exit !(l < 1) }' || slow=$((slow + 1))
    awk -v l="$lat" -v m="$max" 'BEGIN { exit !(l < m) }'
}
if [ $long = 1 ]; then n_each=4; else n_each=1; fi

# a load of 24 rounds answered in full, about 30,000 rows, in its own import table
q >/dev/null <<'SQL'
CREATE TABLE faults_big (LIKE quito.response_import INCLUDING ALL);
INSERT INTO faults_big (round, country, institution, indicator, lang, answer)
SELECT (3100 + g)::text, r.country, r.institution, r.indicator, NULL, r.raw_answer
  FROM quito.responses r, generate_series(0, 11) g WHERE r.round_no = 0;
SQL
big_rows=$(q -c "SELECT count(*) FROM faults_big")
load_state() { q -c "SELECT (SELECT count(*) FROM quito.loads) || '/' || (SELECT count(*) FROM faults_big) || '/' ||
                            (SELECT count(*) FROM quito.responses) || '/' || (SELECT count(*) FROM quito.rejects)"; }
ls0=$(load_state)
t0=$(now)
q -c "BEGIN" -c "SELECT count(*) FROM quito.tb_load_responses('faults timing', 'faults_big')" -c "ROLLBACK" >/dev/null
load_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
ok_load=0
for ((k = 0; k < n_each; k++)); do
    for kind in cancel timeout; do
        one_fault tbf_cancel $kind "$load_s" "SELECT * FROM quito.tb_load_responses('faults big', 'faults_big');" &&
            [ "$(load_state)" = "$ls0" ] && ok_load=$((ok_load + 1))
    done
done
chk "cancel and timeout during a load ($load_s s, $big_rows rows), $((2 * n_each)) times: 57014, the session usable, nothing written, the import table kept" \
    test "$ok_load" = $((2 * n_each))
q -c "SELECT count(*) FROM quito.tb_load_responses('faults big', 'faults_big')" >/dev/null
read -r big_read big_sum <<<"$(q -F ' ' -c "SELECT rows_read, loaded + duplicates + rejected FROM quito.loads WHERE label = 'faults big'")"
chk "the same load then completes: every row once ($big_rows read, loaded + duplicates + rejected = $big_sum)" \
    test "$big_read" = "$big_rows" -a "$big_sum" = "$big_rows"

# a refresh of every round
q -c "INSERT INTO quito.refresh_pending SELECT generate_series(2000, 2000 + $n_rounds - 1) ON CONFLICT DO NOTHING"
ref_state() { q -c "SELECT faults_bi() || '/' || (SELECT count(*) FROM quito.refresh_log) || '/' || (SELECT count(*) FROM quito.refresh_pending)"; }
rs0=$(ref_state)
ms=$(q <<'SQL'
BEGIN;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT count(*) FROM quito.tb_refresh() \gset
SELECT round((extract(epoch FROM clock_timestamp()) - :t0) * 1000);
ROLLBACK;
SQL
)
refresh_s=$(awk -v m="$ms" 'BEGIN { printf "%.2f", m / 1000 }')
ok_ref=0
for ((k = 0; k < n_each; k++)); do
    for kind in cancel timeout; do
        one_fault tbf_cancel $kind "$refresh_s" "SELECT count(*) FROM quito.tb_refresh();" &&
            [ "$(ref_state)" = "$rs0" ] && ok_ref=$((ok_ref + 1))
    done
done
chk "cancel and timeout during a refresh ($refresh_s s), $((2 * n_each)) times: 57014, the session usable, BI tables, log and pending rounds unchanged" \
    test "$ok_ref" = $((2 * n_each))
q -c "SELECT count(*) FROM quito.tb_refresh()" >/dev/null
chk "the refresh then completes (nothing left pending, logged as finished)" \
    test "$(q -c "SELECT (SELECT count(*) FROM quito.refresh_pending) + (SELECT count(*) FROM quito.refresh_log WHERE finished_at IS NULL)")" = 0

# a large aggregate: Krippendorff's alpha over 7.5 million ratings, about 10 s
agg="SELECT tb.tb_alpha_interval('u' || (g % 1000), (g::bigint * 7919 % 1000003)::float8) FROM generate_series(1, 7500000) g;"
agg_s=""
if [ $long = 1 ]; then
    t0=$(now); q -c "$agg" >/dev/null; agg_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    echo "# the large aggregate, not cancelled, takes $agg_s s"
fi
ok_agg=0
for ((k = 0; k < n_each; k++)); do
    for kind in cancel timeout; do
        one_fault tbf_cancel $kind 10 "$agg" && ok_agg=$((ok_agg + 1))
    done
done
chk "cancel and timeout during a large aggregate (7.5 million ratings${agg_s:+, $agg_s s}), $((2 * n_each)) times: 57014 within a second, the session usable" \
    test "$ok_agg" = $((2 * n_each))
# one long C call: folding 66 MB of accented text
q -c "CREATE TABLE faults_text AS SELECT repeat('Ñandú Ç ', 6000000) AS t" >/dev/null
t0=$(now); q -c "SELECT octet_length(tb.tb_fold(t)) FROM faults_text" >/dev/null
fold_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
chk "cancels during a load, a refresh and a large aggregate each ended them within a second (slowest $max_latency s)" \
    test "$slow" = 0
# one long C call: tb_fold's ICU steps (case folding, NFKD, NFC over the
# whole text) cannot be interrupted; a cancel waits for the step under way
ok_fold=0
max_latency=0
slow=0
for ((k = 0; k < 2 * n_each; k++)); do
    one_fault tbf_cancel cancel "$fold_s" "SELECT octet_length(tb.tb_fold(t)) FROM faults_text;" "$fold_s" && ok_fold=$((ok_fold + 1))
done
fold_latency=$max_latency
chk "cancel during one long C call (tb_fold of 66 MB, $fold_s s), $((2 * n_each)) times: 57014 before the call would have ended (slowest $fold_latency s)" \
    test "$ok_fold" = $((2 * n_each))
# Monte Carlo and bootstrap calls: every function of the library whose C
# symbol or name says so, called with a million replicates on a state of
# 200,000 ratings (in 500 units; one unit for the dispersion of one
# indicator), cancelled and timed out like the others
mapfile -t boot < <(q -c "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                           WHERE n.nspname = 'tb' AND (p.prosrc ~* '(bootstrap|monte|carlo)' OR p.proname ~* '(bootstrap|monte|carlo)')
                             AND 'reps' = ANY (p.proargnames) ORDER BY 1")
if [ ${#boot[@]} = 0 ]; then
    echo "# no Monte Carlo or bootstrap function exists yet: none cancelled"
    boot_desc="Monte Carlo and bootstrap: none exist yet"
else
    q -c "CREATE TABLE faults_state AS SELECT tb.tb_agreement('u' || (g % 500), (g % 5)::float8) AS a FROM generate_series(1, 200000) g" \
      -c "CREATE TABLE faults_values AS SELECT tb.tb_values((g % 1000)::float8) AS a FROM generate_series(1, 200000) g" >/dev/null
    ok_boot=0
    slow_before=$slow
    for f in "${boot[@]}"; do
        for kind in cancel timeout; do
            state=faults_state
            [ "$f" = tb_dispersion_ci ] && state=faults_values
            one_fault tbf_cancel $kind 4 "SELECT (tb.$f(a, reps => 1000000)).* FROM $state;" && ok_boot=$((ok_boot + 1))
        done
    done
    chk "cancel and timeout during each bootstrap call (${boot[*]}, a million replicates): 57014 within a second, the session usable" \
        test "$ok_boot" = $((2 * ${#boot[@]})) -a "$slow" = "$slow_before"
    boot_desc="bootstrap: ${boot[*]}"
fi
# the permutation test and bootstrap of the difference in differences: a
# state of 200 countries (no exact enumeration), a million relabellings
if [ -n "$(q -c "SELECT to_regprocedure('tb.tb_did_effect(tb.tb_did, integer, double precision, bigint)')")" ]; then
    q -c "CREATE TABLE faults_did AS SELECT tb.tb_did(g % 2 = 0, g::float8, (g * 1.1 + g % 7)::float8) AS s
          FROM generate_series(1, 200) g" >/dev/null
    ok_did=0
    slow_before=$slow
    for kind in cancel timeout; do
        one_fault tbf_cancel $kind 3 "SELECT (tb.tb_did_effect(s, reps => 1000000)).* FROM faults_did;" && ok_did=$((ok_did + 1))
    done
    chk "cancel and timeout during tb_did_effect (200 countries, a million relabellings): 57014 within a second, the session usable" \
        test "$ok_did" = 2 -a "$slow" = "$slow_before"
    boot_desc="$boot_desc; Monte Carlo: tb_did_effect"
fi
# the Monte Carlo of the indicator matrix's ranks and its Sobol indices:
# 200 units x 1,000 indicators, 20,000 runs (about 10 s) and 10,000 x 7
# runs (about 35 s)
if [ -n "$(q -c "SELECT to_regprocedure('tb.tb_matrix_uncertainty(tb.tb_matrix, integer, double precision, bigint)')")" ]; then
    q -c "CREATE TABLE faults_matrix AS SELECT tb.tb_matrix('c' || c, 'i' || i, ((c * 7919 + i * 104729) % 1000)::float8,
          'ax' || (i % 4), 1 + i % 3, CASE WHEN i % 5 = 0 THEN 'lower' ELSE 'higher' END) AS m
          FROM generate_series(1, 200) c, generate_series(1, 1000) i" >/dev/null
    ok_mx=0
    slow_before=$slow
    for kind in cancel timeout; do
        one_fault tbf_cancel $kind 3 "SELECT count(*) FROM faults_matrix, tb.tb_matrix_uncertainty(m, 20000);" && ok_mx=$((ok_mx + 1))
        one_fault tbf_cancel $kind 3 "SELECT count(*) FROM faults_matrix, tb.tb_matrix_sensitivity(m, 10000, 0.25, 1, 0);" &&
            ok_mx=$((ok_mx + 1))
    done
    chk "cancel and timeout during tb_matrix_uncertainty (200 x 1,000, 20,000 runs) and tb_matrix_sensitivity (70,000 runs): 57014 within a second, the session usable" \
        test "$ok_mx" = 4 -a "$slow" = "$slow_before"
    boot_desc="$boot_desc, tb_matrix_uncertainty, tb_matrix_sensitivity"
fi
echo "# figures, cancel and timeout: $cancels cancels and $timeouts timeouts; tb_fold's slowest cancel $fold_latency s ($slow over a second), every other under a second;"
echo "#   load $load_s s ($big_rows rows), refresh $refresh_s s, aggregate ${agg_s:-about 10} s, fold $fold_s s; $boot_desc"

# ============================================================================
# 4. Out of memory and limits
# ============================================================================
echo "# 4. aggregates short of work_mem, and states past their limits"
pm_start=$(q -c "SELECT pg_postmaster_start_time()")
inner="SELECT g % 20000 AS g, tb.tb_summary(g::float8) AS s, tb.tb_practice_set('p' || (g % 97)) AS p,
              tb.tb_agreement('u' || (g % 3), (g % 5)::float8) AS a
         FROM generate_series(1, 400000) g GROUP BY 1"
spill_q="SELECT md5(string_agg(g || ':' || s::text || ':' || p::text || ':' || a::text, ',' ORDER BY g)) FROM ($inner) q"
big=$(q -c "SET work_mem = '1GB'" -c "$spill_q")
# hashed (no sort), in 64 kB: the states go to disk and come back
small_mem=(-c "SET work_mem = '64kB'" -c "SET hash_mem_multiplier = 1" -c "SET enable_sort = off")
small=$(q "${small_mem[@]}" -c "$spill_q")
spilled=$(q "${small_mem[@]}" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $inner" | grep -oE 'Batches: [0-9]+.*Disk Usage: [0-9]+kB' | head -1)
chk "an aggregate fed more than work_mem (64 kB): it spills to disk and gives the same result as with 1 GB ($spilled)" \
    test -n "$small" -a "$small" = "$big" -a -n "$spilled"
# limit DESCRIPTION SQLSTATE PATTERN SQL: the error, its code and the limit named
limit() {
    local out
    out=$(q -c "\set VERBOSITY verbose" -c "$4" 2>&1)
    if grep -q "ERROR:  $2:" <<<"$out" && grep -qE "$3" <<<"$out"; then return 0; fi
    sed 's/^/# /' <<<"$out" | head -3
    return 1
}
chk "a practice set past 1,000,000 practices: 54000, the limit named" \
    limit x 54000 'at most 1000000 practices' "SELECT tb.tb_practice_set('p' || g) FROM generate_series(1, 1000001) g"
chk "a tb_agreement state past 2^53 ratings: 54000, the limit named" \
    limit x 54000 '2\^53 ratings' "SELECT tb.tb_rollup(a) FROM (VALUES ('missing=0 \"a\" [1:4503599627370497]'::tb.tb_agreement), ('missing=0 \"b\" [1:4503599627370496]')) v(a)"
chk "a tb_summary state past 2^63 - 1 values: 54000, the limit named" \
    limit x 54000 'at most 9223372036854775807 values' "SELECT tb.tb_rollup(s) FROM (VALUES ('n=0 missing=9223372036854775807'::tb.tb_summary), ('n=0 missing=1')) v(s)"
chk "text past 64 MB to fold: 54000, the limit named" \
    limit x 54000 'At most 67108864 bytes' "SELECT tb.tb_fold(repeat('a', 67108865))"
chk "a top-k list past k = 1,000 is refused as an argument (22023, the limit named), so no state passes it" \
    limit x 22023 'between 1 and 1000' "SELECT tb.tb_top_gaps('i' || g, 0.5, 1, 1001, false) FROM generate_series(1, 3) g"
chk "the server stayed up through every one of them" test "$(q -c "SELECT pg_postmaster_start_time()")" = "$pm_start"
echo "# figures, out of memory: one aggregate of 20,000 groups over 400,000 rows in 64 kB of work_mem, same result; 5 limits, 5 clear errors, 0 crashes"

# ============================================================================
# 5. Disk full
# ============================================================================
echo "# 5. disk full: a cluster's data on a 64 MB tmpfs (its WAL beside it), a load that runs out of space"
mkdir -p "$mnt"
disk_ok=0
if as_root mount -t tmpfs -o size=64m,mode=0755 tmpfs "$mnt"; then
    mounted=1
    as_root chown "$owner": "$mnt"
    mkdir -p "$disk/wal"
    as_root chown "$owner": "$disk" "$disk/wal"
    as_owner "$PG_BIN/initdb" -D "$mnt/data" -X "$disk/wal/pg_wal" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust \
        >"$work/disk_initdb.log" 2>&1
    ln -s "$mnt/data" "$disk/data"
    saved=("$PGHOST" "$PGPORT")
    use_cluster "$disk" $((port + 1)) "-c temp_buffers=800kB"
    createdb faults
    q -c "CREATE EXTENSION trafficking_baseline" -f scripts/load_baseline.sql >/dev/null
    q >/dev/null <<'SQL'
INSERT INTO quito.rounds SELECT r, 'Disk ' || r, '2023-06-30' FROM generate_series(1000, 1099) r;
CREATE TABLE disk_imp (LIKE quito.response_import INCLUDING ALL);
INSERT INTO disk_imp (round, country, institution, indicator, lang, answer)
SELECT (1000 + g)::text, r.country, r.institution, r.indicator, NULL, r.raw_answer
  FROM quito.responses r, generate_series(0, 15) g WHERE r.round_no = 0;
CHECKPOINT;
SQL
    disk_rows=$(q -c "SELECT count(*) FROM disk_imp")
    disk_state() { q -c "SELECT (SELECT count(*) FROM quito.loads) || '/' || (SELECT count(*) FROM disk_imp) || '/' ||
                                (SELECT count(*) FROM quito.responses) || '/' || (SELECT count(*) FROM quito.rejects)"; }
    ds0=$(disk_state)
    pm_disk=$(q -c "SELECT pg_postmaster_start_time()")
    # fill the file system, then give back 1 MB: less than the load needs
    dd if=/dev/zero of="$mnt/ballast" bs=1M status=none 2>/dev/null
    truncate -s -1M "$mnt/ballast"
    free_kb=$(df -k --output=avail "$mnt" | tail -1 | tr -d ' ')
    out=$(q -c "\set VERBOSITY verbose" -c "SELECT count(*) FROM quito.tb_load_responses('disk load', 'disk_imp')" 2>&1)
    code=$(sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' <<<"$out" | head -1)
    echo "# the load on a full disk ($free_kb kB free): $(grep -m1 '^ERROR' <<<"$out")"
    chk "disk full: the load fails with an error (53100), not a crash" test "$code" = 53100
    chk "disk full: the server stayed up, the session usable" \
        test "$(q -c "SELECT pg_postmaster_start_time()" 2>/dev/null)" = "$pm_disk"
    chk "disk full: nothing written (no load recorded, the import table kept, no answer or reject added)" test "$(disk_state)" = "$ds0"
    rm -f "$mnt/ballast"
    freed_kb=$(df -k --output=avail "$mnt" | tail -1 | tr -d ' ')
    q -c "SELECT count(*) FROM quito.tb_load_responses('disk load', 'disk_imp')" >/dev/null
    read -r d_read d_sum <<<"$(q -F ' ' -c "SELECT rows_read, loaded + duplicates + rejected FROM quito.loads WHERE label = 'disk load'")"
    d_once=$(q -c "SELECT count(*) FROM quito.loads WHERE label = 'disk load'")
    # every row of the import table is in the answers or the rejects of that load, once
    read -r d_lost d_doubled <<<"$(q -F ' ' -c "
        WITH l AS (SELECT load_id FROM quito.loads WHERE label = 'disk load'),
             e AS (SELECT (1000 + g)::text AS round, r.institution, r.indicator, r.raw_answer
                     FROM quito.responses r, generate_series(0, 15) g WHERE r.round_no = 0),
             f AS (SELECT e.*, (SELECT count(*) FROM quito.responses x WHERE x.round_no = e.round::integer AND x.institution = e.institution
                                   AND x.indicator = e.indicator AND x.raw_answer = e.raw_answer)
                             + (SELECT count(*) FROM quito.rejects j, l WHERE j.load_id = l.load_id AND j.round_raw = e.round
                                   AND j.institution_raw = e.institution AND j.indicator_raw = e.indicator) AS n FROM e)
        SELECT count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1) FROM f")"
    chk "disk full: once space is freed the same load completes, every row once ($disk_rows read, loaded + duplicates + rejected = $d_sum)" \
        test "$d_read" = "$disk_rows" -a "$d_sum" = "$disk_rows" -a "$d_once" = 1
    chk "disk full: lost 0, doubled 0 (every row of the import table loaded or rejected, once)" \
        test "$d_lost" = 0 -a "$d_doubled" = 0
    chk "disk full: no PANIC in the server log" test "$(grep -c PANIC "$disk/server.log")" = 0
    echo "# figures, disk full: a load of $disk_rows rows with $free_kb kB free failed with $code, nothing written; with $freed_kb kB free it completed once: lost $d_lost, doubled $d_doubled"
    as_owner "$PG_BIN/pg_ctl" -D "$disk/data" -m immediate -w stop >/dev/null 2>&1
    as_root umount "$mnt" && mounted=0
    export PGHOST=${saved[0]} PGPORT=${saved[1]}
    disk_ok=1
fi
chk "disk full: the tmpfs was mounted, and unmounted after" test "$disk_ok" = 1 -a "$mounted" = 0

# ============================================================================
# 6. Crash mid-upgrade
# ============================================================================
echo "# 6. crash mid-upgrade: ALTER EXTENSION ... UPDATE from 0.2 to 0.3, the server stopped or the backend killed"
if [ $long = 1 ]; then n_up=10; else n_up=3; fi
createdb faults_v02
psql -X -q -v ON_ERROR_STOP=1 -d faults_v02 -c "CREATE EXTENSION trafficking_baseline VERSION '0.2'" \
    -f test/upgrade/load_0.2.sql >"$work/load_0.2.out" 2>&1
# every table of the extension's schemas and of quito: name, rows and md5
# (the registry's created_at apart: the update writes the time it ran)
fingerprint() {
    psql -X -qtA -d "$1" -c "SELECT n.nspname || '.' || c.relname || ' ' ||
        (xpath('/row/m/text()', query_to_xml(format('SELECT count(*) || '':'' || md5(coalesce(string_agg(x, E''\n'' ORDER BY x), '''')) AS m FROM (SELECT (to_jsonb(t) - ''created_at'')::text FROM %s t) q(x)',
                                c.oid::regclass), false, true, '')))[1]::text
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('tb', 'tb_bi', 'quito') AND c.relkind = 'r' AND c.relname <> 'text_rules' ORDER BY 1"
}
version() { psql -X -qtA -d "$1" -c "SELECT extversion FROM pg_extension WHERE extname = 'trafficking_baseline'"; }
fingerprint faults_v02 >"$work/v02.txt"
createdb -T faults_v02 faults_ref
t0=$(now)
psql -X -q -d faults_ref -c "ALTER EXTENSION trafficking_baseline UPDATE TO '0.3'" >/dev/null
up_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
fingerprint faults_ref >"$work/v03.txt"
up_old=0
up_new=0
up_ok=0
up_after=0
for ((it = 0; it < n_up; it++)); do
    createdb -T faults_v02 "faults_up$it"
    PGAPPNAME=tbf_upgrade psql -X -q -d "faults_up$it" -c "ALTER EXTENSION trafficking_baseline UPDATE TO '0.3'" >/dev/null 2>&1 &
    up=$!
    bg_pids=("$up")
    sleep "$(frac "$up_s")"
    if ((it % 2 == 0)); then
        crash immediate
    else
        crash kill "$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'tbf_upgrade'" 2>/dev/null)"
    fi
    wait "$up"
    bg_pids=()
    v=$(version "faults_up$it")
    if [ "$v" = 0.2 ] && fingerprint "faults_up$it" | cmp -s - "$work/v02.txt"; then
        up_old=$((up_old + 1)); up_ok=$((up_ok + 1))
    elif [ "$v" = 0.3 ] && fingerprint "faults_up$it" | cmp -s - "$work/v03.txt"; then
        up_new=$((up_new + 1)); up_ok=$((up_ok + 1))
    else
        echo "# upgrade $it: version $v, tables differ from both 0.2 and an updated 0.3"
    fi
    psql -X -q -d "faults_up$it" -c "ALTER EXTENSION trafficking_baseline UPDATE TO '0.3'" >/dev/null 2>&1
    [ "$(version "faults_up$it")" = 0.3 ] && fingerprint "faults_up$it" | cmp -s - "$work/v03.txt" && up_after=$((up_after + 1))
    dropdb "faults_up$it"
done
chk "crash mid-upgrade: after each of $n_up crashes the database is at 0.2, every table intact, or at 0.3 complete" test "$up_ok" = "$n_up"
chk "crash mid-upgrade: the update run again completes, the same as one never interrupted" test "$up_after" = "$n_up"
echo "# figures, crash mid-upgrade: $n_up crashes during an update taking $up_s s; found at 0.2 intact $up_old, at 0.3 complete $up_new, half-updated 0"

# ============================================================================
chk "every crash of this run was followed by recovery ($((crashes_immediate + crashes_kill)) crashes)" \
    test "$(recoveries)" = $((crashes_immediate + crashes_kill))
chk "no server process ended by a signal other than the test's own SIGKILLs" \
    test "$(grep -c 'was terminated by signal [^9]' "$main/server.log")" = 0
echo "# faults: $failures failed"
[ "$failures" = 0 ]
