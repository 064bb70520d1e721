// Generators and the per-input check shared by the property tests (jest, short
// runs) and scripts/fuzz.mjs (long seeded campaigns against the built code).
// The parser is passed in (an Engine), so this file imports nothing from src/ at
// run time and fuzz.mjs can transpile it as it is.
import fc from 'fast-check';
import type { PolicyDocument, Span } from '../../src/types.js';
import { accountFor } from '../helpers/accounting.js';

export interface Engine {
  parse(input: string | Uint8Array, options?: { name?: string }): PolicyDocument;
  schemaErrors(doc: unknown): { pointer: string; message: string }[];
  /** bytes -> the text the pipeline saw (same decoder as parse). */
  decodeText(bytes: Uint8Array): string;
  /** True for the one error parse() may throw: InputError (refused input). */
  isInputError(err: unknown): boolean;
}

export interface CaseInput {
  input: string | Uint8Array;
  /** File name handed to parse (drives format detection). */
  name: string;
}

export interface CaseStats {
  refused: boolean;
  /** Non-whitespace input characters, and how many of them the output kept. */
  inputChars: number;
  keptChars: number;
}

/**
 * The invariants every input must keep:
 * - no exception escapes parse(), except InputError, and that only for bytes;
 * - the output validates against the schema;
 * - every non-whitespace input character is accounted for exactly once;
 * - every span points inside the input, start before end;
 * - parsing again gives byte-identical JSON.
 * Throws an Error that says which invariant broke; returns figures otherwise.
 */
export function checkCase(engine: Engine, { input, name }: CaseInput): CaseStats {
  let doc: PolicyDocument;
  try {
    doc = engine.parse(input, { name });
  } catch (err) {
    if (typeof input !== 'string' && engine.isInputError(err)) return { refused: true, inputChars: 0, keptChars: 0 };
    throw new Error(`parse() threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const errors = engine.schemaErrors(doc);
  if (errors.length) throw new Error(`output does not validate: ${errors[0].pointer} ${errors[0].message}`);

  const text = typeof input === 'string' ? input : engine.decodeText(input);
  const accounting = accountFor(text, doc, { format: doc.source.format });
  if (!accounting.ok) throw new Error(`text not accounted for exactly once: ${accounting.summary}`);

  const bad = badSpan(doc, text.length);
  if (bad) throw new Error(`span out of the input: ${bad}`);

  const first = JSON.stringify(doc);
  const again = JSON.stringify(engine.parse(input, { name }));
  if (again !== first) throw new Error(`output differs between two runs on the same input (${firstDifference(first, again)})`);
  return { refused: false, inputChars: accounting.inputChars, keptChars: accounting.keptChars };
}

function badSpan(doc: PolicyDocument, length: number): string | null {
  const check = (where: string, s: Span | undefined): string | null => {
    if (!s) return null;
    if (s.start.offset > s.end.offset) return `${where}: start ${s.start.offset} after end ${s.end.offset}`;
    if (s.end.offset > length) return `${where}: end ${s.end.offset} beyond input length ${length}`;
    return null;
  };
  const walk = (where: string, nodes: PolicyDocument['articles'][number]['body']): string | null => {
    for (const n of nodes) {
      const bad = check(`${where}/${n.id}`, n.span) ?? walk(`${where}/${n.id}`, n.children);
      if (bad) return bad;
    }
    return null;
  };
  for (const a of doc.articles) {
    for (const s of a.spans) {
      const bad = check(`${a.id}.spans`, s);
      if (bad) return bad;
    }
    const bad = walk(a.id, a.body);
    if (bad) return bad;
  }
  for (const [i, f] of doc.furniture.entries()) {
    const bad = check(`furniture[${i}]`, f.span);
    if (bad) return bad;
  }
  for (const [i, u] of doc.unassigned.entries()) {
    const bad = check(`unassigned[${i}]`, u.span);
    if (bad) return bad;
  }
  return null;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `first difference at JSON character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))}`;
}

// ---------------------------------------------------------------------------
// Vocabulary. Markers of every numbering level and of page furniture, plain
// Chinese text, and the characters that break naive code.

/** Stray markers the issue names, and their relatives. */
export const STRAY_MARKERS = ['(上接第', '（上接第', '第九九九九九九九九九条', '问：', '——', '①', '#####'];

export const MARKERS = [
  ...STRAY_MARKERS,
  '第一编', '第二章', '第三节', '第一条', '第十二条', '第一千零四十条', '第1条', '第二款',
  '一、', '十一、', '（一）', '(二)', '（十）', '1.', '2．', '10、', '（1）', '(3)', '②', '⑳',
  '一是', '二是', '答：', '记者：', '主持人：',
  '(上接第1版)', '（上接第二版）', '(下转第4版)', '（转第2版）', '（紧接第1版）',
  '本报北京3月5日电', '新华社北京1月1日电', '（记者 张三）', '本报记者 王五', '责任编辑：李四', '版式设计：赵六',
  '# ', '## ', '### ', '#', '|', '| --- |', '---', '表1', '附件：', '附件', '图为',
];

export const PROSE = [
  '促进人口长期均衡发展', '。', '，', '；', '：', '、', '“', '”', '《中华人民共和国人口与计划生育法》',
  '各地区各部门要', '加强宣传倡', '导', '2025年', '3月5日', '第', '条', '版', '记者', '上接', '下转', 'abc', '123', '％',
];

export const AWKWARD = [
  '\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202a',
  '\u2066', '\u2069', '\u061c', '\u00ad', '😀', '👨‍👩‍👧', '🇨🇳', '𠀀', '𪚥', '𰻞', '\ud800', '\udc00', '\ufffd', 'é', 'e\u0301',
  '\r', '\r\n', '\f', '\t', '\v', '\u3000', '\u00a0', '\u2028', '\u2029', '\u0085', '&amp;', '&#x4e00;', '<', '>', '\\', '`', '*', '_',
];

