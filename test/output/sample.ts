// A small hand-built document that exercises every node kind the formatters draw,
// independent of what the parser stages currently produce.
import type { Node, PolicyDocument, Span } from '../../src/types.js';

export function span(line: number, column = 1, length = 10, offset = 0): Span {
  return { start: { line, column, offset }, end: { line, column: column + length, offset: offset + length } };
}

export function node(partial: Partial<Node> & Pick<Node, 'type' | 'id'>): Node {
  return { marker: null, number: null, heading: null, text: '', children: [], span: span(1), ...partial };
}

export function sampleDocument(): PolicyDocument {
  const text = [
    '一、总体要求',
    '（一）指导思想。坚持以人民为中心的发展思想。',
    '（二）主要目标',
    '到2025年，服务体系基本建立。',
    '——以改革为动力。深化改革，破除制约因素。',
    '第三条　国家保障公民的合法权益。',
    '问：规划如何落实？',
    '答：一分部署，九分落实。',
    '“十四五”时期指标',
  ].join('\n');
  return {
    version: '1.0',
    source: { name: 'sample.txt', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64), bytes: 100 },
    page: { section: '综合新闻' },
    articles: [
      {
        id: 'a1',
        title: '关于测试的通知',
        dateline: { text: '(新华社北京7月20日电)', agency: '新华社', place: '北京', month: 7, day: 20, span: span(30, 1, 10, 900) },
        continuedFrom: null,
        continuedTo: { page: 3, text: '(下转第3版)' },
        byline: null,
        text,
        spans: [span(3, 1, 10, 20)],
        body: [
          node({
            type: 'section',
            id: 's1',
            marker: '一、',
            number: 1,
            heading: '总体要求',
            children: [
              node({ type: 'item', id: 's1.i1', marker: '（一）', number: 1, heading: '指导思想', text: '坚持以人民为中心的发展思想。' }),
              node({
                type: 'item',
                id: 's1.i2',
                marker: '（二）',
                number: 2,
                heading: '主要目标',
                children: [
                  node({ type: 'paragraph', id: 's1.i2.p1', text: '到2025年，服务体系基本建立。' }),
                  node({ type: 'principle', id: 's1.i2.r1', marker: '——', heading: '以改革为动力', text: '深化改革，破除制约因素。' }),
                ],
              }),
            ],
          }),
          node({ type: 'article', id: 't3', marker: '第三条', number: 3, text: '国家保障公民的合法权益。' }),
          node({
            type: 'qa',
            id: 'q1',
            marker: '问：',
            number: 1,
            question: '规划如何落实？',
            children: [node({ type: 'paragraph', id: 'q1.p1', text: '答：一分部署，九分落实。' })],
          }),
          node({
            type: 'table',
            id: 'tb1',
            caption: '“十四五”时期指标',
            header: ['具体指标', '发展目标'],
            rows: [
              ['1.新发展工会会员数', '4000万'],
              ['2.a|b', '到2025年'],
            ],
          }),
        ],
      },
      {
        id: 'a2',
        title: null,
        dateline: null,
        continuedFrom: { page: 1, text: '(上接第1版)' },
        continuedTo: null,
        byline: null,
        text: '38.深化财务管理改革。健全管理体制。',
        spans: [span(40)],
        body: [node({ type: 'item', id: 'i38', marker: '38.', number: 38, heading: '深化财务管理改革', text: '健全管理体制。' })],
      },
    ],
    furniture: [],
    unassigned: [],
    diagnostics: [
      { severity: 'warning', code: 'numbering-gap', message: '（三） expected after （一）, found （二）', line: 4, column: 1 },
      { severity: 'info', code: 'encoding-guess', message: 'decoded as utf-8', line: 0, column: 0 },
    ],
  };
}
