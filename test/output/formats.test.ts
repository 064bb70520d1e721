import { formatJson, formatJsonl, formatJsonPieces } from '../../src/format/json.js';
import { parse } from '../../src/pipeline.js';
import { readFileSync } from 'node:fs';
import { formatMarkdown } from '../../src/format/markdown.js';
import { formatText } from '../../src/format/text.js';
import { formatTree } from '../../src/format/tree.js';
import type { Paint } from '../../src/format/paint.js';
import { schemaErrors } from '../../src/schema/index.js';
import { sampleDocument } from './sample.js';

describe('the sample document', () => {
  it('is itself schema-valid, so the formatters are tested on real shapes', () => {
    expect(schemaErrors(sampleDocument())).toEqual([]);
  });
});

describe('formatJson', () => {
  it('is compact by default and pretty on request, both ending in a newline', () => {
    const doc = sampleDocument();
    const compact = formatJson(doc);
    expect(compact.split('\n')).toHaveLength(2);
    expect(JSON.parse(compact)).toEqual(doc);
    const pretty = formatJson(doc, { pretty: true });
    expect(pretty).toContain('\n  "version": "1.0",\n');
    expect(JSON.parse(pretty)).toEqual(doc);
  });
});

describe('formatJsonPieces', () => {
  // The CLI writes JSON a piece at a time; joined, the pieces must be formatJson()
  // to the byte, whatever the document holds.
  const seed = parse(readFileSync('fixtures/seed-page.txt'), { name: 'seed-page.txt' });
  const empty = parse('', { name: 'empty.txt' });
  it.each([
    ['the sample', sampleDocument()],
    ['the seed page', seed],
    ['a document without articles', empty],
  ])('joined, are formatJson() of %s, compact and pretty', (_, doc) => {
    for (const pretty of [false, true]) {
      const pieces = [...formatJsonPieces(doc, { pretty })];
      expect(pieces.join('')).toBe(formatJson(doc, { pretty }));
      // a piece per article, and the frame around them
      expect(pieces.length).toBe(doc.articles.length + (doc.articles.length > 0 ? 2 : 1));
    }
    expect(seed.articles.length).toBeGreaterThan(1);
  });
});

describe('formatJsonl', () => {
  it('writes one article a line with its source name', () => {
    const lines = formatJsonl(sampleDocument()).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]);
    expect(first.source).toBe('sample.txt');
    expect(first.id).toBe('a1');
    expect(first.title).toBe('关于测试的通知');
  });
});

describe('formatText', () => {
  it('prints title and body of each article, a blank line between articles', () => {
    const out = formatText(sampleDocument());
    const [first, second] = out.split('\n\n');
    expect(first.split('\n')[0]).toBe('关于测试的通知');
    expect(first).toContain('（一）指导思想。坚持以人民为中心的发展思想。');
    expect(second).toBe('38.深化财务管理改革。健全管理体制。\n');
  });
});

describe('formatTree', () => {
  const tree = formatTree(sampleDocument());

  it('starts with the input and its facts', () => {
    expect(tree.split('\n')[0]).toBe('sample.txt  2 articles  section 综合新闻  1 warning');
  });

  it('shows title, dateline and continuation of each article', () => {
    expect(tree).toContain('a1  关于测试的通知');
    expect(tree).toMatch(/dateline +\(新华社北京7月20日电\)/);
    expect(tree).toMatch(/to +\(下转第3版\)/);
    expect(tree).toContain('a2  (untitled)');
    expect(tree).toMatch(/from +\(上接第1版\)/);
  });

  it('draws the numbered tree with markers, headings and previews', () => {
    const lines = tree.split('\n');
    expect(lines).toContain('    ├─ 一、 总体要求');
    expect(lines).toContain('    │  ├─ （一） 指导思想 坚持以人民为中心的发展思想。');
    expect(lines).toContain('    │  └─ （二） 主要目标');
    expect(lines).toContain('    │     ├─ 到2025年，服务体系基本建立。');
    expect(lines).toContain('    │     └─ —— 以改革为动力 深化改革，破除制约因素。');
    expect(lines).toContain('    ├─ 问： 规划如何落实？');
    expect(lines).toContain('    └─ table “十四五”时期指标 2 rows');
  });

  it('keeps a preview on one line of single spaces', () => {
    const doc = sampleDocument();
    doc.articles[0].body[1].text = '具体指标\t发展目标\n第二行';
    expect(formatTree(doc)).toContain('第三条 具体指标 发展目标…\n');
  });

  it('cuts long text to a preview', () => {
    const doc = sampleDocument();
    doc.articles[0].body[1].text = '甲'.repeat(40);
    expect(formatTree(doc, { previewLength: 5 })).toContain('第三条 甲甲甲甲甲…');
  });

  it('colours only through the paint it is given', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const paint: Paint = {
      title: tag('t'),
      marker: tag('m'),
      heading: tag('h'),
      dim: tag('d'),
      error: tag('e'),
      warning: tag('w'),
      info: tag('i'),
    };
    const painted = formatTree(sampleDocument(), { paint });
    expect(painted).toContain('<m>（一）</m> <h>指导思想</h> <d>坚持以人民为中心的发展思想。</d>');
    expect(painted).toContain('<t>关于测试的通知</t>');
    expect(tree).not.toMatch(/\u001b\[/);
  });
});

