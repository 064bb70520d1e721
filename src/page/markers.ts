// What the page stage needs to know of numbering: which scheme a paragraph's
// leading marker belongs to and its value, to see that （九） is followed by （十）.
// The grammar itself is the structure stage's table (src/structure/levels.ts).
import { matchMarker } from '../structure/levels.js';

export interface LeadingMarker {
  /** The scheme id of the grammar table; questions and answers are both 'qa'. */
  scheme: string;
  number: number | null;
  /** Default depth of the scheme (一、 above （一） above 1.); smaller is higher. */
  rank: number;
}

export function leadingMarker(text: string): LeadingMarker | null {
  const m = matchMarker(text);
  if (!m) return null;
  const id = m.scheme.id;
  if (id === 'qa-question' || id === 'qa-answer') return { scheme: 'qa', number: null, rank: m.scheme.rank };
  return { scheme: id, number: m.number, rank: m.scheme.rank };
}
