// parse(), one page at a time, for plain text of many pages separated by form feeds
// (pdftotext output, a day's pages in one file). The page stage already handles
// such pages one by one; here the articles of each page are built, checked and
// handed on as soon as the page is done, so a caller can write them out and let
// them go: memory stays that of the input and one page, not of the whole document.
// The pieces put together are exactly what parse() returns (test/output/stream.test.ts).
import type { Article, Decoded, Diagnostic, Furniture, InputFormat, PolicyDocument, TextPiece } from './types.js';
import { decode } from './decode/index.js';
import { LineIndex, type TextBase } from './decode/lines.js';
import { buildArticle, detectFormat, fromString, OUTPUT_VERSION, type ParseOptions } from './pipeline.js';
import { pageBlocks, textPages, type TextPage } from './frontends/ocr.js';
import { splitPage } from './page/index.js';
import { schemaErrors } from './schema/index.js';
import { append } from './arrays.js';
import { articleJson, jsonlRecord } from './format/json.js';

/** Everything of the document but its articles, known once the last page is done. */
export type DocumentShell = Omit<PolicyDocument, 'articles'>;

/** An input that parseInPages() takes page by page: decoded, not yet parsed. */
export interface PagedInput {
  /** Its form-feed pages, each parsed on its own by parsePage(). */
  readonly pages: readonly TextPage[];
  /** Page k's text and where it starts: what parsePage() takes (here or in a worker thread). */
  page(k: number): { text: string; base: TextBase };
  /** Puts the pages' parses together, in page order. */
  joiner(): PageJoiner;
  /**
   * Parses page by page, handing each page's articles (ids numbered across the
   * whole input, each checked against the schema) to `onArticles` in order, and
   * returns the rest of the document and the number of articles. A promise from
   * `onArticles` is waited for before the next page (a reader that is behind).
   */
  run(onArticles: (articles: Article[]) => void | Promise<void>): Promise<{ shell: DocumentShell; articles: number }>;
}

/**
 * What one page gives the document, as if it were alone: articles numbered from
 * a1 (furniture pointing at those numbers), each checked against the schema. The
 * articles are objects, or already written out (ArticleText: pages.ts's workers).
 */
export interface PageParse<A = Article> {
  articles: A[];
  furniture: Furniture[];
  unassigned: TextPiece[];
  sections: string[];
  date: string | null;
  edition: string | null;
  pageDiagnostics: Diagnostic[];
  articleDiagnostics: Diagnostic[];
}

/** Takes the pages' parses in page order; finish() gives the rest of the document. */
export interface PageJoiner {
  /**
   * Takes all of the page but its articles, and returns how many articles the pages
   * before it had: its articles' numbers go on from there (renumber(), renumberText()).
   */
  add(page: PageParse<unknown>): number;
  finish(): { shell: DocumentShell; articles: number };
}

/**
 * Decodes `input` and, when it is plain text with form feeds, returns it ready to
 * be parsed page by page (the caller may let go of the bytes now); null for any
 * other input: use parse(). Throws InputError as parse() does.
 */
export function pagedInput(input: string | Uint8Array, options: ParseOptions): PagedInput | null {
  return pagedDecoded(typeof input === 'string' ? fromString(input) : decode(input, { encoding: options.encoding }), options);
}

/** pagedInput() of an input already decoded (decodeUtf8File()). */
export function pagedDecoded(decoded: Decoded, options: ParseOptions): PagedInput | null {
  const text = decoded.text;
  const format = options.format ?? detectFormat(options.name, text);
  if (format !== 'text' || !text.includes('\f')) return null;
  const pages = textPages(text);
  const page = (k: number) => ({ text: text.slice(pages[k].offset, pages[k].end), base: pages[k] });
  const joiner = () => joinPages(decoded, format, options);
  return {
    pages,
    page,
    joiner,
    run: async (onArticles) => {
      const join = joiner();
      for (let k = 0; k < pages.length; k++) {
        const { text, base } = page(k);
        const parsed = parsePage(text, base);
        renumber(parsed.articles, join.add(parsed));
        if (parsed.articles.length > 0) await onArticles(parsed.articles);
      }
      return join.finish();
    },
  };
}

/** pagedInput() and run() in one: null, having called nothing, when the input is not paged. */
export function parseInPages(
  input: string | Uint8Array,
  options: ParseOptions,
  onArticles: (articles: Article[]) => void | Promise<void>,
): Promise<{ shell: DocumentShell; articles: number }> | null {
  return pagedInput(input, options)?.run(onArticles) ?? null;
}

/**
 * One page of plain text (no form feed in it) as parse() handles each page of a
 * longer text: blocks, articles, structure; positions those of the whole text.
 */
