import type { Article, PolicyDocument } from '../types.js';

export interface JsonOptions {
  /** Indent by two spaces; otherwise one line. */
  pretty?: boolean;
}

/** The whole document, as the schema describes it, ending in a newline. */
export function formatJson(doc: PolicyDocument, options: JsonOptions = {}): string {
  return JSON.stringify(doc, null, options.pretty ? 2 : undefined) + '\n';
}

/**
 * formatJson()'s text in pieces, an article at a time: joined, the same text. For
 * writing a long document out without making all of its JSON at once (on a page
 * of 12 MB, a string of 57 MB and its 44 MB of bytes at the peak).
 */
export function* formatJsonPieces(doc: PolicyDocument, options: JsonOptions = {}): Generator<string> {
  const { articles, ...shell } = doc;
  const pretty = options.pretty ?? false;
  const frame = jsonFrame(shell, articles.length, pretty);
  yield frame.head;
  for (let i = 0; i < articles.length; i++) yield (i > 0 ? frame.separator : '') + articleJson(articles[i], pretty);
  if (frame.tail) yield frame.tail;
}

/**
 * One article a line (JSON Lines), each carrying `source`, the input's name, so
 * lines from many inputs can be mixed and still traced back.
 */
export function formatJsonl(doc: PolicyDocument): string {
  let out = '';
  for (const line of formatJsonlPieces(doc)) out += line;
  return out;
}

/** formatJsonl()'s lines, one at a time. */
export function* formatJsonlPieces(doc: PolicyDocument): Generator<string> {
  for (const article of doc.articles) yield jsonlRecord(doc.source.name, article);
}

/** One article as a JSON Lines record: the input's name, then the article, a line. */
export function jsonlRecord(source: string, article: Article): string {
  return JSON.stringify({ source, ...article }) + '\n';
}

/**
 * The JSON of a document whose articles are written separately: what comes before
 * the first article and after the last, so that head + articles + tail is exactly
 * formatJson() of the whole document. `articleJson` gives one article as it appears
 * inside the document; join them with `separator`.
 */
export function jsonFrame(shell: Omit<PolicyDocument, 'articles'>, articles: number, pretty: boolean): { head: string; tail: string; separator: string } {
  const { version, source, page, ...rest } = shell;
  if (articles === 0) return { head: JSON.stringify({ version, source, page, articles: [], ...rest }, null, pretty ? 2 : undefined) + '\n', tail: '', separator: '' };
  const mark = '\u0000articles\u0000';
  const whole = JSON.stringify({ version, source, page, articles: [mark], ...rest }, null, pretty ? 2 : undefined) + '\n';
  const quoted = JSON.stringify(mark);
  const at = whole.indexOf(quoted);
  return { head: whole.slice(0, at), tail: whole.slice(at + quoted.length), separator: articleSeparator(pretty) };
}

/** What stands between two articles (articleJson()) inside formatJson()'s document. */
export const articleSeparator = (pretty: boolean): string => (pretty ? ',\n    ' : ',');

/** One article as it appears inside formatJson()'s document. */
export function articleJson(article: Article, pretty: boolean): string {
  return pretty ? JSON.stringify(article, null, 2).replace(/\n/g, '\n    ') : JSON.stringify(article);
}