const token = fc.oneof(
  { arbitrary: fc.constantFrom(...MARKERS), weight: 3 },
  { arbitrary: fc.constantFrom(...PROSE), weight: 4 },
  { arbitrary: fc.constantFrom(...AWKWARD), weight: 2 },
  { arbitrary: fc.constant('\n'), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
);

/** Strings made of markers, prose and awkward characters, any order. */
export const tokenSoup = fc.array(token, { maxLength: 120 }).map((parts) => parts.join(''));

/** Any string at all: any code points, lone surrogates included. */
export const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);

/** Lines that look like a document: a marker, then prose, one per line. */
export const documentLike = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '', '\u3000\u3000', '  ', '# ', '## '),
      fc.option(fc.constantFrom(...MARKERS), { nil: '' }),
      fc.array(fc.oneof(fc.constantFrom(...PROSE), fc.constantFrom(...AWKWARD)), { maxLength: 12 }).map((p) => p.join('')),
    ),
    { maxLength: 60 },
  )
  .chain((lines) =>
    fc.constantFrom('\n', '\n\n', '\r\n', '\f\n').map((sep) => lines.map(([indent, marker, body]) => indent + marker + body).join(sep)),
  );

/** Byte arrays: random bytes, and UTF-8 text cut anywhere (also inside a character). */
export const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.tuple(tokenSoup, fc.nat()).map(([s, cut]) => {
    const bytes = new TextEncoder().encode(s);
    return bytes.subarray(0, bytes.length ? cut % (bytes.length + 1) : 0);
  }),
  tokenSoup.map((s) => utf16WithBom(s)),
);

