#!/usr/bin/env bash
# Upgrades: every released version keeps its install script and every step
# its update script; a database created at the oldest version and loaded
# with the baseline, then updated step by step to the newest, keeps its data
# and report and ends with the same catalogue (functions, aggregates, types,
# operators, casts, tables, policies, comments, privileges: see
# catalogue.sql) as a fresh install of the newest.  Prints one "ok" /
# "not ok" line per check.  Usage: test/upgrade/run.sh WORKDIR (PG* set).
set -uo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
work=$1
ext=trafficking_baseline
# shellcheck source=test/tap.sh
source test/tap.sh
q() { psql -X -qtA -v ON_ERROR_STOP=1 "$@"; }

# Released versions: the install scripts in the repository, in version order.
mapfile -t versions < <(ls $ext--*.sql | sed -n "s/^$ext--\([0-9.]*\)\.sql$/\1/p" | sort -t. -k1,1n -k2,2n -k3,3n)
default=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" $ext.control)
oldest=${versions[0]}
newest=${versions[${#versions[@]} - 1]}
echo "# versions: ${versions[*]} (default $default)"
check "the newest install script is the default version ($newest)" test "$newest" = "$default"
steps_present() {
    local i
    for ((i = 1; i < ${#versions[@]}; i++)); do
        [ -f "$ext--${versions[i - 1]}--${versions[i]}.sql" ] || { echo "# missing $ext--${versions[i - 1]}--${versions[i]}.sql"; return 1; }
    done
}
check "an update script for each step between released versions" steps_present
installed_ok() {   # the server has every script of the repository
    local f
    for f in $ext--*.sql; do cmp -s "$f" "$("$PG_BIN/pg_config" --sharedir)/extension/$f" || return 1; done
}
check "every install and update script is installed" installed_ok

old=tb_upgrade_old
new=tb_upgrade_new
dropdb --if-exists $old >/dev/null 2>&1
dropdb --if-exists $new >/dev/null 2>&1
createdb $old && createdb $new

# One line per table of a schema: name and md5 of its rows in a fixed order.
fingerprint() {   # DATABASE SCHEMA [PREFIX]
    q -d "$1" -c "SELECT '${3:-}' || c.relname || ' ' ||
        (xpath('/row/m/text()', query_to_xml(format('SELECT count(*) || '':'' || md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) AS m FROM %s t',
                                c.oid::regclass), false, true, '')))[1]::text
      FROM pg_class c WHERE c.relnamespace = to_regnamespace('$2') AND c.relkind = 'r' AND c.relname <> 'text_rules'
      ORDER BY 1"
}

# The oldest version, loaded and reported by the loader and the report of
# version 0.2 (the baseline then lived in the extension's schema).
q -d $old -c "CREATE EXTENSION $ext VERSION '$oldest'" -f test/upgrade/load_0.2.sql >"$work/upgrade_load.out" 2>&1
check "version $oldest installs and loads the baseline" \
    test "$(q -d $old -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")" = "$oldest"
psql -X -d $old -f test/upgrade/report_0.2.sql >"$work/report_before.txt" 2>&1

# Step by step to the newest, as the update path PostgreSQL finds.
path=$(q -d $old -c "SELECT path FROM pg_extension_update_paths('$ext') WHERE source = '$oldest' AND target = '$newest'")
echo "# update path: $path"
expected_path=$(IFS=-; echo "${versions[*]}" | sed 's/-/--/g')
check "the update path goes through every released version ($expected_path)" test "$path" = "$expected_path"
step_ok=true
for v in "${versions[@]:1}"; do
    if [ "$v" = 0.3 ]; then
        # the step that moves the baseline out of the extension: every table
        # before, to compare with the baseline schema after
        { fingerprint $old tb; fingerprint $old tb_bi bi_; } | sort >"$work/tables_before.txt"
        # a view of the user's on a table to be moved: the update refuses,
        # names it, and leaves the database at the old version, intact
        q -d $old -c "CREATE VIEW public.my_answers AS SELECT country, count(*) FROM tb.responses GROUP BY 1" >/dev/null
        refused=$(q -d $old -c "ALTER EXTENSION $ext UPDATE TO '$v'" 2>&1)
        echo "$refused" | sed 's/^/# /'
        kept_old() {
            grep -q 'objects of yours depend on its tables' <<<"$refused" && grep -q 'view public.my_answers' <<<"$refused" &&
            [ "$(q -d $old -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")" != "$v" ] &&
            { fingerprint $old tb; fingerprint $old tb_bi bi_; } | sort | cmp -s - "$work/tables_before.txt"
        }
        check "the update to $v refuses while a view of the user's uses a table it would move, names it, changes nothing" kept_old
        q -d $old -c "DROP VIEW public.my_answers" >/dev/null
    fi
    if ! q -d $old -c "ALTER EXTENSION $ext UPDATE TO '$v'" >>"$work/upgrade_load.out" 2>&1 ||
       [ "$(q -d $old -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")" != "$v" ]; then
        step_ok=false
        echo "# update to $v failed:"
        sed 's/^/#   /' "$work/upgrade_load.out" | tail -5
    fi
done
check "ALTER EXTENSION UPDATE runs each step to $newest" $step_ok
fingerprint $old quito | grep -v '^response_history ' | sort >"$work/tables_after.txt"
echo "# tables moved: $(wc -l <"$work/tables_before.txt"), rows: $(awk -F'[ :]' '{s += $2} END {print s}' "$work/tables_before.txt")"
same_tables() {
    diff "$work/tables_before.txt" "$work/tables_after.txt" >"$work/tables.diff" && [ -s "$work/tables_before.txt" ] && return 0
    sed 's/^/#   /' "$work/tables.diff" | head -20
    return 1
}
check "the update to 0.3 moved every table of the 0.2 baseline into schema quito: same rows, same checksums" same_tables
check "the extension's schema keeps only the library's tables" \
    test "$(q -d $old -c "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'tb'::regnamespace AND relkind = 'r'")" = baselines,text_rules
check "the moved baseline is registered" test "$(q -d $old -c "SELECT schema_name || ' ' || model_version FROM tb.baselines")" = "quito 0.3"
check "after the update, DROP EXTENSION refuses while the baseline exists" \
    bash -c "! psql -X -q -d $old -c 'DROP EXTENSION $ext' 2>/dev/null"
moved_sequences() {   # a new load after the update continues the load numbers
    [ "$(q -d $old -c "SELECT max(load_id) FROM quito.loads")" -ge 2 ] &&
    q -d $old -c "INSERT INTO quito.response_import (round) VALUES ('x')" \
              -c "SELECT count(*) FROM quito.tb_load_responses('after update')" >/dev/null &&
    [ "$(q -d $old -c "SELECT load_id > 2 FROM quito.loads WHERE label = 'after update'")" = t ]
}
check "the sequences continue where 0.2 left them" moved_sequences
q -d $old -c "DELETE FROM quito.rejects WHERE load_id = (SELECT load_id FROM quito.loads WHERE label = 'after update')" \
          -c "DELETE FROM quito.loads WHERE label = 'after update'" >/dev/null
psql -X -d $old -f test/upgrade/report_0.3.sql >"$work/report_after.txt" 2>&1
check "the report reads the same after the update" cmp -s "$work/report_before.txt" "$work/report_after.txt"

# The update leaves the baseline at its model; its owner brings it to the
# newest with tb_upgrade_baseline, which keeps the previous copy aside.
check "after the update the baseline still follows model 0.3" \
    test "$(q -d $old -c "SELECT model_version FROM tb.baselines WHERE schema_name = 'quito'")" = 0.3
q -d $old -c "SELECT count(*) FROM tb.tb_upgrade_baseline('quito')" >>"$work/upgrade_load.out" 2>&1
model=$(q -d $old -c "SELECT tb.tb_baseline_model_version()")
check "tb_upgrade_baseline brings it to model $model" \
    test "$(q -d $old -c "SELECT model_version FROM tb.baselines WHERE schema_name = 'quito'")" = "$model"
# every table of the previous copy, and the same table in the upgraded
# baseline (the bi_ tables and the refresh's bookkeeping change: the
# upgrade refreshes; they are compared below through the report)
fingerprint $old quito_model_0_3 | grep -Ev '^(bi_|refresh_)' | LC_ALL=C sort >"$work/baseline_previous.txt"
fingerprint $old quito | grep -Ev '^(bi_|refresh_)' | LC_ALL=C sort | LC_ALL=C join - <(cut -d' ' -f1 "$work/baseline_previous.txt") >"$work/baseline_upgraded.txt"
same_rows() {
    [ -s "$work/baseline_previous.txt" ] && diff "$work/baseline_previous.txt" "$work/baseline_upgraded.txt" >"$work/rows.diff" && return 0
    sed 's/^/#   /' "$work/rows.diff" | head -20
    return 1
}
echo "# tables copied: $(wc -l <"$work/baseline_previous.txt"), rows: $(awk -F'[ :]' '{s += $2} END {print s}' "$work/baseline_previous.txt")"
check "every table of the baseline has the same rows after tb_upgrade_baseline (checksums)" same_rows
# the model's new tables (outcomes, standards) get the shipped data as a
# user would load it: the loader is idempotent and adds only what is missing
q -d $old -f scripts/load_baseline.sql >>"$work/upgrade_load.out" 2>&1
psql -X -d $old -f scripts/report.sql >"$work/report_after.txt" 2>&1

# A fresh install of the newest, loaded the same way.
q -d $new -c "CREATE EXTENSION $ext" -f scripts/load_baseline.sql >>"$work/upgrade_load.out" 2>&1
psql -X -d $new -f scripts/report.sql >"$work/report_fresh.txt" 2>&1
check "the updated database reports what a fresh install of $newest reports" \
    cmp -s "$work/report_after.txt" "$work/report_fresh.txt"

psql -X -d $old -f test/upgrade/catalogue.sql >"$work/catalogue_updated.txt" 2>&1
psql -X -d $new -f test/upgrade/catalogue.sql >"$work/catalogue_fresh.txt" 2>&1
echo "# catalogue facts compared: $(wc -l <"$work/catalogue_fresh.txt")"
same_catalogue() {
    diff -u "$work/catalogue_fresh.txt" "$work/catalogue_updated.txt" >"$work/catalogue.diff" && return 0
    echo "# fresh (-) and updated (+) catalogues differ:"
    head -40 "$work/catalogue.diff" | sed 's/^/#   /'
    return 1
}
check "the updated catalogue equals a fresh install's (functions, aggregates, types, operators, tables, comments, privileges)" same_catalogue
psql -X -d $old -v baseline=quito -f test/upgrade/baseline_catalogue.sql >"$work/baseline_updated.txt" 2>&1
q -d $new -c "SELECT tb.tb_create_baseline_roles('quito')" >/dev/null    # the update made roles: 0.2 had them
psql -X -d $new -v baseline=quito -f test/upgrade/baseline_catalogue.sql >"$work/baseline_fresh.txt" 2>&1
same_baseline() {
    [ -s "$work/baseline_fresh.txt" ] && diff -u "$work/baseline_fresh.txt" "$work/baseline_updated.txt" >"$work/baseline.diff" && return 0
    head -40 "$work/baseline.diff" | sed 's/^/#   /'
    return 1
}
echo "# baseline facts compared: $(wc -l <"$work/baseline_fresh.txt")"
check "the moved baseline has the structure of one made by tb_create_baseline (tables, columns, constraints, indexes, triggers, functions, policies, comments)" same_baseline
has_text_rules() { [ "$(q -d $old -c "SELECT icu_version = tb.tb_icu_version() FROM tb.text_rules")" = t ]; }
[ "$newest" != 0.1 ] && check "the update recorded the running ICU version" has_text_rules

dropdb $old
dropdb $new
