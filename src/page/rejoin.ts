import { isDivisionTitle, type Fragment } from './fragments.js';
import { MOST_NUMBERING_SCORE, MOST_STYLE_SCORE, numberingScore, styleScore, type TextProfile, type Vocabulary } from './evidence.js';
import type { LeadingMarker } from './markers.js';
import { opensOnParticle, seamWord } from './seams.js';
import { closedAtStart, openAtEnd, pairsUp } from './brackets.js';
import { isBareLine, OPENS_ON_CLOSING_PUNCTUATION } from './furniture.js';
import { append } from '../arrays.js';

export interface SeamCandidate {
  tail: number;
  head: number;
  score: number;
  /** What the score is made of, for --stage fragments. */
  why: string[];
  chosen: boolean;
}

/** Below this a cut end stays open rather than take a doubtful continuation. */
const MIN_SEAM_SCORE = 1;
const MAX_SEAM_DISTANCE = 150;
/** What a join of a short bare line (a heading as often as a cut) must overcome. */
const MAYBE_CUT_DOUBT = 3;
/**
 * How much a head's fit with the paragraph above it counts against a join. Above 1
 * because the context windows of neighbouring paragraphs overlap, so a tail scores
 * the head and the paragraph after it almost alike; measured stable from 2 to 3.
 */
const SEQUEL_WEIGHT = 2.5;

/**
 * Decides every join of the page at once: each fragment that ends mid-sentence is
 * paired with at most one later fragment that could resume it, the set of pairs
 * with the greatest total weight (bestMatching). Candidates per cut are bounded by
 * the fragments after it, so a page of thousands of fragments stays linear.
 */
export function linkSeams(fragments: Fragment[], vocabulary: Vocabulary, explain = false): { links: Map<number, number>; candidates: SeamCandidate[] } {
  // Judged first with contexts that run on through the column; then again with
  // the column tops that the first choice reveals, so that no context reaches
  // across one into another article's text.
  const contexts = contextsOf(fragments, vocabulary);
  const tails = fragments.filter((f) => f.cut || f.maybeCut);
  const ends: SeamEnds = {
    tails,
    openers: fragments.map((f) => (f.cut || f.maybeCut ? openAtEnd(f.blocks[f.blocks.length - 1].text) : null)),
    closers: fragments.map((f) => closedAtStart(f.blocks[0].text)),
    openings: new Int8Array(fragments.length),
    evidence: new Float64Array(tails.length * (MAX_SEAM_DISTANCE + 1)).fill(NaN),
  };
  const firstWeighing = weighSeams(fragments, ends, new Set(), contexts, false, null);
  const first = chooseLinks(firstWeighing.candidates);
  // A chosen head starts a column; so does whatever follows a chosen tail, whose
  // column ended in the cut.
  const columnTops = new Set([...first.values(), ...[...first.keys()].map((tail) => tail + 1)]);
  const { candidates } = weighSeams(fragments, ends, columnTops, contexts, explain, explain ? null : firstWeighing);
  return { links: chooseLinks(candidates), candidates };
}

/** The most continuations of one cut that the matching weighs: its best few. */
const HEADS_PER_CUT = 10;

function chooseLinks(candidates: SeamCandidate[]): Map<number, number> {
  candidates.sort((a, b) => b.score - a.score || a.tail - b.tail || a.head - b.head);
  const links = new Map<number, number>();
  for (const c of candidates) c.chosen = false;
  // A cut's eleventh-best continuation is never what the page needs, and a page
  // of thousands of cuts must not hand the matching all their pairs.
  const perCut = new Map<number, number>();
  const eligible = candidates.filter((c) => {
    if (c.score < MIN_SEAM_SCORE) return false;
    const n = perCut.get(c.tail) ?? 0;
    perCut.set(c.tail, n + 1);
    return n < HEADS_PER_CUT;
  });
  for (const c of bestMatching(eligible)) {
    links.set(c.tail, c.head);
    c.chosen = true;
  }
  return links;
}

