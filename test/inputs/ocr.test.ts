import { readFileSync } from 'node:fs';
import { scanLines } from '../../src/frontends/text.js';
import { looksHardWrapped, squeezeBlockSpaces, squeezeCjkSpaces, textBlocks, unwrapColumns } from '../../src/frontends/ocr.js';
import { markdownFrontEnd } from '../../src/frontends/markdown.js';
import { parse, parseAsync } from '../../src/index.js';
import { accountFor } from '../helpers/accounting.js';
import type { Block } from '../../src/types.js';

const read = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const seed = read('seed-page.txt');
const wrapped = read('seed-page.wrapped.txt');

/** What an OCR'd column looks like: each paragraph opened by two U+3000, cut every `width` characters, no blank lines. */
function hardWrap(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.replace(/^[ \t\u3000\u00a0\r]+|[ \t\u3000\u00a0\r]+$/g, '');
    if (!t) continue;
    const chars = [...('\u3000\u3000' + t)];
    for (let k = 0; k < chars.length; k += width) out.push(chars.slice(k, k + width).join(''));
  }
  return out.join('\n') + '\n';
}

/** A printed column cut by width, not characters: digits and Latin letters take half a Han character. */
function wrapBySetWidth(text: string, columns: number, separator = '\n'): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    let row = '';
    let half = 0;
    for (const ch of t) {
      const w = /[\x00-\xff]/.test(ch) ? 1 : 2;
      if (half + w > columns * 2) {
        out.push(row);
        row = '';
        half = 0;
      }
      row += ch;
      half += w;
    }
    out.push(row + separator.slice(1));
  }
  return out.join('\n') + '\n';
}

const squash = (s: string) => s.replace(/\s+/g, '');
const shape = (blocks: Block[]) => blocks.map((b) => `${b.heading} ${squash(b.text)}`);

function expectExactSegments(source: string, blocks: Block[]): void {
  for (const b of blocks) {
    for (const s of b.segments) expect(b.text.slice(s.from, s.from + (s.end - s.start))).toBe(source.slice(s.start, s.end));
  }
}

