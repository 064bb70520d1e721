import { createRequire } from 'node:module';
import type { Block, BlockStream, Diagnostic, SourceRange } from '../types.js';
import { InputError } from '../errors.js';
import { LineIndex } from '../decode/lines.js';
import { cellRow, squeezeWithOffsets as squeeze, segmentsFromOffsets } from './ocr.js';
import { replaceLoneSurrogates } from '../decode/surrogates.js';
import { append } from '../arrays.js';
import { continuationOf, startsNumbered } from '../page/furniture.js';

/**
 * The HTML front-end: e-paper article pages -> the article's blocks, and only them.
 *
 * The article is found by structure and text density, not by any site's class
 * names: every run of text is scored by how much non-link prose it holds, the
 * element that collects most of it is the article body, and the nearest headline
 * element before it is the title. Navigation, link lists, footers, scripts and
 * styles fall away because they hold links or nothing. Every block keeps segments
 * into the decoded HTML (parse5 source locations), so spans point into the input.
 *
 * No text is dropped: what is not the article is set aside with its place — page
 * chrome (text outside the article, link lists, form controls, embedded content)
 * as noise furniture of no article, the text of hidden elements inside the article
 * as unassigned with a diagnostic. Only code and markup stay out: script, style,
 * template and noscript bodies, comments, the head (its <title> names the page).
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

/** Code and markup, never text of the page. */
const CODE = new Set(['script', 'style', 'noscript', 'template', 'head']);
/** Text of the page that is never the article: form controls, embedded and foreign content. Set aside as noise. */
const CHROME = new Set(['iframe', 'svg', 'math', 'select', 'option', 'button', 'textarea', 'object', 'embed', 'canvas', 'audio', 'video', 'map']);
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
  /** Text not walked into drafts: of hidden elements, and of CHROME elements (shared with a table's cell collectors). */
  aside: Aside[];
}

/** The text of one hidden or CHROME element, with its place. */
interface Aside {
  el: DomElement;
  hidden: boolean;
  text: string;
  range: SourceRange;
}

/** Decoded HTML text -> the article's blocks and the page's date and edition. */
export function htmlBlocks(input: string): BlockStream {
  const diagnostics: Diagnostic[] = [];
  // parse5 throws on half a surrogate pair
  const { text: source, diagnostic } = replaceLoneSurrogates(input);
  if (diagnostic) diagnostics.push(diagnostic);
  const flat = flattenDeepNesting(source);
  if (flat.flattened > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'html-deep-nesting',
      message: `${flat.flattened} tag(s) of elements nested deeper than ${NESTING_LIMIT} levels read as line breaks`,
      line: 1,
      column: 1,
      offset: 0,
    });
  }
  const $ = loadCheerio().load(flat.html, { sourceCodeLocationInfo: true });
  const root = $.root()[0] as unknown as DomElement;
  const collector: Collector = { source, drafts: [], current: null, order: 0, aside: [] };
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
    return { blocks, meta: { ...pageDateEdition(drafts, new Set()), title: documentTitle }, diagnostics, ...setAside(source, [], collector.aside, () => true, diagnostics) };
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
  // A section name (<h1>经济</h1>) or a continuation marker set as a heading is page
  // furniture, never the article's headline: the page stage reads it as in Markdown.
  const title = headlines.reduce<Draft | null>(
    (best, d) => (!mayBeHeadline(d) ? best : !best || d.heading < best.heading || (d.heading === best.heading && d.order > best.order) ? d : best),
    null,
  );

  const blocks: Block[] = [];
  const used = new Set<Draft>();
  for (const d of headlines) {
    used.add(d);
    if (!mayBeHeadline(d)) blocks.push(toBlock(d, { heading: d.heading, squeeze: true }));
    else blocks.push(d === title ? toBlock(d, { heading: 2, role: 'title', squeeze: true }) : toBlock(d, { heading: 0, role: 'meta', squeeze: true }));
  }
  for (const d of inBody) {
    if (used.has(d)) continue;
    used.add(d);
    if (d.cells) {
      blocks.push(rowBlock(d));
    } else if (d.heading > 0 && !mayBeHeadline(d)) {
      blocks.push(toBlock(d, { heading: d.heading, squeeze: true }));
    } else if (d.heading > 0 && title && d.heading <= title.heading) {
      // a headline of the same rank inside the body opens the next article
      blocks.push(toBlock(d, { heading: 2, role: 'title', squeeze: true }));
    } else {
      blocks.push(toBlock(d, { heading: 0 }));
    }
  }
  Object.assign(meta, pageDateEdition(drafts, used));
  if (!title && documentTitle) meta.title = documentTitle;
  const chrome = drafts.filter((d) => !used.has(d));
  const inArticle = (el: DomElement) => body.parts.some((part) => isInside(el, part));
  return { blocks: blocks.filter((b) => b.text.length > 0), meta, diagnostics, ...setAside(source, chrome, collector.aside, inArticle, diagnostics) };
}