/**
 * Every candidate join of the page that could be chosen (all of them, with their
 * reasons, when explaining); `columnTops` are fragments known to start a column.
 */
function weighSeams(
  fragments: Fragment[],
  ends: SeamEnds,
  columnTops: Set<number>,
  contexts: (from: number, to: number) => Context,
  explain: boolean,
  previous: Weighing | null,
): Weighing {
  // Soft-split fragments are single paragraphs; judge a seam by the run of the
  // column around it: what led up to the cut, and what follows the head. Worked
  // out for the fragments some pair needs (a page without cuts needs none).
  const before: Context[] = [];
  const after: Context[] = [];
  const contextBeforeOf = (i: number) => (before[i] ??= contexts(contextBefore(fragments, i, columnTops), i));
  const contextAfterOf = (i: number) => (after[i] ??= contexts(i, contextAfter(fragments, i, columnTops)));
  // (the first few markers after a head, which numberingScore() weighs: one copy per
  // head, not one per pair)
  const leadMarkers: LeadingMarker[][] = [];
  const leadMarkersOf = (i: number) => (leadMarkers[i] ??= leadMarkersAfter(fragments, i, contextAfterOf(i).markers, columnTops));
  const candidates: SeamCandidate[] = [];
  const heads = fragments.filter((f) => !f.freshStart && !f.continuedFrom && !f.leadDateline && !f.headlines.some((h) => h.role === 'title'));
  // How naturally each head reads on from the paragraph above it in its column: a
  // head that does is that paragraph's sequel, not the resumption of a cut
  // (points against it; null: none).
  const sequel = new Map<number, number | null>();
  const sequelOf = (head: Fragment): number | null => {
    let points = sequel.get(head.index);
    if (points !== undefined) return points;
    points = null;
    // (nothing reads on from the line that closes a document)
    if (head.soft && !fragments[head.index - 1].closing) {
      const prev = head.index - 1;
      const affinity =
        numberingScore(contextBeforeOf(prev).markers, leadMarkersOf(head.index), false) +
        contextBeforeOf(prev).profile.cosine(contextAfterOf(head.index).profile) * 4;
      if (affinity > 0) points = -Math.round(affinity * SEQUEL_WEIGHT * 10) / 10;
    }
    sequel.set(head.index, points);
    return points;
  };
  const { tails } = ends;
  // A pair's slot: its tail's place among the tails, and how far on its head is
  // (typed arrays: a page of thousands of cuts has hundreds of thousands of pairs).
  const scores = new Float64Array(tails.length * (MAX_SEAM_DISTANCE + 1));
  let firstHead = 0;
  for (let t = 0; t < tails.length; t++) {
    const tail = tails[t];
    const tailFrom = candidates.length;
    while (firstHead < heads.length && heads[firstHead].index <= tail.index) firstHead++;
    for (let h = firstHead; h < heads.length; h++) {
      const head = heads[h];
      // Bounded per seam: a cut resumes within the next columns, not pages away,
      // so a page of thousands of fragments stays linear.
      if (head.index - tail.index > MAX_SEAM_DISTANCE) break;
      const key = t * (MAX_SEAM_DISTANCE + 1) + head.index - tail.index;
      // Nothing this pair is judged by has changed since the last weighing: its
      // score stands (most pairs, when few column tops are new).
      if (
        previous &&
        previous.before[tail.index] === contextBeforeOf(tail.index) &&
        previous.after[head.index] === contextAfterOf(head.index) &&
        previous.sequel.get(head.index) === sequelOf(head)
      ) {
        const score = previous.scores[key];
        scores[key] = score;
        if (score >= MIN_SEAM_SCORE) candidates.push({ tail: tail.index, head: head.index, score, why: NO_REASONS, chosen: false });
        continue;
      }
      // the reasons in words only when explaining; the points once per pair
      const reasons: Evidence | null = explain ? [] : null;
      let textPoints = ends.evidence[key];
      if (Number.isNaN(textPoints) || reasons) {
        textPoints = seamTextEvidence(tail, head, openingOf(head, ends.openings), pairsUp(ends.openers[tail.index], ends.closers[head.index]), reasons);
        ends.evidence[key] = textPoints;
      }
      const headline = headlinePoints(tail, head);
      // A pair that stays below the bar even with the best the texts' style and
      // vocabulary could add (the paragraph above only takes away) is never chosen:
      // what it would score is worked out only to be shown. (Most pairs of a short
      // bare line, which a join must win by a word: told before their numbering is
      // weighed, with the most it could add.)
      if (!explain && textPoints + headline + MOST_NUMBERING_SCORE + MOST_FROM_CONTEXTS < MIN_SEAM_SCORE) {
        scores[key] = -Infinity;
        continue;
      }
      const n = numberingScore(contextBeforeOf(tail.index).markers, leadMarkersOf(head.index));
      if (!explain && textPoints + headline + n + MOST_FROM_CONTEXTS < MIN_SEAM_SCORE) {
        scores[key] = -Infinity;
        continue;
      }
      const c = scoreSeam(tail, head, contextBeforeOf(tail.index).profile, contextAfterOf(head.index).profile, textPoints, headline, reasons);
      const points = sequelOf(head);
      if (points !== null && head.index - 1 !== tail.index) {
        c.score += points;
        if (explain) c.why.push(`${points.toFixed(1)} reads on from the paragraph above`);
      }
      if (n !== 0) {
        c.score += n;
        if (explain) c.why.push(`${n > 0 ? '+' : ''}${n.toFixed(1)} numbering`);
      }
      scores[key] = c.score;
      // Below the bar a join is never chosen: keep it only to be shown.
      if (explain || c.score >= MIN_SEAM_SCORE) candidates.push(c);
    }
    // Only a cut's best few reach the matching (chooseLinks): unless all are to be
    // shown, the rest need not be kept (a big page of cuts would hold a hundred and
    // fifty per cut).
    if (!explain && candidates.length - tailFrom > HEADS_PER_CUT) {
      const best = candidates.splice(tailFrom).sort((a, b) => b.score - a.score || a.head - b.head);
      for (let i = 0; i < HEADS_PER_CUT; i++) candidates.push(best[i]);
    }
  }
  return { candidates, before, after, sequel, scores };
}

