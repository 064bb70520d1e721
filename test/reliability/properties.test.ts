// Property-based invariants (issue 7): short runs here so `npm test` stays fast;
// `npm run fuzz` runs the same families for minutes with a printed seed.
import fc from 'fast-check';
import { checkCase, families } from './cases.js';
import { engine, loadFixtures } from './fixtures.js';

// A fixed seed keeps CI reproducible; FUZZ_SEED and FUZZ_RUNS vary it for a local
// deeper run (npm run fuzz is the long campaign).
const numRuns = Number(process.env.FUZZ_RUNS ?? 40);
const seed = Number(process.env.FUZZ_SEED ?? 20261124);

describe('invariants hold for generated input', () => {
  const all = families(loadFixtures());
  for (const [name, arbitrary] of Object.entries(all)) {
    it(`${name}: no escape, valid, every character once, deterministic`, () => {
      fc.assert(
        fc.property(arbitrary, (c) => {
          checkCase(engine, c);
        }),
        { seed, numRuns: name === 'fixture mutations' ? Math.ceil(numRuns / 2) : numRuns },
      );
    });
  }
});
