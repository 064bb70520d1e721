import {
  formatChineseNumeral,
  parseArabicNumeral,
  parseChineseNumeral,
  parseCircledNumeral,
  parseNumeral,
  parseParenIdeograph,
} from '../../src/structure/numerals.js';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1], ['九', 9], ['十', 10], ['十一', 11], ['二十', 20], ['二十一', 21], ['九十九', 99],
    ['一百', 100], ['一百零五', 105], ['一百一十', 110], ['一百二十三', 123], ['两百', 200],
    ['一千', 1000], ['一千零四十', 1040], ['一千零十', 1010], ['一千二百六十', 1260], ['两千零五', 2005],
    ['十万', 100000], ['两万零一', 20001], ['廿', 20], ['廿三', 23], ['卅一', 31],
    ['〇', 0], ['零', 0], ['二〇二五', 2025], ['一九九六', 1996],
  ])('%s → %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each(['', 'a', '一二十', '十百', '一十一十', '第一'])('rejects %j', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });

  it('writes numbers back for messages', () => {
    for (const n of [1, 10, 11, 20, 21, 99, 100, 105, 110, 1040, 1010, 2005, 20001]) {
      expect(parseChineseNumeral(formatChineseNumeral(n))).toBe(n);
    }
    expect(formatChineseNumeral(11)).toBe('十一');
    expect(formatChineseNumeral(1040)).toBe('一千零四十');
  });
});

describe('other numerals', () => {
  it('reads half- and full-width digits', () => {
    expect(parseArabicNumeral('38')).toBe(38);
    expect(parseArabicNumeral('３８')).toBe(38);
    expect(parseArabicNumeral('3a')).toBeNull();
    expect(parseNumeral('１２')).toBe(12);
    expect(parseNumeral('十二')).toBe(12);
  });

  it('reads circled and parenthesised ideograph numerals', () => {
    expect(parseCircledNumeral('①')).toBe(1);
    expect(parseCircledNumeral('⑳')).toBe(20);
    expect(parseCircledNumeral('㉑')).toBe(21);
    expect(parseCircledNumeral('a')).toBeNull();
    expect(parseParenIdeograph('㈠')).toBe(1);
    expect(parseParenIdeograph('㈩')).toBe(10);
  });
});
