import type {
  ArticleDraft,
  Block,
  BlockStream,
  Continuation,
  Dateline,
  Diagnostic,
  Furniture,
  PageMeta,
  Paragraph,
  TextPiece,
} from '../types.js';
import type { LineIndex } from '../decode/lines.js';
import { classifyBlocks, type PageItem } from './classify.js';
import { cutFragments, type Fragment } from './fragments.js';
import { linkSeams, type SeamCandidate } from './rejoin.js';
import { chooseChain, HeadlineIndex, type Chain } from './assign.js';
import { Vocabulary } from './evidence.js';
import { append } from '../arrays.js';

export interface PageResult {
  articles: ArticleDraft[];
  furniture: Furniture[];
  unassigned: TextPiece[];
  page: PageMeta;
  diagnostics: Diagnostic[];
  explain: PageExplain[];
}

/** What `--stage fragments` prints: the fragments and every seam weighed. */
export interface PageExplain {
  fragments: Array<{ index: number; chain: number; first: string; last: string; cut: boolean; line: number }>;
  seams: SeamCandidate[];
}

/**
 * Blocks of one input -> articles. Pages separated by form feeds are split first
 * and handled one by one, so cost stays linear in the number of pages.
 */
export function splitPage(stream: BlockStream, lines: LineIndex, options: { explain?: boolean } = {}): PageResult {
  const result: PageResult = {
    articles: [],
    furniture: [],
    unassigned: [],
    page: { section: null, sections: [], date: stream.meta.date ?? null, edition: stream.meta.edition ?? null },
    diagnostics: [],
    explain: [],
  };
  for (const blocks of byFormFeed(stream.blocks, lines.text)) {
    splitOnePage(blocks, lines, result, options.explain ?? false);
  }
  result.page.section = result.page.sections?.[0] ?? null;
  // The page's <title> names its article when no headline element does; not an
  // article continued from another page, whose headline was printed there.
  if (stream.meta.title && result.articles.length > 0 && !result.articles[0].title && !result.articles[0].continuedFrom) {
    result.articles[0].title = stream.meta.title;
  }
  return result;
}

function byFormFeed(blocks: Block[], text: string): Block[][] {
  if (!text.includes('\f')) return [blocks];
  const pages: Block[][] = [[]];
  let last = 0;
  for (const block of blocks) {
    const start = block.segments[0]?.start ?? last;
    if (text.slice(last, start).includes('\f')) pages.push([]);
    pages[pages.length - 1].push(block);
    last = block.segments[block.segments.length - 1]?.end ?? start;
  }
  return pages.filter((p) => p.length > 0);
}

function splitOnePage(blocks: Block[], lines: LineIndex, out: PageResult, explain: boolean): void {
  const items = classifyBlocks(blocks);
  const { fragments, diagnostics } = cutFragments(items, lines);
  append(out.diagnostics, diagnostics);
  // (the Han bigrams of the page, numbered: the seams' and the articles' vocabulary evidence)
  const vocabulary = new Vocabulary();
  const seams = linkSeams(fragments, vocabulary, explain);
  const chains = assembleChains(fragments, seams.links, vocabulary);
  const firstArticle = out.articles.length;

  for (const chain of chains) out.articles.push(draftOf(chain, fragments, seams.links));
  placeFurniture(items, fragments, chains, firstArticle, lines, out);

  if (!explain) return;
  const articleOf = new Map<number, number>();
  chains.forEach((c, i) => c.fragments.forEach((f) => articleOf.set(f, firstArticle + i)));
  out.explain.push({
    fragments: fragments.map((f) => ({
      index: f.index,
      chain: articleOf.get(f.index) ?? -1,
      first: f.blocks[0].text.slice(0, 16),
      last: f.blocks[f.blocks.length - 1].text.slice(-16),
      cut: f.cut,
      line: lines.point(f.blocks[0].segments[0]?.start ?? 0).line,
    })),
    seams: seams.candidates,
  });
}