/** One weighing of a page's seams, and what it was judged by. */
interface Weighing {
  candidates: SeamCandidate[];
  /** Each fragment's context before (as a tail) and after (as a head), where worked out. */
  before: Context[];
  after: Context[];
  /** The points against each head for reading on from the paragraph above it (null: none), where worked out. */
  sequel: Map<number, number | null>;
  /** Every weighed pair's score, by slot (weighSeams). */
  scores: Float64Array;
}

/** Above this many tail × head pairs in one group, the matching is greedy. */
const EXACT_MATCHING_LIMIT = 20_000;

/**
 * The set of joins with the greatest total score, each tail and head used once: a
 * tail whose best head fits a neighbour's cut better gives it up (教|育 beats
 * 教|的技术 when the other tail has no better head). Candidates fall into groups
 * that share no tail or head; each group is solved exactly (the assignment problem),
 * or greedily, best pair first, when it is too large to be a real page.
 */
export function bestMatching(candidates: SeamCandidate[]): SeamCandidate[] {
  const chosen: SeamCandidate[] = [];
  for (const group of groupsOf(candidates)) {
    const tails = [...new Set(group.map((c) => c.tail))];
    const heads = [...new Set(group.map((c) => c.head))];
    if (tails.length === 1 || heads.length === 1) chosen.push(group[0]);
    else if (tails.length * heads.length > EXACT_MATCHING_LIMIT) append(chosen, greedyMatching(group));
    else append(chosen, assignment(group, tails, heads));
  }
  return chosen;
}

