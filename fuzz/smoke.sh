#!/usr/bin/env bash
# Short fuzz smoke run (CI): builds every cargo-fuzz target, then runs each for SECONDS seconds
# (default 20) from the seed corpus of fuzz/seed.sh. Needs `cargo +nightly` and cargo-fuzz.
# A crash, a timeout (> TIMEOUT s per input, default 1) or an OOM fails the script and leaves the
# input in fuzz/artifacts/TARGET/; minimise it with `cargo +nightly fuzz tmin TARGET FILE`, fix the
# bug, and keep the input in fuzz/regressions/TARGET/ (tests/fuzz_bodies.rs runs it on stable).
set -euo pipefail
cd "$(dirname "$0")"
secs="${SECONDS_PER_TARGET:-20}"
timeout="${TIMEOUT:-1}"
if [ -n "${BAOHOA_REALDATA:-}" ] && [ -d "$BAOHOA_REALDATA/warc-samples" ]; then
  ./seed.sh
else
  echo "fuzz: warning: BAOHOA_REALDATA not set or without warc-samples: starting from empty corpora"
  mkdir -p corpus/warc_reader corpus/gzip_members corpus/http_response corpus/html_tree
fi
cargo +nightly fuzz build
for t in $(cargo +nightly fuzz list); do
  mkdir -p "artifacts/$t"
  echo "fuzz: $t for ${secs}s"
  log="artifacts/$t/smoke.log"
  if ! cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -timeout="$timeout" \
      -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz: $t FAILED (input in fuzz/artifacts/$t/, log $log)"
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 || true)
  echo "fuzz: $t ok: $execs execs, $cov, corpus $(ls "corpus/$t" | wc -l) inputs"
done
