import { readFileSync } from 'node:fs';
import { OPENS_ON_PARTICLE } from './furniture.js';
import { readArray, WordTable } from './words.js';

// Word evidence across a cut: 宣传倡|导 forms 倡导, 服务工|五是 forms nothing.
// Words come from jieba's dictionary, kept by the build in two files beside the
// compiled code (scripts/build-seam-dict.mjs), each read once per process and only
// when a page has a seam to decide.

/**
 * A file the build writes into dist/: found from the compiled code and the bundle
 * (dist/page, dist/cli: one level up) and from the sources under test (src/page:
 * ../../dist). null when the package was never built.
 */
function buildFile(name: string): Buffer | null {
  for (const path of [`../${name}`, `../../dist/${name}`]) {
    try {
      return readFileSync(new URL(path, import.meta.url));
    } catch {
      // not here
    }
  }
  return null;
}

let wordTable: WordTable | null | undefined;

/** The word table (dist/seam-dict.bin); null when unbuilt: seams are then decided without word evidence. */
function loadWordTable(): WordTable | null {
  if (wordTable !== undefined) return wordTable;
  const bytes = buildFile('seam-dict.bin');
  wordTable = bytes ? WordTable.fromBytes(bytes) : null;
  return wordTable;
}

/**
 * The Han bigrams found inside the table's words, sorted (dist/seam-bigrams.bin:
 * little-endian int32, first × 20902 + second, counted from U+4E00). A word can
 * span a seam only if it holds the two characters on either side of it, and a
 * segment can end in a word of two or more characters only if it holds its last
 * two: when the bigram is in no word, the answer is known without cutting.
 * null (not built): always cut.
 */
let wordBigrams: Int32Array | null | undefined;

function loadWordBigrams(): Int32Array | null {
  if (wordBigrams !== undefined) return wordBigrams;
  const bytes = buildFile('seam-bigrams.bin');
  wordBigrams = bytes ? readArray(Int32Array, bytes, 0, bytes.byteLength >>> 2) : null;
  return wordBigrams;
}

/** false when no dictionary word holds the two characters `a` then `b` side by side (both Han). */
function inSomeWord(a: string, b: string): boolean {
  const table = loadWordBigrams();
  if (!table) return true;
  const code = (a.charCodeAt(0) - 0x4e00) * 20902 + (b.charCodeAt(0) - 0x4e00);
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid] < code) lo = mid + 1;
    else hi = mid;
  }
  return lo < table.length && table[lo] === code;
}

/** [\u4e00-\u9fa5], tested on one UTF-16 unit */
const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fa5;

/** Trailing and leading Han runs around a seam (at most n characters each). */
function hanTail(text: string, n: number): string {
  let i = text.length;
  while (i > 0 && text.length - i < n && isHan(text.charCodeAt(i - 1))) i--;
  return text.slice(i);
}

function hanHead(text: string, n: number): string {
  let i = 0;
  while (i < text.length && i < n && isHan(text.charCodeAt(i))) i++;
  return text.slice(0, i);
}

export interface SeamWord {
  word: string;
  /**
   * Both sides of the seam are words of their own (处理|单元, 服务|中心): a compound
   * that a complete line followed by a new one forms as easily as a cut does. Only
   * a word cut inside (倡|导, 直|辖市) is strong evidence.
   */
  compound: boolean;
}

/**
 * Does a dictionary word span the seam between `before` and `after`? The word, or
 * null. Only Han characters on both sides can form a word.
 */
export function seamWord(before: string, after: string): SeamWord | null {
  // (the Han runs are empty unless the seam has a Han character on each side; and a
  // token across the seam is a dictionary word holding both: asked before cutting)
  if (!isHan(before.charCodeAt(before.length - 1)) || !isHan(after.charCodeAt(0))) return null;
  if (!inSomeWord(before[before.length - 1], after[0])) return null;
  const left = hanTail(before, 6);
  const right = hanHead(after, 6);
  const table = loadWordTable();
  if (!table) return null;
  const tokens = table.cut(left + right);
  let pos = 0;
  for (const token of tokens) {
    const end = pos + token.length;
    if (pos < left.length && end > left.length) {
      const leftPart = token.slice(0, left.length - pos);
      const rightPart = token.slice(left.length - pos);
      const isWord = (part: string) => part.length >= 2 && table.cut(part).length === 1;
      return { word: token, compound: isWord(leftPart) && isWord(rightPart) };
    }
    pos = end;
  }
  return null;
}

/** Suffixes that make nouns of what comes before them (政府性, 现代化, 覆盖率, 多类). */
const OPENS_ON_SUFFIX = /^[性化率度型式员费类]/;

/**
 * Does the text open on a particle or conjunction standing alone (的技术研发…,
 * 和加强…的报告), or on a suffix cut from its word (政府|性融资担保…, 多|类职业…)?
 * Neither can open a paragraph, so the text resumes a cut sentence. The same
 * character opening a word of its own (地方性法规, 着力推进, 所有, 率先, 类似) says
 * nothing.
 */
export function opensOnParticle(text: string): boolean {
  if (!OPENS_ON_PARTICLE.test(text) && !OPENS_ON_SUFFIX.test(text)) return false;
  const head = hanHead(text, 6);
  if (head.length < 2 || !inSomeWord(head[0], head[1])) return true;
  const table = loadWordTable();
  if (!table) return true;
  return table.cut(head)[0].length === 1;
}

/**
 * Does the text end in a word cut in two? True when the last dictionary token is a
 * lone character that the segmenter would rather join with what follows it in
 * ordinary text (体制改 → 体制|改). Used only for short lines with no punctuation,
 * where length alone cannot tell a cut from a title or a sign-off.
 */
export function endsWithDanglingCharacter(text: string): boolean {
  const left = hanTail(text, 8);
  if (left.length === 0) return false;
  // 各省、自治区、直 : a lone character after a list mark is half of the next item.
  if (left.length === 1) return text.length > 1 && /[、，,]/.test(text[text.length - 2]);
  // the last token is longer than one character only if a dictionary word holds the last two
  if (!inSomeWord(left[left.length - 2], left[left.length - 1])) return !STANDALONE_ENDINGS.has(left[left.length - 1]);
  const table = loadWordTable();
  if (!table) return false;
  const tokens = table.cut(left);
  const last = tokens[tokens.length - 1];
  return last !== undefined && last.length === 1 && !STANDALONE_ENDINGS.has(last);
}

// Single characters that commonly close a title or a name on their own (法, 会, 局 …).
// These are grammar of Chinese headings, not words of any particular page.
const STANDALONE_ENDINGS = new Set(['法', '会', '局', '部', '厅', '处', '委', '院', '省', '市', '县', '区', '署', '办', '室', '组', '社', '报', '网', '台', '稿', '文', '令', '函', '则', '例']);
