// Loads the built parser and the test suite's case generators into plain Node,
// for scripts/fuzz.mjs. test/reliability/cases.ts and test/helpers/accounting.ts
// are TypeScript without run-time imports from src/, so a per-file transpile is
// enough; they land in bench/work/fuzz-lib with their relative layout kept.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { buildWork, root, workDir } from './build.mjs';

const SHARED = ['test/helpers/accounting.ts', 'test/reliability/cases.ts'];

/** `rebuild: false` loads the last build of bench/work/build as it is (a second worker of the same run). */
export async function loadEngine({ rebuild = true } = {}) {
  const build = rebuild ? buildWork('build') : join(workDir, 'build');
  const lib = join(workDir, 'fuzz-lib');
  for (const rel of SHARED) {
    const source = readFileSync(join(root, rel), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: rel,
    });
    const out = join(lib, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  const [pipeline, schema, decoder, errors, cases, accounting] = await Promise.all([
    import(join(build, 'pipeline.js')),
    import(join(build, 'schema', 'index.js')),
    import(join(build, 'decode', 'index.js')),
    import(join(build, 'errors.js')),
    import(join(lib, 'test/reliability/cases.js')),
    import(join(lib, 'test/helpers/accounting.js')),
  ]);
  const engine = {
    parse: pipeline.parse,
    schemaErrors: schema.schemaErrors,
    decodeText: (bytes) => decoder.decode(bytes).text,
    isInputError: (err) => err instanceof errors.InputError,
  };
  return { engine, cases, accounting, build };
}
