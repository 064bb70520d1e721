import type { Block, Continuation, Dateline, Diagnostic } from '../types.js';
import type { LineIndex } from '../decode/lines.js';
import type { PageItem } from './classify.js';
import { countHan, endsClosed, isBareLine, isDateLine, startsNumbered, TABLE_ROW } from './furniture.js';
import { leadingMarker, type LeadingMarker } from './markers.js';
import { endsWithDanglingCharacter } from './seams.js';

/** A run of body blocks that sits together in the page: it belongs to one article. */
export interface Fragment {
  index: number;
  blocks: Block[];
  /** Indexes into the page's items, for placing furniture later. */
  itemIndexes: number[];
  /** Headlines printed just above the fragment. */
  headlines: Block[];
  /** The 上接第N版 marker just above it. */
  continuedFrom: Continuation | null;
  leadDateline?: { dateline: Dateline; start: number; end: number };
  /** The last block breaks off mid-sentence. */
  cut: boolean;
  /**
   * The last block is a short line without punctuation (一、关于进一步加强我国防):
   * a heading or a sign-off as often as a cut; only word evidence joins it.
   */
  maybeCut: boolean;
  /**
   * The maybe-cut line is a numbered item, and the item before it (（一）…；) was a
   * sentence: a list of sentences does not turn into a heading halfway, so this
   * one more likely lost its end than stands whole.
   */
  itemAfterSentence: boolean;
  /** The first block cannot be the rest of a cut sentence (a marker, a question, a headline above it). */
  freshStart: boolean;
  /** Its first block closes a document: a sign-off line, its date, (此件公开发布). */
  closing: boolean;
  /** Its last block puts its document in force: the document's body ends there. */
  endsDocument: boolean;
  /** Leading numbering markers of its blocks, in order. */
  markers: LeadingMarker[];
  /** It follows the previous fragment directly, at a paragraph break (no furniture, no cut). */
  soft: boolean;
}

