// The entry point bin/policyparse runs. A one-page run is mostly start-up, so the
// CLI is started from one bundled CommonJS file (scripts/build-bundle.mjs) and from
// V8's compiled code for it: the build runs the bundle on the fixtures once and
// keeps what V8 compiled on the way (bin.bundle.cache), so that a run does not
// parse and compile again the functions a page needs. V8 checks the cache against
// the source and its own version and flags, and compiles as usual when it does not
// fit. The plain modules (bin.js) run instead when there is no bundle, when it is
// older than them (tsc run alone since), or when this Node cannot require() an ES
// module (before 20.19): the bundle loads chalk and remark with require().
//
// CommonJS itself (as bin/policyparse is): Node loads it synchronously, where an ES
// module entry costs a few milliseconds of asynchronous loading.
//
// POLICYPARSE_WRITE_CODE_CACHE=1 (the build only): write the cache after the run.
// POLICYPARSE_CODE_CACHE_REPORT=1: say on stderr at exit whether V8 took the cache
// (it refuses one made under other V8 flags: see the interrupt budget in bin.ts).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const bundle = join(__dirname, 'bin.bundle.cjs');
const cache = join(__dirname, 'bin.bundle.cache');
const plain = join(__dirname, 'bin.js');

function bundledScript(): vm.Script | null {
  if (!(process.features as { require_module?: boolean }).require_module) return null;
  let source: string;
  try {
    if (statSync(bundle).mtimeMs < statSync(plain).mtimeMs) return null;
    source = readFileSync(bundle, 'utf8');
  } catch {
    return null;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cache);
  } catch {
    // no cache: compiled as any script is
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return new vm.Script(wrapped, { filename: bundle, cachedData });
}

const script = bundledScript();
if (script) {
  const bundled = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(bundled.exports, createRequire(bundle), bundled, bundle, __dirname);
  if (process.env.POLICYPARSE_WRITE_CODE_CACHE === '1') process.once('exit', () => writeFileSync(cache, script.createCachedData()));
  if (process.env.POLICYPARSE_CODE_CACHE_REPORT === '1') {
    const verdict = script.cachedDataRejected === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
    process.once('exit', () => process.stderr.write(`policyparse: code cache ${verdict}\n`));
  }
} else {
  void import(pathToFileURL(plain).href);
}
