import type { Article, Node, PolicyDocument } from '../types.js';
import { plain, type Paint } from './paint.js';
import { append } from '../arrays.js';

export interface TreeOptions {
  paint?: Paint;
  /** Characters of a node's text shown after its heading. */
  previewLength?: number;
}

/**
 * An outline for people: the input, then each article's title, dateline and
 * continuation, then its numbered tree with markers, headings and a short preview.
 *
 *     seed-page.txt  3 articles  section 综合新闻
 *     a1  中共中央国务院关于优化生育政策促进人口长期均衡发展的决定
 *         dateline   (新华社北京7月20日电)
 *         ├─ 二、指导思想、主要原则和目标
 *         │  ├─ (五) 指导思想  坚持以习近平新时代…
 */
export function formatTree(doc: PolicyDocument, options: TreeOptions = {}): string {
  const paint = options.paint ?? plain;
  const previewLength = options.previewLength ?? 24;
  const out: string[] = [documentLine(doc, paint)];
  for (const article of doc.articles) {
    append(out, articleLines(article, paint, previewLength));
  }
  if (doc.unassigned.length) out.push(paint.warning(`unassigned  ${doc.unassigned.length} piece(s) of text in no article`));
  return out.join('\n') + '\n';
}

function documentLine(doc: PolicyDocument, paint: Paint): string {
  const facts = [plural(doc.articles.length, 'article')];
  if (doc.page.section) facts.push(`section ${doc.page.section}`);
  if (doc.page.date) facts.push(doc.page.date);
  if (doc.page.edition) facts.push(doc.page.edition);
  const findings = doc.diagnostics.filter((d) => d.severity !== 'info').length;
  if (findings) facts.push(plural(findings, 'warning'));
  return `${paint.title(doc.source.name)}  ${paint.dim(facts.join('  '))}`;
}

const INDENT = '    ';

function articleLines(article: Article, paint: Paint, previewLength: number): string[] {
  const lines = [`${paint.dim(article.id.padEnd(3))} ${article.title ? paint.title(article.title) : paint.dim('(untitled)')}`];
  const fact = (label: string, value: string) => lines.push(`${INDENT}${paint.dim(label.padEnd(10))} ${value}`);
  if (article.byline) fact('byline', article.byline);
  if (article.dateline) fact('dateline', article.dateline.text);
  if (article.continuedFrom) fact('from', article.continuedFrom.text);
  if (article.continuedTo) fact('to', article.continuedTo.text);
  if (article.body.length === 0) lines.push(`${INDENT}${paint.dim('(empty)')}`);
  const walk = (nodes: Node[], guide: string) => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      lines.push(`${INDENT}${paint.dim(guide + (last ? '└─ ' : '├─ '))}${nodeLabel(node, paint, previewLength)}`);
      walk(node.children, guide + (last ? '   ' : '│  '));
    });
  };
  walk(article.body, '');
  return lines;
}

function nodeLabel(node: Node, paint: Paint, previewLength: number): string {
  if (node.type === 'table') {
    const rows = node.rows?.length ?? 0;
    return [paint.marker('table'), node.caption ? paint.heading(node.caption) : '', paint.dim(plural(rows, 'row'))].filter(Boolean).join(' ');
  }
  const parts: string[] = [];
  if (node.marker) parts.push(paint.marker(node.marker));
  const heading = node.type === 'qa' ? (node.question ?? node.heading) : node.heading;
  if (heading) parts.push(paint.heading(heading));
  const preview = previewOf(node.text, previewLength);
  if (preview) parts.push(paint.dim(preview));
  if (parts.length === 0) parts.push(paint.dim(`(${node.type})`));
  return parts.join(' ');
}

function previewOf(text: string, length: number): string {
  // Tabs and runs of spaces (table rows, OCR) would break the outline's columns.
  const firstLine = (text.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ');
  const chars = Array.from(firstLine);
  return chars.length > length || text.trim().includes('\n') ? chars.slice(0, length).join('') + '…' : firstLine;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
