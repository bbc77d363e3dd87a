#!/usr/bin/env node
/*
 * Regenerates the committed typed bindings in `imports/` OFFLINE (run via `npx projen import`).
 *
 * Reads upstream schema/CRD files from the schema root (default `../shared/schemas` relative to the
 * repo root, override with env CHEESE_SCHEMAS_DIR). The generated `imports/*.ts` are committed; nothing
 * at build or test time reads the schema root. This script is never part of `build`.
 *
 *   imports/k8s.ts    <- k8s-1.27.0/_definitions.json, through cdk8s-cli's own k8s importer
 *                        (same code path as `cdk8s import k8s@1.27.0`; only its download() is served
 *                        from the local file instead of raw.githubusercontent.com)
 *   imports/<group>.ts <- `cdk8s import <crd.yaml>` per API group (same-group CRDs concatenated into
 *                        one multi-document temp file, since each import overwrites `<group>.ts`)
 *   imports/crd-schemas.json <- the openAPIV3Schema of every served version of those CRDs, keyed
 *                        `<group>/<version>/<Kind>`, descriptions stripped; read at synth by the
 *                        whole-app validation (src/validation/crds.ts) for the CRD objects present
 *
 * Everything is generated into a temp directory first; `imports/` is only replaced when every step
 * succeeded. Output is deterministic (same inputs + same cdk8s-cli version => byte-identical files).
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(REPO_ROOT, 'imports');
const K8S_VERSION = '1.27.0';
const K8S_SCHEMA_REL = `k8s-${K8S_VERSION}/_definitions.json`;
// The URL cdk8s-cli's k8s importer hard-codes (lib/import/k8s.js, downloadSchema()).
const K8S_SCHEMA_URL = `https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`;

/**
 * CRD imports: one `cdk8s import` per API group. `files` are relative to the schema root; files of the
 * same group are concatenated (in this order) into one multi-document YAML.
 * `module` is the file cdk8s writes: imports/<module>.ts (= the CRDs' spec.group).
 */
const CRD_IMPORTS = [
  {
    module: 'networking.gke.io', // ManagedCertificate (v1), FrontendConfig (v1beta1)
    files: ['crds/gke/managedcertificates-crd.yaml', 'crds/gke/frontendconfigs.yaml'],
  },
  {
    module: 'cloud.google.com', // BackendConfig (v1, v1beta1)
    files: ['crds/gke/backendconfigs.cloud.google.com.yaml'],
  },
  {
    module: 'cert-manager.io', // Certificate, ClusterIssuer (v1)
    files: ['crds/cert-manager/cert-manager.io_certificates.yaml', 'crds/cert-manager/cert-manager.io_clusterissuers.yaml'],
  },
  {
    module: 'external-secrets.io', // ExternalSecret, SecretStore (v1, + older versions)
    files: ['crds/external-secrets/external-secrets.io_externalsecrets.yaml', 'crds/external-secrets/external-secrets.io_secretstores.yaml'],
  },
  {
    module: 'bitnami.com', // SealedSecret (v1alpha1)
    files: ['crds/sealed-secrets/bitnami.com_sealedsecrets.yaml'],
  },
  {
    module: 'gateway.networking.k8s.io', // Gateway API v1.2.1 standard channel
    files: [
      'crds/gateway-api-v1.2.1/gateway.networking.k8s.io_gatewayclasses.yaml',
      'crds/gateway-api-v1.2.1/gateway.networking.k8s.io_gateways.yaml',
      'crds/gateway-api-v1.2.1/gateway.networking.k8s.io_httproutes.yaml',
      'crds/gateway-api-v1.2.1/gateway.networking.k8s.io_referencegrants.yaml',
    ],
  },
];

function fail(msg) {
  process.stderr.write(`import: ERROR: ${msg}\n`);
  process.exit(1);
}

function resolveSchemaRoot() {
  const fromEnv = process.env.CHEESE_SCHEMAS_DIR;
  const root = fromEnv ? path.resolve(fromEnv) : path.resolve(REPO_ROOT, '..', 'shared', 'schemas');
  const how = fromEnv ? 'from env CHEESE_SCHEMAS_DIR' : 'default: ../shared/schemas relative to the repo root';
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    fail([
      `schema folder not found: ${root} (${how}).`,
      'This task regenerates imports/ from local copies of the upstream schema and CRD files',
      `(${K8S_SCHEMA_REL}, crds/...). The generated imports/*.ts are committed, so you only need this`,
      'to regenerate them. Point it at your copy with e.g.:',
      '  CHEESE_SCHEMAS_DIR=/path/to/schemas npx projen import',
    ].join('\n'));
  }
  const needed = [K8S_SCHEMA_REL, ...CRD_IMPORTS.flatMap((c) => c.files)];
  const missing = needed.filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length > 0) {
    fail(`schema folder ${root} (${how}) is missing:\n${missing.map((f) => `  ${f}`).join('\n')}`);
  }
  return root;
}

function cdk8sCliRoot() {
  // cdk8s-cli has an `exports` map, so internals are required by absolute file path.
  return path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [REPO_ROOT] }));
}