describe('hard-wrapped OCR columns', () => {
  it('the fixture is the seed page wrapped at 18 characters', () => {
    expect(wrapped).toBe(hardWrap(seed, 18));
  });

  it('are recognised, and ordinary pages are not', () => {
    expect(looksHardWrapped(wrapped)).toBe(true);
    expect(looksHardWrapped(hardWrap(seed, 24))).toBe(true);
    expect(looksHardWrapped(seed)).toBe(false);
    // a Markdown-looking page without blank lines has ragged lines
    expect(looksHardWrapped(seed.replace(/\n\s*\n/g, '\n'))).toBe(false);
  });

  it('are unwrapped into the same paragraphs as the original page', () => {
    const original = scanLines(seed).blocks;
    const unwrapped = unwrapColumns(wrapped).blocks;
    expect(shape(unwrapped)).toEqual(shape(original));
  });

  it.each([14, 22, 28])('also at %i characters a line', (width) => {
    expect(shape(unwrapColumns(hardWrap(seed, width)).blocks)).toEqual(shape(scanLines(seed).blocks));
  });

  it('count a character outside the BMP (a surrogate pair) as one, and skip a leading BOM', () => {
    // 𠀀 (U+20000, CJK Extension B) is two UTF-16 units: still one character of the column
    const astral = seed.replace(/工/g, '𠀀');
    const column = '\uFEFF' + hardWrap(astral, 18);
    expect(looksHardWrapped(column)).toBe(true);
    expect(shape(unwrapColumns(column).blocks)).toEqual(shape(scanLines(astral).blocks));
  });

  it('are recognised when cut by set width, with blank lines between paragraphs', () => {
    // 2025年底 is narrower than four Han characters on the page: such lines hold more characters.
    const column = wrapBySetWidth(seed, 20, '\n\n');
    expect(looksHardWrapped(column)).toBe(true);
    expect(shape(unwrapColumns(column).blocks)).toEqual(shape(scanLines(seed).blocks));
  });

  it('start a new paragraph at a numbered line after a finished sentence, even on a full line, but not at inline numbering (一是)', () => {
    const column = [
      '第一条　为了规范政府信息公开工作，保障公民',
      '依法获取政府信息，提高政府工作的透明度，制',
      '定本条例，并自公布之日起施行，特此公告执行。',
      '第二条　本条例所称政府信息，是指行政机关在',
      '履行行政管理职能过程中制作或者获取的信息。',
      '一是突出重点；二是强化监督，落实责任分工；',
      '三是健全机制。',
    ].join('\n');
    expect(unwrapColumns(column).blocks.map((b) => b.text.slice(0, 3))).toEqual(['第一条', '第二条']);
  });

  it('are judged page by page: a file may mix wrapped and unwrapped pages', () => {
    const mixed = seed + '\f' + wrapped + '\f' + seed;
    const blocks = textBlocks(mixed).blocks;
    const one = shape(scanLines(seed).blocks);
    expect(shape(blocks)).toEqual([...one, ...one, ...one]);
    expectExactSegments(mixed, blocks);
  });

  it('are judged page by page in a .md file too, as in a .txt file', () => {
    const mixed = seed + '\f' + wrapped + '\f' + seed;
    const blocks = markdownFrontEnd(mixed).blocks;
    expect(shape(blocks)).toEqual(shape(textBlocks(mixed).blocks));
    expectExactSegments(mixed, blocks);
    const asMarkdown = parse(mixed, { name: 'mixed.md' });
    const asText = parse(mixed, { name: 'mixed.txt' });
    expect(asMarkdown.articles).toEqual(asText.articles);
    // (a verdict for the whole file kept every wrapped line a paragraph: 3x the paragraphs)
    expect(asMarkdown.articles.flatMap((a) => a.text.split('\n'))).toHaveLength(3 * parse(seed, { name: 'seed.txt' }).articles.flatMap((a) => a.text.split('\n')).length);
  });

  it('leave the Markdown pages of a .md file Markdown, their markup placed in the file', async () => {
    const list = '# 通知\n\n- **第一项**：加强领导。\n- 第二项：[落实](https://example.org)责任。\n';
    const mixed = list + '\f' + wrapped + '\f' + list;
    const doc = await parseAsync(mixed, { name: 'mixed.md' });
    expect(doc.diagnostics.map((d) => d.code)).not.toContain('markdown-parser-unavailable');
    expect(doc.markup?.length).toBeGreaterThan(0);
    for (const m of doc.markup ?? []) expect(mixed.slice(m.span.start.offset, m.span.end.offset)).toBe(m.text);
    expect(doc.articles.flatMap((a) => a.text.split('\n'))).toContain('第二项：落实责任。');
    expect(accountFor(mixed, doc, { format: 'markdown' }).ok).toBe(true);
  });

  it('keep one exact segment per joined line', () => {
    const blocks = unwrapColumns(wrapped).blocks;
    expectExactSegments(wrapped, blocks);
    const joined = blocks.find((b) => b.segments.length > 3)!;
    expect(joined).toBeDefined();
    for (let k = 1; k < joined.segments.length; k++) expect(joined.segments[k].start).toBeGreaterThan(joined.segments[k - 1].end);
  });

  it('keep a tab that fell at the wrap (a cell separator)', () => {
    const row = unwrapColumns(wrapped).blocks.find((b) => b.text.startsWith('1.新发'))!;
    expect(row.text).toMatch(/^1\.新发 展 工 会 会 员 数\t到“十四五”末/);
    expectExactSegments(wrapped, [row]);
  });

  it('work with CRLF line ends', () => {
    const crlf = wrapped.replace(/\n/g, '\r\n');
    const blocks = unwrapColumns(crlf).blocks;
    expect(shape(blocks)).toEqual(shape(unwrapColumns(wrapped).blocks));
    expectExactSegments(crlf, blocks);
    expect(blocks.every((b) => !b.text.includes('\r'))).toBe(true);
  });

  it('give the same articles through parse() as the original page', () => {
    const a = parse(seed, { name: 'seed-page.txt' });
    const b = parse(wrapped, { name: 'seed-page.wrapped.txt' });
    expect(b.articles.map((x) => x.title)).toEqual(a.articles.map((x) => x.title));
    expect(b.articles.map((x) => squash(x.text))).toEqual(a.articles.map((x) => squash(x.text)));
  });

  it('leave a Markdown-looking page without blank lines at one paragraph per line', () => {
    const dense = seed.replace(/\n\s*\n/g, '\n');
    const doc = parse(dense, { name: 'dense.md' });
    const lines = dense.split('\n').filter((l) => l.trim() && !/^#/.test(l.trim()));
    const paragraphs = doc.articles.flatMap((a) => a.text.split('\n'));
    for (const line of lines.slice(0, 40)) {
      const body = squash(line);
      if (body.length > 30) expect(paragraphs.some((p) => squash(p).includes(body))).toBe(true);
    }
  });

  it('take U+3000, NBSP and full-width digits in their stride', () => {
    const column = [
      '\u3000\u3000到２０２５年，积极生育支持政策体系基本',
      '建立，服务管理制度基本完备，优生优育服',
      '务水平明显提高。',
      '\u00a0\u00a0（二）普惠托育服务体系加快建设，生育',
      '、养育、教育成本显著降低，生育水平适当',
      '提高，出生人口性别比趋于正常，人口结构',
      '逐步优化。',
      '\u3000\u3000（三）人口素质进一步提升。',
    ].join('\n');
    expect(looksHardWrapped(column)).toBe(true);
    const blocks = unwrapColumns(column).blocks;
    expect(blocks.map((b) => b.text)).toEqual([
      '到２０２５年，积极生育支持政策体系基本建立，服务管理制度基本完备，优生优育服务水平明显提高。',
      '（二）普惠托育服务体系加快建设，生育、养育、教育成本显著降低，生育水平适当提高，出生人口性别比趋于正常，人口结构逐步优化。',
      '（三）人口素质进一步提升。',
    ]);
    expectExactSegments(column, blocks);
  });
});

describe('squeezeCjkSpaces', () => {
  it.each([
    ['新发 展 工 会 会 员 数', '新发展工会会员数'],
    ['新 组 建 基 层 工 会 组 织 数', '新组建基层工会组织数'],
    ['推动新质 生产 力　加快发展', '推动新质生产力加快发展'],
    ['第一章 总则', '第一章 总则'],
    ['第十二条 为了规范 行 政', '第十二条 为了规范行政'],
    ['2025 年 底', '2025 年 底'],
    ['中国 China 合作', '中国 China 合作'],
    ['一个 空格', '一个 空格'],
  ])('%s -> %s', (input, output) => {
    expect(squeezeCjkSpaces(input)).toBe(output);
    expect(squeezeCjkSpaces(output)).toBe(output);
  });

  it('keeps a block\'s segments exact', () => {
    const source = '　　1.新 组 建 基 层 工 会\n';
    const block = scanLines(source).blocks[0];
    const squeezed = squeezeBlockSpaces(block);
    expect(squeezed.text).toBe('1.新组建基层工会');
    expectExactSegments(source, [squeezed]);
    expect(squeezed.segments).toHaveLength(7);
  });
});
