import { unlinkSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';
import { processIO } from './io.js';
import { partialOutputs } from './batch.js';
import { describeIoError } from './task.js';

// Write errors. A closed pipe (policyparse … | head, … 2>&1 | head) is a normal way
// for a reader to stop: exit 0. Any other (a full disk) loses output and must end
// neither with 0 nor with an unhandled error's 1, which says "warnings under --strict".
const io = processIO((err) => process.exit(err.code === 'EPIPE' ? 0 : 2));
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  io.stderr.write(`policyparse: standard output: ${describeIoError(err)}\n`);
  process.exit(2);
});

// Interrupted (Ctrl-C, kill): finished output files stay, half-written ones go.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    for (const temp of partialOutputs) {
      try {
        unlinkSync(temp);
      } catch {
        /* already renamed or removed */
      }
    }
    process.exit(code);
  });
}

// A run of one page lasts some 40 ms, nearly all of it in V8's interpreter. Its
// hottest functions (bigram counts, seam weighing) still reach V8's optimizing
// compiler within it, and those compile jobs cost such a run ~10 ms: on two cores
// they compete with the run, and exit waits for them. They never pay back in a run
// this short. With a budget 6 times V8's own, a page's functions stay in the
// interpreter and baseline code; a long run has them optimized a few milliseconds
// later (no difference measured on the bench's 20 MB file or 2,000 files).
//   Set here, once the modules are loaded: Node's and the bundle's compiled code
// (dist/cli/launch.cts) are used only under the flags they were made with, so not
// in the build's run that makes the bundle's. Measured on V8 11 (Node 20) only,
// and V8 writes an unknown flag's error to standard output: other versions keep
// V8's defaults.
if (process.versions.v8.startsWith('11.') && process.env.POLICYPARSE_WRITE_CODE_CACHE !== '1') setFlagsFromString('--interrupt-budget=400000');

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    io.stderr.write(`policyparse: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
