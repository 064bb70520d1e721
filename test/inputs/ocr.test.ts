import { readFileSync } from 'node:fs';
import { scanLines } from '../../src/frontends/text.js';
import { looksHardWrapped, squeezeBlockSpaces, squeezeCjkSpaces, squeezeLetterSpacing, textBlocks, unwrapColumns } from '../../src/frontends/ocr.js';
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

  describe('without indentation or blank lines, a headline the wrap ran on from the paragraph above', () => {
    // Only a short line ends a paragraph here: a cut fragment whose last line fills
    // the column (within two characters) takes the next line along.
    const body = [
      '第三十条　合伙人对合伙企业有关事项作出决议',
      '，按照合伙协议约定的表决办法办理。合伙协议',
      '未约定或者约定不明确的，实行合伙人一人一票',
    ];
    const title = ['国务院关于促进综合保税区高水平开放高质量发', '展的若干意见'];
    const after = ['各省、自治区、直辖市人民政府，国务院各部委', '、各直属机构：', '综合保税区是开放型经济的重要平台，对发展对', '外贸易发挥着重要作用。'];
    const texts = (lines: string[]) => unwrapColumns(lines.join('\n') + '\n').blocks.map((b) => b.text);

    it('is set apart as a paragraph of its own, every character still pointing into the input', () => {
      const column = [...body, ...title, ...after].join('\n') + '\n';
      const blocks = unwrapColumns(column).blocks;
      expect(blocks.map((b) => b.text)).toEqual([body.join(''), title.join(''), after.slice(0, 2).join(''), after.slice(2).join('')]);
      expectExactSegments(column, blocks);
      // and the page stage then sees two articles, the second under its title
      const doc = parse(column, { name: 'column.txt' });
      expect(doc.articles.map((a) => a.title)).toEqual([null, title.join('')]);
    });

    it('after a numbered heading too', () => {
      // (21 characters: within two of the column, so the wrap alone would run it on)
      const heading = '一、关于我国地震重点监视防御区的确定和调整';
      expect(texts([heading, ...title, ...after])[0]).toBe(heading);
      expect(texts([heading, ...title, ...after])[1]).toBe(title.join(''));
    });

    it('leaves a continuation marker or a dateline on a line of its own to the page stage', () => {
      for (const furniture of ['(上接第1版)', '（新华社北京7月20日电）', '人民日报　2019年7月21日　星期日　第4版']) {
        const blocks = texts([...body, furniture, ...after]);
        expect(blocks.slice(0, 2)).toEqual([body.join(''), furniture]);
      }
    });

    it('leaves the issuing body over a date to a line of its own, even after a sentence that filled the column', () => {
      const closing = ['各地、各部门要认真组织实施，切实抓好落实，确', '保各项任务落到实处，有关情况及时报送国务院。'];
      const signed = texts([...closing, '国务院办公厅', '2019年1月12日', ...after]);
      expect(signed.slice(0, 3)).toEqual([closing.join(''), '国务院办公厅', '2019年1月12日']);
      // without the date below it, the line is the paragraph's end
      expect(texts([...closing, '国务院办公厅', ...after])[0]).toBe(closing.join('') + '国务院办公厅');
    });

    it('is not cut inside itself: a title of two lines stays whole', () => {
      // 高质量发|展的若干意见 is a title shape too, but the whole paragraph already is one
      expect(texts([...title, ...after])[0]).toBe(title.join(''));
    });

    it('is not looked for in text that merely ends on a genre word', () => {
      // the run without sentence punctuation reaches back past 关于 further than an issuer
      const cut = ['各地区各部门和各级人民政府要认真贯彻落实党中', '央关于加强基层治理体系和治理能力现代化的意见'];
      expect(texts([...body.slice(0, 2), ...cut, ...after])[0]).toContain(body[1] + cut.join(''));
      // a word runs across the break: the wrap of one paragraph
      const law = ['第三十条　合伙人对合伙企业有关事项作出决议', '，按照合伙协议约定的办法办理，并报国务院批', '准后依照中华人民共和国合伙企业法'];
      expect(texts([...law, ...after])[0]).toBe(law.join(''));
    });
  });

  it('end a paragraph at a short line in a column set to an exact width, unless the next line shows a wrap that moved characters on', () => {
    const rows = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'gu'))!;
    // 20 characters to a line; the first paragraph's last line 18, ending a sentence
    const first = '各级行政机关应当加强组织领导，落实工作责任，结合实际制定具体办法，确保各项措施落实到位，定期开展检查并接受社会监督。';
    const second = '定期向社会公开工作进展情况和取得的成效，自觉接受群众的监督与评议，不断改进工作方法，切实提高服务质量。';
    expect(first.length % 20).toBe(18);
    const column = [...rows(first, 20), ...rows(second, 20)];
    expect(unwrapColumns(column.join('\n') + '\n').blocks.map((b) => b.text)).toEqual([first, second]);
    // A line short inside a sentence is a wrap that moved characters on, so that the
    // next line does not open on a comma: the next line shows it.
    const moved = [...column.slice(0, 3), second.slice(0, 18), second.slice(18, 38), second.slice(38)];
    expect(moved[4]).toMatch(/^.，/);
    expect(unwrapColumns(moved.join('\n') + '\n').blocks.map((b) => b.text)).toEqual([first, second]);
    // otherwise, in a column set to an exact width, a line a character short ends its paragraph
    const heading = '一、加强组织领导和统筹协调工作机制建设';
    expect(heading).toHaveLength(19);
    // (on a page long enough to show that its lines are all 20 characters but for paragraph ends)
    const more = [first, first, first, first];
    const ended = [...column.slice(0, 3), heading, ...column.slice(3), ...more.flatMap((p) => rows(p, 20))];
    expect(unwrapColumns(ended.join('\n') + '\n').blocks.map((b) => b.text)).toEqual([first, heading, second, ...more]);
    // a list mark two characters on (各省、) is no moved wrap
    const addressee = '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：';
    const addressed = [...column.slice(0, 3), heading, ...rows(addressee, 20), ...more.flatMap((p) => rows(p, 20))];
    expect(unwrapColumns(addressed.join('\n') + '\n').blocks.map((b) => b.text).slice(0, 3)).toEqual([first, heading, addressee]);
    // a ragged column (lines of 19 and 20 alike) keeps the tolerance: the heading runs on
    const ragged = ended.map((l, i) => (i > 5 && l.length === 20 && i % 2 === 0 ? l.slice(0, 19) + '\n' + l.slice(19) : l)).join('\n');
    expect(unwrapColumns(ragged + '\n').blocks.map((b) => b.text)[1]).toBe(heading + second);
  });

  it('are recognised in a wide column of short paragraphs: many lines at the width and none past it', () => {
    // a law's articles: most take a line or two of 30 characters, so half the lines are last lines
    const clauses = ['行政机关应当依法履行职责', '公民、法人和其他组织的合法权益受法律保护', '有关部门应当加强监督检查并及时公开处理结果', '违反本法规定的依法追究法律责任'];
    const articles = Array.from({ length: 24 }, (_, i) => `第${'一二三四五六七八九十'[i % 10]}条　${clauses.slice(0, [1, 1, 2, 4][i % 4]).join('，')}。`);
    const column = wrapBySetWidth(articles.join('\n'), 30);
    expect(looksHardWrapped(column)).toBe(true);
    expect(unwrapColumns(column).blocks.map((b) => b.text)).toEqual(articles);
  });

  it('leave a Markdown heading whole where the page left its headings whole (wider than the column)', () => {
    // Markdown wrapped by a formatter: paragraphs cut at 20, headings one line each
    const long = '## 国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业的指导意见';
    const fits = '## 国务院办公厅关于开展城镇小区配套幼儿园治理';
    const body = wrapBySetWidth(seed.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(0, 6).join('\n'), 20).split('\n').filter(Boolean);
    const page = [long, ...body.slice(0, 12), fits, ...body.slice(12)].join('\n') + '\n';
    const texts = unwrapColumns(page).blocks.map((b) => b.text);
    expect(texts).toContain(long.slice(3));
    expect(texts).toContain(fits.slice(3));
    // and where headings were cut with the rest of the page (none past the column), they run on
    expect(shape(unwrapColumns(wrapped).blocks)).toEqual(shape(scanLines(seed).blocks));
  });

  it('end a Markdown heading that fills the column before a line that ends a sentence or leads in', () => {
    // the heading is one character past the column, which a ragged column allows, yet
    // 各省…机构： is no part of a title
    const heading = '## 国务院办公厅关于开展城镇小区配套幼儿园';
    const addressee = '各省、自治区、直辖市人民政府，国务院各部委：';
    const body = wrapBySetWidth(seed.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(0, 6).join('\n'), 20).split('\n').filter(Boolean);
    const page = [heading, addressee, ...body].join('\n') + '\n';
    const blocks = unwrapColumns(page).blocks;
    expect(blocks.slice(0, 2).map((b) => [b.heading, b.text])).toEqual([[2, heading.slice(3)], [0, addressee]]);
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

describe('letter-spaced lines', () => {
  const block = (text: string) => scanLines(text).blocks[0];

  it.each([
    ['各 级 政 务 新 媒 体 按 照 主 管 主 办 原 则，接 受 指 导。', '各级政务新媒体按照主管主办原则，接受指导。'],
    // (the space after a spaced marker stays: the article's number is read off it)
    ['第 二 条 监 狱 是 国 家 的 刑 罚 执 行 机 关。', '第二条 监狱是国家的刑罚执行机关。'],
    ['1.新发 展 工 会 会 员 数', '1.新发展工会会员数'],
  ])('squeezes %s', (input, output) => {
    const squeezed = squeezeLetterSpacing(block(input));
    expect(squeezed.text).toBe(output);
    expectExactSegments(input, [squeezed]);
  });

  it.each([
    '出席会议的有：张三 李四 王五 赵六 孙七',
    '王　伟　李小明　张　三',
    '第一条　为了规范测试活动，制定本法。',
    '具体指标  发展目标  完成时间',
    '推动新质 生产 力加快发展，提高全要素生产率。',
  ])('leaves %s as it is', (input) => {
    const b = block(input);
    expect(squeezeLetterSpacing(b)).toBe(b);
  });

  it('lets the page stage see numbering and headlines through the spacing', () => {
    const page = [
      '国 务 院 关 于 加 强 测 试 工 作 的 通 知',
      '',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '',
      '一、总 体 要 求',
      '',
      '（一）指 导 思 想。坚 持 以 人 民 为 中 心 的 发 展 思 想。',
      '',
      '（二）基本原则。坚持问题导向。',
      '',
    ].join('\n');
    const doc = parse(page, { name: 'p.txt' });
    expect(doc.articles).toHaveLength(1);
    expect(doc.articles[0].title).toBe('国务院关于加强测试工作的通知');
    const [, section] = doc.articles[0].body;
    expect(section).toMatchObject({ marker: '一、', heading: '总体要求' });
    expect(section.children.map((c) => c.heading)).toEqual(['指导思想', '基本原则']);
    expect(accountFor(page, doc).ok).toBe(true);
  });
});
