// One unit of batch work: read an input (unless its bytes came along), parse it,
// hand back the document or a one-line reason. Runs inside a worker thread
// (worker.ts) when the batch has more than one job, and in the main thread otherwise.
import { readFile } from 'node:fs/promises';
import { parseAsync } from '../pipeline.js';
import { InputError } from '../errors.js';
import type { InputFormat, PolicyDocument } from '../types.js';

export interface TaskOptions {
  format?: InputFormat;
  encoding?: string;
}

export type Task = { index: number; name: string; options: TaskOptions } & (
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
);

export type TaskResult =
  | { index: number; ok: true; doc: PolicyDocument }
  /** io: unreadable input; input: refused input; internal: a bug of ours */
  | { index: number; ok: false; kind: 'io' | 'input' | 'internal'; message: string };

export async function runTask(task: Task): Promise<TaskResult> {
  let input: string | Uint8Array;
  try {
    input = task.kind === 'file' ? await readFile(task.path) : task.kind === 'bytes' ? task.bytes : task.text;
  } catch (err) {
    return { index: task.index, ok: false, kind: 'io', message: describeIoError(err) };
  }
  try {
    return { index: task.index, ok: true, doc: await parseAsync(input, { name: task.name, ...task.options }) };
  } catch (err) {
    if (err instanceof InputError) return { index: task.index, ok: false, kind: 'input', message: err.message };
    return { index: task.index, ok: false, kind: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder (a file is in the way)';
    case 'EEXIST':
      return 'exists and is not a folder';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e instanceof Error ? e.message : String(err);
  }
}
