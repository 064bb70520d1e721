import { decode } from '../../src/decode/index.js';
import { InputError } from '../../src/errors.js';
import { parse } from '../../src/pipeline.js';
import { schemaErrors } from '../../src/schema/index.js';
import { loadFixtures as loadFixtureFiles } from '../../scripts/lib/fixtures.mjs';
import type { Engine, Fixture } from './cases.js';

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
