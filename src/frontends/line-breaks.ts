import type { Block } from '../types.js';
import { endsClosed, isBareLine, isByline, isDateLine, isEditorLine, startsNumbered, TABLE_ROW } from '../page/furniture.js';
import { appendLine, isFurnitureLine } from './ocr.js';

/**
 * Paragraphs broken by a stray line feed. A page that separates its paragraphs by
 * blank lines says, by a line feed with no blank line, that the paragraph goes on:
 * a copy from a web page or a PDF kept a line break of its layout (…并将处罚 |
 * 结果记于相应市场主体名下…). Such a line is joined to the one above it when that
 * breaks off mid-sentence, each keeping its segments. Where a page runs its
 * paragraphs line after line (blank lines are rare), every line is a paragraph and
 * nothing is joined. Nor is anything joined to a heading, a table row, a line that
 * ends its sentence or one without sentence punctuation (a headline, a sign-off),
 * nor a numbered line, a date or furniture.
 */
export function joinBrokenLines(source: string, blocks: Block[]): Block[] {
  if (blocks.length < 2 || !separatesByBlankLines(source, blocks)) return blocks;
  const out: Block[] = [blocks[0]];
  for (let i = 1; i < blocks.length; i++) {
    const above = out[out.length - 1];
    const block = blocks[i];
    if (gapBetween(source, above, block) === 'line-feed' && breaksOffMidSentence(above) && goesOn(block)) {
      const joined = { ...above, text: above.text, segments: above.segments.slice() };
      appendLine(joined, block, source, above.text.slice(-1));
      out[out.length - 1] = joined;
    } else {
      out.push(block);
    }
  }
  return out;
}

type Gap = 'line-feed' | 'blank-line' | 'other';

/** What stands between two blocks in the source: one line feed, a blank line, or more (a form feed, markup). */
function gapBetween(source: string, above: Block, below: Block): Gap {
  const from = above.segments[above.segments.length - 1]?.end;
  const to = below.segments[0]?.start;
  if (from === undefined || to === undefined || to < from) return 'other';
  let feeds = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a) feeds++;
    else if (c === 0x0c) return 'other';
  }
  return feeds === 1 ? 'line-feed' : feeds > 1 ? 'blank-line' : 'other';
}

/** Most paragraphs of the page end at a blank line (headings and table rows aside). */
function separatesByBlankLines(source: string, blocks: Block[]): boolean {
  let blank = 0;
  let lineFeed = 0;
  for (let i = 1; i < blocks.length; i++) {
    const above = blocks[i - 1];
    const below = blocks[i];
    if (above.heading || below.heading || above.cells || below.cells) continue;
    const gap = gapBetween(source, above, below);
    if (gap === 'blank-line') blank++;
    else if (gap === 'line-feed') lineFeed++;
  }
  return blank >= 3 && lineFeed * 2 <= blank;
}

function breaksOffMidSentence(block: Block): boolean {
  const text = block.text;
  return block.heading === 0 && !block.cells && !block.role && !endsClosed(text) && !isBareLine(text) && !TABLE_ROW.test(text) && !isFurnitureLine(text);
}

function goesOn(block: Block): boolean {
  const text = block.text;
  return block.heading === 0 && !block.cells && !block.role && !startsNumbered(text) && !isDateLine(text) && !TABLE_ROW.test(text) && !isFurnitureLine(text) && !isByline(text) && !isEditorLine(text);
}