export function parsePage(text: string, base: TextBase): PageParse {
  const lines = new LineIndex(text, base);
  const blocks = pageBlocks(text);
  const parsed: PageParse = { articles: [], furniture: [], unassigned: [], sections: [], date: null, edition: null, pageDiagnostics: [], articleDiagnostics: [] };
  if (blocks.length === 0) return parsed;
  const page = splitPage({ blocks, meta: {}, diagnostics: [] }, lines);
  parsed.furniture = page.furniture;
  parsed.unassigned = page.unassigned;
  parsed.sections = page.page.sections ?? [];
  parsed.date = page.page.date ?? null;
  parsed.edition = page.page.edition ?? null;
  parsed.pageDiagnostics = page.diagnostics;
  page.articles.forEach((draft, i) => {
    const built = buildArticle(draft, i, lines);
    parsed.articles.push(built.article);
    append(parsed.articleDiagnostics, built.diagnostics);
  });
  if (parsed.articles.length > 0) check({ ...EMPTY_SHELL, articles: parsed.articles });
  return parsed;
}

function joinPages(decoded: Decoded, format: InputFormat, options: ParseOptions): PageJoiner {
  const sections: string[] = [];
  const furniture: Furniture[] = [];
  const unassigned: TextPiece[] = [];
  const pageDiagnostics: Diagnostic[] = [];
  const articleDiagnostics: Diagnostic[] = [];
  // As splitPage() over all pages: the first running head's date and edition.
  let date: string | null = null;
  let edition: string | null = null;
  let count = 0;
  return {
    add(page) {
      // This page's article numbers start after those of the pages before it.
      const offset = count;
      for (const f of page.furniture) furniture.push(offset && f.article ? { ...f, article: articleId(localNumber(f.article) + offset) } : f);
      append(unassigned, page.unassigned);
      append(sections, page.sections);
      date ??= page.date;
      edition ??= page.edition;
      append(pageDiagnostics, page.pageDiagnostics);
      append(articleDiagnostics, page.articleDiagnostics);
      count += page.articles.length;
      return offset;
    },
    finish() {
      const shell: DocumentShell = {
        version: OUTPUT_VERSION,
        source: { name: options.name ?? '-', format, encoding: decoded.encoding, sha256: decoded.sha256, bytes: decoded.bytes },
        page: { section: sections[0] ?? null, sections, date, edition },
        furniture,
        unassigned,
        diagnostics: [...decoded.diagnostics, ...pageDiagnostics, ...articleDiagnostics],
      };
      check({ ...shell, articles: [] });
      return { shell, articles: count };
    },
  };
}

const EMPTY_SHELL: Omit<PolicyDocument, 'articles'> = {
  version: OUTPUT_VERSION,
  source: { name: '-', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64), bytes: 0 },
  page: { section: null, sections: [], date: null, edition: null },
  furniture: [],
  unassigned: [],
  diagnostics: [],
};

function check(doc: PolicyDocument): void {
  const errors = schemaErrors(doc);
  if (errors.length) {
    throw new Error(`internal error: output does not match the schema: ${errors[0].pointer} ${errors[0].message}`);
  }
}

/** The id of a document's n-th article (pipeline.ts's buildArticle numbers them so). */
const articleId = (n: number) => `a${n}`;
const localNumber = (id: string) => Number(id.slice(1));

/** A page's articles (numbered from a1) numbered on after `offset` articles of the pages before. */
function renumber(articles: Article[], offset: number): void {
  if (offset) for (const article of articles) article.id = articleId(localNumber(article.id) + offset);
}

/** How the CLI writes each article: inside a JSON document (articleJson) or as a JSON Lines record. */
export interface ArticleLayout {
  lines: boolean;
  pretty: boolean;
  /** the input's name, which each JSON Lines record opens with */
  source: string;
}

/**
 * An article written out, and where in the text its id's JSON string stands: a
 * page's articles are written out where the page was parsed (a worker thread),
 * before the pages before it are done, so their numbers are put in afterwards.
 */
export interface ArticleText {
  text: string;
  idAt: number;
  idLength: number;
}

/** The article as the CLI writes it: articleJson(), or a JSON Lines record (formatJsonl()). */
export function writeArticle(article: Article, layout: ArticleLayout): string {
  return layout.lines ? jsonlRecord(layout.source, article) : articleJson(article, layout.pretty);
}

/** writeArticle(), and where its id is. */
export function articleText(article: Article, layout: ArticleLayout): ArticleText {
  const text = writeArticle(article, layout);
  // The id is the article's first key (after a record's source), so what comes before
  // its value is the same for every article: that of an article holding nothing else.
  const empty = layout.lines ? JSON.stringify({ source: layout.source, id: '' }) : articleJson({ id: '' } as Article, layout.pretty);
  const idAt = empty.lastIndexOf('""');
  const quoted = JSON.stringify(article.id);
  if (!text.startsWith(empty.slice(0, idAt)) || !text.startsWith(quoted, idAt)) throw new Error('internal error: an article does not open with its id');
  return { text, idAt, idLength: quoted.length };
}

/** The article's text with its id numbered on after `offset` articles of the pages before. */
export function renumberText(article: ArticleText, offset: number): string {
  if (!offset) return article.text;
  const { text, idAt, idLength } = article;
  const id = articleId(localNumber(JSON.parse(text.slice(idAt, idAt + idLength))) + offset);
  return text.slice(0, idAt) + JSON.stringify(id) + text.slice(idAt + idLength);
}
