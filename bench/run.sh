#!/usr/bin/env bash
# Measures l10nlint against its floor (read + pulldown-cmark, nothing else) and lychee, on the
# real corpus and on generated sites of growing size; prints a Markdown report and writes it
# to bench/results.md. Every figure is the median of RUNS runs after one warm-up run.
#
#   bench/run.sh                      # everything
#   RUNS=3 SIZES="10 20" bench/run.sh # fewer runs, sites of 10 and 20 locales × PAGES pages
#
# Environment: CORPUS (default /work/shared/corpora/deltachat-pages; skipped when absent),
# WORK (generated sites, default /tmp/l10nlint-bench), RUNS (5), PAGES (500),
# SIZES (locale counts, "10 20 40"), HUGE_MB (100), SKIP_BUILD=1 (measure the binaries
# already in $WORK/bin).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${CORPUS:-/work/shared/corpora/deltachat-pages}
WORK=${WORK:-/tmp/l10nlint-bench}
RUNS=${RUNS:-5}
PAGES=${PAGES:-500}
SIZES=${SIZES:-"10 20 40"}
HUGE_MB=${HUGE_MB:-100}
TARGET=${CARGO_TARGET_DIR:-target}
RESULTS=bench/results.md

# --- tools -------------------------------------------------------------------------------
apt_install() {
    command -v apt-get >/dev/null || { echo "please install $1" >&2; exit 1; }
    apt-get install -y "$1" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$1" >/dev/null; }
}
[ -x /usr/bin/time ] || apt_install time
LYCHEE=$(command -v lychee || echo "$HOME/.cargo/bin/lychee")
if [ ! -x "$LYCHEE" ]; then
    echo "installing lychee (cargo install lychee --locked) ..." >&2
    cargo install lychee --locked >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building (release) ..." >&2
    cargo build --release --locked --bin l10nlint --example floor --example gen_site >&2
    # A copy, so that another build in a shared target directory cannot swap a binary mid-run.
    mkdir -p "$WORK/bin"
    cp "$TARGET/release/l10nlint" "$TARGET/release/examples/floor" "$TARGET/release/examples/gen_site" "$WORK/bin/"
fi
L10NLINT=$WORK/bin/l10nlint
FLOOR=$WORK/bin/floor
GEN=$WORK/bin/gen_site
LINT=("$L10NLINT" lint --exit-zero --quiet --format concise)

