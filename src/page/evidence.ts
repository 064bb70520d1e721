import type { LeadingMarker } from './markers.js';

// Evidence that two pieces of text belong to one article, shared by seam linking
// (rejoin.ts) and fragment assignment (assign.ts). Each returns a score around 0:
// positive for the same article, negative against.

/** The most numberingScore() gives: the next number of a scheme. */
export const MOST_NUMBERING_SCORE = 3;
/** What numberingScore() gives a number out of step: 七、 then 一、, （三） then （九）. */
const OUT_OF_STEP = -2;

/**
 * How the numbering of `before` is continued by the first marker of `after`.
 * `kinds`: whether a scheme of the other kind of document (一、 after a law's 条,
 * 第二章 after a plan's 二、) counts as out of step; off where the question is only
 * how well the two read on from each other within a column (seams' sequel points).
 */
export function numberingScore(before: LeadingMarker[], after: LeadingMarker[], kinds = true): number {
  // (no arrays or sets made: this runs for every pair of fragments weighed)
  let first = -1;
  // Any of the first few numbered markers of `after` that continues a scheme of
  // `before` speaks: 43. → 44. even with a 十二、 heading between them, and even
  // when the column has moved on to another article a paragraph later.
  let best: number | null = null;
  let worst: number | null = null;
  for (let j = 0, seen = 0; j < after.length && seen < 3; j++) {
    const next = after[j];
    if (!isNumbered(next)) continue;
    seen++;
    if (first < 0) first = j;
    // Only the first marker of each scheme faces `before`: (六) (七) after （六）
    // is a repeat followed by its own sequel, not a continuation.
    if (schemeSeenBefore(after, j)) continue;
    for (let k = before.length - 1; k >= 0; k--) {
      const m = before[k];
      if (m.scheme !== next.scheme || m.number === null) continue;
      const score =
        next.number === m.number + 1 ? MOST_NUMBERING_SCORE : next.number === m.number + 2 ? 1 : next.number === 1 ? restartScore(before, k, after, j) : OUT_OF_STEP;
      best = best === null ? score : Math.max(best, score);
      worst = worst === null ? score : Math.min(worst, score);
      break;
    }
  }
  if (first < 0) {
    // A question/answer sequence continued by more questions and answers.
    const beforeQa = before.some((m) => m.scheme === 'qa');
    const afterQa = after.some((m) => m.scheme === 'qa');
    return beforeQa && afterQa ? 1 : beforeQa !== afterQa && after.length > 0 && before.length > 0 ? -0.5 : 0;
  }
  // An exact next number speaks for itself; short of one, a number out of step
  // stands against the rest (第四十四条 after 第一千一百零五条 is another law, however
  // well its 第三节 follows a 第一节).
  if (best !== null) return best === MOST_NUMBERING_SCORE ? best : (worst as number);
  // Schemes new to `before`: a lower level starting at 1 is a fine sequel; a level
  // above everything in `before` (二、 after （三）) says nothing, since the window
  // rarely reaches back to the 一、 it continues.
  const opening = after[first];
  // A law is divided into 章, 节 and 条, a plan or a notice into 一、 二、: 二、
  // after 第三十八条, or 第二章 after 二、, opens another document. (Not 第X条 after
  // 一、: a notice's sections may quote or carry articles.)
  if (kinds && opening.scheme === 'cn-dun' && before.some(isLawDivision)) return OUT_OF_STEP;
  if (kinds && (opening.scheme === 'chapter' || opening.scheme === 'section') && before.some((m) => m.scheme === 'cn-dun')) return OUT_OF_STEP;
  if (opening.number === 1) return 0.5;
  if (before.length > 0 && before.every((m) => m.rank > opening.rank)) return 0;
  return before.length > 0 ? -0.5 : 0;
}

const isNumbered = (m: LeadingMarker) => m.number !== null && m.scheme !== 'qa';
const isLawDivision = (m: LeadingMarker) => m.scheme === 'article' || m.scheme === 'section' || m.scheme === 'chapter';

/** Whether a numbered marker before after[j] has its scheme. */
function schemeSeenBefore(after: LeadingMarker[], j: number): boolean {
  for (let i = 0; i < j; i++) if (isNumbered(after[i]) && after[i].scheme === after[j].scheme) return true;
  return false;
}

