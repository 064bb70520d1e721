// A word table and jieba's dictionary cut (no HMM) over it, for the few Han
// characters either side of a seam.
//
// The table is written by the build (scripts/build-seam-dict.mjs) as one binary
// file that is used where it lies: no parsing, no per-word objects. Loading the
// native segmenter cost ~45 ms and ~35 MB at every cold start; this costs ~1 ms.
// test/page/words.test.ts checks that the cut is jieba's cut over the same words.
//
// File layout (little-endian):
//   int32 MAGIC, int32 count, float64 total frequency,
//   int32 byFirst[65537] (words whose first UTF-16 unit is c: byFirst[c] to byFirst[c + 1]),
//   int32 starts[count + 1] (UTF-16 offsets of each word in the text below),
//   int32 frequencies[count],
//   the words, UTF-16LE, sorted by code unit and concatenated.

export const WORD_TABLE_MAGIC = 0x5057_5432; // "PWT2"

const UNITS = 0x10000;
const HEADER = 16;

/** cut()'s working arrays, shared by every table (cut() runs to completion, never nested). */
let best = new Float64Array(64);
let next = new Int32Array(64);

export class WordTable {
  private readonly logTotal: number;

  private constructor(
    private readonly byFirst: Int32Array,
    private readonly starts: Int32Array,
    private readonly frequencies: Int32Array,
    private readonly text: Uint16Array,
    total: number,
  ) {
    this.logTotal = Math.log(total);
  }

