import { createRequire } from 'node:module';
import type { Block, BlockStream, Diagnostic, SourceRange } from '../types.js';
import { scanLines } from './text.js';
import { joinBrokenLines } from './line-breaks.js';
import { cellRow, looksHardWrapped, movedBy, squeezeWithOffsets as squeeze, segmentsFromOffsets, sourceOffsets, squeezeBlockSpaces, squeezeLetterSpacedBlocks, textPages, unwrapColumns } from './ocr.js';
import { replaceLoneSurrogates } from '../decode/surrogates.js';
import { append } from '../arrays.js';

/**
 * The Markdown front-end. Pages whose only Markdown is ATX headings (most pages:
 * the line scanner reads them exactly) take the fast path; pages with lists,
 * emphasis, links, tables, quotes or code go through unified + remark-parse so
 * their markup is read as markup. Both give one block per line of prose — a page
 * without blank lines still has one paragraph per line, as the line scanner
 * reads it — and segments that point into the input.
 *
 * The contract of the remark path: every character of a block is the input's
 * character at the place its segment says (a NUL stays a NUL), except the
 * character an entity reference stands for, which has no place; everything else
 * remark read as syntax — bullets, quote marks, emphasis and code marks, escape
 * backslashes, entity references, link targets, images, rules, heading marks,
 * table pipes — is handed on as `markup`, so each non-whitespace input character
 * is in exactly one place.
 */

// ---------------------------------------------------------------------------
// mdast, as far as it is read here

interface Position {
  start: { offset?: number };
  end: { offset?: number };
}
interface MdNode {
  type: string;
  position?: Position;
  children?: MdNode[];
  value?: string;
  depth?: number;
  ordered?: boolean;
  alt?: string;
}
type ParseMarkdown = (text: string) => MdNode;

let parser: ParseMarkdown | null = null;

function makeParser(unifiedModule: { unified: () => { use(p: unknown): { parse(t: string): unknown } } }, remarkParse: unknown): ParseMarkdown {
  const processor = unifiedModule.unified().use(remarkParse);
  return (text) => processor.parse(text) as MdNode;
}

/**
 * Loads unified and remark-parse (ES modules) ahead of a synchronous parse(). The
 * CLI and parseAsync() call it; parse() alone falls back to require(), which
 * loads ES modules on Node 20.19 and later.
 */
export async function loadMarkdownParser(): Promise<void> {
  if (parser) return;
  const [u, r] = await Promise.all([import('unified'), import('remark-parse')]);
  parser = makeParser(u as never, (r as { default: unknown }).default);
}

function markdownParser(): ParseMarkdown | null {
  if (parser) return parser;
  try {
    const require = createRequire(import.meta.url);
    parser = makeParser(require('unified'), (require('remark-parse') as { default: unknown }).default);
  } catch {
    return null;
  }
  return parser;
}

// ---------------------------------------------------------------------------

