#!/usr/bin/env bash
# Runs the property tests (tests/properties.rs) with many more cases than CI, and the hostile
# input tests, each bounded in time: a hang fails the run like a panic does.
#
#   bench/fuzz.sh                 # 20,000 cases per property, at most 10 minutes each
#   CASES=2000 LIMIT=120 bench/fuzz.sh
#
# A failing case is printed minimised and saved by proptest under `proptest-regressions/`;
# turn it into a unit test in the module at fault.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-20000}
LIMIT=${LIMIT:-600}

cargo test --release --locked --test properties --test hostile --no-run
for test in markdown_pages_parse_with_valid_spans \
    front_matter_then_body_parses_with_valid_spans \
    fluent_files_parse_with_valid_spans \
    yaml_catalogs_parse_with_valid_spans \
    a_generated_two_locale_site_lints_and_reports; do
    echo "== $test: $CASES cases, at most ${LIMIT}s" >&2
    PROPTEST_CASES=$CASES timeout --signal=KILL "$LIMIT" \
        cargo test --release --locked --test properties -- --exact "$test" --quiet
done
echo "== hostile input, at most ${LIMIT}s" >&2
timeout --signal=KILL "$LIMIT" cargo test --release --locked --test hostile --quiet
