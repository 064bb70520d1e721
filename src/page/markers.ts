// What the page stage needs to know of numbering: which scheme a paragraph's
// leading marker belongs to and its value, to see that （九） is followed by （十）.

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 五 → 5, 二十一 → 21, 一千零四十 → 1040, 38 → 38, ３８ → 38; null when not a numeral. */
export function parseNumeral(s: string): number | null {
  if (!s) return null;
  const ascii = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^[0-9]+$/.test(ascii)) return Number(ascii);
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else {
      return null;
    }
  }
  if (digit >= 0) total += digit;
  return total;
}

const CN = '[一二三四五六七八九十百千零〇两]+';
const AR = '[0-9０-９]+';

/** Leading marker schemes, in no particular order: each value parser reads group 1. */
const SCHEMES: Array<{ scheme: string; re: RegExp }> = [
  { scheme: 'law-article', re: new RegExp(`^第(${CN}|${AR})条`) },
  { scheme: 'law-chapter', re: new RegExp(`^第(${CN}|${AR})章`) },
  { scheme: 'law-section', re: new RegExp(`^第(${CN}|${AR})节`) },
  { scheme: 'law-part', re: new RegExp(`^第(${CN}|${AR})编`) },
  { scheme: 'cn-dun', re: new RegExp(`^(${CN})[、．.]`) },
  { scheme: 'cn-paren', re: new RegExp(`^[（(](${CN})[）)]`) },
  { scheme: 'arabic-dot', re: new RegExp(`^(${AR})[.．、](?![0-9０-９])`) },
  { scheme: 'arabic-paren', re: new RegExp(`^[（(](${AR})[）)]`) },
  { scheme: 'cn-shi', re: new RegExp(`^(${CN})是`) },
  { scheme: 'qa', re: /^(问|答|记者)[：:]/ },
];

export interface LeadingMarker {
  scheme: string;
  number: number | null;
}

export function leadingMarker(text: string): LeadingMarker | null {
  for (const { scheme, re } of SCHEMES) {
    const m = re.exec(text);
    if (!m) continue;
    if (scheme === 'qa') return { scheme, number: null };
    const n = parseNumeral(m[1]);
    if (n === null) continue;
    if (scheme === 'cn-shi' && n > 20) continue;
    return { scheme, number: n };
  }
  return null;
}
