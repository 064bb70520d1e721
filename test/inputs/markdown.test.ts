import { readFileSync } from 'node:fs';
import { loadMarkdownParser, markdownBlocks, needsMarkdownParser } from '../../src/frontends/markdown.js';
import { scanLines } from '../../src/frontends/text.js';
import { parseAsync } from '../../src/index.js';
import type { Block } from '../../src/types.js';

const seed = readFileSync(new URL('../../fixtures/seed-page.txt', import.meta.url), 'utf8');

function expectExactSegments(source: string, blocks: Block[]): void {
  for (const b of blocks) {
    for (const s of b.segments) expect(b.text.slice(s.from, s.from + (s.end - s.start))).toBe(source.slice(s.start, s.end));
  }
}

const view = (blocks: Block[]) => blocks.map((b) => (b.cells ? { text: b.text, heading: b.heading, cells: b.cells } : { text: b.text, heading: b.heading }));

beforeAll(async () => {
  await loadMarkdownParser();
});

describe('Markdown front-end', () => {
  it('reads an ATX-heading page the same through remark as through the line scanner', () => {
    expect(needsMarkdownParser(seed)).toBe(false);
    expect(markdownBlocks(seed, { force: true }).blocks).toEqual(scanLines(seed).blocks);
  });

  it('squeezes OCR spaces out of headings on both paths', () => {
    const md = '## 推动 新 发 展 工 会 工作\n\n正文第一段。\n';
    expect(markdownBlocks(md).blocks).toEqual(markdownBlocks(md, { force: true }).blocks);
    expect(markdownBlocks(md).blocks[0].text).toBe('推动新发展工会工作');
    expectExactSegments(md, markdownBlocks(md).blocks);
  });

  it('keeps one paragraph per line on a page without blank lines, on both paths', () => {
    const dense = seed.replace(/\n\s*\n/g, '\n');
    expect(markdownBlocks(dense, { force: true }).blocks).toEqual(scanLines(dense).blocks);
  });

  it('agrees with the line scanner on CRLF and indented lines', () => {
    const crlf = seed.replace(/\n/g, '\r\n').replace(/^(\(|（)/gm, '\u3000\u3000$1');
    const viaRemark = markdownBlocks(crlf, { force: true }).blocks;
    expect(view(viaRemark)).toEqual(view(scanLines(crlf).blocks));
    expectExactSegments(crlf, viaRemark);
  });

  it.each([
    ['- 项目一', true],
    ['1. 总则', true],
    ['这是**重点**任务', true],
    ['详见[附件](a.pdf)', true],
    ['> 引文', true],
    ['| 指标 | 数值 |\n|---|---|\n| 一 | 二 |', true],
    ['## 一、总体要求\n\n（一）指导思想。', false],
    ['1.拓展两个市场。积极稳妥地推广试点。', false],
    ['——以人民为中心。', false],
  ])('%j needs the Markdown parser: %s', (text, expected) => {
    expect(needsMarkdownParser(text)).toBe(expected);
  });

  it('reads emphasis, links, escapes and quotes as markup, with exact segments', () => {
    const md = '# 关于推进 新 发 展 工 会 的意见\n\n这是**重点**任务，详见[附件一](a.pdf)。\n\\*不是强调\\*，R&amp;D 投入\n\n> 引用的一段话。\n';
    const { blocks } = markdownBlocks(md);
    expect(view(blocks)).toEqual([
      { text: '关于推进新发展工会的意见', heading: 1 },
      { text: '这是重点任务，详见附件一。', heading: 0 },
      { text: '*不是强调*，R&D 投入', heading: 0 },
      { text: '引用的一段话。', heading: 0 },
    ]);
    expectExactSegments(md, blocks);
  });

  it('keeps the numbers of ordered lists and drops bullets', () => {
    const md = '## 第一章 总则\n\n1. 为了规范管理，制定本办法。\n2. 本办法适用于全国。\n\n- 坚持问题导向\n- 坚持系统观念\n  继续的一行\n';
    const { blocks } = markdownBlocks(md);
    expect(view(blocks)).toEqual([
      { text: '第一章 总则', heading: 2 },
      { text: '1. 为了规范管理，制定本办法。', heading: 0 },
      { text: '2. 本办法适用于全国。', heading: 0 },
      { text: '坚持问题导向', heading: 0 },
      { text: '坚持系统观念', heading: 0 },
      { text: '继续的一行', heading: 0 },
    ]);
    expectExactSegments(md, blocks);
  });

  it('turns a pipe table into rows with cells', () => {
    const md = '主要指标如下：\n\n| 指标 | 2025 年目标 |\n| :--- | ---: |\n| 新 组 建 基 层 工 会 | 60万个 |\n| 会员数 | 4000万 |\n\n以上指标均为预期性。\n';
    const { blocks } = markdownBlocks(md);
    expect(view(blocks)).toEqual([
      { text: '主要指标如下：', heading: 0 },
      { text: '指标 | 2025 年目标', heading: 0, cells: ['指标', '2025 年目标'] },
      { text: '新组建基层工会 | 60万个', heading: 0, cells: ['新组建基层工会', '60万个'] },
      { text: '会员数 | 4000万', heading: 0, cells: ['会员数', '4000万'] },
      { text: '以上指标均为预期性。', heading: 0 },
    ]);
    expectExactSegments(md, blocks);
  });

  it('hands on everything it read as syntax as markup, exactly what no block holds', () => {
    const md = '> 引文**第一段**。\n\n- 列表\\*项\n\n[链接](http://x.cn "t") R&amp;D\n\n---\n\n## 标题\n';
    const stream = markdownBlocks(md);
    expect(view(stream.blocks)).toEqual([
      { text: '引文第一段。', heading: 0 },
      { text: '列表*项', heading: 0 },
      { text: '链接 R&D', heading: 0 },
      { text: '标题', heading: 2 },
    ]);
    expect(stream.markup?.map((r) => md.slice(r.start, r.end))).toEqual(['>', '**', '**', '-', '\\', '[', '](http://x.cn "t")', '&amp;', '---', '##']);
    expectExactSegments(md, stream.blocks);
  });

  it('takes the characters of blocks from the input: a NUL stays a NUL, an entity gives its character', () => {
    const md = '- 项\n\n第一条\u0000正文&#x4e00;&nbsp;二\n';
    const { blocks, markup } = markdownBlocks(md);
    expect(blocks.map((b) => b.text)).toEqual(['项', '第一条\u0000正文一\u00a0二']);
    expect(markup?.map((r) => md.slice(r.start, r.end))).toEqual(['-', '&#x4e00;&nbsp;']);
    expectExactSegments(md, blocks);
  });

  it('keeps the number of an empty ordered list item', () => {
    for (const md of ['1.\t', '>\n1.', '- x\n\n2.\n\n3. 三']) {
      const texts = markdownBlocks(md).blocks.map((b) => b.text);
      expect(texts.join(' ')).toMatch(/^(x )?\d\./);
      expect(texts.filter((t) => /^\d\.$/.test(t))).toHaveLength(1);
    }
  });

  it('counts offsets from the start of a page that begins with a BOM (remark counts from after it)', () => {
    const md = '\ufeff**重点**任务\n\n- 项\n';
    const { blocks, markup } = markdownBlocks(md);
    expect(blocks.map((b) => b.text)).toEqual(['重点任务', '项']);
    expect(markup?.map((r) => md.slice(r.start, r.end))).toEqual(['**', '**', '-']);
    expectExactSegments(md, blocks);
  });

  it('gives the pipe between two table cells its place in the input; the outer pipes and the rule are markup', () => {
    const md = '| 指标 | 数值 |\n|---|---|\n| 一 | 二 |\n';
    const { blocks, markup } = markdownBlocks(md);
    expect(blocks.map((b) => b.text)).toEqual(['指标 | 数值', '一 | 二']);
    expectExactSegments(md, blocks);
    expect(blocks[1].segments.map((seg) => md.slice(seg.start, seg.end))).toEqual(['一', '|', '二']);
    expect(markup?.map((r) => md.slice(r.start, r.end))).toEqual(['|', '|', '|---|---|', '|', '|']);
  });

  it('puts the markup in the document, where it completes the accounting', async () => {
    const md = '## 关于做好春季农业生产工作的通知\n\n1. **抓好粮食生产**。\n- 加强[农资保供](x.html)。\n';
    const doc = await parseAsync(md, { name: 'notice.md' });
    expect(doc.markup?.map((m) => m.text)).toEqual(['##', '**', '**', '-', '[', '](x.html)']);
    expect(doc.markup?.[0].span).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 3, offset: 2 } });
    // a page the line scanner reads exactly has no markup
    expect((await parseAsync('## 标题\n\n正文。\n', { name: 'a.md' })).markup).toBeUndefined();
  });

  it('is used by parse() for Markdown pages', async () => {
    const md = '## 关于做好春季农业生产工作的通知\n\n各省、自治区、直辖市人民政府：\n\n1. **抓好粮食生产**。稳定播种面积。\n2. 加强[农资保供](x.html)。\n';
    const doc = await parseAsync(md, { name: 'notice.md' });
    expect(doc.source.format).toBe('markdown');
    const text = doc.articles.map((a) => a.text).join('\n');
    expect(text).toContain('1. 抓好粮食生产。稳定播种面积。');
    expect(text).toContain('2. 加强农资保供。');
    expect(text).not.toContain('**');
  });
});
