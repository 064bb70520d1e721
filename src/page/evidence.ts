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
        next.number === m.number + 1 ? 3 : next.number === m.number + 2 ? 1 : next.scheme === 'enum' && next.number === 1 ? 0 : -2;
      best = best === null ? score : Math.max(best, score);
      break;
    }
  }
  if (best !== null) return best;
  // Schemes new to `before`: a lower level starting at 1 is a fine sequel.
  return numbered[0].number === 1 ? 0.5 : before.length > 0 ? -0.5 : 0;
}

export function styleScore(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0;
  const d = Math.abs(a - b);
  return d < 0.2 ? 0.5 : d > 0.6 ? -1.5 : 0;
}

/**
 * What a piece of text looks like, for comparing it with another: its Han
 * character bigrams (vocabulary) and its share of half-width punctuation (style).
 * Grows by `add`, so an article's profile is kept up to date as fragments join it
 * instead of being recomputed for every comparison.
 */
export class TextProfile {
  readonly grams = new Map<string, number>();
  private norm2 = 0;
  private half = 0;
  private full = 0;

  static of(texts: Iterable<string>): TextProfile {
    const p = new TextProfile();
    for (const t of texts) p.add(t);
    return p;
  }

  add(text: string): this {
    let prev = '';
    for (const ch of text) {
      if (ch >= '\u4e00' && ch <= '\u9fa5') {
        if (prev) {
          const g = prev + ch;
          const n = this.grams.get(g) ?? 0;
          this.grams.set(g, n + 1);
          this.norm2 += 2 * n + 1;
        }
        prev = ch;
        continue;
      }
      prev = '';
      if (ch === ',' || ch === ':' || ch === ';' || ch === '(' || ch === ')') this.half++;
      else if (ch === '，' || ch === '：' || ch === '；' || ch === '（' || ch === '）') this.full++;
    }
    return this;
  }

  /** Share of half-width commas, colons and brackets; null when too few to say. */
  get halfWidth(): number | null {
    const all = this.half + this.full;
    return all >= 4 ? this.half / all : null;
  }

  /** Cosine similarity of the bigram counts, 0..1. */
  cosine(other: TextProfile): number {
    if (this.norm2 === 0 || other.norm2 === 0) return 0;
    const [small, large] = this.grams.size < other.grams.size ? [this.grams, other.grams] : [other.grams, this.grams];
    let dot = 0;
    for (const [g, n] of small) {
      const m = large.get(g);
      if (m) dot += n * m;
    }
    return dot / Math.sqrt(this.norm2 * other.norm2);
  }
}
