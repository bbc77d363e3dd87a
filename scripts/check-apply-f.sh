#!/usr/bin/env bash
# Checks that `kubectl apply -f <dir>` reads only Kubernetes objects: every file kubectl picks up in
# <dir> (.yaml, .yml, .json at the top level) must decode into objects. Offline: kubectl is pointed at
# a closed port, so each object it decoded fails only at the REST-mapping step ("unable to recognize
# <file>"); anything else (a kustomization or a report read as an object, a parse error) fails here.
set -euo pipefail
dir=${1:?usage: check-apply-f.sh <dir>}
dir=${dir%/}
out=$(kubectl apply -f "$dir" --dry-run=client --validate=false --server=http://127.0.0.1:9 2>&1 || true)
problems=$(printf '%s\n' "$out" | grep -E '^(unable to|error)' | grep -vE "^unable to recognize \"$dir/[^\"/]+\\.k8s\\.yaml\": " || true)
if [ -n "$problems" ]; then
  printf 'kubectl apply -f %s reads something that is not a manifest:\n%s\n' "$dir" "$problems" >&2
  exit 1
fi
recognized=$(printf '%s\n' "$out" | grep -c '^unable to recognize' || true)
documents=$(cat "$dir"/*.k8s.yaml | grep -c '^kind: ' || true)
if [ "$recognized" -ne "$documents" ]; then
  printf 'kubectl apply -f %s decoded %s objects, the manifests hold %s\n' "$dir" "$recognized" "$documents" >&2
  exit 1
fi
echo "kubectl apply -f $dir: $documents objects, nothing else"
