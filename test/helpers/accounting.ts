// The core invariant of policyparse: every non-whitespace character of the input
// ends up in exactly one place of the output (an article's text, a furniture piece,
// an unassigned piece, or a markup piece: Markdown syntax read as syntax). Nothing
// lost, nothing invented, nothing counted twice.
//
// Compared as multisets of code points, so re-ordering (re-joined fragments) is
// free but a lost, duplicated or altered character is not. A character of a
// surrogate pair split in two shows up as a mismatch too.
//
// Kept free of jest and of src/ imports (type-only imports are erased) so that
// scripts/fuzz.mjs can transpile and reuse it outside the test runner.
import type { PolicyDocument } from '../../src/types.js';

/** The part of a document the invariant reads. */
export type AccountedDocument = Pick<PolicyDocument, 'articles' | 'furniture' | 'unassigned' | 'markup'>;

export interface AccountingOptions {
  /**
   * How to read the input. text and markdown: every character counts, except that
   * ATX heading markers (`## `, closing ` ##`) are syntax and may be dropped (the
   * line scanners drop them; the Markdown parser path keeps them as markup).
   * markdown also: an entity reference may come back decoded in the text (its
   * source is then in the markup). Any format: half a surrogate pair (only a
   * string handed to parse() can hold one) may come back as U+FFFD. html: the text content counts; markup (tags,
   * comments, script/style/title bodies, entity sources) may appear in the output
   * or not, an entity may come back decoded, each table cell may add the `|` that
   * separates it from the next in a row's text, and NUL and lone surrogates may
   * vanish or come back as U+FFFD. Default: markdown rules, which hold for text too.
   */
  format?: 'text' | 'markdown' | 'html';
}

export interface CharCount {
  char: string;
  /** How many too few (missing) or too many (extra) occurrences. */
  count: number;
  /** Offset (UTF-16 units) of the first occurrence in the input, -1 when none. */
  firstOffset: number;
}

export interface AccountingResult {
  ok: boolean;
  /** Non-whitespace characters of the input that must be accounted for. */
  inputChars: number;
  /** Non-whitespace characters found in the output's text fields. */
  outputChars: number;
  /** Of inputChars, how many the output has (inputChars minus the missing ones). */
  keptChars: number;
  missing: CharCount[];
  extra: CharCount[];
  /** One line for a failure message; '' when ok. */
  summary: string;
}

/** Counts the input's characters against the document's text fields. */
export function accountFor(input: string, doc: AccountedDocument, options: AccountingOptions = {}): AccountingResult {
  const expected = options.format === 'html' ? htmlExpectation(input) : textExpectation(input);
  if (options.format === 'markdown') allowDecodedEntities(input, expected);
  const { required, optional } = expected;
  const produced = new Map<string, number>();
  let outputChars = 0;
  const add = (s: string) => {
    outputChars += countInto(produced, s);
  };
  for (const a of doc.articles) add(a.text);
  for (const f of doc.furniture) add(f.text);
  for (const u of doc.unassigned) add(u.text);
  for (const m of doc.markup ?? []) add(m.text);

  const missing: CharCount[] = [];
  const extra: CharCount[] = [];
  const chars = new Set([...required.keys(), ...produced.keys()]);
  for (const c of chars) {
    const need = required.get(c) ?? 0;
    const may = optional.get(c) ?? 0;
    const got = produced.get(c) ?? 0;
    if (got < need) missing.push({ char: c, count: need - got, firstOffset: input.indexOf(c) });
    else if (got > need + may) extra.push({ char: c, count: got - need - may, firstOffset: input.indexOf(c) });
  }
  const byOffset = (x: CharCount, y: CharCount) => x.firstOffset - y.firstOffset || (x.char < y.char ? -1 : 1);
  missing.sort(byOffset);
  extra.sort(byOffset);
  let inputChars = 0;
  for (const n of required.values()) inputChars += n;
  const ok = missing.length === 0 && extra.length === 0;
  const keptChars = inputChars - missing.reduce((n, m) => n + m.count, 0);
  return { ok, inputChars, outputChars, keptChars, missing, extra, summary: ok ? '' : describe(missing, extra) };
}

function describe(missing: CharCount[], extra: CharCount[]): string {
  const show = (list: CharCount[]) =>
    list
      .slice(0, 8)
      .map((m) => `${m.count}x ${JSON.stringify(m.char)} (U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, first at ${m.firstOffset})`)
      .join(', ') + (list.length > 8 ? `, … ${list.length - 8} more` : '');
  const parts: string[] = [];
  if (missing.length) parts.push(`lost: ${show(missing)}`);
  if (extra.length) parts.push(`invented or counted twice: ${show(extra)}`);
  return parts.join('; ');
}

