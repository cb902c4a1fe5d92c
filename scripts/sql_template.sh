#!/usr/bin/env bash
# sql_template.sh NAME COMMENT FILE...: print a function @extschema@.NAME()
# that returns the SQL of FILE... as text.  The extension builds its
# baseline templates with it (see the Makefile): the baseline's definitions
# are written once, in src/baseline/, and tb_create_baseline runs them with
# @baseline@ replaced by the schema's name.
set -euo pipefail
name=$1 comment=$2
shift 2
if grep -q '\$tb_text\$' "$@"; then
    echo "sql_template.sh: \$tb_text\$ may not appear in $*" >&2
    exit 1
fi
printf 'CREATE OR REPLACE FUNCTION @extschema@.%s()\nRETURNS text\nLANGUAGE sql IMMUTABLE PARALLEL SAFE\n' "$name"
printf 'SET search_path = pg_catalog, pg_temp\nAS $tb_body$ SELECT $tb_text$\n'
cat "$@"
printf '$tb_text$::text $tb_body$;\n'
printf "COMMENT ON FUNCTION @extschema@.%s() IS\n'%s';\n\n" "$name" "$comment"
