#!/usr/bin/env bash
# Runs every fuzz target for a while: `fuzz/run.sh [seconds-per-target] [target...]`
# (default 60 s, every target). Needs a nightly toolchain and cargo-fuzz
# (`rustup toolchain install nightly && cargo install cargo-fuzz`).
# Fails on the first crash, hang (> 10 s for one input) or out-of-memory (> 2 GiB); the
# input that did it is left in fuzz/artifacts/<target>/.
# Seeds: fuzz/corpus/<target>/ and fuzz/regressions/<target>/ (read, never written);
# inputs the fuzzer finds interesting accumulate in fuzz/target/corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
# Build profile: -O (optimized, the default) for real campaigns; CI's smoke run uses --dev,
# which builds in a fraction of the time.
profile="${FUZZ_PROFILE:--O}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(glossary_csv glossary_tbx formats normalize_offsets segment_align check_pair)
fi

echo "== building the fuzz targets (cargo +nightly fuzz build)"
cargo +nightly fuzz build "$profile"
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  mkdir -p "target/corpus/$target" "regressions/$target" "corpus/$target"
  log="target/fuzz-$target.log"
  if ! cargo +nightly fuzz run "$profile" "$target" "target/corpus/$target" "corpus/$target" \
    "regressions/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzzing $target FAILED: the input is in fuzz/artifacts/$target/ (log: fuzz/$log)" >&2
    exit 1
  fi
  grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
done
echo "fuzzing: no crash in ${#targets[@]} target(s) × ${seconds}s"
