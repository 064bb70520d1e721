// The typed hand-offs between pipeline stages. The output shape itself lives in
// schemas/policyparse.schema.json; its TypeScript twin is generated next door.
export type {
  PolicyDocument,
  Article,
  Node,
  Span,
  Point,
  Diagnostic,
  Dateline,
  Continuation,
  Furniture,
  TextPiece,
  Source,
  PageMeta,
} from './types/output.generated.js';
import type { Diagnostic, Span } from './types/output.generated.js';

export type InputFormat = 'text' | 'markdown' | 'html';

/** bytes -> text. */
export interface Decoded {
  text: string;
  encoding: string;
  bytes: number;
  sha256: string;
  diagnostics: Diagnostic[];
}

/**
 * A run of source text that a stage keeps whole. `start`/`end` are offsets into the
 * decoded input (UTF-16 code units); `from` is where the run begins inside the
 * text of the thing that holds it. Blocks and paragraphs made of several source
 * runs (an unwrapped OCR paragraph, a sentence re-joined across columns) keep one
 * segment per run, so every character can be traced back to the input.
 */
export interface Segment {
  from: number;
  start: number;
  end: number;
}

/** A front-end's unit: one paragraph, heading or table row line, as written. */
export interface Block {
  text: string;
  segments: Segment[];
  /** Markdown ATX heading depth (1 for `#`), or 0. */
  heading: number;
  /** Table cells when the front-end saw a real table row (HTML <tr>, Markdown table). */
  cells?: string[];
  /** Set by the HTML front-end: the block came from a headline element of the article. */
  role?: 'title' | 'meta';
}

/** A range of the decoded input, [start, end) in UTF-16 code units. */
export interface SourceRange {
  start: number;
  end: number;
}

/** What front-ends hand to the page stage. */
export interface BlockStream {
  blocks: Block[];
  /** Metadata the front-end found outside the body (HTML: page date, edition). */
  meta: { date?: string | null; edition?: string | null; title?: string | null };
  diagnostics: Diagnostic[];
  /**
   * What a front-end set aside instead of making blocks of it, so that every input
   * character stays accounted for (src/frontends/set-aside.ts puts it in the output):
   * markup is Markdown syntax read as syntax; noise is page chrome outside the
   * article (HTML navigation, footers, link lists); unassigned is text that belongs
   * nowhere (hidden HTML elements), each with a diagnostic.
   */
  markup?: SourceRange[];
  noise?: Array<SourceRange & { text: string }>;
  unassigned?: Array<SourceRange & { text: string }>;
}

/** A body paragraph of one article, possibly re-joined from several fragments. */
export interface Paragraph {
  text: string;
  segments: Segment[];
  /** The block was a markdown heading in the input (a hint for the structure stage). */
  heading: number;
  cells?: string[];
}

export interface Located<T> {
  value: T;
  span: Span;
}

/** The page stage's result for one article, before its structure is parsed. */
export interface ArticleDraft {
  title: string | null;
  dateline: import('./types/output.generated.js').Dateline | null;
  continuedFrom: import('./types/output.generated.js').Continuation | null;
  continuedTo: import('./types/output.generated.js').Continuation | null;
  byline: string | null;
  paragraphs: Paragraph[];
}
