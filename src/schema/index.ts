import type { PolicyDocument } from '../types.js';
// Compiled at build time from schemas/policyparse.schema.json (scripts/generate.mjs):
// no schema compilation at start-up.
import { validate as compiled } from './validate.generated.js';

export interface SchemaError {
  /** JSON pointer into the document, '' for the root. */
  pointer: string;
  message: string;
}

interface AjvLikeError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Validates a document against the output schema; returns [] when it is valid. */
export function schemaErrors(doc: unknown): SchemaError[] {
  const validate = compiled as unknown as ((d: unknown) => boolean) & { errors?: AjvLikeError[] | null };
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, message: describe(e) }));
}

export function isPolicyDocument(doc: unknown): doc is PolicyDocument {
  return schemaErrors(doc).length === 0;
}

function describe(e: AjvLikeError): string {
  if (e.keyword === 'additionalProperties') return `unexpected property '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
    return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return e.message ?? e.keyword;
}
