#!/usr/bin/env node
// Bundles the compiled CLI and its worker into one file each, which the entry point
// (dist/cli/launch.cjs, run by bin/policyparse) and the worker pool prefer.
// Start-up time: Node resolves, reads and links some forty ES modules and
// commander's files one by one, which costs more than the parse of a page; one
// file loads in a fraction of that. The heavy libraries stay outside, loaded only
// when an input needs them (cheerio, unified + remark-parse, chalk).
//
// The CLI's bundle (dist/cli/bin.bundle.cjs) is CommonJS so that launch.cjs can run
// it as a vm script with V8's code cache; the build makes that cache
// (bin.bundle.cache) by running the bundle on the fixtures once. The worker's
// (worker.bundle.js) stays an ES module: workers start once per batch.
// Without esbuild (installed without dev dependencies) the bundles are left out
// and everything runs from the plain build.
//
// node scripts/build-bundle.mjs [DIST]   (default: dist)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Lazily loaded at run time: never inlined. */
export const EXTERNAL = ['cheerio', 'unified', 'remark-parse', 'chalk'];

/** Inputs the cache is made on: the bundled example page, Markdown and HTML. */
const TRAINING = ['fixtures/seed-page.txt', 'fixtures/structure-law/input.md', 'fixtures/html/epaper-br-table.html'];

const OUTPUTS = ['bin.bundle.cjs', 'bin.bundle.cache', 'worker.bundle.js', 'bin.bundle.js'];

/**
 * Built-in modules the CLI bundle loads on first use rather than at start: with
 * what they pull in (streams, net, dgram, readline) some 2 ms of every run, and a
 * one-page run uses neither (commander spawns processes only for executable
 * subcommands; the asynchronous file calls serve folders and --out). Each name
 * listed becomes a function that loads the module when called.
 */
const ON_FIRST_USE = {
  'node:child_process': ['spawn'],
  'node:fs/promises': ['readFile', 'readdir', 'mkdir', 'stat'],
  // (the core count for a batch, the temporary folder for one long input)
  'node:os': ['availableParallelism', 'tmpdir'],
};

const onFirstUse = {
  name: 'on-first-use',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(ON_FIRST_USE).join('|')})$`);
    // (the module's own require() of the real module stays a require)
    build.onResolve({ filter }, (args) => (args.namespace === 'on-first-use' ? { path: args.path, external: true } : { path: args.path, namespace: 'on-first-use' }));
    build.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
      contents: ON_FIRST_USE[args.path].map((name) => `export function ${name}(...args) { return require(${JSON.stringify(args.path)}).${name}(...args); }`).join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * The bundle with every non-ASCII character written as a \u escape. esbuild's ASCII
 * charset leaves regular expression literals as written, and the grammar's Chinese
 * in them made V8 hold the whole 400 KB source as two-byte text, read and decoded
 * ~0.8 ms slower at every start. An escape means the same in a string, in a
 * template's value and in a pattern (a surrogate pair escaped a unit at a time is
 * one character in a /u pattern too); only a tagged template's raw text would
 * differ, and the bundle has none holding such characters.
 */
function asciiOnly(source) {
  // (a character escaped already, \（, is the escape alone: the backslash goes)
  return source.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => `${slashes.slice(slashes.length % 2)}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function bundle(dist) {
  const cli = join(dist, 'cli');
  for (const f of OUTPUTS) rmSync(join(cli, f), { force: true });
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const common = { bundle: true, platform: 'node', target: 'node20', external: EXTERNAL, minifySyntax: true, logLevel: 'warning' };
  await esbuild.build({
    ...common,
    entryPoints: [join(cli, 'bin.js')],
    outfile: join(cli, 'bin.bundle.cjs'),
    format: 'cjs',
    plugins: [onFirstUse],
    // import() of chalk or remark becomes require(): a vm script has no import() of
    // its own, and Node loads ES modules with require() since 20.19 (launch.cjs checks)
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__ppImportMetaUrl' },
    banner: { js: "const __ppImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(cli, 'worker.js')],
    outfile: join(cli, 'worker.bundle.js'),
    format: 'esm',
    // commander is CommonJS: give the bundle a require() for its node: built-ins
    banner: { js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);" },
  });
  for (const f of ['bin.bundle.cjs', 'worker.bundle.js']) writeFileSync(join(cli, f), asciiOnly(readFileSync(join(cli, f), 'utf8')));
  const training = spawnSync(process.execPath, [join(cli, 'launch.cjs'), '--jobs', '1', ...TRAINING.map((f) => join(root, f))], {
    cwd: root,
    env: { ...process.env, POLICYPARSE_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (training.status !== 0 && training.status !== 1) console.warn(`build-bundle: no code cache (the training run ended with ${training.status ?? training.signal}): ${training.stderr}`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? join(root, 'dist'));
  if (!existsSync(join(dist, 'cli', 'bin.js'))) {
    console.error(`build-bundle: ${dist}/cli/bin.js is missing (run tsc first)`);
    process.exit(1);
  }
  if (!(await bundle(dist))) console.warn('build-bundle: esbuild is not installed; bin/policyparse runs the plain build');
}
