import { createRequire } from 'node:module';
import type { Block, BlockStream, Diagnostic } from '../types.js';
import { InputError } from '../errors.js';
import { cellRow, squeezeWithOffsets as squeeze, segmentsFromOffsets } from './ocr.js';

/**
 * The HTML front-end: e-paper article pages -> the article's blocks, and only them.
 *
 * The article is found by structure and text density, not by any site's class
 * names: every run of text is scored by how much non-link prose it holds, the
 * element that collects most of it is the article body, and the nearest headline
 * element before it is the title. Navigation, link lists, footers, scripts and
 * styles fall away because they hold links or nothing. Every block keeps segments
 * into the decoded HTML (parse5 source locations), so spans point into the input.
 */

// ---------------------------------------------------------------------------
// The DOM as cheerio's parse5 adapter builds it (domhandler nodes), described by
// the few fields used here so the module stays lazily loaded.

interface SourceLocation {
  startOffset: number;
  endOffset: number;
}
interface DomNode {
  type: string;
  parent: DomElement | null;
  sourceCodeLocation?: SourceLocation | null;
}
interface DomText extends DomNode {
  type: 'text';
  data: string;
}
interface DomElement extends DomNode {
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}
interface CheerioLike {
  load(html: string, options: { sourceCodeLocationInfo: boolean }): { root(): ArrayLike<DomNode & { children: DomNode[] }> };
}

let cheerio: CheerioLike | null = null;

