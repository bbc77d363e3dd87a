#!/usr/bin/env bash
# The package as users get it: compile, `npm pack`, install the tarball into a fresh temporary
# project (npm registry only; the npm cache makes it fast), compile a small TypeScript app that
# imports the constructs, synthesize it and check the YAML it writes.
# Prints one line `PASS pack-test ...` or `FAIL pack-test: <why>`; exits non-zero on failure.
# KEEP_PACK_TEST=1 keeps the temporary folder for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cheese-k8s-pack.XXXXXX")
step='start'
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then echo "FAIL pack-test: ${step} (exit ${rc}; files in ${tmp})"; return; fi
  if [ -z "${KEEP_PACK_TEST:-}" ]; then rm -rf "$tmp"; else echo "kept ${tmp}"; fi
}
trap cleanup EXIT
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
fail() { step=$1; exit 1; }

step='compile (tsc -p tsconfig.json into a clean lib/)'
rm -rf lib
npx --no-install tsc -p tsconfig.json

step='npm pack'
tarball=$(npm pack --json --pack-destination "$tmp" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => process.stdout.write(JSON.parse(s)[0].filename));')
tarball="$tmp/$(basename "$tarball")"
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
echo "tarball $(basename "$tarball"): $(wc -l < "$tmp/contents.txt") files, $(du -k "$tarball" | cut -f1) KiB"

step='npm install the tarball into a fresh project'
mkdir "$tmp/app"
cd "$tmp/app"
# the versions the package itself depends on, so npm installs one copy of each
read -r cdk8s_range constructs_range < <(node -e '
  const p = require(process.argv[1]); console.log(p.dependencies.cdk8s, p.dependencies.constructs);' "$root/package.json")
cat > package.json <<'EOF'
{ "name": "my-cheese-deployment", "version": "1.0.0", "private": true, "license": "UNLICENSED" }
EOF
npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$tarball" "cdk8s@$cdk8s_range" "constructs@$constructs_range" typescript@5.9.3 @types/node@20 > "$tmp/npm-install.log" 2>&1 \
  || { cat "$tmp/npm-install.log"; fail "npm install failed (log above)"; }
[ "$(find node_modules -name package.json -path '*/cdk8s/package.json' | wc -l)" -eq 1 ] || fail "more than one copy of cdk8s was installed"

step='compile a TypeScript app that imports the constructs (strict, library types checked)'
# module/moduleResolution node16 read the package's "exports" map, as current setups do
cat > tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2020", "module": "node16", "moduleResolution": "node16", "strict": true,
    "esModuleInterop": true, "skipLibCheck": false, "outDir": "out", "types": ["node"]
  },
  "include": ["main.ts"]
}
EOF
cat > main.ts <<'EOF'
import { App, Chart, YamlOutputType } from 'cdk8s';
import { ApiRouting, CheeseApp, ContainerImage, IngressController, Scaling, WebService } from 'cheese-k8s';

const app = new App({ outdir: 'dist', yamlOutputType: YamlOutputType.FILE_PER_CHART });

// the whole course app, with a student's own project, tag and host
const cheese = new CheeseApp(app, 'cheese-app', {
  gcpProject: 'my-ac215-project',
  imageTag: '20251201120000',
  host: '34.123.45.67.sslip.io',
  apiRouting: ApiRouting.rootPath('/api-service'),
  ingressController: IngressController.nginx(),
});

// one more service of your own, in its own chart
const extras = new Chart(app, 'extras', { namespace: 'extras', disableResourceNameHashes: true });
const hello = new WebService(extras, 'Hello', {
  image: ContainerImage.of('nginxinc/nginx-unprivileged:1.27.3'),
  port: 8080,
  scaling: Scaling.fixed(2),
});

// typed access to what was built
const names: string[] = [cheese.api.serviceName, cheese.vectorDb.serviceName, hello.serviceName];
console.log(`services: ${names.join(', ')}`);
app.synth();
EOF
npx --no-install tsc -p tsconfig.json

