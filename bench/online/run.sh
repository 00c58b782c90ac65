#!/usr/bin/env bash
# The online benchmark (not a test): URLS distinct URLs on a local server that answers each
# request after DELAY_MS, written in a generated site of LOCALES locales (URLS × LOCALES
# occurrences). Measures requests sent and wall time of `l10nlint lint --online` without a
# cache, again with a warm cache, and of lychee on the same pages. See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

URLS=${URLS:-500}
LOCALES=${LOCALES:-20}
DELAY_MS=${DELAY_MS:-50}
CONCURRENCY=${CONCURRENCY:-32}
LINKS_PER_PAGE=${LINKS_PER_PAGE:-20}
LYCHEE=${LYCHEE:-$HOME/.cargo/bin/lychee}

cargo build --release --quiet --bin l10nlint --example latency_server
bin=${CARGO_TARGET_DIR:-target}/release

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/examples/latency_server" 127.0.0.1:0 "$DELAY_MS" >"$work/server.out" &
server_pid=$!
until [ -s "$work/server.out" ]; do sleep 0.05; done
base=$(head -n 1 "$work/server.out")
requests() { curl -s "$base/__count"; }

# The site: every locale has the same pages, and page p links to URLs p*LINKS_PER_PAGE … +19,
# so each of the URLS distinct URLs is written once per locale.
locales=(en de es fr it pt nl sv da fi pl cs hu ro tr ja ko ru uk el id vi th he ar)
locales=("${locales[@]:0:$LOCALES}")
pages=$(( (URLS + LINKS_PER_PAGE - 1) / LINKS_PER_PAGE ))
site="$work/site"
for locale in "${locales[@]}"; do
    mkdir -p "$site/$locale"
    for ((page = 0; page < pages; page++)); do
        {
            printf -- '---\ntitle: Page %d\n---\n# Page %d\n\n' "$page" "$page"
            for ((link = 0; link < LINKS_PER_PAGE; link++)); do
                url=$((page * LINKS_PER_PAGE + link))
                [ "$url" -lt "$URLS" ] && printf -- '- [Reference %d](%s/doc/%d)\n' "$url" "$base" "$url"
            done
        } >"$site/$locale/page-$page.md"
    done
done
cat >"$site/l10nlint.toml" <<TOML
source-locale = "en"

[online]
max-concurrency = $CONCURRENCY
max-per-host = $CONCURRENCY
TOML
occurrences=$(grep -rhoc "$base/doc/" "$site" | paste -sd+ | bc)

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }
floor=$(echo "scale=3; $URLS * $DELAY_MS / 1000 / $CONCURRENCY" | bc)

echo "corpus: $URLS distinct URLs, $LOCALES locales, $occurrences occurrences; server delay ${DELAY_MS} ms; concurrency $CONCURRENCY"
echo "floor: $URLS × ${DELAY_MS} ms / $CONCURRENCY = ${floor}s"

lint() { "$bin/l10nlint" lint --online --allow-private --select online "$@" "$site"; }

before=$(requests); start=$(now)
lint --no-cache >/dev/null 2>"$work/l10nlint.err"
l10nlint_time=$(seconds "$start" "$(now)"); l10nlint_requests=$(( $(requests) - before ))
echo "l10nlint, no cache:   $l10nlint_requests requests, ${l10nlint_time}s  ($(tail -n 1 "$work/l10nlint.err"))"

lint --cache "$work/cache.json" >/dev/null 2>&1
before=$(requests); start=$(now)
lint --cache "$work/cache.json" >/dev/null 2>"$work/cached.err"
cached_time=$(seconds "$start" "$(now)"); cached_requests=$(( $(requests) - before ))
echo "l10nlint, warm cache: $cached_requests requests, ${cached_time}s  ($(tail -n 1 "$work/cached.err"))"

# lychee with the same limits (it spaces requests to a host by 50 ms unless told otherwise),
# then with its own defaults but the same concurrency.
run_lychee() {
    local label=$1; shift
    before=$(requests); start=$(now)
    "$LYCHEE" --no-progress --max-concurrency "$CONCURRENCY" --host-concurrency "$CONCURRENCY" \
        "$@" "$site/**/*.md" >"$work/lychee.out" 2>&1 || true
    lychee_time=$(seconds "$start" "$(now)"); lychee_requests=$(( $(requests) - before ))
    echo "lychee $("$LYCHEE" --version | awk '{print $2}'), $label: $lychee_requests requests, ${lychee_time}s  ($(grep -m1 'Total' "$work/lychee.out" || true))"
    echo "  ratio lychee / l10nlint: time $(echo "scale=2; $lychee_time / $l10nlint_time" | bc), requests $(echo "scale=2; $lychee_requests / $l10nlint_requests" | bc)"
}
if [ -x "$LYCHEE" ]; then
    run_lychee "same limits" --host-request-interval 0s
    run_lychee "default host interval (50 ms)"
else
    echo "lychee: not found at $LYCHEE (install it with \`cargo install lychee\`)"
fi
