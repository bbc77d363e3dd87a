#!/usr/bin/env node
/*
 * Fast app command: what `npm run synth` and `cdk8s synth` (cdk8s.yaml `app:`) run.
 *
 *   node scripts/synth.js [synth options]            runs src/main.ts (options: `--help`)
 *   node scripts/synth.js --entry <file.ts> [args]   runs another entry point the same way (bench/scale.ts)
 *
 * It runs JavaScript bundled ahead of time into .cache/synth/ (gitignored), not TypeScript:
 *  1. Staleness check (a few ms, no esbuild loaded): the bundle is rebuilt only when a file or folder
 *     under src/, examples/, imports/ (and the entry's own folder) or package.json, package-lock.json,
 *     node_modules/.package-lock.json, tsconfig.json or this script is newer than the bundle. Adding,
 *     deleting or renaming a file changes its folder's mtime, so that counts too. CHEESE_SYNTH_REBUILD=1
 *     forces a rebuild.
 *  2. Rebuild (esbuild, transpile only, NO type-checking: that is `npm run typecheck`, part of `npm test`):
 *     one CommonJS file with our TS and the runtime packages (cdk8s, constructs, yaml, ...) inlined, so
 *     node resolves and compiles a single module. imports/*.ts are transpiled with define-semantics class
 *     fields so esbuild can tree-shake the ~130 generated classes we never use (cached per file in
 *     .cache/synth/imports/; they rarely change). The bundle is written to a temp file and renamed, so
 *     concurrent runs never load half a file.
 *  3. Run: the bundle is compiled with V8's code cache (vm.Script cachedData, .cache/synth/*.v8cache,
 *     written after the first successful run of each build and set of node options), which skips most
 *     parsing and compiling.
 *     argv, exit code and stdio are the entry's own. With `node --enable-source-maps scripts/synth.js`
 *     the bundle gets a source map (rebuilt once if needed) and is require()d instead, so stack traces
 *     point into the .ts sources.
 *
 * esbuild is a devDependency: this is a repository tool, never loaded by users of the library.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'synth');
const DEFAULT_ENTRY = 'src/main.ts';
const WATCHED_DIRS = ['src', 'examples', 'imports'];
const WATCHED_FILES = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json'];

/** Where the bundle of `entry` (relative to the repo root) goes. */
function bundlePath(entry) {
  return path.join(CACHE_DIR, `${entry.replace(/\.ts$/, '').replace(/[\\/]+/g, '-')}.js`);
}

/** Newest mtime (ms) of the watched files and folders: everything that can change the bundle of `entry`. */
function newestInput(entry) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try { st = fs.statSync(p); } catch { return; }
    if (st.mtimeMs > newest) newest = st.mtimeMs;
    if (!st.isDirectory()) return;
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const child = path.join(p, e.name);
      if (e.isDirectory()) visit(child);
      else if (e.isFile()) {
        const m = fs.statSync(child).mtimeMs;
        if (m > newest) newest = m;
      }
    }
  };
  const dirs = new Set([...WATCHED_DIRS, entry.split(/[\\/]/)[0]]);
  for (const d of dirs) visit(path.join(ROOT, d));
  for (const f of [...WATCHED_FILES, entry]) visit(path.join(ROOT, f));
  visit(__filename);
  return newest;
}

/** Whether this process asked for source-mapped stack traces (`node --enable-source-maps`). */
const wantSourceMaps = () => Boolean(process.sourceMapsEnabled) || process.execArgv.includes('--enable-source-maps');

