#!/usr/bin/env bash
# The package as users get it, set up by following README.md "Using the constructs in your own
# cdk8s app" verbatim: the commands and files of that section are read from README.md (fenced blocks
# after `<!-- pack-test:step -->` run in order in one shell, blocks after `<!-- pack-test:file NAME -->`
# are written to NAME at that point), so README and test cannot drift.
#
#   1. `npm pack` in a copy of the clone without lib/ (its prepack compiles), then check the tarball.
#   2. For each cdk8s version: the README's steps in a fresh folder (npm init, install the tarball,
#      `npx tsc --init`, the app, `npm run synth`, the snapshot test), then checks: one cdk8s shared by
#      app and library, the synthesized YAML, the snapshot test fails on a changed snapshot, the README's
#      construct examples compile and synthesize, kubectl kustomize, the package entry points.
#      Versions: `pinned` = the README's install line (this repo's devDependencies), `floor` = the same
#      line with the oldest cdk8s and constructs the peer ranges allow.
#
# Usage: scripts/pack-test.sh [pinned|floor|cdk8s@VERSION]...   (default: pinned floor; cdk8s@VERSION
# runs the README's steps with that cdk8s and the constructs floor, e.g. to try a new floor)
# Prints `PASS pack-test ...` or `FAIL pack-test: <step>`; exits non-zero on failure.
# KEEP_PACK_TEST=1 keeps the temporary folder for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(pinned floor)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cheese-k8s-pack.XXXXXX")
step='start'
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then echo "FAIL pack-test: ${step} (exit ${rc}; files in ${tmp})"; return; fi
  if [ -z "${KEEP_PACK_TEST:-}" ]; then rm -rf "$tmp"; else echo "kept ${tmp}"; fi
}
trap cleanup EXIT
# quiet, cache-first npm for every command (environment only: the README's commands run unchanged)
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false npm_config_prefer_offline=true
export npm_config_loglevel=error
fail() { step="$step: $1"; exit 1; }

step='npm pack in a copy of the clone (tracked and unignored files only, so no lib/; prepack compiles)'
mkdir "$tmp/clone"
git ls-files -z -co --exclude-standard | tar -cf - --null -T - | tar -xf - -C "$tmp/clone"
ln -s "$root/node_modules" "$tmp/clone/node_modules"
[ ! -e "$tmp/clone/lib" ] || fail "the copy already has lib/"
(cd "$tmp/clone" && npm pack --json > "$tmp/pack.json" 2> "$tmp/pack.log") || { cat "$tmp/pack.log"; fail "npm pack failed (log above)"; }
tarball="$tmp/clone/$(node -p 'require(process.argv[1])[0].filename' "$tmp/pack.json")"
[ -f "$tarball" ] || fail "npm pack wrote no tarball"

step='tarball contents'
tar -tzf "$tarball" | sed 's#^package/##' | sort > "$tmp/contents.txt"
for want in package.json README.md LICENSE CHANGELOG.md lib/src/index.js lib/src/index.d.ts lib/src/cheese-app.js lib/src/output/diagram.js lib/imports/k8s.js lib/imports/k8s.d.ts; do
  grep -qx "$want" "$tmp/contents.txt" || fail "the tarball lacks $want"
done
if grep -E '^(src/|test/|examples/|lib/examples/|lib/test/|bench/|scripts/|docs/|imports/.*\.ts$|lib/src/main\.|\.projen)' "$tmp/contents.txt" | grep -v '\.d\.ts$' > "$tmp/unwanted.txt"; then
  cat "$tmp/unwanted.txt"
  fail "the tarball contains files users do not need (listed above)"
fi
# every compiled source is shipped: one .js per src/**/*.ts except main.ts
want_js=$(cd "$tmp/clone" && find src -name '*.ts' ! -name '*.d.ts' ! -path src/main.ts | wc -l)
have_js=$(grep -cE '^lib/src/.*\.js$' "$tmp/contents.txt")
[ "$want_js" -eq "$have_js" ] || fail "the tarball has $have_js lib/src/**/*.js for $want_js src/**/*.ts (main.ts excluded)"
node -e '
  const p = require(process.argv[1]);
  const want = { peerDependencies: ["cdk8s", "cdk8s-plus-27", "constructs"] };
  if (p.dependencies && (p.dependencies.cdk8s || p.dependencies.constructs)) throw new Error("cdk8s/constructs are dependencies, not peers");
  for (const n of want.peerDependencies) if (!p.peerDependencies?.[n]) throw new Error(`no peer dependency on ${n}`);
  if (!p.peerDependenciesMeta?.["cdk8s-plus-27"]?.optional) throw new Error("cdk8s-plus-27 is not an optional peer");
