import type { PolicyDocument } from '../types.js';

export interface JsonOptions {
  /** Indent by two spaces; otherwise one line. */
  pretty?: boolean;
}

/** The whole document, as the schema describes it, ending in a newline. */
export function formatJson(doc: PolicyDocument, options: JsonOptions = {}): string {
  return JSON.stringify(doc, null, options.pretty ? 2 : undefined) + '\n';
}

/**
 * One article a line (JSON Lines), each carrying `source`, the input's name, so
 * lines from many inputs can be mixed and still traced back.
 */
export function formatJsonl(doc: PolicyDocument): string {
  let out = '';
  for (const article of doc.articles) out += JSON.stringify({ source: doc.source.name, ...article }) + '\n';
  return out;
}
