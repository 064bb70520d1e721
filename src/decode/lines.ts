import type { Point, Span } from '../types.js';

/**
 * Maps offsets of the decoded text to 1-based line and column. Built once per input;
 * each look-up is a binary search, so positions cost O(log lines).
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1, offset: o };
  }

  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(end) };
  }

  /**
   * The span that covers source runs: from the earliest start to the latest end.
   * Runs come in reading order, which is not always source order (a sentence
   * re-joined across columns, text an HTML parser moved out of a table), so the
   * ends are taken by offset, never by position in the list.
   */
  extent(segments: ReadonlyArray<{ start: number; end: number }>): Span {
    if (segments.length === 0) return this.span(0, 0);
    let start = Infinity;
    let end = -Infinity;
    for (const s of segments) {
      if (s.start < start) start = s.start;
      if (s.end > end) end = s.end;
    }
    return this.span(start, Math.max(start, end));
  }
}
