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
//   int32 starts[count + 1] (UTF-16 offsets of each word in the text below),
//   int32 frequencies[count],
//   the words, UTF-16LE, sorted by code unit and concatenated.

export const WORD_TABLE_MAGIC = 0x5057_5431; // "PWT1"

export class WordTable {
  private readonly logTotal: number;

  private constructor(
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
    if (bytes.byteLength < 16 || view.getInt32(0, true) !== WORD_TABLE_MAGIC) throw new Error('not a word table');
    const count = view.getInt32(4, true);
    const total = view.getFloat64(8, true);
    const startsAt = 16;
    const frequenciesAt = startsAt + (count + 1) * 4;
    const textAt = frequenciesAt + count * 4;
    if (count < 0 || textAt > bytes.byteLength || (bytes.byteLength - textAt) % 2 !== 0) throw new Error('word table cut short');
    const starts = readArray(Int32Array, bytes, startsAt, count + 1);
    const frequencies = readArray(Int32Array, bytes, frequenciesAt, count);
    const text = readArray(Uint16Array, bytes, textAt, (bytes.byteLength - textAt) / 2);
    if (starts[count] !== text.length) throw new Error('word table cut short');
    return new WordTable(starts, frequencies, text, total);
  }

  /** The file's bytes for `words` (word → frequency); what the build writes. */
  static encode(words: ReadonlyMap<string, number>): Uint8Array {
    const sorted = [...words.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let total = 0;
    for (const f of words.values()) total += f;
    const text = sorted.join('');
    const count = sorted.length;
    const bytes = new Uint8Array(16 + (count + 1) * 4 + count * 4 + text.length * 2);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, WORD_TABLE_MAGIC, true);
    view.setInt32(4, count, true);
    view.setFloat64(8, total, true);
    let at = 16;
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
    for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), true);
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
    let lo = 0;
    let hi = this.size;
    for (let d = 0; d < word.length && lo < hi; d++) {
      [lo, hi] = this.narrow(lo, hi, d, word.charCodeAt(d));
      if (lo < hi && d === word.length - 1 && this.lengthOf(lo) === word.length) return this.frequencies[lo];
    }
    return 0;
  }

  /**
   * jieba's cut without HMM: the segmentation whose words' frequencies give the
   * highest product, characters outside every word standing alone (frequency 1),
   * ties going to the longer word. For Han text: the segmenter's answer exactly.
   */
  cut(sentence: string): string[] {
    const n = sentence.length;
    // best[i]: log-probability of the best segmentation of sentence[i..]; next[i]: where its first word ends
    const best = new Float64Array(n + 1);
    const next = new Int32Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      best[i] = -Infinity;
      let lo = 0;
      let hi = this.size;
      let found = false;
      for (let j = i; j < n && lo < hi; j++) {
        const depth = j - i;
        [lo, hi] = this.narrow(lo, hi, depth, sentence.charCodeAt(j));
        if (lo >= hi) break;
        if (this.lengthOf(lo) === depth + 1) {
          found = true;
          this.consider(best, next, i, j + 1, this.frequencies[lo]);
          lo++; // the word itself; longer words with this prefix follow it
        }
      }
      // a character that opens no word is a word of its own
      if (!found) this.consider(best, next, i, i + 1, 1);
    }
    const words: string[] = [];
    for (let i = 0; i < n; i = next[i]) words.push(sentence.slice(i, next[i]));
    return words;
  }

  private consider(best: Float64Array, next: Int32Array, i: number, end: number, frequency: number): void {
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
   * Within [lo, hi), words sharing a prefix of length `depth` and at least `depth + 1`
   * long (sorted), the sub-range whose character at `depth` is `code`.
   */
  private narrow(lo: number, hi: number, depth: number, code: number): [number, number] {
    const charAt = (k: number) => (this.lengthOf(k) > depth ? this.text[this.starts[k] + depth] : -1);
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (charAt(mid) < code) a = mid + 1;
      else b = mid;
    }
    let c = a;
    b = hi;
    while (c < b) {
      const mid = (c + b) >>> 1;
      if (charAt(mid) <= code) c = mid + 1;
      else b = mid;
    }
    return [a, c];
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
