import { readFileSync } from 'node:fs';
import { parse } from '../src/index.js';
import { schemaErrors } from '../src/schema/index.js';

const seed = readFileSync(new URL('../fixtures/seed-page.txt', import.meta.url));

describe('parse', () => {
  it('turns the seed page into a schema-valid document', () => {
    const doc = parse(seed, { name: 'seed-page.txt' });
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.source.format).toBe('text');
    expect(doc.source.encoding).toBe('utf-8');
    expect(doc.articles.length).toBeGreaterThan(0);
  });

  it('rejects documents that break the schema', () => {
    expect(schemaErrors({ articles: 3 }).length).toBeGreaterThan(0);
  });
});
