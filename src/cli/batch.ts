// Many inputs at once: files, folders, standard input, or a stream of JSON records.
// Inputs are parsed by a pool of worker threads; results are written in input
// order whatever the number of jobs, and at most a few per job are held at once,
// so memory stays flat however many inputs there are.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Decoded, Diagnostic, InputFormat } from '../types.js';
import { decodeUtf8File } from '../decode/index.js';
import { InputError } from '../errors.js';
import type { Output } from './render.js';
import { EXIT, type CliIO } from './io.js';
import { describeIoError, runTask, type Task, type TaskOptions, type TaskResult } from './task.js';
import type { PageTask, PageTaskResult } from './pages.js';

export interface BatchFlags {
  inputFormat?: InputFormat | 'jsonl';
  encoding?: string;
  /** parallel parses; default: all cores */
  jobs?: number;
  /** write one output file per input into this folder instead of standard output */
  out?: string;
  format?: string;
}

/** Extensions a folder is searched for. */
const INPUT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml']);
/** Output file extension per --format. */
const OUT_EXTENSION: Record<string, string> = { json: '.json', jsonl: '.jsonl', markdown: '.md', text: '.txt', tree: '.tree.txt' };

interface Stats {
  inputs: number;
  articles: number;
  diagnostics: number;
  failed: number;
}

/** Files, folders and `-` -> documents on stdout (or in --out), in input order. */
export async function runBatch(args: string[], flags: BatchFlags, io: CliIO, output: Output): Promise<number> {
  const started = Date.now();
  const options: TaskOptions = { format: flags.inputFormat === 'jsonl' ? undefined : flags.inputFormat, encoding: flags.encoding };
  const records = flags.inputFormat === 'jsonl';
  const stats: Stats = { inputs: 0, articles: 0, diagnostics: 0, failed: 0 };
  const folders = !records && anyFolder(args, io);
  const progress = new Progress(io, records || folders ? null : args.length);
  const names = new OutNames(flags.format ?? 'json');
  let code: number = EXIT.OK;
  const raise = (c: number) => {
    if (c > code) code = c;
  };
  if (flags.out) {
    try {
      await mkdir(resolve(io.cwd, flags.out), { recursive: true });
    } catch (err) {
      io.stderr.write(`policyparse: ${flags.out}: ${describeIoError(err)}\n`);
      return EXIT.USAGE;
    }
  }

  const tasks = records ? recordTasks(io, options) : inputTasks(args, io, options);

  const emit = async (task: Item, result: TaskResult) => {
    stats.inputs++;
    progress.clear();
    if (!result.ok) {
      stats.failed++;
      io.stderr.write(`policyparse: ${records ? 'record ' : ''}${task.name}: ${result.message}\n`);
      // a record that fails still gets its line, so output lines match input records
      if (records) io.stdout.write(JSON.stringify({ id: task.name, error: result.message }) + '\n');
      raise(result.kind === 'internal' ? 70 : EXIT.USAGE);
    } else {
      const doc = result.doc;
      stats.articles += doc.articles.length;
      stats.diagnostics += doc.diagnostics.filter((d) => d.severity !== 'info').length;
      const pieces = records ? [JSON.stringify(doc) + '\n'] : output.render(doc);
      if (flags.out) {
        const target = join(resolve(io.cwd, flags.out), names.claim(task.kind === 'failed' ? 'failed' : task.outName));
        try {
          await writeAtomically(target, pieces);
        } catch (err) {
          io.stderr.write(`policyparse: ${target}: ${describeIoError(err)}\n`);
          raise(EXIT.USAGE);
        }
      } else {
        await writeOut(io, pieces);
      }
      const messages = output.report(task.name, doc.diagnostics);
      if (messages) io.stderr.write(messages);
      raise(output.exitCodeFor(doc.diagnostics));
    }
    progress.update(stats.inputs);
  };

  // One input needs no pool: starting workers costs more than the parse (start-up budget).
  const single = !records && !folders && args.length === 1;
  // (the core count only when it is needed: node:os is loaded on first use, bundle.mjs)
  const jobs = Math.max(1, flags.jobs ?? (single ? 1 : availableParallelism()));
  if (single && !flags.out && output.streaming) {
    // One long input's pages go to other threads only when asked (--jobs): each
    // worker holds a heap of its own, and memory is what streaming one input keeps low.
    const handled = await streamOne(args[0], options, jobs, output.streaming, io, emit, (diagnostics) => {
      const messages = output.report(args[0], diagnostics);
      if (messages) io.stderr.write(messages);
      raise(output.exitCodeFor(diagnostics));
    });
    if (handled) return code;
  }
  const pool = jobs > 1 && !single ? await WorkerPool.create(jobs) : null;
  try {
    await runOrdered(tasks, pool, jobs, emit);
  } finally {
    await pool?.close();
    progress.clear();
  }
  const seconds = (Date.now() - started) / 1000;
  if (stats.inputs > 1 || records) {
    const failed = stats.failed ? `, ${stats.failed} failed` : '';
    io.stderr.write(
      `policyparse: ${stats.inputs} ${records ? 'record' : 'file'}${stats.inputs === 1 ? '' : 's'}${failed}, ${stats.articles} article${stats.articles === 1 ? '' : 's'}, ${stats.diagnostics} diagnostic${stats.diagnostics === 1 ? '' : 's'}, ${seconds.toFixed(1)} s\n`,
    );
  }
  return code;
}

