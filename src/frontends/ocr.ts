import type { Block, BlockStream, Segment } from '../types.js';
import type { TextBase } from '../decode/lines.js';
import { lineBlock, scanLines } from './text.js';
import { matchMarker } from '../structure/levels.js';
import { append } from '../arrays.js';
import { continuationOf, countHan, datelineOf, endsInGenre, folioOf, isBareLine, isDateLine, looksLikeHeadline } from '../page/furniture.js';
import { opensOnParticle, seamWord } from '../page/seams.js';
import { closedAtStart, openAtEnd } from '../page/brackets.js';
import { joinBrokenLines } from './line-breaks.js';

/**
 * Helpers for text that went through OCR or a fixed-width column: spaces put
 * between CJK characters, and hard-wrapped lines.
 */

const SPACES = /[ \u3000\u00a0]+/g;
const MARKER_END = '编章节条款';
/** A structural marker a real space may follow: 第一章 总则, 第十条 为了…. */
const MARKER_BEFORE = /第[一二三四五六七八九十百千零〇两\d０-９]+[编章节条款]$/;

/** A CJK ideograph at i: extension A, the main block, compatibility ideographs, the astral planes' B–F. */
function isCjkAt(text: string, i: number): boolean {
  const c = text.codePointAt(i);
  return c !== undefined && ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2fa1f));
}

/** Index just before `i` of the previous code point's start. */
function prevCodePointStart(text: string, i: number): number {
  const lo = text.charCodeAt(i - 1);
  return i >= 2 && lo >= 0xdc00 && lo <= 0xdfff ? i - 2 : i - 1;
}

/**
 * The runs of spaces (ASCII space, U+3000, NBSP) that OCR put between two CJK
 * characters, as [start, end) pairs. Only when a line has at least two of them is
 * it taken as OCR spacing ("新发 展 工 会"); a single space is left alone, and so is
 * the space after a structural marker (第一章 总则).
 */
export function cjkSpaceRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const re = /[ \u3000\u00a0]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start === 0 || end >= text.length) continue;
    if (!isCjkAt(text, prevCodePointStart(text, start)) || !isCjkAt(text, end)) continue;
    // (the marker itself may be spaced: 第 二 条 监 狱; read only after 编章节条款)
    if (MARKER_END.includes(text[start - 1]) && MARKER_BEFORE.test(text.slice(Math.max(0, start - 24), start).replace(SPACES, ''))) continue;
    runs.push([start, end]);
  }
  return runs.length >= 2 ? runs : [];
}

/** "新发 展 工 会" -> "新发展工会"; text without OCR spacing comes back unchanged. Idempotent. */
export function squeezeCjkSpaces(text: string): string {
  const runs = cjkSpaceRuns(text);
  if (runs.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [s, e] of runs) {
    out += text.slice(last, s);
    last = e;
  }
  return out + text.slice(last);
}

/**
 * The same squeeze applied to a block, keeping its segments exact: each removed
 * run splits the segment it falls in.
 */
export function squeezeBlockSpaces(block: Block): Block {
  return withoutRuns(block, cjkSpaceRuns(block.text));
}

/**
 * A letter-spaced block (各 级 政 务 新 媒 体 按 照…: OCR of a justified column, or
 * text set with letter spacing) without its spaces. It is letter-spaced when most
 * CJK characters that meet are one space apart; names in a list (张三 李四 王五)
 * are not, and a run of two or more spaces (table cells, padding) stays.
 */
export function squeezeLetterSpacing(block: Block): Block {
  const text = block.text;
  if (!SPACE.test(text)) return block;
  // (a first count in one walk, given up once the rest of the text could not make
  // the spaced pairs outnumber the touching ones; the exact runs only for a likely line)
  let spaced = 0;
  let touching = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isHan(c)) continue;
    const before = text.charCodeAt(i - 1);
    if (isHan(before)) {
      if (spaced + (text.length - i) <= 2 * ++touching) return block;
    } else if (i >= 2 && (before === 0x20 || before === 0x3000 || before === 0xa0) && isHan(text.charCodeAt(i - 2))) spaced++;
  }
  if (spaced < 3 || spaced <= 2 * touching) return block;
  const runs = cjkSpaceRuns(text).filter(([start, end]) => end - start === 1);
  return runs.length >= 3 && runs.length > 2 * touching ? withoutRuns(block, runs) : block;
}

