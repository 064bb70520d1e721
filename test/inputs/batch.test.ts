import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'fixtures', name);
const seed = readFileSync(fixture('seed-page.txt'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd: string; stdin?: string | Buffer; tty?: boolean; stream?: boolean }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const stdin = Buffer.from(options.stdin ?? '');
  const io: CliIO = {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : decoder.decode(s, { stream: true })), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    readStdin: async () => stdin,
    env: {},
    cwd: options.cwd,
  };
  if (options.stream) {
    // arrives in small pieces, cut through lines and characters
    io.stdinStream = async function* () {
      for (let i = 0; i < stdin.length; i += 7) yield stdin.subarray(i, i + 7);
    };
  }
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policyparse-batch-'));
  mkdirSync(join(dir, 'pages', 'html'), { recursive: true });
  copyFileSync(fixture('seed-page.txt'), join(dir, 'pages', 'a.txt'));
  copyFileSync(fixture('seed-page.gb18030.txt'), join(dir, 'pages', 'b.txt'));
  copyFileSync(fixture('html/epaper-br-table.html'), join(dir, 'pages', 'html', 'c.html'));
  writeFileSync(join(dir, 'pages', 'notes.json'), '{}');
  writeFileSync(join(dir, 'pages', '.hidden.txt'), 'hidden');
  writeFileSync(join(dir, 'short.txt'), '第一条　为了规范管理，制定本办法。\n');
  return dir;
}

describe('many inputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = corpus();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads files, folders (sorted, inputs only) and stdin, in the order given', async () => {
    const r = await run(['--format', 'jsonl', '-q', 'short.txt', 'pages', '-'], { cwd: dir, stdin: seed });
    expect(r.code).toBe(0);
    const sources = [...new Set(r.stdout.trim().split('\n').map((l) => JSON.parse(l).source))];
    expect(sources).toEqual(['short.txt', 'pages/a.txt', 'pages/b.txt', 'pages/html/c.html', '-']);
    expect(r.stderr).toMatch(/^policyparse: 5 files, \d+ articles, \d+ diagnostics?, \d+\.\d s\n$/m);
  });

  it('prints one line per article with --format jsonl', async () => {
    const r = await run(['--format', 'jsonl', '-q', 'pages/a.txt'], { cwd: dir });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l).toMatchObject({ source: 'pages/a.txt', id: expect.stringMatching(/^a\d+$/) });
    expect(r.stderr).not.toMatch(/files,/); // no summary for one input
  });

  it('keeps going past a missing file and exits 2', async () => {
    const r = await run(['-q', 'nope.txt', 'short.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policyparse: nope.txt: no such file\n');
    expect(JSON.parse(r.stdout).source.name).toBe('short.txt');
  });

  it('refuses a bad --jobs', async () => {
    expect((await run(['--jobs', '0', 'short.txt'], { cwd: dir })).code).toBe(2);
    expect((await run(['--jobs', 'many', 'short.txt'], { cwd: dir })).code).toBe(2);
  });

  it('gives the same output whatever the number of jobs', async () => {
    // both through the worker pool (dist/), so a stale build cannot tell src and dist apart
    const two = await run(['--jobs', '2', '-q', 'pages', 'short.txt'], { cwd: dir });
    const three = await run(['--jobs', '3', '-q', 'pages', 'short.txt'], { cwd: dir });
    expect(three.stdout).toBe(two.stdout);
    expect(two.stdout.trim().split('\n').map((l) => JSON.parse(l).source.name)).toEqual(['pages/a.txt', 'pages/b.txt', 'pages/html/c.html', 'short.txt']);
  });

  it('writes one file per input with --out, atomically', async () => {
    const r = await run(['--out', 'out', '-q', 'pages', 'short.txt', '-'], { cwd: dir, stdin: seed });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const out = join(dir, 'out');
    const listing = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listing(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    expect(listing(out).sort()).toEqual(['a.json', 'b.json', 'html/c.json', 'short.json', 'stdin.json']);
    expect(JSON.parse(readFileSync(join(out, 'html', 'c.json'), 'utf8')).source.format).toBe('html');
    // a second run with a clashing name keeps both
    await run(['--out', 'out', '-q', 'short.txt', 'pages/a.txt', 'short.txt'], { cwd: dir });
    expect(existsSync(join(out, 'short~2.json'))).toBe(true);
    expect(listing(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('draws a progress bar only when stderr is a terminal', async () => {
    const args = ['-q', '--jobs', '1', 'pages', 'short.txt'];
    const piped = await run(args, { cwd: dir, tty: false });
    const tty = await run(args, { cwd: dir, tty: true });
    expect(piped.stderr).not.toContain('\r');
    expect(tty.stderr).toContain('\r\x1b[2K');
    expect(tty.stderr).toMatch(/\r\x1b\[2Kpolicyparse: 4 files, .*\n$/);
    expect(tty.stdout).toBe(piped.stdout);
  });
});

describe('record streams (--input-format jsonl)', () => {
  const records = [
    { id: 'r1', text: seed.toString('utf8') },
    { id: 'r2', html: readFileSync(fixture('html/epaper-br-table.html')).toString('latin1').replace(/charset=gb2312/, 'charset=utf-8') },
    { id: 'r3', text: '第一条　为了规范管理，制定本办法。' },
  ];
  const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n';

  it('writes one result line per record, in order, as the lines stream in', async () => {
    const r = await run(['--input-format', 'jsonl', '-q'], { cwd: root, stdin: input, stream: true });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // "text" is guessed as a file is: the seed page has ## headings
    expect(lines.map((d) => [d.source.name, d.source.format])).toEqual([
      ['r1', 'markdown'],
      ['r2', 'html'],
      ['r3', 'text'],
    ]);
    expect(lines[0].articles.length).toBeGreaterThan(1);
  });

  it('answers a bad record with an error line in its place and exits 2', async () => {
    const bad = JSON.stringify(records[2]) + '\nnot json\n{"id": 7}\n' + JSON.stringify({ id: 'last', text: '第二条　本办法自发布之日起施行。' }) + '\n';
    const r = await run(['--input-format', 'jsonl', '-q'], { cwd: root, stdin: bad });
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id ?? l.source.name)).toEqual(['r3', 'at line 2', '7', 'last']);
    expect(lines[1].error).toBe('not a JSON object');
    expect(r.stderr).toContain('policyparse: record 7: has no "text", "html" or "markdown" string\n');
  });

  it('reads records from standard input only', async () => {
    expect((await run(['--input-format', 'jsonl', 'x.jsonl'], { cwd: root })).code).toBe(2);
  });

  const bin = join(root, 'bin', 'policyparse');
  const built = existsSync(join(root, 'dist', 'cli', 'batch.js'));
  const parallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!parallel) console.warn('GNU parallel is not installed (apt-get install parallel): skipping the parallel --pipe test');
  if (!built) console.warn('dist/ is not built (npm run build): skipping the parallel --pipe test');
  const withParallel = parallel && built ? it : it.skip;

  withParallel('runs unchanged as a GNU parallel --pipe stage', () => {
    const many = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `rec${i}`, text: i % 3 ? records[2].text : records[0].text })).join('\n') + '\n';
    const out = execFileSync('parallel', ['--pipe', '--keep-order', '-N', '4', '-j', '2', bin, '--input-format', 'jsonl', '--jobs', '1', '-q'], {
      input: many,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
      timeout: 60000,
    });
    const names = out.trim().split('\n').map((l) => JSON.parse(l).source.name);
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `rec${i}`));
  });
});
