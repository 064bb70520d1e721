// Plain text of many pages is written a page at a time by the CLI (src/stream.ts):
// the pieces must add up to exactly what parse() and the formatters give.
import { readFileSync } from 'node:fs';
import { parse } from '../../src/pipeline.js';
import { formatJson, formatJsonl } from '../../src/format/json.js';
import { articleJson, jsonFrame, pagedInput, parseInPages } from '../../src/stream.js';
import type { Article } from '../../src/types.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const seed = fixture('seed-page.txt');
const wrapped = fixture('seed-page.wrapped.txt');

const inputs: Array<[string, string]> = [
  // the bench's shape: whole file hard-wrapped, pages joined by form feeds
  ['wrapped and plain pages', [seed, wrapped, seed, wrapped].join('\n\f\n')],
  // line-scanned pages, and a form feed that opens a line (pdftotext)
  ['plain pages', [seed, seed, seed].join('\n\f')],
  // a page of furniture alone, an empty page, pages without a newline around the form feed
  ['odd pages', ['# 要闻', '', seed.slice(0, 4000), '上接第一版', seed].join('\f')],
  // running heads give the page its date and edition (the first page that has them)
  ['pages with running heads', ['第 3 版\n' + seed, '人民日报　2019年7月21日　星期日　第4版\n' + seed, '2020年1月2日　星期四　第5版\n' + seed].join('\n\f\n')],
];

function streamed(text: string, pretty: boolean) {
  const parts: string[] = [];
  let jsonl = '';
  const result = parseInPages(text, { name: 'pages.txt' }, (articles: Article[]) => {
    for (const a of articles) {
      parts.push(articleJson(a, pretty));
      jsonl += JSON.stringify({ source: 'pages.txt', ...a }) + '\n';
    }
  });
  if (!result) throw new Error('not paged');
  const frame = jsonFrame(result.shell, result.articles, pretty);
  return { json: frame.head + parts.join(frame.separator) + frame.tail, jsonl, count: result.articles };
}

describe('page-by-page parsing of form-feed text', () => {
  it.each(inputs)('%s: JSON, pretty JSON and JSON Lines byte-identical to parse()', (_name, text) => {
    const doc = parse(text, { name: 'pages.txt' });
    expect(doc.articles.length).toBeGreaterThan(0);
    for (const pretty of [false, true]) {
      const s = streamed(text, pretty);
      expect(s.count).toBe(doc.articles.length);
      expect(s.json).toBe(formatJson(doc, { pretty }));
      if (!pretty) expect(s.jsonl).toBe(formatJsonl(doc));
    }
  });

  it('numbers articles across pages, furniture included', () => {
    const text = [seed, seed].join('\n\f\n');
    const doc = parse(text, { name: 'pages.txt' });
    const refs = doc.furniture.map((f) => f.article).filter((a) => a !== null);
    expect(new Set(refs).size).toBeGreaterThan(3);
    expect(streamed(text, false).json).toBe(formatJson(doc));
  });

  it('leaves other input to parse()', () => {
    expect(pagedInput(seed, { name: 'page.txt' })).toBeNull();
    expect(pagedInput([seed, seed].join('\f'), { name: 'page.md' })).toBeNull();
    expect(pagedInput('<html><body><p>一\f二</p></body></html>', { name: 'page.html' })).toBeNull();
  });
});
