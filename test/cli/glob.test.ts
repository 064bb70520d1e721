import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandGlob, hasMagic } from '../../src/cli/glob.js';

const root = mkdtempSync(join(tmpdir(), 'policyparse-glob-'));
for (const file of ['a.json', 'b.json', 'c.txt', '.hidden.json', 'out/x.json', 'out/deep/y.json', 'out/deep/z.md', 'out2/w.json']) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), '{}');
}

describe('expandGlob', () => {
  it.each([
    ['*.json', ['a.json', 'b.json']],
    ['?.txt', ['c.txt']],
    ['[ab].json', ['a.json', 'b.json']],
    ['[!a].json', ['b.json']],
    ['*.{json,txt}', ['a.json', 'b.json', 'c.txt']],
    ['out/*.json', ['out/x.json']],
    ['out/**/*.json', ['out/deep/y.json', 'out/x.json']],
    ['**/*.md', ['out/deep/z.md']],
    ['out*/*.json', ['out/x.json', 'out2/w.json']],
    ['.*.json', ['.hidden.json']],
    ['nothing/*.json', []],
  ])('%s', async (pattern, expected) => {
    expect(await expandGlob(pattern, root)).toEqual(expected);
  });

  it('takes absolute patterns', async () => {
    expect(await expandGlob(join(root, 'out', '*.json'), '/')).toEqual([join(root, 'out', 'x.json')]);
  });
});

describe('hasMagic', () => {
  it('tells patterns from names', () => {
    expect(hasMagic('out/*.json')).toBe(true);
    expect(hasMagic('{a,b}.json')).toBe(true);
    expect(hasMagic('out/page.json')).toBe(false);
  });
});