/** Markdown beyond ATX headings: list items, emphasis, links, images, tables, quotes, code, setext underlines, HTML. */
const MARKUP = [
  /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/m,
  /\*\*|__|(?:^|[^\w*])\*[^\s*][^*\n]*\*|(?:^|\W)_[^\s_][^_\n]*_(?:\W|$)/m,
  /!?\[[^\]\n]+\]\([^)\n]*\)|\[[^\]\n]+\]\[[^\]\n]*\]/,
  /^ {0,3}\|?[^|\n]*\|[^\n]*\n {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/m,
  /^ {0,3}\|.*\|[ \t]*\n {0,3}\|?[ \t]*:?-{3,}/m,
  /^ {0,3}>/m,
  /^ {0,3}(?:```|~~~)/m,
  /^ {0,3}(?:=+|-{2,})[ \t]*$/m,
  /^ {0,3}<(?:[a-zA-Z][\w-]*|!--)/m,
  /`[^`\n]+`/,
];

/** True when a page uses Markdown that the line scanner would read as text. */
export function needsMarkdownParser(text: string): boolean {
  return MARKUP.some((re) => re.test(text));
}

/**
 * A .md file as the front-end reads it: as Markdown, or unwrapped as plain text
 * when it is hard-wrapped (OCR output or a pasted column saved as .md). Form
 * feeds divide a file into printed pages, and as for plain text (textBlocks)
 * each page is judged on its own: one file may hold wrapped pages and others,
 * and a verdict for the whole would keep one paragraph per wrapped line of
 * every wrapped page. A file with no wrapped page stays one Markdown document,
 * so that a list or quote may run on across a form feed.
 */
export function markdownFrontEnd(text: string): BlockStream {
  const stream = markdownPages(text);
  return { ...stream, blocks: squeezeLetterSpacedBlocks(text, stream.blocks) };
}

function markdownPages(text: string): BlockStream {
  if (!text.includes('\f')) return looksHardWrapped(text) ? unwrapColumns(text) : markdownBlocks(text);
  // (lone surrogates replaced once, for the whole file: the diagnostic's position is the file's)
  const { text: source, diagnostic } = replaceLoneSurrogates(text);
  const pages = textPages(source).map(({ offset, end }) => ({ offset, text: source.slice(offset, end) }));
  // (a wrapped page unwrapped right after it is judged: the two share its measure)
  const unwrapped = pages.map((page) => (looksHardWrapped(page.text) ? unwrapColumns(page.text) : null));
  if (unwrapped.every((stream) => stream === null)) return markdownBlocks(text);
  const out: BlockStream & { markup: SourceRange[] } = { blocks: [], meta: {}, diagnostics: diagnostic ? [diagnostic] : [], markup: [] };
  pages.forEach((page, k) => {
    const stream = unwrapped[k] ?? markdownBlocks(page.text);
    for (const block of stream.blocks) out.blocks.push(movedBy(block, page.offset));
    for (const r of stream.markup ?? []) out.markup.push({ start: r.start + page.offset, end: r.end + page.offset });
    // (what is left is the parser's absence, said at the file's start: once)
    for (const d of stream.diagnostics) if (!out.diagnostics.some((seen) => seen.code === d.code)) out.diagnostics.push(d);
  });
  return out;
}

/** Markdown text -> blocks; the fast line scanner unless the page needs the real parser (or `force`). */
export function markdownBlocks(text: string, options: { force?: boolean } = {}): BlockStream {
  if (!options.force && !needsMarkdownParser(text)) return scannedLines(text);
  const parse = markdownParser();
  if (!parse) {
    const stream = scannedLines(text);
    stream.diagnostics.push(unavailable());
    return stream;
  }
  // two halves of surrogate pairs with markup between them would pair up once the markup is gone
  const { text: source, diagnostic } = replaceLoneSurrogates(text);
  const root = parse(source);
  // micromark drops a leading BOM and counts its offsets from after it
  if (source.charCodeAt(0) === 0xfeff) shiftPositions(root, 1);
  const builder = new BlockBuilder(source);
  builder.flow(root.children ?? []);
  const blocks = joinBrokenLines(source, builder.blocks);
  return { blocks, meta: {}, diagnostics: diagnostic ? [diagnostic] : [], markup: uncovered(source, blocks) };
}

/** Markdown read line by line (the fast path, and the fallback without remark): stray line feeds joined, headings squeezed. */
function scannedLines(text: string): BlockStream {
  const stream = scanLines(text);
  return headingsSqueezed({ ...stream, blocks: joinBrokenLines(text, stream.blocks) });
}

function shiftPositions(root: MdNode, by: number): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.position?.start.offset !== undefined) node.position.start.offset += by;
    if (node.position?.end.offset !== undefined) node.position.end.offset += by;
    if (node.children) append(stack, node.children);
  }
}

/**
 * The input no block holds: maximal runs of it within a line, without the
 * whitespace at their ends. On the remark path that is exactly the markup.
 */
export function uncovered(source: string, blocks: readonly Block[]): SourceRange[] {
  const covered = new Uint8Array(source.length);
  for (const b of blocks) for (const s of b.segments) covered.fill(1, s.start, s.end);
  const runs: SourceRange[] = [];
  let start = -1;
  let end = -1;
  const close = () => {
    if (start >= 0) runs.push({ start, end });
    start = -1;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (covered[i] || c === 0x0a || c === 0x0d) close();
    else if (!isWhitespace(source[i])) {
      if (start < 0) start = i;
      end = i + 1;
    }
  }
  close();
  return runs;
}

const WHITESPACE = /\s/;

/** Whitespace as the accounting of the output reads it (JavaScript's \s). */
function isWhitespace(ch: string): boolean {
  return WHITESPACE.test(ch);
}

/** OCR spaces between CJK characters go from headings, as the remark path removes them. */
function headingsSqueezed(stream: BlockStream): BlockStream {
  return { ...stream, blocks: stream.blocks.map((b) => (b.heading > 0 ? squeezeBlockSpaces(b) : b)) };
}

function unavailable(): Diagnostic {
  return {
    severity: 'info',
    code: 'markdown-parser-unavailable',
    message: 'remark-parse could not be loaded synchronously; Markdown read line by line (use parseAsync)',
    line: 1,
    column: 1,
    offset: 0,
  };
}