/** The bundle's stat when it is up to date (and has a source map if one is wanted), else undefined. */
function upToDate(entry) {
  if (process.env.CHEESE_SYNTH_REBUILD === '1') return undefined;
  const file = bundlePath(entry);
  let st;
  try { st = fs.statSync(file); } catch { return undefined; }
  if (wantSourceMaps() && !fs.existsSync(`${file}.map`)) return undefined;
  return newestInput(entry) <= st.mtimeMs ? st : undefined;
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * esbuild plugin: transpile imports/*.ts with `useDefineForClassFields` (generated classes only hold a
 * static GVK), so an unused class is side-effect free and tree-shaken, cached per file version.
 */
function treeShakeImports(esbuild) {
  const dir = path.join(CACHE_DIR, 'imports');
  return {
    name: 'cheese-tree-shake-imports',
    setup(build) {
      build.onLoad({ filter: /[\\/]imports[\\/][^\\/]+\.ts$/ }, async (args) => {
        if (path.dirname(args.path) !== path.join(ROOT, 'imports')) return undefined;
        const st = await fs.promises.stat(args.path);
        const base = path.basename(args.path, '.ts');
        const cached = path.join(dir, `${base}.${Math.floor(st.mtimeMs)}.${st.size}.js`);
        try {
          return { contents: await fs.promises.readFile(cached, 'utf8'), loader: 'js', resolveDir: path.dirname(args.path) };
        } catch { /* not cached yet */ }
        const out = await esbuild.transform(await fs.promises.readFile(args.path, 'utf8'), {
          loader: 'ts', format: 'esm', target: 'node20', sourcefile: args.path,
          tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
        });
        try {
          fs.mkdirSync(dir, { recursive: true });
          for (const old of fs.readdirSync(dir)) {
            if (old.startsWith(`${base}.`) && old.endsWith('.js')) fs.rmSync(path.join(dir, old), { force: true });
          }
          writeAtomically(cached, out.code);
        } catch { /* only a cache: a concurrent rebuild may be writing the same file */ }
        return { contents: out.code, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** Rebuilds the bundle of `entry`; returns its stat. Exits the process on a build error. */
async function rebuild(entry) {
  const esbuild = require('esbuild');
  const started = new Date();
  const outfile = bundlePath(entry);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [path.join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // a source map costs build time: only made for `node --enable-source-maps scripts/synth.js`
      sourcemap: wantSourceMaps() ? 'linked' : false,
      sourcesContent: false,
      legalComments: 'none',
      charset: 'ascii', // the default, relied on: runBundle decodes the bundle as latin1
      logLevel: 'warning',
      write: false,
      plugins: [treeShakeImports(esbuild)],
    });
  } catch (e) {
    process.stderr.write(`error: could not build ${entry} (see above)\n`);
    process.exit(1);
  }
  // the old code cache and source map belong to the old bundle
  for (const f of fs.readdirSync(CACHE_DIR)) {
    if (f === `${path.basename(outfile)}.map` || (f.startsWith(`${path.basename(outfile)}.`) && f.endsWith('.v8cache'))) {
      fs.rmSync(path.join(CACHE_DIR, f), { force: true });
    }
  }
  const js = result.outputFiles.find(f => f.path === outfile);
  for (const f of result.outputFiles) if (f !== js) writeAtomically(f.path, f.contents);
  // stamp the bundle with the build's start time: a source saved during the build triggers the next rebuild
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, js.contents);
  fs.utimesSync(tmp, started, started);
  fs.renameSync(tmp, outfile);
  return fs.statSync(outfile);
}

/** 32-bit FNV-1a hash of `text`, as 8 hex digits (node:crypto costs milliseconds to load). */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Runs a bundle as the main program, compiled with (and afterwards feeding) V8's code cache. */
function runBundle(file, st) {
  if (wantSourceMaps()) {
    require(file);
    return;
  }
  const Module = require('module');
  const vm = require('vm');
  // V8 rejects a code cache made under other flags, so each set of node options gets its own
  const cacheFile = `${file}.${Math.floor(st.mtimeMs)}-${st.size}-${fnv1a(`${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`)}.v8cache`;
  let cachedData;
  try { cachedData = fs.readFileSync(cacheFile); } catch { /* first run of this build */ }
  // esbuild writes ASCII-only code (non-ASCII characters in strings are escaped; only comments keep
  // theirs), so latin1 decodes the code exactly and is much cheaper than UTF-8 on 0.8 MB
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'latin1')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // after the run, so the functions it compiled lazily are cached too; a failed or --help run would
    // cache too little, the next successful one writes it
    process.once('exit', (code) => {
      if (code !== 0 || process.argv.includes('--help') || process.argv.includes('-h')) return;
      try { writeAtomically(cacheFile, script.createCachedData()); } catch { /* read-only checkout: run uncached */ }
    });
  }
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
}

/** Makes sure the bundle of `entry` is current (rebuilding if needed) and returns its stat. */
async function ensureBundle(entry = DEFAULT_ENTRY) {
  return upToDate(entry) ?? rebuild(entry);
}

function main() {
  let entry = DEFAULT_ENTRY;
  const i = process.argv.indexOf('--entry', 2);
  if (i === 2) {
    entry = process.argv[3];
    process.argv.splice(2, 2);
  }
  const st = upToDate(entry);
  if (st) {
    runBundle(bundlePath(entry), st);
  } else {
    rebuild(entry).then(s => runBundle(bundlePath(entry), s));
  }
}

if (require.main === module) main();

module.exports = { ensureBundle, bundlePath, CACHE_DIR };
