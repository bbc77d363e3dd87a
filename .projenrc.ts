import { cdk8s, DependencyType, javascript, JsonPatch, TextFile } from 'projen';

// Single source of truth for the repo's tooling. Run `npx projen` after editing.
const project = new cdk8s.Cdk8sTypeScriptApp({
  name: 'cheese-k8s',
  packageName: 'cheese-k8s',
  description: 'Typed cdk8s constructs that synthesize the AC215 cheese app (frontend, API, vector DB, loader Job, Ingress) for GKE',
  keywords: ['cdk8s', 'kubernetes', 'gke', 'cheese-app', 'ac215'],
  license: 'Apache-2.0',
  copyrightOwner: 'cheese-k8s contributors',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // toolchain pins (see ../shared/reference/toolchain-notes.md: TypeScript 7 breaks ts-node and ts-jest)
  typescriptVersion: '5.9.3',
  cdk8sVersion: '2.70.106',
  cdk8sVersionPinning: true,
  cdk8sCliVersion: '2.207.60',
  cdk8sCliVersionPinning: true,
  k8sMinorVersion: 27,
  // src/ builds every object from the typed L1 bindings in imports/, never from cdk8s-plus: users
  // would install an unused (and unmaintained) cdk8s-plus-27 with the package.
  cdk8sPlus: false,
  constructsVersion: '10.4.2',
  // cdk8s, constructs and cdk8s-plus-27 are peers with pinned devDependencies of their own (see the
  // package section at the end); projen's default would pin the devDependency to the peer's floor.
  peerDependencyOptions: { pinnedDevDependency: false },
  // an "app" project type (for the repo's own synth), published as a library: allow peerDependencies
  allowLibraryDependencies: true,
  integrationTestAutoDiscover: false,

  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,

  devDeps: [
    '@types/node@^20',
    'kubernetes-models@4.5.1',
    'yaml@^2.8.0',
    'fast-check@^3',
    'esbuild@^0.25',
    '@swc/core@^1.10',
    '@swc/jest@^0.2',
    // tests only: shows that the policy catches cdk8s-plus-27's L2 defaults (no seccomp, no capability drop)
    'cdk8s-plus-27@2.9.5',
  ],

  tsconfig: {
    // no inline source maps: they doubled the published tarball (sources are not shipped)
    compilerOptions: { rootDir: '.', skipLibCheck: true, inlineSourceMap: false, inlineSources: false },
    include: ['src/**/*.ts', 'imports/**/*.ts', 'examples/**/*.ts'],
  },
  // projen >= 0.103 puts the dev tsconfig at test/tsconfig.json by default (its include globs are then
  // relative to test/, so `imports/**` never matched); keep it at the root where `typecheck` expects it.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: { skipLibCheck: true },
    include: ['imports/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts'],
  },
  // With the dev tsconfig at the root, eslint's project service (nearest tsconfig.json per file) no longer
  // finds test/*.ts; lint every file against tsconfig.dev.json instead. imports/ is generated: not linted.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'build-tools'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // jest's default on a 2-core machine is one worker (cores - 1): two halve the suite's wall time
    extraCliOptions: ['--json', '--outputFile=test-reports/jest.json', '--maxWorkers=2'],
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
    },
  },
  gitignore: ['/dist/', '/.synth-tmp*/', '/test-reports/'],
});

// jest: transpile with swc (fast); type-checking is its own step (`typecheck`) in `test`.
project.tryFindObjectFile('package.json')?.addOverride('jest.transform', {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' } }],
});
// projen registers a ts-jest transform for the same files; drop it so swc is the one that runs
project.tryFindObjectFile('package.json')?.patch(JsonPatch.remove('/jest/transform/^.+\\.[t]sx?$'));
project.tryFindObjectFile('package.json')?.addOverride('main', 'lib/src/index.js');
project.tryFindObjectFile('package.json')?.addOverride('types', 'lib/src/index.d.ts');

const typecheck = project.addTask('typecheck', {
  description: 'Type-check src, imports, test and tools without emitting (tests themselves run transpile-only)',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});
project.testTask.prependSpawn(typecheck);

