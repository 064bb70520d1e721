#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/bin.js) and its worker into one file each,
// dist/cli/bin.bundle.js and dist/cli/worker.bundle.js, which bin/policyparse and
// the worker pool prefer. Start-up time: Node resolves, reads and links some forty
// ES modules and commander's files one by one, which costs more than the parse of
// a page; one file loads in a fraction of that. The heavy libraries stay outside,
// loaded only when an input needs them (cheerio, unified + remark-parse, chalk).
// Without esbuild (installed without dev dependencies) the
// bundles are left out and everything runs from the plain build.
//
// node scripts/build-bundle.mjs [DIST]   (default: dist)
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Lazily loaded at run time: never inlined. */
export const EXTERNAL = ['cheerio', 'unified', 'remark-parse', 'chalk'];

export async function bundle(dist) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    for (const f of ['bin.bundle.js', 'worker.bundle.js']) rmSync(join(dist, 'cli', f), { force: true });
    return false;
  }
  const entries = ['bin', 'worker'].map((name) => ({ in: join(dist, 'cli', `${name}.js`), out: `${name}.bundle` }));
  await esbuild.build({
    entryPoints: entries,
    outdir: join(dist, 'cli'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    minifySyntax: true,
    logLevel: 'warning',
    // commander is CommonJS: give the bundle a require() for its node: built-ins
    banner: { js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);" },
  });
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
