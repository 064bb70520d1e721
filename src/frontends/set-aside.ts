import type { BlockStream, Furniture, TextPiece } from '../types.js';
import type { LineIndex } from '../decode/lines.js';

/**
 * What a front-end set aside (BlockStream.markup, .noise, .unassigned), as output
 * pieces merged with the page stage's furniture and unassigned text. Front-end
 * furniture is page chrome of no article; it goes in among the page stage's items
 * by offset, the page stage's own order kept.
 */
export function withSetAside(
  stream: BlockStream,
  lines: LineIndex,
  page: { furniture: Furniture[]; unassigned: TextPiece[] },
): { furniture: Furniture[]; unassigned: TextPiece[]; markup?: TextPiece[] } {
  const noise: Furniture[] = (stream.noise ?? []).map((r) => ({ kind: 'noise', text: r.text, article: null, span: lines.span(r.start, r.end) }));
  const unassigned = (stream.unassigned ?? []).map((r) => ({ text: r.text, span: lines.span(r.start, r.end) }));
  const out: { furniture: Furniture[]; unassigned: TextPiece[]; markup?: TextPiece[] } = {
    furniture: mergeByOffset(page.furniture, noise),
    unassigned: mergeByOffset(page.unassigned, unassigned),
  };
  if (stream.markup?.length) out.markup = stream.markup.map((r) => ({ text: lines.text.slice(r.start, r.end), span: lines.span(r.start, r.end) }));
  return out;
}

/** Each of `extra` (in input order) before the first of `base` that starts after it; `base` keeps its order. */
function mergeByOffset<T extends { span: TextPiece['span'] }>(base: T[], extra: T[]): T[] {
  if (extra.length === 0) return base;
  const out: T[] = [];
  let k = 0;
  for (const item of base) {
    while (k < extra.length && extra[k].span.start.offset < item.span.start.offset) out.push(extra[k++]);
    out.push(item);
  }
  while (k < extra.length) out.push(extra[k++]);
  return out;
}
