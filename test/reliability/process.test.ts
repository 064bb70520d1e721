// I/O faults and batch determinism (issue 7), against the real executable: the
// working tree compiled into bench/work/test-build (not dist/, which others may
// be rebuilding at the same moment).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWork } from '../../scripts/lib/build.mjs';
import { mutate, STRAY_MARKERS } from './cases.js';

let bin = '';
const scratch = mkdtempSync(join(tmpdir(), 'policyparse-process-'));
const seedPage = readFileSync(new URL('../../fixtures/seed-page.txt', import.meta.url), 'utf8');

beforeAll(() => {
  bin = join(buildWork('test-build'), 'cli', 'bin.js');
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], options: { stdout?: number } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A folder of n page files, each a mutation of the seed page, so batches have real work. */
function pageFolder(name: string, n: number): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const text = mutate(seedPage, [
      { kind: 'swap', a: i * 7, b: i * 13 },
      { kind: 'insert', line: i * 5, at: i, text: STRAY_MARKERS[i % STRAY_MARKERS.length] },
    ]);
    writeFileSync(join(dir, `p${String(i).padStart(4, '0')}.txt`), text);
  }
  return dir;
}

const oneLine = (s: string) => s.trimEnd().split('\n').length === 1;
const noTrace = (s: string) => !/\n\s+at |TypeError|RangeError/.test(s);

describe('I/O faults', () => {
  it('output piped into a reader that stops early (head): exit 0, no EPIPE trace', async () => {
    const files = Array.from({ length: 40 }, () => join(scratch, 'seed.txt'));
    writeFileSync(files[0], seedPage);
    const child = spawn(process.execPath, [bin, '-q', '--pretty', ...files], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read one chunk, then close the pipe, as `| head -c 100` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('standard output on a full disk (/dev/full): exit 2 and one clear line', () => {
    if (!existsSync('/dev/full')) return; // not Linux: nothing to test
    writeFileSync(join(scratch, 'seed.txt'), seedPage);
    const fd = openSync('/dev/full', 'w');
    try {
      const r = run(['-q', 'seed.txt'], { stdout: fd });
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(/^policyparse: .*no space left/i);
    } finally {
      closeSync(fd);
    }
  });

  it.each([
    ['a folder under a regular file', () => join(scratch, 'seed.txt', 'out')],
    ['/dev/full as the folder', () => '/dev/full'],
    ['a read-only folder (skipped as root, who may write anywhere)', () => {
      const dir = join(scratch, 'readonly');
      mkdirSync(dir, { recursive: true });
      spawnSync('chmod', ['555', dir]);
      return process.getuid?.() === 0 ? null : join(dir, 'out');
    }],
  ])('--out into %s: exit 2 and one line naming it', (_name, target) => {
    writeFileSync(join(scratch, 'seed.txt'), seedPage);
    const out = target();
    if (out === null) return;
    const r = run(['-q', '--out', out, 'seed.txt']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/^policyparse: /);
    expect(r.stderr).toContain(out.includes('seed.txt') ? 'seed.txt' : out);
    expect(r.stderr).toMatch(/not a folder|permission denied|read-only/);
    expect(noTrace(r.stderr)).toBe(true);
  });

  it('an interrupted batch (SIGINT) leaves finished files whole and no partial files', async () => {
    const input = pageFolder('interrupted-in', 400);
    const out = join(scratch, 'interrupted-out');
    const child = spawn(process.execPath, [bin, '-q', '--jobs', '2', '--out', out, input], { cwd: scratch, stdio: 'ignore' });
    // Interrupt once some files are written, while others are in flight.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(existsSync(out) && readdirSync(out).some((f) => f.endsWith('.json')))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    const left = readdirSync(out);
    expect(left.filter((f) => !f.endsWith('.json'))).toEqual([]);
    for (const f of left) expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
    expect(left.length).toBeLessThan(400);
    expect(code).toBe(130);
  }, 120_000);
});

describe('batch output is byte-identical across runs and --jobs values', () => {
  it('a folder of mutated pages through --jobs 1, 2 and 3', () => {
    const dir = pageFolder('jobs-in', 24);
    writeFileSync(join(dir, 'z-empty.txt'), '');
    writeFileSync(join(dir, 'z-page.html'), '<html><body><div class="content"><p>第一条　正文。</p><p>（一）内容</p></div></body></html>');
    const outputs = ['1', '2', '3', '2'].map((jobs) => run(['-q', '--compact', '--jobs', jobs, dir]));
    for (const r of outputs) expect([0, 1, r.stderr]).toContain(r.code);
    expect(outputs[0].stdout.length).toBeGreaterThan(0);
    for (const r of outputs.slice(1)) expect(r.stdout).toBe(outputs[0].stdout);
  }, 180_000);
});