/** Put every fragment in a chain (an article), in page order. */
function assembleChains(fragments: Fragment[], links: Map<number, number>, vocabulary: Vocabulary): Chain[] {
  const chains: Chain[] = [];
  // (by fragment, in arrays: maps of a page of 50,000 paragraphs missed the caches)
  const chainOf: Chain[] = new Array(fragments.length);
  const tailOf = new Int32Array(fragments.length).fill(-1);
  for (const [tail, head] of links) tailOf[head] = tail;
  const linkedTails = new Set(links.keys());
  const headlines = new HeadlineIndex();
  for (const f of fragments) {
    const from = tailOf[f.index];
    let chain: Chain | undefined;
    if (from >= 0) {
      chain = chainOf[from];
    } else {
      const repeated = f.headlines.some((h) => headlines.owner(h.text) >= 0);
      const opens = f.continuedFrom !== null || (f.headlines.length > 0 && !repeated);
      if (!opens) chain = chooseChain(f, chains, headlines, fragments, linkedTails, vocabulary);
    }
    if (!chain) {
      chain = { order: chains.length, fragments: [], title: null, continuedFrom: null, markers: [], profile: vocabulary.growing() };
      chains.push(chain);
    }
    chain.fragments.push(f.index);
    append(chain.markers, f.markers);
    for (const b of f.blocks) chain.profile.add(b);
    chainOf[f.index] = chain;
    for (const h of f.headlines) {
      if (!chain.title) chain.title = h.text;
      headlines.add(h.text, chain.order);
    }
    if (f.continuedFrom && !chain.continuedFrom && chain.fragments.length === 1) chain.continuedFrom = f.continuedFrom;
  }
  return chains;
}

function draftOf(chain: Chain, fragments: Fragment[], links: Map<number, number>): ArticleDraft {
  const paragraphs: Paragraph[] = [];
  let previous: number | null = null;
  for (const index of readingOrder(chain.fragments, fragments, links)) {
    const f = fragments[index];
    f.blocks.forEach((block, k) => {
      const glue = k === 0 && previous !== null && links.get(previous) === index;
      if (glue && paragraphs.length > 0) {
        const p = paragraphs[paragraphs.length - 1];
        const offset = p.text.length;
        p.text += block.text;
        for (const s of block.segments) p.segments.push({ from: s.from + offset, start: s.start, end: s.end });
      } else {
        // (copies: a glued paragraph's list grows; built field by field, as spreads are slow)
        const segments = block.segments.map((s) => ({ from: s.from, start: s.start, end: s.end }));
        paragraphs.push({ text: block.text, segments, heading: block.heading, cells: block.cells });
      }
    });
    previous = index;
  }
  return {
    title: chain.title,
    dateline: null,
    continuedFrom: chain.continuedFrom,
    continuedTo: null,
    byline: null,
    paragraphs,
  };
}

/**
 * The chain's fragments in reading order. Page order within a column, but a cut
 * is always followed by the fragment that continues it: when assignment has put
 * other text of the page between a tail and its head, the head's run of the column
 * is read right after the tail, and the text in between after that.
 */
function readingOrder(members: number[], fragments: Fragment[], links: Map<number, number>): number[] {
  const inChain = new Set(members);
  // (from the chain's own fragments: going through all the page's links for each
  // chain cost chains x cuts, 4.3 s of a page of 20,000 cut articles)
  const heads = new Set<number>();
  for (const tail of members) {
    const head = links.get(tail);
    if (head !== undefined && inChain.has(head)) heads.add(head);
  }
  // Runs: a fragment and the ones that follow it in its column, in this chain.
  const runs: number[][] = [];
  const runOf = new Map<number, number[]>();
  let previous: number | null = null;
  for (const index of members) {
    const continuesRun = previous === index - 1 && fragments[index].soft && !heads.has(index);
    if (!continuesRun) runs.push([]);
    runs[runs.length - 1].push(index);
    runOf.set(index, runs[runs.length - 1]);
    previous = index;
  }
  const order: number[] = [];
  const placed = new Set<number[]>();
  for (const run of runs) {
    let next: number[] | undefined = run;
    while (next && !placed.has(next)) {
      placed.add(next);
      append(order, next);
      const head = links.get(next[next.length - 1]);
      next = head !== undefined && heads.has(head) ? runOf.get(head) : undefined;
    }
  }
  return order;
}

/**
 * Furniture goes to the page or to the article it belongs to: a dateline line or a
 * 下转 marker closes the article before it, a byline opens the one after it.
 */
