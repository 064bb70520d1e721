import { fstatSync } from 'node:fs';

/** What the CLI touches of the outside world; tests pass their own. */
export interface CliIO {
  /**
   * Bytes are UTF-8, a character possibly split between two writes.
   * writableLength: what the stream still holds of earlier writes (Node's streams);
   * once('drain'): called when it has let go of all of it.
   */
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; writableLength?: number; once?(event: 'drain', listener: () => void): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Reads all of standard input. */
  readStdin(): Promise<Buffer>;
  /** Standard input as it arrives, for record streams (--input-format jsonl); readStdin() when absent. */
  stdinStream?(): AsyncIterable<Buffer | string>;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const EXIT = {
  OK: 0,
  /** an invalid document, or findings under --strict */
  INVALID: 1,
  /** usage or I/O error, refused input */
  USAGE: 2,
} as const;

/**
 * The process's own streams. `onStderrError` is attached to standard error when it
 * is made: Node makes process.stderr the first time it is read, and for a pipe that
 * loads the socket modules (~3 ms of a one-page run), so it is made only when
 * something is written there or asks whether it is a terminal, and for the latter
 * only when it can be one (a character device; a pipe, file or socket cannot).
 */
export function processIO(onStderrError?: (err: NodeJS.ErrnoException) => void): CliIO {
  let stderr: NodeJS.WriteStream | undefined;
  const standardError = () => {
    if (!stderr) {
      stderr = process.stderr;
      if (onStderrError) stderr.on('error', onStderrError);
    }
    return stderr;
  };
  return {
    stdout: process.stdout,
    stderr: {
      write: (chunk: string) => standardError().write(chunk),
      get isTTY() {
        return isCharacterDevice(2) && Boolean(standardError().isTTY);
      },
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stdinStream: () => process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
}
