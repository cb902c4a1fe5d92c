#!/usr/bin/env bash
# tb_text_rules_refresh with another session's temporary table open: the
# table is listed as skipped and the refresh completes, instead of failing
# for everyone with "cannot access temporary tables of other sessions".
# Prints "ok" / "not ok" lines.  Usage: test/text_rules_sessions.sh DATABASE
# (PG* variables set).
set -uo pipefail
db=$1
# shellcheck source=test/tap.sh
source "$(dirname "$0")/tap.sh"
q() { psql -X -qtA -d "$db" "$@"; }

# The other session: a temporary table whose check calls tb_fold, held open
# until we end it.
fifo=$(mktemp -u /tmp/tb_sessions.XXXXXX)
mkfifo "$fifo"
psql -X -q -d "$db" <"$fifo" >/dev/null 2>&1 &
holder=$!
exec 3>"$fifo"
echo "CREATE TEMP TABLE tt (x text CHECK (tb.tb_fold(x) IS NOT NULL)); INSERT INTO tt VALUES ('a');" >&3
echo "CREATE INDEX ON tt (tb.tb_fold(x));" >&3
for _ in $(seq 50); do
    [ "$(q -c "SELECT count(*) FROM pg_class WHERE relname = 'tt' AND relpersistence = 't'")" = 1 ] && break
    sleep 0.1
done

q -c "UPDATE tb.text_rules SET icu_version = '1.0'" >/dev/null     # as after an ICU upgrade
check "the check lists the other session's table and index as skipped" \
    test "$(q -c "SELECT count(*) FROM tb.tb_text_rules_check() WHERE kind LIKE 'skipped: %'")" = 2
out=$(psql -X -qtA -d "$db" -v ON_ERROR_STOP=1 -c "SELECT tb.tb_text_rules_refresh()" 2>&1)
status=$?
echo "$out" | sed 's/^/# /'
check "the refresh completes while another session holds a temporary table" test $status -eq 0
check "it says which it skipped" grep -q "skipped, a temporary table of another session" <<<"$out"
check "and records the running ICU version" \
    test "$(q -c "SELECT icu_version = tb.tb_icu_version() FROM tb.text_rules")" = t

echo '\q' >&3
exec 3>&-
wait "$holder"
rm -f "$fifo"
