import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WordTable } from '../../src/page/words.js';

const table = (words: Record<string, number>) => WordTable.fromBytes(WordTable.encode(new Map(Object.entries(words))));

describe('the word table', () => {
  const small = table({ 中国: 100, 中: 50, 国: 40, 人民: 80, 中国人: 30, 人: 60, 民: 10, 倡导: 20 });

  it('reads back what it wrote', () => {
    expect(small.size).toBe(8);
    expect(new Map(small.entries())).toEqual(new Map(Object.entries({ 中国: 100, 中: 50, 国: 40, 人民: 80, 中国人: 30, 人: 60, 民: 10, 倡导: 20 })));
    expect(small.frequency('中国人')).toBe(30);
    expect(small.frequency('中国')).toBe(100);
    expect(small.frequency('倡')).toBe(0); // a prefix only
    expect(small.frequency('中国人民')).toBe(0);
  });

  it('refuses bytes that are not a table', () => {
    expect(() => WordTable.fromBytes(new Uint8Array(40))).toThrow('not a word table');
    const bytes = WordTable.encode(new Map([['中国', 1]]));
    expect(() => WordTable.fromBytes(bytes.subarray(0, bytes.length - 2))).toThrow('cut short');
  });

  it('reads a table that does not start on a word boundary of its buffer', () => {
    const bytes = WordTable.encode(new Map([['中国', 3], ['人民', 2]]));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(WordTable.fromBytes(shifted.subarray(1)).cut('中国人民')).toEqual(['中国', '人民']);
  });

  it('cuts into the most probable words', () => {
    // P(中国人)P(民) = 30·10 against P(中国)P(人民) = 100·80: two words win
    expect(small.cut('中国人民')).toEqual(['中国', '人民']);
    expect(small.cut('中国人')).toEqual(['中国人']);
  });

  it('lets characters in no word stand alone, and a prefix of a word alone too', () => {
    expect(small.cut('好中国')).toEqual(['好', '中国']);
    expect(small.cut('倡议')).toEqual(['倡', '议']);
    expect(small.cut('倡导')).toEqual(['倡导']);
  });

  it('gives a tie to the longer word', () => {
    // 甲乙|丙 and 甲|乙丙 add the same two numbers: an exact tie
    const tie = table({ 甲: 5, 丙: 5, 甲乙: 7, 乙丙: 7 });
    expect(tie.cut('甲乙丙')).toEqual(['甲乙', '丙']);
  });
});

describe("the build's word table", () => {
  const built = WordTable.fromBytes(readFileSync(new URL('../../dist/seam-dict.bin', import.meta.url)));

  it('holds the common words of the dictionary', () => {
    expect(built.size).toBeGreaterThan(50_000);
    expect(built.frequency('倡导')).toBeGreaterThan(0);
    expect(built.cut('加强宣传倡导')).toEqual(['加强', '宣传', '倡导']);
  });

  it("cuts every Han run of the fixtures exactly as jieba does over the same words", () => {
    const { Jieba } = createRequire(import.meta.url)('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): { cut(text: string, hmm: boolean): string[] } } };
    let dictionary = '';
    for (const [word, frequency] of built.entries()) dictionary += `${word} ${frequency}\n`;
    const jieba = Jieba.withDict(Buffer.from(dictionary));
    const runs = fixtureTexts().flatMap((text) => text.match(/[\u4e00-\u9fa5]+/g) ?? []);
    let windows = 0;
    const differ: string[] = [];
    for (const run of runs) {
      // the seam windows are up to twelve characters; whole runs test longer ones
      for (let i = 0; i < run.length; i += 2) {
        for (const length of [2, 3, 5, 8, 12]) {
          const window = run.slice(i, i + length);
          if (window.length < length) continue;
          windows++;
          if (built.cut(window).join('|') !== jieba.cut(window, false).join('|')) differ.push(window);
        }
      }
      windows++;
      if (built.cut(run).join('|') !== jieba.cut(run, false).join('|')) differ.push(run);
    }
    expect(windows).toBeGreaterThan(20_000);
    expect(differ).toEqual([]);
  });
});

function fixtureTexts(): string[] {
  const root = new URL('../../fixtures/', import.meta.url);
  const texts: string[] = [];
  const walk = (dir: URL) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir));
      else if (/\.(txt|md|html)$/.test(entry.name) && !entry.name.includes('gb18030')) texts.push(readFileSync(new URL(entry.name, dir), 'utf8'));
    }
  };
  walk(root);
  return texts;
}
