/**
 * Numbers pairs of 32-bit integers 1, 2, 3… in the order they are first added: an
 * open-addressing table of typed arrays, one probe for most look-ups and nothing
 * for the collector to trace. The page's headline look-ups key on a trie node and
 * a code unit, or on four code units packed in two. Keyed by strings in Maps, a
 * page of 80,000 headlines held a string and an entry for every prefix and run of
 * each, and hashing and collecting them made the time per headline grow with the
 * page (10.4× the time for 8× the headlines).
 */
export class PairNumbering {
  /** Pairs numbered so far: their numbers run from 1 to size. */
  size = 0;
  /** Slot s holds its pair at 2s and 2s + 1. */
  private pairs: Int32Array;
  /** Slot s holds its pair's number; 0: the slot is empty. */
  private numbers: Int32Array;
  private mask: number;

  constructor(slots = 64) {
    const capacity = 1 << Math.ceil(Math.log2(Math.max(4, slots)));
    this.pairs = new Int32Array(2 * capacity);
    this.numbers = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The number of (a, b); 0 if it was never added. */
  numberOf(a: number, b: number): number {
    const { pairs, numbers, mask } = this;
    for (let slot = slotOf(a, b) & mask; ; slot = (slot + 1) & mask) {
      const n = numbers[slot];
      if (n === 0 || (pairs[slot << 1] === a && pairs[(slot << 1) + 1] === b)) return n;
    }
  }

  /** The number of (a, b), numbered next if it is new. */
  add(a: number, b: number): number {
    const { pairs, numbers, mask } = this;
    let slot = slotOf(a, b) & mask;
    for (; numbers[slot] !== 0; slot = (slot + 1) & mask) {
      if (pairs[slot << 1] === a && pairs[(slot << 1) + 1] === b) return numbers[slot];
    }
    const n = ++this.size;
    pairs[slot << 1] = a;
    pairs[(slot << 1) + 1] = b;
    numbers[slot] = n;
    // at most half full: probes stay short
    if (2 * n > mask) this.rehash();
    return n;
  }

  private rehash(): void {
    const { pairs: oldPairs, numbers: oldNumbers } = this;
    const capacity = 2 * oldNumbers.length;
    const pairs = (this.pairs = new Int32Array(2 * capacity));
    const numbers = (this.numbers = new Int32Array(capacity));
    const mask = (this.mask = capacity - 1);
    for (let s = 0; s < oldNumbers.length; s++) {
      if (oldNumbers[s] === 0) continue;
      const a = oldPairs[s << 1];
      const b = oldPairs[(s << 1) + 1];
      let slot = slotOf(a, b) & mask;
      while (numbers[slot] !== 0) slot = (slot + 1) & mask;
      pairs[slot << 1] = a;
      pairs[(slot << 1) + 1] = b;
      numbers[slot] = oldNumbers[s];
    }
  }
}

/** A well-mixed hash of (a, b); the table takes its low bits. */
function slotOf(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}
