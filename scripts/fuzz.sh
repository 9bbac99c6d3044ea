#!/usr/bin/env bash
# Fuzzes the results reader and the plan reader with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   # default 300 s; FuzzResults FuzzPlan
#   FUZZ_SANITIZE=fuzzer scripts/fuzz.sh …              # without AddressSanitizer: 5-20x the runs
#
# Builds each target with libFuzzer's coverage and AddressSanitizer into .build-fuzz (kept
# out of git; .build-fuzz-plain without ASan), seeds it from the bad-input corpus under
# Tests/ and the samples, keeps what it learns in .build-fuzz/corpus-TARGET, and leaves any
# crashing input as .build-fuzz/crash-*. It refuses to run a build whose Swift code has no
# coverage counters (the fuzzer would then explore libyaml only).
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
  sanitize=${FUZZ_SANITIZE:-fuzzer,address}
  scratch=.build-fuzz
  [ "$sanitize" = "fuzzer,address" ] || scratch=.build-fuzz-plain
  flags=(--sanitize fuzzer)
  [ "$sanitize" = "fuzzer,address" ] && flags+=(--sanitize address)
  swift build -c release "${flags[@]}" -Xswiftc -sanitize="$sanitize" \
    --product "$target" --scratch-path "$scratch" >/dev/null
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
  # GutcheckCore alone has tens of thousands of counters; libyaml about 3,900.
  counters=$(SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$scratch/release/$target" -runs=0 2>&1 \
    | sed -n 's/.*Loaded 1 modules *(\([0-9]*\) inline 8-bit counters).*/\1/p')
  if [ "${counters:-0}" -lt 20000 ]; then
    echo "fuzz.sh: $target has ${counters:-no} coverage counters: the Swift code is not instrumented" >&2; exit 1
  fi
  echo "fuzzing $target ($sanitize, $counters coverage counters) for $seconds s"
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$scratch/release/$target" "$corpus" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build-fuzz/ -print_final_stats=1 2>&1 | grep -E "^#[0-9]+ +DONE|stat::|ERROR|SUMMARY|crash|deadly|Done" || true
done
