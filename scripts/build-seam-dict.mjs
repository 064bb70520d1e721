#!/usr/bin/env node
// Writes dist/seam-words.txt: the words of jieba's dictionary common enough to
// matter at a cut (frequency >= MIN_FREQUENCY). The page stage only asks whether a
// word spans a seam (倡|导); common words answer that, and loading 80k words
// instead of 349k takes about 25 ms instead of 250 ms at start-up.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_FREQUENCY = 20;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');
const kept = readFileSync(source, 'utf8')
  .split('\n')
  .filter((line) => Number(line.split(' ')[1]) >= MIN_FREQUENCY);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/seam-words.txt'), kept.join('\n') + '\n');
