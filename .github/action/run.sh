#!/usr/bin/env bash
# The lint step of the GitHub Action (action.yml), a script so that tests can run it
# (tests/action.rs). It runs in the action's `working-directory`; paths in annotations, the
# SARIF log and the job summary are relative to the repository root ($GITHUB_WORKSPACE)
# whatever that directory is, because l10nlint writes them so when GITHUB_WORKSPACE is set.
#
# Inputs, through the environment (never into the script text):
#   L10NLINT_ARGS       arguments after `l10nlint lint`, split on whitespace
#   L10NLINT_DIFF_BASE  fail only on lines changed since this revision
#   L10NLINT_SARIF      write a SARIF log here, relative to the repository root
#   L10NLINT_SUMMARY    `false` to leave the job summary alone
#   GITHUB_STEP_SUMMARY the job summary file, when the runner provides one
set -euo pipefail

workspace="${GITHUB_WORKSPACE:-$PWD}"
read -r -a args <<<"${L10NLINT_ARGS:-}"
if [ -n "${L10NLINT_DIFF_BASE:-}" ]; then
  args=(--diff-base "$L10NLINT_DIFF_BASE" "${args[@]}")
fi

if [ -n "${L10NLINT_SARIF:-}" ]; then
  case "$L10NLINT_SARIF" in
    /*) sarif="$L10NLINT_SARIF" ;;
    *) sarif="$workspace/$L10NLINT_SARIF" ;;
  esac
  mkdir -p "$(dirname "$sarif")"
  l10nlint lint --format sarif --exit-zero --quiet "${args[@]}" >"$sarif"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "${L10NLINT_SUMMARY:-true}" != false ]; then
  l10nlint lint --format markdown --exit-zero --quiet "${args[@]}" >>"$GITHUB_STEP_SUMMARY"
fi

# Annotations for the problems this change can fail on; with a diff base, the others are
# listed in the log (a collapsed group), not annotated.
l10nlint lint --format github "${args[@]}"
