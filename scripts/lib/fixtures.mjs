// The input fixtures of the repository, shared by the property tests and the
// fuzz and bench scripts so that all three mutate and measure the same pages.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/**
 * fixtures/**.{txt,md,html} decoded with the given function, in name order.
 * Files it refuses (binary on purpose) are left out: no base for mutations.
 * @param {(bytes: Uint8Array) => string} decodeText
 * @returns {{ name: string, text: string }[]}
 */
export function loadFixtures(decodeText) {
  const found = [];
  const walk = (/** @type {string} */ d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(txt|md|markdown|html?)$/i.test(e.name)) {
        try {
          found.push({ name: relative(fixturesDir, p), text: decodeText(readFileSync(p)) });
        } catch {
          /* refused */
        }
      }
    }
  };
  walk(fixturesDir);
  return found;
}
