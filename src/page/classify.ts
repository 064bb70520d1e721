import { leadingMarker } from './markers.js';
import type { Block, Continuation, Dateline } from '../types.js';
import {
  countHan,
  folioOf,
  continuationOf,
  datelineOf,
  isByline,
  isCaptionOrPrompt,
  isOrnament,
  isEditorLine,
  leadingDateline,
  looksLikeHeadline,
  looksLikeSection,
  startsNumbered,
  endsInGenre,
  isDateLine,
  TABLE_ROW,
} from './furniture.js';
import { endsWithDanglingCharacter, opensOnParticle } from './seams.js';
import { PairNumbering } from './pairs.js';

export type ItemKind =
  | 'body'
  | 'section'
  | 'headline'
  | 'continuation-from'
  | 'continuation-to'
  | 'dateline'
  | 'byline'
  | 'editor'
  | 'noise';

export interface PageItem {
  kind: ItemKind;
  block: Block;
  continuation?: Continuation;
  dateline?: Dateline;
  /** A running head's date and edition, as written (人民日报　2019年7月21日　第4版). */
  folio?: { date: string | null; edition: string | null };
  /** A byline in brackets, （记者 张三）: it closes the article above rather than opening one. */
  trailing?: boolean;
  /** A dateline cut off the start of this body block: its text and source range. */
  leadDateline?: { dateline: Dateline; start: number; end: number };
}

/**
 * A page's headlines so far (compacted), to ask whether a line is part of one
 * past its start (国务院关于印发《X》的通知 … then X). Each distinct headline once,
 * reached through the rarest run of GRAM characters of the line: a page of
 * 10,000 headlines compared every line with all of them (2 s; 8 s for 20,000).
 * (Runs of two were too common: 关于加强第N项工作的通知 shares its digit pairs
 * with a tenth of the others.)
 * @internal exported for its test
 */
export class HeadlineTexts {
  private readonly seen = new Set<string>();
  /** the runs of GRAM UTF-16 units of the headlines, numbered */
  private readonly grams = new PairNumbering();
  /** by run number: the headlines that hold it */
  private readonly holders: string[][] = [[]];

  add(headline: string): void {
    if (this.seen.has(headline)) return;
    this.seen.add(headline);
    for (let i = 0; i + GRAM <= headline.length; i++) {
      const gram = this.grams.add(unitsAt(headline, i), unitsAt(headline, i + 2));
      const holders = this.holders[gram];
      if (!holders) this.holders.push([headline]);
      // (a run the headline holds twice: it is listed once)
      else if (holders[holders.length - 1] !== headline) holders.push(headline);
    }
  }

  /** Whether one of them holds `text` other than as itself or its start. */
  holdInside(text: string): boolean {
    // (a line shorter than a run is looked for in every headline: few are)
    let candidates: Iterable<string> = this.seen;
    if (text.length >= GRAM) {
      let fewest: string[] | undefined;
      for (let i = 0; i + GRAM <= text.length; i++) {
        const gram = this.grams.numberOf(unitsAt(text, i), unitsAt(text, i + 2));
        if (gram === 0) return false;
        const holders = this.holders[gram];
        if (!fewest || holders.length < fewest.length) fewest = holders;
      }
      candidates = fewest!;
    }
    for (const h of candidates) if (h !== text && h.includes(text) && !h.startsWith(text)) return true;
    return false;
  }
}

const GRAM = 4;

/** Two UTF-16 code units of `text` from `i`, as one 32-bit integer (a run of GRAM is two). */
const unitsAt = (text: string, i: number): number => (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);

/**
 * Labels every block of one page as body or one kind of furniture. A page that marks
 * its headlines (`##`, or `###` when that is its highest level) has its bare lines read as body; a plain-text page has
 * no such marks, so a long bare line there is taken for a headline.
 */
