#!/usr/bin/env bash
# Runs each fuzz target (one per parser: front matter, Markdown model, Liquid, Fluent, YAML
# catalogs, the config) for FUZZ_SECONDS (default 20), each corpus seeded from fixtures/.
# libFuzzer through cargo-fuzz on the stable toolchain (RUSTC_BOOTSTRAP lets it pass the
# flags it needs), without sanitizers: the crate forbids unsafe code, and what is looked for
# are panics, stack overflows and inputs slower than FUZZ_TIMEOUT seconds (a hang fails too).
# A crash is saved under fuzz/artifacts/TARGET/; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…
# and turn it into a regression test beside the parser at fault.
set -euo pipefail
cd "$(dirname "$0")"

FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
TARGETS=${TARGETS:-"front_matter markdown liquid fluent yaml_catalog config"}
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi

# Seeds: every fixture file of the kinds a target reads (the corpus grows in corpus/TARGET).
seed() {
  local target=$1
  shift
  mkdir -p "corpus/$target"
  find ../fixtures "$@" -type f -size -64k -print0 |
    while IFS= read -r -d '' file; do
      cp "$file" "corpus/$target/seed-$(sha1sum "$file" | cut -c1-16)"
    done
}
seed front_matter \( -name '*.md' -o -name '*.yml' -o -name '*.yaml' \)
seed markdown \( -name '*.md' -o -name '*.markdown' -o -name '*.html' \)
seed liquid \( -name '*.md' -o -name '*.html' \)
seed fluent -name '*.ftl'
seed yaml_catalog \( -name '*.yml' -o -name '*.yaml' \)
seed config -name '*.toml'

cargo fuzz build -s none --release
mkdir -p logs
for target in $TARGETS; do
  log="logs/$target.txt"
  if ! cargo fuzz run -s none --release "$target" "corpus/$target" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -max_len=65536 \
    -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz $target failed: the input is saved under fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $target: ${FUZZ_SECONDS}s, $runs inputs, corpus $(ls "corpus/$target" | wc -l) files" >&2
done
