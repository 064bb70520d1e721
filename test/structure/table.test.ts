import { cleanCell, findTables, rowCells } from '../../src/structure/table.js';
import type { Paragraph } from '../../src/types.js';

const para = (text: string, cells?: string[]): Paragraph => ({ text, segments: [{ from: 0, start: 0, end: text.length }], heading: 0, cells });

describe('table rows', () => {
  it('splits tab, multi-space and pipe rows, and takes front-end cells as they are', () => {
    expect(rowCells(para('具体指标\t发展目标'))).toEqual(['具体指标', '发展目标']);
    expect(rowCells(para('指标名称    2020年    2025年'))).toEqual(['指标名称', '2020年', '2025年']);
    expect(rowCells(para('| 指标 | 目标 |'))).toEqual(['指标', '目标']);
    expect(rowCells(para('| --- | --- |'))).toBe('separator');
    expect(rowCells(para('指标 | 目标', ['指标', '目标']))).toEqual(['指标', '目标']);
  });

  it('is not fooled by prose', () => {
    expect(rowCells(para('各地区要高度重视，加强组织领导。'))).toBeNull();
    expect(rowCells(para('新华社北京7月20日电  近日，国务院印发通知，要求各地区各部门认真贯彻落实，切实抓好各项工作。'))).toBeNull();
    expect(rowCells(para('“十四五”时期工会“组织建设”指标\t'))).toBeNull();
  });

  it('removes OCR spaces between CJK characters in cells, not around numbers', () => {
    expect(cleanCell(' 新 发 展 会 员 4000 万 以 上。 ')).toBe('新发展会员 4000 万以上。');
  });
});

describe('tables', () => {
  it('finds a title line, a header row and data rows', () => {
    const paragraphs = [
      para('40.提高资产管理效能。积极推动。'),
      para('“十四五”时期“组织建设”指标\t'),
      para('具体指标\t发展目标'),
      para('1.新 发 展 会 员 数\t到“十四五”末,全国新发 展 会 员 4000 万 以 上。'),
      para('2.新 组 建 基 层 组 织 数\t到“十四五”末,全国新组 建 基 层 组 织 60 万 个 以 上。'),
      para('十一、坚持以党的政治建设为统领'),
    ];
    expect(findTables(paragraphs)).toEqual([
      {
        caption: 1,
        first: 2,
        last: 4,
        header: ['具体指标', '发展目标'],
        rows: [
          ['1.新发展会员数', '到“十四五”末,全国新发展会员 4000 万以上。'],
          ['2.新组建基层组织数', '到“十四五”末,全国新组建基层组织 60 万个以上。'],
        ],
      },
    ]);
  });

  it('wants more than a stray pair of tabbed lines', () => {
    expect(findTables([para('正文。'), para('甲\t乙'), para('丙\t丁')])).toEqual([]);
  });

  it('reads Markdown pipe tables', () => {
    const runs = findTables([para('| 指标 | 目标 |'), para('| --- | --- |'), para('| 会员数 | 4000万 |')]);
    expect(runs).toMatchObject([{ caption: null, header: ['指标', '目标'], rows: [['会员数', '4000万']] }]);
  });
});
