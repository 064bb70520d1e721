// Compiles the current src/ into bench/work/build (git-ignored) for the bench and
// fuzz scripts and the process-level tests, so they measure the working tree
// without touching dist/, which others may be rebuilding at the same time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const workDir = join(root, 'bench', 'work');

/**
 * Builds src/ into bench/work/<name> as npm run build builds dist/ (tsc, the seam
 * dictionary, the bundled CLI) and returns its path. The CLI imports
 * ../../schemas/*.json relative to its output, hence the schemas link beside it.
 */
export function buildWork(name = 'build') {
  const out = join(workDir, name);
  mkdirSync(workDir, { recursive: true });
  const link = join(workDir, 'schemas');
  if (!existsSync(link)) symlinkSync(join(root, 'schemas'), link, 'dir');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out, '--declaration', 'false'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // Type errors still emit JavaScript; only a missing entry point is fatal.
    if (!existsSync(join(out, 'index.js'))) throw err;
    process.stderr.write(`note: tsc reported errors while building ${out} (JavaScript emitted anyway)\n`);
  }
  // What npm run build adds to tsc's output: the seam dictionary and the bundled CLI
  // (cli/bin.bundle.cjs and its code cache), so that what is measured is what ships.
  for (const script of ['build-seam-dict.mjs', 'build-bundle.mjs']) {
    execFileSync(process.execPath, [join(root, 'scripts', script), out], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  }
  return out;
}