const SPACE = /[ \u3000\u00a0]/;
/** Three Han characters one space apart: a text without it has no letter-spaced line. */
const LETTER_SPACED = /[\u3400-\u9fff][ \u3000\u00a0][\u3400-\u9fff][ \u3000\u00a0][\u3400-\u9fff]/;

/** The blocks of a text, each letter-spaced one squeezed (squeezeLetterSpacing). */
export function squeezeLetterSpacedBlocks(text: string, blocks: Block[]): Block[] {
  return LETTER_SPACED.test(text) ? blocks.map(squeezeLetterSpacing) : blocks;
}

/** CJK unified ideographs of the basic plane (extension A and the main block). */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function withoutRuns(block: Block, runs: Array<[number, number]>): Block {
  if (runs.length === 0) return block;
  const offsets = sourceOffsets(block);
  let text = '';
  const kept: number[] = [];
  let r = 0;
  for (let i = 0; i < block.text.length; i++) {
    while (r < runs.length && runs[r][1] <= i) r++;
    if (r < runs.length && i >= runs[r][0] && i < runs[r][1]) continue;
    text += block.text[i];
    kept.push(offsets[i]);
  }
  return { ...block, text, segments: segmentsFromOffsets(kept) };
}

/** The input offset of each character of a block's text, or -1 where no segment covers it. */
export function sourceOffsets(block: { text: string; segments: Segment[] }): number[] {
  const offsets = new Array<number>(block.text.length).fill(-1);
  for (const s of block.segments) for (let k = 0; k < s.end - s.start; k++) offsets[s.from + k] = s.start + k;
  return offsets;
}

/** Per-character input offsets -> segments: one per run of consecutive offsets. */
export function segmentsFromOffsets(offsets: number[]): Segment[] {
  const segments: Segment[] = [];
  let open: Segment | null = null;
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i];
    if (o < 0) {
      open = null;
      continue;
    }
    if (open && open.end === o) open.end++;
    else {
      open = { from: i, start: o, end: o + 1 };
      segments.push(open);
    }
  }
  return segments;
}

// ---------------------------------------------------------------------------
// Hard-wrapped columns

/** Leading indentation that opens a paragraph in OCR output: two U+3000, or 2+ spaces. */
const PARAGRAPH_OPENER = /^(?:[\u3000\u00a0]{1,4}|[ \t]{2,8}|\u3000? {2,4})(?=\S)/;

/**
 * Calls `visit` for every line of the text, \n-separated, a \r before the \n left
 * out, a last empty line after a final newline included: [start, end) in the text.
 */
function eachLine(text: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    const last = end === -1;
    if (last) end = text.length;
    visit(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    if (last) break;
    start = end + 1;
  }
}

/** Nothing but white space (JavaScript's \s: U+3000, NBSP and the BOM included). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!WHITE.test(text[i])) return false;
  return true;
}
const WHITE = /\s/;

/**
 * A line measured both ways, in one walk: its length in characters (code points,
 * indentation included, a leading BOM not), and the width it was set in, in
 * full-width characters: a Han character or a full-width mark is one, a digit or
 * Latin letter half of one (2019年 is three).
 */
