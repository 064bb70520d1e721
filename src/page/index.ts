import type { ArticleDraft, BlockStream, Diagnostic, Furniture, PageMeta, TextPiece } from '../types.js';
import type { LineIndex } from '../decode/lines.js';

export interface PageResult {
  articles: ArticleDraft[];
  furniture: Furniture[];
  unassigned: TextPiece[];
  page: PageMeta;
  diagnostics: Diagnostic[];
}

/** Placeholder: the whole page is one article. */
export function splitPage(stream: BlockStream, lines: LineIndex): PageResult {
  void lines;
  return {
    articles: [
      {
        title: null,
        dateline: null,
        continuedFrom: null,
        continuedTo: null,
        byline: null,
        paragraphs: stream.blocks.map((b) => ({ text: b.text, segments: b.segments, heading: b.heading, cells: b.cells })),
      },
    ],
    furniture: [],
    unassigned: [],
    page: { section: null },
    diagnostics: [],
  };
}
