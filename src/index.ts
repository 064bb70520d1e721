// Public API: re-exports only.
export { parse, parseAsync, explainPage, detectFormat, OUTPUT_VERSION } from './pipeline.js';
export { formatExplain } from './page/explain.js';
export type { PageExplain } from './page/index.js';
export type { ParseOptions } from './pipeline.js';
export { schemaErrors } from './schema/index.js';
export type { SchemaError } from './schema/index.js';
export { InputError } from './errors.js';
export type * from './types.js';
export { formatJson, formatJsonl } from './format/json.js';
export type { JsonOptions } from './format/json.js';
export { formatMarkdown } from './format/markdown.js';
export { formatText } from './format/text.js';
export { formatTree } from './format/tree.js';
export type { TreeOptions } from './format/tree.js';
export { reportDiagnostics, reportDiagnosticsJson } from './diagnostics/reporter.js';
export type { ReportOptions } from './diagnostics/reporter.js';
