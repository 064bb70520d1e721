// The page's headline look-ups against their plain definitions: which article a
// repeated headline belongs to (HeadlineIndex), and whether a line sits inside an
// earlier headline past its start (HeadlineTexts). Both replaced scans of every
// headline so far; the answers must be the scans' answers.
import { HeadlineIndex } from '../../src/page/assign.js';
import { HeadlineTexts } from '../../src/page/classify.js';

/** A reproducible stream of numbers in [0, 1) (xorshift32). */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

// Few characters, so that equal texts, prefixes and texts inside others are common;
// spaces, quotes and brackets are ignored by the comparison of articles' headlines.
const ALPHABET = ['关', '于', '通', '知', '工', '作', ' ', '　', '《', '》', '“', '”', '(', '）'];
const text = (next: () => number, max: number) =>
  Array.from({ length: Math.floor(next() * (max + 1)) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');

/** The definition: the first article (in order) with a headline that `headline` repeats. */
function plainOwner(articles: string[][], headline: string): number {
  const normalise = (s: string) => s.replace(/[\s\u3000"“”《》〈〉()（）]/g, '');
  const h = normalise(headline);
  if (h.length < 4) return -1;
  return articles.findIndex((heads) =>
    heads.some((t) => {
      const n = normalise(t);
      return n === h || (h.length >= 6 && (n.startsWith(h) || h.startsWith(n)));
    }),
  );
}

describe('HeadlineIndex', () => {
  it('names the article a headline repeats, as comparing with every article does', () => {
    const next = random(20261125);
    let compared = 0;
    let owned = 0;
    for (let round = 0; round < 200; round++) {
      const index = new HeadlineIndex();
      const articles: string[][] = [];
      for (let step = 0; step < 30; step++) {
        const headline = text(next, 12);
        const expected = plainOwner(articles, headline);
        expect(index.owner(headline)).toBe(expected);
        compared++;
        if (expected >= 0) owned++;
        // a headline joins a new article or, now and then, an earlier one
        const order = articles.length > 0 && next() < 0.3 ? Math.floor(next() * articles.length) : articles.length;
        if (order === articles.length) articles.push([]);
        articles[order].push(headline);
        index.add(headline, order);
      }
    }
    // (the cases are not all misses)
    expect(owned).toBeGreaterThan(compared / 20);
  });
});

describe('HeadlineTexts', () => {
  it('finds a line inside an earlier headline past its start, as comparing with every headline does', () => {
    const next = random(7);
    let inside = 0;
    for (let round = 0; round < 200; round++) {
      const texts = new HeadlineTexts();
      const headlines: string[] = [];
      for (let step = 0; step < 30; step++) {
        const line = text(next, 8);
        const expected = headlines.some((h) => h !== line && h.includes(line) && !h.startsWith(line));
        expect(texts.holdInside(line)).toBe(expected);
        if (expected) inside++;
        const headline = next() < 0.2 && headlines.length > 0 ? headlines[Math.floor(next() * headlines.length)] : text(next, 14);
        headlines.push(headline);
        texts.add(headline);
      }
    }
    expect(inside).toBeGreaterThan(100);
  });
});
