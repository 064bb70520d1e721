import { decode } from '../../src/decode/index.js';
import { loadMarkdownParser } from '../../src/frontends/markdown.js';
import { InputError } from '../../src/errors.js';
import { parse } from '../../src/pipeline.js';
import { schemaErrors } from '../../src/schema/index.js';
import { loadFixtures as loadFixtureFiles } from '../../scripts/lib/fixtures.mjs';
import type { Engine, Fixture } from './cases.js';

// Under jest, parse() cannot require() the ES-module Markdown parser and falls back
// to the line scanner; load it first so the tests see what the CLI runs.
await loadMarkdownParser();

/** The parser under test, as the shared cases want it. */
export const engine: Engine = {
  parse,
  schemaErrors,
  decodeText: (bytes) => decode(bytes).text,
  isInputError: (err) => err instanceof InputError,
};

/** Every input fixture of the repository (fixtures/**.{txt,md,html}), decoded. */
export function loadFixtures(): Fixture[] {
  return loadFixtureFiles(engine.decodeText);
}
