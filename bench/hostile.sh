#!/usr/bin/env bash
# Times each hostile case (bench/hostile_cases.py) with one or more l10nlint binaries, side by
# side: wall and CPU seconds, peak memory, and whether it finished within LIMIT seconds.
#
#   bench/hostile.sh target/release/l10nlint [OLD_BINARY …]
#   LIMIT=60 CASES="list 10000;para 100000" bench/hostile.sh …
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-300}
WORK=${WORK:-/tmp/l10nlint-hostile}
CASES=${CASES:-"list 2500;list 10000;list 100000;para 100000;line 10;big 50;anchors 100000;fluent 2000;fluenttypo 10000;chain 100000;yaml 4000;yaml 10000;suggest 2000 1"}
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
mkdir -p "$WORK"
printf '| case |'; for binary in "$@"; do printf ' %s wall / CPU / peak |' "$binary"; done; echo
printf '|---|'; for _ in "$@"; do printf -- '---|'; done; echo
IFS=';' read -ra cases <<<"$CASES"
for case in "${cases[@]}"; do
  read -ra words <<<"$case"
  name="${words[0]}${words[1]}"
  [ -d "$WORK/$name" ] || python3 bench/hostile_cases.py "$WORK" "${words[@]}"
  printf '| %s |' "$case"
  for binary in "$@"; do
    (cd "$WORK/$name" && /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" \
      timeout "$LIMIT" "$binary" lint --format concise --no-cache >/dev/null 2>&1) || true
    status=$(grep -o 'non-zero status [0-9]*' "$WORK/time" | grep -o '[0-9]*$' || echo 0)
    read -r wall user system peak < <(tail -1 "$WORK/time")
    cpu=$(echo "$user + $system" | bc)
    if [ "$status" = 124 ]; then
      printf ' > %s s (%s s CPU), stopped |' "$LIMIT" "$cpu"
    else
      printf ' %s s / %s s / %d MB |' "$wall" "$cpu" $((peak / 1024))
    fi
  done
  echo
done
