import { LineIndex } from '../../src/decode/lines.js';

describe('LineIndex', () => {
  const text = 'ab\ncde\n\nf\n';
  // every offset's line and column, worked out by walking the text
  const expected = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length;
    return { line, column: o - (before.lastIndexOf('\n') + 1) + 1, offset: o };
  };

  it('gives line and column of every offset, in order', () => {
    const lines = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) expect(lines.point(o)).toEqual(expected(o));
  });

  it('gives the same answers in any order (the look-up remembers the last line)', () => {
    const lines = new LineIndex(text);
    const order = [9, 0, 4, 3, 10, 7, 2, 8, 1, 6, 5, 9, 0];
    for (const o of order) expect(lines.point(o)).toEqual(expected(o));
  });

  it('clamps offsets outside the text', () => {
    const lines = new LineIndex(text);
    expect(lines.point(-5)).toEqual(expected(0));
    expect(lines.point(999)).toEqual(expected(text.length));
  });
});