const TABLE_DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Collects characters with their input offsets, one line at a time. */
class BlockBuilder {
  readonly blocks: Block[] = [];
  private chars: string[] = [];
  private offsets: number[] = [];
  private heading = 0;

  constructor(private readonly source: string) {}

  flow(nodes: MdNode[]): void {
    for (const node of nodes) this.flowNode(node);
  }

  private flowNode(node: MdNode): void {
    switch (node.type) {
      case 'heading':
        this.heading = node.depth ?? 1;
        this.inline(node.children ?? []);
        this.endLine(true);
        this.heading = 0;
        return;
      case 'paragraph':
        if (this.table(node)) return;
        this.inline(node.children ?? []);
        this.endLine();
        return;
      case 'list':
        for (const item of node.children ?? []) this.listItem(item, Boolean(node.ordered));
        return;
      case 'blockquote':
      case 'root':
        this.flow(node.children ?? []);
        return;
      case 'code':
      case 'html':
        // kept as written, a block per line: the line scanner would do the same
        this.rawLines(node);
        return;
      default:
        // thematicBreak, definition, yaml …: markup without prose
        return;
    }
  }

  /**
   * An ordered item keeps its number (1. 2. …): it is the document's numbering,
   * also when the item is empty. A bullet is markup.
   */
  private listItem(item: MdNode, ordered: boolean): void {
    const children = item.children ?? [];
    const first = children[0];
    const start = item.position?.start.offset;
    const contentStart = first?.position?.start.offset ?? item.position?.end.offset;
    if (ordered && start !== undefined && contentStart !== undefined) {
      for (let i = start; i < contentStart; i++) {
        const ch = this.source[i];
        if (ch !== '\n' && ch !== '\r') this.push(ch, i);
      }
    }
    if (first?.type === 'paragraph') {
      this.inline(first.children ?? []);
      this.endLine();
      this.flow(children.slice(1));
    } else {
      this.endLine();
      this.flow(children);
    }
  }

  private inline(nodes: MdNode[]): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          this.text(node);
          break;
        case 'break':
          this.endLine();
          break;
        case 'html':
          if (/^<br\s*\/?>$/i.test(node.value ?? '')) this.endLine();
          break;
        case 'image':
          break;
        default:
          this.inline(node.children ?? []);
      }
    }
  }

  /** A text node's characters, each taken from the input at its place; a soft line break ends the block. */
  private text(node: MdNode): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return; // no place: its source stays markup
    const { chars, offsets } = alignMarkdown(this.source, start, end, node.value ?? '');
    for (let j = 0; j < chars.length; j++) {
      if (chars[j] === '\n') this.endLine();
      else this.push(chars[j], offsets[j]);
    }
  }

  /** A paragraph of pipe-table lines (no GFM here): one block per row with its cells. */
  private table(node: MdNode): boolean {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return false;
    const lines = this.source.slice(start, end).split('\n');
    if (lines.length < 2 || !TABLE_DELIMITER.test(lines[1].replace(/\r$/, '')) || !lines[0].includes('|')) return false;
    let at = start;
    for (const line of lines) {
      const lineStart = at;
      at += line.length + 1;
      if (TABLE_DELIMITER.test(line.replace(/\r$/, ''))) continue;
      this.tableRow(line.replace(/\r$/, ''), lineStart);
    }
    return true;
  }

  private tableRow(line: string, lineStart: number): void {
    const cells: Array<{ chars: string[]; offsets: number[] }> = [];
    const pipes: number[] = [];
    let cell = { chars: [] as string[], offsets: [] as number[] };
    const body = line.replace(/^\s*\|/, (m) => ' '.repeat(m.length)).replace(/\|\s*$/, (m) => ' '.repeat(m.length));
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '|' && body[i - 1] !== '\\') {
        cells.push(cell);
        pipes.push(lineStart + i);
        cell = { chars: [], offsets: [] };
      } else if (!(body[i] === '\\' && body[i + 1] === '|')) {
        cell.chars.push(body[i]);
        cell.offsets.push(lineStart + i);
      }
    }
    cells.push(cell);
    const row = cellRow(cells.map((c) => trim(c.chars, c.offsets)));
    if (row.cells.every((t) => !t)) return;
    // The " | " between two cells stands for the pipe written between them: the
    // pipe keeps its place, so it is text, not markup (the outer pipes are markup).
    const offsets = sourceOffsets(row);
    let at = 0;
    for (let k = 0; k + 1 < row.cells.length; k++) {
      at += row.cells[k].length + 1;
      offsets[at] = pipes[k];
      at += 2;
    }
    this.blocks.push({ ...row, segments: segmentsFromOffsets(offsets), heading: 0 });
  }

  private rawLines(node: MdNode): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const b of scanLines(this.source.slice(start, end)).blocks) {
      this.blocks.push({ ...b, heading: 0, segments: b.segments.map((s) => ({ from: s.from, start: s.start + start, end: s.end + start })) });
    }
  }

  private push(ch: string, offset: number): void {
    this.chars.push(ch);
    this.offsets.push(offset);
  }

  /** Ends the current line: edge spaces (U+3000, NBSP, tabs) trimmed as the line scanner trims them. */
  private endLine(isHeading = false): void {
    const { chars, offsets } = trim(this.chars, this.offsets);
    this.chars = [];
    this.offsets = [];
    if (!chars.length) return;
    let text = chars.join('');
    let offs = offsets;
    if (isHeading) ({ text, offsets: offs } = squeeze(text, offs));
    this.blocks.push({ text, segments: segmentsFromOffsets(offs), heading: isHeading ? this.heading : 0 });
  }
}

