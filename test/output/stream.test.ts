// Plain text of many pages is written a page at a time by the CLI (src/stream.ts):
// the pieces must add up to exactly what parse() and the formatters give.
import { readFileSync } from 'node:fs';
import { parse } from '../../src/pipeline.js';
import { formatJson, formatJsonl } from '../../src/format/json.js';
import { articleText, pagedInput, parseInPages, parsePage, renumberText, writeArticle, type ArticleLayout } from '../../src/stream.js';
import { articleJson, jsonFrame } from '../../src/format/json.js';
import { runInParallel, runPageTask, type PageTask, type PageTaskResult, type PageWorkers } from '../../src/cli/pages.js';
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

async function streamed(text: string, pretty: boolean) {
  const parts: string[] = [];
  let jsonl = '';
  const result = await parseInPages(text, { name: 'pages.txt' }, (articles: Article[]) => {
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
  it.each(inputs)('%s: JSON, pretty JSON and JSON Lines byte-identical to parse()', async (_name, text) => {
    const doc = parse(text, { name: 'pages.txt' });
    expect(doc.articles.length).toBeGreaterThan(0);
    for (const pretty of [false, true]) {
      const s = await streamed(text, pretty);
      expect(s.count).toBe(doc.articles.length);
      expect(s.json).toBe(formatJson(doc, { pretty }));
      if (!pretty) expect(s.jsonl).toBe(formatJsonl(doc));
    }
  });

  it('numbers articles across pages, furniture included', async () => {
    const text = [seed, seed].join('\n\f\n');
    const doc = parse(text, { name: 'pages.txt' });
    const refs = doc.furniture.map((f) => f.article).filter((a) => a !== null);
    expect(new Set(refs).size).toBeGreaterThan(3);
    expect((await streamed(text, false)).json).toBe(formatJson(doc));
  });

  it('leaves other input to parse()', () => {
    expect(pagedInput(seed, { name: 'page.txt' })).toBeNull();
    expect(pagedInput([seed, seed].join('\f'), { name: 'page.md' })).toBeNull();
    expect(pagedInput('<html><body><p>一\f二</p></body></html>', { name: 'page.html' })).toBeNull();
  });
});

/**
 * Stands in for worker threads: answers page tasks late and out of order (the
 * structured clone a real worker's answer goes through included), and fails the
 * pages it is told to, as a worker that dies does.
 */
class ShuffledWorkers implements PageWorkers {
  readonly size = 2;
  readonly given: number[] = [];
  private readonly pending: Array<() => void> = [];

  constructor(private readonly failing: Set<number>) {}

  runPage(task: PageTask): Promise<PageTaskResult> {
    this.given.push(task.index);
    return new Promise((resolve) => {
      const answer = () =>
        resolve(this.failing.has(task.index) ? { index: task.index, ok: false, kind: 'internal', message: 'worker stopped' } : structuredClone(runPageTask(task)));
      // answered after later tasks whenever one is waiting
      this.pending.push(answer);
      setTimeout(() => this.pending.splice(this.pending.length > 1 ? 1 : 0, 1)[0]?.(), task.index % 3);
    });
  }
}

describe('pages parsed in several threads (the CLI with --jobs > 1)', () => {
  const text = inputs.map(([, t]) => t).join('\f');
  const layouts: ArticleLayout[] = [
    { lines: false, pretty: false, source: 'pages.txt' },
    { lines: false, pretty: true, source: 'pages.txt' },
    { lines: true, pretty: false, source: 'pages.txt' },
  ];

  it.each(layouts)('puts the pages together exactly as one thread does, whatever order the answers come in (%o)', async (layout) => {
    const alone: string[] = [];
    const one = await pagedInput(text, { name: 'pages.txt' })!.run((page) => void alone.push(...page.map((a) => writeArticle(a, layout))));
    expect(alone.length).toBeGreaterThan(20);
    for (const failing of [new Set<number>(), new Set([0, 3, 7])]) {
      const together: string[] = [];
      const workers = new ShuffledWorkers(failing);
      const several = await runInParallel(pagedInput(text, { name: 'pages.txt' })!, workers, layout, (page) => void together.push(...page));
      expect(workers.given.length).toBeGreaterThan(2);
      expect(together).toEqual(alone);
      expect(JSON.stringify(several)).toBe(JSON.stringify(one));
    }
  });

  it('a page parsed alone has the positions it has in the whole text', () => {
    const paged = pagedInput(text, { name: 'pages.txt' })!;
    const doc = parse(text, { name: 'pages.txt' });
    const spans = paged.pages.flatMap((_, k) => {
      const { text: page, base } = paged.page(k);
      return parsePage(page, base).articles.flatMap((a) => a.spans);
    });
    expect(spans).toEqual(doc.articles.flatMap((a) => a.spans));
    expect(paged.pages.length).toBe(text.split('\f').length);
  });
});

describe('an article written out before its number is known (articleText, renumberText)', () => {
  const article = parse(seed, { name: 'page.txt' }).articles[1];
  // names that hold what the id looks like, or characters JSON escapes
  const sources = ['page.txt', 'a2', '"id":"a2"', 'x\\"id\\":', '版面\n二'];

  it.each(sources)('gives, numbered on, what writing the renumbered article gives (source %j)', (source) => {
    for (const layout of [false, true].flatMap((lines) => [false, true].map((pretty) => ({ lines, pretty, source })))) {
      const written = articleText(article, layout);
      expect(written.text).toBe(writeArticle(article, layout));
      expect(renumberText(written, 0)).toBe(written.text);
      for (const offset of [1, 9, 123]) {
        const expected = writeArticle({ ...article, id: `a${Number(article.id.slice(1)) + offset}` }, layout);
        expect(renumberText(written, offset)).toBe(expected);
      }
    }
  });
});
