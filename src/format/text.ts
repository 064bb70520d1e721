import type { PolicyDocument } from '../types.js';

/**
 * Each article's plain text: its title on the first line when it has one, then the
 * body one paragraph a line, exactly as in `article.text`. A blank line separates
 * articles, so `awk -v RS=` reads one article a record.
 */
export function formatText(doc: PolicyDocument): string {
  return doc.articles
    .map((article) => {
      const lines = article.title ? [article.title] : [];
      if (article.text) lines.push(article.text);
      return lines.join('\n') + '\n';
    })
    .join('\n');
}
