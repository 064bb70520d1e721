// Quotes and brackets left open by a cut: …按照“谁 | 审批、谁监管”的… A tail that
// leaves “ open is continued by a head that closes ” before opening anything.

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '(': ')', '「': '」', '『': '』', '【': '】' };
// By UTF-16 code unit: 1..8 an opener, -1..-8 its closer, 0 anything else. Every
// page's fragments are read here, so the scan stays on numbers.
const KIND = new Map<number, number>();
Object.entries(PAIRS).forEach(([open, close], i) => {
  KIND.set(open.charCodeAt(0), i + 1);
  KIND.set(close.charCodeAt(0), -(i + 1));
});
const OPENERS = Object.keys(PAIRS);

function kindOf(code: number): number {
  // The pairs' characters are ( ) and a few in U+2018–201D, U+300A–3011 and
  // U+FF08–FF09: Han characters and most other text skip the lookup.
  const mayPair = code < 0x3000 ? code === 0x28 || code === 0x29 || (code >= 0x2018 && code <= 0x201d) : (code >= 0x300a && code <= 0x3011) || code === 0xff08 || code === 0xff09;
  return mayPair ? KIND.get(code) ?? 0 : 0;
}

/** The innermost opener that `text` leaves unclosed, or null. */
export function openAtEnd(text: string): string | null {
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const kind = kindOf(text.charCodeAt(i));
    if (kind > 0) stack.push(kind);
    else if (kind < 0) {
      const at = stack.lastIndexOf(-kind);
      if (at >= 0) stack.length = at;
    }
  }
  return stack.length > 0 ? OPENERS[stack[stack.length - 1] - 1] : null;
}

/**
 * The first closer in `text` that nothing before it opened, or null. Only the
 * opening stretch is read: what a cut left open closes soon after it.
 */
export function closedAtStart(text: string, within = 100): string | null {
  const stack: number[] = [];
  const end = Math.min(text.length, within);
  for (let i = 0; i < end; i++) {
    const kind = kindOf(text.charCodeAt(i));
    if (kind > 0) stack.push(kind);
    else if (kind < 0) {
      const at = stack.lastIndexOf(-kind);
      if (at < 0) return PAIRS[OPENERS[-kind - 1]];
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