/** cheerio is CommonJS-loadable, so the sync parse() can use it; it costs ~200 ms, paid only by HTML inputs. */
function loadCheerio(): CheerioLike {
  if (!cheerio) {
    try {
      cheerio = createRequire(import.meta.url)('cheerio') as CheerioLike;
    } catch (err) {
      throw new InputError(`cannot read HTML: the cheerio package is missing (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return cheerio;
}

// ---------------------------------------------------------------------------

/** Never text of the page. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'svg', 'math', 'select', 'option', 'button', 'textarea', 'object', 'embed', 'canvas', 'audio', 'video', 'map']);
/** Page furniture by its HTML5 meaning (not by class name). */
const FURNITURE = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);
/** Elements that end a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'founder-content', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'caption', 'aside', 'menu', 'legend', 'hgroup', 'font-block',
]);
/** Elements whose text is a paragraph of their parent's content (scored on the parent). */
const LEAF = new Set(['p', 'li', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figcaption', 'caption', 'center', 'address']);
const HEADING = /^h([1-6])$/;

const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/;
const EDITION = /第\s*[0-9０-９A-Za-z]{1,4}\s*版/;
const CJK_OR_FULLWIDTH = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** A paragraph being collected: one character at a time, each with its input offset (-1: none). */
interface Draft {
  chars: string[];
  offsets: number[];
  linkChars: number;
  /** the element that holds the text directly (a <p>, or a <div> with <br>-separated text) */
  owner: DomElement;
  heading: number;
  cells?: Draft[];
  /** document order of the draft's first character */
  order: number;
}

interface Collector {
  source: string;
  drafts: Draft[];
  current: Draft | null;
  order: number;
}

/** Decoded HTML text -> the article's blocks and the page's date and edition. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function htmlBlocks(input: string): BlockStream {
  const diagnostics: Diagnostic[] = [];
  // Half a surrogate pair cannot come from decoded bytes, only from a string handed
  // to the library; the HTML parser throws on it. U+FFFD keeps every offset.
  const source = input.replace(LONE_SURROGATE, '\ufffd');
  if (source !== input) {
    const at = source.search(/\ufffd/);
    const before = source.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    diagnostics.push({ severity: 'warning', code: 'lone-surrogate', message: 'half a UTF-16 surrogate pair in the input; replaced with U+FFFD', line, column, offset: at });
  }
  const $ = loadCheerio().load(source, { sourceCodeLocationInfo: true });
  const root = $.root()[0] as unknown as DomElement;
  const collector: Collector = { source, drafts: [], current: null, order: 0 };
  walk(root, collector, false);
  flush(collector);
  const drafts = collector.drafts.filter((d) => visibleLength(d) > 0);

  const body = chooseBody(drafts);
  const meta: BlockStream['meta'] = {};
  const documentTitle = titleElementText(root);
  if (!body) {
    // nothing looks like an article: keep all the text rather than lose it
    diagnostics.push({ severity: 'warning', code: 'html-no-article', message: 'no article container found in the HTML page; all its text kept', line: 1, column: 1, offset: 0 });
    const blocks = drafts.map((d) => (d.cells ? rowBlock(d) : toBlock(d, { heading: 0 }))).filter((b) => b.text.length > 0);
    return { blocks, meta: { ...pageDateEdition(drafts, new Set()), title: documentTitle }, diagnostics };
  }
  const inBody = drafts.filter((d) => body.parts.some((part) => isInside(d.owner, part)) && !isNoise(d));
  const firstOrder = inBody.find((d) => d.heading === 0)?.order ?? Infinity;
  let headlines = headlinesBefore(drafts, body.parts[0], firstOrder);
  if (headlines.length === 0 && documentTitle) {
    // no headline element: the line before the body that repeats the page's <title> is the headline
    const echo = titleEcho(drafts, documentTitle, firstOrder);
    if (echo) {
      echo.heading = 1;
      headlines = [echo];
    }
  }
  const title = headlines.reduce<Draft | null>((best, d) => (!best || d.heading < best.heading || (d.heading === best.heading && d.order > best.order) ? d : best), null);

  const blocks: Block[] = [];
  const used = new Set<Draft>();
  for (const d of headlines) {
    used.add(d);
    blocks.push(d === title ? toBlock(d, { heading: 2, role: 'title', squeeze: true }) : toBlock(d, { heading: 0, role: 'meta', squeeze: true }));
  }
  for (const d of inBody) {
    if (used.has(d)) continue;
    used.add(d);
    if (d.cells) {
      blocks.push(rowBlock(d));
    } else if (d.heading > 0 && title && d.heading <= title.heading) {
      // a headline of the same rank inside the body opens the next article
      blocks.push(toBlock(d, { heading: 2, role: 'title', squeeze: true }));
    } else {
      blocks.push(toBlock(d, { heading: 0 }));
    }
  }
  Object.assign(meta, pageDateEdition(drafts, used));
  if (!title && documentTitle) meta.title = documentTitle;
  return { blocks: blocks.filter((b) => b.text.length > 0), meta, diagnostics };
}

// ---------------------------------------------------------------------------
// Walking the DOM into drafts

/** Depth-first over the DOM with an explicit stack: pages nest thousands of levels deep. */
function walk(start: DomNode, c: Collector, startInLink: boolean): void {
  const stack: Array<{ node: DomNode; inLink: boolean } | null> = [{ node: start, inLink: startInLink }];
  while (stack.length) {
    const item = stack.pop()!;
    if (item === null) {
      flush(c); // the end of a block element
      continue;
    }
    const { node, inLink } = item;
    if (node.type === 'text') {
      addText(node as DomText, c, inLink);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root') continue; // comments, doctype, script and style bodies
    const el = node as DomElement;
    const name = (el.name ?? '').toLowerCase();
    if (node.type !== 'root' && (SKIP.has(name) || isHidden(el))) continue;
    if (name === 'br') {
      flush(c);
      continue;
    }
    if (name === 'table' && isDataTable(el)) {
      flush(c);
      collectTable(el, c);
      continue;
    }
    if (BLOCK.has(name) || FURNITURE.has(name)) {
      flush(c);
      stack.push(null);
    }
    const link = inLink || name === 'a';
    const children = el.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inLink: link });
  }
}

function isHidden(el: DomElement): boolean {
  const a = el.attribs ?? {};
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style ?? '');
}

function addText(node: DomText, c: Collector, inLink: boolean): void {
  const owner = blockOwner(node);
  if (!c.current || c.current.owner !== owner) {
    flush(c);
    c.current = { chars: [], offsets: [], linkChars: 0, owner, heading: headingLevel(owner), order: c.order++ };
  }
  let d = c.current;
  const loc = node.sourceCodeLocation;
  const offsets = loc ? alignOffsets(c.source, loc.startOffset, loc.endOffset, node.data) : new Array<number>(node.data.length).fill(-1);
  // preformatted text keeps its lines: each is a paragraph, as in a text file
  const lines = owner.name === 'pre';
  for (let i = 0; i < node.data.length; i++) {
    if (lines && node.data[i] === '\n') {
      flush(c);
      d = c.current = { chars: [], offsets: [], linkChars: 0, owner, heading: 0, order: c.order++ };
      continue;
    }
    d.chars.push(node.data[i]);
    d.offsets.push(offsets[i]);
    if (inLink && !isSpace(node.data[i])) d.linkChars++;
  }
}

function flush(c: Collector): void {
  if (c.current && c.current.chars.length) c.drafts.push(c.current);
  c.current = null;
}

/** The nearest enclosing block element: the one that "holds" a text node. */
function blockOwner(node: DomNode): DomElement {
  let p = node.parent;
  while (p && p.parent && !BLOCK.has((p.name ?? '').toLowerCase()) && !FURNITURE.has((p.name ?? '').toLowerCase())) p = p.parent;
  return p as DomElement;
}

function headingLevel(el: DomElement): number {
  const m = HEADING.exec((el.name ?? '').toLowerCase());
  return m ? Number(m[1]) : 0;
}

/**
 * Maps each character of a text node's decoded data to its offset in the input.
 * Entities (&amp; &nbsp; &#x4e2d;) decode to characters no input character equals;
 * those get -1, and so does anything else the parser changed (CR LF -> LF).
 */
export function alignOffsets(source: string, start: number, end: number, data: string): number[] {
  const offsets = new Array<number>(data.length).fill(-1);
  let i = start;
  for (let j = 0; j < data.length && i < end; ) {
    const entity = source[i] === '&' ? ENTITY.exec(source.slice(i, Math.min(end, i + 40))) : null;
    // a literal '&' that starts no entity ("R&D") is an ordinary character
    if (entity && (data[j] !== '&' || /^&amp;?/i.test(entity[0]) || /^&#(?:38|x26)\b/i.test(entity[0]))) {
      i += entity[0].length;
      j += isHighSurrogate(data.charCodeAt(j)) ? 2 : 1;
    } else if (source[i] === data[j]) {
      offsets[j++] = i++;
    } else if (source[i] === '\r') {
      i++;
      if (data[j] === '\n' && source[i] !== '\n') j++;
    } else {
      i++;
    }
  }
  return offsets;
}

const ENTITY = /^&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)/;

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

// ---------------------------------------------------------------------------
// Tables

/**
 * A data table has rows of short cells. Pages laid out with tables (old e-paper
 * sites put the whole page in one) have nested tables or long cells: those are
 * walked like any container.
 */
function isDataTable(table: DomElement): boolean {
  const rows = rowsOf(table);
  if (rows.length === 0) return false;
  let maxCells = 0;
  for (const row of rows) {
    const cells = cellsOf(row);
    maxCells = Math.max(maxCells, cells.length);
    for (const cell of cells) {
      if (hasDescendant(cell, (e) => e.name === 'table')) return false;
      if (textOf(cell).length > 200) return false;
    }
  }
  return maxCells >= 2;
}

function rowsOf(table: DomElement): DomElement[] {
  const rows: DomElement[] = [];
  for (const child of elements(table)) {
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') rows.push(...elements(child).filter((e) => e.name === 'tr'));
  }
  return rows;
}

function cellsOf(row: DomElement): DomElement[] {
  return elements(row).filter((e) => e.name === 'td' || e.name === 'th');
}

function collectTable(table: DomElement, c: Collector): void {
  for (const row of rowsOf(table)) {
    const cells: Draft[] = [];
    for (const cell of cellsOf(row)) {
      const inner: Collector = { source: c.source, drafts: [], current: null, order: 0 };
      for (const child of cell.children) walk(child, inner, false);
      flush(inner);
      const d: Draft = { chars: [], offsets: [], linkChars: 0, owner: cell, heading: 0, order: 0 };
      for (const part of inner.drafts) {
        if (d.chars.length) d.chars.push(' '), d.offsets.push(-1);
        d.chars.push(...part.chars);
        d.offsets.push(...part.offsets);
        d.linkChars += part.linkChars;
      }
      cells.push(d);
    }
    if (cells.every((cell) => visibleLength(cell) === 0)) continue;
    c.drafts.push({ chars: [], offsets: [], linkChars: 0, owner: row, heading: 0, cells, order: c.order++ });
  }
}

// ---------------------------------------------------------------------------
// Finding the article

interface Body {
  /** the best-scoring element, then siblings that hold prose too (more articles, or a body split in parts) */
  parts: DomElement[];
}

/**
 * Scores every element by the prose it holds: a paragraph's visible length (less
 * its link text) goes to its holder in full, to the holder's parent by half and to
 * the grandparent by a quarter. Link lists and one-word menu items score nothing.
 */
function chooseBody(drafts: Draft[]): Body | null {
  const scores = new Map<DomElement, number>();
  const add = (el: DomElement | null, v: number) => {
    if (el) scores.set(el, (scores.get(el) ?? 0) + v);
  };
  for (const d of drafts) {
    if (isNoise(d) || d.heading > 0) continue;
    const len = proseLength(d);
    if (len < 8) continue;
    const holder = d.cells ? tableOf(d.owner) : LEAF.has(d.owner.name) ? d.owner.parent : d.owner;
    if (!holder) continue;
    add(holder, len);
    add(holder.parent, len / 2);
    add(holder.parent?.parent ?? null, len / 4);
  }
  let best: DomElement | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) if (score > bestScore) (best = el), (bestScore = score);
  if (!best) return null;
  const siblings = best.parent ? elements(best.parent) : [best];
  const parts = siblings.filter((el) => el === best || (scores.get(el) ?? 0) >= Math.max(20, bestScore * 0.2));
  return { parts };
}

function tableOf(row: DomElement): DomElement | null {
  let p: DomElement | null = row.parent;
  while (p && p.name !== 'table') p = p.parent;
  return p;
}

function proseLength(d: Draft): number {
  if (d.cells) return d.cells.reduce((n, c) => n + proseLength(c), 0);
  return Math.max(0, visibleLength(d) - d.linkChars);
}

/** Link-heavy text (menus, related-article lists) or text inside page furniture. */
function isNoise(d: Draft): boolean {
  const len = d.cells ? d.cells.reduce((n, c) => n + visibleLength(c), 0) : visibleLength(d);
  const links = d.cells ? d.cells.reduce((n, c) => n + c.linkChars, 0) : d.linkChars;
  if (len > 0 && links / len > 0.5) return true;
  return hasAncestor(d.owner, (e) => FURNITURE.has(e.name));
}

/**
 * The headline elements that belong to the body: headings before its first
 * paragraph, inside the body's parent or grandparent (the usual place for a title
 * above the text), not links and not inside furniture.
 */
function headlinesBefore(drafts: Draft[], container: DomElement, firstOrder: number): Draft[] {
  for (const scope of [container, container.parent, container.parent?.parent]) {
    if (!scope) continue;
    const found = drafts.filter((d) => d.heading > 0 && d.order < firstOrder && isInside(d.owner, scope) && !isNoise(d) && !hasAncestor(d.owner, (e) => e.name === 'li'));
    if (found.length) return found;
  }
  return [];
}

function titleEcho(drafts: Draft[], documentTitle: string, firstOrder: number): Draft | null {
  const want = compact(documentTitle);
  if (want.length < 4) return null;
  for (let i = drafts.length - 1; i >= 0; i--) {
    const d = drafts[i];
    if (d.order > firstOrder || d.cells || isNoise(d)) continue;
    if (compact(d.chars.join('')) === want) return d;
  }
  return null;
}

function compact(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}

function pageDateEdition(drafts: Draft[], used: Set<Draft>): { date?: string | null; edition?: string | null } {
  let date: string | null = null;
  let edition: string | null = null;
  // a line naming both (《人民日报》（ 2017年02月12日 第 13 版）) beats separate mentions
  const lines = drafts.filter((d) => !used.has(d) && !d.cells).map((d) => d.chars.join(''));
  const both = lines.find((t) => DATE.test(t) && EDITION.test(t));
  for (const t of both ? [both] : lines) {
    if (!date) date = DATE.exec(t)?.[0] ?? null;
    if (!edition) edition = EDITION.exec(t)?.[0] ?? null;
  }
  return { date, edition };
}

function titleElementText(root: DomElement): string | null {
  const el = findElement(root, (e) => e.name === 'title');
  if (!el) return null;
  const t = textOf(el).trim();
  if (!t) return null;
  // "Headline--Site name", "Headline_Site", "Headline | Site"
  return t.split(/\s*(?:--|——|_|\||｜| - )\s*/)[0].trim() || null;
}

// ---------------------------------------------------------------------------
// Drafts -> blocks

/**
 * Normalises a draft into a block: trims edge spaces (U+3000, NBSP, indentation),
 * drops a whitespace run with a line break between CJK characters (a source line
 * wrap, which a browser would show as a stray space), collapses other whitespace
 * runs to one space. Titles and cells also lose OCR spaces between CJK characters.
 */
function toBlock(d: Draft, how: { heading: number; role?: Block['role']; squeeze?: boolean }): Block {
  const { chars, offsets } = normalise(d.chars, d.offsets);
  let text = chars.join('');
  let offs = offsets;
  if (how.squeeze) ({ text, offsets: offs } = squeeze(text, offs));
  const block: Block = { text, segments: segmentsFromOffsets(offs), heading: how.heading };
  if (how.role) block.role = how.role;
  return block;
}

function rowBlock(d: Draft): Block {
  return { ...cellRow((d.cells ?? []).map((cell) => normalise(cell.chars, cell.offsets))), heading: 0 };
}


function normalise(chars: string[], offsets: number[]): { chars: string[]; offsets: number[] } {
  let s = 0;
  let e = chars.length;
  while (s < e && isEdgeSpace(chars[s])) s++;
  while (e > s && isEdgeSpace(chars[e - 1])) e--;
  const outChars: string[] = [];
  const outOffsets: number[] = [];
  for (let i = s; i < e; ) {
    if (!isCollapsible(chars[i])) {
      outChars.push(chars[i]);
      outOffsets.push(offsets[i]);
      i++;
      continue;
    }
    let j = i;
    let lineBreak = false;
    while (j < e && isCollapsible(chars[j])) lineBreak ||= chars[j] === '\n', j++;
    const before = outChars[outChars.length - 1] ?? '';
    const after = chars[j] ?? '';
    if (lineBreak && CJK_OR_FULLWIDTH.test(before) && CJK_OR_FULLWIDTH.test(after)) {
      i = j;
      continue;
    }
    outChars.push(' ');
    outOffsets.push(chars[i] === ' ' ? offsets[i] : -1);
    i = j;
  }
  return { chars: outChars, offsets: outOffsets };
}

function visibleLength(d: Draft): number {
  if (d.cells) return d.cells.reduce((n, c) => n + visibleLength(c), 0);
  let n = 0;
  for (const ch of d.chars) if (!isSpace(ch)) n++;
  return n;
}

function isSpace(ch: string): boolean {
  return /[\s\u3000\u00a0\ufeff]/.test(ch);
}
function isEdgeSpace(ch: string): boolean {
  return isSpace(ch);
}
/** ASCII whitespace and NBSP collapse like HTML whitespace; U+3000 is a real character. */
function isCollapsible(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\u00a0';
}

// ---------------------------------------------------------------------------
// DOM helpers

function elements(el: DomElement): DomElement[] {
  return (el.children ?? []).filter((n): n is DomElement => n.type === 'tag');
}

function isInside(el: DomElement | null, container: DomElement): boolean {
  for (let p = el; p; p = p.parent) if (p === container) return true;
  return false;
}

function hasAncestor(el: DomElement, test: (e: DomElement) => boolean): boolean {
  for (let p: DomElement | null = el; p; p = p.parent) if (p.name && test(p)) return true;
  return false;
}

function hasDescendant(el: DomElement, test: (e: DomElement) => boolean): boolean {
  return findElement(el, test) !== null;
}

/** The first element below `el`, in document order, that passes `test`. */
function findElement(el: DomElement, test: (e: DomElement) => boolean): DomElement | null {
  const stack = elements(el).reverse();
  while (stack.length) {
    const e = stack.pop()!;
    if (test(e)) return e;
    stack.push(...elements(e).reverse());
  }
  return null;
}

function textOf(el: DomNode): string {
  let out = '';
  const stack: DomNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as DomText).data;
    else if (n.type === 'tag' || n.type === 'root') {
      const e = n as DomElement;
      if (SKIP.has(e.name)) continue;
      const children = e.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return out;
}
