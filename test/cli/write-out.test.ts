// A long document goes to standard output a piece at a time; a pipe whose reader
// is slower than the parser must not end up holding every piece at once.
import { PENDING_OUTPUT_BYTES, writeOut } from '../../src/cli/batch.js';
import { fakeIO } from './fake-io.js';

/** A pipe that holds what it is given until its reader, a turn of the event loop later, takes it all. */
function slowPipe() {
  const taken: string[] = [];
  let pending: string[] = [];
  let most = 0;
  const length = () => pending.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const stdout = {
    write(chunk: string | Uint8Array) {
      pending.push(String(chunk));
      most = Math.max(most, length());
      return false;
    },
    get writableLength() {
      return length();
    },
    once(_event: 'drain', listener: () => void) {
      setImmediate(() => {
        taken.push(...pending);
        pending = [];
        listener();
      });
    },
  };
  return { stdout, text: () => [...taken, ...pending].join(''), most: () => most };
}

describe('writeOut', () => {
  it('waits for a slow reader once some output is waiting, and writes everything in order', async () => {
    const pipe = slowPipe();
    const piece = Math.ceil(PENDING_OUTPUT_BYTES / 3);
    const pieces = Array.from({ length: 40 }, (_, i) => `${i}:` + 'x'.repeat(piece));
    await writeOut({ ...fakeIO(), stdout: pipe.stdout }, pieces);
    expect(pipe.text()).toBe(pieces.join(''));
    // never more than the limit and one piece
    expect(pipe.most()).toBeLessThanOrEqual(PENDING_OUTPUT_BYTES + piece + 16);
    expect(pipe.most()).toBeGreaterThan(PENDING_OUTPUT_BYTES);
  });

  it('writes straight through to a stream that does not queue (a file, a test)', async () => {
    const io = fakeIO();
    await writeOut(io, ['{"a":', '', '1}\n']);
    expect(io.out()).toBe('{"a":1}\n');
  });
});