/**
 * A list starting again at 1: after a new heading of a higher level (（一） under
 * the next 第十二条, 1. under the next （二）) it is the expected sequel; with no
 * such heading since its last item, it belongs to another document. The heading
 * may also open `after` itself: 第一节 after 第四节 says nothing against `before`
 * when a 第三章 that could follow it comes first (第三章 | 第一节 | 第二十五条).
 * 一是 lists restart freely inside paragraphs.
 */
function restartScore(before: LeadingMarker[], last: number, after: LeadingMarker[], at: number): number {
  const next = after[at];
  if (next.scheme === 'enum') return 0;
  for (let k = last + 1; k < before.length; k++) if (before[k].rank < next.rank) return 1;
  for (let k = 0; k < at; k++) if (isNumbered(after[k]) && after[k].rank < next.rank && fitsAfter(before, after[k])) return 0;
  return OUT_OF_STEP;
}

/**
 * Whether a heading can follow `before`: its scheme is new there (第三章 where only
 * 节 and 条 were seen) or it is the next number of it (第三章 after 第二章).
 */
function fitsAfter(before: LeadingMarker[], heading: LeadingMarker): boolean {
  for (let k = before.length - 1; k >= 0; k--) {
    const m = before[k];
    if (m.scheme === heading.scheme && m.number !== null) return heading.number === m.number + 1;
  }
  return true;
}

/** The most styleScore() gives. */
export const MOST_STYLE_SCORE = 0.5;

export function styleScore(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0;
  const d = Math.abs(a - b);
  return d < 0.2 ? MOST_STYLE_SCORE : d > 0.6 ? -1.5 : 0;
}

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fa5;
const HAN_COUNT = HAN_LAST - HAN_FIRST + 1;
const NO_COUNTS = new Int32Array(0);

/**
 * The Han bigram counts of a block, or of a run of blocks: `n` ids of the page's
 * vocabulary (each once) at `at` in the vocabulary's arena, their counts right
 * after them, and the punctuation counts. In one arena per page rather than in
 * arrays of their own: a page of thousands of lines would otherwise keep two
 * arrays per line alive for the collector to copy and scan.
 */
interface BlockGrams {
  at: number;
  n: number;
  /** sum of the squared counts */
  norm2: number;
  half: number;
  full: number;
}

/**
 * The Han character bigrams of one page, numbered 0, 1, 2… as first met, so that
 * a profile's counts can sit in a plain array indexed by bigram: adding text to an
 * article's profile and comparing two profiles are array look-ups, not hashing or
 * sorting. Every count, dot product and norm is an integer, so cosine() gives the
 * very same value whatever order the bigrams are visited in. One per page: the
 * numbering grows with the text it has seen.
 */
export class Vocabulary {
  /**
   * Bigram code (first × 20902 + second, under 2^29) -> id, by open addressing:
   * slot s holds the code at 2s and its id at 2s + 1 (one memory fetch a probe).
   * Sized for a newspaper page, some 5,000 bigrams; grown when a page has more.
   */
  private slots = new Int32Array(2 << 14).fill(-1);
  private shift = 32 - 14;
  private size = 0;
  private readonly blocks = new Map<object, BlockGrams>();
  /** counts by id while a block or a run of blocks is summed: all zero between uses */
  private tally = new Int32Array(1 << 13);
  /**
   * the ids the tally holds, in the order first counted (a block's or a sum's: one
   * at a time). An array of the page, not one per block: a page's blocks and
   * contexts made some 0.4 MB of short-lived arrays, the young generation's churn.
   */
  private touched = new Int32Array(1 << 13);
  /** a profile's counts by id, for comparing it with one profile after another */
  private scattered = new Int32Array(1 << 13);
  /** whose counts are in `scattered` */
  private owner: BlockGrams | null = null;
  /** @internal every BlockGrams' ids and counts (see BlockGrams), `used` of it taken */
  arena = new Int32Array(1 << 14);
  private used = 0;

  /** A profile of blocks' texts, counted when first compared (a context, a fragment). */
  ofBlocks(blocks: ReadonlyArray<{ text: string }>): TextProfile {
    return new TextProfile(this, blocks);
  }

