# Sourced by the shell-level checks in test/: check DESCRIPTION COMMAND...
# runs the command and prints one numbered TAP line, "ok N - ..." or
# "not ok N - ...", which scripts/test.sh counts.
# shellcheck shell=bash
n=0
check() {
    local what=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
