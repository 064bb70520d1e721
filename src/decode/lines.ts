import type { Point, Span } from '../types.js';

/**
 * Maps offsets of the decoded text to 1-based line and column. Built once per input.
 * Look-ups mostly come in reading order, so each first tries the line of the one
 * before and the line after it; any other is a binary search, O(log lines).
 */
export class LineIndex {
  private readonly starts: number[];
  /** the line (0-based) of the last look-up */
  private last = 0;

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    this.last = line;
    return { line: line + 1, column: o - this.starts[line] + 1, offset: o };
  }

  /** The last line that starts at or before `o`. */
  private lineAt(o: number): number {
    const { starts, last } = this;
    const n = starts.length;
    if (starts[last] <= o && (last + 1 === n || starts[last + 1] > o)) return last;
    const next = last + 1;
    if (next < n && starts[next] <= o && (next + 1 === n || starts[next + 1] > o)) return next;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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
