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

describe('LineIndex of a piece of a longer text', () => {
  // a page after a form feed that sits mid-line: its first line keeps the column
  const whole = 'ab\ncd\fef\ngh\n\nij';
  const at = whole.indexOf('\f') + 1;
  const page = whole.slice(at);
  const full = new LineIndex(whole);

  it('gives the points of the longer text', () => {
    const lines = new LineIndex(page, { offset: at, line: 2, column: 4 });
    for (let o = 0; o <= page.length; o++) expect(lines.point(o)).toEqual(full.point(at + o));
  });

  it('clamps offsets to the piece', () => {
    const lines = new LineIndex(page, { offset: at, line: 2, column: 4 });
    expect(lines.point(-1)).toEqual(full.point(at));
    expect(lines.point(999)).toEqual(full.point(whole.length));
  });
});