  /** An empty profile that grows a block at a time (an article as fragments join it). */
  growing(): TextProfile {
    return new TextProfile(this, null);
  }

  /** @internal the counts of a block, worked out once per page */
  gramsOf(block: { text: string }): BlockGrams {
    let grams = this.blocks.get(block);
    if (grams) return grams;
    const text = block.text;
    let n = 0;
    let half = 0;
    let full = 0;
    let prev = -1;
    // (the look-up written out, not a method: a cold run interprets this loop, where
    // a call per bigram costs more than the look-up)
    let { slots, tally, touched, shift } = this;
    let mask = (slots.length >> 1) - 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= HAN_FIRST && c <= HAN_LAST) {
        const h = c - HAN_FIRST;
        if (prev >= 0) {
          const code = prev * HAN_COUNT + h;
          let slot = Math.imul(code, 0x9e3779b1) >>> shift;
          let k = slots[slot << 1];
          while (k !== code && k !== -1) k = slots[(slot = (slot + 1) & mask) << 1];
          let id: number;
          if (k === code) id = slots[(slot << 1) + 1];
          else {
            // new to the page (nearly half the bigrams of a page): numbered in the
            // empty slot the probe stopped at
            id = this.size++;
            slots[slot << 1] = code;
            slots[(slot << 1) + 1] = id;
            if (this.size === tally.length || this.size * 4 > slots.length) {
              this.grow();
              ({ slots, tally, touched, shift } = this);
              mask = (slots.length >> 1) - 1;
            }
          }
          if (tally[id]++ === 0) touched[n++] = id;
        }
        prev = h;
        continue;
      }
      prev = -1;
      // , : ; ( ) and their full-width forms ， ： ； （ ）
      if (c === 0x2c || c === 0x3a || c === 0x3b || c === 0x28 || c === 0x29) half++;
      else if (c === 0xff0c || c === 0xff1a || c === 0xff1b || c === 0xff08 || c === 0xff09) full++;
    }
    grams = this.collect(n, half, full);
    this.blocks.set(block, grams);
    return grams;
  }

  /** @internal the sum of the blocks' counts */
  sum(blocks: ReadonlyArray<{ text: string }>): BlockGrams {
    if (blocks.length === 1) return this.gramsOf(blocks[0]);
    // every block counted first: counting uses the tally this sum is made in (and
    // may move the arena)
    const grams: BlockGrams[] = [];
    for (let k = 0; k < blocks.length; k++) grams.push(this.gramsOf(blocks[k]));
    const { arena, tally, touched } = this;
    let n = 0;
    let half = 0;
    let full = 0;
    for (const b of grams) {
      const bn = b.n;
      for (let i = b.at, end = i + bn; i < end; i++) {
        const id = arena[i];
        if (tally[id] === 0) touched[n++] = id;
        tally[id] += arena[i + bn];
      }
      half += b.half;
      full += b.full;
    }
    return this.collect(n, half, full);
  }

  /** The tallied counts of the first `n` ids of `touched` into the arena; the tally back to zero. */
  private collect(n: number, half: number, full: number): BlockGrams {
    if (this.used + 2 * n > this.arena.length) {
      this.arena = widened(this.arena.subarray(0, this.used), Math.max(this.arena.length * 2, this.used + 2 * n));
    }
    const { arena, tally, touched } = this;
    const at = this.used;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const id = touched[i];
      const count = tally[id];
      arena[at + i] = id;
      arena[at + n + i] = count;
      norm2 += count * count;
      tally[id] = 0;
    }
    this.used += 2 * n;
    // (built field by field: an object spread here cost more than all the counting)
    return { at, n, norm2, half, full };
  }

  /** @internal Σ a[g] × b[g] of the counts of two profiles of fixed blocks. */
  dot(a: BlockGrams, b: BlockGrams): number {
    // `a` is compared with one profile after another (a cut's context against every
    // head after it): its counts are laid out by id once, and each comparison is a
    // look-up per bigram of the other side.
    const { scattered, arena } = this;
    if (this.owner !== a) {
      const old = this.owner;
      if (old) for (let i = old.at, end = i + old.n; i < end; i++) scattered[arena[i]] = 0;
      const an = a.n;
      for (let i = a.at, end = i + an; i < end; i++) scattered[arena[i]] = arena[i + an];
      this.owner = a;
    }
    let sum = 0;
    const bn = b.n;
    for (let i = b.at, end = i + bn; i < end; i++) sum += scattered[arena[i]] * arena[i + bn];
    return sum;
  }

  /** @internal Σ dense[g] × b[g] */
  denseDot(dense: Int32Array, b: BlockGrams): number {
    const arena = this.arena;
    const bn = b.n;
    const known = dense.length;
    let sum = 0;
    for (let i = b.at, end = i + bn; i < end; i++) {
      const id = arena[i];
      if (id < known) sum += dense[id] * arena[i + bn];
    }
    return sum;
  }

  /** @internal Σ counts[g] × b[g] */
  mapDot(counts: ReadonlyMap<number, number>, b: BlockGrams): number {
    const arena = this.arena;
    const bn = b.n;
    let sum = 0;
    for (let i = b.at, end = i + bn; i < end; i++) sum += (counts.get(arena[i]) ?? 0) * arena[i + bn];
    return sum;
  }

  /** Room for the ids numbered so far and more: the arrays indexed by id, the slots. */
  private grow(): void {
    if (this.size === this.tally.length) this.growArrays();
    if (this.size * 4 > this.slots.length) this.rehash();
  }

  /** Room for more ids in the arrays indexed by id (the old counts kept). */
  private growArrays(): void {
    this.tally = widened(this.tally, this.tally.length * 2);
    // (mid-block: the ids counted so far go along)
    this.touched = widened(this.touched, this.touched.length * 2);
    this.scattered = widened(this.scattered, this.scattered.length * 2);
  }

  private rehash(): void {
    const old = this.slots;
    const bits = 32 - this.shift + 1;
    const slots = (this.slots = new Int32Array(2 << bits).fill(-1));
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (let i = 0; i < old.length; i += 2) {
      const code = old[i];
      if (code === -1) continue;
      let slot = Math.imul(code, 0x9e3779b1) >>> this.shift;
      while (slots[slot << 1] !== -1) slot = (slot + 1) & mask;
      slots[slot << 1] = code;
      slots[(slot << 1) + 1] = old[i + 1];
    }
  }
}

