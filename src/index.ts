// Public API: re-exports only.
export { parse, parseAsync, explainPage, detectFormat, OUTPUT_VERSION } from './pipeline.js';
export { formatExplain } from './page/explain.js';
export type { PageExplain } from './page/index.js';
export type { ParseOptions } from './pipeline.js';
export { schemaErrors } from './schema/index.js';
export type { SchemaError } from './schema/index.js';
export { InputError } from './errors.js';
export type * from './types.js';
