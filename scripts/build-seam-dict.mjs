#!/usr/bin/env node
// Writes dist/seam-dict.bin (and dist/seam-bigrams.bin, below): the words of
// jieba's dictionary common enough to matter at a cut (frequency >= MIN_FREQUENCY),
// as the word table src/page/words.ts reads in place. The page stage only asks
// whether a word spans a seam (倡|导); common words answer that.
//
// Runs after tsc: the table's format is written by the same code that reads it.
//
// node scripts/build-seam-dict.mjs [DIST]   (default: dist)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_FREQUENCY = 20;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ?? join(root, 'dist');
const { WordTable } = await import(new URL('page/words.js', `file://${join(dist, '/')}`).href);
const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');

// "word frequency tag" lines; a word listed twice keeps its last frequency, as jieba does
const words = new Map();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const [word, frequency] = line.split(' ');
  if (word && Number(frequency) >= MIN_FREQUENCY) words.set(word, Number(frequency));
}
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'seam-dict.bin'), WordTable.encode(words));

// Beside it, dist/seam-bigrams.bin: every pair of Han characters (U+4E00..U+9FA5)
// that stands side by side inside one of those words, sorted, as little-endian
// int32 (first × 20902 + second, counted from U+4E00). src/page/seams.ts answers
// from it, without cutting, every seam that no word can span.
const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fa5;
const codes = new Set();
for (const word of words.keys()) {
  for (let i = 0; i + 1 < word.length; i++) {
    const a = word.charCodeAt(i);
    const b = word.charCodeAt(i + 1);
    if (a >= HAN_FIRST && a <= HAN_LAST && b >= HAN_FIRST && b <= HAN_LAST) codes.add((a - HAN_FIRST) * (HAN_LAST - HAN_FIRST + 1) + (b - HAN_FIRST));
  }
}
const sorted = Int32Array.from(codes).sort();
const bytes = Buffer.alloc(sorted.length * 4);
sorted.forEach((code, i) => bytes.writeInt32LE(code, i * 4));
writeFileSync(join(dist, 'seam-bigrams.bin'), bytes);