/**
 * How much longer than its count of distinct bigrams a growing profile's array of
 * counts may be: past that it keeps them in a map. (The array is indexed by the
 * page's bigram ids, and a late article of a page meets ids in the thousands
 * with a few hundred of its own.)
 */
const DENSITY = 16;

/**
 * What a piece of text looks like, for comparing it with another: its Han
 * character bigrams (vocabulary) and its share of half-width punctuation (style).
 *
 * A profile compared as it is (a context, a fragment) sums its blocks' counts
 * once, when first compared. One that grows (an article, fragment by fragment)
 * keeps its counts by bigram id, so that each addition costs the block's own
 * length, not the article's: in an array indexed by id while its bigrams are a
 * fair share of the ids below its highest, in a map while they are few. (Arrays
 * alone, each as long as the page's vocabulary, made a page of 48,000 short
 * articles allocate 1.5 GB: articles times vocabulary.)
 */
export class TextProfile {
  /** the counts of a profile of fixed blocks, once summed */
  private sparse: BlockGrams | null = null;
  /** whether blocks are added to it one by one (growing()) */
  private readonly grows: boolean;
  /** a growing profile's counts by bigram id, while dense enough (see DENSITY) */
  private dense: Int32Array | null = null;
  /** a growing profile's counts by bigram id otherwise */
  private counts: Map<number, number> | null = null;
  /** the ids a growing profile has counted, in the order first met, and the highest */
  private denseIds = NO_COUNTS;
  private top = -1;
  private denseCount = 0;
  private norm2 = 0;
  private half = 0;
  private full = 0;