' "$tmp/clone/package.json" || fail "package.json dependencies are not peers as documented"
echo "tarball $(basename "$tarball"): $(wc -l < "$tmp/contents.txt") files, $(du -k "$tarball" | cut -f1) KiB"

step="extract the consumer steps from README.md"
# one bash script: step blocks verbatim, file blocks as here-documents; the README's construct
# examples (blocks after '<!-- pack-test: FILE.ts -->', concatenated per FILE) into examples/
node - "$root/README.md" "$tmp" <<'EOF'
const fs = require('fs');
const [readme, out] = process.argv.slice(2);
const lines = fs.readFileSync(readme, 'utf8').split('\n');
const script = ['set -euo pipefail', "PS4='+ [${SECONDS}s] '", 'set -x'];
const examples = {};
const block = (i) => { // the fenced block right after the marker at line i
  if (!/^```\w+\s*$/.test(lines[i + 1] ?? '')) throw new Error(`README.md:${i + 1}: a pack-test marker must be followed by a fenced block`);
  const end = lines.indexOf('```', i + 2);
  if (end < 0) throw new Error(`README.md:${i + 1}: unterminated block`);
  return lines.slice(i + 2, end);
};
let steps = 0;
let files = 0;
for (let i = 0; i < lines.length; i++) {
  let m;
  if (/^<!-- pack-test:step -->$/.test(lines[i])) {
    script.push(`# README.md:${i + 3}`, ...block(i));
    steps++;
  } else if ((m = /^<!-- pack-test:file ([\w.-]+) -->$/.exec(lines[i]))) {
    script.push(`cat > ${m[1]} <<'PACK_TEST_EOF'`, ...block(i), 'PACK_TEST_EOF');
    files++;
  } else if ((m = /^<!-- pack-test: ([\w.-]+\.ts) -->$/.exec(lines[i]))) {
    examples[m[1]] = (examples[m[1]] ?? '') + block(i).join('\n') + '\n';
  } else if (/pack-test/.test(lines[i]) && /^<!--/.test(lines[i])) {
    throw new Error(`README.md:${i + 1}: unknown pack-test marker ${lines[i]}`);
  }
}
if (steps === 0 || files === 0) throw new Error('README.md has no pack-test:step / pack-test:file blocks');
if (Object.keys(examples).length === 0) throw new Error('README.md has no pack-test examples');
fs.writeFileSync(`${out}/readme-steps.sh`, script.join('\n') + '\n');
fs.mkdirSync(`${out}/readme-examples`);
for (const [name, text] of Object.entries(examples)) fs.writeFileSync(`${out}/readme-examples/${name}`, text);
console.log(`README: ${steps} step blocks, ${files} files, examples ${Object.keys(examples).sort().join(', ')}`);
EOF
app=my-cheese-app
grep -q "^mkdir $app && cd $app\$" "$tmp/readme-steps.sh" || fail "the README's steps no longer start with 'mkdir $app && cd $app'"
# the README's install line is the "pinned" variant: it must name this repo's devDependency versions
read -r dev_cdk8s dev_constructs floor_cdk8s floor_constructs < <(node -e '
  const semver = require("semver");
  const p = require(process.argv[1]);
  const floor = n => semver.minVersion(p.peerDependencies[n]).version;
  console.log(p.devDependencies.cdk8s, p.devDependencies.constructs, floor("cdk8s"), floor("constructs"));' "$root/package.json")
for pin in "cdk8s@$dev_cdk8s" "constructs@$dev_constructs"; do
  [ "$(grep -c -- " $pin\\b" "$tmp/readme-steps.sh")" -eq 1 ] || fail "the README's steps must install $pin (this repo's devDependency) exactly once"
done

run_variant() { # run_variant <name> <cdk8s version> <constructs version>
  local name=$1 cdk8s_version=$2 constructs_version=$3 t0=$SECONDS
  local dir="$tmp/$name"
  step="$name (cdk8s $cdk8s_version, constructs $constructs_version): the README's steps"
  mkdir -p "$dir/cheese-k8s"
  # the README installs ../cheese-k8s/cheese-k8s-0.0.0.tgz: the clone next to the new project
  cp "$tarball" "$dir/cheese-k8s/"
  sed -e "s/ cdk8s@$dev_cdk8s\\b/ cdk8s@$cdk8s_version/" -e "s/ constructs@$dev_constructs\\b/ constructs@$constructs_version/" \
    "$tmp/readme-steps.sh" > "$dir/steps.sh"
  # a user's machine: jest writes the first snapshot (with CI set it would refuse to)
  # steps.log: each command with the seconds elapsed when it started (install times)
  (cd "$dir" && env -u CI -u GITHUB_ACTIONS bash steps.sh > "$dir/steps.log" 2>&1) || { tail -40 "$dir/steps.log"; fail "a README step failed (log above; all of it in $dir/steps.log)"; }
  cd "$dir/$app"
  echo "$name: README steps (installs, tsc --init, synth, npm test, tsc) in $((SECONDS - t0))s"

  step="$name: one cdk8s and one constructs, shared by the app and the library"
  node -e '
    const [cdk8s, constructs] = process.argv.slice(1);
    const lib = require.resolve("cheese-k8s");
    const from = (pkg, base) => require.resolve(`${pkg}/package.json`, { paths: [base] });
    for (const [pkg, want] of [["cdk8s", cdk8s], ["constructs", constructs]]) {
      const app = from(pkg, process.cwd()), viaLib = from(pkg, lib);
      if (app !== viaLib) throw new Error(`${pkg}: the app loads ${app}, the library ${viaLib}`);
      const v = require(app).version;
      if (v !== want) throw new Error(`${pkg} ${v} installed, ${want} expected`);
    }' "$cdk8s_version" "$constructs_version"

  step="$name: check the synthesized YAML"
  node - <<'EOF'
const fs = require('fs');
const { Yaml } = require('cdk8s'); // the YAML parser cdk8s itself uses
const load = f => Yaml.load(`dist/${f}`).filter(Boolean);
const ids = objs => objs.map(o => `${o.kind}/${o.metadata.name}`);
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

const cheese = load('cheese-app.k8s.yaml');
for (const id of ['Namespace/cheese-app-namespace', 'ServiceAccount/api-ksa', 'ConfigMap/cheese-app-config',
  'PersistentVolumeClaim/chromadb-pvc', 'PersistentVolumeClaim/persistent-pvc', 'StatefulSet/vector-db', 'Service/vector-db',
  'Deployment/api', 'Service/api', 'Deployment/frontend', 'Service/frontend', 'Ingress/cheese-app-ingress',
  'NetworkPolicy/default-deny-all', 'NetworkPolicy/api-network']) {
  expect(ids(cheese).includes(id), `cheese-app.k8s.yaml has ${id}`);
}
expect(cheese.some(o => o.kind === 'Job' && o.metadata.name.startsWith('vector-db-loader-')), 'cheese-app.k8s.yaml has the loader Job');
for (const o of cheese) {
  expect(typeof o.apiVersion === 'string' && typeof o.kind === 'string' && o.metadata && o.metadata.name, `every object has apiVersion, kind and a name (${o.kind})`);
  if (o.kind !== 'Namespace') expect(o.metadata.namespace === 'cheese-app-namespace', `${o.kind}/${o.metadata.name} is in cheese-app-namespace`);
}
const api = cheese.find(o => o.kind === 'Deployment' && o.metadata.name === 'api');
expect(api.spec.template.spec.containers[0].image === 'us-docker.pkg.dev/my-ac215-project/cheese-app-repository/cheese-app-api-service:20251201120000', 'the API runs the given project and tag');
const config = cheese.find(o => o.kind === 'ConfigMap');
expect(config.data.GCP_PROJECT === 'my-ac215-project', 'the ConfigMap carries GCP_PROJECT (a Lazy value resolved at synth)');
const db = cheese.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'vector-db-network');
expect(Array.isArray(db.spec.ingress) && db.spec.ingress.length === 2, 'vector-db-network admits the API and the loader (Lazy rules resolved)');
const pvc = cheese.find(o => o.kind === 'PersistentVolumeClaim' && o.metadata.name === 'chromadb-pvc');
expect(pvc.spec.resources.requests.storage === '20Gi', `chromadb-pvc requests the app's Size.gibibytes(20) (got ${pvc.spec.resources.requests.storage})`);
const ing = cheese.find(o => o.kind === 'Ingress');
expect(ing.spec.rules[0].host === '34.123.45.67.sslip.io', 'the Ingress uses the given host');
expect(!/\$\{Token|\[object Object\]/.test(fs.readFileSync('dist/cheese-app.k8s.yaml', 'utf8')), 'no unresolved tokens in the YAML');

const extras = load('extras.k8s.yaml');
expect(JSON.stringify(ids(extras).sort()) === JSON.stringify(['Deployment/hello', 'PodDisruptionBudget/hello', 'Service/hello']),
  `extras.k8s.yaml is Deployment, Service and PDB hello (got ${ids(extras).join(', ')})`);
const hello = extras.find(o => o.kind === 'Deployment');
expect(hello.spec.replicas === 2 && hello.metadata.namespace === 'extras', 'hello runs 2 replicas in namespace extras');

if (problems.length) {
  console.error(`failed checks:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
EOF

  step="$name: the snapshot test was written, passes with --ci, and fails on a changed snapshot"
  local snap=__snapshots__/main.test.ts.snap
  [ -s "$snap" ] || fail "npm test wrote no $snap"
  grep -q 'cheese-app-api-service:20251201120000' "$snap" || fail "$snap does not hold the API image"
  npm test --silent -- --ci > "$dir/jest-ci.log" 2>&1 || { cat "$dir/jest-ci.log"; fail "npm test -- --ci failed on the snapshot it wrote"; }
  cp "$snap" "$dir/snap.bak"
  sed -i 's/cheese-app-api-service:20251201120000/cheese-app-api-service:20990101000000/' "$snap"
  cmp -s "$snap" "$dir/snap.bak" && fail "could not alter $snap"
  if npm test --silent -- --ci > "$dir/jest-changed.log" 2>&1; then fail "npm test passed against an altered snapshot"; fi
  cp "$dir/snap.bak" "$snap"

  step="$name: the README's construct examples, compiled with the app's tsconfig and synthesized"
  cp -r "$tmp/readme-examples" examples
  npx --no-install tsc --noEmit
  for ts in examples/*.ts; do
    local ex
    ex=$(basename "$ts" .ts)
    mkdir "examples/run-$ex"
    (cd "examples/run-$ex" && node -r ts-node/register/transpile-only "../$ex.ts" > /dev/null)
    if [ "$ex" = write-output ]; then
      # the output writer as a consumer uses it: dist/<env>/ with manifests, Kustomization and reports
      for f in dev/dev.k8s.yaml dev/Kustomization dev/reports/architecture.md prod/prod.k8s.yaml prod/reports/capacity.md; do
        [ -f "examples/run-$ex/dist/$f" ] || fail "README example write-output.ts wrote no dist/$f"
      done
      kubectl kustomize "examples/run-$ex/dist/prod" > /dev/null || fail "kubectl kustomize of the writer's dist/prod failed"
      continue
    fi
    ls "examples/run-$ex"/dist/*.k8s.yaml > /dev/null 2>&1 || fail "README example $ex.ts wrote no dist/*.k8s.yaml"
    node -e '
      const { Yaml } = require("cdk8s");
      for (const f of process.argv.slice(1)) {
        const objs = Yaml.load(f).filter(Boolean);
        if (objs.length === 0 || objs.some(o => !o.apiVersion || !o.kind || !o.metadata || !o.metadata.name)) { console.error(`bad objects in ${f}`); process.exit(1); }
      }' "$PWD/examples/run-$ex"/dist/*.k8s.yaml
  done
  [ -f examples/run-my-app/dist/my-app.k8s.yaml ] || fail "the README's construct walk-through (my-app.ts) did not write dist/my-app.k8s.yaml"

  step="$name: kubectl kustomize the output"
  if command -v kubectl > /dev/null; then
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cheese-app.k8s.yaml\n  - extras.k8s.yaml\n' > dist/kustomization.yaml
    kubectl kustomize dist > /dev/null
    rm dist/kustomization.yaml
  fi

  step="$name: the package entry points (require, ESM import, exports map)"
  node -e 'if (typeof require("cheese-k8s").CheeseApp !== "function") process.exit(1)'
  node --input-type=module -e 'import { CheeseApp, WebService } from "cheese-k8s"; if (typeof CheeseApp !== "function" || typeof WebService !== "function") process.exit(1);'
  if node -e 'require("cheese-k8s/lib/src/main")' 2> /dev/null; then fail "lib/src/main (the repo's synth entry point) is importable from the package"; fi

  echo "$name: cdk8s $cdk8s_version, constructs $constructs_version: passed in $((SECONDS - t0))s"
  cd "$root"
}

for v in "${variants[@]}"; do
  case $v in
    pinned) run_variant pinned "$dev_cdk8s" "$dev_constructs" ;;
    floor) run_variant floor "$floor_cdk8s" "$floor_constructs" ;;
    cdk8s@*) run_variant "$v" "${v#cdk8s@}" "$floor_constructs" ;;
    *) step="arguments"; fail "unknown variant '$v' (pinned, floor or cdk8s@VERSION)" ;;
  esac
done

echo "PASS pack-test (${variants[*]}): npm pack → README steps (install, tsc --init, synth, snapshot test) → checks in $((SECONDS - start))s"
