#!/usr/bin/env bash
# README command 2: install what is missing, build with -Werror, start a
# throwaway cluster, run pg_regress (sql/ -> expected/), the pgTAP suite
# (test/*.sql), and the shell-level checks (dump and restore, pictures,
# upgrades, pg_cron, three servers, statsmodels, short fuzz and load runs,
# ASan/UBSan and valgrind on PostgreSQL built from source, the suite on
# PostgreSQL 18 built from source), stop the
# cluster, and end with "N passed, N failed".  Exit status 0 only if all pass.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

passed=0
failed=0
pass() { passed=$((passed + $1)); }
fail() { failed=$((failed + $1)); }
finish() {
    if [ -n "${cluster:-}" ]; then
        stop_cluster "$cluster"
        # keep the logs of a failing run; remove the throwaway cluster otherwise
        if [ "$failed" -eq 0 ]; then rm -rf "$cluster"; else log "logs kept in $cluster"; fi
    fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

install_packages || { fail 1; finish; }
( build_install werror ) || { fail 1; finish; }

cluster=$(mktemp -d /tmp/tb_test.XXXXXX)
chmod 755 "$cluster"
TB_PORT=${TB_TEST_PORT:-54339}
( start_cluster "$cluster" ) || { fail 1; cluster=; finish; }
export PGHOST=$cluster/socket PGPORT=$TB_PORT PGUSER=postgres
unset PGDATABASE

# --- pg_regress ------------------------------------------------------------
log "pg_regress"
make -s PG_CONFIG="$PG_BIN/pg_config" installcheck >"$cluster/regress.out" 2>&1
cat "$cluster/regress.out"
# PG 15 prints "test x ... ok", PG 16+ "ok 1 - x"; count both styles.
r_ok=$(grep -cE '(\.\.\. ok|^ok [0-9]+ )' "$cluster/regress.out")
r_bad=$(grep -cE '(\.\.\. FAILED|^not ok [0-9]+ )' "$cluster/regress.out")
pass "$r_ok"; fail "$r_bad"
[ -f regression.diffs ] && head -200 regression.diffs
[ "$r_ok" -eq 0 ] && fail 1     # the suite did not run at all

# --- a loaded database for pgTAP and the dump checks -----------------------
createdb tb_check
psql -X -q -v ON_ERROR_STOP=1 -d tb_check \
    -c "CREATE EXTENSION trafficking_baseline" -c "CREATE EXTENSION pgtap" \
    -f scripts/load_baseline.sql >/dev/null || fail 1

# --- pgTAP -----------------------------------------------------------------
log "pgTAP"
pg_prove -v -d tb_check test/*.sql >"$cluster/prove.out" 2>&1
prove_rc=$?
grep -vE '^ok [0-9]+' "$cluster/prove.out"
t_ok=$(grep -cE '^ok [0-9]+' "$cluster/prove.out")
t_bad=$(grep -cE '^not ok [0-9]+' "$cluster/prove.out")
pass "$t_ok"; fail "$t_bad"
# a plan mismatch or a script that died fails without a "not ok" line
[ "$prove_rc" -ne 0 ] && [ "$t_bad" -eq 0 ] && fail 1

# --- shell-level checks ----------------------------------------------------
# tap FILE: print a check's output and count its "ok" / "not ok" lines; a
# check that printed neither died, and fails
tap() {
    cat "$1"
    pass "$(grep -c '^ok ' "$1")"
    fail "$(grep -c '^not ok ' "$1")"
    grep -qE '^(not )?ok ' "$1" || fail 1
}
# check DESCRIPTION COMMAND...: one "ok" or "not ok" line from a command's status
check() {
    local what=$1
    shift
    if "$@"; then echo "ok - $what"; pass 1; else echo "not ok - $what"; fail 1; fi
}

log "dump and restore"
bash test/dump_restore.sh tb_check "$cluster" >"$cluster/dump.out" 2>&1
tap "$cluster/dump.out"

log "upgrades: oldest version, updated step by step, against a fresh install"
bash test/upgrade/run.sh "$cluster" >"$cluster/upgrade.out" 2>&1
tap "$cluster/upgrade.out"

log "pictures"
bash test/svg.sh tb_check "$cluster" >"$cluster/svg.out" 2>&1
tap "$cluster/svg.out"

log "the README's tour, as written, from the repository's root"
bash test/tour.sh "$cluster" >"$cluster/tour.out" 2>&1
tap "$cluster/tour.out"

log "a real browser: the regional report (es, pt, en) and every profile in headless Chromium, screenshots, a PDF"
bash test/browser.sh tb_check "$cluster" >"$cluster/browser.out" 2>&1
tap "$cluster/browser.out"

log "BI clients: PgJDBC and psqlODBC read every bi_ table; the CSV and .xlsx export"
bash test/clients.sh tb_check "$cluster" >"$cluster/clients.out" 2>&1
tap "$cluster/clients.out"

log "pg_cron runs the scheduled refresh"
bash test/cron.sh "$cluster" >"$cluster/cron.out" 2>&1
tap "$cluster/cron.out"

log "partial aggregates across three servers"
bash test/distributed.sh "$cluster" >"$cluster/distributed.out" 2>"$cluster/distributed.err"
cat "$cluster/distributed_results.txt" 2>/dev/null
tap "$cluster/distributed.out"

log "cross-check against statsmodels"
/usr/bin/python3 test/crosscheck_fleiss.py tb_check >"$cluster/fleiss.out" 2>&1
tap "$cluster/fleiss.out"

log "cross-check of the bootstrap interval of alpha against numpy"
/usr/bin/python3 test/crosscheck_alpha_interval.py tb_check >"$cluster/alpha_interval.out" 2>&1
tap "$cluster/alpha_interval.out"

log "cross-check of the difference in differences' exact permutation p-value against scipy"
/usr/bin/python3 test/crosscheck_did.py tb_check >"$cluster/did.out" 2>&1
tap "$cluster/did.out"

log "cross-check of the indicator matrix (scores and ranks, coherence, outlier treatment, imputation) against pandas, scipy and numpy"
/usr/bin/python3 test/crosscheck_matrix.py tb_check >"$cluster/matrix.out" 2>&1
tap "$cluster/matrix.out"

log "cross-check of the harmonization and impact evidence (intervention_effects, the planted effect, tb_dispersion_ci's BCa, alpha without a country) against scipy and statsmodels"
/usr/bin/python3 test/crosscheck_evidence.py tb_check >"$cluster/evidence.out" 2>&1
tap "$cluster/evidence.out"

log "coverage of tb_alpha_ci's 95% interval: a seeded simulation of data sets with a known alpha"
/usr/bin/python3 test/coverage_alpha.py tb_check >"$cluster/coverage_alpha.out" 2>&1
tap "$cluster/coverage_alpha.out"

log "cross-check of the Sobol' design and sensitivity indices against scipy and numpy"
/usr/bin/python3 test/crosscheck_sobol.py tb_check >"$cluster/sobol.out" 2>&1
tap "$cluster/sobol.out"

log "hostile input: a short fuzz run (test/fuzz/run.sh 1000000 for the full one)"
PGDATABASE=tb_fuzz bash test/fuzz/run.sh 20000 >"$cluster/fuzz.out" 2>&1
fuzz_status=$?
cat "$cluster/fuzz.out"
check "fuzz: 20,000 inputs per type and format, no crash, no hang, every accepted value reads back" \
    test "$fuzz_status" = 0

log "hostile input in process: libFuzzer on the type I/O functions (test/fuzz/inprocess.sh 600 for a long run)"
bash test/fuzz/inprocess.sh 60 >"$cluster/inprocess.out" 2>&1
inprocess_status=$?
cat "$cluster/inprocess.out"
check "in-process fuzz: 60 s of libFuzzer with ASan and UBSan, no failure" test "$inprocess_status" = 0

log "concurrent load: a short run (bench/concurrency/run.sh 300 for the full one)"
PGDATABASE=tb_load TB_REFRESH_EVERY=2 bash bench/concurrency/run.sh 20 >"$cluster/load.out" 2>&1
cat "$cluster/load.out"
# lv LABEL: the number after "LABEL:" in the load test's summary (empty if absent)
lv() { sed -n "s/^$1: *\([0-9][0-9]*\).*/\1/p" "$cluster/load.out" | head -1; }
each_once_or_rejected() {
    local l e r
    l=$(lv ledger) e=$(lv "loaded exactly once") r=$(lv rejected)
    [ -n "$l" ] && [ -n "$e" ] && [ -n "$r" ] && [ $((e + r)) = "$l" ]
}
check "concurrent load: no transaction failed" test "$(grep -c 'failed transactions: 0 ' "$cluster/load.out")" = 3
check "concurrent load: answers were submitted" test "$(lv ledger)" -gt 0 2>/dev/null
check "concurrent load: every answer submitted was loaded exactly once or rejected" each_once_or_rejected
check "concurrent load: no answer appeared that was not submitted" \
    test "$(lv "answers in the load-test rounds not in the ledger")" = 0
check "concurrent load: the refresh ran during the load" test "$(lv "refreshes logged")" -ge 3
check "concurrent load: the server never restarted" grep -q "^the server never restarted" "$cluster/load.out"

log "memory safety: ASan and UBSan (whole suite), valgrind (short; scripts/memcheck.sh for the whole suite)"
bash scripts/sanitize.sh >"$cluster/sanitize.out" 2>&1
sanitize_status=$?
tail -3 "$cluster/sanitize.out"
check "ASan and UBSan on PostgreSQL built from source: the whole pg_regress suite, no report" \
    test "$sanitize_status" = 0
bash scripts/memcheck.sh --short >"$cluster/memcheck.out" 2>&1
memcheck_status=$?
tail -3 "$cluster/memcheck.out"
check "valgrind on a USE_VALGRIND build: 9 pg_regress tests, no report" test "$memcheck_status" = 0

log "PostgreSQL 18 (built from source once, cached): the pg_regress and pgTAP suites"
bash scripts/pg18.sh >"$cluster/pg18.out" 2>&1
tap "$cluster/pg18.out"

log "text rules: another session's temporary table is skipped, not an error"
bash test/text_rules_sessions.sh tb_check >"$cluster/sessions.out" 2>&1
tap "$cluster/sessions.out"

log "faults: crashes, cancels, timeouts, memory limits, a full disk, a crashed upgrade (test/faults.sh --long for a longer run)"
bash test/faults.sh >"$cluster/faults.out" 2>&1
tap "$cluster/faults.out"

log "files as exported: Excel (es, pt, CSV UTF-8), LibreOffice, UTF-8 with CRLF through scripts/load_round.sh"
bash test/load_files.sh >"$cluster/files.out" 2>&1
tap "$cluster/files.out"

log "the reference names every function"
bash test/docs_index.sh tb_check >"$cluster/docs_index.out" 2>&1
tap "$cluster/docs_index.out"

log "illustrative data is reproducible"
same_data() {
    local f
    for f in indicators institutions responses_round0 responses_round1; do
        cmp -s "$1/$f.csv" "data/illustrative/$f.csv" || return 1
    done
}
regen=$(mktemp -d)
regenerated() { /usr/bin/python3 scripts/generate_illustrative_data.py "$regen" >/dev/null && same_data "$regen"; }
check "the generator rebuilds data/illustrative byte for byte" regenerated
rm -rf "$regen"

finish