function lineWidths(text: string, start: number, end: number): { chars: number; columns: number } {
  const bom = end > start && text.charCodeAt(start) === 0xfeff ? 1 : 0;
  let half = 0;
  let pairs = 0;
  for (let i = start + bom; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a pair: counted with the first
    if (c >= 0xd800 && c <= 0xdbff) {
      // astral: CJK Extension B and emoji are wide
      const d = text.charCodeAt(i + 1);
      if (i + 1 < end && d >= 0xdc00 && d <= 0xdfff) pairs++;
      half += 2;
    } else half += isWide(c) ? 2 : 1;
  }
  return { chars: end - start - bom - pairs, columns: Math.ceil(half / 2) };
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

function isIndented(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  // every opener starts with U+3000, NBSP, a space or a tab
  if (start >= end || (first !== 0x3000 && first !== 0xa0 && first !== 0x20 && first !== 0x09)) return false;
  return PARAGRAPH_OPENER.test(text.slice(start, Math.min(end, start + 12)));
}

interface WrapShape {
  /** the column width in characters (the most common full-line width) */
  width: number;
  /** share of content lines at (or within one of) the column width */
  regular: number;
  /** share of content lines opened by indentation */
  indented: number;
  /** blank lines per content line */
  blanks: number;
  /** share of content lines clearly wider than the column: none, where a wrap set it */
  over: number;
  /** share of content lines exactly the column's width */
  full: number;
}

/**
 * A wrap is counted in characters by some tools and in set width by OCR of a
 * printed column (where 2025年底 is narrower than four Han characters): the
 * measure under which the lines are more regular is the one the text was cut by.
 */
interface Measured {
  shape: WrapShape;
  /** every line's width under that measure, in eachLine() order (0: a blank line) */
  widths: readonly number[];
  /** non-blank lines */
  content: number;
}

// looksHardWrapped() then unwrapColumns() measure the same text: once is enough.
let lastMeasured: { text: string; measured: Measured } | null = null;

function measure(text: string): Measured {
  if (lastMeasured && lastMeasured.text === text) return lastMeasured.measured;
  const byChars = new Map<number, number>();
  const byColumns = new Map<number, number>();
  const charWidths: number[] = [];
  const columnWidths: number[] = [];
  let content = 0;
  let indented = 0;
  eachLine(text, (start, end) => {
    if (isBlank(text, start, end)) {
      charWidths.push(0);
      columnWidths.push(0);
      return;
    }
    content++;
    if (isIndented(text, start, end)) indented++;
    const { chars, columns } = lineWidths(text, start, end);
    charWidths.push(chars);
    columnWidths.push(columns);
    byChars.set(chars, (byChars.get(chars) ?? 0) + 1);
    byColumns.set(columns, (byColumns.get(columns) ?? 0) + 1);
  });
  const all = charWidths.length;
  const chars = shapeOf(byChars, content, indented, all);
  const columns = shapeOf(byColumns, content, indented, all);
  const measured: Measured =
    columns.regular > chars.regular ? { shape: columns, widths: columnWidths, content } : { shape: chars, widths: charWidths, content };
  lastMeasured = { text, measured };
  return measured;
}

function shapeOf(counts: Map<number, number>, content: number, indented: number, all: number): WrapShape {
  if (content === 0) return { width: 0, regular: 0, indented: 0, blanks: 0, over: 0, full: 0 };
  let width = 0;
  let best = 0;
  for (const [w, n] of counts) {
    const near = n + (counts.get(w - 1) ?? 0) + (counts.get(w - 2) ?? 0);
    if (near > best || (near === best && w > width)) (best = near), (width = w);
  }
  let over = 0;
  for (const [w, n] of counts) if (w > width + 1) over += n;
  return { width, regular: best / content, indented: indented / content, blanks: (all - content) / content, over: over / content, full: (counts.get(width) ?? 0) / content };
}

/**
 * Hard-wrapped OCR columns: most lines the same width of 12–40 characters (an
 * indented first line or a full-width punctuation mark makes a line a character or
 * two shorter), hardly any line wider, and enough lines that the regularity means
 * something. A Markdown page without blank lines has ragged widths and fails this.
 */
export function looksHardWrapped(text: string): boolean {
  const { shape, content: lines } = measure(text);
  if (lines < 6 || shape.width < 12 || shape.width > 40) return false;
  // A wrap is a ceiling: hardly a line goes past it. Paragraphs set one to a line
  // (Markdown, e-paper text) run far past any common width, blank lines or not.
  if (shape.over > 0.03) return false;
  // Without paragraph indentation only a fairly regular column is trusted: most
  // lines near the width, or many at it and none at all past it (a wide column
  // of short paragraphs, a law's articles, holds many short last lines).
  return shape.regular >= 0.5 || (shape.regular >= 0.4 && (shape.indented >= 0.05 || (shape.over === 0 && shape.full >= 0.4)));
}

/** A form-feed page of a text: where it starts (offset, line, column) and ends. */
export interface TextPage extends TextBase {
  end: number;
}

/**
 * A plain text's printed pages: they end at form feeds, as pdftotext writes them.
 * Each page is read on its own (pageBlocks): a file may hold hard-wrapped pages and
 * others.
 */
export function textPages(text: string): TextPage[] {
  const pages: TextPage[] = [];
  let line = 1;
  let lineStart = 0;
  for (let offset = 0; ; ) {
    const feed = text.indexOf('\f', offset);
    const end = feed === -1 ? text.length : feed;
    pages.push({ offset, end, line, column: offset - lineStart + 1 });
    if (feed === -1) return pages;
    // on to the next page's line: count the line breaks in this one
    for (let i = text.indexOf('\n', offset); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) (line++, (lineStart = i + 1));
    offset = end + 1;
  }
}

/** The blocks of one page of plain text (no form feed in it), offsets into the page. */
export function pageBlocks(page: string): Block[] {
  const blocks = looksHardWrapped(page) ? unwrapColumns(page).blocks : joinBrokenLines(page, scanLines(page).blocks);
  return squeezeLetterSpacedBlocks(page, blocks);
}

/** Plain text as one block stream, a page at a time (textPages), offsets into the whole text. */
export function textBlocks(text: string): BlockStream {
  const blocks: Block[] = [];
  for (const { offset, end } of textPages(text)) {
    for (const block of pageBlocks(offset === 0 && end === text.length ? text : text.slice(offset, end))) blocks.push(movedBy(block, offset));
  }
  return { blocks, meta: {}, diagnostics: [] };
}

/** A block read from a page of a longer text, its segments moved to that text's offsets. */
export function movedBy(block: Block, offset: number): Block {
  if (offset) for (const s of block.segments) (s.start += offset), (s.end += offset);
  return block;
}

/**
 * Undoes hard wrapping: a paragraph starts at an indented line, a blank line, a
 * heading or list-looking line, or after a line clearly shorter than the column;
 * the lines in between are joined. Each joined line stays one segment of the
 * block, so every character still points into the input.
 */
export function unwrapColumns(text: string): BlockStream {
  const blocks: Block[] = [];
  const { shape, widths, content } = measure(text);
  const width = shape.width;
  // (where indentation or blank lines open paragraphs, short lines need no reading;
  // the empty line after a final line break is no blank line)
  const blankLines = Math.round(shape.blanks * content) - (text.endsWith('\n') ? 1 : 0);
  const exact = shape.indented < FEW && blankLines < FEW * content && setToExactWidth(text, widths, width);
  // A Markdown heading (## …) is one line unless the wrap cut it with the rest of
  // the page; a page whose headings run past the column left them whole.
  const headingsWhole = shape.over > 0 && headingsPastColumn(text, widths, width);
  let current: Block | null = null;
  // where each line of the paragraph so far starts in its text (one array, reused)
  const lineStarts: number[] = [];
  // The last character of the paragraph so far, kept aside: reading it off a text
  // built by appending would flatten the whole paragraph every line (quadratic).
  let tail = '';
  // where the last line of the paragraph closed last starts in its text (-1: its only line)
  let lastLineStart = -1;
  const close = () => {
    if (current) {
      // (most paragraphs end on a full stop: no headline there)
      const at = lineStarts.length > 1 && isBareLine(tail) ? gluedHeadlineStart(current.text, lineStarts) : -1;
      if (at > 0) blocks.push(...splitBlockAt(current, at));
      else blocks.push(current);
      lastLineStart = at > 0 || lineStarts.length < 2 ? -1 : lineStarts[lineStarts.length - 1];
    }
    current = null;
  };
  // The last line was a character or two short of the column: a wrap that moved
  // characters on, or the paragraph's end. The next line tells which.
  let short = false;
  let line = -1;
  eachLine(text, (start, end) => {
    line++;
    const wasShort = short;
    short = false;
    if (isBlank(text, start, end)) {
      close();
      return;
    }
    const piece = lineBlock(text, start, end);
    if (!piece) {
      close();
      return;
    }
    if (wasShort && !resumesMovedText(piece.text)) close();
    // A date under the paragraph just ended: its last line was the issuing body,
    // taken along after a sentence that filled the column.
    if (current === null && lastLineStart > 0 && isDateLine(piece.text)) {
      const last = blocks[blocks.length - 1];
      if (signsOff(last.text, lastLineStart)) blocks.splice(blocks.length - 1, 1, ...splitBlockAt(last, lastLineStart));
    }
    lastLineStart = -1;
    // After a finished sentence, a numbered line (第十二条, （三）, 问：) starts a new
    // paragraph even when the sentence filled its last line to the column.
    const opensItem = current !== null && SENTENCE_END.test(tail) && opensParagraph(piece.text);
    // Page furniture on a line of its own (上接第1版, a dateline, a running head) is
    // never the rest of a paragraph, even after a line that fills the column.
    const furniture = isFurnitureLine(piece.text);
    // (a title does not end a sentence: 各省、自治区…人民政府： under a heading that
    // filled the column is the document's first paragraph, not the title's rest)
    const afterHeading = current !== null && current.heading > 0 && (headingsWhole || ENDS_SENTENCE_OR_LEAD_IN.test(piece.text));
    const opens = isIndented(text, start, end) || piece.heading > 0 || current === null || opensItem || furniture || afterHeading;
    if (opens || !current) {
      close();
      current = piece;
      lineStarts.length = 0;
      lineStarts.push(0);
    } else {
      lineStarts.push(appendLine(current, piece, text, tail));
    }
    tail = piece.text.slice(-1);
    // A line clearly shorter than the column ends its paragraph (a heading too, once
    // it fits). Two characters short may be a wrap that moved a character on, so
    // that the next line does not open on punctuation; not when the line ends a
    // sentence itself.
    if (widths[line] < width - 2 || furniture || (widths[line] < width - 1 && PARAGRAPH_END.test(tail))) close();
    else if (exact && widths[line] < width && allFullWidth(piece.text)) short = true;
  });
  close();
  return { blocks, meta: {}, diagnostics: [] };
}

const ENDS_SENTENCE_OR_LEAD_IN = /[。；;：:]$/;

export function isFurnitureLine(text: string): boolean {
  // (asked of every line, so each kind is first told by what it must hold: a
  // continuation marker is short and says 接, 转 or 续; a dateline line opens on its
  // bracket; a running head names its edition (版) or date (年), or is a page
  // number alone)
  const first = text.charCodeAt(0);
  if (text.length <= 16 && (text.includes('接') || text.includes('转') || text.includes('续')) && continuationOf(text)) return true;
  if ((first === 0x28 || first === 0xff08) && datelineOf(text)) return true;
  return text.length <= 40 && (text.length <= 9 || text.includes('版') || text.includes('年')) && folioOf(text) !== null;
}

/**
 * A line that a wrap made shorter shows it on the next line: the character moved
 * on so that the next line would not open on a mark that may not start a line
 * (，。、；：？！ and closing brackets and quotes), so one follows it at once (with
 * an opening quote or bracket, the two of them). A numbered line (一、, 1.) is a
 * paragraph of its own.
 */
function resumesMovedText(text: string): boolean {
  return MOVED_ON.test(text) && !opensParagraph(text);
}

const MOVED_ON = /^(?:[^\s（(【〔《“‘「『]?|[（(【〔《“‘「『][^\s])[，。、；：？！）】〕》”’」』…—,.;:?!)\]]/;

/** Whether a Markdown heading line of the text is wider than the column. */
function headingsPastColumn(text: string, widths: readonly number[], width: number): boolean {
  if (!text.includes('#')) return false;
  let line = -1;
  let past = false;
  eachLine(text, (start, end) => {
    line++;
    if (!past && widths[line] > width + 1 && (lineBlock(text, start, end)?.heading ?? 0) > 0) past = true;
  });
  return past;
}

/**
 * Whether the column was set to an exact width: of its lines set full width
 * throughout, hardly any is a character longer or shorter than the column, as
 * paragraph ends are now and then. Then a line a character or two short is
 * explained by the next line or ends its paragraph. (A line holding digits or
 * Latin letters measures only roughly, and is not counted.) A ragged column, as
 * OCR may give, keeps the tolerance of two characters.
 */
function setToExactWidth(text: string, widths: readonly number[], width: number): boolean {
  let full = 0;
  let off = 0;
  let line = -1;
  eachLine(text, (start, end) => {
    const w = widths[++line];
    if (w < width - 1 || w > width + 1 || !allFullWidth(text, start, end)) return;
    if (w === width) full++;
    else off++;
  });
  return full > 0 && off <= full * MOST_OFF_BY_ONE;
}

/** Whether every character of text[start, end) is set full width (Han, full-width marks). */
function allFullWidth(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // (a surrogate pair: CJK beyond the BMP, wide)
    if (!isWide(c) && !(c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** Lines a character off the column, per line at it, in a column set to an exact width. */
const MOST_OFF_BY_ONE = 0.1;

/** Indented lines, or blank lines, per content line, below which a page has no such paragraph marks. */
const FEW = 0.02;

/** A paragraph's last character, when it ends a sentence. */
const PARAGRAPH_END = /^[。！？!?]$/;

/** Tested on a paragraph's last character alone. */
const SENTENCE_END = /^[。；;！？!?：:]$/;
/** Numbering that runs inline as often as it opens a line (一是…；二是…) does not count. */
const INLINE_SCHEMES = new Set(['enum', 'circled', 'dash', 'arabic-paren']);

function opensParagraph(text: string): boolean {
  const m = matchMarker(text);
  return m !== null && !INLINE_SCHEMES.has(m.scheme.id);
}

const LATIN_END = /^[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;

/** Appends a line to a paragraph; returns where the line starts in the paragraph's text. */
export function appendLine(block: Block, line: Block, source: string, tail: string): number {
  // A tab at the wrap separates table cells ("具体指标<TAB>发展目标"): it stays, as
  // written. A Latin word broken by the wrap needs a space back; CJK joins directly.
  const lastEnd = block.segments[block.segments.length - 1]?.end ?? 0;
  const tab = source.slice(lastEnd, line.segments[0]?.start ?? lastEnd).indexOf('\t');
  if (tab !== -1) {
    block.segments.push({ from: block.text.length, start: lastEnd + tab, end: lastEnd + tab + 1 });
    block.text += '\t';
  }
  const gap = tab === -1 && LATIN_END.test(tail) && LATIN_START.test(line.text) ? ' ' : '';
  const from = block.text.length + gap.length;
  block.text += gap + line.text;
  for (const s of line.segments) block.segments.push({ from: from + s.from, start: s.start, end: s.end });
  return from;
}

/**
 * Where a headline starts that the wrap ran on from the lines above it, or -1.
 * Without indentation or blank lines, only a short line ends a paragraph, so a
 * cut fragment whose last line happens to fill the column takes the next
 * article's headline into its text (…实行合伙 | 国务院关于促进综合保税区高水平开放
 * 高质量 | 发展的若干意见). A paragraph starts at a line start; the headline is the
 * paragraph's last lines, free of sentence punctuation, shaped like a document's
 * title (a genre name at its end), and no word runs across the line break before
 * it (高质量|发展 is one paragraph's wrap, not a new paragraph).
 */
function gluedHeadlineStart(text: string, lineStarts: readonly number[]): number {
  const n = lineStarts.length;
  // the first of the last lines free of sentence punctuation
  let first = n;
  while (first > 0 && isBareLine(text.slice(lineStarts[first - 1], first < n ? lineStarts[first] : text.length))) first--;
  // The longest such run shaped like a title is the headline: a shorter one is
  // its own last lines (…特大煤矿 | 瓦斯爆炸事故调查处理情况的通报). But a title
  // names its issuer before 关于 in a few characters: one that reaches further
  // back holds the cut text above the title.
  for (let k = first; k < n; k++) {
    const at = lineStarts[k];
    const headline = text.slice(at);
    if (!isDocumentTitle(headline) || headline.indexOf('关于') > MOST_ISSUER_CHARACTERS) continue;
    // the whole paragraph: a headline already
    if (k === 0) return -1;
    const before = text.slice(lineStarts[k - 1], at);
    // (a tab or a space put back at the wrap joins what is around it)
    if (/\s$/.test(before)) return -1;
    const word = seamWord(before, headline);
    return word && !word.compound ? -1 : at;
  }
  return -1;
}

/** 中共中央办公厅 国务院办公厅关于…: the issuer before 关于 in a title, at most this long. */
const MOST_ISSUER_CHARACTERS = 16;

/** A document's title on a line of its own: 国务院关于…的若干意见, 中华人民共和国合伙企业法. */
function isDocumentTitle(text: string): boolean {
  return (
    countHan(text, 8) >= 8 &&
    endsInGenre(text) &&
    looksLikeHeadline({ text, segments: [], heading: 0 }) &&
    // (every quote and bracket it opens, it closes)
    openAtEnd(text) === null &&
    closedAtStart(text, text.length) === null &&
    !opensOnParticle(text)
  );
}

/**
 * The paragraph's last line, from `at`, is an issuing body signing off: a bare
 * line of a name's length after a finished sentence.
 */
function signsOff(text: string, at: number): boolean {
  const body = text.slice(at);
  return body.length <= MOST_SIGNATURE_CHARACTERS && countHan(body) >= 2 && isBareLine(body) && SENTENCE_END.test(text[at - 1]);
}

/** 中华人民共和国国家发展和改革委员会 (16), with room for two bodies signing together. */
const MOST_SIGNATURE_CHARACTERS = 24;

/** A paragraph cut in two at `at` of its text (a line start: no segment spans it). */
function splitBlockAt(block: Block, at: number): [Block, Block] {
  const first: Block = { text: block.text.slice(0, at), segments: [], heading: block.heading };
  const second: Block = { text: block.text.slice(at), segments: [], heading: 0 };
  for (const s of block.segments) {
    if (s.from < at) first.segments.push(s);
    else second.segments.push({ ...s, from: s.from - at });
  }
  return [first, second];
}

/**
 * Removes the OCR spaces between CJK characters from a text whose every character
 * carries its source offset, keeping text and offsets in step.
 */
export function squeezeWithOffsets(text: string, offsets: number[]): { text: string; offsets: number[] } {
  const runs = cjkSpaceRuns(text);
  if (!runs.length) return { text, offsets };
  let out = '';
  const kept: number[] = [];
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    while (r < runs.length && runs[r][1] <= i) r++;
    if (r < runs.length && i >= runs[r][0]) continue;
    out += text[i];
    kept.push(offsets[i]);
  }
  return { text: out, offsets: kept };
}

/**
 * One table row from its cells (characters with their source offsets, already
 * trimmed): each cell loses its OCR spaces between CJK characters, and the row's
 * text is the cells joined by " | " (the separators have no source offset).
 */
export function cellRow(cells: ReadonlyArray<{ chars: string[]; offsets: number[] }>): { text: string; segments: Segment[]; cells: string[] } {
  const texts: string[] = [];
  const chars: string[] = [];
  const offsets: number[] = [];
  for (const cell of cells) {
    const squeezed = squeezeWithOffsets(cell.chars.join(''), cell.offsets);
    texts.push(squeezed.text);
    if (chars.length) chars.push(' ', '|', ' '), offsets.push(-1, -1, -1);
    append(chars, squeezed.text);
    append(offsets, squeezed.offsets);
  }
  return { text: chars.join(''), segments: segmentsFromOffsets(offsets), cells: texts };
}
