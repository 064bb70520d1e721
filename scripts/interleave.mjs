#!/usr/bin/env node
// Pages interleaved afresh from whole documents, with golds for the shared scorer:
// a held-out check of the page stage. The dev pages were built once, and the page
// stage was tuned on them; new interleavings of the same kind of documents show
// how it does on pages it has not seen (the figures are also measured on pages
// built from other documents).
//
//   node scripts/interleave.mjs [DOCS] [COUNT] [SEED]     (DOCS: ../shared/bench/dev-docs)
//   python3 ../shared/bench/run.py bench/work/interleaved/seed-1 --quiet
//
// What a page is, as the dev pages show it: two or three documents, each from its
// start or from somewhere in its first half (then under a 上接第N版 marker), cut
// into fragments at random places (three in ten at a paragraph break, the rest
// with at least five characters of the paragraph on either side), the first
// fragment of each under its headline and the rest interleaved in reading order,
// section names over some, a dateline closing some. Structure is not scored here
// (the golds carry no nodes): dev-docs holds the documents whole for that.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const docsDir = process.argv[2] ?? '../shared/bench/dev-docs';
const count = Number(process.argv[3] ?? 80);
const seed = Number(process.argv[4] ?? 1);
const out = new URL(`../bench/work/interleaved/seed-${seed}/`, import.meta.url).pathname;

/** A repeatable stream of numbers in [0, 1) (a linear congruential generator). */
const numbers = (s) => () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const random = numbers(seed * 7919 + 1);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)); // lo..hi
const pick = (list) => list[Math.floor(random() * list.length)];

const SECTIONS = ['要闻', '经济', '权威发布', '政策解读', '国内', '综合', '法治'];
const CITIES = ['北京', '上海', '广州', '西安', '成都', '武汉', '杭州'];

const docs = readdirSync(docsDir)
  .filter((f) => f.endsWith('.gold.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(docsDir, f), 'utf8')).articles[0])
  .map((a) => ({ title: a.title, units: a.units }));

/** A run of whole paragraphs: from the start, or from somewhere in the first half. */
function window(units) {
  const start = random() < 0.5 ? 0 : int(1, Math.max(1, Math.floor(units.length / 2) - 1));
  const budget = int(1500, 7000);
  let end = start;
  for (let size = 0; end < units.length && size < budget; end++) size += units[end].length;
  return { start, units: units.slice(start, end) };
}

/** The article cut into `pieces` fragments: each a list of [paragraph, glued to the one before]. */
function cut(units, pieces) {
  const text = units.join('\n');
  const cuts = new Set();
  for (let k = 1; k < pieces; k++) {
    let at = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      at = int(20, Math.max(20, text.length - 21));
      if (random() < 0.3) {
        const nl = text.indexOf('\n', at);
        if (nl > 0) at = nl + 1;
        break;
      }
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      if (at - start >= 5 && end - at >= 5) break;
    }
    cuts.add(at);
  }
  const fragments = [];
  let from = 0;
  for (const at of [...[...cuts].sort((a, b) => a - b), text.length]) {
    if (at <= from) continue;
    const glued = from > 0 && text[from - 1] !== '\n';
    const paragraphs = text.slice(from, at).split('\n').filter((p) => p !== '');
    if (paragraphs.length > 0) fragments.push(paragraphs.map((p, i) => [p, glued && i === 0]));
    from = at;
  }
  return fragments;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (let page = 0; page < count; page++) {
  const chosen = [];
  const k = pick([2, 3, 3]);
  while (chosen.length < k) {
    const doc = pick(docs);
    if (!chosen.includes(doc)) chosen.push(doc);
  }
  const markdown = random() < 0.6;
  const articles = chosen.map((doc) => {
    const { start, units } = window(doc.units);
    const dateline = random() < 0.3 ? `${pick(['新华社', '本报'])}${pick(CITIES)}${int(1, 12)}月${int(1, 28)}日电` : null;
    const size = units.reduce((n, u) => n + u.length, 0);
    const pieces = Math.max(1, Math.min(6, Math.floor(size / int(500, 1500))));
    return { title: doc.title, continuedFrom: start > 0 ? int(1, 4) : null, dateline, fragments: cut(units, pieces) };
  });
  // First fragments in article order, then the rest interleaved, each article's in its order.
  const order = articles.map((_, i) => [i, 0]);
  const next = articles.map(() => 1);
  for (;;) {
    const open = articles.map((a, i) => i).filter((i) => next[i] < articles[i].fragments.length);
    if (open.length === 0) break;
    const i = pick(open);
    order.push([i, next[i]++]);
  }
  const lines = [];
  const emit = (text, level = 0) => lines.push(markdown && level ? `${'#'.repeat(level)} ${text}` : text);
  if (random() < 0.5) emit(pick(SECTIONS), 1);
  for (const [i, j] of order) {
    const a = articles[i];
    if (j === 0) {
      if (random() < 0.2) emit(pick(SECTIONS), 1);
      if (a.continuedFrom) emit(`(上接第${a.continuedFrom}版)`, 3);
      emit(a.title, 2);
    }
    for (const [p] of a.fragments[j]) emit(p);
    if (j === a.fragments.length - 1 && a.dateline) emit(`(${a.dateline})`);
  }
  const gold = {
    source: `interleaved-${seed}-${page}`,
    articles: articles.map((a) => ({
      title: a.title,
      dateline: a.dateline,
      continued_from: a.continuedFrom,
      units: a.fragments.flat().map(([p]) => p),
      glue: a.fragments.flat().map(([, g]) => g),
      nodes: [],
    })),
  };
  const name = `page${String(page).padStart(3, '0')}`;
  writeFileSync(join(out, `${name}.${markdown ? 'md' : 'txt'}`), lines.join('\n\n') + '\n');
  writeFileSync(join(out, `${name}.gold.json`), JSON.stringify(gold));
}
console.log(`${count} pages in ${out}`);