export function classifyBlocks(blocks: Block[]): PageItem[] {
  // The page's headline level: its highest marked heading below the section
  // (## on most pages, ### on some); deeper ones are subheads inside articles.
  let headlineLevel = 0;
  for (const b of blocks) if (b.heading >= 1 && (headlineLevel === 0 || b.heading < headlineLevel) && looksLikeHeadline(b)) headlineLevel = b.heading;
  const markdownHeadlines = headlineLevel > 0;
  const headlines = new HeadlineTexts();
  const headlineAt = (i: number): boolean => {
    const b = blocks[i];
    if (!b || b.role === 'meta') return false;
    if (b.role === 'title') return true;
    if (!looksLikeHeadline(b)) return false;
    if (headlineLevel > 0 && b.heading === headlineLevel) return true;
    if (markdownHeadlines || b.heading !== 0) return false;
    // A bare line is a weaker sign: not when it breaks off in half a word, nor when
    // it is the inner title of a document whose notice was the headline
    // (国务院关于印发《X》的通知 … X).
    if (endsWithDanglingCharacter(b.text) || /以下简称/.test(b.text)) return false;
    // A caption over a table (its next line has tab- or space-separated cells).
    const below = blocks[i + 1];
    if (below && (below.cells || TABLE_ROW.test(below.text))) return false;
    // 和加强防震减灾工作意见的报告: a title's second line, not a title.
    if (opensOnParticle(b.text)) return false;
    // Without a genre name at its end, a bare line is a headline only when what is
    // around it says so: above it a 上接 marker or a section name; below it an
    // addressee line, a numbered heading, a byline, a dateline or a question.
    if (!endsInGenre(b.text) && !opensDocumentBelow(blocks[i + 1]) && !marksArticleAbove(blocks[i - 1]) && !looksLikeNewsHeadline(b.text)) {
      return false;
    }
    const t = compact(b.text);
    return !headlines.holdInside(t);
  };
  return blocks.map((block, i): PageItem => {
    const text = block.text;
    // A line of zero-width or format characters only (OCR and copy-paste debris).
    if (isDebris(text)) return { kind: 'noise', block };
    // A running head or foot of the printed page: furniture of no article, invisible
    // to fragments so that a cut across it still joins.
    const folio = folioOf(text);
    if (folio) return { kind: 'noise', block, folio };
    // A photo caption or a reader prompt: no article's text, and invisible to fragments.
    if (isCaptionOrPrompt(text) || isOrnament(text)) return { kind: 'noise', block };
    const continuation = continuationOf(text);
    if (continuation) {
      const { direction, ...rest } = continuation;
      return { kind: direction === 'from' ? 'continuation-from' : 'continuation-to', block, continuation: rest };
    }
    const dateline = datelineOf(text);
    if (dateline) return { kind: 'dateline', block, dateline };
    if (isEditorLine(text)) return { kind: 'editor', block };
    if (isByline(text)) return { kind: 'byline', block, trailing: /^[（(]/.test(text.trim()) };
    if (block.heading === 1 && looksLikeSection(block)) return { kind: 'section', block };
    // A 2–4 character bare line (经济, 要闻) is a section name unless it signs off
    // over a date; a longer one must sit at the top or over a headline, and be
    // whole: 法律规定以 over a headline is a cut line whose column moved on.
    if (block.heading === 0 && looksLikeSection(block)) {
      const fewCharacters = text.trim().length <= 4;
      const short = fewCharacters && !(blocks[i + 1] && isDateLine(blocks[i + 1].text));
      const whole = fewCharacters || !endsWithDanglingCharacter(text);
      if (short || ((i === 0 || headlineAt(i + 1)) && whole)) return { kind: 'section', block };
    }
    if (headlineAt(i)) {
      headlines.add(compact(text));
      return { kind: 'headline', block };
    }
    const lead = block.segments.length > 0 ? leadingDateline(text) : null;
    if (lead) {
      const start = block.segments[0].start;
      const trimmed = trimBlockStart(block, lead.length);
      return { kind: 'body', block: trimmed, leadDateline: { dateline: lead.dateline, start, end: start + lead.dateline.text.length } };
    }
    return { kind: 'body', block };
  });
}

/**
 * 推动“十四五”时期工会工作高质量发展: a long line with no sentence punctuation at
 * all (quotes and book-title marks allowed) that does not end in a function word,
 * as a sentence cut at a column end usually would.
 */
function looksLikeNewsHeadline(text: string): boolean {
  const t = text.trim();
  const han = countHan(t, 12);
  return han >= 12 && !/[，,。；;：:！？!?、（）()]/.test(t) && !/[的地得和与及或对在为将把被从向以于并而且之其等]$/.test(t);
}

function opensDocumentBelow(next: Block | undefined): boolean {
  if (!next) return false;
  const t = next.text.trim();
  // A document opens at its first item (一、, 第一章, （一）): a line over （三十五） is
  // the end of a cut sentence as often as a title.
  const opensNumbering = startsNumbered(t) && (leadingMarker(t)?.number ?? 1) <= 1;
  return /[：:]$/.test(t) || opensNumbering || isByline(t) || leadingDateline(t) !== null || /^(问|记者)[：:]/.test(t);
}

function marksArticleAbove(prev: Block | undefined): boolean {
  if (!prev) return false;
  const t = prev.text.trim();
  return continuationOf(t)?.direction === 'from' || (prev.heading === 0 && /^[\u4e00-\u9fa5]{2,4}$/.test(t));
}

function compact(s: string): string {
  return s.replace(/[\s\u3000《》〈〉“”"]/g, '');
}

/** The block without its first n characters (segments shifted to match). */
function trimBlockStart(block: Block, n: number): Block {
  const segments = [];
  for (const s of block.segments) {
    const length = s.end - s.start;
    const segEnd = s.from + length;
    if (segEnd <= n) continue;
    const cut = Math.max(0, n - s.from);
    segments.push({ from: s.from + cut - n, start: s.start + cut, end: s.end });
  }
  return { ...block, text: block.text.slice(n), segments };
}

/**
 * Only format characters, separators and white space (\p{Cf}, \p{Z}, \s). Text
 * that opens on printable ASCII or on U+3001–U+D7FF (CJK punctuation, kana, Han,
 * Hangul), where none of them lie, is turned away without the Unicode pattern.
 */
function isDebris(text: string): boolean {
  const c = text.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xd800)) return false;
  return DEBRIS.test(text);
}

const DEBRIS = /^[\p{Cf}\p{Z}\s]*$/u;
