// Vocabulary evidence: cosine similarity of Han bigram counts. The page numbers its
// bigrams and keeps counts in arrays; checked here against the plain definition
// (two-character strings counted in Maps).
import { readFileSync } from 'node:fs';
import { Vocabulary } from '../../src/page/evidence.js';

const seed = readFileSync(new URL('../../fixtures/seed-page.txt', import.meta.url), 'utf8');
const paragraphs = seed.split('\n').filter((l) => /[\u4e00-\u9fa5]{2}/.test(l));

/** The definition: bigrams of Han characters (U+4E00..U+9FA5) within each text, counted. */
function bigrams(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const run of text.match(/[\u4e00-\u9fa5]+/g) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) counts.set(run.slice(i, i + 2), (counts.get(run.slice(i, i + 2)) ?? 0) + 1);
    }
  }
  return counts;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, n] of a) (na += n * n), (dot += n * (b.get(k) ?? 0));
  for (const n of b.values()) nb += n * n;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const blocks = (texts: string[]) => texts.map((text) => ({ text }));

describe('vocabulary evidence', () => {
  it('gives the cosine of the bigram counts, for fixed and growing profiles alike', () => {
    const vocabulary = new Vocabulary();
    // overlapping runs of the same blocks, as a page's contexts are: each block is
    // counted once, whichever profile meets it first
    const page = paragraphs.map((text) => ({ text }));
    const runs = [0, 3, 2, 7, 12, 11, 20, 33].map((at) => page.slice(at, at + 1 + (at % 4)));
    const texts = (run: Array<{ text: string }>) => run.map((b) => b.text);
    const article = vocabulary.growing();
    const grown: string[] = [];
    for (const [i, run] of runs.entries()) {
      const fixed = vocabulary.ofBlocks(run);
      // a fixed profile against every other, one after another (the seams' order)
      for (const other of runs) expect(fixed.cosine(vocabulary.ofBlocks(other))).toBeCloseTo(cosine(bigrams(texts(run)), bigrams(texts(other))), 12);
      if (i > 0) expect(article.cosine(fixed)).toBeCloseTo(cosine(bigrams(grown), bigrams(texts(run))), 12);
      for (const block of run) article.add(block);
      grown.push(...texts(run));
    }
    expect(article.cosine(article)).toBeCloseTo(1, 12);
  });

  it('counts more bigrams than a page usually has (the tables grow)', () => {
    // some 20,000 distinct bigrams: every pair of 150 characters
    const chars = Array.from({ length: 150 }, (_, i) => String.fromCharCode(0x4e00 + i * 7));
    const texts = chars.map((a) => chars.map((b) => a + b).join('，'));
    const vocabulary = new Vocabulary();
    const all = vocabulary.ofBlocks(blocks(texts));
    const half = vocabulary.growing();
    for (const text of texts.slice(0, 75)) half.add({ text });
    expect(half.cosine(all)).toBeCloseTo(cosine(bigrams(texts.slice(0, 75)), bigrams(texts)), 12);
    expect(all.cosine(vocabulary.ofBlocks(blocks(texts.slice(75))))).toBeCloseTo(cosine(bigrams(texts), bigrams(texts.slice(75))), 12);
  });

  it('keeps a late article\'s few bigrams exact, in a map or an array as they fit', () => {
    // a page whose vocabulary is numbered far past what a short late article holds
    const chars = Array.from({ length: 150 }, (_, i) => String.fromCharCode(0x4e00 + i * 7));
    const early = chars.map((a) => chars.map((b) => a + b).join('，'));
    const late = ['长期均衡发展', '优生优育服务', '普惠托育服务体系'];
    const vocabulary = new Vocabulary();
    const whole = vocabulary.ofBlocks(blocks(early));
    whole.halfWidth; // (counted now: the early bigrams take the low ids)
    const article = vocabulary.growing();
    const other = vocabulary.growing();
    const grown: string[] = [];
    const expectExact = () => {
      expect(article.cosine(whole)).toBeCloseTo(cosine(bigrams(grown), bigrams(early)), 12);
      expect(whole.cosine(article)).toBeCloseTo(cosine(bigrams(early), bigrams(grown)), 12);
      expect(article.cosine(other)).toBeCloseTo(cosine(bigrams(grown), bigrams(late)), 12);
      expect(other.cosine(article)).toBeCloseTo(cosine(bigrams(late), bigrams(grown)), 12);
    };
    for (const text of late) other.add({ text });
    // few bigrams, all numbered after 22,000 others (a map), then many early ones (an
    // array), then new ones again far past its array
    for (const text of [late[0], late[1], ...early.slice(0, 40), '长期均衡发展', '新的词语出现在最后']) {
      article.add({ text });
      grown.push(text);
      expectExact();
    }
    expect(article.cosine(article)).toBeCloseTo(1, 12);

    // and back: an article of the page's first few bigrams (an array) that meets a
    // bigram numbered after 22,000 others (a map)
    const fresh = new Vocabulary();
    const first = fresh.growing().add({ text: '长期均衡' });
    const all = fresh.ofBlocks(blocks(early));
    all.halfWidth;
    first.add({ text: '新词' });
    expect(first.cosine(all)).toBeCloseTo(cosine(bigrams(['长期均衡', '新词']), bigrams(early)), 12);
    expect(first.cosine(fresh.ofBlocks(blocks(['均衡新词'])))).toBeCloseTo(cosine(bigrams(['长期均衡', '新词']), bigrams(['均衡新词'])), 12);
  });

  it('reads punctuation style: the share of half-width commas, colons and brackets', () => {
    const vocabulary = new Vocabulary();
    // ， ， ： full-width, ( ) half-width
    expect(vocabulary.ofBlocks(blocks(['一，二，三：四(五)'])).halfWidth).toBe(0.4);
    // too few to say
    expect(vocabulary.ofBlocks(blocks(['一，二', '三,四'])).halfWidth).toBeNull();
    expect(vocabulary.growing().add({ text: 'a,b;c:d(e)' }).halfWidth).toBe(1);
  });
});
