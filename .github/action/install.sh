#!/usr/bin/env bash
# The install steps of the GitHub Action (action.yml), a script so that tests can run it.
#
#   install.sh key      prints `version=…`, `release=…` and `cache-key=…` (for $GITHUB_OUTPUT)
#   install.sh install  puts the binary in $L10NLINT_ROOT/bin
#
# A released version (the `version` input, or the action's own version when it is used at
# its release tag `v<version>`) is downloaded: the PyPI wheel holds the prebuilt binary.
# Anything else, or a failed download, builds with cargo: the action's own source, or the
# crates.io release of another version. The cache key
# names the version, and for a source build a hash of the sources, so a cached binary is
# never stale.
#
# Environment: L10NLINT_VERSION (the `version` input), L10NLINT_ACTION_REF
# (`github.action_ref`), L10NLINT_ROOT, and the runner's RUNNER_OS and RUNNER_ARCH.
set -euo pipefail

action_dir="$(cd "$(dirname "$0")/../.." && pwd)"
own_version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_dir/Cargo.toml" | head -n 1)"

version="${L10NLINT_VERSION:-}"
if [ -z "$version" ] && [ "${L10NLINT_ACTION_REF:-}" = "v$own_version" ]; then
  version="$own_version"
fi

case "${1:-}" in
  key)
    platform="${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}"
    if [ -n "$version" ]; then
      echo "release=true"
      echo "version=$version"
      echo "cache-key=l10nlint-$platform-$version"
    else
      sources="$(cd "$action_dir" && find Cargo.toml Cargo.lock src rules -type f | LC_ALL=C sort |
        xargs sha256sum | sha256sum | cut -c 1-16)"
      echo "release=false"
      echo "version=$own_version"
      echo "cache-key=l10nlint-$platform-$own_version-source-$sources"
    fi
    ;;
  install)
    root="${L10NLINT_ROOT:?L10NLINT_ROOT names where the binary goes}"
    bin_dir="$root/bin"
    mkdir -p "$bin_dir"
    if [ -n "$version" ]; then
      download="$(mktemp -d)"
      if python3 -m pip download --quiet --no-deps --only-binary=:all: \
        --dest "$download" "l10nlint==$version"; then
        python3 -m zipfile -e "$download"/l10nlint-*.whl "$download/wheel"
        install -m 0755 "$download/wheel/l10nlint-$version.data/scripts/l10nlint" "$bin_dir/l10nlint"
        echo "Downloaded l10nlint $version."
        exit 0
      fi
      echo "::warning title=l10nlint::no prebuilt l10nlint $version for this runner; building it from source"
    fi
    if [ -z "$version" ] || [ "$version" = "$own_version" ]; then
      cargo install --locked --path "$action_dir" --root "$root"
    else
      cargo install --locked --root "$root" l10nlint --version "$version"
    fi
    ;;
  *)
    echo "usage: install.sh key|install" >&2
    exit 2
    ;;
esac
