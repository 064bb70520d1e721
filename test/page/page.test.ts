import { readFileSync } from 'node:fs';
import { parse } from '../../src/index.js';
import { accountFor } from '../helpers/accounting.js';
import { continuationOf, datelineOf, folioOf, isByline, isCaptionOrPrompt, isEditorLine, isOrnament, leadingDateline } from '../../src/page/furniture.js';
import { seamWord } from '../../src/page/seams.js';
import { formatChineseNumeral } from '../../src/structure/numerals.js';

const seedText = readFileSync(new URL('../../fixtures/seed-page.txt', import.meta.url), 'utf8');

describe('furniture recognisers', () => {
  it('reads continuation markers in both directions', () => {
    expect(continuationOf('(上接第1版)')).toMatchObject({ page: 1, direction: 'from' });
    expect(continuationOf('（下转第十二版）')).toMatchObject({ page: 12, direction: 'to' });
    expect(continuationOf('上接第3版的内容')).toBeNull();
    expect(continuationOf('（紧接第1版）')).toMatchObject({ page: 1, direction: 'from' });
    expect(continuationOf('（续第2版）')).toMatchObject({ page: 2, direction: 'from' });
    expect(continuationOf('（转第8版）')).toMatchObject({ page: 8, direction: 'to' });
    expect(continuationOf('（接上版）')).toMatchObject({ page: null, direction: 'from' });
    expect(continuationOf('（转下页）')).toMatchObject({ page: null, direction: 'to' });
    expect(continuationOf('接上版面的要求')).toBeNull();
  });

  it('reads closing and leading datelines', () => {
    expect(datelineOf('(新华社北京7月20日电)')).toEqual({
      text: '(新华社北京7月20日电)', agency: '新华社', place: '北京', month: 7, day: 20,
    });
    expect(datelineOf('（本报西安5月7日电）')).toMatchObject({ agency: '本报', place: '西安', month: 5, day: 7 });
    const lead = leadingDateline('新华社北京5月18日电　近日，国务院印发通知。');
    expect(lead?.dateline).toMatchObject({ agency: '新华社', place: '北京', month: 5, day: 18 });
    expect('新华社北京5月18日电　近日，国务院印发通知。'.slice(lead!.length)).toBe('近日，国务院印发通知。');
  });

  it('reads datelines with a year or with the reporters inside the brackets', () => {
    expect(datelineOf('（新华社北京7月20日电 记者王希）')).toMatchObject({ agency: '新华社', place: '北京', month: 7, day: 20 });
    expect(datelineOf('（新华社北京7月20日电　记者　王希、张三）')?.text).toBe('（新华社北京7月20日电　记者　王希、张三）');
    expect(leadingDateline('新华社北京2024年7月20日电　近日，国务院印发通知。')?.dateline).toMatchObject({ month: 7, day: 20 });
  });

  it('reads bylines of any paper or agency', () => {
    expect(isByline('人民日报记者 张三')).toBe(true);
    expect(isByline('（经济日报记者 李四、王五）')).toBe(true);
    expect(isByline('记者要深入基层调查研究，了解情况。')).toBe(false);
  });

  it('reads the page credit lines, one role or several, not a paragraph that opens on one', () => {
    for (const line of ['责任编辑：李四', '（责任编辑：张三）', '本版责编：王五　美编：赵六', '版式设计：孙七', '责任编辑：张三、李四　校对：王五', '编辑：张三 李四']) {
      expect(isEditorLine(line)).toBe(true);
    }
    expect(isEditorLine('编辑：为了加强管理，制定本办法。')).toBe(false);
    expect(isEditorLine('设计单位应当对设计质量负责')).toBe(false);
  });

  it('sets a credit line between paragraphs aside, not into an article', () => {
    const page = ['## 中华人民共和国测试法', '', '第一条　为了规范测试活动，制定本法。', '', '本版责编：王五　美编：赵六', '', '第二条　本法适用于测试活动。', ''].join('\n');
    const doc = parse(page, { name: 'p.md' });
    expect(doc.articles.map((a) => a.text)).toEqual(['第一条　为了规范测试活动，制定本法。\n第二条　本法适用于测试活动。']);
    expect(doc.furniture.find((f) => f.kind === 'editor')?.text).toBe('本版责编：王五　美编：赵六');
  });

  it('reads photo credits as credit lines, not as bylines', () => {
    for (const line of ['（新华社记者 李四 摄）', '本报记者　张三摄', '（资料图片）', '新华社发', '（王五 绘）']) {
      expect(isEditorLine(line)).toBe(true);
    }
    expect(isEditorLine('本报记者 张三')).toBe(false);
    expect(isEditorLine('记者在现场拍摄。')).toBe(false);
    expect(isEditorLine('严禁在考场内拍摄')).toBe(false);
    expect(isEditorLine('乡村振兴新画卷正在描绘')).toBe(false);
  });

  it('reads photo captions and reader prompts as furniture of no article', () => {
    for (const line of ['图为工人在生产线上作业。', '上图：新建成的大桥。', '图①：会议现场。', '▲ 施工现场', '扫码阅读全文', '点击阅读原文']) {
      expect(isCaptionOrPrompt(line)).toBe(true);
    }
    for (const line of ['图书馆应当向公众开放。', '扫黑除恶专项斗争取得阶段性成效，要持续推进。', '点']) {
      expect(isCaptionOrPrompt(line)).toBe(false);
    }
    const page = ['## 中华人民共和国测试法', '', '第一条　为了规范测试活动，制定本法。', '', '图为测试人员在实验室工作。', '', '第二条　本法适用于测试活动。', '', '扫码阅读全文', ''].join('\n');
    const doc = parse(page, { name: 'p.md' });
    expect(doc.articles.map((a) => a.text)).toEqual(['第一条　为了规范测试活动，制定本法。\n第二条　本法适用于测试活动。']);
    expect(doc.furniture.filter((f) => f.kind === 'noise').map((f) => [f.text, f.article])).toEqual([
      ['图为测试人员在实验室工作。', null],
      ['扫码阅读全文', null],
    ]);
  });

  it('reads end marks, picture notes and ornaments as furniture, not lone punctuation', () => {
    for (const line of ['（完）', '(全文完)', '分享到：', '更多内容请见客户端']) expect(isCaptionOrPrompt(line)).toBe(true);
    expect(isEditorLine('（本版图片均为资料图片）')).toBe(true);
    expect(isEditorLine('（图片来源：新华社）')).toBe(true);
    for (const line of ['◆', '＊　　＊　　＊', '——', '※※※']) expect(isOrnament(line)).toBe(true);
    for (const line of ['。', '”。', '）', '2019', '完']) expect(isOrnament(line)).toBe(false);
    const page = ['## 中华人民共和国测试法', '', '第一条　为了规范测试活动，制定本法。', '', '◆', '', '第二条　本法适用于测试活动。', '', '（完）', ''].join('\n');
    const doc = parse(page, { name: 'p.md' });
    expect(doc.articles.map((a) => a.text)).toEqual(['第一条　为了规范测试活动，制定本法。\n第二条　本法适用于测试活动。']);
    expect(doc.furniture.map((f) => [f.kind, f.text])).toContainEqual(['noise', '◆']);
    expect(doc.furniture.map((f) => [f.kind, f.text])).toContainEqual(['noise', '（完）']);
  });

  /**
   * Two articles that both could take （二）, and `line` between the second one's
   * （一） and the （二）: only the paragraph above tells where （二） goes.
   */
  const aroundLine = (line: string) =>
    parse(
      [
        '## 甲市关于推进测试工作的通知', '',
        '（一）建立测试制度。各单位要建立测试制度。', '',
        '## 乙省关于加强检验工作的意见', '',
        '（一）健全检验体系。各地要健全检验体系。', '',
        line, '',
        '（二）完善工作机制。要完善工作机制。', '',
      ].join('\n'),
      { name: 'p.md' },
    );
  const secondKeepsItsItem = [
    '（一）建立测试制度。各单位要建立测试制度。',
    '（一）健全检验体系。各地要健全检验体系。\n（二）完善工作机制。要完善工作机制。',
  ];

  it('gives a byline in brackets to the article above it, without breaking the column', () => {
    const doc = aroundLine('（记者 张三）');
    expect(doc.articles.map((a) => a.text)).toEqual(secondKeepsItsItem);
    expect(doc.articles[1].byline).toBe('（记者 张三）');
    // unbracketed, under a headline, it opens the article below as before
    const lead = parse(['## 甲市关于推进测试工作的通知', '', '本报记者 李四', '', '各单位要建立测试制度。', ''].join('\n'), { name: 'p.md' });
    expect(lead.articles[0].byline).toBe('本报记者 李四');
  });

  it('keeps a paragraph after a credit line with the article above it', () => {
    const doc = aroundLine('本版责编：王五　美编：赵六');
    expect(doc.articles.map((a) => a.text)).toEqual(secondKeepsItsItem);
    expect(doc.furniture.find((f) => f.kind === 'editor')).toMatchObject({ text: '本版责编：王五　美编：赵六', article: 'a2' });
  });

  it('joins a sentence cut across a credit line', () => {
    const page = ['## 中华人民共和国测试法', '', '第一条　为了规范测试活动，保障测试', '', '本版责编：王五　美编：赵六', '', '质量，制定本法。', ''].join('\n');
    const doc = parse(page, { name: 'p.md' });
    expect(doc.articles.map((a) => a.text)).toEqual(['第一条　为了规范测试活动，保障测试质量，制定本法。']);
  });

  it('reads a short bare line over a headline as a section name only when it is whole', () => {
    const page = [
      '## 中华人民共和国测试法', '',
      '第一条　为了规范测试活动，制定本法。', '',
      '第二条　法律规定以', '',
      '综合新闻', '',
      '## 国务院关于加强检验工作的意见', '',
      '各地要健全检验体系。', '',
      '外的单位不得开展测试。', '',
    ].join('\n');
    const doc = parse(page, { name: 'p.md' });
    expect(doc.page.sections).toEqual(['综合新闻']);
    const cut = parse(page.replace('第二条　法律规定以\n\n综合新闻', '法律规定以'), { name: 'p.md' });
    expect(cut.page.sections ?? []).toEqual([]);
    expect(cut.articles[0].text).toContain('法律规定以外的单位不得开展测试。');
  });

  it('reads a running head or foot of the printed page, not a sign-off date', () => {
    expect(folioOf('人民日报　2019年7月21日　星期日　第4版')).toEqual({ date: '2019年7月21日', edition: '第4版' });
    expect(folioOf('第 4 版')).toEqual({ date: null, edition: '第 4 版' });
    expect(folioOf('- 3 -')).toEqual({ date: null, edition: null });
    expect(folioOf('2019年1月12日')).toBeNull();
    expect(folioOf('2019年1月12日，国务院常务会议审议通过。')).toBeNull();
  });

  it('finds words formed across a cut', () => {
    expect(seamWord('加强宣传倡', '导,促进相关')?.word).toBe('倡导');
    expect(seamWord('大力开展普惠性服务工', '五是突出')).toBeNull();
  });
});

