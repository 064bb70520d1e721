// Tables written as text: a title line, a header row and data rows whose columns are
// separated by tabs, runs of two or more spaces, or Markdown pipes. Rows the
// front-end already split (HTML <tr>) come with their cells.
import type { Paragraph } from '../types.js';
import { matchMarker } from './levels.js';

export interface TableRun {
  /** Index of the caption paragraph, or null when the table has none. */
  caption: number | null;
  /** First and last row paragraph (inclusive), separator rows included. */
  first: number;
  last: number;
  header: string[];
  rows: string[][];
}

/** A cell in a multi-space table is short; longer runs of words are prose with a wide gap. */
const MAX_SPACED_CELL = 30;
const MAX_CAPTION = 50;

const CJK = '\\u2e80-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef“”‘’';
const OCR_SPACE = new RegExp(`(?<=[${CJK}])[ \\u00a0\\u3000]+(?=[${CJK}])`, 'g');

/** OCR puts spaces between the characters of a cell: 新 发 展 → 新发展. */
export function cleanCell(cell: string): string {
  return cell.trim().replace(OCR_SPACE, '');
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEPARATOR = /^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$/;

/** The cells of a row, 'separator' for a Markdown delimiter row, null for prose. */
export function rowCells(p: Paragraph): string[] | 'separator' | null {
  if (p.cells && p.cells.length >= 2) return p.cells.map(cleanCell);
  const text = p.text;
  if (text.includes('\n')) return null;
  if (PIPE_ROW.test(text)) {
    if (PIPE_SEPARATOR.test(text)) return 'separator';
    const inner = text.trim().slice(1, -1);
    const cells = inner.split(/(?<!\\)\|/).map((c) => cleanCell(c.replace(/\\\|/g, '|')));
    return cells.length >= 2 ? cells : null;
  }
  const trimmed = text.trim();
  if (trimmed.includes('\t')) {
    const cells = trimmed.split(/\t+/).map(cleanCell).filter((c) => c !== '');
    return cells.length >= 2 ? cells : null;
  }
  if (/\S[ \u3000]{2,}\S/.test(trimmed)) {
    const cells = trimmed.split(/[ \u3000]{2,}/).map(cleanCell);
    if (cells.length < 2 || cells.some((c) => c.length > MAX_SPACED_CELL)) return null;
    if (cells.slice(0, -1).some((c) => /[。；;]/.test(c))) return null;
    return cells;
  }
  return null;
}

/** A title line above a table: short, not a sentence. */
function isCaption(p: Paragraph | undefined): boolean {
  if (!p || p.cells) return false;
  const text = p.text.trim();
  if (!text || text.length > MAX_CAPTION || text.includes('\n')) return false;
  if (/[。；;，,：:！？!?]/.test(text.replace(/[\t ]+$/, ''))) return false;
  return rowCellsOrNull(p) === null && matchMarker(text) === null;
}

function rowCellsOrNull(p: Paragraph): string[] | null {
  const cells = rowCells(p);
  return Array.isArray(cells) ? cells : null;
}

/** Every table of an article, in order; runs do not overlap. */
export function findTables(paragraphs: readonly Paragraph[]): TableRun[] {
  const runs: TableRun[] = [];
  let i = 0;
  while (i < paragraphs.length) {
    const first = rowCells(paragraphs[i]);
    if (first === null || first === 'separator') {
      i++;
      continue;
    }
    const rows: string[][] = [first];
    let j = i + 1;
    for (; j < paragraphs.length; j++) {
      const cells = rowCells(paragraphs[j]);
      if (cells === null) break;
      if (cells !== 'separator') rows.push(cells);
    }
    const pipes = PIPE_ROW.test(paragraphs[i].text);
    // A table is a header and at least one row; a lone pair of tab-separated lines
    // needs a title line above it to be told from a stray tab.
    const caption = i > 0 && (runs.length === 0 || runs[runs.length - 1].last < i - 1) && isCaption(paragraphs[i - 1]) ? i - 1 : null;
    if (rows.length >= 3 || (rows.length === 2 && (caption !== null || pipes || paragraphs[i].cells))) {
      runs.push({ caption, first: i, last: j - 1, header: rows[0], rows: rows.slice(1) });
    }
    i = j;
  }
  return runs;
}