  /** @internal made by Vocabulary.ofBlocks() and growing() */
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly blocks: ReadonlyArray<{ text: string }> | null,
  ) {
    this.grows = blocks === null;
    if (this.grows) this.dense = NO_COUNTS;
  }

  /** Adds a block's text to a growing profile. */
  add(block: { text: string }): this {
    const g = this.vocabulary.gramsOf(block);
    if (!this.grows) throw new Error('internal error: a profile of fixed blocks does not grow');
    const arena = this.vocabulary.arena;
    const gn = g.n;
    let top = this.top;
    for (let i = g.at, end = i + gn; i < end; i++) if (arena[i] > top) top = arena[i];
    this.fit(top, this.denseCount + gn);
    this.top = top;
    // (fields read into locals and written back once: a short run interprets this
    // loop, where each field access is an instruction of every pass)
    let ids = this.denseIds;
    let count = this.denseCount;
    let norm2 = this.norm2;
    const dense = this.dense;
    const counts = this.counts;
    for (let i = g.at, end = i + gn; i < end; i++) {
      const id = arena[i];
      const c = arena[i + gn];
      const n = dense ? dense[id] : (counts!.get(id) ?? 0);
      if (n === 0) {
        // (a typed array grown by doubling: a JS array grown by push made most of an
        // article's allocations)
        if (count === ids.length) ids = widened(ids, Math.max(64, ids.length * 2));
        ids[count++] = id;
      }
      if (dense) dense[id] = n + c;
      else counts!.set(id, n + c);
      norm2 += (2 * n + c) * c;
    }
    this.denseIds = ids;
    this.denseCount = count;
    this.norm2 = norm2;
    this.half += g.half;
    this.full += g.full;
    return this;
  }

  /**
   * Room for ids up to `top` (the highest it will hold) in a growing profile about
   * to hold at most `distinct` of them: the array, lengthened (doubling), while it
   * stays within DENSITY times that; else the map. Moves the counts when the form
   * changes.
   */
  private fit(top: number, distinct: number): void {
    const dense = this.dense;
    if (dense && top < dense.length) return;
    if (top + 1 <= DENSITY * distinct) {
      const length = dense ? Math.min(Math.max(top + 1, dense.length * 2), DENSITY * distinct) : top + 1;
      if (dense) this.dense = widened(dense, length);
      else {
        const array = new Int32Array(length);
        for (const [id, n] of this.counts!) array[id] = n;
        this.dense = array;
        this.counts = null;
      }
    } else if (dense) {
      const counts = new Map<number, number>();
      for (let k = 0; k < this.denseCount; k++) counts.set(this.denseIds[k], dense[this.denseIds[k]]);
      this.counts = counts;
      this.dense = null;
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
    const a = this.settle();
    const b = other.settle();
    if (a.norm2 === 0 || b.norm2 === 0) return 0;
    let d: number;
    if (a.grows && b.grows) d = a.denseCount <= b.denseCount ? a.growingDot(b) : b.growingDot(a);
    else if (a.grows) d = a.fixedDot(b.sparse!);
    else if (b.grows) d = b.fixedDot(a.sparse!);
    else d = this.vocabulary.dot(a.sparse!, b.sparse!);
    return d / Math.sqrt(a.norm2 * b.norm2);
  }

  /** Σ this[g] × fixed[g], this growing. */
  private fixedDot(fixed: BlockGrams): number {
    if (this.dense) return this.vocabulary.denseDot(this.dense, fixed);
    return this.vocabulary.mapDot(this.counts!, fixed);
  }

  /** Σ this[g] × other[g], both growing: over this one's ids. */
  private growingDot(other: TextProfile): number {
    let sum = 0;
    for (let k = 0; k < this.denseCount; k++) {
      const id = this.denseIds[k];
      sum += this.countOf(id) * other.countOf(id);
    }
    return sum;
  }

  private countOf(id: number): number {
    if (this.dense) return id < this.dense.length ? this.dense[id] : 0;
    return this.counts!.get(id) ?? 0;
  }

  private settle(): this {
    if (this.blocks && !this.sparse) {
      this.sparse = this.vocabulary.sum(this.blocks);
      this.norm2 = this.sparse.norm2;
      this.half = this.sparse.half;
      this.full = this.sparse.full;
    }
    return this;
  }
}

/** A longer array holding `values` at its start, zeros after. */
function widened(values: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const wider = new Int32Array(length);
  wider.set(values);
  return wider;
}