describe('the seed page', () => {
  const doc = parse(seedText, { name: 'seed-page.txt' });

  it('splits it into its three articles with their furniture', () => {
    expect(doc.articles.map((a) => a.title)).toEqual([
      '中共中央国务院关于优化生育政策促进人口长期均衡发展的决定',
      '推动“十四五”时期工会工作高质量发展',
      null,
    ]);
    expect(doc.articles.map((a) => a.dateline?.text ?? null)).toEqual(['(新华社北京7月20日电)', '(本报北京7月20日电)', null]);
    expect(doc.articles.map((a) => a.continuedFrom?.page ?? null)).toEqual([null, 1, 3]);
    expect(doc.page.section).toBe('综合新闻');
  });

  it('re-joins words cut across columns', () => {
    const [decision, interview, plan] = doc.articles.map((a) => a.text);
    expect(decision).toContain('加强宣传倡导,促进相关惠民政策');
    expect(decision).toContain('价格可接受、质量有保障的托育服务机构');
    expect(interview).toContain('创新发展的政治能力、战略眼光');
    expect(plan).toContain('牢固树立政治机关意识,推进模范机关建设');
  });

  it('keeps a truncated paragraph apart and says so', () => {
    const interview = doc.articles[1].text.split('\n');
    expect(interview.some((l) => l.endsWith('大力开展普惠性服务工'))).toBe(true);
    expect(doc.diagnostics.some((d) => d.code === 'truncated-paragraph')).toBe(true);
  });

  it('accounts for every input character exactly once', () => {
    const result = accountFor(seedText, doc, { format: 'markdown' });
    expect(result.summary).toBe('');
    expect(result.ok).toBe(true);
  });

  it('points article spans back into the input', () => {
    for (const a of doc.articles) {
      const fromSpans = a.spans.map((s) => seedText.slice(s.start.offset, s.end.offset)).join('');
      expect(fromSpans).toBe(a.text.replace(/\n/g, ''));
    }
  });
});

