import { joinBrokenLines } from '../../src/frontends/line-breaks.js';
import { scanLines } from '../../src/frontends/text.js';
import { markdownBlocks } from '../../src/frontends/markdown.js';
import { parse, parseAsync } from '../../src/index.js';
import { accountFor } from '../helpers/accounting.js';

const blocksOf = (text: string) => joinBrokenLines(text, scanLines(text).blocks);
const texts = (text: string) => blocksOf(text).map((b) => b.text);

/** Paragraphs separated by blank lines, as most pasted pages have them. */
const paragraphs = [
  '第一条　为了规范测试活动，保障测试质量，制定本法。',
  '第二条　各级人民政府应当加强对测试工作的领导，将测试工作纳入国民经济和社会发展规划。',
  '第三条　测试机构应当依法开展测试活动，对测试结果负责。',
  '第四条　国务院测试主管部门负责全国的测试管理工作。县级以上地方人民政府测试主管部门负责本行政区域内的测试管理工作，其他有关部门在各自职责范围内负责有关的测试管理工作。',
  '第五条　任何单位和个人不得伪造测试结果。',
];

describe('paragraphs broken by a stray line feed', () => {
  it('joins a line that breaks off mid-sentence to the next where blank lines separate paragraphs', () => {
    const page = paragraphs.join('\n\n').replace('将测试工作纳入', '将测试工作\n纳入');
    expect(texts(page)).toEqual(paragraphs);
  });

  it('keeps every character at its place in the input', () => {
    const page = paragraphs.join('\n\n').replace('将测试工作纳入', '将测试工作\n纳入');
    const [, joined] = blocksOf(page);
    const fromSource = joined.segments.map((s) => page.slice(s.start, s.end)).join('');
    expect(fromSource).toBe(joined.text);
    const doc = parse(page, { name: 'p.txt' });
    expect(doc.articles.map((a) => a.text)).toEqual([paragraphs.join('\n')]);
    expect(accountFor(page, doc).ok).toBe(true);
  });

  it('leaves a page that runs its paragraphs line after line as it is', () => {
    const page = paragraphs.join('\n').replace('将测试工作纳入', '将测试工作\n纳入');
    expect(texts(page)).toHaveLength(paragraphs.length + 1);
  });

  it('joins nothing to a finished sentence, a headline, a numbered line or a date', () => {
    const lines = [
      ...paragraphs,
      '国务院关于加强测试工作的通知\n各省、自治区、直辖市人民政府：',
      '各地要加强测试工作，\n（一）健全测试体系。',
      '测试办公室，测试中心\n2019年1月12日',
      '各地要加强测试工作。\n各部门要加强测试工作。',
    ];
    expect(texts(lines.join('\n\n'))).toEqual(lines.flatMap((l) => l.split('\n')));
  });

  it('joins no table rows', () => {
    const page = [...paragraphs, '具体指标\t发展目标\n新建工会组织数\t到“十四五”末，新建60万个以上。'].join('\n\n');
    expect(texts(page)).toHaveLength(paragraphs.length + 2);
  });

  it('does the same in Markdown', async () => {
    const page = ['## 中华人民共和国测试法', ...paragraphs].join('\n\n').replace('将测试工作纳入', '将测试工作\n纳入');
    const doc = parse(page, { name: 'p.md' });
    expect(doc.articles[0].text).toBe(paragraphs.join('\n'));
    // where remark is not loaded yet (a synchronous parse under jest), the page is read
    // line by line, and the same
    const fallback = markdownBlocks(page.replace('保障测试质量', '保障**测试**质量'));
    expect(fallback.diagnostics.map((d) => d.code)).toContain('markdown-parser-unavailable');
    expect(fallback.blocks.map((b) => b.text)).toContain(paragraphs[1]);
    // (emphasis: the page goes through remark, whose soft line break ends a block too)
    const emphasised = await parseAsync(page.replace('保障测试质量', '保障**测试**质量'), { name: 'p.md' });
    expect(emphasised.articles[0].text).toBe(paragraphs.join('\n'));
    expect(emphasised.markup?.map((m) => m.text)).toEqual(['##', '**', '**']);
  });
});