/**
 * Runs tasks on the pool (or in this thread), at most `window` at a time, and hands
 * results to `emit` strictly in task order.
 */
async function runOrdered(
  tasks: AsyncIterable<Item>,
  pool: WorkerPool | null,
  jobs: number,
  emit: (task: Item, result: TaskResult) => Promise<void>,
): Promise<void> {
  const window = pool ? jobs * 4 : 1;
  const pending: Array<{ task: Item; result: Promise<TaskResult> }> = [];
  const drainOne = async () => {
    const head = pending.shift()!;
    await emit(head.task, await head.result);
  };
  for await (const task of tasks) {
    const result: Promise<TaskResult> =
      task.kind === 'failed'
        ? Promise.resolve({ index: task.index, ok: false, kind: task.reason, message: task.message })
        : pool
          ? pool.run(task)
          : runTask(task);
    pending.push({ task, result });
    while (pending.length >= window) await drainOne();
  }
  while (pending.length) await drainOne();
}

// ---------------------------------------------------------------------------
// One long input, page by page

/**
 * Paged text this long (characters) is parsed by worker threads too, when --jobs
 * asks: some twenty newspaper pages, whose parse outlasts a worker's start (~0.1 s).
 */
const PARALLEL_PAGES_CHARS = 1 << 18;

/** The size of a file in bytes; 0 when it cannot be looked at (reading it says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Inputs this long are worth decoding a chunk at a time (decodeUtf8File). */
const LONG_INPUT_BYTES = 8 << 20;

/**
 * One regular file as streamOne() takes it, looked at once: a long plain UTF-8
 * file decoded a chunk at a time (decodeUtf8File: its bytes never held whole),
 * any other as its bytes; null when it is not a readable regular file (the
 * ordinary path reports what is wrong with it).
 */
function readOne(path: string, options: TaskOptions): { long: Decoded; bytes: null } | { long: null; bytes: Buffer } | null {
  try {
    const info = statSync(path);
    if (!info.isFile()) return null;
    const long = !options.encoding && info.size >= LONG_INPUT_BYTES ? decodeUtf8File(path) : null;
    // (read at once: one input, and nothing else to do meanwhile)
    return long ? { long, bytes: null } : { long: null, bytes: readFileSync(path) };
  } catch {
    return null;
  }
}

/**
 * One input in JSON or JSON Lines: plain text of many pages (form feeds) is parsed
 * and written a page at a time (src/stream.ts), so memory holds the decoded input
 * and one page rather than the bytes, the whole document and its JSON. JSON's
 * articles come after page.sections, known only at the end: they wait in a
 * temporary file and are copied out behind the head. Any other input takes the
 * ordinary path (`emit`), and so does one that is not a readable regular file
 * (false: not handled). The output is byte for byte that of the ordinary path.
 */
