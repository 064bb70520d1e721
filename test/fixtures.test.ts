// Fixture pairs: fixtures/<case>/input.{txt,md,html} + expected.json. One loop runs
// them all; `UPDATE=1 npm test -- test/fixtures` rewrites the expectations after a
// reviewed change.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../src/index.js';
import { schemaErrors } from '../src/schema/index.js';

const root = new URL('../fixtures/', import.meta.url).pathname;
const update = process.env.UPDATE === '1';

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const input = readdirSync(join(root, d.name)).find((f) => /^input\.(txt|md|html)$/.test(f));
    return input ? [[d.name, join(root, d.name, input)] as const] : [];
  });

describe('fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (name, inputPath) => {
    const doc = parse(readFileSync(inputPath), { name: `${name}/${inputPath.split('/').pop()}` });
    expect(schemaErrors(doc)).toEqual([]);
    const expectedPath = join(root, name, 'expected.json');
    const actual = JSON.parse(JSON.stringify(doc));
    if (update || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      if (!update) throw new Error(`${expectedPath} was missing and has been written: review it and run again`);
      return;
    }
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});
