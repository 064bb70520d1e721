// Public API: re-exports only.
export { parse, detectFormat, OUTPUT_VERSION } from './pipeline.js';
export type { ParseOptions } from './pipeline.js';
export { schemaErrors } from './schema/index.js';
export type { SchemaError } from './schema/index.js';
export { InputError } from './errors.js';
export type * from './types.js';
