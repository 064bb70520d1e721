// Numerals of numbering markers: Chinese (一, 二十一, 一千零四十, 二〇二五, 廿三),
// Arabic in half or full width (38, ３８), circled (①..⑳) and parenthesised
// ideographs (㈠..㈩).

// (keyed by character code: the numeral is read a code at a time, no strings made)
const codes = (table: Record<string, number>) => new Map(Object.entries(table).map(([ch, n]) => [ch.charCodeAt(0), n]));
const DIGITS = codes({ 零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 });
const UNITS = codes({ 十: 10, 百: 100, 千: 1000 });
/** 廿 and 卅 are 二十 and 三十 written as one character. */
const TENS = codes({ 廿: 20, 卅: 30 });
const WAN = '万'.charCodeAt(0);

/** The characters a Chinese numeral is made of (for building marker patterns). */
export const CN_NUMERAL_CHARS = '零〇○一二两三四五六七八九十百千万廿卅';

/**
 * 一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105, 一千零四十 → 1040, 两万 → 20000,
 * 二〇二五 → 2025 (digit by digit when there are no unit characters). null when the
 * string is not a well-formed numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  let hasUnit = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (UNITS.has(ch) || TENS.has(ch) || ch === WAN) hasUnit = true;
    else if (!DIGITS.has(ch)) return null;
  }
  if (!hasUnit) {
    // 二〇二五: positional digits. A lone 零 is 0.
    let n = 0;
    for (let i = 0; i < s.length; i++) n = n * 10 + DIGITS.get(s.charCodeAt(i))!;
    return n;
  }
  let total = 0; // completed 万 groups
  let group = 0; // value below 万 so far
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const d = DIGITS.get(ch);
    const tens = TENS.get(ch);
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return null; // 一二十
      digit = d;
    } else if (tens !== undefined) {
      if (digit !== null && digit !== 0) return null;
      group += tens;
      digit = null;
      lastUnit = 10;
    } else if (ch === WAN) {
      const value = group + (digit ?? 0);
      if (value === 0 || total !== 0) return null;
      total = value * 10000;
      group = 0;
      digit = null;
      lastUnit = Infinity;
    } else {
      const unit = UNITS.get(ch)!;
      if (unit >= lastUnit) return null; // 十百, 一十一十
      // 十 alone (十一, 一千零十) means 一十.
      const times = digit === null || digit === 0 ? (unit === 10 ? 1 : NaN) : digit;
      if (Number.isNaN(times)) return null;
      group += times * unit;
      digit = null;
      lastUnit = unit;
    }
  }
  return total + group + (digit ?? 0);
}

/** ３８ → 38 (full-width digits are read like half-width ones). */
export function parseArabicNumeral(s: string): number | null {
  if (!/^[0-9０-９]+$/.test(s)) return null;
  let n = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    n = n * 10 + (c >= 0xff10 ? c - 0xff10 : c - 0x30);
  }
  return n;
}

/** ① → 1 … ⑳ → 20, ㉑ → 21 … ㊿ → 50. */
export function parseCircledNumeral(ch: string): number | null {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;
  if (c >= 0x3251 && c <= 0x325f) return c - 0x3251 + 21;
  if (c >= 0x32b1 && c <= 0x32bf) return c - 0x32b1 + 36;
  return null;
}

/** ㈠ → 1 … ㈩ → 10. */
export function parseParenIdeograph(ch: string): number | null {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x3220 && c <= 0x3229 ? c - 0x3220 + 1 : null;
}

/** Arabic or Chinese, whichever the string is. */
export function parseNumeral(s: string): number | null {
  return parseArabicNumeral(s) ?? parseChineseNumeral(s);
}

const CN_DIGIT_NAMES = '零一二三四五六七八九';

/** 1 → 一, 21 → 二十一, 105 → 一百零五, 1040 → 一千零四十 (for messages about missing markers). */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n < 10) return CN_DIGIT_NAMES[n];
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    return formatChineseNumeral(high) + '万' + (low === 0 ? '' : (low < 1000 ? '零' : '') + formatChineseNumeral(low));
  }
  const parts: string[] = [];
  const units: Array<[number, string]> = [[1000, '千'], [100, '百'], [10, '十']];
  let rest = n;
  let pendingZero = false;
  let started = false;
  for (const [value, name] of units) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d === 0) {
      if (started) pendingZero = true;
      continue;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    // 十一, not 一十一, when 十 leads the number.
    parts.push(value === 10 && !started && d === 1 ? '' : CN_DIGIT_NAMES[d], name);
    started = true;
  }
  if (rest > 0) {
    if (pendingZero) parts.push('零');
    parts.push(CN_DIGIT_NAMES[rest]);
  }
  return parts.join('');
}
