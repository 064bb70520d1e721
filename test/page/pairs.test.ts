import { PairNumbering } from '../../src/page/pairs.js';

describe('PairNumbering', () => {
  it('numbers pairs from 1 in the order they are first added, and finds each again', () => {
    const table = new PairNumbering(4);
    expect(table.add(7, 3)).toBe(1);
    expect(table.add(3, 7)).toBe(2);
    expect(table.add(7, 3)).toBe(1);
    expect(table.numberOf(3, 7)).toBe(2);
    expect(table.numberOf(7, 7)).toBe(0);
    expect(table.size).toBe(2);
  });

  it('keeps every pair through its growth, whatever their 32-bit values', () => {
    // (sign bits, zero, -1 and code units packed two to an integer, far past 4 slots)
    const table = new PairNumbering(4);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 5000; i++) {
      const a = i % 3 === 0 ? -1 - i : i % 3 === 1 ? (0xffff << 16) | (i & 0xffff) : 0;
      pairs.push([a, Math.imul(i, 0x9e3779b1) | 0]);
    }
    pairs.forEach(([a, b], i) => expect(table.add(a, b)).toBe(i + 1));
    expect(table.size).toBe(pairs.length);
    pairs.forEach(([a, b], i) => expect(table.numberOf(a, b)).toBe(i + 1));
    expect(table.numberOf(1, 1)).toBe(0);
    expect(table.numberOf(-1, -1)).toBe(0);
  });
});
