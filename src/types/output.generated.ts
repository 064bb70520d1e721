/* Generated from schemas/policyparse.schema.json by scripts/generate.mjs. Do not edit. */

/**
 * One parsed input: its articles, the page furniture set aside, and diagnostics. Positions count UTF-16 code units of the decoded input (JavaScript string indices): offset is 0-based, line and column are 1-based.
 */
export interface PolicyDocument {
  /**
   * Output format version.
   */
  version: '1.0';
  source: Source;
  page: PageMeta;
  articles: Article[];
  /**
   * Everything set aside as page furniture, in input order, with its kind and place.
   */
  furniture: Furniture[];
  /**
   * Text that could not be put in any article or furniture field (each also has a diagnostic).
   */
  unassigned: TextPiece[];
  /**
   * Markdown input read through the Markdown parser: the syntax it read as syntax, not text (list bullets, quote marks, emphasis and code marks, escape backslashes, entity references, link targets, images, rules, heading marks, outer table pipes), as written, one piece per run within a line. With the articles, furniture and unassigned text it accounts for every non-whitespace input character. Absent when there is none.
   */
  markup?: TextPiece[];
  diagnostics: Diagnostic[];
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Source".
 */
export interface Source {
  /**
   * File path as given, or "-" for standard input, or the record id.
   */
  name: string;
  format: 'text' | 'markdown' | 'html';
  /**
   * The encoding the bytes were decoded with, e.g. utf-8, utf-16le, gb18030.
   */
  encoding: string;
  sha256: string;
  bytes?: number;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "PageMeta".
 */
export interface PageMeta {
  /**
   * The first page section header (# 综合新闻), as written.
   */
  section: string | null;
  /**
   * Every section header, in order.
   */
  sections?: string[];
  /**
   * Page date as written (e-paper pages).
   */
  date?: string | null;
  /**
   * Edition or page number as written, e.g. 第04版.
   */
  edition?: string | null;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Article".
 */
export interface Article {
  id: string;
  /**
   * The input's name (set in JSONL output).
   */
  source?: string;
  title: string | null;
  dateline: Dateline | null;
  continuedFrom: Continuation | null;
  continuedTo: Continuation | null;
  byline?: string | null;
  /**
   * Body in reading order, one paragraph a line, every character as written.
   */
  text: string;
  /**
   * Source ranges of the body, in reading order.
   */
  spans: Span[];
  body: Node[];
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Dateline".
 */
export interface Dateline {
  /**
   * As written, with its brackets.
   */
  text: string;
  agency: string | null;
  place: string | null;
  month: number | null;
  day: number | null;
  span?: Span;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Span".
 */
export interface Span {
  start: Point;
  end: Point;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Point".
 */
export interface Point {
  line: number;
  column: number;
  offset: number;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Continuation".
 */
export interface Continuation {
  page: number | null;
  text: string;
  span?: Span;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Node".
 */
export interface Node {
  type:
    | 'part'
    | 'chapter'
    | 'section'
    | 'article'
    | 'clause'
    | 'item'
    | 'paragraph'
    | 'principle'
    | 'qa'
    | 'table'
    | 'list';
  id: string;
  /**
   * The numbering scheme of the marker, e.g. cn-dun (一、), cn-paren (（一）), arabic-dot (1.).
   */
  scheme?: string | null;
  /**
   * The marker as written, e.g. （五）.
   */
  marker: string | null;
  /**
   * The marker's value: 五 → 5, 第一千零四十条 → 1040, 一是 → 1.
   */
  number: number | null;
  heading: string | null;
  /**
   * The node's own text after marker and heading (children not included).
   */
  text: string;
  children: Node[];
  span: Span;
  /**
   * qa nodes: the question after 问：/记者：.
   */
  question?: string;
  /**
   * table nodes.
   */
  caption?: string | null;
  header?: string[];
  rows?: string[][];
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Furniture".
 */
export interface Furniture {
  kind: 'section' | 'headline' | 'continuation' | 'dateline' | 'byline' | 'editor' | 'noise';
  text: string;
  /**
   * The id of the article it belongs to, if any.
   */
  article?: string | null;
  span: Span;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "TextPiece".
 */
export interface TextPiece {
  text: string;
  span: Span;
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Diagnostic".
 */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  line: number;
  column: number;
  offset?: number;
}
