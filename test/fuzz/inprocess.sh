#!/usr/bin/env bash
# Coverage-guided fuzzing of the type I/O functions and the number parser in
# one process, with libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer
# (see inprocess.c).  No server is needed.  Usage:
#     test/fuzz/inprocess.sh [SECONDS]     (default 600)
# Starts from the seeds in test/fuzz/seeds (valid values of every type, text
# and binary) plus what earlier runs kept in TB_FUZZ_CORPUS (default
# /var/tmp/tb_fuzz_corpus); a failing input is written to the working
# directory and the run fails.  Prints "inprocess fuzz: N inputs, no failure".
set -uo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
seconds=${1:-600}
# clang for libFuzzer; its runtime comes with Debian's libclang-rt
TB_PACKAGES+=(clang libclang-rt-14-dev)
install_packages || die "could not install clang"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=${TB_FUZZ_CORPUS:-/var/tmp/tb_fuzz_corpus}
mkdir -p "$corpus"
lib=$("$PG_BIN/pg_config" --pkglibdir)
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$("$PG_BIN/pg_config" --includedir-server)" -Wno-ignored-attributes \
    -o "$work/inprocess" test/fuzz/inprocess.c test/fuzz/unreachable.c \
    src/summary.c src/exact.c src/composite.c src/topk.c src/agreement.c src/dispersion.c src/adoption.c \
    src/practices.c src/label.c src/number.c src/typeio.c \
    "$lib/libpgcommon.a" "$lib/libpgport.a" -lm || die "the fuzz target did not build"
"$work/inprocess" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$PWD/fuzz-" \
    "$corpus" test/fuzz/seeds >"$work/log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
grep -E '^#[0-9]+[[:space:]]+DONE' "$work/log" | tail -1
if [ "$status" -eq 0 ] && [ -n "$runs" ]; then
    echo "inprocess fuzz: $runs inputs in $seconds s, no failure"
else
    grep -E 'runtime error|ERROR: AddressSanitizer|^tb_|SUMMARY|Test unit written' "$work/log" | head -20
    echo "inprocess fuzz: FAILED after ${runs:-?} inputs (status $status)"
    exit 1
fi
