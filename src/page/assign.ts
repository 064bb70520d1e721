import type { Continuation } from '../types.js';
import type { Fragment } from './fragments.js';
import { MOST_NUMBERING_SCORE, numberingScore, styleScore, type TextProfile, type Vocabulary } from './evidence.js';
import type { LeadingMarker } from './markers.js';
import { append } from '../arrays.js';
import { PairNumbering } from './pairs.js';

/** An article under construction: its fragments in reading order. */
export interface Chain {
  /** its place among the page's chains */
  order: number;
  fragments: number[];
  title: string | null;
  continuedFrom: Continuation | null;
  /** Kept up to date as fragments join: all its markers, and its text profile. */
  markers: LeadingMarker[];
  profile: TextProfile;
}

// Consecutive paragraphs of one column mostly belong together; a switch of article
// at a paragraph break must be earned by numbering and vocabulary. Measured on
// pages interleaved afresh from whole documents (scripts/interleave.mjs; not the
// dev pages, which these weights were first set on): with vocabulary worth 4, a
// paragraph that opened a new column went to the article whose column it followed
// even when its words were plainly the other's (固体废物 after a paragraph on
// 职业教育), and every paragraph after it followed. Worth 8, it puts 97.3% of
// the text right instead of 96.0%, the dev pages unchanged. Adjacency stays at 4:
// at 3 the seed page re-read from its own Markdown loses its indicator table to
// the wrong article.
const ADJACENCY = 4;
/** What a cosine of 1 between a paragraph's bigrams and an article's is worth. */
const VOCABULARY = 8;
/** How many paragraphs further down the column an unnumbered one looks for a marker. */
const LOOK_AHEAD = 6;
/**
 * How far back (in fragments) an article is still open to a fragment that starts
 * afresh: more than a newspaper page holds. A law's paragraphs are short: a page
 * of three laws holds 250 of them, and at 150 a law that went on after a long run
 * of another one's was closed to its own sequel. Pages run together without form
 * feeds (thousands of fragments) would otherwise weigh every fragment against
 * every article of the whole input. (Seams keep their own, shorter reach,
 * MAX_SEAM_DISTANCE: each of their pairs costs far more.)
 */
const OPEN_DISTANCE = 400;
const normalise = (s: string) => s.replace(/[\s\u3000"“”《》〈〉()（）]/g, '');

/**
 * The headlines of a page's articles so far, to tell a headline printed again over
 * a later column of its article: the same text, or (six characters or more) one a
 * prefix of the other, compared without spaces, quotes and brackets; four
 * characters at least. Looked up along the headlines' prefixes, not compared with
 * every article's headlines in turn: a page of 10,000 headlined articles spent
 * 10 s doing that.
 */
export class HeadlineIndex {
  /**
   * Every prefix of the headlines seen, normalised, as a trie: a prefix is a node
   * (0: the empty one), numbered by its parent node and its last code unit.
   */
  private readonly prefixes = new PairNumbering();
  /** by prefix (node): the first article (by order) with a headline that is it */
  private readonly whole: number[] = [Infinity];
  /** by prefix of six characters or more: the first article with a headline that starts with it */
  private readonly startOf: number[] = [Infinity];

  /** Records that article `order` (its place among the page's articles) has `headline`. */
  add(headline: string, order: number): void {
    const n = normalise(headline);
    const { prefixes, whole, startOf } = this;
    let node = 0;
    for (let i = 0; i < n.length; i++) {
      node = prefixes.add(node, n.charCodeAt(i));
      if (node === whole.length) whole.push(Infinity), startOf.push(Infinity);
      if (i + 1 >= MIN_PREFIX && order < startOf[node]) startOf[node] = order;
    }
    if (order < whole[node]) whole[node] = order;
  }

  /** The first article whose headlines `headline` repeats; -1 for none. */
  owner(headline: string): number {
    const h = normalise(headline);
    if (h.length < 4) return -1;
    const { prefixes, whole, startOf } = this;
    const long = h.length >= MIN_PREFIX;
    let first = Infinity;
    let node = 0;
    for (let i = 0; i < h.length && node >= 0; i++) {
      // one of theirs that it starts with
      if (long) first = Math.min(first, whole[node]);
      node = prefixes.numberOf(node, h.charCodeAt(i)) || -1;
    }
    // the same, or (long) one of theirs that starts with it
    if (node >= 0) first = Math.min(first, whole[node], long ? startOf[node] : Infinity);
    return first === Infinity ? -1 : first;
  }
}

/** How long a headline must be to repeat another as a prefix of it, or it of another. */
const MIN_PREFIX = 6;

/** The fragment's last paragraph ends in a colon: what follows is announced (以下意见：, 包括：). */
function endsInLeadIn(f: Fragment): boolean {
  const text = f.blocks[f.blocks.length - 1].text.trimEnd();
  return text.endsWith('：') || text.endsWith(':');
}

/**
 * Which article does a fragment that starts afresh (no cut sentence to finish)
 * continue? The chains open to it are those not waiting for the rest of a cut
 * sentence; the best by numbering, punctuation style and vocabulary wins.
 */
export function chooseChain(
  f: Fragment,
  chains: Chain[],
  headlines: HeadlineIndex,
  fragments: Fragment[],
  linkedTails: Set<number>,
  vocabulary: Vocabulary,
): Chain | undefined {
  for (const h of f.headlines) {
    const owner = headlines.owner(h.text);
    if (owner >= 0) return chains[owner];
  }
  // A paragraph without a marker says little; the markers of the next few
  // paragraphs of its column say where it belongs (a few: a page of unnumbered
  // paragraphs must not be read to its end for each one).
  const ahead = [...f.markers];
  for (let k = f.index + 1; k < fragments.length && k <= f.index + LOOK_AHEAD && fragments[k].soft && ahead.length < 2; k++) append(ahead, fragments[k].markers);
  const ff = vocabulary.ofBlocks(f.blocks);
  const opensList = f.markers.length > 0 && f.markers[0].number === 1;
  let best: Chain | undefined;
  let bestScore = -Infinity;
  for (const chain of chains) {
    const last = chain.fragments[chain.fragments.length - 1];
    if (f.index - last > OPEN_DISTANCE) continue;
    let numbering = numberingScore(chain.markers, ahead);
    // 现提出以下意见： | 一、总体要求: a lead-in announces the list that starts at 1
    if (opensList && endsInLeadIn(fragments[last])) numbering = Math.max(numbering, MOST_NUMBERING_SCORE);
    let score = numbering + styleScore(chain.profile.halfWidth, ff.halfWidth) + chain.profile.cosine(ff) * VOCABULARY;
    // (a column that goes on after a document's last words goes on with another one)
    if (f.soft && last === f.index - 1 && !fragments[last].endsDocument) score += ADJACENCY;
    if (linkedTails.has(last)) score -= 4; // its next piece is already decided
    else if (fragments[last].cut) score -= 1; // a cut that found no continuation on the page
    if (score > bestScore) {
      bestScore = score;
      best = chain;
    }
  }
  return best;
}
