// Quotes and brackets left open by a cut: …按照“谁 | 审批、谁监管”的… A tail that
// leaves “ open is continued by a head that closes ” before opening anything.

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '(': ')', '「': '」', '『': '』', '【': '】' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));

/** The innermost opener that `text` leaves unclosed, or null. */
export function openAtEnd(text: string): string | null {
  const stack: string[] = [];
  for (const ch of text) {
    if (ch in PAIRS) stack.push(ch);
    else if (CLOSERS.has(ch)) {
      const at = stack.lastIndexOf(CLOSERS.get(ch)!);
      if (at >= 0) stack.length = at;
    }
  }
  return stack.length > 0 ? stack[stack.length - 1] : null;
}

/**
 * The first closer in `text` that nothing before it opened, or null. Only the
 * opening stretch is read: what a cut left open closes soon after it.
 */
export function closedAtStart(text: string, within = 100): string | null {
  const stack: string[] = [];
  for (const ch of text.slice(0, within)) {
    if (ch in PAIRS) stack.push(ch);
    else if (CLOSERS.has(ch)) {
      const at = stack.lastIndexOf(CLOSERS.get(ch)!);
      if (at < 0) return ch;
      stack.length = at;
    }
  }
  return null;
}

/**
 * How the brackets of a seam pair up: +1 when the head closes what the tail left
 * open, -1 when the head closes something the tail never opened, 0 otherwise.
 */
export function bracketFit(before: string, after: string): number {
  return pairsUp(openAtEnd(before), closedAtStart(after));
}

/** bracketFit for an opener and a closer already found. */
export function pairsUp(opener: string | null, closer: string | null): number {
  if (closer === null) return 0;
  return opener !== null && PAIRS[opener] === closer ? 1 : -1;
}
