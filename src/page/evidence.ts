import type { LeadingMarker } from './markers.js';

// Evidence that two pieces of text belong to one article, shared by seam linking
// (rejoin.ts) and fragment assignment (assign.ts). Each returns a score around 0:
// positive for the same article, negative against.

/** How the numbering of `before` is continued by the first marker of `after`. */
export function numberingScore(before: LeadingMarker[], after: LeadingMarker[]): number {
  const numbered = after.filter((m) => m.number !== null && m.scheme !== 'qa');
  if (numbered.length === 0) {
    // A question/answer sequence continued by more questions and answers.
    const beforeQa = before.some((m) => m.scheme === 'qa');
    const afterQa = after.some((m) => m.scheme === 'qa');
    return beforeQa && afterQa ? 1 : beforeQa !== afterQa && after.length > 0 && before.length > 0 ? -0.5 : 0;
  }
  // Any of the first few markers of `after` that continues a scheme of `before`
  // speaks: 43. → 44. even with a 十二、 heading between them, and even when the
  // column has moved on to another article a paragraph later.
  let best: number | null = null;
  const judged = new Set<string>();
  for (const next of numbered.slice(0, 3)) {
    // Only the first marker of each scheme faces `before`: (六) (七) after （六）
    // is a repeat followed by its own sequel, not a continuation.
    if (judged.has(next.scheme)) continue;
    judged.add(next.scheme);
    for (let k = before.length - 1; k >= 0; k--) {
      const m = before[k];
      if (m.scheme !== next.scheme || m.number === null) continue;
      const score =
        next.number === m.number + 1 ? 3 : next.number === m.number + 2 ? 1 : next.number === 1 ? restartScore(before, k, next) : -2;
      best = best === null ? score : Math.max(best, score);
      break;
    }
  }
  if (best !== null) return best;
  // Schemes new to `before`: a lower level starting at 1 is a fine sequel; a level
  // above everything in `before` (二、 after （三）) says nothing, since the window
  // rarely reaches back to the 一、 it continues.
  const first = numbered[0];
  if (first.number === 1) return 0.5;
  if (before.length > 0 && before.every((m) => m.rank > first.rank)) return 0;
  return before.length > 0 ? -0.5 : 0;
}

/**
 * A list starting again at 1: after a new heading of a higher level (（一） under
 * the next 第十二条, 1. under the next （二）) it is the expected sequel; with no
 * such heading since its last item, it belongs to another document. 一是 lists
 * restart freely inside paragraphs.
 */
function restartScore(before: LeadingMarker[], last: number, next: LeadingMarker): number {
  if (next.scheme === 'enum') return 0;
  for (let k = last + 1; k < before.length; k++) if (before[k].rank < next.rank) return 1;
  return -2;
}

export function styleScore(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0;
  const d = Math.abs(a - b);
  return d < 0.2 ? 0.5 : d > 0.6 ? -1.5 : 0;
}

/** A text's Han bigram counts: bigram codes sorted ascending, with their counts. */
interface Grams {
  keys: Int32Array;
  counts: Int32Array;
  /** sum of the squared counts */
  norm2: number;
}

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fa5;
const HAN_COUNT = HAN_LAST - HAN_FIRST + 1;
const EMPTY: Grams = { keys: new Int32Array(0), counts: new Int32Array(0), norm2: 0 };
let scratch = new Int32Array(1024);

/**
 * Bigram counts of texts, each a run of Han characters broken by anything else: a
 * bigram is coded as an integer (first × 20902 + second, under 2^29), collected,
 * sorted and counted. Cheaper than a Map of two-character strings and exact: every
 * count, dot product and norm is an integer, so cosine() gives the very same value
 * whatever order the bigrams are visited in.
 */
function gramsOf(texts: readonly string[], from = 0): { grams: Grams; half: number; full: number } {
  let length = 0;
  for (let t = from; t < texts.length; t++) length += texts[t].length;
  // (a one-off huge text gets its own buffer rather than keeping a huge one alive)
  const buffer = length <= scratch.length ? scratch : length > 1 << 20 ? new Int32Array(length) : (scratch = new Int32Array(Math.max(length, scratch.length * 2)));
  let n = 0;
  let half = 0;
  let full = 0;
  for (let t = from; t < texts.length; t++) {
    const text = texts[t];
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= HAN_FIRST && c <= HAN_LAST) {
        const h = c - HAN_FIRST;
        if (prev >= 0) buffer[n++] = prev * HAN_COUNT + h;
        prev = h;
        continue;
      }
      prev = -1;
      // , : ; ( ) and their full-width forms ， ： ； （ ）
      if (c === 0x2c || c === 0x3a || c === 0x3b || c === 0x28 || c === 0x29) half++;
      else if (c === 0xff0c || c === 0xff1a || c === 0xff1b || c === 0xff08 || c === 0xff09) full++;
    }
  }
  if (n === 0) return { grams: EMPTY, half, full };
  const codes = buffer.subarray(0, n).sort();
  let distinct = 1;
  for (let i = 1; i < n; i++) if (codes[i] !== codes[i - 1]) distinct++;
  const keys = new Int32Array(distinct);
  const counts = new Int32Array(distinct);
  let k = 0;
  keys[0] = codes[0];
  counts[0] = 1;
  for (let i = 1; i < n; i++) {
    if (codes[i] === keys[k]) counts[k]++;
    else {
      keys[++k] = codes[i];
      counts[k] = 1;
    }
  }
  let norm2 = 0;
  for (let i = 0; i < distinct; i++) norm2 += counts[i] * counts[i];
  return { grams: { keys, counts, norm2 }, half, full };
}

