#!/usr/bin/env bash
# Fuzzes the results reader and the plan reader with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   # default 300 s; FuzzResults FuzzPlan
#
# Builds each target with --sanitize fuzzer --sanitize address into .build-fuzz (kept out
# of git), seeds it from the bad-input corpus under Tests/, keeps what it learns in
# .build-fuzz/corpus-TARGET, and leaves any crashing input as .build-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzResults FuzzPlan)
scripts/ensure-deps.sh
for target in "${targets[@]}"; do
  # swiftc keeps only the last -sanitize= option, so --sanitize fuzzer --sanitize address alone
  # leaves the Swift code without coverage counters (../shared/TOOLCHAIN-NOTES.md): the
  # comma-separated -Xswiftc option gives them back. The C code (libyaml) gets both from SwiftPM.
  swift build -c release --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address \
    --product "$target" --scratch-path .build-fuzz >/dev/null
  corpus=.build-fuzz/corpus-$target
  mkdir -p "$corpus"
  case $target in
    FuzzResults)
      # The first byte picks the plan and chunk size; seed with each corpus file behind each plan.
      for f in Tests/GutcheckCoreTests/Corpus/results/*.csv samples/*/*.csv; do
        [ -f "$f" ] || continue
        for plan in 0 1 2 3; do
          out="$corpus/seed-$plan-$(basename "$f")"
          [ -f "$out" ] || { printf "\\x$(printf %02x $plan)" >"$out"; head -c 4000 "$f" >>"$out"; }
        done
      done ;;
    FuzzPlan)
      for f in Tests/GutcheckCoreTests/Corpus/plans/*.yaml samples/*/plan*.yaml; do
        [ -f "$f" ] && cp -n "$f" "$corpus/" || true
      done ;;
  esac
  echo "fuzzing $target for $seconds s"
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/release/$target" "$corpus" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build-fuzz/ -print_final_stats=1 2>&1 | grep -E "^#[0-9]+ +DONE|stat::|ERROR|SUMMARY|crash|deadly|Done" || true
done
