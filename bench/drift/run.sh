#!/usr/bin/env bash
# `l10nlint status` on a generated site of 20 locales × 500 pages with 5,000 commits.
# usage: bench/drift/run.sh [BINARY]   (default: a release build of this checkout)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-}"
if [[ -z "$binary" ]]; then
  cargo build --release --quiet --manifest-path "$here/../../Cargo.toml"
  binary="${CARGO_TARGET_DIR:-$here/../../target}/release/l10nlint"
fi
site="${DRIFT_BENCH_SITE:-/tmp/l10nlint-drift-bench}"
if [[ ! -d "$site/.git" ]]; then
  python3 "$here/gen_repo.py" "$site"
fi
cd "$site"
"$binary" status --format json > /dev/null   # warm the file cache
for run in 1 2 3 4 5; do
  /usr/bin/time -f "%e s wall, %U s user, %M KB" "$binary" status --format json > /dev/null
done 2>&1
