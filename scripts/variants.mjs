#!/usr/bin/env node
// Layout variants of the shared dev pages, for checking that the page stage holds
// up on layouts the samples do not show (the figures are also measured on pages
// with other layouts and noise). Writes bench/work/variants/<name>/ with each page
// and its gold, ready for the shared scorer:
//
//   node scripts/variants.mjs [../shared/bench/dev-pages]
//   python3 ../shared/bench/run.py bench/work/variants/plain --quiet
//
// Only the layout changes; the words are the pages' own, so the golds still hold.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const source = process.argv[2] ?? '../shared/bench/dev-pages';
const out = new URL('../bench/work/variants/', import.meta.url).pathname;

/** Width a character takes when set: Han and full-width forms two, the rest one. */
const setWidth = (ch) => (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) || ch.codePointAt(0) > 0xffff ? 2 : 1);

/** Each line cut into rows of at most `columns` full-width characters, as a printed column is. */
function wrap(text, columns, indent = '') {
  const rows = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    let row = '';
    let width = 0;
    for (const ch of indent + t) {
      if (width + setWidth(ch) > columns * 2) {
        rows.push(row);
        row = '';
        width = 0;
      }
      row += ch;
      width += setWidth(ch);
    }
    rows.push(row);
  }
  return rows.join('\n') + '\n';
}

const plain = (t) => t.replace(/^#+[ \t]*/gm, '').replaceAll('**', '');
const noBlankLines = (t) => t.replace(/\n[ \t]*\n/g, '\n');
const runningHeads = (t) => {
  const lines = t.split('\n');
  const middle = Math.floor(lines.length / 2);
  return ['人民日报　2019年7月21日　星期日　第4版', ...lines.slice(0, middle), '- 4 -', ...lines.slice(middle)].join('\n');
};

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The page as one HTML page: # lines as <h1>–<h6>, other lines as <p>. */
const html = (t) => {
  const body = t
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const h = /^(#{1,6})\s+(.*)$/.exec(l.trim());
      return h ? `<h${h[1].length}>${escapeHtml(h[2])}</h${h[1].length}>` : `<p>${escapeHtml(l.trim().replaceAll('**', ''))}</p>`;
    });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>版面</title></head><body><div class="page">\n${body.join('\n')}\n</div></body></html>\n`;
};

/** The page as an e-paper HTML page set in columns: a <div class="col"> from each headline on, a menu and a footer around them. */
const htmlColumns = (t) => {
  const columns = [];
  for (const line of t.split('\n').filter((l) => l.trim())) {
    const heading = /^#{1,3}\s/.test(line.trim());
    const last = columns[columns.length - 1];
    if (!last || (heading && !/^#/.test(last[last.length - 1]))) columns.push([line]);
    else last.push(line);
  }
  const body = columns.map((c) => html(c.join('\n')).replace(/^[\s\S]*<div class="page">\n|\n<\/div><\/body>[\s\S]*$/g, ''));
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>人民日报 第4版</title></head><body><div class="nav"><a href="/">首页</a> <a href="/b">上一版</a></div><div class="paper">\n${body.map((b) => `<div class="col">\n${b}\n</div>`).join('\n')}\n</div><div class="footer">版权所有</div></body></html>\n`;
};

/** A repeatable stream of numbers in [0, 1) (a linear congruential generator). */
const numbers = (seed) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

/** Page furniture that sits between paragraphs anywhere on a page: credit lines, photo credits and captions, running heads, prompts. */
const FURNITURE = ['本版责编：王五　美编：赵六', '（新华社记者 李四 摄）', '人民日报　2019年7月21日　星期日　第4版', '- 4 -', '版式设计：孙七', '（资料图片）', '图为工人在生产线上作业。', '扫码阅读全文'];
const furnitureBetween = (t, next) =>
  t.split('\n').flatMap((l) => (!l.trim() && next() < 0.06 ? [l, FURNITURE[Math.floor(next() * FURNITURE.length)], ''] : [l])).join('\n');

/** A long paragraph broken by a line feed at a random place, as a copy from a web page or a PDF keeps it. */
const brokenLines = (t, next) =>
  t.split('\n').map((l) => {
    if (/^#/.test(l) || l.length <= 60 || next() >= 0.3) return l;
    const at = 20 + Math.floor(next() * (l.length - 40));
    return l.slice(0, at) + '\n' + l.slice(at);
  }).join('\n');

/** A fifth of the lines set with a space between every two Han characters (OCR of a justified column). */
const letterSpaced = (t, next) =>
  t.split('\n').map((l) => (l.length > 10 && next() < 0.2 ? l.replace(/([\u4e00-\u9fa5])(?=[\u4e00-\u9fa5])/g, '$1 ') : l)).join('\n');

const VARIANTS = {
  // the page as HTML, its headlines and section names as heading elements
  html: { text: html, ext: 'html' },
  'html-columns': { text: htmlColumns, ext: 'html' },
  // Markdown marks stripped: headlines are bare lines
  plain: { text: plain, ext: 'txt' },
  'plain-no-blank-lines': { text: (t) => noBlankLines(plain(t)), ext: 'txt' },
  // headlines marked ### or # instead of ##
  'headlines-h3': { text: (t) => t.replace(/^## /gm, '### ') },
  'headlines-h1': { text: (t) => t.replace(/^## /gm, '# ') },
  'running-heads': { text: runningHeads },
  // OCR: columns of 20 full-width characters, paragraphs indented, or not
  'ocr-indented': { text: (t) => wrap(noBlankLines(plain(t)), 20, '\u3000\u3000'), ext: 'txt' },
  'ocr-blank-lines': { text: (t) => plain(t).split('\n').filter((l) => l.trim()).map((l) => wrap(l, 20)).join('\n'), ext: 'txt' },
  'ocr-bare': { text: (t) => wrap(noBlankLines(plain(t)), 20), ext: 'txt' },
  // newspaper columns are narrow (12–14 characters), book and PDF text wider
  'ocr-bare-13': { text: (t) => wrap(noBlankLines(plain(t)), 13), ext: 'txt' },
  'ocr-bare-30': { text: (t) => wrap(noBlankLines(plain(t)), 30), ext: 'txt' },
  'ocr-indented-12': { text: (t) => wrap(noBlankLines(plain(t)), 12, '\u3000\u3000'), ext: 'txt' },
  // Markdown whose paragraphs a formatter wrapped at 20, its # headings left whole
  'md-wrapped': { text: (t) => t.split('\n').map((l) => (/^#/.test(l) || !l.trim() ? l : wrap(l, 20).trimEnd())).join('\n') },
  // noise: furniture between paragraphs, stray line feeds, letter spacing
  'furniture-between': { text: furnitureBetween },
  'broken-lines': { text: brokenLines },
  'broken-lines-plain': { text: (t, next) => brokenLines(plain(t), next), ext: 'txt' },
  'letter-spaced': { text: (t, next) => letterSpaced(plain(t), next), ext: 'txt' },
};

for (const [name, v] of Object.entries(VARIANTS)) {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const next = numbers(11);
  for (const file of readdirSync(source).sort()) {
    const path = join(source, file);
    if (file.endsWith('.gold.json')) {
      copyFileSync(path, join(dir, file));
      continue;
    }
    const m = /^(.*)\.(md|txt)$/.exec(file);
    if (!m) continue;
    writeFileSync(join(dir, `${m[1]}.${v.ext ?? m[2]}`), v.text(readFileSync(path, 'utf8'), next));
  }
  console.log(`${basename(dir)}: bench/work/variants/${name}`);
}
