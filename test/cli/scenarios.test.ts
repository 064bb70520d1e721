// The CLI as a table of scenarios, run through main() directly: argv, stdin and
// terminal-ness in; exit code, stdout and stderr out.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { parse } from '../../src/index.js';
import { fakeIO, type FakeIOOptions } from './fake-io.js';

const root = new URL('../..', import.meta.url).pathname;
const seedPath = 'fixtures/seed-page.txt';
const seed = readFileSync(join(root, seedPath), 'utf8');
const gapPath = 'test/cli/fixtures/numbering-gap.txt';
const schemaText = readFileSync(join(root, 'schemas/policyparse.schema.json'), 'utf8');

const scratch = mkdtempSync(join(tmpdir(), 'policyparse-cli-'));
const emptyDir = mkdtempSync(join(tmpdir(), 'policyparse-empty-'));
const binaryFile = join(scratch, 'image.png');
writeFileSync(binaryFile, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3, 4]));
const badDoc = join(scratch, 'bad.json');
writeFileSync(badDoc, '{"articles": 3}');
const notJson = join(scratch, 'not.json');
writeFileSync(notJson, '{"articles": [');
const ownOutput = join(scratch, 'good.json');
writeFileSync(ownOutput, JSON.stringify(parse(Buffer.from(seed), { name: seedPath })));

const jsonlOutput = join(scratch, 'articles.jsonl');
const records = parse(Buffer.from(seed), { name: seedPath }).articles.map((a) => JSON.stringify({ source: seedPath, ...a }));
writeFileSync(jsonlOutput, records.join('\n') + '\n');
const badJsonl = join(scratch, 'bad.jsonl');
writeFileSync(badJsonl, [records[0], JSON.stringify({ ...JSON.parse(records[0]), title: 3 })].join('\n') + '\n');

type Expect = string | RegExp | ((text: string) => void);

interface Scenario {
  name: string;
  args: string[];
  stdin?: string;
  io?: FakeIOOptions;
  exitCode: number;
  stdout?: Expect;
  stderr?: Expect;
}

const ESC = '\u001b[';
const oneErrorLine = (pattern: RegExp) => (text: string) => {
  expect(text.split('\n').filter(Boolean)).toHaveLength(1);
  expect(text).toMatch(pattern);
  expect(text).not.toMatch(/\n\s+at /);
};
const lines = (text: string) => text.split('\n').filter(Boolean);