describe('the seed page as plain text (no Markdown marks)', () => {
  const plain = seedText.replace(/^#+ /gm, '');
  const doc = parse(plain, { name: 'seed-page.txt' });

  it('still finds both headlines, and no table caption is taken for one', () => {
    expect(doc.articles.map((a) => a.title)).toEqual([
      '中共中央国务院关于优化生育政策促进人口长期均衡发展的决定',
      '推动“十四五”时期工会工作高质量发展',
      null,
    ]);
    expect(doc.articles[2].text).toContain('“十四五”时期工会“组织建设”指标');
    expect(accountFor(plain, doc).ok).toBe(true);
  });
});

describe('interleaved pages', () => {
  // Two small documents, cut mid-word and interleaved column by column.
  const page = [
    '## 关于加强城市绿化工作的通知',
    '一、总体要求',
    '（一）指导思想。坚持绿色发展理念，统筹推进城市公园、绿道和社区绿地建设，提高城市生态',
    '## 中华人民共和国河道保护条例',
    '第一条 为了加强河道管理，保障防洪安全，发挥江河湖泊的综合效益，根据有关法律，制定本条',
    '系统质量，改善人居环境。',
    '（二）主要目标。到2025年，城市建成区绿地率达到40%以上。',
    '例。',
    '第二条 在中华人民共和国领域内的河道，适用本条例。',
    '(新华社北京3月2日电)',
  ].join('\n\n');
  const doc = parse(page, { name: 'page.md' });

  it('finds both articles and re-joins their cut sentences', () => {
    expect(doc.articles).toHaveLength(2);
    const [green, river] = doc.articles;
    expect(green.title).toBe('关于加强城市绿化工作的通知');
    expect(green.text).toContain('提高城市生态系统质量，改善人居环境。');
    expect(river.title).toBe('中华人民共和国河道保护条例');
    expect(river.text).toContain('制定本条例。');
    expect(river.text).toContain('第二条');
    expect(river.dateline).toMatchObject({ agency: '新华社', place: '北京', month: 3, day: 2 });
  });

  it('gives a paragraph that opens a new column to the article whose words it shares, not to its neighbour', () => {
    const [waste, schools] = parse(
      [
        '## 关于开展无废城市建设试点的通知',
        '统筹城市发展与固体废物管理，优化产业结构布局，推动固体废物源头减量和资源化利用。',
        '强化固体废物污染防治，提升固体废物综合利用水平。',
        '## 关于深化职业教育改革的实施方案',
        '职业教育与普通教育是两种不同教育类型，具有同等重要地位。',
        '要深化职业院校办学体制改革，推进产教融合、校企合作。',
        '大力推进工业固体废物资源化利用，加强固体废物全过程监管，减少固体废物填埋量。',
      ].join('\n\n'),
      { name: 'page.md' },
    ).articles;
    expect(waste.text.split('\n')).toHaveLength(3);
    expect(waste.text).toContain('减少固体废物填埋量。');
    expect(schools.text).not.toContain('固体废物');
  });

  it('keeps an article open to its sequel after two hundred paragraphs of another', () => {
    const other = Array.from({ length: 200 }, (_, i) => `第${formatChineseNumeral(i + 1)}条 著作权人享有发表权、署名权和修改权，依法行使第${formatChineseNumeral(i + 1)}项权利。`);
    const [prisons, copyright] = parse(
      [
        '## 中华人民共和国监狱法',
        '第一条 为了正确执行刑罚，惩罚和改造罪犯，预防和减少犯罪，制定本法。',
        '第二条 监狱是国家的刑罚执行机关。',
        '## 中华人民共和国著作权法',
        ...other,
        '第三条 监狱对罪犯实行惩罚和改造相结合、教育和劳动相结合的原则。',
      ].join('\n\n'),
      { name: 'page.md' },
    ).articles;
    expect(prisons.text).toContain('第三条 监狱对罪犯实行惩罚和改造相结合');
    expect(copyright.text).not.toContain('监狱');
  });

  it('gives the list that starts at 1 to the article whose lead-in announced it', () => {
    // the lead-in of one document, then a column of the other, then the list
    const [jobs, guarantees] = parse(
      [
        '## 国务院关于做好当前和今后一个时期促进就业工作的若干意见',
        '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
        '就业是最大的民生。为做好当前和今后一个时期促进就业工作，现提出以下意见：',
        '## 国务院办公厅关于有效发挥政府性融资担保基金作用的指导意见',
        '七、加强组织领导',
        '（二十三）防止风险转嫁。政府性融资担保机构不得向银行业金融机构转嫁风险。',
        '一、支持企业稳定发展',
        '（一）加大稳岗支持力度。对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费。',
      ].join('\n\n'),
      { name: 'page.md' },
    ).articles;
    expect(jobs.text).toContain('一、支持企业稳定发展');
    expect(guarantees.text).not.toContain('稳岗');
  });

  it('gives no article the column after the clause that puts it in force', () => {
    const [plan, law] = parse(
      [
        '## 国务院关于促进综合保税区高水平开放高质量发展的若干意见',
        '一、指导思想',
        '以新发展理念为指导，推动综合保税区发展成为具有全球影响力和竞争力的加工制造中心。',
        '## 中华人民共和国反家庭暴力法',
        '第三十七条 家庭成员以外共同生活的人之间实施的暴力行为，参照本法规定执行。',
        '第三十八条 本法自2016年3月1日起施行。',
        '二、基本原则',
        '坚持深化改革，简政放权，持续改善营商环境和创新环境。',
      ].join('\n\n'),
      { name: 'page.md' },
    ).articles;
    expect(law.text.split('\n')).toHaveLength(2);
    expect(plan.text).toContain('二、基本原则');
  });

  it('never glues a paragraph onto a sign-off block', () => {
    const signed = parse(['各有关单位要认真贯彻执行。', '国务院办公厅', '2019年1月12日', '（此件公开发布）'].join('\n\n'));
    expect(signed.articles[0].text.split('\n')).toEqual(['各有关单位要认真贯彻执行。', '国务院办公厅', '2019年1月12日', '（此件公开发布）']);
  });

  it('handles pages separated by form feeds one by one', () => {
    const two = parse(`${page}\f${page}`, { name: 'two.md' });
    expect(two.articles).toHaveLength(4);
  });
});

describe('--stage fragments', () => {
  it('prints every fragment and the weighed joins, the chosen ones starred', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { fakeIO } = await import('../cli/fake-io.js');
    const io = fakeIO();
    expect(await main(['--stage', 'fragments', 'fixtures/seed-page.txt'], io)).toBe(0);
    expect(io.out()).toMatch(/^fragments \(line, article, cut\?, first … last\):/);
    expect(io.out()).toMatch(/^ {2}\* F\d+ -> F\d+\t[0-9.]+\t.*word across seam: 倡导/m);
    expect(io.out()).toMatch(/^ {4}F\d+ -> F\d+\t-?[0-9.]+\t/m); // a candidate that lost
  });

  it('fails like any other run on a missing file', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { fakeIO } = await import('../cli/fake-io.js');
    const io = fakeIO();
    expect(await main(['--stage', 'fragments', 'no-such-file.txt'], io)).toBe(2);
    expect(io.err()).toBe('policyparse: no-such-file.txt: no such file\n');
    expect(io.out()).toBe('');
  });
});