// imports/: committed typed bindings (k8s 1.27 + CRDs), regenerated offline by scripts/import.js.
// Only that on-demand task reads ../shared/schemas; build, test and synth never do.
const importTask = project.tasks.tryFind('import');
importTask?.reset('node scripts/import.js');
if (importTask) {
  importTask.description =
    'Regenerate the committed imports/*.ts offline from ../shared/schemas (override with CHEESE_SCHEMAS_DIR): ' +
    'k8s@1.27.0 + GKE, cert-manager, external-secrets, sealed-secrets and Gateway API v1.2.1 CRDs. Manual only, never part of build.';
}
// Only k8s is listed: CRD sources live in ../shared (absent from clones), and `cdk8s synth --format helm`
// reads this list. scripts/import.js (the `import` task) is the one documented way to regenerate imports/.
project.tryFindObjectFile('cdk8s.yaml')?.addOverride('imports', ['k8s@1.27.0']);
project.tryFindObjectFile('cdk8s.yaml')?.addOverride('importDirectory', 'imports');
project.eslint?.addIgnorePattern('imports/');

// ---- synth: the fast app command (issue 5) ----
// scripts/synth.js runs src/main.ts as one esbuild bundle in .cache/synth/ (rebuilt only when src/,
// examples/, imports/ or the lockfile changed; transpile only, type-checking is `typecheck` in `test`),
// compiled with V8's code cache. `npm run synth -- <args>`, `npx cdk8s synth` and `build` all run it.
const SYNTH_APP = 'node scripts/synth.js';
// cdk8s-cli deletes its `output` folder before it runs the app: point it at a scratch folder and let
// the app write dist/ itself through the output writer (a failed synth leaves dist/ intact)
const CDK8S_SCRATCH = '.cache/cdk8s-cli';
project.tryFindObjectFile('cdk8s.yaml')?.addOverride('output', CDK8S_SCRATCH);
project.tryFindObjectFile('cdk8s.yaml')?.addOverride('app', `${SYNTH_APP} --cdk8s-scratch ${CDK8S_SCRATCH}`);
const synthTask = project.tasks.tryFind('synth');
synthTask?.reset(SYNTH_APP, { receiveArgs: true });
if (synthTask) {
  synthTask.description =
    'Synthesize every environment and the examples into dist/ via the fast app command (`npm run synth -- --help` for options)';
}
// `npm run synth -- <args>` runs the app directly: through `projen synth` the arguments are re-split
// by a shell, so `--tag 'bad tag!'` or `--out '/tmp/out dir'` would not arrive as typed
project.package.setScript('synth', SYNTH_APP);
// post-compile keeps spawning synth (projen's cdk8s-app default): `build` still leaves dist/ up to date,
// and with the bundle it costs well under a second.
// cdk8s-cli asks registry.npmjs.org for a newer version on every command (and prints a stack trace when
// offline); no repo file can turn that off for a bare `npx cdk8s`, but every projen task skips it.
project.tasks.addEnvironment('CDK8S_CHECK_UPGRADE', 'false');
project.addTask('bench', {
  description: 'Benchmark the synth path (informational, never part of test): fast app command after an edit vs '
    + '`ts-node src/main.ts`, up-to-date vs `node -e 0`, 10/100/1000 WebServices, peak RSS. '
    + 'Options: --runs N (default 5), --strict (exit 1 on a missed target). Writes bench/results.json (gitignored)',
  exec: 'node bench/run.js',
  receiveArgs: true,
});
// .cache/synth/ holds the bundle and V8 code cache (projen's Node defaults ignore `.cache` too; explicit here);
project.addTask('fuzz', {
  description: 'Soak of the library promise (bench/properties.ts): random props of every construct throw the library error format '
    + 'or synthesize objects that pass the whole-app validation. Options: --runs N (default 200), --seed S (default: new, printed)',
  exec: 'node scripts/synth.js --entry bench/fuzz.ts',
  receiveArgs: true,
});
// bench/results.json holds machine-specific numbers
project.gitignore.exclude('/.cache/', '/bench/results.json');

