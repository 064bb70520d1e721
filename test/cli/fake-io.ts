import { resolve } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';

export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

export interface FakeIOOptions {
  stdin?: string | Buffer;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** What main() sees instead of the process: captured streams, chosen TTY-ness and env. */
export function fakeIO(options: FakeIOOptions = {}): FakeIO {
  let out = '';
  let err = '';
  const decoder = new TextDecoder();
  return {
    stdout: { write: (s: string | Uint8Array) => (out += typeof s === 'string' ? s : decoder.decode(s, { stream: true })), isTTY: options.stdoutTTY ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: options.stderrTTY ?? false },
    readStdin: async () => Buffer.from(options.stdin ?? ''),
    env: options.env ?? {},
    cwd: options.cwd ?? resolve(new URL('../..', import.meta.url).pathname),
    out: () => out,
    err: () => err,
  };
}