/** The counts of a and b added up. */
function mergeGrams(a: Grams, b: Grams): Grams {
  if (a.keys.length === 0) return b;
  if (b.keys.length === 0) return a;
  const keys = new Int32Array(a.keys.length + b.keys.length);
  const counts = new Int32Array(keys.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let norm2 = 0;
  while (i < a.keys.length || j < b.keys.length) {
    const ka = i < a.keys.length ? a.keys[i] : 0x7fffffff;
    const kb = j < b.keys.length ? b.keys[j] : 0x7fffffff;
    let c: number;
    if (ka === kb) {
      keys[k] = ka;
      c = a.counts[i++] + b.counts[j++];
    } else if (ka < kb) {
      keys[k] = ka;
      c = a.counts[i++];
    } else {
      keys[k] = kb;
      c = b.counts[j++];
    }
    counts[k++] = c;
    norm2 += c * c;
  }
  return { keys: keys.subarray(0, k), counts: counts.subarray(0, k), norm2 };
}

/** Σ a[g] × b[g], an integer. */
function dot(a: Grams, b: Grams): number {
  let small = a;
  let large = b;
  if (small.keys.length > large.keys.length) [small, large] = [large, small];
  const sk = small.keys;
  const lk = large.keys;
  let sum = 0;
  if (sk.length * 8 < lk.length) {
    // few against many: look each up by binary search in what is left of the large side
    let lo = 0;
    for (let i = 0; i < sk.length && lo < lk.length; i++) {
      const key = sk[i];
      let hi = lk.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lk[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      if (lo < lk.length && lk[lo] === key) sum += small.counts[i] * large.counts[lo++];
    }
    return sum;
  }
  let i = 0;
  let j = 0;
  while (i < sk.length && j < lk.length) {
    const x = sk[i];
    const y = lk[j];
    if (x === y) sum += small.counts[i++] * large.counts[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

// One profile compared with many others in a row (a cut's context against every
// head after it): its counts go into a hash table once, and each comparison is a
// look-up per bigram of the other side.
let tableOwner: Grams | null = null;
let lastSelf: Grams | null = null;
let tableKeys = new Int32Array(0);
let tableCounts = new Int32Array(0);
let tableShift = 32;
const MIN_TABLE_KEYS = 16;

function scatter(g: Grams): void {
  let bits = 6;
  while (1 << bits < g.keys.length * 2) bits++;
  if (tableKeys.length !== 1 << bits) {
    tableKeys = new Int32Array(1 << bits);
    tableCounts = new Int32Array(1 << bits);
  }
  tableKeys.fill(-1);
  tableShift = 32 - bits;
  const mask = (1 << bits) - 1;
  for (let i = 0; i < g.keys.length; i++) {
    const key = g.keys[i];
    let slot = Math.imul(key, 0x9e3779b1) >>> tableShift;
    while (tableKeys[slot] !== -1) slot = (slot + 1) & mask;
    tableKeys[slot] = key;
    tableCounts[slot] = g.counts[i];
  }
  tableOwner = g;
}

/** Σ owner[g] × b[g] against the scattered owner. */
function dotScattered(b: Grams): number {
  const mask = tableKeys.length - 1;
  let sum = 0;
  for (let i = 0; i < b.keys.length; i++) {
    const key = b.keys[i];
    let slot = Math.imul(key, 0x9e3779b1) >>> tableShift;
    for (;;) {
      const k = tableKeys[slot];
      if (k === key) {
        sum += tableCounts[slot] * b.counts[i];
        break;
      }
      if (k === -1) break;
      slot = (slot + 1) & mask;
    }
  }
  return sum;
}

/** dot(a, b), through the hash table when `a` is compared again right after its last comparison. */
function dotOf(a: Grams, b: Grams): number {
  if (a === tableOwner) return dotScattered(b);
  if (a === lastSelf && a.keys.length >= MIN_TABLE_KEYS) {
    scatter(a);
    return dotScattered(b);
  }
  lastSelf = a;
  return dot(a, b);
}

/** Profiles of blocks that are compared many times (rejoin contexts overlap), computed once per block. */
const blockGrams = new WeakMap<object, { grams: Grams; half: number; full: number }>();

/**
 * What a piece of text looks like, for comparing it with another: its Han
 * character bigrams (vocabulary) and its share of half-width punctuation (style).
 * Grows by `add`, so an article's profile is kept up to date as fragments join it
 * instead of being recomputed for every comparison.
 *
 * A profile compared as it is (a context, a fragment) keeps sorted arrays; one that
 * grows after it has been compared (an article, fragment by fragment) moves its
 * counts into a Map, so that each addition costs its own length, not the article's.
 */
export class TextProfile {
  /** merged counts of everything added before `pending` (array form) */
  private grams: Grams = EMPTY;
  /** the counts once the profile grows after being compared (map form); then `grams` is unused */
  private map: Map<number, number> | null = null;
  private mapNorm2 = 0;
  /** texts added since the counts were last brought up to date */
  private pending: string[] = [];
  /** blocks whose counts are still to be added (ofBlocks) */
  private blocks: ReadonlyArray<{ text: string }> | null = null;
  private settled = false;
  private half = 0;
  private full = 0;

  static of(texts: Iterable<string>): TextProfile {
    const p = new TextProfile();
    for (const t of texts) p.add(t);
    return p;
  }

  /**
   * The profile of blocks' texts (as of(blocks.map(b => b.text))), reusing each
   * block's counts; counted only when first compared.
   */
  static ofBlocks(blocks: ReadonlyArray<{ text: string }>): TextProfile {
    const p = new TextProfile();
    p.blocks = blocks;
    return p;
  }

  add(text: string): this {
    if (!this.settled) {
      this.pending.push(text);
      return this;
    }
    // grows after a comparison: counted into the map as it comes
    let map = this.map;
    if (!map) {
      map = this.map = new Map();
      const { keys, counts, norm2 } = this.grams;
      for (let i = 0; i < keys.length; i++) map.set(keys[i], counts[i]);
      this.mapNorm2 = norm2;
      this.grams = EMPTY;
    }
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= HAN_FIRST && c <= HAN_LAST) {
        const h = c - HAN_FIRST;
        if (prev >= 0) {
          const code = prev * HAN_COUNT + h;
          const n = map.get(code) ?? 0;
          map.set(code, n + 1);
          this.mapNorm2 += 2 * n + 1;
        }
        prev = h;
        continue;
      }
      prev = -1;
      if (c === 0x2c || c === 0x3a || c === 0x3b || c === 0x28 || c === 0x29) this.half++;
      else if (c === 0xff0c || c === 0xff1a || c === 0xff1b || c === 0xff08 || c === 0xff09) this.full++;
    }
    return this;
  }

  private settle(): void {
    this.settled = true;
    if (this.blocks !== null) {
      for (const b of this.blocks) {
        let g = blockGrams.get(b);
        if (!g) {
          g = gramsOf([b.text]);
          blockGrams.set(b, g);
        }
        this.grams = mergeGrams(this.grams, g.grams);
        this.half += g.half;
        this.full += g.full;
      }
      this.blocks = null;
    }
    if (this.pending.length > 0) {
      const g = gramsOf(this.pending);
      this.pending = [];
      this.grams = mergeGrams(this.grams, g.grams);
      this.half += g.half;
      this.full += g.full;
    }
  }

  /** Share of half-width commas, colons and brackets; null when too few to say. */
  get halfWidth(): number | null {
    this.settle();
    const all = this.half + this.full;
    return all >= 4 ? this.half / all : null;
  }

  /** Cosine similarity of the bigram counts, 0..1. */
  cosine(other: TextProfile): number {
    this.settle();
    other.settle();
    const na = this.map ? this.mapNorm2 : this.grams.norm2;
    const nb = other.map ? other.mapNorm2 : other.grams.norm2;
    if (na === 0 || nb === 0) return 0;
    let d: number;
    if (this.map && other.map) d = dotMaps(this.map, other.map);
    else if (this.map) d = dotMapGrams(this.map, other.grams);
    else if (other.map) d = dotMapGrams(other.map, this.grams);
    else d = dotOf(this.grams, other.grams);
    return d / Math.sqrt(na * nb);
  }
}

function dotMapGrams(map: Map<number, number>, g: Grams): number {
  let sum = 0;
  for (let i = 0; i < g.keys.length; i++) {
    const m = map.get(g.keys[i]);
    if (m !== undefined) sum += m * g.counts[i];
  }
  return sum;
}

function dotMaps(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, n] of small) {
    const m = large.get(k);
    if (m !== undefined) sum += n * m;
  }
  return sum;
}
