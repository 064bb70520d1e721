import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { schemaErrors, type SchemaError } from '../schema/index.js';
import { EXIT, type CliIO } from './io.js';
import { describeIoError } from './task.js';
import { expandGlob, hasMagic } from './glob.js';
import { append } from '../arrays.js';

/**
 * `policyparse validate FILE|GLOB…`: one line on stdout per invalid document,
 * `file: pointer: reason (+N more)`, then a summary on stderr.
 * Exit 0 all valid, 1 any invalid (schema errors or not JSON), 2 unreadable
 * input or a pattern that matches nothing.
 */
export async function runValidate(patterns: string[], io: CliIO): Promise<number> {
  let unmatched = 0;
  const files: string[] = [];
  for (const pattern of patterns) {
    if (pattern === '-' || !hasMagic(pattern) || (await exists(resolve(io.cwd, pattern)))) {
      files.push(pattern);
      continue;
    }
    const matched = await expandGlob(pattern, io.cwd);
    if (matched.length === 0) {
      io.stderr.write(`${pattern}: no files match\n`);
      unmatched++;
    }
    append(files, matched);
  }
  let invalid = 0;
  let unreadable = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readText(file, io);
    } catch (err) {
      io.stderr.write(`${file}: ${describeIoError(err)}\n`);
      unreadable++;
      continue;
    }
    const problem = firstProblem(text);
    if (problem) {
      invalid++;
      io.stdout.write(`${file}${problem}\n`);
    }
  }
  const counts = [`${files.length - invalid - unreadable} valid`, `${invalid} invalid`];
  if (unreadable) counts.push(`${unreadable} unreadable`);
  if (unmatched) counts.push(`${unmatched} pattern${unmatched === 1 ? '' : 's'} matching nothing`);
  io.stderr.write(`${files.length} file${files.length === 1 ? '' : 's'}: ${counts.join(', ')}\n`);
  return unreadable || unmatched ? EXIT.USAGE : invalid ? EXIT.INVALID : EXIT.OK;
}

/**
 * '' for a valid file, else `: pointer: reason`. A file may hold one document, or
 * one compact document a line as `policyparse a b` writes them in a pipe, or the
 * article records of `--format jsonl`.
 */
function firstProblem(text: string): string {
  let docs: { line: number | null; doc: unknown }[];
  try {
    docs = [{ line: null, doc: JSON.parse(text) }];
  } catch (err) {
    const lines = text.split('\n');
    docs = [];
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      try {
        docs.push({ line: i + 1, doc: JSON.parse(lines[i]) });
      } catch {
        // Not JSON Lines either: report the whole-file parse error, it says where.
        return `: not JSON: ${(err as Error).message}`;
      }
    }
    if (docs.length === 0) return ': not JSON: empty file';
  }
  for (const { line, doc } of docs) {
    const errors = isArticleRecord(doc) ? articleErrors(doc) : schemaErrors(doc);
    if (errors.length === 0) continue;
    const worst = mostSpecific(errors);
    const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
    return `${line === null ? '' : `:${line}`}: ${worst.pointer || '(root)'}: ${worst.message}${more}`;
  }
  return '';
}

/** A line of `--format jsonl`: one article with its source, not a whole document. */
function isArticleRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('version' in value) && 'id' in value && 'body' in value;
}

// The schema has one entry point, the document: check the article inside a minimal
// valid document, then point into the article itself.
function articleErrors(article: Record<string, unknown>): SchemaError[] {
  const holder = {
    version: '1.0',
    source: { name: '-', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64) },
    page: { section: null },
    articles: [article],
    furniture: [],
    unassigned: [],
    diagnostics: [],
  };
  return schemaErrors(holder).map((e) => ({ ...e, pointer: e.pointer.replace(/^\/articles\/0/, '') }));
}

/** The deepest error says most (a oneOf failure also reports its outer wrappers). */
function mostSpecific(errors: SchemaError[]): SchemaError {
  let best = errors[0];
  for (const e of errors) if (depth(e.pointer) > depth(best.pointer)) best = e;
  return best;
}

function depth(pointer: string): number {
  return pointer ? pointer.split('/').length : 0;
}

async function readText(file: string, io: CliIO): Promise<string> {
  if (file === '-') return (await io.readStdin()).toString('utf8');
  const path = resolve(io.cwd, file);
  if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  return readFile(path, 'utf8');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

