import { readFileSync } from 'node:fs';
import { decode } from '../../src/decode/index.js';
import { htmlBlocks, alignOffsets, flattenDeepNesting } from '../../src/frontends/html.js';
import { parse } from '../../src/index.js';
import type { Block } from '../../src/types.js';

const page = readFileSync(new URL('../../fixtures/html/epaper-br-table.html', import.meta.url));

/** Every segment of every block must copy its characters from the input. */
function expectExactSegments(source: string, blocks: Block[]): void {
  for (const b of blocks) {
    for (const s of b.segments) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(b.text.slice(s.from, s.from + (s.end - s.start))).toBe(source.slice(s.start, s.end));
    }
  }
}

describe('HTML front-end', () => {
  const { text } = decode(page);
  const stream = htmlBlocks(text);
  const texts = stream.blocks.map((b) => b.text);

  it('keeps the article and only it', () => {
    const all = texts.join('\n');
    for (const noise of ['首页', '本版其他文章', '全国春耕生产进度过三成', '不要把这段脚本', 'color: red', '版权所有', '京ICP备']) {
      expect(all).not.toContain(noise);
    }
    expect(all).toContain('科技创新是发展新质生产力的核心要素');
  });

  it('marks the headline as the title, kicker and subtitle as meta', () => {
    const heads = stream.blocks.filter((b) => b.role);
    expect(heads.map((b) => [b.role, b.text, b.heading])).toEqual([
      ['meta', '聚焦两会', 0],
      ['title', '推动新质生产力加快发展', 2],
      ['meta', '——代表委员热议高质量发展', 0],
    ]);
  });

  it('splits a <br>-separated body into paragraphs and unwraps source line breaks between CJK', () => {
    expect(texts).toContain('本报北京3月6日讯（记者 张三）今年政府工作报告提出，因地制宜发展新质生产力，加快建设现代化产业体系。');
    expect(texts).toContain('一、加快传统产业转型升级');
    expect(texts).toContain('推动制造业高端化、智能化、绿色化发展，实施设备更新和技术改造。');
    expect(texts.at(-1)).toBe('积极发展生物制造、商业航天、低空经济等新兴产业，详见相关报道。');
  });

  it('decodes entities without losing positions', () => {
    expect(texts.some((t) => t.includes('R&D投入持续增加'))).toBe(true);
  });

  it('turns a table into one block per row with cells, OCR spaces squeezed', () => {
    const rows = stream.blocks.filter((b) => b.cells);
    expect(rows.map((r) => r.cells)).toEqual([
      ['指标', '2024年', '增长'],
      ['研发经费投入', '3.6万亿元', '8.3%'],
      ['高技术制造业增加值', '——', '8.9%'],
    ]);
    // the rows sit between the paragraphs they came between
    const first = texts.indexOf(rows[0].text);
    expect(texts[first - 1]).toBe('推动制造业高端化、智能化、绿色化发展，实施设备更新和技术改造。');
    expect(texts[first + 3]).toBe('二、培育壮大新兴产业');
  });

  it('finds the page date and edition', () => {
    expect(stream.meta).toMatchObject({ date: '2025年03月07日', edition: '第 04 版' });
  });

  it('points every segment into the decoded HTML', () => {
    expectExactSegments(text, stream.blocks);
  });

  it('gives the document its title, date and edition through parse()', () => {
    const doc = parse(page, { name: 'epaper.html' });
    expect(doc.source).toMatchObject({ format: 'html', encoding: 'gb18030' });
    expect(doc.page).toMatchObject({ date: '2025年03月07日', edition: '第 04 版' });
    expect(doc.articles[0].title).toBe('推动新质生产力加快发展');
    for (const a of doc.articles) {
      for (const span of a.spans) expect(span.end.offset).toBeGreaterThanOrEqual(span.start.offset);
    }
  });

  it('finds several articles side by side', () => {
    const html = `<html><body><div id="nav"><a href="#">首页</a><a href="#">要闻</a></div><div id="page">
      <div class="a"><h2>第一篇文章的标题在这里</h2><p>第一篇文章的第一段正文，讲述了一件重要的事情，内容足够长。</p><p>第一篇文章的第二段正文，继续讲述这件事情的来龙去脉。</p></div>
      <div class="b"><h2>第二篇文章的标题也在这里</h2><p>第二篇文章的正文只有一段，但也有相当的长度，可以算作正文。</p></div>
      </div></body></html>`;
    const s = htmlBlocks(html);
    expect(s.blocks.filter((b) => b.role === 'title').map((b) => b.text)).toEqual(['第一篇文章的标题在这里', '第二篇文章的标题也在这里']);
    expect(s.blocks.map((b) => b.text).join('')).not.toContain('首页');
    expectExactSegments(html, s.blocks);
  });

  it('reads through layout tables and keeps data tables', () => {
    const html = `<table><tr><td width="200"><a href="#">首页</a><br><a href="#">往期</a></td><td>
      <table><tr><td><h1>关于做好春季农业生产工作的通知</h1><p>　　各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就做好春季农业生产工作通知如下。</p>
      <p>　　一、抓好粮食生产</p></td></tr></table></td></tr></table>`;
    const s = htmlBlocks(html);
    expect(s.blocks.map((b) => [b.text, b.role ?? null, Boolean(b.cells)])).toEqual([
      ['关于做好春季农业生产工作的通知', 'title', false],
      ['各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就做好春季农业生产工作通知如下。', null, false],
      ['一、抓好粮食生产', null, false],
    ]);
  });

  it('takes the line that repeats <title> for the headline when there is no headline element', () => {
    const html = `<html><head><title>关于加强安全生产的意见_人民政府网</title></head><body><div class="nav"><a href="#">首页</a></div>
      <div class="main"><div class="bt"><b>关于加强 安全生产的意见</b></div><div class="date">2024-01-05</div>
      <div class="content"><p>　　各省、自治区、直辖市人民政府：为加强安全生产工作，现提出以下意见。</p><p>　　一、总体要求</p></div></div></body></html>`;
    const s = htmlBlocks(html);
    expect(s.blocks.map((b) => [b.text, b.role ?? null])).toEqual([
      ['关于加强 安全生产的意见', 'title'],
      ['各省、自治区、直辖市人民政府：为加强安全生产工作，现提出以下意见。', null],
      ['一、总体要求', null],
    ]);
    expect(s.meta.date).toBe('2024-01-05');
    expectExactSegments(html, s.blocks);
  });

  it('falls back to <title> when the page has no headline element', () => {
    const s = htmlBlocks('<html><head><title>关于加强安全生产的意见 - 人民政府网</title></head><body><div><p>这是一段足够长的正文内容，用来让正文检测找到它。这是第二句话。</p></div></body></html>');
    expect(s.meta.title).toBe('关于加强安全生产的意见');
    expect(s.blocks).toHaveLength(1);
  });

  it('keeps all the text of a page without an article container, and says so', () => {
    const s = htmlBlocks('<html><body><nav><a href="#">首页</a></nav><p>(</p><div>第一条　正文</div></body></html>');
    expect(s.blocks.map((b) => b.text)).toEqual(['首页', '(', '第一条　正文']);
    expect(s.diagnostics.map((d) => d.code)).toEqual(['html-no-article']);
  });

  it('keeps the lines of <pre> text apart', () => {
    const html = '<div><h1>关于印发办法的通知</h1><pre>第一条　为了规范管理，制定本办法。\n第二条　本办法适用于全国。\n\n第三条　本办法自发布之日起施行。</pre></div>';
    const s = htmlBlocks(html);
    expect(s.blocks.map((b) => b.text)).toEqual(['关于印发办法的通知', '第一条　为了规范管理，制定本办法。', '第二条　本办法适用于全国。', '第三条　本办法自发布之日起施行。']);
    expectExactSegments(html, s.blocks);
  });

  it('survives 20,000 nested elements', () => {
    const html = '<div>'.repeat(20_000) + '<p>第一条　为了规范管理，制定本办法。</p>' + '</div>'.repeat(20_000);
    const s = htmlBlocks(html);
    expect(s.blocks.map((b) => b.text)).toEqual(['第一条　为了规范管理，制定本办法。']);
    expect(s.diagnostics.map((d) => d.code)).toEqual(['html-deep-nesting']);
  });

  it('reads containers nested past 256 levels as line breaks of the same length, so offsets stay', () => {
    const html = '<div class="a">'.repeat(300) + '<p>第一段。</p><section>第二段。</section>' + '</div>'.repeat(300) + '<p>其后。</p>';
    const flat = flattenDeepNesting(html);
    expect(flat.html).toHaveLength(html.length);
    // 44 <div>s and the <section> past the limit, and their end tags
    expect(flat.flattened).toBe(90);
    expect(flat.html.slice(256 * 15, 257 * 15)).toBe('<br' + ' '.repeat(11) + '>');
    expect(flat.html.match(/<div class="a">/g)).toHaveLength(256);
    expect(flat.html.match(/<\/div>/g)).toHaveLength(256);
    expect(flat.html).toContain('<p>第一段。</p><br     >第二段。<br      ><br  >');
    expect(htmlBlocks(html).blocks.map((b) => b.text)).toEqual(['第一段。', '第二段。', '其后。']);
    // pages of ordinary depth come back as they are
    expect(flattenDeepNesting(page.toString('latin1')).flattened).toBe(0);
    // tags in script bodies are not tags
    expect(flattenDeepNesting('<div>'.repeat(300) + '<script>"</div>".repeat(9)</script>' + '</div>'.repeat(300)).flattened).toBe(88);
  });

  it('sets aside the page text that is not the article: chrome as noise, hidden text in the article as unassigned', () => {
    const html =
      '<nav><a href="/">首页</a><a href="/yw">要闻</a></nav>' +
      '<div class="content"><p>各地区各部门要加强宣传倡导，推动工作落实。<span style="display:none">点击展开全文</span></p>' +
      '<p>第二段正文，也要足够长才算正文。</p><button>分享</button></div>' +
      '<ul style="display:none"><li>隐藏的菜单</li></ul><footer>版权所有</footer>';
    const s = htmlBlocks(html);
    expect(s.blocks.map((b) => b.text)).toEqual(['各地区各部门要加强宣传倡导，推动工作落实。', '第二段正文，也要足够长才算正文。']);
    const at = (r: { start: number; end: number }) => html.slice(r.start, r.end);
    expect(s.noise?.map((n) => [n.text, at(n)])).toEqual([
      ['首页要闻', '首页</a><a href="/yw">要闻'],
      ['分享', '分享'],
      ['隐藏的菜单', '隐藏的菜单'],
      ['版权所有', '版权所有'],
    ]);
    expect(s.unassigned?.map((u) => [u.text, at(u)])).toEqual([['点击展开全文', '点击展开全文']]);
    expect(s.diagnostics).toEqual([
      { severity: 'info', code: 'hidden-text', message: 'text of a hidden element set aside as unassigned: 点击展开全文', line: 1, column: html.indexOf('点击') + 1, offset: html.indexOf('点击') },
    ]);
  });

  it('puts the set-aside text in the document: noise furniture of no article, unassigned pieces', () => {
    const html = '<div style="display:none">促进</div><div><p>各地区各部门要加强宣传倡导。<b hidden>展开</b></p></div><div>(上接第</div>、';
    const doc = parse(html, { name: 'p.html' });
    expect(doc.articles.map((a) => a.text)).toEqual(['各地区各部门要加强宣传倡导。']);
    expect(doc.unassigned.map((u) => [u.text, u.span.start.offset])).toEqual([['展开', html.indexOf('展开')]]);
    expect(doc.furniture.map((f) => [f.kind, f.text, f.article])).toEqual([
      ['noise', '促进', null],
      ['noise', '(上接第\n、', null],
    ]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['hidden-text']);
  });

  it('reads a page of several articles as Markdown would: a section <h1> and a continuation heading are furniture', () => {
    const html = [
      '<html><head><title>版面</title></head><body><div class="page">',
      '<h1>经济</h1>',
      '<h3>(上接第2版)</h3>',
      '<p>（三）加强组织领导。各地区各部门要把思想和行动统一到党中央决策部署上来。</p>',
      '<h2>国务院关于促进综合保税区高水平开放高质量发展的若干意见</h2>',
      '<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>',
      '<p>综合保税区是开放型经济的重要平台，对发展对外贸易发挥着重要作用。</p>',
      '<h2>中华人民共和国合伙企业法</h2>',
      '<p>第一条　为了规范合伙企业的行为，保护合伙企业及其合伙人的合法权益，制定本法。</p>',
      '</div></body></html>',
    ].join('\n');
    const doc = parse(html, { name: 'page.html' });
    expect(doc.articles.map((a) => [a.title, a.continuedFrom?.page ?? null])).toEqual([
      // continued from page 2: its headline was printed there, not in the page's <title>
      [null, 2],
      ['国务院关于促进综合保税区高水平开放高质量发展的若干意见', null],
      ['中华人民共和国合伙企业法', null],
    ]);
    expect(doc.page.sections).toEqual(['经济']);
  });

  it('reads a numbered heading element as a section of the article, not a headline of its own', () => {
    const html = [
      '<div class="page">',
      '<h2>二、指导思想、主要原则和目标</h2>',
      '<p>（五）指导思想。坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。</p>',
      '<h2>中共中央国务院关于优化生育政策促进人口长期均衡发展的决定</h2>',
      '<p>一、充分认识优化生育政策的重大意义</p>',
      '<h2>二、指导思想、主要原则和目标</h2>',
      '<p>（一）指导思想。坚持以人民为中心，促进人口长期均衡发展。</p>',
      '</div>',
    ].join('\n');
    const doc = parse(html, { name: 'page.html' });
    expect(doc.articles.map((a) => a.title)).toEqual([null, '中共中央国务院关于优化生育政策促进人口长期均衡发展的决定']);
    expect(doc.articles[1].body.map((n) => n.marker)).toEqual(['一、', '二、']);
  });

  it('reads every column of a page set in columns, however short next to the longest', () => {
    const long = Array.from({ length: 12 }, (_, i) => `<p>第${'一二三四五六七八九十'[i % 10]}条　行政机关应当依法履行职责，加强监督检查，及时公开处理结果，接受社会监督。</p>`).join('');
    const html = [
      '<div class="nav"><a href="/">首页</a><a href="/b">上一版</a></div><div class="paper">',
      '<div class="col"><h3>(上接第1版)</h3><p>（八）促进体育竞赛与文化表演互动融合，创作开发体现中华文化的产品。</p></div>',
      `<div class="col"><h2>中华人民共和国测试法</h2>${long}</div>`,
      '<div class="aside">扫码关注</div>',
      '</div>',
    ].join('\n');
    const doc = parse(html, { name: 'cols.html' });
    expect(doc.articles.map((a) => [a.title, a.text.slice(0, 4)])).toEqual([
      [null, '（八）促'],
      ['中华人民共和国测试法', '第一条　'],
    ]);
    expect(doc.furniture.filter((f) => f.kind === 'noise').map((f) => f.text)).toEqual(['首页上一版', '扫码关注']);
  });

  it('keeps the caption of a data table', () => {
    const s = htmlBlocks('<div><table><caption>表1　主要指标</caption><tr><td>指标</td><td>数值</td></tr></table><p>以上指标均为预期性，各地要抓好落实。</p></div>');
    expect(s.blocks.map((b) => b.text)).toEqual(['表1　主要指标', '指标 | 数值', '以上指标均为预期性，各地要抓好落实。']);
  });
});

describe('alignOffsets', () => {
  it('maps characters around entities and CRLF', () => {
    const src = 'A&amp;B\r\nC&#x4e2d;D';
    const data = 'A&B\nC中D';
    expect(alignOffsets(src, 0, src.length, data)).toEqual([0, -1, 6, 8, 9, -1, 18]);
  });
});
