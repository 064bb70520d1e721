import type { Point, Span } from '../types.js';

/** Where a text taken out of a longer one (a form-feed page) starts in it. */
export interface TextBase {
  /** its offset in the longer text */
  offset: number;
  /** the 1-based line and column of that offset */
  line: number;
  column: number;
}

const ORIGIN: TextBase = { offset: 0, line: 1, column: 1 };

/**
 * Maps offsets of the decoded text to 1-based line and column. Built once per input.
 * Look-ups mostly come in reading order, so each first tries the line of the one
 * before and the line after it; any other is a binary search, O(log lines).
 *
 * With a `base`, the text is a piece of a longer input (one of its pages) and the
 * points are those of the longer input: offsets in, positions out.
 */
export class LineIndex {
  private readonly starts: number[];
  /** the line (0-based) of the last look-up */
  private last = 0;

  constructor(
    readonly text: string,
    private readonly base: TextBase = ORIGIN,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    this.last = line;
    const { base } = this;
    const column = o - this.starts[line] + (line === 0 ? base.column : 1);
    return { line: line + base.line, column, offset: o + base.offset };
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