function trim(chars: string[], offsets: number[]): { chars: string[]; offsets: number[] } {
  let s = 0;
  let e = chars.length;
  while (s < e && isEdgeSpace(chars[s])) s++;
  while (e > s && isEdgeSpace(chars[e - 1])) e--;
  return { chars: chars.slice(s, e), offsets: offsets.slice(s, e) };
}


function isEdgeSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u3000' || ch === '\u00a0' || ch === '\ufeff';
}

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Maps a text node's value onto the input it was read from, source[start, end).
 * The value is the input less what remark read as syntax (escape backslashes,
 * quote marks and indentation of continuation lines) and with entity references
 * decoded and NUL as U+FFFD. Each character the value kept is returned as the
 * input has it, with its offset; an entity's character gets -1, and so does
 * whitespace remark made up (a tab read as spaces, a line end in code as a space).
 * What is skipped in the input (the entity references too) is left to the markup.
 */
export function alignMarkdown(source: string, start: number, end: number, value: string): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  // an entity reference at k that the value does not spell out at j was decoded there
  const entityAt = (k: number, j: number): string | undefined => {
    if (source[k] !== '&') return undefined;
    const entity = ENTITY.exec(source.slice(k, k + 40))?.[0];
    return entity && !value.startsWith(entity, j) ? entity : undefined;
  };
  const decoded = (j: number, entity: string, at: number): number => {
    const n = isHighSurrogate(value.charCodeAt(j)) ? 2 : 1;
    for (let k = 0; k < n; k++) chars.push(value[j + k]), offsets.push(-1);
    i = at + entity.length;
    return j + n;
  };
  let i = start;
  for (let j = 0; j < value.length; ) {
    const v = value[j];
    if (isWhitespace(v)) {
      const entity = i < end ? entityAt(i, j) : undefined; // &nbsp;
      if (i < end && source[i] === v) {
        chars.push(v);
        offsets.push(i++);
        j++;
      } else if (entity) {
        j = decoded(j, entity, i);
      } else {
        // whitespace remark wrote otherwise (a tab as spaces, a line end in code as a space)
        chars.push(v);
        offsets.push(-1);
        j++;
      }
      continue;
    }
    // input whitespace needs no place: a character that is not whitespace skips it
    while (i < end && isWhitespace(source[i])) i++;
    const entity = i < end ? entityAt(i, j) : undefined;
    if (entity) {
      j = decoded(j, entity, i);
    } else if (i < end && same(source[i], v)) {
      chars.push(source[i]);
      offsets.push(i++);
      j++;
    } else if (i + 1 < end && source[i] === '\\' && ASCII_PUNCTUATION.test(source[i + 1]) && same(source[i + 1], v)) {
      i++; // an escape's backslash: markup
    } else {
      // syntax (quote marks, indentation) up to the character or the entity that gives it
      let k = i + 1;
      while (k < end && !same(source[k], v) && !entityAt(k, j)) k++;
      if (k < end) {
        i = k;
      } else {
        // nowhere in the input (the second character of a two-character entity): made up
        chars.push(v);
        offsets.push(-1);
        j++;
      }
    }
  }
  return { chars, offsets };
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The input's character is the value's: itself, or a NUL remark wrote as U+FFFD. */
function same(inInput: string, inValue: string): boolean {
  return inInput === inValue || (inValue === '\ufffd' && inInput === '\u0000');
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
