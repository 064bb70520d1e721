import type { Diagnostic, Node, Paragraph } from '../types.js';
import type { LineIndex } from '../decode/lines.js';

export interface StructureResult {
  body: Node[];
  diagnostics: Diagnostic[];
}

/**
 * One article's paragraphs (reading order, already re-joined) -> node tree.
 * Placeholder until the numbering grammar lands: one paragraph node each.
 */
export function parseStructure(paragraphs: Paragraph[], lines: LineIndex): StructureResult {
  const body: Node[] = paragraphs.map((p, i) => ({
    type: 'paragraph',
    id: `p${i + 1}`,
    marker: null,
    number: null,
    heading: null,
    text: p.text,
    children: [],
    span: paragraphSpan(p, lines),
  }));
  return { body, diagnostics: [] };
}

export function paragraphSpan(p: Paragraph, lines: LineIndex) {
  const first = p.segments[0];
  const last = p.segments[p.segments.length - 1];
  return lines.span(first ? first.start : 0, last ? last.end : 0);
}
