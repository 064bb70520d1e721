import { matchMarker } from '../../src/structure/levels.js';
import { splitHeading } from '../../src/structure/heading.js';

const marker = (text: string) => {
  const m = matchMarker(text);
  return m && { scheme: m.scheme.id, type: m.scheme.type, marker: m.marker, number: m.number, rest: text.slice(m.contentStart) };
};

describe('marker schemes', () => {
  it.each([
    ['第一编　总则', 'part', 'part', '第一编', 1, '总则'],
    ['第一分编　通则', 'part-fenbian', 'part', '第一分编', 1, '通则'],
    ['第一篇　开启全面建设新征程', 'part-pian', 'part', '第一篇', 1, '开启全面建设新征程'],
    ['第二部分 重点任务', 'part-bufen', 'part', '第二部分', 2, '重点任务'],
    ['第二章 刑事司法协助请求的提出', 'chapter', 'chapter', '第二章', 2, '刑事司法协助请求的提出'],
    ['第３章 附则', 'chapter', 'chapter', '第３章', 3, '附则'],
    ['第一节 向外国请求刑事司法协助', 'section', 'section', '第一节', 1, '向外国请求刑事司法协助'],
    ['第十三条 外国向中华人民共和国提出请求的', 'article', 'article', '第十三条', 13, '外国向中华人民共和国提出请求的'],
    ['第一千零四十条　本编调整因婚姻家庭产生的民事关系。', 'article', 'article', '第一千零四十条', 1040, '本编调整因婚姻家庭产生的民事关系。'],
    ['第十条之一 新增的条文。', 'article', 'article', '第十条之一', 10, '新增的条文。'],
    ['一、总体要求', 'cn-dun', 'section', '一、', 1, '总体要求'],
    ['十一、坚持以党的政治建设为统领', 'cn-dun', 'section', '十一、', 11, '坚持以党的政治建设为统领'],
    ['（五）指导思想。坚持……', 'cn-paren', 'item', '（五）', 5, '指导思想。坚持……'],
    ['(二十一)保障女性就业合法权益。', 'cn-paren', 'item', '(二十一)', 21, '保障女性就业合法权益。'],
    ['㈢加强组织领导', 'cn-paren', 'item', '㈢', 3, '加强组织领导'],
    ['38.深化财务管理改革。', 'arabic-dot', 'item', '38.', 38, '深化财务管理改革。'],
    ['１．拓展两个市场。', 'arabic-dot', 'item', '１．', 1, '拓展两个市场。'],
    ['2、提前适用政策。', 'arabic-dot', 'item', '2、', 2, '提前适用政策。'],
    ['（1）申请书；', 'arabic-paren', 'item', '（1）', 1, '申请书；'],
    ['(12)其他材料。', 'arabic-paren', 'item', '(12)', 12, '其他材料。'],
    ['③加强监测', 'circled', 'item', '③', 3, '加强监测'],
    ['——以人民为中心。顺应……', 'dash', 'principle', '——', null, '以人民为中心。顺应……'],
    ['――以改革为动力。', 'dash', 'principle', '――', null, '以改革为动力。'],
    ['一是政治性上，着力……', 'enum', 'item', '一是', 1, '政治性上，着力……'],
    ['十是加强督导。', 'enum', 'item', '十是', 10, '加强督导。'],
    ['第一，坚持党的领导。', 'ordinal', 'item', '第一，', 1, '坚持党的领导。'],
    ['●加强组织领导。', 'bullet', 'item', '●', null, '加强组织领导。'],
    ['问：这次规划是如何组织实施的？', 'qa-question', 'qa', '问：', null, '这次规划是如何组织实施的？'],
    ['记者：规划有什么考虑？', 'qa-question', 'qa', '记者：', null, '规划有什么考虑？'],
    ['答：在党中央的坚强领导下……', 'qa-answer', 'paragraph', '答：', null, '在党中央的坚强领导下……'],
    ['　　三、重点任务', 'cn-dun', 'section', '三、', 3, '重点任务'],
  ])('%s', (text, scheme, type, written, number, rest) => {
    expect(marker(text)).toEqual({ scheme, type, marker: written, number, rest });
  });

  it.each([
    '1.5万亿元的资金已经下达。',
    '2025年，基本建立覆盖全面的体系。',
    '2019年12月底前完成清理。',
    '2019、2020年连续两年',
    '1、2月份，全国规模以上工业增加值同比增长。',
    '第五条规定的期限内，应当作出决定。',
    '第三十条第一款规定的情形除外。',
    '第二章规定的程序适用于本节。',
    '第一部分是总体要求，第二部分是重点任务。',
    '（此件公开发布）',
    '一是一，二是二。',
    '各省、自治区、直辖市人民政府：',
    '问：',
    '——',
    '——访测试总局负责同志',
    '——习近平总书记在庆祝中国共产党成立100周年大会上的讲话',
    '■本报记者 张三',
  ])('%s is no marker', (text) => {
    expect(marker(text)).toBeNull();
  });
});

describe('headings', () => {
  it('takes the rest of a title line', () => {
    expect(splitHeading('line', '总则')).toEqual({ heading: '总则', text: '' });
  });

  it('gives 条 no heading', () => {
    expect(splitHeading('none', '为了规范测试活动，制定本法。')).toEqual({ heading: null, text: '为了规范测试活动，制定本法。' });
  });

  it('takes a short lead sentence as the heading', () => {
    expect(splitHeading('lead', '依法实施三孩生育政策。修改人口与计划生育法。')).toEqual({ heading: '依法实施三孩生育政策', text: '修改人口与计划生育法。' });
  });

  it('takes a whole short one-sentence item', () => {
    expect(splitHeading('lead', '指导思想、主要原则和目标')).toEqual({ heading: '指导思想、主要原则和目标', text: '' });
    expect(splitHeading('lead', '请求机关的名称；')).toEqual({ heading: '请求机关的名称；', text: '' });
    expect(splitHeading('lead', '其他必要的信息或者附加的要求。')).toEqual({ heading: '其他必要的信息或者附加的要求', text: '' });
  });

  it('gives long or comma-laden first sentences no heading', () => {
    const long = '在收到请求时，在中华人民共和国境内对于请求针对的犯罪正在进行调查、侦查、起诉、审判，已经作出生效判决；';
    expect(splitHeading('lead', long)).toEqual({ heading: null, text: long });
    const comma = '政治性上，着力与发展目标相统一。创新性上，坚持守正创新。';
    expect(splitHeading('lead', comma)).toEqual({ heading: null, text: comma });
  });

  it('takes the first sentence of a principle bullet whatever its length', () => {
    expect(splitHeading('first-sentence', '以人民为中心。顺应人民群众期盼。')).toEqual({ heading: '以人民为中心', text: '顺应人民群众期盼。' });
  });

  it('takes all of a Markdown heading line', () => {
    expect(splitHeading('lead', '主要原则。', true)).toEqual({ heading: '主要原则', text: '' });
  });
});

describe('Markdown emphasis around a lead-in', () => {
  it('finds the marker inside ** and keeps the emphasis out of heading and text', () => {
    const m = matchMarker('**（一）指导思想。**坚持问题导向。');
    expect(m).toMatchObject({ marker: '（一）', number: 1 });
    expect(splitHeading('lead', '**（一）指导思想。**坚持问题导向。'.slice(m!.contentStart))).toEqual({ heading: '指导思想', text: '坚持问题导向。' });
    expect(splitHeading('lead', '指导思想**。坚持问题导向。')).toEqual({ heading: '指导思想', text: '坚持问题导向。' });
  });
});
