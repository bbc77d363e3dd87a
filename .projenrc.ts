import { cdk8s, javascript, JsonPatch } from 'projen';

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
  cdk8sPlusVersion: '2.9.5',
  cdk8sPlusVersionPinning: true,
  constructsVersion: '10.4.2',
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
  ],

  tsconfig: {
    compilerOptions: { rootDir: '.', skipLibCheck: true },
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
    extraCliOptions: ['--json', '--outputFile=test-reports/jest.json'],
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
    },
  },
  gitignore: ['/dist/', '/.synth-tmp*/', '/test-reports/', '/docs/api/'],
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
project.tryFindObjectFile('cdk8s.yaml')?.addOverride('output', 'dist');
project.eslint?.addIgnorePattern('imports/');

project.synth();