  /** The table from the build's file, or an error naming what is wrong with it. */
  static fromBytes(bytes: Uint8Array): WordTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < HEADER || view.getInt32(0, true) !== WORD_TABLE_MAGIC) throw new Error('not a word table');
    const count = view.getInt32(4, true);
    const total = view.getFloat64(8, true);
    const startsAt = HEADER + (UNITS + 1) * 4;
    const frequenciesAt = startsAt + (count + 1) * 4;
    const textAt = frequenciesAt + count * 4;
    if (count < 0 || textAt > bytes.byteLength || (bytes.byteLength - textAt) % 2 !== 0) throw new Error('word table cut short');
    const byFirst = readArray(Int32Array, bytes, HEADER, UNITS + 1);
    const starts = readArray(Int32Array, bytes, startsAt, count + 1);
    const frequencies = readArray(Int32Array, bytes, frequenciesAt, count);
    const text = readArray(Uint16Array, bytes, textAt, (bytes.byteLength - textAt) / 2);
    if (starts[count] !== text.length || byFirst[UNITS] !== count) throw new Error('word table cut short');
    return new WordTable(byFirst, starts, frequencies, text, total);
  }

  /** The file's bytes for `words` (word → frequency); what the build writes. */
  static encode(words: ReadonlyMap<string, number>): Uint8Array {
    const sorted = [...words.keys()].filter((w) => w.length > 0).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let total = 0;
    for (const w of sorted) total += words.get(w)!;
    const count = sorted.length;
    const textLength = sorted.reduce((n, w) => n + w.length, 0);
    const bytes = new Uint8Array(HEADER + (UNITS + 1) * 4 + (count + 1) * 4 + count * 4 + textLength * 2);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, WORD_TABLE_MAGIC, true);
    view.setInt32(4, count, true);
    view.setFloat64(8, total, true);
    let at = HEADER;
    let k = 0;
    for (let c = 0; c <= UNITS; c++, at += 4) {
      while (k < count && sorted[k].charCodeAt(0) < c) k++;
      view.setInt32(at, k, true);
    }
    let start = 0;
    for (const word of sorted) {
      view.setInt32(at, start, true);
      at += 4;
      start += word.length;
    }
    view.setInt32(at, start, true);
    at += 4;
    for (const word of sorted) {
      view.setInt32(at, words.get(word)!, true);
      at += 4;
    }
    for (const word of sorted) for (let i = 0; i < word.length; i++, at += 2) view.setUint16(at, word.charCodeAt(i), true);
    return bytes;
  }

  get size(): number {
    return this.frequencies.length;
  }

  /** Every word and its frequency, in table order. */
  *entries(): IterableIterator<[string, number]> {
    for (let k = 0; k < this.size; k++) yield [String.fromCharCode(...this.text.subarray(this.starts[k], this.starts[k + 1])), this.frequencies[k]];
  }

  /** The frequency of `word`, 0 when it is not in the table. */
  frequency(word: string): number {
    if (word.length === 0) return 0;
    const first = word.charCodeAt(0);
    let lo = this.byFirst[first];
    let hi = this.byFirst[first + 1];
    for (let d = 1; d < word.length && lo < hi; d++) {
      const code = word.charCodeAt(d);
      const from = this.lowerBound(lo, hi, d, code);
      hi = this.lowerBound(from, hi, d, code + 1);
      lo = from;
    }
    return lo < hi && this.lengthOf(lo) === word.length ? this.frequencies[lo] : 0;
  }

  /**
   * jieba's cut without HMM: the segmentation whose words' frequencies give the
   * highest product, characters outside every word standing alone (frequency 1),
   * ties going to the longer word. For Han text: the segmenter's answer exactly.
   */
  cut(sentence: string): string[] {
    const n = sentence.length;
    // best[i]: log-probability of the best segmentation of sentence[i..]; next[i]: where its first word ends
    // (scratch arrays: the page stage cuts once per seam, hundreds of thousands of times on a big page)
    if (n + 1 > best.length) {
      best = new Float64Array(2 * (n + 1));
      next = new Int32Array(2 * (n + 1));
    }
    best[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      best[i] = -Infinity;
      // words opening at i: those starting with its character, narrowed character by character
      const first = sentence.charCodeAt(i);
      let lo = this.byFirst[first];
      let hi = this.byFirst[first + 1];
      let found = false;
      for (let j = i; lo < hi; ) {
        const length = j - i + 1;
        // the sorted range opens on the word that is its prefix, if there is one
        if (this.lengthOf(lo) === length) {
          found = true;
          this.consider(i, j + 1, this.frequencies[lo]);
          lo++;
        }
        if (++j >= n) break;
        const code = sentence.charCodeAt(j);
        const from = this.lowerBound(lo, hi, length, code);
        hi = this.lowerBound(from, hi, length, code + 1);
        lo = from;
      }
      // a character that opens no word is a word of its own
      if (!found) this.consider(i, i + 1, 1);
    }
    const words: string[] = [];
    for (let i = 0; i < n; i = next[i]) words.push(sentence.slice(i, next[i]));
    return words;
  }

  private consider(i: number, end: number, frequency: number): void {
    const score = Math.log(frequency || 1) - this.logTotal + best[end];
    // the candidates come in order of length: >= lets a tie go to the longer word
    if (score >= best[i]) {
      best[i] = score;
      next[i] = end;
    }
  }

  private lengthOf(k: number): number {
    return this.starts[k + 1] - this.starts[k];
  }

  /**
   * Within [lo, hi), sorted words that share their first `depth` characters, the
   * first whose character at `depth` is at least `code` (a word of only `depth`
   * characters counts as lowest).
   */
  private lowerBound(lo: number, hi: number, depth: number, code: number): number {
    const { starts, text } = this;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = starts[mid] + depth;
      if (at < starts[mid + 1] && text[at] >= code) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

type ArrayOf<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number };

/**
 * `length` little-endian numbers at `at`: the file's own bytes where the machine
 * is little-endian and they are aligned (the usual case: no copy), read one by one
 * otherwise.
 */
export function readArray<T extends Int32Array | Uint16Array>(Type: ArrayOf<T>, bytes: Uint8Array, at: number, length: number): T {
  const size = Type.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % size === 0) return new Type(bytes.buffer, bytes.byteOffset + at, length);
  const out = new Type(length);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, length * size);
  for (let i = 0; i < length; i++) out[i] = size === 4 ? view.getInt32(i * 4, true) : view.getUint16(i * 2, true);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
