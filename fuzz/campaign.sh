#!/usr/bin/env bash
# A long fuzzing campaign at the lowest priority, one target at a time, for SECONDS each
# (default 300), after `cargo +nightly fuzz build -O --debug-assertions [-s none]`. Appends one
# line per target run to fuzz/executions.tsv: date, target, executions (libFuzzer's
# stat::number_of_executed_units), seconds, crashes, and the build's sanitizer (`address`, the
# cargo-fuzz default that `make fuzz` uses, or `none`: 2 to 6 times the executions a second;
# the core forbids unsafe code, and debug assertions stay on either way). New inputs go to
# fuzz/target/corpus/; a crash stops the campaign and leaves its input in
# fuzz/artifacts/<target>/.
# Usage: fuzz/campaign.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pem jwk jwt id_token dpop webhook redox callback response endpoints discovery scopes net providers)
bin=target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
  mkdir -p "target/corpus/$t" "artifacts/$t"
  log="target/campaign-$t.log"
  sanitizer=none
  grep -q __asan_init "$bin/$t" && sanitizer=address
  nice -n 19 "$bin/$t" "target/corpus/$t" "corpus/$t" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" > "$log" 2>&1
  status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  # crash-, leak-, oom- and timeout- inputs fail the run; a slow-unit- input (over 10 s, as when
  # the machine suspends the process) is kept for a look but is not a failure.
  crashes=$(find "artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${execs:-0}" "$seconds" "$crashes" "$sanitizer" >> executions.tsv
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    echo "$t: exit $status, $crashes crash input(s) in fuzz/artifacts/$t/ (log: fuzz/$log)"
    exit 1
  fi
done