/** Break at every paragraph boundary and let assignment keep neighbours together. */
const SOFT_SPLITS = true;
const OPEN_END = /[，,、“‘「『（(《\[【—-]$/;

/**
 * Does the block break off mid-sentence? Closing punctuation says no; so do numbered
 * headings, sign-off lines (an issuing body over a date) and table rows. A long
 * line with no closing punctuation is cut; a short bare line is cut only when it
 * ends in half a word.
 */
export function isCut(block: Block, next: Block | undefined): boolean | 'maybe' {
  const text = block.text.trim();
  if (endsInAsideMidSentence(text)) return true;
  if (endsClosed(text)) return false;
  if (OPEN_END.test(text)) return true;
  if (block.heading > 0 || block.cells || block.role) return false;
  if (TABLE_ROW.test(text)) return false;
  // 7.建设创新高地。综合运用综合保税区政策: a sentence after a full stop that never
  // ends. Headings and sign-offs do not go on past a full stop.
  if (goesOnPastFullStop(text)) return true;
  if (isDateLine(text)) return false;
  const han = countHan(text, 41);
  // 第十八条 with nothing after it, or with words and no full stop: law articles end in 。
  if (/^第[一二三四五六七八九十百千零〇两0-9０-９]+条(?:之[一二三四五六七八九十]+)?(?:[\s\u3000]+\S.*)?$/.test(text)) return true;
  // 第三节 权利的保护期: a law's division titles are short and whole; a word missing
  // from the dictionary (保护期) must not make one a cut on its own.
  if (isDivisionTitle(text)) return 'maybe';
  // 一、指导思想 is a heading; （一）认为…作出的裁定符 is an item cut in half a word.
  if (startsNumbered(text) && isBareLine(text) && han <= 40) return endsWithDanglingCharacter(text) || 'maybe';
  if (next && isDateLine(next.text)) return false;
  if (han >= 20) return true;
  // 近年来，各地: a clause after a comma that never closes. Unnumbered lines that
  // stand whole (sign-offs, captions, short headings) hold no comma; numbered
  // headings may (二、丰富赛事活动，完善赛事体系), and a headline with one is a
  // headline block, not body text.
  if (!startsNumbered(text) && /[，,][^，,]*$/.test(text) && han >= 4) return true;
  return endsWithDanglingCharacter(text) || 'maybe';
}

/** 第三节 权利的保护期: the title of a law's part, chapter or section, bare of punctuation. */
export function isDivisionTitle(text: string): boolean {
  return DIVISION_TITLE.test(text) && isBareLine(text);
}
const DIVISION_TITLE = /^第[一二三四五六七八九十百千零〇两0-9０-９]+[编章节](?:[\s\u3000]|$)/;

/** Han text after the last full stop (。！？；), and a full stop at all. */
function goesOnPastFullStop(text: string): boolean {
  let last = -1;
  for (const stop of '。！？；') last = Math.max(last, text.lastIndexOf(stop));
  return last >= 0 && countHan(text.slice(last + 1), 1) > 0;
}

/**
 * 制定行政规范性文件（以下简称规范性文件）: a bracketed aside closes the line, but it
 * sits inside a sentence (a word just before it, no full stop) that has not ended.
 * （此件公开发布） and …执行。（负责部门：海关总署） end where they should.
 */
function endsInAsideMidSentence(text: string): boolean {
  const close = text[text.length - 1];
  const open = close === '）' ? '（' : close === ')' ? '(' : null;
  if (!open) return false;
  const at = text.lastIndexOf(open);
  if (at <= 0) return false;
  const aside = text.slice(at + 1, -1);
  if (/[。！？；]/.test(aside) || aside.includes(close)) return false;
  return /[\u4e00-\u9fa5]/.test(text[at - 1]) && countHan(text.slice(0, at), 4) >= 4;
}

/** A head that starts something new: a numbering marker, a question, an answer. */
export function startsFresh(block: Block): boolean {
  const text = block.text.trim();
  return startsNumbered(text) || /^(问|答|记者)[：:]/.test(text) || /^[——―]{2}/.test(text) || /^[●■◆▲★☆○◎]/.test(text);
}

/**
 * The lines that close a document: the issuing body over its date, the date, and a
 * bracketed note of a line of its own ((此件公开发布)). None of them resumes a cut
 * sentence, however well its neighbours' words fit the cut.
 */
function closesDocument(block: Block, next: Block | undefined): boolean {
  const text = block.text.trim();
  if (isDateLine(text) || WHOLE_ASIDE.test(text)) return true;
  return next !== undefined && isDateLine(next.text) && isBareLine(text) && countHan(text, 21) <= 20;
}
const WHOLE_ASIDE = /^[（(][^（）()]+[)）]$/;

/**
 * The clause that puts a document in force, its last article or paragraph
 * (第三十八条 本法自2016年3月1日起施行。, 本意见自印发之日起实施。): what follows it in
 * the column is its sign-off or another document. (Not the sign-off date: a
 * bracketed note such as (此件公开发布) still follows that.)
 */
const IN_FORCE = /^(?:第[一二三四五六七八九十百千零〇两0-9０-９]+条[\s\u3000]*)?本(?:法|条例|规定|办法|细则|规则|决定|意见|通知|方案|准则)[^。；]{0,30}(?:施行|实施|生效)。$/;

/** The next marker continues the numbering of the fragment: 四是 … 五是, （九） … （十）. */
function continuesNumbering(markers: LeadingMarker[], next: LeadingMarker | null): boolean {
  if (!next || next.number === null) return false;
  for (let k = markers.length - 1; k >= 0; k--) {
    const m = markers[k];
    if (m.scheme === next.scheme) return m.number !== null && next.number === m.number + 1;
  }
  return false;
}

export function cutFragments(items: PageItem[], lines: LineIndex): { fragments: Fragment[]; diagnostics: Diagnostic[] } {
  const fragments: Fragment[] = [];
  const diagnostics: Diagnostic[] = [];
  let current: Fragment | null = null;
  let headlines: Block[] = [];
  let continuedFrom: Continuation | null = null;
  // per numbering scheme, its last item: its number and whether it was a sentence
  const lastItem = new Map<string, { number: number; sentence: boolean }>();

  const open = (): Fragment => {
    const f: Fragment = {
      index: fragments.length,
      blocks: [],
      itemIndexes: [],
      headlines,
      continuedFrom,
      cut: false,
      maybeCut: false,
      itemAfterSentence: false,
      freshStart: false,
      closing: false,
      endsDocument: false,
      markers: [],
      soft: false,
    };
    headlines = [];
    continuedFrom = null;
    fragments.push(f);
    return f;
  };

  items.forEach((item, itemIndex) => {
    // Invisible: it neither ends nor joins anything. A credit line too: a photo credit
    // stands anywhere in an article, and 本版责编 at the foot of a column says nothing
    // of which article the next one holds; nor does a byline that closes an article.
    if (item.kind === 'noise' || item.kind === 'editor' || item.trailing) return;
    if (item.kind !== 'body') {
      // Other furniture ends a fragment: what follows sits in another column or article.
      if (item.kind === 'headline') headlines.push(item.block);
      if (item.kind === 'continuation-from' && item.continuation) continuedFrom = item.continuation;
      current = null;
      return;
    }
    const block = item.block;
    const marker = leadingMarker(block.text);
    if (current === null) {
      current = open();
    } else if (!current.cut && SOFT_SPLITS) {
      current = open();
      current.soft = true;
    } else if (current.cut) {
      if (continuesNumbering(current.markers, marker)) {
        // "…大力开展普惠性服务工" then "五是…": the paragraph lost its end; keep the break.
        const last = current.blocks[current.blocks.length - 1];
        const seg = last.segments[last.segments.length - 1];
        const at = lines.point(seg ? seg.end : 0);
        diagnostics.push({
          severity: 'warning',
          code: 'truncated-paragraph',
          message: `paragraph ends without punctuation before the next item: …${last.text.slice(-8)}`,
          line: at.line,
          column: at.column,
          offset: at.offset,
        });
        current.cut = false;
      } else {
        current = open();
      }
    }
    const nextItem = items[itemIndex + 1];
    const nextBlock = nextItem?.kind === 'body' ? nextItem.block : undefined;
    if (current.blocks.length === 0) {
      current.closing = closesDocument(block, nextBlock);
      current.freshStart = startsFresh(block) || current.closing || current.headlines.some((h) => h.role === 'title');
      if (item.leadDateline) {
        current.leadDateline = item.leadDateline;
        current.freshStart = true;
      }
    }
    current.blocks.push(block);
    current.itemIndexes.push(itemIndex);
    if (marker) current.markers.push(marker);
    const text = block.text.trim();
    current.endsDocument = IN_FORCE.test(text);
    const cut = isCut(block, nextBlock);
    current.cut = cut === true;
    current.maybeCut = cut === 'maybe';
    if (marker && marker.number !== null) {
      const before = lastItem.get(marker.scheme);
      current.itemAfterSentence = current.maybeCut && before !== undefined && before.number === marker.number - 1 && before.sentence;
      lastItem.set(marker.scheme, { number: marker.number, sentence: !isBareLine(text) && endsClosed(text) });
    }
  });
  return { fragments, diagnostics };
}