step='run the app (cdk8s synth)'
node out/main.js
[ -f dist/cheese-app.k8s.yaml ] && [ -f dist/extras.k8s.yaml ] || fail "the app did not write dist/cheese-app.k8s.yaml and dist/extras.k8s.yaml"

step='check the synthesized YAML'
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
console.log(`checked ${cheese.length} + ${extras.length} objects`);
EOF

step="the README's examples (blocks after '<!-- pack-test: FILE.ts -->'), compiled and run as a user would"
mkdir readme
node - "$root/README.md" readme <<'EOF'
const fs = require('fs');
const [readme, dir] = process.argv.slice(2);
const lines = fs.readFileSync(readme, 'utf8').split('\n');
const files = {};
for (let i = 0; i < lines.length; i++) {
  const m = /^<!-- pack-test: ([\w.-]+\.ts) -->$/.exec(lines[i]);
  if (!m) continue;
  if (!/^```ts\s*$/.test(lines[i + 1] ?? '')) throw new Error(`README.md:${i + 1}: a pack-test marker must be followed by a \`\`\`ts block`);
  const end = lines.indexOf('```', i + 2);
  if (end < 0) throw new Error(`README.md:${i + 1}: unterminated block`);
  files[m[1]] = (files[m[1]] ?? '') + lines.slice(i + 2, end).join('\n') + '\n';
}
if (Object.keys(files).length === 0) throw new Error('README.md has no pack-test examples');
for (const [name, text] of Object.entries(files)) fs.writeFileSync(`${dir}/${name}`, text);
console.log(`README examples: ${Object.keys(files).sort().join(', ')}`);
EOF
cat > readme/tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2020", "module": "node16", "moduleResolution": "node16", "strict": true,
    "esModuleInterop": true, "skipLibCheck": true, "outDir": "out", "types": ["node"]
  },
  "include": ["*.ts"]
}
EOF
npx --no-install tsc -p readme/tsconfig.json
for js in readme/out/*.js; do
  name=$(basename "$js" .js)
  mkdir "readme/run-$name"
  (cd "readme/run-$name" && node "../out/$name.js" > /dev/null)
  ls "readme/run-$name"/dist/*.k8s.yaml > /dev/null 2>&1 || fail "README example $name.ts wrote no dist/*.k8s.yaml"
  node -e '
    const { Yaml } = require("cdk8s");
    for (const f of process.argv.slice(1)) {
      const objs = Yaml.load(f).filter(Boolean);
      if (objs.length === 0 || objs.some(o => !o.apiVersion || !o.kind || !o.metadata || !o.metadata.name)) { console.error(`bad objects in ${f}`); process.exit(1); }
    }' "$PWD/readme/run-$name"/dist/*.k8s.yaml
  echo "README example $name.ts: $(cat "readme/run-$name"/dist/*.k8s.yaml | grep -c '^kind:') objects"
done
[ -f readme/run-my-app/dist/my-app.k8s.yaml ] || fail "the README's construct walk-through (my-app.ts) did not write dist/my-app.k8s.yaml"

step='kubectl kustomize the output'
if command -v kubectl > /dev/null; then
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cheese-app.k8s.yaml\n  - extras.k8s.yaml\n' > dist/kustomization.yaml
  kubectl kustomize dist > /dev/null
else
  echo 'kubectl not found: kustomize check skipped'
fi

step='the package entry points (require, ESM import, exports map)'
node -e 'if (typeof require("cheese-k8s").CheeseApp !== "function") process.exit(1)'
node --input-type=module -e 'import { CheeseApp, WebService } from "cheese-k8s"; if (typeof CheeseApp !== "function" || typeof WebService !== "function") process.exit(1);'
if node -e 'require("cheese-k8s/lib/src/main")' 2> /dev/null; then fail "lib/src/main (the repo's synth entry point) is importable from the package"; fi

echo "PASS pack-test: npm pack → install → tsc → synth → checks in $((SECONDS - start))s"
