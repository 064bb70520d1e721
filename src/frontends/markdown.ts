import { createRequire } from 'node:module';
import type { Block, BlockStream, Diagnostic } from '../types.js';
import { scanLines } from './text.js';
import { cellRow, squeezeWithOffsets as squeeze, segmentsFromOffsets, squeezeBlockSpaces } from './ocr.js';

/**
 * The Markdown front-end. Pages whose only Markdown is ATX headings (most pages:
 * the line scanner reads them exactly) take the fast path; pages with lists,
 * emphasis, links, tables, quotes or code go through unified + remark-parse so
 * their markup is read as markup. Both give one block per line of prose — a page
 * without blank lines still has one paragraph per line, as the line scanner
 * reads it — and segments that point into the input.
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

/** Markdown text -> blocks; the fast line scanner unless the page needs the real parser (or `force`). */
export function markdownBlocks(text: string, options: { force?: boolean } = {}): BlockStream {
  if (!options.force && !needsMarkdownParser(text)) return headingsSqueezed(scanLines(text));
  const parse = markdownParser();
  if (!parse) {
    const stream = headingsSqueezed(scanLines(text));
    stream.diagnostics.push(unavailable());
    return stream;
  }
  const builder = new BlockBuilder(text);
  builder.flow(parse(text).children ?? []);
  return { blocks: builder.blocks, meta: {}, diagnostics: [] };
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

  /** An ordered item keeps its number (1. 2. …): it is the document's numbering. A bullet is markup. */
  private listItem(item: MdNode, ordered: boolean): void {
    const children = item.children ?? [];
    const first = children[0];
    const start = item.position?.start.offset;
    const contentStart = first?.position?.start.offset;
    if (ordered && start !== undefined && contentStart !== undefined) {
      for (let i = start; i < contentStart; i++) this.push(this.source[i], i);
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

  /** A text node's value, each character mapped to the input; a soft line break ends the block. */
  private text(node: MdNode): void {
    const value = node.value ?? '';
    const start = node.position?.start.offset ?? -1;
    const end = node.position?.end.offset ?? -1;
    const offsets = start >= 0 ? alignMarkdown(this.source, start, end, value) : new Array<number>(value.length).fill(-1);
    for (let j = 0; j < value.length; j++) {
      if (value[j] === '\n') this.endLine();
      else this.push(value[j], offsets[j]);
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
    let cell = { chars: [] as string[], offsets: [] as number[] };
    const body = line.replace(/^\s*\|/, (m) => ' '.repeat(m.length)).replace(/\|\s*$/, (m) => ' '.repeat(m.length));
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '|' && body[i - 1] !== '\\') {
        cells.push(cell);
        cell = { chars: [], offsets: [] };
      } else if (!(body[i] === '\\' && body[i + 1] === '|')) {
        cell.chars.push(body[i]);
        cell.offsets.push(lineStart + i);
      }
    }
    cells.push(cell);
    const row = cellRow(cells.map((c) => trim(c.chars, c.offsets)));
    if (row.cells.every((t) => !t)) return;
    this.blocks.push({ ...row, heading: 0 });
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
 * Maps a text node's value to input offsets. remark drops backslashes of escapes,
 * decodes entities and strips the indentation of continuation lines; characters it
 * made up (an entity's) get -1.
 */
export function alignMarkdown(source: string, start: number, end: number, value: string): number[] {
  const offsets = new Array<number>(value.length).fill(-1);
  let i = start;
  for (let j = 0; j < value.length && i < end; ) {
    if (source[i] === value[j]) {
      offsets[j++] = i++;
    } else if (source[i] === '&' && ENTITY.test(source.slice(i, i + 40))) {
      i += ENTITY.exec(source.slice(i, i + 40))![0].length;
      const c = value.charCodeAt(j);
      j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    } else {
      i++;
    }
  }
  return offsets;
}
