import type { Diagnostic, Node, Paragraph, Span } from '../types.js';
import type { LineIndex } from '../decode/lines.js';
import { matchMarker } from './levels.js';
import { splitHeading } from './heading.js';
import { findTables, type TableRun } from './table.js';
import { TreeBuilder } from './tree.js';

/** Table runs become table nodes (caption, header, rows). */
const TABLES = true;

export interface StructureOptions {
  /** Turn table runs into table nodes (caption, header, rows). Default: TABLES. */
  tables?: boolean;
}

export interface StructureResult {
  body: Node[];
  diagnostics: Diagnostic[];
}

/**
 * One article's paragraphs (reading order, already re-joined) -> node tree.
 *
 * Every paragraph lands in exactly one node: a numbered one (its marker, heading and
 * text split off as written), a 款 (clause) inside a 条, a plain paragraph, or a
 * table (caption, header and rows). One pass: markers are matched at the start of
 * each paragraph (levels.ts) and nested with a stack (tree.ts).
 */
export function parseStructure(paragraphs: Paragraph[], lines: LineIndex, options: StructureOptions = {}): StructureResult {
  const tablesOn = options.tables ?? TABLES;
  const builder = new TreeBuilder();
  const tables = findTables(paragraphs);
  let t = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const table = tables[t];
    if (table && i === (table.caption ?? table.first)) {
      if (tablesOn) builder.addPlain(tableNode(table, paragraphs, lines), false);
      // Until then its lines stay plain paragraphs: a row number (1.) is no item.
      else for (let k = i; k <= table.last; k++) builder.addPlain(plainNode(paragraphs[k], lines), false);
      i = table.last;
      t++;
      continue;
    }
    const p = paragraphs[i];
    const span = paragraphSpan(p, lines);
    const m = matchMarker(p.text);
    if (!m) {
      builder.addPlain(plainNode(p, lines));
      continue;
    }
    const rest = p.text.slice(m.contentStart);
    const node: Node = {
      type: m.scheme.type,
      id: '',
      scheme: m.scheme.id,
      marker: m.marker,
      number: m.number,
      heading: null,
      text: rest,
      children: [],
      span,
    };
    if (m.scheme.id === 'qa-question') {
      node.question = rest.trim();
      node.text = '';
    } else if (m.scheme.id === 'qa-answer') {
      // The answer is a paragraph of the qa node, written as it was (答：……).
      delete node.scheme;
      node.marker = null;
      node.text = p.text;
    } else {
      Object.assign(node, splitHeading(m.scheme.heading, rest, p.heading > 0));
    }
    const words = rest.trimEnd();
    builder.addMarked({
      scheme: m.scheme,
      node,
      numeral: m.numeral,
      endsEntry: /[；;，,]$/.test(words),
      endsSentence: /[。.]$/.test(words) && !/[。！？!?]/.test(words.slice(0, -1)),
      place: lines.point(sourceOffset(p, m.start)),
    });
  }
  assignIds(builder.roots, '');
  return { body: builder.roots, diagnostics: builder.diagnostics };
}

function plainNode(p: Paragraph, lines: LineIndex): Node {
  return { type: 'paragraph', id: '', marker: null, number: null, heading: null, text: p.text, children: [], span: paragraphSpan(p, lines) };
}

function tableNode(table: TableRun, paragraphs: Paragraph[], lines: LineIndex): Node {
  return {
    type: 'table',
    id: '',
    marker: null,
    number: null,
    heading: null,
    text: '',
    caption: table.caption === null ? null : paragraphs[table.caption].text.trim(),
    header: table.header,
    rows: table.rows,
    children: [],
    span: joinSpans(paragraphSpan(paragraphs[table.caption ?? table.first], lines), paragraphSpan(paragraphs[table.last], lines)),
  };
}

export function paragraphSpan(p: Paragraph, lines: LineIndex) {
  return lines.extent(p.segments);
}

/** The span covering both (by offset: reading order is not always source order). */
function joinSpans(a: Span, b: Span): Span {
  return {
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}

/** The input offset of a character of a paragraph's text, through its segments. */
function sourceOffset(p: Paragraph, textOffset: number): number {
  let seg = p.segments[0];
  for (const s of p.segments) {
    if (s.from <= textOffset) seg = s;
    else break;
  }
  return seg ? Math.min(seg.start + (textOffset - seg.from), seg.end) : 0;
}

const ID_PREFIX: Record<Node['type'], string> = {
  part: 'pt',
  chapter: 'ch',
  section: 's',
  article: 'art',
  clause: 'cl',
  item: 'i',
  paragraph: 'p',
  principle: 'pr',
  qa: 'qa',
  table: 't',
  list: 'l',
};

/** Path-like ids: a node's place among its siblings, under its parent's id (ch2.art13.i1). */
function assignIds(nodes: Node[], prefix: string): void {
  nodes.forEach((node, k) => {
    node.id = `${prefix}${ID_PREFIX[node.type]}${k + 1}`;
    assignIds(node.children, `${node.id}.`);
  });
}