/** `cdk8s import k8s@1.27.0`, with the schema download served from the local file. */
async function importK8s(schemaRoot, outdir) {
  const cli = cdk8sCliRoot();
  const util = require(path.join(cli, 'lib', 'util.js'));
  const { importDispatch } = require(path.join(cli, 'lib', 'import', 'dispatch.js'));
  const localSchema = path.join(schemaRoot, K8S_SCHEMA_REL);

  const originalDownload = util.download;
  // k8s.js calls `(0, util_1.download)(url)`, i.e. it looks the function up on the module exports at
  // call time, so replacing the export is enough. Any other URL is refused: this script is offline.
  util.download = async (url) => {
    if (url === K8S_SCHEMA_URL) {
      return fs.promises.readFile(localSchema, 'utf-8');
    }
    throw new Error(`import.js: refusing unexpected download of ${url} (offline importer)`);
  };
  try {
    // Same call the CLI's `import` command makes for `cdk8s import k8s@1.27.0 -o <outdir> -l typescript`
    // (classNamePrefix undefined => default "Kube"); save:false so cdk8s.yaml (projen-managed) is untouched.
    await importDispatch([{ source: `k8s@${K8S_VERSION}` }], { exclude: undefined }, {
      outdir,
      targetLanguage: 'typescript',
      classNamePrefix: undefined,
      save: false,
    });
  } finally {
    util.download = originalDownload;
  }
}

/** `cdk8s import <group>.yaml -o <outdir> -l typescript` for each CRD group. */
function importCrds(schemaRoot, outdir, tmp) {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s');
  if (!fs.existsSync(bin)) {
    fail(`${bin} not found; run \`npm install\` (cdk8s-cli is a devDependency)`);
  }
  // yargs reads any CDK8S_* env var as an option; drop the caller's so only our flags apply.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CDK8S_')));
  env.CDK8S_CHECK_UPGRADE = 'false';

  for (const crd of CRD_IMPORTS) {
    const docs = crd.files.map((f) => {
      const text = fs.readFileSync(path.join(schemaRoot, f), 'utf-8');
      return text.endsWith('\n') ? text : `${text}\n`;
    });
    const crdFile = path.join(tmp, `${crd.module}.yaml`);
    fs.writeFileSync(crdFile, docs.join('---\n'));

    // cwd = temp dir: no cdk8s.yaml there, so the CLI neither reads nor rewrites the project's config.
    const res = spawnSync(bin, [
      'import', crdFile,
      '--output', outdir,
      '--language', 'typescript',
      '--no-save',
      '--no-check-upgrade',
    ], { cwd: tmp, env, encoding: 'utf-8' });
    if (res.status !== 0) {
      process.stderr.write(res.stdout || '');
      process.stderr.write(res.stderr || '');
      fail(`cdk8s import of ${crd.files.join(' + ')} failed (exit ${res.status ?? res.signal})`);
    }
    const produced = path.join(outdir, `${crd.module}.ts`);
    if (!fs.existsSync(produced)) {
      fail(`cdk8s import of ${crd.files.join(' + ')} did not write ${crd.module}.ts; output:\n${res.stdout}`);
    }
    const kinds = (res.stdout || '').split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
    console.log(`  ${crd.module}.ts  <- ${crd.files.join(', ')}  [${kinds.join(', ')}]`);
  }
}

/** Drops `description` (most of a CRD's bytes) from a schema; everything the validator reads is kept. */
function stripDescriptions(node) {
  if (Array.isArray(node)) return node.map(stripDescriptions);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // `properties` maps field names to schemas: a field may be called "description"
    if (key === 'description' && typeof value === 'string') continue;
    out[key] = stripDescriptions(value);
  }
  return out;
}

/** imports/crd-schemas.json: `{ "<group>/<version>/<Kind>": openAPIV3Schema }` for every served CRD version. */
function writeCrdSchemas(schemaRoot, outdir) {
  const YAML = require('yaml');
  const schemas = {};
  for (const file of CRD_IMPORTS.flatMap((c) => c.files)) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(schemaRoot, file), 'utf-8'))) {
      const crd = doc.toJS();
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions || []) {
        const schema = version.schema && version.schema.openAPIV3Schema;
        if (version.served === false || !schema) continue;
        schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = stripDescriptions(schema);
      }
    }
  }
  const keys = Object.keys(schemas).sort();
  fs.writeFileSync(path.join(outdir, 'crd-schemas.json'), `${JSON.stringify(Object.fromEntries(keys.map((k) => [k, schemas[k]])))}\n`);
  console.log(`  crd-schemas.json  <- ${keys.length} CRD versions: ${keys.join(', ')}`);
}

async function main() {
  const schemaRoot = resolveSchemaRoot();
  console.log(`import: schema root ${schemaRoot}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-import-'));
  const stage = path.join(tmp, 'imports');
  fs.mkdirSync(stage);
  try {
    // cdk8s-cli's importer logs module names to stdout; keep ours readable.
    const log = console.log;
    console.log = () => undefined;
    try {
      await importK8s(schemaRoot, stage);
    } finally {
      console.log = log;
    }
    const k8sTs = fs.readFileSync(path.join(stage, 'k8s.ts'), 'utf-8');
    const kubeClasses = (k8sTs.match(/^export class Kube\w+ extends ApiObject/gm) || []).length;
    console.log(`  k8s.ts  <- ${K8S_SCHEMA_REL}  [${kubeClasses} Kube* classes]`);

    importCrds(schemaRoot, stage, tmp);
    writeCrdSchemas(schemaRoot, stage);

    // Replace imports/*.ts only after every step succeeded.
    const generated = fs.readdirSync(stage).filter((f) => f.endsWith('.ts') || f === 'crd-schemas.json').sort();
    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const f of fs.readdirSync(OUT_DIR)) {
      if (f.endsWith('.ts') && !generated.includes(f)) {
        fs.rmSync(path.join(OUT_DIR, f));
        console.log(`  removed stale imports/${f}`);
      }
    }
    for (const f of generated) {
      fs.copyFileSync(path.join(stage, f), path.join(OUT_DIR, f));
    }
    console.log(`import: wrote ${generated.length} files to ${path.relative(process.cwd(), OUT_DIR) || '.'}/: ${generated.join(', ')}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
