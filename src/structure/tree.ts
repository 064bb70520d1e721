// Nesting: a stack of open nodes, one pass over the paragraphs.
//
// A marker of a scheme already open on the stack closes everything opened after
// it and becomes its sibling (（二） after （一）…1.…2.). A scheme not yet open
// nests by rank (levels.ts): it closes open nodes of the same or a lower level and
// goes under the first higher one, so 十一、 after 38.–40. (an article that starts
// mid-document) closes them and holds 41.–43. A level may be skipped.
//
// The document's own order overrides the default ranks only where it clearly
// departs: a list that starts at 1 right under a bare heading line of a scheme
// ranked below it (1.总体要求 / （一）指导思想) nests there, and the scheme keeps
// that place for the rest of the article.
import type { Diagnostic, Node } from '../types.js';
import type { Scheme, SchemeId } from './levels.js';
import { formatChineseNumeral } from './numerals.js';

/** A 款: an unmarked paragraph of a 条. Ranked between 条 and its 项. */
const CLAUSE_RANK = 45;

interface Frame {
  node: Node;
  scheme: SchemeId | 'clause';
  rank: number;
  /** One-paragraph items (一是, ——, ●): an unmarked paragraph after them is not theirs. */
  leaf: boolean;
  /** A list item that ends like one (；): an unmarked paragraph after it belongs to the list's holder. */
  closed: boolean;
}

export interface MarkedParagraph {
  scheme: Scheme;
  node: Node;
  /** The numeral as written inside the marker (三, 38), for messages. */
  numeral: string | null;
  /** The item's words end like a list entry (；，) or like the last entry of such a list (。). */
  endsEntry: boolean;
  endsSentence: boolean;
  /** Where a diagnostic about this marker points. */
  place: { line: number; column: number; offset: number };
}

export class TreeBuilder {
  readonly roots: Node[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly stack: Frame[] = [];
  private readonly rankOverride = new Map<SchemeId, number>();
  private lastMarked: Frame | null = null;
  private readonly lastInParent = new Map<Node | null, Map<SchemeId, number>>();
  private readonly lastAnywhere = new Map<SchemeId, number>();

  private rankOf(scheme: Scheme): number {
    return this.rankOverride.get(scheme.id) ?? scheme.rank;
  }

  private get top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private attach(node: Node): void {
    const top = this.top;
    (top ? top.node.children : this.roots).push(node);
  }

  /** A paragraph that opens with a numbering marker. */
  addMarked(entry: MarkedParagraph): void {
    const { scheme, node } = entry;
    if (scheme.id === 'qa-answer') {
      const qa = this.findFrame((f) => f.scheme === 'qa-question');
      if (qa >= 0) {
        this.stack.length = qa + 1;
        this.attach(node);
        return;
      }
      this.addPlain(node, false);
      return;
    }
    let previous: Frame | undefined;
    const open = this.findFrame((f) => f.scheme === scheme.id);
    if (open >= 0) {
      previous = this.stack[open];
      this.stack.length = open;
    } else {
      const rank = this.rankOf(scheme);
      const top = this.top;
      if (top && top.scheme !== 'clause' && top.rank > rank && entry.node.number === 1 && top === this.lastMarked && introducesList(top.node)) {
        // The document nests this scheme below a lower-ranked one: keep it so.
        this.rankOverride.set(scheme.id, top.rank + 1);
      } else {
        while (this.top && this.top.rank >= rank) this.stack.pop();
      }
    }
    const parent = this.top?.node ?? null;
    this.checkNumbering(entry, parent);
    this.attach(node);
    const frame: Frame = {
      node,
      scheme: scheme.id,
      rank: this.rankOf(scheme),
      leaf: scheme.leaf,
      closed: entry.endsEntry || (entry.endsSentence && previous?.closed === true),
    };
    this.stack.push(frame);
    this.lastMarked = frame;
  }

  /**
   * An unmarked paragraph, or a table. Inside a 条 a paragraph is a 款 (clause); elsewhere
   * it belongs to the innermost open node that can hold paragraphs.
   */
  addPlain(node: Node, mayBeClause = true): void {
    while (this.top && (this.top.leaf || this.top.closed)) this.stack.pop();
    if (mayBeClause && node.type === 'paragraph') {
      const article = this.findFrame((f) => f.scheme === 'article');
      if (article >= 0) {
        this.stack.length = article + 1;
        node.type = 'clause';
        this.attach(node);
        this.stack.push({ node, scheme: 'clause', rank: CLAUSE_RANK, leaf: false, closed: false });
        return;
      }
    }
    this.attach(node);
  }

  private findFrame(test: (f: Frame) => boolean): number {
    for (let i = this.stack.length - 1; i >= 0; i--) if (test(this.stack[i])) return i;
    return -1;
  }

  /**
   * Gaps and duplicates. Numbers run on within one holder (（一）（二） under 一、), may
   * restart at 1 under the next holder or carry on from the last number of the scheme
   * (第十条 opens 第二章 after 第九条); a first item with no earlier one to follow (an
   * article that starts mid-document) is taken as it comes.
   */
  private checkNumbering(entry: MarkedParagraph, parent: Node | null): void {
    const { scheme, node } = entry;
    const n = node.number;
    if (n === null || (node.marker ?? '').includes('之')) return;
    let seen = this.lastInParent.get(parent);
    if (!seen) this.lastInParent.set(parent, (seen = new Map()));
    const before = seen.get(scheme.id);
    const anywhere = this.lastAnywhere.get(scheme.id);
    seen.set(scheme.id, n);
    this.lastAnywhere.set(scheme.id, n);
    const last = before ?? (n === 1 ? undefined : anywhere);
    if (last === undefined || n === last + 1 || n < last) return;
    const write = (k: number) => markerFor(entry, k);
    if (n === last) {
      this.report(entry, 'numbering-duplicate', `${write(n)} appears twice in a row`);
    } else {
      const missing = n - last === 2 ? `${write(last + 1)} is missing` : `${write(last + 1)} to ${write(n - 1)} are missing`;
      this.report(entry, 'numbering-gap', `${missing}: ${write(n)} follows ${write(last)}`);
    }
  }

  private report(entry: MarkedParagraph, code: string, message: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, ...entry.place });
  }
}

/** A bare heading line (1.总体要求) or a lead-in (…下列事项：) expects items under it. */
function introducesList(node: Node): boolean {
  if (node.heading !== null && node.text.trim() === '') return true;
  return /[：:]\s*$/.test(node.text);
}

/** The marker of the same style with another number: （三） → （二）. */
function markerFor(entry: MarkedParagraph, n: number): string {
  const marker = entry.node.marker ?? '';
  const numeral = entry.numeral;
  if (!numeral) return marker;
  let written: string;
  if (/^[0-9]+$/.test(numeral)) written = String(n);
  else if (/^[０-９]+$/.test(numeral)) written = String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  else if (/^[①-⑳]$/u.test(numeral) && n >= 1 && n <= 20) written = String.fromCodePoint(0x2460 + n - 1);
  else if (/^[㈠-㈩]$/u.test(numeral) && n >= 1 && n <= 10) written = String.fromCodePoint(0x3220 + n - 1);
  else written = formatChineseNumeral(n);
  return marker.replace(numeral, written);
}