describe('formatMarkdown', () => {
  const md = formatMarkdown(sampleDocument());
  const blocks = md.trimEnd().split('\n\n');

  it('puts the page section first and each title as a level-2 heading', () => {
    expect(blocks[0]).toBe('# 综合新闻');
    expect(blocks[1]).toBe('## 关于测试的通知');
  });

  it('takes heading levels from the tree for nodes that are only a heading', () => {
    expect(blocks).toContain('### 一、总体要求');
    expect(blocks).toContain('#### （二）主要目标');
  });

  it('writes nodes with text as one paragraph, separators as in the source', () => {
    expect(blocks).toContain('（一）指导思想。坚持以人民为中心的发展思想。');
    expect(blocks).toContain('——以改革为动力。深化改革，破除制约因素。');
    expect(blocks).toContain('第三条　国家保障公民的合法权益。');
    expect(blocks).toContain('问：规划如何落实？');
    expect(blocks).toContain('答：一分部署，九分落实。');
  });

  it('writes tables as a caption and a pipe table, escaping pipes in cells', () => {
    expect(blocks).toContain('“十四五”时期指标');
    expect(blocks).toContain(
      ['| 具体指标 | 发展目标 |', '| --- | --- |', '| 1.新发展工会会员数 | 4000万 |', '| 2.a\\|b | 到2025年 |'].join('\n'),
    );
  });

  it('keeps dateline and continuations where the article had them', () => {
    const i = blocks.indexOf('(新华社北京7月20日电)');
    expect(i).toBeGreaterThan(blocks.indexOf('问：规划如何落实？'));
    expect(blocks[i + 1]).toBe('(下转第3版)');
    const from = blocks.indexOf('(上接第1版)');
    expect(blocks[from + 1]).toBe('38.深化财务管理改革。健全管理体制。');
  });

  it('keeps the children in reading order after their parent', () => {
    const order = ['### 一、总体要求', '（一）指导思想。坚持以人民为中心的发展思想。', '#### （二）主要目标', '到2025年，服务体系基本建立。'];
    expect(order.map((b) => blocks.indexOf(b))).toEqual([...order.map((b) => blocks.indexOf(b))].sort((a, b) => a - b));
  });

  it('escapes text that Markdown would read as syntax', () => {
    const doc = sampleDocument();
    doc.articles[1].body = [
      { ...doc.articles[1].body[0], marker: null, heading: null, number: null, type: 'paragraph', text: '# 不是标题' },
      { ...doc.articles[1].body[0], marker: null, heading: null, number: null, type: 'paragraph', text: '1. 不是列表' },
    ];
    const out = formatMarkdown(doc);
    expect(out).toContain('\n\\# 不是标题\n');
    expect(out).toContain('\n1\\. 不是列表\n');
  });

  it('starts a dateline-first article with its dateline', () => {
    const doc = sampleDocument();
    const a = doc.articles[1];
    a.dateline = { text: '新华社北京5月18日电', agency: '新华社', place: '北京', month: 5, day: 18, span: span0(40) };
    const out = formatMarkdown(doc);
    expect(out).toContain('(上接第1版)\n\n新华社北京5月18日电\u300038.深化财务管理改革。');
  });
});

function span0(line: number) {
  return { start: { line, column: 1, offset: 0 }, end: { line, column: 5, offset: 4 } };
}
