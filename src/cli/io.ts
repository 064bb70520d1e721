/** What the CLI touches of the outside world; tests pass their own. */
export interface CliIO {
  /**
   * Bytes are UTF-8, a character possibly split between two writes.
   * writableLength: what the stream still holds of earlier writes (Node's streams).
   */
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; writableLength?: number };
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

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
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
