import type { Article, ArticleDraft, BlockStream, Decoded, InputFormat, PolicyDocument, Span } from './types.js';
import { decode, decodeString } from './decode/index.js';
import { LineIndex } from './decode/lines.js';
import { htmlBlocks } from './frontends/html.js';
import { textBlocks } from './frontends/ocr.js';
import { loadMarkdownParser, markdownFrontEnd } from './frontends/markdown.js';
import { withSetAside } from './frontends/set-aside.js';
import { splitPage, type PageExplain } from './page/index.js';
import { parseStructure } from './structure/index.js';
import { schemaErrors } from './schema/index.js';

export const OUTPUT_VERSION = '1.0' as const;

export interface ParseOptions {
  /** Shown as source.name; also used to guess the format from the extension. */
  name?: string;
  /** text, markdown or html; guessed from the name and the content when absent. */
  format?: InputFormat;
  /** Force the byte encoding (bytes input only). */
  encoding?: string;
}

/**
 * bytes or text -> a schema-valid PolicyDocument. Pure apart from the lazy loading
 * of heavy front-ends. Throws InputError for input it refuses (binary, bad encoding).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): PolicyDocument {
  const { decoded, format, lines, stream, page } = splitInput(input, options);
  const articles = page.articles.map((draft, i) => buildArticle(draft, i, lines));
  const doc: PolicyDocument = {
    version: OUTPUT_VERSION,
    source: { name: options.name ?? '-', format, encoding: decoded.encoding, sha256: decoded.sha256, bytes: decoded.bytes },
    page: page.page,
    articles: articles.map((a) => a.article),
    ...withSetAside(stream, lines, page),
    diagnostics: [...decoded.diagnostics, ...stream.diagnostics, ...page.diagnostics, ...articles.flatMap((a) => a.diagnostics)],
  };
  const errors = schemaErrors(doc);
  if (errors.length) {
    // A bug of ours, not of the input: say where, loudly.
    throw new Error(`internal error: output does not match the schema: ${errors[0].pointer} ${errors[0].message}`);
  }
  return doc;
}

/** The stages up to the page split, shared by parse() and explainPage(). */
function splitInput(input: string | Uint8Array, options: ParseOptions, explain = false) {
  const decoded = typeof input === 'string' ? fromString(input) : decode(input, { encoding: options.encoding });
  const format = options.format ?? detectFormat(options.name, decoded.text);
  const lines = new LineIndex(decoded.text);
  const stream = frontEnd(format, decoded.text);
  const page = splitPage(stream, lines, { explain });
  return { decoded, format, lines, stream, page };
}

/**
 * What the page stage saw and weighed (`--stage fragments`): every fragment with
 * its article, and every candidate join with its score and reasons.
 */
export function explainPage(input: string | Uint8Array, options: ParseOptions = {}): PageExplain[] {
  return splitInput(input, options, true).page.explain;
}

/**
 * parse(), for callers that can wait: loads the ES-module Markdown parser when a
 * page needs it and the synchronous path could not (Node before 20.19, jest).
 */
export async function parseAsync(input: string | Uint8Array, options: ParseOptions = {}): Promise<PolicyDocument> {
  const doc = parse(input, options);
  if (!doc.diagnostics.some((d) => d.code === 'markdown-parser-unavailable')) return doc;
  await loadMarkdownParser();
  return parse(input, options);
}

/** @internal shared with src/stream.ts */
export function fromString(text: string): Decoded {
  return decodeString(text);
}

export function detectFormat(name: string | undefined, text: string): InputFormat {
  const ext = name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'txt') return 'text';
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|div|p)[\s>]/.test(head)) return 'html';
  if (/^#{1,6}\s/m.test(text.slice(0, 4096))) return 'markdown';
  return 'text';
}

function frontEnd(format: InputFormat, text: string): BlockStream {
  switch (format) {
    case 'html':
      return htmlBlocks(text);
    case 'markdown':
      return markdownFrontEnd(text);
    case 'text':
      return textBlocks(text);
  }
}

/** @internal shared with src/stream.ts */
export function buildArticle(draft: ArticleDraft, index: number, lines: LineIndex) {
  const structure = parseStructure(draft.paragraphs, lines);
  const spans: Span[] = draft.paragraphs.flatMap((p) => p.segments.map((s) => lines.span(s.start, s.end)));
  const article: Article = {
    id: `a${index + 1}`,
    title: draft.title,
    dateline: draft.dateline,
    continuedFrom: draft.continuedFrom,
    continuedTo: draft.continuedTo,
    byline: draft.byline,
    text: draft.paragraphs.map((p) => p.text).join('\n'),
    spans,
    body: structure.body,
  };
  return { article, diagnostics: structure.diagnostics };
}