# --- measuring ---------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure <label> <command...>: one warm-up, then RUNS runs; prints a table row with the
# medians of wall time, CPU time (user + system) and peak resident memory.
measure() {
    local label=$1 samples
    shift
    "$@" >/dev/null 2>&1 || true
    samples=$(mktemp)
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %S %M" -o "$samples.one" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$samples.one" >>"$samples"
    done
    local wall cpu rss
    wall=$(awk '{ print $1 }' "$samples" | median)
    cpu=$(awk '{ print $2 + $3 }' "$samples" | median)
    rss=$(awk '{ print $4 / 1024 }' "$samples" | median)
    rm -f "$samples" "$samples.one"
    printf '| %s | %.2f | %.2f | %.0f |\n' "$label" "$wall" "$cpu" "$rss"
    LAST_WALL=$wall
    LAST_CPU=$cpu
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

header() { printf '\n%s\n\n| command | wall s | CPU s | peak MB |\n|---|---|---|---|\n' "$1"; }

files_in() { find "$1" -type f \( -name '*.md' -o -name '*.html' -o -name '*.ftl' -o -name '*.yml' \) | wc -l; }

report() {
    echo "# Benchmark results"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores, median of $RUNS runs."
    echo "Produced by \`bench/run.sh\`."

    if [ -d "$CORPUS" ]; then
        header "## Real corpus: $(basename "$CORPUS") ($(files_in "$CORPUS") content files)"
        measure "l10nlint (concise)" "${LINT[@]}" "$CORPUS"
        local lint_wall=$LAST_WALL lint_cpu=$LAST_CPU
        measure "l10nlint (human report)" "$L10NLINT" lint --exit-zero --quiet "$CORPUS"
        measure "l10nlint, 1 thread" env RAYON_NUM_THREADS=1 "$L10NLINT" lint --exit-zero --quiet --format concise "$CORPUS"
        measure "floor (read + pulldown-cmark)" "$FLOOR" "$CORPUS"
        local floor_wall=$LAST_WALL floor_cpu=$LAST_CPU
        measure "lychee --offline --include-fragments" "$LYCHEE" --offline --include-fragments --no-progress "$CORPUS"
        echo
        echo "l10nlint / floor: $(ratio "$lint_wall" "$floor_wall")× wall, $(ratio "$lint_cpu" "$floor_cpu")× CPU;" \
            "lychee / l10nlint: $(ratio "$LAST_WALL" "$lint_wall")× wall, $(ratio "$LAST_CPU" "$lint_cpu")× CPU"
    else
        echo
        echo "Real corpus skipped: \`$CORPUS\` does not exist (set CORPUS=...)."
    fi

    local largest=""
    for locales in $SIZES; do
        local site="$WORK/site-$locales-$PAGES"
        [ -f "$site/.complete" ] || {
            rm -rf "$site"
            "$GEN" "$site" "$locales" "$PAGES" 1 >/dev/null
            touch "$site/.complete"
        }
        header "## Generated: $locales locales × $PAGES pages ($(files_in "$site") content files, $(du -sm "$site" | cut -f1) MB)"
        measure "l10nlint" "${LINT[@]}" "$site"
        local lint_wall=$LAST_WALL lint_cpu=$LAST_CPU
        measure "floor" "$FLOOR" "$site"
        echo
        echo "l10nlint / floor: $(ratio "$lint_wall" "$LAST_WALL")× wall, $(ratio "$lint_cpu" "$LAST_CPU")× CPU; diagnostics: $("$L10NLINT" lint --exit-zero --format concise "$site" | tail -n 1)"
        largest=$site
    done

    if [ -n "$largest" ]; then
        header "## Threads on the largest generated site"
        measure "l10nlint, RAYON_NUM_THREADS=1" env RAYON_NUM_THREADS=1 "$L10NLINT" lint --exit-zero --quiet --format concise "$largest"
        local one=$LAST_WALL
        measure "l10nlint, RAYON_NUM_THREADS=2" env RAYON_NUM_THREADS=2 "$L10NLINT" lint --exit-zero --quiet --format concise "$largest"
        echo
        echo "speed-up from 1 to 2 threads: $(ratio "$one" "$LAST_WALL")×"
    fi

    local hostile="$WORK/hostile-$HUGE_MB"
    [ -f "$hostile/.complete" ] || {
        rm -rf "$hostile"
        mkdir -p "$hostile/en" "$hostile/de"
        printf -- '---\ntitle: Big\nlang: en\n---\n\n## Start {#start}\n' >"$hostile/en/big.md"
        cp "$hostile/en/big.md" "$hostile/en/line.md"
        echo "max-file-size = $(( (HUGE_MB + 1) * 1024 * 1024 ))" >"$hostile/l10nlint.toml"
        { printf -- '---\ntitle: Big\nlang: de\n---\n\n## Start {#start}\n\n'
          yes 'Text with [a link](#start), {{ site.title }}, <b>html</b> and https://example.org/x.
' | head -c $((HUGE_MB * 1024 * 1024)); } >"$hostile/de/big.md"
        { printf -- '---\ntitle: Line\nlang: de\n---\n\n'
          yes 'word [x](#start) {{ y }} ' | tr -d '\n' | head -c $((10 * 1024 * 1024)); echo; } >"$hostile/de/line.md"
        touch "$hostile/.complete"
    }
    header "## Hostile input: a ${HUGE_MB} MB page and a 10 MB line"
    measure "l10nlint, max-file-size raised to lint both" "${LINT[@]}" "$hostile"
    measure "l10nlint, default max-file-size (10 MiB)" "$L10NLINT" lint --exit-zero --quiet --format concise --isolated "$hostile"
    measure "floor" "$FLOOR" "$hostile"
    echo
    echo "with the default limit: $("$L10NLINT" lint --exit-zero --format concise --isolated "$hostile" | cut -c1-160 | tr '\n' ' ')"
}

report | tee "$RESULTS"
