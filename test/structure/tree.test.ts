import { LineIndex } from '../../src/decode/lines.js';
import { parseStructure } from '../../src/structure/index.js';
import type { Node, Paragraph } from '../../src/types.js';

/** Paragraphs one per line of a made-up input; `#` lines are Markdown headings. */
function structure(lines: string[]) {
  const source = lines.join('\n');
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  for (const line of lines) {
    const heading = /^#+ /.exec(line)?.[0] ?? '';
    const text = line.slice(heading.length);
    const start = offset + heading.length;
    paragraphs.push({ text, segments: [{ from: 0, start, end: start + text.length }], heading: heading ? heading.length - 1 : 0 });
    offset += line.length + 1;
  }
  return parseStructure(paragraphs, new LineIndex(source));
}

/** A compact outline: marker or type, heading, indented by depth. */
function outline(nodes: Node[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.marker ?? n.type}${n.heading ? ` [${n.heading}]` : ''}${n.type === 'clause' ? ` ${n.text.slice(0, 4)}` : ''}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe('nesting', () => {
  it('nests a law: 章 > 节 > 条 > 款 and 项', () => {
    const { body, diagnostics } = structure([
      '第一章 总则',
      '第一条 为了规范测试，制定本法。',
      '第二条 本法适用于测试活动。',
      '测试活动应当遵循公开原则。',
      '第二章 测试机构',
      '第一节 设立',
      '第三条 测试机构应当具备下列条件：',
      '（一）有自己的名称；',
      '（二）有必要的财产。',
      '前款规定以外的机构不得测试。',
      '第二节 变更',
      '第四条 变更应当登记。',
    ]);
    expect(outline(body)).toEqual([
      '第一章 [总则]',
      '  第一条',
      '  第二条',
      '    clause 测试活动',
      '第二章 [测试机构]',
      '  第一节 [设立]',
      '    第三条',
      '      （一） [有自己的名称；]',
      '      （二） [有必要的财产]',
      '      clause 前款规定',
      '  第二节 [变更]',
      '    第四条',
    ]);
    expect(diagnostics).toEqual([]);
    const clause = body[0].children[1].children[0];
    expect(clause).toMatchObject({ type: 'clause', number: null, heading: null, marker: null });
  });

  it('nests a plan: 一、 > （一） > 1. > （1） > ①, skipping levels', () => {
    const { body } = structure([
      '一、总体要求',
      '（一）指导思想。坚持问题导向。',
      '（二）主要原则',
      '——以人民为中心。顺应人民群众期盼。',
      '——以改革为动力。深化改革。',
      '二、重点任务',
      '1.拓展两个市场。积极稳妥推广试点。',
      '（1）扩大范围；',
      '①东部地区；',
      '②西部地区。',
      '（2）简化手续。',
      '2.提前适用政策。自批准之日起适用。',
      '（三）加强组织领导。各地区要高度重视。',
    ]);
    expect(outline(body)).toEqual([
      '一、 [总体要求]',
      '  （一） [指导思想]',
      '  （二） [主要原则]',
      '    —— [以人民为中心]',
      '    —— [以改革为动力]',
      '二、 [重点任务]',
      '  1. [拓展两个市场]',
      '    （1） [扩大范围；]',
      '      ① [东部地区；]',
      '      ② [西部地区]',
      '    （2） [简化手续]',
      '  2. [提前适用政策]',
      '  （三） [加强组织领导]',
    ]);
  });

  it('lets 十一、 hold 41. when an article starts mid-document at 38.', () => {
    const { body, diagnostics } = structure([
      '38.深化财务管理改革。健全完善管理体制。',
      '39.加强经费审查审计监督。按照要求加强审计。',
      '40.提高资产管理效能。推动事业纳入公共服务体系。',
      '十一、坚持以党的政治建设为统领,提高工作能力和水平',
      '41.全面加强党的建设。把学习贯彻作为重大政治任务。',
      '42.深化干部队伍建设。坚持好干部标准。',
    ]);
    expect(outline(body)).toEqual([
      '38. [深化财务管理改革]',
      '39. [加强经费审查审计监督]',
      '40. [提高资产管理效能]',
      '十一、 [坚持以党的政治建设为统领,提高工作能力和水平]',
      '  41. [全面加强党的建设]',
      '  42. [深化干部队伍建设]',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('follows a document that nests its schemes the other way', () => {
    const { body } = structure([
      '1.总体要求',
      '（一）指导思想。坚持问题导向。',
      '（二）基本原则。坚持改革创新。',
      '2.重点任务',
      '（一）统筹两个市场。积极推广。',
    ]);
    expect(outline(body)).toEqual([
      '1. [总体要求]',
      '  （一） [指导思想]',
      '  （二） [基本原则]',
      '2. [重点任务]',
      '  （一） [统筹两个市场]',
    ]);
  });

  it('makes Markdown heading paragraphs with markers sections that hold what follows', () => {
    const { body } = structure(['### 二、指导思想、主要原则和目标', '#### （六）主要原则。', '坚持以人民为中心。', '——以均衡为主线。统筹考虑。']);
    expect(outline(body)).toEqual(['二、 [指导思想、主要原则和目标]', '  （六） [主要原则]', '    paragraph', '    —— [以均衡为主线]']);
  });

  it('puts the paragraph after a list of entries back with the list holder', () => {
    const { body } = structure(['（二）主要任务', '有下列情形之一的，不予受理：', '1.申请人不适格；', '2.超过期限的。', '对不予受理的，应当书面告知。']);
    expect(outline(body)).toEqual(['（二） [主要任务]', '  paragraph', '  1. [申请人不适格；]', '  2. [超过期限的]', '  paragraph']);
  });

  it('pairs questions with their answers', () => {
    const { body } = structure([
      '问：这次规划是如何组织实施的？',
      '答：在党中央的坚强领导下，各方高度重视。',
      '规划起草历时6个多月。',
      '记者：规划有什么样的总体考虑？',
      '答：我们坚持以人民为中心。',
      '一是政治性上，着力与经济社会发展目标相统一、与党和国家重大决策部署相衔接，更加有力地围绕中心。',
      '二是突出产业工人队伍建设改革。广泛开展劳动竞赛。',
    ]);
    expect(body.map((n) => [n.type, n.question, n.children.length])).toEqual([
      ['qa', '这次规划是如何组织实施的？', 2],
      ['qa', '规划有什么样的总体考虑？', 3],
    ]);
    expect(body[0].children[0]).toMatchObject({ type: 'paragraph', text: '答：在党中央的坚强领导下，各方高度重视。' });
    expect(body[1].children.slice(1).map((n) => [n.marker, n.number, n.heading])).toEqual([
      ['一是', 1, null],
      ['二是', 2, '突出产业工人队伍建设改革'],
    ]);
  });

  it('does not make nodes of numbers that are no markers or of inline enumerations', () => {
    const { body } = structure([
      '1.5万亿元资金已经下达。',
      '2025年，基本建立覆盖全面的体系。',
      '《规划》部署了重点工作：一是加强思想引领；二是深化改革。',
    ]);
    expect(body.map((n) => [n.type, n.number])).toEqual([
      ['paragraph', null],
      ['paragraph', null],
      ['paragraph', null],
    ]);
  });

  it('keeps every paragraph in exactly one node, text as written', () => {
    const lines = ['一、总体要求', '（一）指导思想。坚持问题导向。', '正文段落。', '第五条 本法自公布之日起施行。', '第二款的内容。'];
    const { body } = structure(lines);
    const parts: string[] = [];
    const walk = (ns: Node[]) => ns.forEach((n) => { parts.push(`${n.marker ?? ''}${n.heading ?? ''}${n.text}`); walk(n.children); });
    walk(body);
    expect(parts.join('').replace(/[。\s]/g, '')).toBe(lines.join('').replace(/[。\s]/g, ''));
  });

  it('nests 编 > 分编 > 章 > 条', () => {
    const { body } = structure(['第三编　合同', '第一分编　通则', '第一章　一般规定', '第四百六十三条　本编调整因合同产生的民事关系。', '第二分编　典型合同', '第九章　买卖合同', '第五百九十五条　买卖合同是出卖人转移标的物的所有权于买受人，买受人支付价款的合同。']);
    expect(outline(body)).toEqual([
      '第三编 [合同]',
      '  第一分编 [通则]',
      '    第一章 [一般规定]',
      '      第四百六十三条',
      '  第二分编 [典型合同]',
      '    第九章 [买卖合同]',
      '      第五百九十五条',
    ]);
  });
});

describe('ids and spans', () => {
  it('gives path-like ids and the span of the paragraph', () => {
    const { body } = structure(['一、总体要求', '（一）指导思想。坚持问题导向。']);
    expect(body[0].id).toBe('s1');
    expect(body[0].children[0].id).toBe('s1.i1');
    expect(body[0].children[0].span.start).toEqual({ line: 2, column: 1, offset: 7 });
  });
});

describe('numbering diagnostics', () => {
  it('reports a gap and a duplicate with line and column', () => {
    const { diagnostics } = structure(['一、总体要求', '（一）指导思想。', '（三）工作目标。', '（三）重复的目标。', '二、保障措施', '（四）加强组织领导。']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'numbering-gap', line: 3, column: 1, message: expect.stringContaining('（二）') }),
      expect.objectContaining({ severity: 'warning', code: 'numbering-duplicate', line: 4, column: 1 }),
    ]);
  });

  it('lets numbers carry on across holders and restart at 1', () => {
    const { diagnostics } = structure([
      '第一章 总则', '第一条 甲。', '第二条 乙：', '（一）丙；', '（二）丁。',
      '第二章 分则', '第三条 戊：', '（一）己。',
    ]);
    expect(diagnostics).toEqual([]);
  });
});

describe('table nodes', () => {
  it('turns a title line, header and rows into one table node (when switched on)', () => {
    const lines = [
      '40.提高资产管理效能。积极推动各项事业纳入公共服务体系。',
      '“十四五”时期“组织建设”指标\t',
      '具体指标\t发展目标',
      '1.新 发 展 会 员 数\t到“十四五”末,全国新发 展 会 员 4000 万 以 上。',
      '2.新 组 建 基 层 组 织 数\t到“十四五”末,全国新组 建 基 层 组 织 60 万 个 以 上。',
      '十一、坚持以党的政治建设为统领',
    ];
    const source = lines.join('\n');
    let offset = 0;
    const paragraphs = lines.map((text) => {
      const p = { text, segments: [{ from: 0, start: offset, end: offset + text.length }], heading: 0 };
      offset += text.length + 1;
      return p;
    });
    const { body, diagnostics } = parseStructure(paragraphs, new LineIndex(source), { tables: true });
    expect(body.map((n) => n.type)).toEqual(['item', 'section']);
    const table = body[0].children[0];
    expect(table).toMatchObject({
      type: 'table',
      number: null,
      heading: null,
      caption: '“十四五”时期“组织建设”指标',
      header: ['具体指标', '发展目标'],
      rows: [
        ['1.新发展会员数', '到“十四五”末,全国新发展会员 4000 万以上。'],
        ['2.新组建基层组织数', '到“十四五”末,全国新组建基层组织 60 万个以上。'],
      ],
    });
    expect(table.span.start.line).toBe(2);
    expect(table.span.end.line).toBe(5);
    expect(diagnostics).toEqual([]);

    const off = parseStructure(paragraphs, new LineIndex(source), { tables: false });
    expect(off.body[0].children.map((n) => [n.type, n.number])).toEqual([
      ['paragraph', null], ['paragraph', null], ['paragraph', null], ['paragraph', null],
    ]);
  });
});