const WHITESPACE = /\s/u;

/** Adds the non-whitespace code points of s to the multiset; returns how many. */
function countInto(bag: Map<string, number>, s: string, times = 1): number {
  let n = 0;
  for (const c of s) {
    if (WHITESPACE.test(c)) continue;
    bag.set(c, (bag.get(c) ?? 0) + times);
    n += times;
  }
  return n;
}

interface Expectation {
  required: Map<string, number>;
  optional: Map<string, number>;
}

/** Moves up to `count` (default: all) required occurrences of c to optional; returns how many moved. */
function makeOptional({ required, optional }: Expectation, c: string, count = Infinity): number {
  const moved = Math.min(count, required.get(c) ?? 0);
  if (moved <= 0) return 0;
  const left = (required.get(c) ?? 0) - moved;
  if (left > 0) required.set(c, left);
  else required.delete(c);
  optional.set(c, (optional.get(c) ?? 0) + moved);
  return moved;
}

// An ATX heading: up to any indentation, 1-6 hashes, then a space or the line end.
const ATX_OPEN = /^[^\S\n]*(#{1,6})(?=[^\S\n]|$)/;
const ATX_CLOSE = /(?:^|[^\S\n])(#+)[^\S\n]*$/;

function textExpectation(input: string): Expectation {
  const expected: Expectation = { required: new Map(), optional: new Map() };
  countInto(expected.required, input);
  allowHeadingMarkers(input, expected);
  allowLoneSurrogates(input, expected);
  return expected;
}

/** Every NUL may vanish or come back as U+FFFD (HTML and CommonMark parsers do both). */
function allowNulAsReplacement(input: string, expected: Expectation): void {
  makeOptional(expected, '\u0000');
  const nul = input.split('\u0000').length - 1;
  if (nul) expected.optional.set('\uFFFD', (expected.optional.get('\uFFFD') ?? 0) + nul);
}

/** The hashes of ATX heading lines may go either way. */
function allowHeadingMarkers(input: string, expected: Expectation): void {
  let markers = 0;
  // \r and a form feed end a line too (a form feed starts a page).
  for (const line of input.split(/\r\n|[\n\r\f]/)) {
    const open = ATX_OPEN.exec(line);
    if (!open) continue;
    markers += open[1].length;
    const close = ATX_CLOSE.exec(line.slice(open[0].length));
    if (close) markers += close[1].length;
  }
  makeOptional(expected, '#', markers);
}

/** What an entity reference stands for may appear in the text besides the reference's own characters. */
function allowDecodedEntities(input: string, expected: Expectation): void {
  for (const m of input.matchAll(ENTITY)) countInto(expected.optional, decodeEntity(m[0]));
}

const ENTITY = /&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?/g;
/**
 * Splits HTML into text and markup as the WHATWG tokenizer reads it: comments,
 * doctypes and processing instructions (bogus comments), tags with their
 * attributes (a quoted value may hold '>'; a name runs to whitespace, '/' or '>',
 * so `<abc<script>` is one tag), `</` not followed by a letter (a bogus comment:
 * `</\nh3>` is one), entity references. A tag the input ends in is markup too
 * (the tokenizer drops it). The bodies of raw-text and RCDATA elements, and of
 * elements the front-end reads as code (template, noscript), go to onRaw up to
 * their end tag; `decoded` when their entities are decoded (title, textarea).
 */
function splitHtml(
  text: string,
  onText: (s: string) => void,
  onMarkup: (s: string) => void,
  onRaw: (s: string, decoded: boolean) => void,
): void {
  let from = 0;
  for (let i = 0; i < text.length; ) {
    let end = -1;
    if (text[i] === '<') end = markupEnd(text, i);
    else if (text[i] === '&') {
      ENTITY_AT.lastIndex = i;
      const m = ENTITY_AT.exec(text);
      if (m) end = i + m[0].length;
    }
    if (end < 0) {
      i++;
      continue;
    }
    onText(text.slice(from, i));
    const tag = text.slice(i, end);
    onMarkup(tag);
    from = i = end;
    const name = START_TAG.exec(tag)?.[1].toLowerCase();
    if (name && RAW_BODY.has(name) && tag.endsWith('>')) {
      const close = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'ig');
      close.lastIndex = end;
      const m = close.exec(text);
      const bodyEnd = m ? m.index : text.length;
      onRaw(text.slice(end, bodyEnd), name === 'title' || name === 'textarea');
      from = i = bodyEnd;
    }
  }
  onText(text.slice(from));
}

const START_TAG = /^<([A-Za-z][^\t\n\f\r />]*)/;

/** Elements whose body is not parsed as markup (or is read as code): their content may appear or not. */
const RAW_BODY = new Set(['script', 'style', 'template', 'noscript', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);

const ENTITY_AT = /&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?/y;
const HTML_SPACE = /[\t\n\f\r ]/;
const LETTER = /[A-Za-z]/;

/** Where the markup that opens with the '<' at i ends, or -1 when the '<' is text. */
function markupEnd(t: string, i: number): number {
  const upTo = (s: string, from: number) => {
    const e = t.indexOf(s, from);
    return e < 0 ? t.length : e + s.length;
  };
  if (t.startsWith('<!--', i)) return upTo('-->', i + 4);
  const next = t[i + 1] ?? '';
  if (next === '!' || next === '?') return upTo('>', i + 2);
  if (next === '/') return LETTER.test(t[i + 2] ?? '') ? tagEnd(t, i + 2) : i + 2 < t.length ? upTo('>', i + 2) : -1;
  return LETTER.test(next) ? tagEnd(t, i + 1) : -1;
}

/** The end of a tag whose name starts at i: past its attributes, quoted values included. */
function tagEnd(t: string, i: number): number {
  const n = t.length;
  while (i < n && !HTML_SPACE.test(t[i]) && t[i] !== '/' && t[i] !== '>') i++;
  for (;;) {
    while (i < n && (HTML_SPACE.test(t[i]) || t[i] === '/')) i++;
    if (i >= n) return n;
    if (t[i] === '>') return i + 1;
    i++; // an attribute name (its first character may be '=')
    while (i < n && !HTML_SPACE.test(t[i]) && t[i] !== '/' && t[i] !== '>' && t[i] !== '=') i++;
    while (i < n && HTML_SPACE.test(t[i])) i++;
    if (t[i] !== '=') continue;
    i++;
    while (i < n && HTML_SPACE.test(t[i])) i++;
    const quote = t[i];
    if (quote === '"' || quote === "'") {
      const e = t.indexOf(quote, i + 1);
      if (e < 0) return n;
      i = e + 1;
    } else {
      while (i < n && !HTML_SPACE.test(t[i]) && t[i] !== '>') i++;
    }
  }
}

function htmlExpectation(input: string): Expectation {
  const required = new Map<string, number>();
  const optional = new Map<string, number>();
  const markup = (m: string) => {
    countInto(optional, m);
    // An entity's decoded character may appear too.
    if (m.startsWith('&')) countInto(optional, decodeEntity(m));
  };
  splitHtml(input, (text) => void countInto(required, text), markup, (raw, decoded) => {
    countInto(optional, raw);
    // <title> and <textarea> are RCDATA: their entities are decoded
    if (decoded) for (const e of raw.matchAll(ENTITY)) countInto(optional, decodeEntity(e[0]));
  });
  const expected = { required, optional };
  // A line-based reading of the page may take `## ` in the text for a heading
  // (once the HTML parser has dropped any NUL before it).
  allowHeadingMarkers(input.replace(/\u0000/g, ''), expected);
  // HTML parsing drops U+0000 from body text and turns it into U+FFFD in <title>
  // and raw text (WHATWG tokenizer and tree construction).
  allowNulAsReplacement(input, expected);
  allowLoneSurrogates(input, expected);
  // A table row's text joins its cells with " | ": at most one '|' per cell.
  const cells = input.match(/<t[dh](?=[\s/>])/gi)?.length ?? 0;
  if (cells) expected.optional.set('|', (expected.optional.get('|') ?? 0) + cells);
  return expected;
}

/** Half a surrogate pair is read as U+FFFD (src/decode/surrogates.ts), as its UTF-8 bytes would be. */
function allowLoneSurrogates(input: string, expected: Expectation): void {
  for (const m of input.matchAll(LONE_SURROGATE)) {
    makeOptional(expected, m[0], 1);
    expected.optional.set('\uFFFD', (expected.optional.get('\uFFFD') ?? 0) + 1);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function decodeEntity(entity: string): string {
  const m = /^&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+))/.exec(entity);
  if (m) {
    const code = m[1] ? parseInt(m[1], 16) : parseInt(m[2], 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  }
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', middot: '·', mdash: '—', ldquo: '“', rdquo: '”' };
  return named[entity.replace(/[&;]/g, '')] ?? '';
}
