import type { Block, BlockStream } from '../types.js';

const ATX = /^(#{1,6})[ \t\u3000]+/;
const TRAILING_HASHES = /[ \t\u3000]+#+$/;

/**
 * The fast line scanner for plain text and ATX-heading Markdown: one block per
 * non-blank line, `#` headings marked with their depth. Leading indentation
 * (U+3000, NBSP, spaces) and trailing spaces are not part of a block; every other
 * character keeps its place through the block's segment.
 */
export function scanLines(text: string): BlockStream {
  const blocks: Block[] = [];
  let lineStart = 0;
  // A form feed (pdftotext's page break) ends a line too, wherever it sits.
  let formFeed = text.indexOf('\f');
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    if (formFeed !== -1 && formFeed < lineStart) formFeed = text.indexOf('\f', lineStart);
    if (formFeed !== -1 && formFeed < lineEnd) lineEnd = formFeed;
    const block = lineBlock(text, lineStart, lineEnd);
    if (block) blocks.push(block);
    lineStart = lineEnd + 1;
  }
  return { blocks, meta: {}, diagnostics: [] };
}

export function lineBlock(text: string, start: number, end: number): Block | null {
  let s = start;
  let e = end;
  while (s < e && isEdgeSpace(text.charCodeAt(s))) s++;
  while (e > s && isEdgeSpace(text.charCodeAt(e - 1))) e--;
  if (s >= e) return null;
  let heading = 0;
  const line = text.slice(s, e);
  const atx = ATX.exec(line);
  if (atx) {
    heading = atx[1].length;
    s += atx[0].length;
    const rest = text.slice(s, e);
    const trail = TRAILING_HASHES.exec(rest);
    if (trail) e -= trail[0].length;
    while (s < e && isEdgeSpace(text.charCodeAt(s))) s++;
    if (s >= e) return null;
  }
  return { text: text.slice(s, e), segments: [{ from: 0, start: s, end: e }], heading };
}

function isEdgeSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x0b;
}

