import type { Article, Node, PolicyDocument } from '../types.js';
import { append } from '../arrays.js';

/**
 * Each article re-rendered as Markdown that policyparse reads back into the same
 * tree. The layout follows the newspaper Markdown policyparse reads:
 *
 *     # 综合新闻                        page section, once
 *     ## 标题                           article title
 *     (上接第1版)                       continued from, byline
 *     ### 二、指导思想、主要原则和目标    a node with a heading and no text of its own:
 *     #### (六)主要原则                  a heading, level 3 + depth in the tree (up to 6)
 *     (五)指导思想。坚持以……             a node with text: one paragraph, marker,
 *                                        heading and text as they were written
 *     | 具体指标 | 发展目标 |             a table node: caption paragraph, then a table
 *     (新华社北京7月20日电)              dateline, continued on
 *
 * The separators between marker, heading and text (`第一条　`, `。`, `：`) are not in
 * the tree; they are read back from `article.text`, where every character is kept
 * as written, and default to none after the marker and 。 after a heading.
 */
export function formatMarkdown(doc: PolicyDocument): string {
  const blocks: string[] = [];
  if (doc.page.section) blocks.push(`# ${doc.page.section}`);
  for (const article of doc.articles) append(blocks, articleBlocks(article));
  return blocks.length ? blocks.join('\n\n') + '\n' : '';
}

/** Heading level of the article title; body nodes start one below it. */
const TITLE_LEVEL = 2;
const MAX_LEVEL = 6;

function articleBlocks(article: Article): string[] {
  const blocks: string[] = [];
  const sources = new SourceLines(article.text);
  if (article.title) blocks.push(`${'#'.repeat(TITLE_LEVEL)} ${oneLine(article.title)}`);
  if (article.continuedFrom) blocks.push(paragraph(article.continuedFrom.text));
  if (article.byline) blocks.push(paragraph(article.byline));
  const dateline = article.dateline ? datelinePlace(article) : 'none';
  if (dateline === 'own-line-before') blocks.push(paragraph(article.dateline!.text));
  const body: string[] = [];
  for (const node of article.body) append(body, nodeBlocks(node, 0, sources));
  if (dateline === 'inline-before') {
    // 新华社北京5月18日电　近日，…: the dateline opens the first paragraph.
    const i = body.findIndex((b) => !b.startsWith('#') && !b.startsWith('|'));
    if (i === -1) body.unshift(paragraph(article.dateline!.text));
    else body[i] = paragraph(`${article.dateline!.text}\u3000${body[i]}`);
  }
  append(blocks, body);
  if (dateline === 'after') blocks.push(paragraph(article.dateline!.text));
  if (article.continuedTo) blocks.push(paragraph(article.continuedTo.text));
  return blocks;
}

