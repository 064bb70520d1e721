#!/usr/bin/env node
// Derives code from the one source of truth, schemas/policyparse.schema.json:
//   src/types/output.generated.ts     TypeScript types (json-schema-to-typescript)
//   src/schema/validate.generated.js  a standalone ajv validator, so no schema is
//                                     compiled at run time (start-up cost).
// `--check` regenerates in memory and fails if the committed files drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/policyparse.schema.json'), 'utf8'));
const targets = {
  'src/types/output.generated.ts': await generateTypes(schema),
  'src/schema/validate.generated.js': await generateValidator(schema),
};

const check = process.argv.includes('--check');
let drift = 0;
for (const [rel, code] of Object.entries(targets)) {
  const path = join(root, rel);
  if (check) {
    let old = '';
    try { old = readFileSync(path, 'utf8'); } catch { /* missing counts as drift */ }
    if (old !== code) { console.error(`${rel} is out of date: run npm run generate`); drift++; }
  } else {
    writeFileSync(path, code);
  }
}
process.exitCode = drift ? 1 : 0;

async function generateTypes(s) {
  let compile;
  try {
    ({ compile } = await import('json-schema-to-typescript'));
  } catch {
    // Installed without dev dependencies: keep the committed types.
    return readFileSync(join(root, 'src/types/output.generated.ts'), 'utf8');
  }
  const ts = await compile(s, 'PolicyDocument', {
    bannerComment: '/* Generated from schemas/policyparse.schema.json by scripts/generate.mjs. Do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
  });
  return ts;
}

async function generateValidator(s) {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const standalone = await import('ajv/dist/standalone/index.js');
  const standaloneCode = standalone.default.default ?? standalone.default;
  const ajv = new Ajv2020({ allErrors: true, strict: true, code: { source: true, esm: true } });
  const validate = ajv.compile(s);
  return '// Generated from schemas/policyparse.schema.json by scripts/generate.mjs. Do not edit.\n'
    + standaloneCode(ajv, validate);
}
