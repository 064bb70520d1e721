// The real executable as a child process: what a shell user and a CI job see,
// including whether stdout is a terminal (under `script`, a pseudo-terminal) or a pipe.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'bin/policyparse');
const seedPath = 'fixtures/seed-page.txt';
const ESC = '\u001b[';

// bin/policyparse runs dist/. `npm ci` builds it (prepare script); build here only
// when it is missing, so a test run never races another build of the same tree.
beforeAll(() => {
  if (!existsSync(join(root, 'dist/cli/render.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe', timeout: 180_000 });
  }
}, 200_000);

const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
delete env.NO_COLOR;
delete env.FORCE_COLOR;

function run(args: string[], input?: string) {
  const r = spawnSync(bin, args, { cwd: root, env, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'policyparse-bin-'));
const emptyDir = mkdtempSync(join(tmpdir(), 'policyparse-bin-empty-'));
const binaryFile = join(scratch, 'data.bin');
writeFileSync(binaryFile, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8]));

describe('bin/policyparse as a child process', () => {
  it.each([
    ['a missing file', ['no/such/file.txt']],
    ['a directory with no inputs', [emptyDir]],
    ['a binary file', [binaryFile]],
  ])('%s: one line on stderr, exit 2, nothing on stdout, no stack trace', (_name, args) => {
    const r = run(args);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^policyparse: /);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(r.code).toBe(2);
  });

  it('- reads standard input', () => {
    const r = run(['-f', 'text', '-'], '一、总则\n\n第一条　为了测试。\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('第一条　为了测试。');
  });

  it('schema prints the schema', () => {
    const r = run(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe('PolicyDocument');
  });

  it('the bundled CLI (started from its code cache) writes what the plain build writes', () => {
    // the bundle loads remark and chalk with require(): Markdown with markup and a
    // coloured tree go through both
    const markdown = join(scratch, 'markup.md');
    writeFileSync(markdown, '# 关于做好工作的通知\n\n- **一、总体要求**\n\n1. 第一项内容。\n2. 第二项内容。\n\n> 引文\n');
    expect(existsSync(join(root, 'dist/cli/bin.bundle.cjs'))).toBe(true);
    expect(existsSync(join(root, 'dist/cli/bin.bundle.cache'))).toBe(true);
    // written in ASCII, Chinese patterns escaped (scripts/build-bundle.mjs): V8 keeps it as one-byte text
    expect(readFileSync(join(root, 'dist/cli/bin.bundle.cjs')).every((byte) => byte < 0x80)).toBe(true);
    // a folder and --out: the file system calls the bundle loads on first use
    const inputs = [[seedPath], [markdown], ['fixtures/html/epaper-br-table.html'], ['-f', 'tree', '--color', 'always', markdown], ['-q', '--jobs', '1', '-f', 'jsonl', 'fixtures/html']];
    for (const args of inputs) {
      const bundled = run(args);
      const plain = spawnSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], { cwd: root, env, encoding: 'utf8' });
      expect(bundled.code).toBe(plain.status);
      expect(bundled.stdout).toBe(plain.stdout);
      expect(bundled.stdout.length).toBeGreaterThan(100);
    }
    const out = join(scratch, 'bundled-out');
    expect(run(['-q', '--jobs', '1', '--out', out, 'fixtures/html']).code).toBe(0);
    expect(readdirSync(out).length).toBe(readdirSync(join(root, 'fixtures/html')).filter((f) => f.endsWith('.html')).length);
  });

  it('the bundle starts from its code cache, also after the CLI has changed V8 flags', () => {
    // V8 refuses a cache made under other flags; bin.ts sets one once the modules are
    // loaded, and the build must make the cache without it
    const r = spawnSync(bin, ['-q', seedPath], { cwd: root, env: { ...env, POLICYPARSE_CODE_CACHE_REPORT: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('policyparse: code cache accepted\n');
    expect(JSON.parse(r.stdout).articles).toHaveLength(3);
  });

  it('a long UTF-8 file, decoded a chunk at a time, gives what its bytes decoded whole give', () => {
    // over 8 MB (LONG_INPUT_BYTES in batch.ts); --encoding makes the CLI read the bytes whole
    const seed = readFileSync(join(root, seedPath), 'utf8');
    const long = join(scratch, 'long.txt');
    writeFileSync(long, Array.from({ length: 270 }, () => seed).join('\n\f\n'));
    const runLong = (args: string[]) => spawnSync(bin, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
    for (const format of ['jsonl', 'json']) {
      const chunked = runLong(['-q', '-f', format, long]);
      const whole = runLong(['-q', '-f', format, '--encoding', 'utf-8', long]);
      expect(chunked.status).toBe(0);
      expect(chunked.stdout.length).toBeGreaterThan(1_000_000);
      expect(chunked.stdout).toBe(whole.stdout);
    }
  });

  it('a long paged file gives the same output whether other threads take pages or not', () => {
    // over PARALLEL_PAGES_CHARS (batch.ts): with --jobs 2 a worker thread parses pages too
    const seed = readFileSync(join(root, seedPath), 'utf8');
    const wrapped = readFileSync(join(root, 'fixtures/seed-page.wrapped.txt'), 'utf8');
    const pages = join(scratch, 'pages.txt');
    writeFileSync(pages, Array.from({ length: 30 }, (_, k) => (k % 3 === 2 ? wrapped : k % 3 === 1 ? seed.slice(0, 5000) : seed)).join('\n\f\n'));
    const runPages = (args: string[]) => spawnSync(bin, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 120_000 });
    for (const format of [['-f', 'jsonl'], ['-f', 'json'], ['--pretty']]) {
      const one = runPages(['-q', '--jobs', '1', ...format, pages]);
      const two = runPages(['-q', '--jobs', '2', ...format, pages]);
      expect(one.status).toBe(0);
      expect(one.stdout.length).toBeGreaterThan(300_000);
      expect(two.stdout).toBe(one.stdout);
      expect(two.status).toBe(one.status);
    }
    // as long, but no pages: the worker started on the chance of pages goes unused
    const unpaged = join(scratch, 'unpaged.txt');
    writeFileSync(unpaged, readFileSync(pages, 'utf8').replace(/\f/g, ''));
    const one = runPages(['-q', '--jobs', '1', unpaged]);
    expect(one.stdout.length).toBeGreaterThan(300_000);
    expect(runPages(['-q', '--jobs', '2', unpaged]).stdout).toBe(one.stdout);
  });

  it('a reader slower than the parser gets the same output as a file does', () => {
    // Through a pipe, writing waits for the reader once a little output is queued
    // (PENDING_OUTPUT_BYTES in batch.ts): pages written as they are parsed (JSON
    // Lines), articles copied out of the spill file (JSON), one page's articles in turn.
    const seed = readFileSync(join(root, seedPath), 'utf8');
    const pages = join(scratch, 'slow-pages.txt');
    writeFileSync(pages, Array.from({ length: 40 }, () => seed).join('\n\f\n'));
    const onePage = join(scratch, 'slow-one-page.txt');
    writeFileSync(onePage, Array.from({ length: 20 }, () => seed).join('\n'));
    for (const args of [['-f', 'jsonl', pages], ['-f', 'json', pages], ['-f', 'json', onePage], ['-f', 'jsonl', onePage]]) {
      const file = join(scratch, 'slow-out.json');
      const quoted = args.map((a) => `'${a}'`).join(' ');
      const r = spawnSync('bash', ['-c', `'${bin}' -q ${quoted} > '${file}'; '${bin}' -q ${quoted} | (sleep 1; cat) | cmp - '${file}' && wc -c < '${file}'`], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.stderr).toBe('');
      expect(Number(r.stdout)).toBeGreaterThan(1_000_000);
    }
  });

  it('a reader that stops early (… 2>&1 | head -1) ends the run with exit 0, diagnostics or not', () => {
    const r = spawnSync('bash', ['-c', `'${bin}' --pretty '${seedPath}' 2>&1 | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim()).toBe('0');
  });

  it('validate exits 1 on {"articles": 3} and 0 on its own output', () => {
    expect(run(['validate', '-'], '{"articles": 3}').code).toBe(1);
    const own = run([seedPath]);
    expect(own.code).toBe(0);
    const r = run(['validate', '-'], own.stdout);
    expect(r.stderr).toBe('1 file: 1 valid, 0 invalid\n');
    expect(r.code).toBe(0);
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const underPty = hasScript ? describe : describe.skip;

/** Runs the command with a pseudo-terminal as stdin, stdout and stderr (util-linux script). */
function runInPty(args: string[]): string {
  const command = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  return r.stdout;
}

underPty('on a terminal (script(1) pseudo-terminal) and in a pipe', () => {
  it('the tree is coloured on a terminal and plain in a pipe', () => {
    const tty = runInPty(['-f', 'tree', seedPath]);
    expect(tty).toContain(ESC);
    expect(tty).toContain('├─');
    const pipe = run(['-f', 'tree', seedPath]);
    expect(pipe.stdout).toContain('├─');
    expect(pipe.stdout).not.toContain(ESC);
    expect(pipe.stderr).not.toContain(ESC);
  });

  it('JSON is pretty on a terminal and compact in a pipe', () => {
    expect(runInPty([seedPath])).toMatch(/^\{\r?\n  "version": "1\.0"/);
    expect(run([seedPath]).stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('diagnostics are coloured on a terminal, plain in a pipe', () => {
    const pipe = run(['--compact', seedPath]);
    const warnings = pipe.stderr.split('\n').filter((l) => / warning /.test(l));
    if (warnings.length === 0) return; // the seed page gave no warnings: nothing to colour
    expect(pipe.stderr).not.toContain(ESC);
    const tty = runInPty(['--compact', seedPath]);
    expect(tty).toMatch(/\u001b\[33mwarning\u001b\[39m/);
  });

  it('NO_COLOR keeps a terminal plain', () => {
    const command = `NO_COLOR=1 '${bin}' -f tree ${seedPath}`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, env, encoding: 'utf8' });
    expect(r.stdout).toContain('├─');
    expect(r.stdout).not.toContain(ESC);
  });
});