/** Candidates (sorted best first) split into groups connected by a shared tail or head. */
function groupsOf(candidates: SeamCandidate[]): SeamCandidate[][] {
  // Union-find over tails (their index) and heads (-1 - their index).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (x !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const c of candidates) {
    const h = -1 - c.head;
    if (!parent.has(c.tail)) parent.set(c.tail, c.tail);
    if (!parent.has(h)) parent.set(h, h);
    parent.set(find(c.tail), find(h));
  }
  const groups = new Map<number, SeamCandidate[]>();
  for (const c of candidates) {
    const root = find(c.tail);
    const group = groups.get(root);
    if (group) group.push(c);
    else groups.set(root, [c]);
  }
  return [...groups.values()];
}

function greedyMatching(sorted: SeamCandidate[]): SeamCandidate[] {
  const chosen: SeamCandidate[] = [];
  const tails = new Set<number>();
  const heads = new Set<number>();
  for (const c of sorted) {
    if (tails.has(c.tail) || heads.has(c.head)) continue;
    tails.add(c.tail);
    heads.add(c.head);
    chosen.push(c);
  }
  return chosen;
}

/**
 * Maximum-weight matching of tails to heads by the Hungarian method: rows are
 * tails, columns are heads plus one "stays open" column per tail (score 0), so an
 * unmatched tail is a choice like any other. O(rows² × columns).
 */