function placeFurniture(
  items: PageItem[],
  fragments: Fragment[],
  chains: Chain[],
  firstArticle: number,
  lines: LineIndex,
  out: PageResult,
): void {
  // (by fragment and by item, in arrays: maps of a page of 50,000 paragraphs missed the caches)
  const articleOfFragment = new Int32Array(fragments.length).fill(-1);
  chains.forEach((c, i) => c.fragments.forEach((f) => (articleOfFragment[f] = firstArticle + i)));
  const articleAt: Array<number | null> = new Array(items.length).fill(null);
  for (const f of fragments) for (const i of f.itemIndexes) if (articleOfFragment[f.index] >= 0) articleAt[i] = articleOfFragment[f.index];

  // The article of the nearest body item before and after each item, in two linear
  // passes (a page of furniture alone must not cost a scan per item).
  const before: Array<number | null> = [];
  const after: Array<number | null> = new Array(items.length).fill(null);
  for (let k = 0, last: number | null = null; k < items.length; k++) {
    before.push(last);
    if (articleAt[k] !== null) last = articleAt[k];
  }
  for (let k = items.length - 1, next: number | null = null; k >= 0; k--) {
    after[k] = next;
    if (articleAt[k] !== null) next = articleAt[k];
  }
  const articleBefore = (i: number): number | null => before[i];
  const articleAfter = (i: number): number | null => after[i];

  items.forEach((item, i) => {
    if (item.kind === 'body') return;
    const seg = item.block.segments;
    const span = lines.extent(seg);
    let article: number | null = null;
    switch (item.kind) {
      case 'section':
        out.page.sections?.push(item.block.text);
        break;
      case 'headline':
      case 'continuation-from':
      case 'byline':
        article = item.trailing ? (articleBefore(i) ?? articleAfter(i)) : (articleAfter(i) ?? articleBefore(i));
        if (item.kind === 'byline' && article !== null && !out.articles[article].byline) out.articles[article].byline = item.block.text;
        break;
      case 'continuation-to':
        article = articleBefore(i) ?? articleAfter(i);
        if (article !== null && !out.articles[article].continuedTo) out.articles[article].continuedTo = item.continuation as Continuation;
        break;
      case 'dateline':
        article = articleBefore(i) ?? articleAfter(i);
        if (article !== null && !out.articles[article].dateline) out.articles[article].dateline = { ...(item.dateline as Dateline), span };
        break;
      case 'editor':
        article = articleBefore(i) ?? articleAfter(i);
        break;
      case 'noise':
        if (item.folio) {
          out.page.date ??= item.folio.date;
          out.page.edition ??= item.folio.edition;
        }
        break;
    }
    const kind = item.kind === 'continuation-from' || item.kind === 'continuation-to' ? 'continuation' : item.kind;
    out.furniture.push({ kind, text: item.block.text, article: article === null ? null : `a${article + 1}`, span });
  });

  // A dateline that opened a paragraph was cut off it by the classifier.
  for (const f of fragments) {
    if (!f.leadDateline) continue;
    const article = articleOfFragment[f.index];
    const { dateline, start, end } = f.leadDateline;
    const span = lines.span(start, end);
    if (article >= 0 && !out.articles[article].dateline) out.articles[article].dateline = { ...dateline, span };
    out.furniture.push({ kind: 'dateline', text: dateline.text, article: article < 0 ? null : `a${article + 1}`, span });
  }
  // Continuations: the chain kept the first 上接 it saw; give it its place. (This
  // page's articles: those of earlier pages were placed with theirs. Looked up,
  // not searched for each: a page of 20,000 continued articles took 4.8 s.)
  let markerItems: Map<Continuation, PageItem> | null = null;
  for (let k = firstArticle; k < out.articles.length; k++) {
    const a = out.articles[k];
    if (a.continuedFrom && !a.continuedFrom.span) {
      markerItems ??= continuationItems(items);
      const item = markerItems.get(a.continuedFrom);
      if (item) {
        a.continuedFrom = { ...a.continuedFrom, span: lines.extent(item.block.segments) };
      }
    }
  }
  out.furniture.sort((a, b) => a.span.start.offset - b.span.start.offset);
}

/** The 上接 items of a page by the continuation each holds (the first, should two hold one). */
function continuationItems(items: PageItem[]): Map<Continuation, PageItem> {
  const byContinuation = new Map<Continuation, PageItem>();
  for (const it of items) {
    if (it.kind === 'continuation-from' && it.continuation && !byContinuation.has(it.continuation)) byContinuation.set(it.continuation, it);
  }
  return byContinuation;
}