/**
 * The page's text that is not the article's blocks: drafts outside the article
 * (one noise piece per run of them in page order), CHROME elements (noise), and
 * hidden elements — unassigned with a diagnostic inside the article, where they
 * may hold text the page shows later ("read more"), noise outside it (menus).
 */
function setAside(
  source: string,
  chrome: Draft[],
  aside: Aside[],
  inArticle: (el: DomElement) => boolean,
  diagnostics: Diagnostic[],
): Pick<BlockStream, 'noise' | 'unassigned'> {
  const noise: Array<SourceRange & { text: string }> = [];
  const unassigned: Array<SourceRange & { text: string }> = [];
  let run: { texts: string[]; start: number; end: number; last: number } | null = null;
  const closeRun = () => {
    if (run) noise.push({ text: run.texts.join('\n'), start: run.start, end: run.end });
    run = null;
  };
  for (const d of chrome) {
    const piece = draftText(d);
    if (!piece) continue;
    if (!run || d.order !== run.last + 1) {
      closeRun();
      run = { texts: [], start: piece.start, end: piece.end, last: d.order };
    }
    run.texts.push(piece.text);
    run.start = Math.min(run.start, piece.start);
    run.end = Math.max(run.end, piece.end);
    run.last = d.order;
  }
  closeRun();
  let lines: LineIndex | null = null;
  for (const a of aside) {
    if (!a.hidden || !inArticle(a.el)) {
      noise.push({ text: a.text, ...a.range });
      continue;
    }
    unassigned.push({ text: a.text, ...a.range });
    lines ??= new LineIndex(source);
    const { line, column } = lines.point(a.range.start);
    const preview = a.text.length > 20 ? `${a.text.slice(0, 20)}…` : a.text;
    diagnostics.push({ severity: 'info', code: 'hidden-text', message: `text of a hidden element set aside as unassigned: ${preview}`, line, column, offset: a.range.start });
  }
  noise.sort((x, y) => x.start - y.start);
  return { noise, unassigned };
}

/** A draft's text as one piece (a row's cells joined by spaces) with the range it came from; null when it has no place. */
function draftText(d: Draft): (SourceRange & { text: string }) | null {
  const parts = d.cells ?? [d];
  const texts: string[] = [];
  let start = Infinity;
  let end = -Infinity;
  for (const part of parts) {
    const { chars, offsets } = normalise(part.chars, part.offsets);
    if (chars.length) texts.push(chars.join(''));
    for (const o of offsets) if (o >= 0) (start = Math.min(start, o)), (end = Math.max(end, o + 1));
  }
  const text = texts.join(' ');
  if (!text) return null;
  if (start > end) (start = 0), (end = 0);
  return { text, start, end };
}

// ---------------------------------------------------------------------------
// Deep nesting

/** Deeper than any real page; past it, the HTML parser's scope checks would cost O(depth) per tag. */
const NESTING_LIMIT = 256;
/**
 * Block containers that never close on their own: each start tag makes the HTML
 * tree builder look through the whole stack of open elements (for a <p> to close),
 * so thousands of them nested take quadratic time in parse5.
 */
const CONTAINERS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'search', 'section', 'summary', 'ul',
]);
/** Elements whose content is not markup: their bodies are skipped when tags are counted. */
const RAW_CONTENT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const TAG_OPEN = /<(\/?)([A-Za-z][^\t\n\f\r />]*)/y;
const HTML_SPACE = /[\t\n\f\r ]/;

