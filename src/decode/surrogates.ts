import type { Diagnostic } from '../types.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Half a UTF-16 surrogate pair cannot come from decoded bytes, only from a string
 * handed to the library. Parsers choke on it (parse5 throws) or, once the markup
 * around it is gone, pair it with another half into a character the input never
 * had. U+FFFD takes its place (the same length, so offsets stay), with a warning.
 */
export function replaceLoneSurrogates(input: string): { text: string; diagnostic: Diagnostic | null } {
  if ((input as { isWellFormed?: () => boolean }).isWellFormed?.() === true) return { text: input, diagnostic: null };
  LONE_SURROGATE.lastIndex = 0;
  const first = LONE_SURROGATE.exec(input);
  if (!first) return { text: input, diagnostic: null };
  const at = first.index;
  const before = input.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return {
    text: input.replace(LONE_SURROGATE, '\ufffd'),
    diagnostic: { severity: 'warning', code: 'lone-surrogate', message: 'half a UTF-16 surrogate pair in the input; replaced with U+FFFD', line, column, offset: at },
  };
}
