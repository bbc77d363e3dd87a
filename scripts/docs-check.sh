#!/usr/bin/env bash
# Fails when the API reference would be incomplete: an exported symbol or a public prop without
# JSDoc, an optional prop of a *Props/*Options/*Settings/*Overrides struct without @default, or a
# broken {@link}. Generates the reference (typedoc.config.mjs, warnings are errors) into a
# temporary folder, so docs/api/ is left alone. `npx projen docs` writes docs/api/.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
if ! npx --no-install typedoc --out "$tmp/api" --logLevel Warn; then
  echo 'FAIL docs:check: the API reference is incomplete (see the warnings above); add the JSDoc in src/'
  exit 1
fi
echo "PASS docs:check: every export, prop and @default is documented ($(find "$tmp/api" -name '*.md' | wc -l) pages, $((SECONDS - start))s)"