function assignment(group: SeamCandidate[], tails: number[], heads: number[]): SeamCandidate[] {
  const n = tails.length;
  const m = heads.length + n;
  const FORBIDDEN = 1e9;
  const rowOf = new Map(tails.map((t, i) => [t, i + 1]));
  const colOf = new Map(heads.map((h, j) => [h, j + 1]));
  // cost[i][j], 1-based; minimising cost maximises the score.
  const cost: Float64Array[] = [new Float64Array(m + 1)];
  for (let i = 1; i <= n; i++) {
    const row = new Float64Array(m + 1).fill(FORBIDDEN);
    row[heads.length + i] = 0;
    cost.push(row);
  }
  const pair = new Map<string, SeamCandidate>();
  for (const c of group) {
    const i = rowOf.get(c.tail)!;
    const j = colOf.get(c.head)!;
    cost[i][j] = -c.score;
    pair.set(`${i}:${j}`, c);
  }
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfCol = new Int32Array(m + 1); // 0 = column free
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0][j] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfCol[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOfCol[j0] = rowOfCol[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const chosen: SeamCandidate[] = [];
  for (let j = 1; j <= heads.length; j++) {
    const c = rowOfCol[j] ? pair.get(`${rowOfCol[j]}:${j}`) : undefined;
    if (c) chosen.push(c);
  }
  return chosen;
}

/** Points and their reason. */
type Evidence = Array<[number, string]>;

/**
 * What the two texts at a seam say, whatever their contexts: their points, the
 * same in both weighings of a page, so worked out once per pair (the word cut is
 * the dear part); with `reasons`, each in words too. `opening`: what the head's
 * start says on its own (openingOf).
 */
function seamTextEvidence(tail: Fragment, head: Fragment, opening: number, brackets: number, reasons: Evidence | null): number {
  let points = 0;
  const before = tail.blocks[tail.blocks.length - 1].text;
  const after = head.blocks[0].text;
  const seam = seamWord(before, after);
  const word = seam && !seam.compound ? seam.word : null;
  // (each reason is put in words only when asked: reasons?.push skips its argument)
  // 导,促进… / 力、战略…: a sentence resumed within its first few characters.
  if (opening & OPENS_ON_CLOSING) {
    points += 5;
    reasons?.push([5, 'head starts with closing punctuation']);
  } else if (opening & RESUMES_SENTENCE) {
    points += 2;
    reasons?.push([2, 'head resumes a sentence']);
  } else if (opening & OPENS_ON_NUMBER_OR_UNIT && isDigit(before.charCodeAt(before.length - 1))) {
    // 继1994年9|月16日 / 不超过100|万: a number and its unit or its other digits.
    points += 3;
    reasons?.push([3, 'number continues across seam']);
  } else if (opening & OPENS_ON_PARTICLE_ALONE) {
    // 的技术研发… : a particle or conjunction cannot open a paragraph.
    points += 3;
    reasons?.push([3, 'head opens on a particle']);
  }
  if (brackets > 0) {
    points += 3;
    reasons?.push([3, 'head closes the quote or bracket the tail left open']);
  } else if (brackets < 0) {
    points -= 2;
    reasons?.push([-2, 'head closes a quote or bracket the tail never opened']);
  }
  if (word) {
    points += 3;
    reasons?.push([3, `word across seam: ${word}`]);
  } else if (seam) {
    points += 1;
    reasons?.push([1, `compound across seam: ${seam.word}`]);
  }
  if (tail.maybeCut) {
    // A short bare line is complete more often than not: a join must outweigh that,
    // and only some evidence lets it try at all:
    // - a word across the seam;
    // - closing punctuation opening the head, except after a law's division title
    //   (第二章 监狱 | ，取得了…: a title never runs on into a comma);
    // - a head that cannot open a paragraph and is a sentence, not a title's second
    //   line (（一）作为合伙人 | 的自然人死亡…；, 加大政策引导 | 力度，充分…);
    // - an item of a list of sentences (（五）以合伙企业名义 after （四）…；).
    const punctuationJoins = (opening & OPENS_ON_CLOSING) !== 0 && !isDivisionTitle(before.trim());
    const headNeedsTail = (opening & (RESUMES_SENTENCE | OPENS_ON_PARTICLE_ALONE)) !== 0 && !isBareLine(after);
    const doubt = word || punctuationJoins || headNeedsTail || tail.itemAfterSentence ? MAYBE_CUT_DOUBT : 100;
    points -= doubt;
    reasons?.push([-doubt, 'tail may be a complete line']);
  }
  return points;
}

// What a head's first characters say whatever the tail (openingOf): bits.
const OPENS_ON_CLOSING = 1;
const RESUMES_SENTENCE = 2;
const OPENS_ON_NUMBER_OR_UNIT = 4;
const OPENS_ON_PARTICLE_ALONE = 8;
/** (set once the bits above are known) */
const KNOWN = 16;

/**
 * The head's opening bits, worked out once per head (by fragment in `known`), not
 * once per pair: a page of thousands of cuts weighs each head against up to a
 * hundred and fifty tails.
 */
function openingOf(head: Fragment, known: Int8Array): number {
  let bits = known[head.index];
  if (bits) return bits;
  const after = head.blocks[0].text;
  bits = KNOWN;
  if (OPENS_ON_CLOSING_PUNCTUATION.test(after)) bits |= OPENS_ON_CLOSING;
  else if (/^[^，,、。；;：:！？]{1,3}[，,。；;]|^[^，,、。；;：:！？][、]/.test(after)) bits |= RESUMES_SENTENCE;
  else {
    if (/^[0-9０-９年月日号时万亿千百元%％个项条名人次倍岁]/.test(after)) bits |= OPENS_ON_NUMBER_OR_UNIT;
    if (opensOnParticle(after)) bits |= OPENS_ON_PARTICLE_ALONE;
  }
  known[head.index] = bits;
  return bits;
}

/** 0-9 and their full-width forms, tested on one UTF-16 unit. */
const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** A candidate's reasons when it has none in words (not explaining): one shared, frozen, empty list. */
const NO_REASONS = Object.freeze([]) as unknown as string[];

/**
 * A headline over the head names a new article, unless the cut article has no
 * title yet (a headline printed over a later column of it).
 */
function headlinePoints(tail: Fragment, head: Fragment): number {
  return head.headlines.length === 0 ? 0 : tail.headlines.length > 0 || tail.continuedFrom ? -4 : -0.5;
}

/** The most scoreSeam() adds to a pair's other points: the best style (styleScore) and a cosine of 1. */
const MOST_FROM_CONTEXTS = MOST_STYLE_SCORE + 4;

function scoreSeam(tail: Fragment, head: Fragment, tf: TextProfile, hf: TextProfile, points: number, headline: number, text: Evidence | null): SeamCandidate {
  const style = styleScore(tf.halfWidth, hf.halfWidth);
  const vocabulary = Math.round(tf.cosine(hf) * 40) / 10;
  const score = style + vocabulary + headline + points;
  // Reasons are words for --stage fragments; a page of thousands of seams does without.
  const why = text ? reasons([...text, [style, 'punctuation style'], [vocabulary, 'shared vocabulary'], [headline, 'headline above head']]) : NO_REASONS;
  return { tail: tail.index, head: head.index, score, why, chosen: false };
}

function reasons(evidence: Evidence): string[] {
  return evidence.filter(([points]) => points !== 0).map(([points, reason]) => `${points > 0 ? '+' : ''}${points.toFixed(1)} ${reason}`);
}

/** Per fragment: the quote or bracket its end leaves open, the one its start closes; per seam, what its texts say. */
interface SeamEnds {
  /** the fragments that end cut or maybe cut, the same in both weighings */
  tails: Fragment[];
  openers: Array<string | null>;
  closers: Array<string | null>;
  /** what each head's first characters say (openingOf), by fragment; 0: not yet known */
  openings: Int8Array;
  /** seamTextEvidence()'s points by pair slot (weighSeams; NaN: not yet), shared by both weighings. */
  evidence: Float64Array;
}

/** What a run of fragments says about its article: numbering and vocabulary. */
interface Context {
  markers: LeadingMarker[];
  profile: TextProfile;
}

/** The context of fragments from..to, computed once per page for each range. */
function contextsOf(fragments: Fragment[], vocabulary: Vocabulary): (from: number, to: number) => Context {
  const cache = new Map<string, Context>();
  return (from, to) => {
    const key = `${from}:${to}`;
    let context = cache.get(key);
    if (!context) {
      const markers: LeadingMarker[] = [];
      const blocks: Fragment['blocks'] = [];
      for (let k = from; k <= to; k++) {
        for (const m of fragments[k].markers) markers.push(m);
        for (const b of fragments[k].blocks) blocks.push(b);
      }
      context = { markers, profile: vocabulary.ofBlocks(blocks) };
      cache.set(key, context);
    }
    return context;
  };
}

/** Where the paragraphs of the column that lead up to fragment i begin (at most a few). */
function contextBefore(fragments: Fragment[], i: number, columnTops: Set<number>): number {
  let blocks = 0;
  let k = i;
  for (; k >= 0; k--) {
    blocks += fragments[k].blocks.length;
    if (blocks >= 4 || !fragments[k].soft || columnTops.has(k)) break;
  }
  return Math.max(k, 0);
}

/**
 * The first markers from a head on down its column, for numberingScore(): those of
 * its context, or, when the context holds none, of the first numbered paragraph a
 * little further down (规可以… | 地方性法规… | 规章… | 第十七条: a head three
 * unnumbered paragraphs above its article's next 条 is judged by that 条, as its
 * neighbours below are).
 */
function leadMarkersAfter(fragments: Fragment[], i: number, inContext: LeadingMarker[], columnTops: Set<number>): LeadingMarker[] {
  if (inContext.length > 0) return inContext.slice(0, 4);
  const markers: LeadingMarker[] = [];
  for (let k = i + 1; k < fragments.length && k <= i + LEAD_REACH && markers.length === 0 && fragments[k].soft && !columnTops.has(k); k++) append(markers, fragments[k].markers);
  return markers.slice(0, 4);
}
/** How many paragraphs below an unnumbered head its lead markers are looked for. */
const LEAD_REACH = 6;

/** Where fragment i and the paragraphs that follow it in its column end (at most a few). */
function contextAfter(fragments: Fragment[], i: number, columnTops: Set<number>): number {
  let blocks = fragments[i].blocks.length;
  let k = i;
  while (k + 1 < fragments.length && fragments[k + 1].soft && !columnTops.has(k + 1) && blocks < 3) blocks += fragments[++k].blocks.length;
  return k;
}

