#!/usr/bin/env bash
# The pipeline commands keep the output promise (issue 12), run by .ci/run:
#  - `npx cdk8s synth` (cdk8s.yaml) writes dist/ through the app, and a failing one leaves dist/ as it was
#    (the CLI deletes only its scratch folder); `--format helm` puts the chart in dist/helm/;
#  - `npm run synth -- <args>` passes arguments with spaces and '!' as typed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CDK8S_CHECK_UPGRADE=false
fail() { echo "FAIL pipeline-test: $*" >&2; exit 1; }

# a project folder with the repo's cdk8s.yaml, the app given by absolute path
sed "s#node scripts/synth.js#node $root/scripts/synth.js#" "$root/cdk8s.yaml" > "$work/cdk8s.yaml"
cd "$work"
"$root/node_modules/.bin/cdk8s" synth --no-check-upgrade > cli.log 2>&1 || { cat cli.log; fail "npx cdk8s synth failed"; }
[ -f dist/dev/cheese-app.k8s.yaml ] && [ -f dist/prod/.cheese-k8s-output ] && [ -d dist/examples/two-apis ] || fail "npx cdk8s synth did not write dist/"
before=$(cd dist && find . -type f -exec md5sum {} + | sort)
if CHEESE_HOST='https://bad' "$root/node_modules/.bin/cdk8s" synth --no-check-upgrade > bad.log 2>&1; then fail "a failing npx cdk8s synth exited 0"; fi
grep -q 'invalid host "https://bad"' bad.log || { cat bad.log; fail "the failing synth did not say why"; }
[ "$(cd dist && find . -type f -exec md5sum {} + | sort)" = "$before" ] || fail "a failing npx cdk8s synth changed dist/"
"$root/node_modules/.bin/cdk8s" synth --no-check-upgrade --format helm --chart-version 0.1.0 > helm.log 2>&1 || { cat helm.log; fail "cdk8s synth --format helm failed"; }
[ -f dist/helm/Chart.yaml ] && cmp -s dist/helm/templates/cheese-app.k8s.yaml dist/prod/cheese-app.k8s.yaml || fail "the Helm chart is not dist/helm/ with the prod manifests"
[ -f dist/dev/cheese-app.k8s.yaml ] || fail "the Helm run removed dist/dev"
echo "npx cdk8s synth: dist/ written, kept on failure, Helm chart in dist/helm/"

cd "$root"
npm run --silent synth -- --env dev --no-examples --out "$work/out dir" --tag 'v1.2' > /dev/null 2>&1 || fail "npm run synth -- --out '<dir with a space>' failed"
[ -f "$work/out dir/dev/cheese-app.k8s.yaml" ] || fail "npm run synth did not write to the folder with a space"
out=$(npm run --silent synth -- --env dev --no-examples --out "$work/out dir" --tag 'bad tag!' 2>&1) && fail "--tag 'bad tag!' was accepted"
printf '%s\n' "$out" | grep -q 'invalid imageTag "bad tag!"' || { printf '%s\n' "$out"; fail "--tag 'bad tag!' did not arrive as typed"; }
echo "npm run synth: arguments arrive as typed"
echo "PASS pipeline-test"