// ---- API reference: docs/api/, generated by typedoc from the JSDoc of src/index.ts ----
// typedoc.config.mjs holds the settings; scripts/typedoc-require-default.mjs makes a missing
// @default on an optional prop a warning, and treatWarningsAsErrors makes any gap fatal.
// docs/api/ is a build output (gitignored): ~220 generated pages that every JSDoc edit would churn.
// It is current by construction; what CI checks (docs:check) is that it is complete.
project.addDevDeps('typedoc@^0.28.20', 'typedoc-plugin-markdown@^4.14.1');
new TextFile(project, 'typedoc.config.mjs', {
  lines: [
    '// ~~ Generated by projen. To modify, edit .projenrc.ts and run "npx projen".',
    "import { OptionDefaults } from 'typedoc';",
    '',
    '/** @type {Partial<import("typedoc").TypeDocOptions & import("typedoc-plugin-markdown").PluginOptions>} */',
    'export default {',
    "  entryPoints: ['src/index.ts'],",
    "  tsconfig: 'tsconfig.json',",
    "  out: 'docs/api',",
    "  plugin: ['typedoc-plugin-markdown', './scripts/typedoc-require-default.mjs'],",
    "  readme: 'none',",
    '  // no "Defined in file:line" lines: they would change the reference on every unrelated edit',
    '  disableSources: true,',
    '  excludePrivate: true,',
    '  excludeInternal: true,',
    '  hidePageHeader: true,',
    '  // the L1 classes of imports/ (KubeIngress...) are public fields\' types but not exported by the package',
    '  validation: { notExported: false, notDocumented: true, invalidLink: true, rewrittenLink: true },',
    '  treatWarningsAsErrors: true,',
    "  // type errors are the `typecheck` task's job; skipping them halves typedoc's time",
    '  skipErrorChecking: true,',
    '  // imports/ (written by cdk8s import) tags its classes with @schema',
    "  blockTags: [...OptionDefaults.blockTags, '@schema'],",
    '};',
  ],
});
project.gitignore.exclude('/docs/api/');
project.addTask('docs', {
  description: 'Regenerate the API reference docs/api/ from the JSDoc of src/index.ts (fails on an undocumented export, prop or @default)',
  exec: 'typedoc',
});
project.addTask('docs:check', {
  description: 'Fail when an export, a prop or an optional prop\'s @default lacks JSDoc, or the reference does not generate (CI)',
  exec: 'bash scripts/docs-check.sh',
});

// ---- the package as users get it (`npm pack`; checked by scripts/pack-test.sh) ----
// Only the compiled library and its L1 bindings: lib/src/main.js is the repo's synth entry point
// (it needs examples/ and writes files), not part of the library.
project.package.addField('files', [
  'lib/src/**/*.js', 'lib/src/**/*.d.ts', '!lib/src/main.*',
  'lib/imports/**/*.js', 'lib/imports/**/*.d.ts',
  'lib/imports/crd-schemas.json', // read by the whole-app validation (src/validation/crd-schemas.ts)
  'README.md', 'LICENSE', 'CHANGELOG.md',
]);
project.package.addField('exports', {
  '.': { types: './lib/src/index.d.ts', default: './lib/src/index.js' },
  './package.json': './package.json',
});
// Dependencies as every cdk8s construct library takes them (cdk8s-plus included): cdk8s and constructs
// are peers, so a consumer's app and this library share one copy (two copies crash synth with "can't
// render non-simple object of type 'Lazy'" and break tsc with "separate declarations of a private
// property"). This repo develops and tests against the pinned devDependencies; scripts/pack-test.sh
// also installs the package with the floors below (CDK8S_FLOOR, CONSTRUCTS_FLOOR).
// cdk8s floor: Size.asString() (used for every quantity) first ships in 2.69.0; 2.68.x lacks it and
// crashes at construction time (tsc does not notice: consumers skip lib checks). From 2.69.0 to
// 2.70.106 the .d.ts files are identical.
const CDK8S_FLOOR = '2.69.0';
const CONSTRUCTS_FLOOR = '10.4.2';
for (const name of ['cdk8s', 'constructs']) {
  project.deps.removeDependency(name, DependencyType.RUNTIME); // added by the cdk8s app project type
  if (project.deps.tryGetDependency(name, DependencyType.BUILD)) project.deps.removeDependency(name, DependencyType.BUILD);
}
project.addPeerDeps(`cdk8s@^${CDK8S_FLOOR}`, `constructs@^${CONSTRUCTS_FLOOR}`);
project.addDevDeps('cdk8s@2.70.106', 'constructs@10.8.1'); // the versions this repo was built with
// src/plus/ (cdk8s-plus-27 interop) only uses its types: an optional peer, never installed for users who
// do not use cdk8s-plus (npm does not install optional peers), a devDependency here.
project.addPeerDeps('cdk8s-plus-27@^2.9.5');
project.package.addField('peerDependenciesMeta', { 'cdk8s-plus-27': { optional: true } });
// `npm pack` / `npm publish` compile first, into a clean lib/ (no stale .js from deleted sources).
// `tsc -p`, not `tsc --build`: --build trusts its .tsbuildinfo and emits nothing when lib/ was deleted.
project.addTask('prepack', {
  description: 'Compile the library into a clean lib/ before `npm pack` / `npm publish` (npm runs it)',
  steps: [
    { exec: 'node -e "require(\'fs\').rmSync(\'lib\', { recursive: true, force: true })"' },
    { exec: 'tsc -p tsconfig.json' },
  ],
});

project.synth();