/**
 * Container tags nested past NESTING_LIMIT become `<br>` tags of the same length,
 * so offsets stay and the tree stays shallow enough to build in linear time. A
 * <br> ends a paragraph as the container's tags did; only those containers'
 * attributes are lost. One linear pass over the tags; pages of ordinary depth
 * come back unchanged.
 */
export function flattenDeepNesting(html: string): { html: string; flattened: number } {
  if (html.length < NESTING_LIMIT * 5) return { html, flattened: 0 };
  const stack: string[] = [];
  const open = new Map<string, number>();
  const rewritten = new Map<string, number>();
  const parts: string[] = [];
  let copied = 0;
  let flattened = 0;
  const rewrite = (start: number, end: number) => {
    parts.push(html.slice(copied, start), `<br${' '.repeat(end - start - 4)}>`);
    copied = end;
    flattened++;
  };
  for (let i = html.indexOf('<'); i !== -1; ) {
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      if (close < 0) break;
      i = html.indexOf('<', close + 3);
      continue;
    }
    TAG_OPEN.lastIndex = i;
    const m = TAG_OPEN.exec(html);
    if (!m) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const end = tagEnd(html, i + m[0].length);
    if (end < 0) break;
    const name = m[2].toLowerCase();
    const closing = m[1] === '/';
    let next = end;
    if (!closing && RAW_CONTENT.has(name)) {
      const body = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'ig');
      body.lastIndex = end;
      const close = body.exec(html);
      if (!close) break;
      next = close.index + 2;
    } else if (CONTAINERS.has(name)) {
      if (!closing && stack.length >= NESTING_LIMIT) {
        rewrite(i, end);
        rewritten.set(name, (rewritten.get(name) ?? 0) + 1);
      } else if (!closing) {
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
      } else if ((rewritten.get(name) ?? 0) > 0) {
        rewrite(i, end);
        rewritten.set(name, rewritten.get(name)! - 1);
      } else if ((open.get(name) ?? 0) > 0) {
        // as the tree builder does: the end tag closes whatever is open inside it
        for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
          open.set(top, open.get(top)! - 1);
          if (top === name) break;
        }
      }
    }
    i = html.indexOf('<', next);
  }
  if (flattened === 0) return { html, flattened };
  parts.push(html.slice(copied));
  return { html: parts.join(''), flattened };
}

/** The end of a tag (just past its '>') whose name ends at i, quoted attribute values skipped; -1 when the input ends first. */
function tagEnd(t: string, i: number): number {
  const n = t.length;
  for (;;) {
    while (i < n && (HTML_SPACE.test(t[i]) || t[i] === '/')) i++;
    if (i >= n) return -1;
    if (t[i] === '>') return i + 1;
    i++; // an attribute name (its first character may be '=')
    while (i < n && !HTML_SPACE.test(t[i]) && t[i] !== '/' && t[i] !== '>' && t[i] !== '=') i++;
    while (i < n && HTML_SPACE.test(t[i])) i++;
    if (t[i] !== '=') continue;
    i++;
    while (i < n && HTML_SPACE.test(t[i])) i++;
    const quote = t[i];
    if (quote === '"' || quote === "'") {
      const close = t.indexOf(quote, i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      while (i < n && !HTML_SPACE.test(t[i]) && t[i] !== '>') i++;
    }
  }
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
    if (node.type !== 'root') {
      if (CODE.has(name)) continue;
      const hidden = isHidden(el);
      if (hidden || CHROME.has(name)) {
        setAsideText(el, hidden, c);
        continue;
      }
    }
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

/** Collects the text of an element walked no further (CODE inside it excepted) as one piece. */
function setAsideText(el: DomElement, hidden: boolean, c: Collector): void {
  const chars: string[] = [];
  const offsets: number[] = [];
  const stack: DomNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      const t = n as DomText;
      const loc = t.sourceCodeLocation;
      const at = loc ? alignOffsets(c.source, loc.startOffset, loc.endOffset, t.data) : new Array<number>(t.data.length).fill(-1);
      // text nodes of different elements are different words
      if (chars.length) chars.push(' '), offsets.push(-1);
      for (let i = 0; i < t.data.length; i++) chars.push(t.data[i]), offsets.push(at[i]);
    } else if (n.type === 'tag') {
      const e = n as DomElement;
      if (CODE.has((e.name ?? '').toLowerCase())) continue;
      const children = e.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  const { chars: kept, offsets: places } = normalise(chars, offsets);
  if (!kept.some((ch) => !isSpace(ch))) return;
  let start = Infinity;
  let end = -Infinity;
  for (const o of places) if (o >= 0) (start = Math.min(start, o)), (end = Math.max(end, o + 1));
  if (start > end) {
    start = el.sourceCodeLocation?.startOffset ?? 0;
    end = el.sourceCodeLocation?.endOffset ?? start;
  }
  c.aside.push({ el, hidden, text: kept.join(''), range: { start, end } });
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
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') append(rows, elements(child).filter((e) => e.name === 'tr'));
  }
  return rows;
}

function cellsOf(row: DomElement): DomElement[] {
  return elements(row).filter((e) => e.name === 'td' || e.name === 'th');
}

/** A data table's rows as row drafts; anything else in it (a <caption>) is walked like any element. */
function collectTable(table: DomElement, c: Collector): void {
  for (const child of elements(table)) {
    if (child.name === 'tr') collectRow(child, c);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const part of elements(child)) {
        if (part.name === 'tr') collectRow(part, c);
        else walk(part, c, false), flush(c);
      }
    } else {
      walk(child, c, false);
      flush(c);
    }
  }
}

