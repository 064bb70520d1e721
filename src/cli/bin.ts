import { unlinkSync } from 'node:fs';
import { main } from './main.js';
import { processIO } from './io.js';
import { partialOutputs } from './batch.js';
import { describeIoError } from './task.js';

// A closed pipe (policyparse … | head) is a normal way for a reader to stop; any
// other write error (a full disk) loses output and must not end with exit 0.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`policyparse: standard output: ${describeIoError(err)}\n`);
  process.exit(2);
});
// The same for diagnostics (… 2>&1 | head): an unhandled error here ended the run
// with exit 1, which says "warnings under --strict".
process.stderr.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 2));

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

main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`policyparse: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