async function streamOne(
  arg: string,
  options: TaskOptions,
  workersForPages: number,
  how: { format: 'json' | 'jsonl'; pretty: boolean },
  io: CliIO,
  emit: (task: Item, result: TaskResult) => Promise<void>,
  finish: (diagnostics: Diagnostic[]) => void,
): Promise<boolean> {
  const path = arg === '-' ? null : resolve(io.cwd, arg);
  // Workers that may take pages start now, to be ready when the decoding (a
  // fifth of a second on a 20 MB file) is done; they go if there are no pages for
  // them. (Standard input's length is known only once it is read.)
  const helpers =
    workersForPages > 1 && (path === null || sizeOf(path) >= PARALLEL_PAGES_CHARS)
      ? await WorkerPool.create(workersForPages - 1, (await import('./pages.js')).PAGES_PER_WORKER)
      : null;
  helpers?.start();
  try {
    return await streamRead(arg, path, options, helpers, how, io, emit, finish);
  } finally {
    await helpers?.close();
  }
}

/** streamOne() with its workers, if any, starting. */
async function streamRead(
  arg: string,
  path: string | null,
  options: TaskOptions,
  helpers: WorkerPool | null,
  how: { format: 'json' | 'jsonl'; pretty: boolean },
  io: CliIO,
  emit: (task: Item, result: TaskResult) => Promise<void>,
  finish: (diagnostics: Diagnostic[]) => void,
): Promise<boolean> {
  const outName = stripExtension(basename(arg));
  const task = (input: Buffer): NamedTask => ({ index: 0, kind: 'bytes', bytes: input, name: arg, options, outName });
  const ordinary = async (whole: NamedTask) => {
    await emit(whole, await runTask(whole));
    return true;
  };
  const fail = (kind: 'io' | 'input' | 'internal', message: string) => emit(task(Buffer.alloc(0)), { index: 0, ok: false, kind, message });
  let input: ReturnType<typeof readOne> = null;
  if (path !== null) input = readOne(path, options);
  else {
    // standard input: read whole, as the ordinary path reads it, then paged as a file is
    try {
      input = { long: null, bytes: await io.readStdin() };
    } catch (err) {
      await fail('io', describeIoError(err));
      return true;
    }
  }
  if (!input) return false;
  const { long } = input;
  let { bytes } = input;
  input = null; // (the bytes are held by `bytes` alone, let go once decoded)
  // No form-feed byte, no form feed in the text (in every encoding read here it is
  // the byte 0x0C, or holds it): the ordinary path, without decoding twice.
  if (bytes && !bytes.includes(0x0c)) return ordinary(task(bytes));
  const [{ pagedInput, pagedDecoded, writeArticle }, { articleSeparator, jsonFrame }] = await Promise.all([import('../stream.js'), import('../format/json.js')]);
  let paged: ReturnType<typeof pagedInput>;
  try {
    paged = long ? pagedDecoded(long, { name: arg, ...options }) : pagedInput(bytes!, { name: arg, ...options });
  } catch (err) {
    await (err instanceof InputError ? fail('input', err.message) : fail('internal', `internal error: ${err instanceof Error ? err.message : String(err)}`));
    return true;
  }
  if (!paged) return ordinary(long && path ? { index: 0, kind: 'file', path, name: arg, options, outName } : task(bytes!));
  bytes = null; // decoded: the bytes can go
  let spill: { path: string; fd: number; written: number } | null = null;
  try {
    let result: Awaited<ReturnType<typeof paged.run>>;
    // Other cores take pages too when there are enough to be worth a worker's start.
    const parallel = helpers && paged.pages.length > 1 && paged.pages[paged.pages.length - 1].end >= PARALLEL_PAGES_CHARS ? await import('./pages.js') : null;
    try {
      // Written an article at a time: a page's worth in one string would be a large
      // object, which V8 keeps until a full collection (peak memory on long inputs).
      const write = (article: string) => {
        if (how.format === 'jsonl') {
          io.stdout.write(article);
          return;
        }
        if (!spill) {
          const path = join(tmpdir(), `policyparse-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
          partialOutputs.add(path);
          spill = { path, fd: openSync(path, 'w+', 0o600), written: 0 };
        }
        if (spill.written++ > 0) writeSync(spill.fd, articleSeparator(how.pretty));
        writeSync(spill.fd, article);
      };
      const layout = { lines: how.format === 'jsonl', pretty: how.pretty, source: arg };
      // (JSON Lines go straight out: a page waits for a reader that is behind)
      result =
        parallel && helpers
          ? await parallel.runInParallel(paged, helpers, layout, (articles) => {
              articles.forEach(write);
              return drained(io);
            })
          : await paged.run((articles) => {
              articles.forEach((article) => write(writeArticle(article, layout)));
              return drained(io);
            });
    } catch (err) {
      await fail('internal', `internal error: ${err instanceof Error ? err.message : String(err)}`);
      return true;
    }
    if (how.format === 'json') {
      const frame = jsonFrame(result.shell, result.articles, how.pretty);
      io.stdout.write(frame.head);
      if (spill) await copyOut(spill, io);
      if (frame.tail) io.stdout.write(frame.tail);
    }
    finish(result.shell.diagnostics);
    return true;
  } finally {
    const s = spill as { path: string; fd: number } | null;
    if (s) {
      closeSync(s.fd);
      rmSync(s.path, { force: true });
      partialOutputs.delete(s.path);
    }
  }
}

/**
 * Output a reader has not taken yet (a pipe) above which writing waits for it.
 * (Through a pipe, JSON Lines of the 20 MB file: 4 MB held 200 MB at the peak,
 * 1 MB 169 MB, 256 KB 132 MB, to a file 121 MB: every queued write copies its text
 * outside the heap.)
 * @internal exported for its test
 */
export const PENDING_OUTPUT_BYTES = 1 << 18;

/**
 * A document's pieces (an article each, for JSON) to standard output. A pipe
 * takes what its buffer holds and Node queues the rest: without waiting, a long
 * document's every piece would sit in that queue at once.
 * @internal exported for its test
 */
export async function writeOut(io: CliIO, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!piece) continue;
    io.stdout.write(piece);
    const wait = drained(io);
    if (wait) await wait;
  }
}

/**
 * Once standard output holds more than PENDING_OUTPUT_BYTES that its reader has
 * not taken, a promise of the moment it has taken it all; else nothing to wait for.
 */
function drained(io: CliIO): Promise<void> | undefined {
  return (io.stdout.writableLength ?? 0) > PENDING_OUTPUT_BYTES ? untilDrained(io) : undefined;
}

/** The moment standard output has let go of all it holds (now, for a stream that never says). */
function untilDrained(io: CliIO): Promise<void> | undefined {
  const out = io.stdout;
  return out.once ? new Promise<void>((done) => out.once!('drain', () => done())) : undefined;
}

/** The spilled articles, to standard output in pieces of bytes, as they are. */
async function copyOut(spill: { fd: number }, io: CliIO): Promise<void> {
  let chunk = Buffer.allocUnsafe(1 << 16);
  for (let at = 0; ; ) {
    const n = readSync(spill.fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    at += n;
    const taken = io.stdout.write(chunk.subarray(0, n));
    // The piece is read into the same buffer again only once the stream has let go
    // of it: at once (a file, a pipe with room), or once a full pipe has drained.
    // Buffers outside the heap are freed late: one per piece of a long output
    // raised peak memory by ~20 MB (to a file) and ~27 MB (through a pipe).
    if (io.stdout.writableLength === 0) continue;
    const wait = taken === false ? untilDrained(io) : undefined;
    if (wait) await wait;
    // (a writer of unknown kind still holding it)
    else chunk = Buffer.allocUnsafe(1 << 16);
  }
}

// ---------------------------------------------------------------------------
// Inputs

type NamedTask = Task & { outName: string };
/** An input that failed before it could be parsed; it keeps its place in the output order. */
type Failed = { index: number; kind: 'failed'; reason: 'io' | 'input'; name: string; message: string };
type Item = NamedTask | Failed;

/** (synchronous: a look at each argument before anything starts, one syscall each) */
function anyFolder(args: string[], io: CliIO): boolean {
  for (const a of args) {
    if (a === '-') continue;
    try {
      if (statSync(resolve(io.cwd, a)).isDirectory()) return true;
    } catch {
      /* reported when read */
    }
  }
  return false;
}

/** Arguments -> tasks, folders walked lazily in sorted order so the order is the same on every run. */
async function* inputTasks(args: string[], io: CliIO, options: TaskOptions): AsyncGenerator<Item> {
  let index = 0;
  const fail = (name: string, message: string): Failed => ({ index: index++, kind: 'failed', reason: 'io', name, message });
  for (const arg of args) {
    if (arg === '-') {
      let bytes: Buffer;
      try {
        bytes = await io.readStdin();
      } catch (err) {
        yield fail('-', describeIoError(err));
        continue;
      }
      yield { index: index++, kind: 'bytes', bytes, name: '-', options, outName: 'stdin' };
      continue;
    }
    const path = resolve(io.cwd, arg);
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      yield fail(arg, describeIoError(err));
      continue;
    }
    if (!isDir) {
      yield { index: index++, kind: 'file', path, name: arg, options, outName: stripExtension(basename(arg)) };
      continue;
    }
    let found = 0;
    for await (const file of walkFolder(path)) {
      const name = join(arg, relative(path, file));
      found++;
      yield { index: index++, kind: 'file', path: file, name, options, outName: stripExtension(relative(path, file)) };
    }
    if (found === 0) yield fail(arg, 'no input files in this folder (looked for .txt, .md, .html)');
  }
}

async function* walkFolder(dir: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walkFolder(full);
    else if (e.isFile() && INPUT_EXTENSIONS.has(extname(e.name).toLowerCase())) yield full;
  }
}

function stripExtension(name: string): string {
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/**
 * `--input-format jsonl`: one record a line on standard input, `{"id", "text"}` or
 * `{"id", "html"}` (or `"markdown"`). Lines are read as they come, so the command
 * works as a streaming stage (Hadoop Streaming, Spark pipe(), GNU parallel --pipe).
 */
async function* recordTasks(io: CliIO, options: TaskOptions): AsyncGenerator<Item> {
  let index = 0;
  const fail = (name: string, message: string): Failed => ({ index: index++, kind: 'failed', reason: 'input', name, message });
  let lineNo = 0;
  for await (const line of stdinLines(io)) {
    lineNo++;
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      yield fail(`at line ${lineNo}`, 'not a JSON object');
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      yield fail(`at line ${lineNo}`, 'not a JSON object');
      continue;
    }
    const r = record as Record<string, unknown>;
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : `line-${lineNo}`;
    const field = (['html', 'markdown', 'text'] as const).find((k) => typeof r[k] === 'string');
    if (!field) {
      yield fail(id, 'has no "text", "html" or "markdown" string');
      continue;
    }
    // "text" is guessed like a file is (Markdown headings, an id ending in .md or .html)
    const format: InputFormat | undefined = field === 'html' ? 'html' : field === 'markdown' ? 'markdown' : undefined;
    yield { index: index++, kind: 'text', text: r[field] as string, name: id, options: { ...options, format }, outName: safeFileName(id) };
  }
}

async function* stdinLines(io: CliIO): AsyncGenerator<string> {
  const stream = io.stdinStream?.();
  if (!stream) {
    const all = (await io.readStdin()).toString('utf8').replace(/^\uFEFF/, '');
    yield* all.split('\n');
    return;
  }
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of stream) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl !== -1) {
      yield rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

function safeFileName(id: string): string {
  const clean = id.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^\.+/, '_').slice(0, 200);
  return clean || 'record';
}

// ---------------------------------------------------------------------------
// Output files

/** Output names, made unique (a/x.txt and a/x.html both want x.json). */
class OutNames {
  private readonly used = new Set<string>();
  constructor(private readonly format: string) {}

  claim(stem: string): string {
    const ext = OUT_EXTENSION[this.format] ?? '.json';
    let name = stem + ext;
    for (let n = 2; this.used.has(name); n++) name = `${stem}~${n}${ext}`;
    this.used.add(name);
    return name;
  }
}

/** Temporary output files being written now; bin.ts removes them when the run is interrupted. */
export const partialOutputs = new Set<string>();

/**
 * Writes to a temporary file beside the target and renames it: readers never see half
 * a file, and a failed write (a full disk) leaves no temporary file behind. The file
 * calls are synchronous on purpose: an interrupt (bin.ts) is handled between tasks,
 * so it finds the temporary file either not yet made or already renamed, never
 * being made by a thread-pool call that would outlive its cleanup.
 */
async function writeAtomically(target: string, pieces: Iterable<string>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  partialOutputs.add(temp);
  try {
    const fd = openSync(temp, 'w');
    try {
      for (const piece of pieces) writeFileSync(fd, piece, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      /* never made */
    }
    throw err;
  } finally {
    partialOutputs.delete(temp);
  }
}

// ---------------------------------------------------------------------------
// Workers

type WorkerTask = Task | PageTask;
type WorkerJob = { task: WorkerTask; resolve: (r: TaskResult | PageTaskResult) => void };

/**
 * Worker threads for a batch's inputs, or for the pages of one long input
 * (pages.ts). A worker answers its tasks in the order it was given them.
 */
class WorkerPool {
  private readonly waiting: WorkerJob[] = [];
  /** every worker, with its tasks not yet answered, oldest first (none: idle) */
  private readonly queues = new Map<Worker, WorkerJob[]>();
  private closed = false;

  private constructor(
    private readonly script: URL,
    readonly size: number,
    private readonly depth: number,
    private readonly Worker: typeof import('node:worker_threads').Worker,
  ) {}

  /**
   * A pool of up to `size` workers, started as work arrives (a folder of two files
   * starts two), or null when the compiled worker script is not there (running from source).
   * Each worker is handed up to `depth` tasks at once: more than one only for tasks
   * it answers in order, one after the other (pages; files are read asynchronously).
   * (worker_threads is loaded here: a one-file run has no use for it.)
   */
  static async create(size: number, depth = 1): Promise<WorkerPool | null> {
    const script = workerScript();
    return script ? new WorkerPool(script, size, depth, (await import('node:worker_threads')).Worker) : null;
  }

  run(task: Task): Promise<TaskResult> {
    return this.post(task) as Promise<TaskResult>;
  }

  runPage(task: PageTask): Promise<PageTaskResult> {
    return this.post(task) as Promise<PageTaskResult>;
  }

  /** Starts every worker now rather than as work arrives. */
  start(): void {
    while (this.queues.size < this.size) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.keys()].map((w) => w.terminate()));
  }

  private post(task: WorkerTask): Promise<TaskResult | PageTaskResult> {
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      this.dispatch();
    });
  }

  private spawn(): Worker {
    const worker = new this.Worker(this.script);
    this.queues.set(worker, []);
    worker.on('message', (result: TaskResult | PageTaskResult) => {
      this.queues.get(worker)?.shift()?.resolve(result);
      this.dispatch();
    });
    worker.on('error', (err) => this.lost(worker, err));
    worker.on('exit', (exitCode) => {
      if (!this.closed) this.lost(worker, new Error(`worker stopped with code ${exitCode}`));
    });
    return worker;
  }

  /** A worker that died fails its input, not the batch: the input is reported and a new worker takes its place. */
  private lost(worker: Worker, err: Error): void {
    const jobs = this.queues.get(worker);
    if (!jobs) return;
    this.queues.delete(worker);
    for (const job of jobs) job.resolve({ index: job.task.index, ok: false, kind: 'internal', message: `internal error: ${err.message}` });
    if (!this.closed) this.dispatch(); // a new worker takes its place if there is work
  }

  private dispatch(): void {
    while (this.waiting.length && !this.closed) {
      // the least busy worker with room, or a new one while the pool is not full
      let worker: Worker | null = null;
      let load = Infinity;
      for (const [w, jobs] of this.queues) if (jobs.length < this.depth && jobs.length < load) (worker = w), (load = jobs.length);
      if (load > 0 && this.queues.size < this.size) worker = this.spawn();
      if (!worker) return;
      const job = this.waiting.shift()!;
      this.queues.get(worker)!.push(job);
      worker.postMessage(job.task);
    }
  }
}

/**
 * dist/cli/worker.js next to this file (worker.bundle.js when this is the bundled
 * CLI, scripts/build-bundle.mjs); from the TypeScript sources (tests), the built copy.
 */
function workerScript(): URL | null {
  const bundled = import.meta.url.includes('.bundle.') ? ['./worker.bundle.js'] : [];
  for (const candidate of [...bundled, './worker.js', '../../dist/cli/worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Progress

/** A one-line progress bar on stderr, only when stderr is a terminal; redrawn at most ten times a second. */
class Progress {
  private shown = false;
  private last = 0;
  private readonly enabled: boolean;

  /** `total` null: not known in advance (folders are walked as they are read, records streamed). */
  constructor(private readonly io: CliIO, private readonly total: number | null) {
    this.enabled = Boolean(io.stderr.isTTY) && total !== 1;
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const width = 30;
    const bar = this.total ? '#'.repeat(Math.round((done / this.total) * width)).padEnd(width, '.') : '';
    this.io.stderr.write(`\r\x1b[2K${bar ? `[${bar}] ` : ''}${done}${this.total ? `/${this.total}` : ''} parsed`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