function collectRow(row: DomElement, c: Collector): void {
  const cells: Draft[] = [];
  for (const cell of cellsOf(row)) {
    const inner: Collector = { source: c.source, drafts: [], current: null, order: 0, aside: c.aside };
    for (const child of cell.children) walk(child, inner, false);
    flush(inner);
    const d: Draft = { chars: [], offsets: [], linkChars: 0, owner: cell, heading: 0, order: 0 };
    for (const part of inner.drafts) {
      if (d.chars.length) d.chars.push(' '), d.offsets.push(-1);
      append(d.chars, part.chars);
      append(d.offsets, part.offsets);
      d.linkChars += part.linkChars;
    }
    cells.push(d);
  }
  if (cells.every((cell) => visibleLength(cell) === 0)) return;
  c.drafts.push({ chars: [], offsets: [], linkChars: 0, owner: row, heading: 0, cells, order: c.order++ });
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
  // Beside the best container, its siblings of a fair share of its prose, or of
  // its kind (the same element and class: a page set in columns holds an
  // article's fragment in each, however short next to the longest).
  const parts = siblings.filter((el) => {
    const score = scores.get(el) ?? 0;
    return el === best || score >= Math.max(20, bestScore * 0.2) || (score >= 20 && sameKind(el, best!));
  });
  return { parts };
}

const sameKind = (a: DomElement, b: DomElement): boolean => a.name === b.name && (a.attribs.class ?? '') === (b.attribs.class ?? '');

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

/**
 * Whether a heading element may hold the article's headline: not page furniture,
 * and not a numbered heading inside an article (<h2>二、指导思想</h2>), which the page
 * stage reads as it reads ## 二、指导思想 in Markdown.
 */
function mayBeHeadline(d: Draft): boolean {
  return !isFurnitureHeading(d) && !startsNumbered(d.chars.join(''));
}

/**
 * A heading element holding a continuation marker ((上接第2版)), or a top-level one
 * holding a section name (<h1>经济</h1>, as # 经济 in Markdown; a short <h3> over a
 * headline is its kicker).
 */
function isFurnitureHeading(d: Draft): boolean {
  if (d.heading === 0 || d.cells) return false;
  const text = compact(d.chars.join(''));
  return (d.heading === 1 && SECTION_NAME.test(text)) || continuationOf(text) !== null;
}

/** A page section's name: two to four Han characters, nothing else. */
const SECTION_NAME = /^[\u4e00-\u9fa5]{2,4}$/;

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
    const children = elements(e);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
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
      if (CODE.has(e.name) || CHROME.has(e.name)) continue;
      const children = e.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return out;
}
