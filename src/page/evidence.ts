import type { Fragment } from './fragments.js';
import type { LeadingMarker } from './markers.js';

// Evidence that two pieces of text belong to one article, shared by seam linking
// (rejoin.ts) and fragment assignment (assign.ts). Each returns a score around 0:
// positive for the same article, negative against.

/** How the numbering of `before` is continued by the first marker of `after`. */
export function numberingScore(before: LeadingMarker[], after: LeadingMarker[]): number {
  const numbered = after.filter((m) => m.number !== null && m.scheme !== 'qa');
  if (numbered.length === 0) {
    // A question/answer sequence continued by more questions and answers.
    const beforeQa = before.some((m) => m.scheme === 'qa');
    const afterQa = after.some((m) => m.scheme === 'qa');
    return beforeQa && afterQa ? 1 : beforeQa !== afterQa && after.length > 0 && before.length > 0 ? -0.5 : 0;
  }
  // Any of the first few markers of `after` that continues a scheme of `before`
  // speaks: 43. → 44. even with a 十二、 heading between them, and even when the
  // column has moved on to another article a paragraph later.
  let best: number | null = null;
  for (const next of numbered.slice(0, 3)) {
    for (let k = before.length - 1; k >= 0; k--) {
      const m = before[k];
      if (m.scheme !== next.scheme || m.number === null) continue;
      const score =
        next.number === m.number + 1 ? 3 : next.number === m.number + 2 ? 1 : next.scheme === 'cn-shi' && next.number === 1 ? 0 : -2;
      best = best === null ? score : Math.max(best, score);
      break;
    }
  }
  if (best !== null) return best;
  // Schemes new to `before`: a lower level starting at 1 is a fine sequel.
  return numbered[0].number === 1 ? 0.5 : before.length > 0 ? -0.5 : 0;
}

/** Share of half-width commas, colons and brackets among all such marks; null when too few to say. */
export function halfWidthShare(text: string): number | null {
  let half = 0;
  let full = 0;
  for (const ch of text) {
    if (ch === ',' || ch === ':' || ch === ';' || ch === '(' || ch === ')') half++;
    else if (ch === '，' || ch === '：' || ch === '；' || ch === '（' || ch === '）') full++;
  }
  return half + full >= 4 ? half / (half + full) : null;
}

export function styleScore(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0;
  const d = Math.abs(a - b);
  return d < 0.2 ? 0.5 : d > 0.6 ? -1.5 : 0;
}

/** Character bigrams of Han text, for a cheap vocabulary overlap. */
export function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  let prev = '';
  for (const ch of text) {
    if (ch >= '\u4e00' && ch <= '\u9fa5') {
      if (prev) {
        const g = prev + ch;
        grams.set(g, (grams.get(g) ?? 0) + 1);
      }
      prev = ch;
    } else {
      prev = '';
    }
  }
  return grams;
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let dot = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [g, n] of small) {
    const m = large.get(g);
    if (m) dot += n * m;
  }
  let na = 0;
  let nb = 0;
  for (const n of a.values()) na += n * n;
  for (const n of b.values()) nb += n * n;
  return dot / Math.sqrt(na * nb);
}

/** Per-fragment features, computed once. */
export interface FragmentFeatures {
  text: string;
  grams: Map<string, number>;
  halfWidth: number | null;
}

export function features(f: Fragment): FragmentFeatures {
  const text = f.blocks.map((b) => b.text).join('\n');
  return { text, grams: bigrams(text), halfWidth: halfWidthShare(text) };
}