const scenarios: Scenario[] = [
  {
    name: 'json is compact in a pipe',
    args: [seedPath],
    exitCode: 0,
    stdout: (out) => {
      expect(lines(out)).toHaveLength(1);
      expect(JSON.parse(out).version).toBe('1.0');
    },
  },
  { name: 'json is pretty on a terminal', args: [seedPath], io: { stdoutTTY: true }, exitCode: 0, stdout: /^\{\n  "version": "1\.0",\n/ },
  { name: '--compact wins on a terminal', args: ['--compact', seedPath], io: { stdoutTTY: true }, exitCode: 0, stdout: /^\{"version"/ },
  { name: '--pretty wins in a pipe', args: ['--pretty', seedPath], exitCode: 0, stdout: /^\{\n  "version"/ },
  {
    name: 'jsonl gives one article a line with its source',
    args: ['-f', 'jsonl', seedPath],
    exitCode: 0,
    stdout: (out) => {
      const records = lines(out).map((l) => JSON.parse(l));
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(r.source).toBe(seedPath);
    },
  },
  {
    name: 'tree is plain in a pipe',
    args: ['--format', 'tree', seedPath],
    exitCode: 0,
    stdout: (out) => {
      expect(out.split('\n')[0]).toMatch(/^fixtures\/seed-page\.txt  \d+ articles?/);
      expect(out).toMatch(/^a1  /m);
      expect(out).toContain('├─ ');
      expect(out).not.toContain(ESC);
    },
  },
  { name: 'tree is coloured on a terminal', args: ['-f', 'tree', seedPath], io: { stdoutTTY: true, env: { TERM: 'xterm' } }, exitCode: 0, stdout: new RegExp(`\\u001b\\[1m`) },
  {
    name: 'NO_COLOR turns colour off on a terminal',
    args: ['-f', 'tree', seedPath],
    io: { stdoutTTY: true, stderrTTY: true, env: { TERM: 'xterm', NO_COLOR: '1' } },
    exitCode: 0,
    stdout: (out) => expect(out).not.toContain(ESC),
    stderr: (err) => expect(err).not.toContain(ESC),
  },
  { name: '--color always colours a pipe', args: ['--color', 'always', '-f', 'tree', seedPath], io: { env: { NO_COLOR: '1' } }, exitCode: 0, stdout: new RegExp(`\\u001b\\[1m`) },
  { name: '--color never keeps a terminal plain', args: ['--color', 'never', '-f', 'tree', seedPath], io: { stdoutTTY: true, env: { TERM: 'xterm' } }, exitCode: 0, stdout: (out) => expect(out).not.toContain(ESC) },
  { name: 'markdown', args: ['-f', 'markdown', seedPath], exitCode: 0, stdout: /^# 综合新闻\n\n## \S/ },
  {
    name: 'text',
    args: ['-f', 'text', seedPath],
    exitCode: 0,
    stdout: (out) => expect(out.replace(/\s/g, '')).toContain('以人民为中心。顺应人民群众期盼'),
  },
  { name: '- reads standard input', args: ['-f', 'text', '-'], stdin: '一、总则\n\n第一条　为了测试。\n', exitCode: 0, stdout: /第一条　为了测试。/ },
  // (pages of plain text on standard input are parsed and written a page at a time,
  // as a file's are: the same text as the whole document's)
  {
    name: '- with pages: JSON as parse() writes it',
    args: ['--input-format', 'text', '--compact', '-q', '-'],
    stdin: [seed, seed, seed].join('\f'),
    exitCode: 0,
    stdout: JSON.stringify(parse(Buffer.from([seed, seed, seed].join('\f')), { name: '-', format: 'text' })) + '\n',
  },
  {
    name: '- with pages: JSON Lines as parse() writes them',
    args: ['--input-format', 'text', '-f', 'jsonl', '-q', '-'],
    stdin: [seed, seed].join('\f'),
    exitCode: 0,
    stdout: parse(Buffer.from([seed, seed].join('\f')), { name: '-', format: 'text' }).articles.map((a) => JSON.stringify({ source: '-', ...a }) + '\n').join(''),
  },
  {
    name: '--diagnostics json writes JSON lines on stderr',
    args: ['--diagnostics', 'json', seedPath],
    exitCode: 0,
    stderr: (err) => {
      for (const l of lines(err)) expect(JSON.parse(l)).toEqual(expect.objectContaining({ file: seedPath, severity: expect.any(String), code: expect.any(String) }));
    },
  },
  { name: '--quiet prints no warnings', args: ['--quiet', seedPath], exitCode: 0, stderr: '' },
  { name: 'an unknown format is a usage error', args: ['-f', 'yaml', seedPath], exitCode: 2, stdout: '', stderr: /argument 'yaml' is invalid/ },
  { name: 'no input is a usage error', args: [], exitCode: 2, stdout: '', stderr: oneErrorLine(/no input/) },
  { name: 'missing file', args: ['nope.txt'], exitCode: 2, stdout: '', stderr: oneErrorLine(/^policyparse: nope\.txt: no such file\n$/) },
  { name: 'a directory with no inputs', args: [emptyDir], exitCode: 2, stdout: '', stderr: oneErrorLine(/policyparse: .*policyparse-empty-/) },
  { name: 'binary file', args: [binaryFile], exitCode: 2, stdout: '', stderr: oneErrorLine(/image\.png: binary input/) },
  { name: 'schema prints the schema', args: ['schema'], exitCode: 0, stdout: (out) => expect(JSON.parse(out)).toEqual(JSON.parse(schemaText)) },
  { name: '--help shows examples', args: ['--help'], exitCode: 0, stdout: /Examples:\n  \$ policyparse fixtures\/seed-page\.txt/ },
  { name: 'validate --help shows examples', args: ['validate', '--help'], exitCode: 0, stdout: /Examples:[\s\S]*policyparse validate/ },
  { name: 'schema --help shows examples', args: ['schema', '--help'], exitCode: 0, stdout: /Examples:[\s\S]*policyparse schema/ },
  { name: 'validate accepts its own output', args: ['validate', ownOutput], exitCode: 0, stdout: '', stderr: '1 file: 1 valid, 0 invalid\n' },
  {
    name: 'validate rejects {"articles": 3} with a pointer and a reason',
    args: ['validate', badDoc],
    exitCode: 1,
    stdout: /^.*bad\.json: \/articles: must be array \(\+\d+ more\)\n$/,
    stderr: '1 file: 0 valid, 1 invalid\n',
  },
  { name: 'validate reads standard input', args: ['validate', '-'], stdin: '{"articles": 3}', exitCode: 1, stdout: /^-: \/articles: must be array/ },
  { name: 'validate says where JSON breaks', args: ['validate', notJson], exitCode: 1, stdout: /not\.json: not JSON: / },
  {
    name: 'validate expands globs, one line per invalid file, and a summary',
    args: ['validate', join(scratch, '*.json')],
    exitCode: 1,
    stdout: (out) => {
      expect(lines(out)).toHaveLength(2);
      expect(out).toMatch(/bad\.json: /);
      expect(out).toMatch(/not\.json: /);
    },
    stderr: '3 files: 1 valid, 2 invalid\n',
  },
  { name: 'validate accepts --format jsonl records', args: ['validate', jsonlOutput], exitCode: 0, stdout: '' },
  {
    name: 'validate points into a bad jsonl record, with its line',
    args: ['validate', badJsonl],
    exitCode: 1,
    stdout: /bad\.jsonl:2: \/title: must be string,null \(\+\d+ more\)|bad\.jsonl:2: \/title: /,
  },
  { name: 'validate: an unreadable file is exit 2', args: ['validate', ownOutput, 'nope.json'], exitCode: 2, stderr: /nope\.json: no such file\n2 files: 1 valid, 0 invalid, 1 unreadable\n/ },
  { name: 'validate: a glob matching nothing is exit 2', args: ['validate', 'nowhere/*.json'], exitCode: 2, stderr: /nowhere\/\*\.json: no files match/ },
];

function check(actual: string, expected: Expect | undefined) {
  if (expected === undefined) return;
  if (typeof expected === 'string') expect(actual).toBe(expected);
  else if (expected instanceof RegExp) expect(actual).toMatch(expected);
  else expected(actual);
}

describe('policyparse CLI through main()', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const io = fakeIO({ ...s.io, stdin: s.stdin });
    const code = await main(s.args, io);
    check(io.out(), s.stdout);
    check(io.err(), s.stderr);
    expect(code).toBe(s.exitCode);
  });
});

// Needs the numbering grammar of src/structure/ (issue 2), which reports numbering-gap.
// Until it lands the check is skipped and says so, rather than faking the warning.
describe('a numbering gap (（一） then （三）)', () => {
  it('exits 0 with a numbering-gap warning on stderr', async () => {
    const io = fakeIO();
    expect(await main([gapPath], io)).toBe(0);
    expect(io.err()).toMatch(/^test\/cli\/fixtures\/numbering-gap\.txt:\d+:\d+ warning numbering-gap /m);
  });

  it('exits 1 with --strict', async () => {
    const io = fakeIO();
    expect(await main(['--strict', gapPath], io)).toBe(1);
    expect(io.err()).toMatch(/warning numbering-gap/);
  });

  it('exits 1 with --strict --quiet and prints nothing on stderr', async () => {
    const io = fakeIO();
    expect(await main(['--strict', '--quiet', gapPath], io)).toBe(1);
    expect(io.err()).toBe('');
  });
});

describe('--strict on the seed page', () => {
  it('exits 1 exactly when the page has warnings', async () => {
    const warnings = parse(Buffer.from(seed), { name: seedPath }).diagnostics.filter((d) => d.severity !== 'info');
    const io = fakeIO();
    expect(await main(['--strict', seedPath], io)).toBe(warnings.length ? 1 : 0);
    expect(lines(io.err())).toHaveLength(warnings.length);
  });
});