function datelinePlace(article: Article): 'inline-before' | 'own-line-before' | 'after' {
  const dateline = article.dateline!;
  const first = article.spans[0];
  if (dateline.span && first) {
    if (dateline.span.start.offset > first.start.offset) return 'after';
    return dateline.span.end.line === first.start.line ? 'inline-before' : 'own-line-before';
  }
  // Without a position: bracketed datelines close an article, bare ones open it.
  return /^[(（[【]/.test(dateline.text) ? 'after' : 'inline-before';
}

function nodeBlocks(node: Node, depth: number, sources: SourceLines): string[] {
  if (node.type === 'table') return [...tableBlocks(node), ...childBlocks(node, depth, sources)];
  const textLines = node.text.trim() ? node.text.split('\n').filter((l) => l.trim()) : [];
  const blocks: string[] = [];
  if (node.type === 'qa') {
    const question = node.question ?? node.heading ?? '';
    blocks.push(paragraph(`${node.marker ?? '问：'}${question}`), ...textLines.map(paragraph));
  } else if (!node.marker && !node.heading) {
    append(blocks, textLines.map(paragraph));
  } else {
    const written = sources.find(node);
    const head = `${node.marker ?? ''}${node.marker && node.heading !== null ? written.afterMarker : ''}${node.heading ?? ''}`;
    const level = TITLE_LEVEL + 1 + depth;
    if (node.heading && (textLines.length === 0 || written.headingAlone)) {
      const line = head + written.headingTail;
      // A heading that ends a sentence (第五节　生活、卫生。) stays a paragraph: read
      // back as a Markdown heading it would lose its full stop.
      const asHeading = level <= MAX_LEVEL && !/[。．；;！!？?]$/.test(line);
      blocks.push(asHeading ? `${'#'.repeat(level)} ${oneLine(line)}` : paragraph(line));
      append(blocks, textLines.map(paragraph));
    } else if (textLines.length === 0) {
      blocks.push(paragraph(head));
    } else {
      const joint = node.heading ? written.afterHeading : node.marker ? written.afterMarker : '';
      blocks.push(paragraph(head + joint + textLines[0]), ...textLines.slice(1).map(paragraph));
    }
  }
  return [...blocks, ...childBlocks(node, depth, sources)];
}

function childBlocks(node: Node, depth: number, sources: SourceLines): string[] {
  return node.children.flatMap((child) => nodeBlocks(child, depth + 1, sources));
}

function tableBlocks(node: Node): string[] {
  const header = node.header ?? [];
  const rows = node.rows ?? [];
  const width = Math.max(1, header.length, ...rows.map((r) => r.length));
  const row = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
  const lines = [row(header), `|${' --- |'.repeat(width)}`, ...rows.map(row)];
  return node.caption ? [paragraph(node.caption), lines.join('\n')] : [lines.join('\n')];
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/** How a node's first line was written, recovered from the article's text. */
interface Written {
  afterMarker: string;
  afterHeading: string;
  /** The heading stood on a line of its own (a heading line, not an inline lead-in). */
  headingAlone: boolean;
  /** Punctuation after a heading that stood alone: (五)指导思想。 */
  headingTail: string;
}

const LEAD_PUNCTUATION = /^[\s\u3000。．.，,：:；;！!？?]*/;

class SourceLines {
  private readonly byFirstChar = new Map<string, string[]>();

  constructor(text: string) {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/^[\s\u3000]+/, '');
      if (!line) continue;
      const list = this.byFirstChar.get(line[0]);
      if (list) list.push(line);
      else this.byFirstChar.set(line[0], [line]);
    }
  }

  find(node: Node): Written {
    const marker = node.marker ?? '';
    const fallback: Written = {
      afterMarker: /^第.+[编章节条款]$/.test(marker) ? '\u3000' : '',
      afterHeading: node.heading && /[。．.，,：:；;！!？?]$/.test(node.heading) ? '' : '。',
      headingAlone: false,
      headingTail: '',
    };
    const candidates = (marker || node.heading) ? this.byFirstChar.get((marker || node.heading!)[0]) ?? [] : [];
    const textStart = node.text.trim().slice(0, 6);
    for (const line of candidates) {
      if (!line.startsWith(marker)) continue;
      const afterMarkerMatch = /^[\s\u3000]*/.exec(line.slice(marker.length))![0];
      let rest = line.slice(marker.length + afterMarkerMatch.length);
      if (!node.heading) {
        if (textStart && rest.startsWith(textStart)) return { ...fallback, afterMarker: afterMarkerMatch };
        continue;
      }
      if (!rest.startsWith(node.heading)) continue;
      rest = rest.slice(node.heading.length);
      const afterHeading = LEAD_PUNCTUATION.exec(rest)![0];
      rest = rest.slice(afterHeading.length);
      if (rest && textStart && !rest.startsWith(textStart)) continue;
      if (rest === '') return { afterMarker: afterMarkerMatch, afterHeading: fallback.afterHeading, headingAlone: true, headingTail: afterHeading.trim() };
      return { afterMarker: afterMarkerMatch, afterHeading, headingAlone: false, headingTail: '' };
    }
    return fallback;
  }
}

function paragraph(text: string): string {
  return escapeBlockStart(oneLine(text));
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * Text that Markdown would read as a heading, quote, list, rule or code block gets a
 * backslash, so it stays a paragraph. Chinese policy text hardly ever needs it
 * (1.项目 is no list: CommonMark wants a space after the dot).
 */
function escapeBlockStart(line: string): string {
  if (/^ {4}/.test(line)) return line.replace(/^ +/, '');
  if (/^(#{1,6}|[-+*]|>)(\s|$)/.test(line) || /^>/.test(line)) return `\\${line}`;
  if (/^([-*_=])(\s*\1){2,}\s*$/.test(line)) return `\\${line}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  return line;
}