export function utf16WithBom(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

const TAGS = ['div', 'p', 'span', 'h1', 'h2', 'h3', 'b', 'td', 'tr', 'table', 'li', 'ul', 'section', 'article', 'title', 'font'];
const RAW = ['script', 'style'];

/** HTML fragments: nested tags with attributes, raw-text elements holding fake markers, stray brackets. */
export const anyHtml = fc
  .letrec<{ node: string; nodes: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tokenSoup.map((s) => s.replace(/</g, '&lt;')),
      fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom('', ' class="content"', ' id=x', ' style="display:none"'), tie('nodes')).map(
        ([tag, attr, inner]) => `<${tag}${attr}>${inner}</${tag}>`,
      ),
      fc.tuple(fc.constantFrom(...RAW), tokenSoup).map(([tag, inner]) => `<${tag}>${inner.replace(/<\//g, '<\\/')}</${tag}>`),
      fc.constantFrom('<br>', '<br/>', '<hr>', '<!-- 第一条 注释 -->', '<img src=x alt="第二条">', '<p>', '</div>', '<', '&nbsp;'),
    ),
    nodes: fc.array(tie('node'), { maxLength: 6 }).map((n) => n.join('')),
  }))
  .nodes.chain((body) =>
    fc.constantFrom(
      body,
      `<html><head><meta charset="utf-8"><title>第04版</title></head><body>${body}</body></html>`,
      `<!DOCTYPE html><body><div class="article">${body}</div></body>`,
    ),
  );

export type Mutation =
  | { kind: 'cut'; line: number; at: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'double'; line: number }
  | { kind: 'drop'; line: number }
  | { kind: 'insert'; line: number; at: number; text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('double' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    line: fc.nat(),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...STRAY_MARKERS), fc.constantFrom(...MARKERS), tokenSoup),
  }),
);

/**
 * Applies mutations to a fixture's lines: a line cut short (its tail moved to a new
 * line, as a column break does), two lines swapped, a line doubled or dropped, a
 * stray marker inserted into a line or as a line of its own.
 */
export function mutate(fixture: string, mutations: Mutation[]): string {
  const lines = fixture.split('\n');
  for (const m of mutations) {
    if (lines.length === 0) lines.push('');
    const n = lines.length;
    switch (m.kind) {
      case 'cut': {
        const i = m.line % n;
        const at = m.at % (lines[i].length + 1);
        lines.splice(i, 1, lines[i].slice(0, at), lines[i].slice(at));
        break;
      }
      case 'swap': {
        const a = m.a % n;
        const b = m.b % n;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'double':
        lines.splice(m.line % n, 0, lines[m.line % n]);
        break;
      case 'drop':
        lines.splice(m.line % n, 1);
        break;
      case 'insert': {
        const i = m.line % n;
        const at = m.at % (lines[i].length + 2);
        if (at > lines[i].length) lines.splice(i, 0, m.text);
        else lines[i] = lines[i].slice(0, at) + m.text + lines[i].slice(at);
        break;
      }
    }
  }
  return lines.join('\n');
}

export interface Fixture {
  name: string;
  text: string;
}

/** The property families, each an arbitrary of parse inputs. */
export function families(fixtures: Fixture[]): Record<string, fc.Arbitrary<CaseInput>> {
  const named = (arb: fc.Arbitrary<string | Uint8Array>, names: string[]) =>
    fc.tuple(arb, fc.constantFrom(...names)).map(([input, name]) => ({ input, name }));
  const out: Record<string, fc.Arbitrary<CaseInput>> = {
    'any string': named(anyString, ['-', 'page.txt', 'page.md', 'page.html']),
    'token soup': named(tokenSoup, ['-', 'page.txt', 'page.md']),
    'document-like lines': named(documentLike, ['page.txt', 'page.md']),
    'byte arrays': named(anyBytes, ['-', 'page.txt', 'page.html']),
    html: named(anyHtml, ['page.html', '-']),
  };
  if (fixtures.length) {
    out['fixture mutations'] = fc
      .tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 12 }))
      .map(([f, ms]) => ({ input: mutate(f.text, ms), name: f.name }));
  }
  return out;
}
