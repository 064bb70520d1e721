import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Decoded, Diagnostic } from '../types.js';
import { InputError } from '../errors.js';
import { replaceLoneSurrogates } from './surrogates.js';

/**
 * A string handed to the library, as decode() would give it: source.bytes and
 * sha256 describe its UTF-8 bytes, and half a surrogate pair (which UTF-8 cannot
 * carry; Node writes it as U+FFFD) becomes U+FFFD with a warning, so no later
 * stage can pair it with another half into a character the input never had.
 */
export function decodeString(input: string): Decoded {
  const bytes = Buffer.from(input, 'utf8');
  const { text, diagnostic } = replaceLoneSurrogates(input);
  return { text, encoding: 'utf-8', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), diagnostics: diagnostic ? [diagnostic] : [] };
}

export interface DecodeOptions {
  /** Force an encoding (any WHATWG label: utf-8, gbk, gb2312, gb18030, utf-16le, big5 …). */
  encoding?: string;
}

const CHARSET_IN_HTML = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;
/** How far into the bytes a <meta charset> is looked for (the HTML spec prescans 1024 bytes; pages pad their heads). */
const PRESCAN_BYTES = 4096;

/** Where the encoding came from; shown in diagnostics so a wrong guess can be traced. */
type Evidence = 'option' | 'bom' | 'meta' | 'sniff';

/**
 * bytes -> text. Order of evidence: --encoding, a BOM, a <meta charset> in the head,
 * then sniffing (NUL patterns for BOM-less UTF-16, UTF-8, else GB18030 — a
 * superset of GBK and GB2312, the usual legacy encoding of Chinese archives).
 * UTF-8 that is cut in the middle of its last character, or has a stray bad byte
 * among many good multi-byte characters, is still UTF-8 (see mostlyUtf8).
 * A <meta charset> that the bytes plainly contradict (a page saved again as UTF-8
 * that kept its old `charset=gb2312`) loses to the bytes, with an info diagnostic.
 * Bytes that do not decode are counted in one diagnostic with the first position,
 * never dropped silently. `encoding` in the result is the WHATWG name of the decoder
 * used (gbk, gb2312 and cp936 all decode as `gbk`).
 */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const diagnostics: Diagnostic[] = [];
  // (checked once, when first asked: by the sniffing, or for the decoder below)
  let valid: boolean | undefined;
  const isValidUtf8 = () => (valid ??= isUtf8(bytes));
  const choice = chooseEncoding(bytes, options.encoding, diagnostics, isValidUtf8);
  // TextDecoder drops a BOM that matches its encoding; a foreign BOM under --encoding stays visible.
  // Valid UTF-8 (nearly every input) goes through Buffer's decoder: the same text, in
  // about two thirds of the time, and no TextDecoder to make.
  const decoder = choice.label === 'utf-8' ? null : decoderFor(choice.label, choice.evidence === 'option' ? options.encoding : undefined);
  const encoding = decoder?.encoding ?? 'utf-8';
  const validUtf8 = encoding === 'utf-8' && isValidUtf8();
  const text = validUtf8 ? validUtf8Text(bytes) : (decoder ?? decoderFor('utf-8', undefined)).decode(bytes);
  if (!encoding.startsWith('utf-16') && looksBinary(bytes)) {
    throw new InputError('binary input (control bytes found): not a text, Markdown or HTML page');
  }
  const bad = validUtf8 ? NOTHING_UNDECODABLE : undecodable(bytes, text, encoding);
  if (bad.count > 0) {
    const { line, column } = lineColumn(text, bad.first);
    const at = bad.firstByte >= 0 ? ` (first at byte ${bad.firstByte})` : '';
    const flaws = encoding === 'utf-8' ? utf8Flaws(bytes) : null;
    const cut = flaws && flaws.bad === 0 && flaws.tailBytes > 0;
    diagnostics.push({
      severity: 'warning',
      code: 'undecodable-bytes',
      message: cut
        ? `the input ends in the middle of a UTF-8 character: its last ${flaws.tailBytes} byte(s) replaced with U+FFFD (a file cut short?)`
        : `${bad.count} byte sequence(s) could not be decoded as ${encoding}${at}; replaced with U+FFFD (try --encoding)`,
      line,
      column,
      offset: bad.first,
    });
  }
  return { text, encoding, bytes: bytes.length, sha256, diagnostics };
}

const NOTHING_UNDECODABLE = { count: 0, first: -1, firstByte: -1 };

/** What TextDecoder('utf-8') makes of valid UTF-8: its characters, a leading BOM dropped. */
function validUtf8Text(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom);
}

/**
 * decode() of a file, for a long one: the same result when the file is plainly
 * UTF-8 (no BOM, no UTF-16 pattern, no declared charset, not binary, valid to the
 * end), null otherwise: decode() its bytes then. The bytes are never held whole:
 * they are hashed and checked a chunk at a time, and the text comes from Node's
 * own UTF-8 file reader, which frees its buffer at once. Held whole, a long
 * input's bytes stayed in memory beside its text until V8's next full collection
 * (on a 100 MB input, 100 MB more at the peak).
 */
export function decodeUtf8File(path: string, chunkSize = 1 << 20): Decoded | null {
  const fd = openSync(path, 'r');
  let total = 0;
  const hash = createHash('sha256');
  try {
    // what decode() judges by the first bytes
    const head = Buffer.allocUnsafe(Math.max(PRESCAN_BYTES, BINARY_SCAN_BYTES));
    const headLength = readSync(fd, head, 0, head.length, 0);
    const prefix = head.subarray(0, headLength);
    if (bomOf(prefix) || sniffUtf16(prefix) || declaredCharset(prefix) || looksBinary(prefix)) return null;
    // the whole file, a chunk at a time; an unfinished character moves to the next chunk
    const chunk = Buffer.allocUnsafe(chunkSize + 3);
    let carry = 0;
    for (;;) {
      const n = readSync(fd, chunk, carry, chunkSize, total);
      if (n === 0) break;
      hash.update(chunk.subarray(carry, carry + n));
      total += n;
      const end = carry + n;
      const whole = end - unfinishedTail(chunk, end);
      if (!isUtf8(chunk.subarray(0, whole))) return null;
      chunk.copy(chunk, 0, whole, end);
      carry = end - whole;
    }
    if (carry > 0) return null; // ends in the middle of a character
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(path, 'utf8');
  // (changed since it was hashed: the text would not be what the hash describes)
  if (Buffer.byteLength(text, 'utf8') !== total) return null;
  return { text, encoding: 'utf-8', bytes: total, sha256: hash.digest('hex'), diagnostics: [] };
}

/** How many of the last bytes before `end` start a UTF-8 character that goes on past it. */
function unfinishedTail(b: Uint8Array, end: number): number {
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const c = b[end - back];
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

function chooseEncoding(bytes: Uint8Array, forced: string | undefined, diagnostics: Diagnostic[], isValidUtf8: () => boolean): { label: string; evidence: Evidence } {
  if (forced) return { label: forced.trim(), evidence: 'option' };
  const bom = bomOf(bytes);
  if (bom) return { label: bom, evidence: 'bom' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { label: utf16, evidence: 'sniff' };
  const declared = declaredCharset(bytes);
  if (declared) {
    const family = new TextDecoder(declared).encoding;
    if (family !== 'utf-8' && isValidUtf8() && hasNonAscii(bytes)) {
      diagnostics.push(info('charset-mismatch', `the page declares charset ${declared} but its bytes are UTF-8; decoded as utf-8`));
      return { label: 'utf-8', evidence: 'sniff' };
    }
    if (family === 'utf-8' && !isValidUtf8() && !mostlyUtf8(bytes) && isGb18030Clean(bytes)) {
      diagnostics.push(info('charset-mismatch', `the page declares charset ${declared} but its bytes are not UTF-8; decoded as gb18030`));
      return { label: 'gb18030', evidence: 'sniff' };
    }
    // GBK and GB2312 pages routinely contain GB18030-only characters; the superset decodes them all.
    return { label: family === 'gbk' ? 'gb18030' : declared, evidence: 'meta' };
  }
  return { label: isValidUtf8() || mostlyUtf8(bytes) ? 'utf-8' : 'gb18030', evidence: 'sniff' };
}

/**
 * Invalid UTF-8 that is still UTF-8: good multi-byte characters, and no flaw but
 * an incomplete character at the very end (a file cut short, a stream that ended
 * early), or at most one bad sequence in a hundred good ones (a stray byte).
 * GBK/GB18030 text, read as UTF-8, breaks on nearly every character, and a lone
 * legacy character is no more likely to look like cut UTF-8 than to be one, so a
 * couple of good characters are asked for first.
 */
function mostlyUtf8(b: Uint8Array): boolean {
  const { good, bad, tailBytes } = utf8Flaws(b, true);
  if (bad === 0) return tailBytes > 0 && good >= 2;
  return good >= 100 && bad * 100 <= good;
}

/**
 * Walks UTF-8: good multi-byte sequences, bad ones (each resynchronised after one
 * byte), and the bytes of an incomplete last character. `hopeless`: stop once the
 * bad ones are more than a hundredth of all that could still be good (legacy text
 * stops within a few bytes).
 */
function utf8Flaws(b: Uint8Array, hopeless = false): { good: number; bad: number; tailBytes: number } {
  let good = 0;
  let bad = 0;
  let i = 0;
  const n = b.length;
  while (i < n) {
    const length = utf8SequenceAt(b, i);
    if (length === 1) {
      i++;
      continue;
    }
    if (length > 1) {
      good++;
      i += length;
    } else if (length === CUT_SHORT) {
      return { good, bad, tailBytes: n - i };
    } else {
      bad++;
      i++;
      if (hopeless && bad * 100 > good + (n - i)) break;
    }
  }
  return { good, bad, tailBytes: 0 };
}

/** utf8SequenceAt(): a character whose bytes run past the end of the input. */
const CUT_SHORT = -1;

/**
 * The length of the UTF-8 character that starts at b[i] (1 for ASCII); 0 when no
 * valid character starts there; CUT_SHORT when one would, but the input ends first.
 */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= b.length) return CUT_SHORT;
    if ((b[i + k] & 0xc0) !== 0x80 || !secondByteOk(c, b[i + 1], k)) return 0;
  }
  return need + 1;
}

/** The second byte's narrower ranges (no overlongs, no surrogates, nothing past U+10FFFF). */
function secondByteOk(lead: number, second: number, k: number): boolean {
  if (k !== 1) return true;
  if (lead === 0xe0) return second >= 0xa0;
  if (lead === 0xed) return second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90;
  if (lead === 0xf4) return second <= 0x8f;
  return true;
}

function decoderFor(label: string, asGiven: string | undefined): TextDecoder {
  try {
    return new TextDecoder(normaliseLabel(label), { fatal: false });
  } catch {
    throw new InputError(`unknown encoding '${asGiven ?? label}' (try utf-8, gb18030, gbk, utf-16le, utf-16be, big5)`);
  }
}

/** Labels people type that WHATWG does not know by that spelling. */
function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase().replace(/_/g, '-');
  if (l === 'utf8') return 'utf-8';
  if (l === 'utf16le' || l === 'utf-16') return 'utf-16le';
  if (l === 'utf16be') return 'utf-16be';
  if (l === 'cp936' || l === 'gb2312-80' || l === 'euc-cn') return 'gbk';
  return l;
}

function info(code: string, message: string): Diagnostic {
  return { severity: 'info', code, message, line: 1, column: 1, offset: 0 };
}

function bomOf(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * BOM-less UTF-16: ASCII-heavy text (markup, digits, newlines) leaves a NUL in every
 * other byte; CJK text alone does not, which is why this only fires on clear patterns.
 */
function sniffUtf16(b: Uint8Array): string | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  // U+3000 and other U+xx00 characters put a few NULs on the other side too
  if (oddNul > pairs * 0.2 && evenNul * 4 < oddNul) return 'utf-16le';
  if (evenNul > pairs * 0.2 && oddNul * 4 < evenNul) return 'utf-16be';
  return null;
}

function declaredCharset(bytes: Uint8Array): string | null {
  const prescan = bytes.subarray(0, PRESCAN_BYTES);
  // no '<' in the head (plain text), no <meta>: neither the Latin-1 copy nor the pattern
  if (prescan.indexOf(0x3c) === -1) return null;
  const head = Buffer.from(prescan.buffer, prescan.byteOffset, prescan.length).toString('latin1');
  const m = CHARSET_IN_HTML.exec(head);
  if (!m) return null;
  const label = normaliseLabel(m[1]);
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return null; // an unknown label in the page: fall back to sniffing
  }
}

/** Strict UTF-8 check, and where invalid input first breaks. */
function utf8Status(b: Uint8Array): { valid: boolean; firstBad: number } {
  // Nearly every input is valid UTF-8: check it natively (100 MB in a few ms); walk
  // the bytes only to find where invalid input breaks.
  if (isUtf8(b)) return { valid: true, firstBad: -1 };
  for (let i = 0; i < b.length; ) {
    const length = utf8SequenceAt(b, i);
    if (length <= 0) return { valid: false, firstBad: i };
    i += length;
  }
  return { valid: true, firstBad: -1 };
}

/** Any byte above ASCII: valid UTF-8 with one has a multibyte character (stops at the first). */
function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}

function isGb18030Clean(b: Uint8Array): boolean {
  return !new TextDecoder('gb18030').decode(b).includes('\uFFFD');
}

/** Text files have no NUL and few C0 controls; binary files have many. */
const BINARY_SCAN_BYTES = 8192;

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, BINARY_SCAN_BYTES);
  if (n === 0) return false;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) controls++;
  }
  return controls / n > 0.1;
}

/**
 * Counts replacement characters the decoder produced. A U+FFFD that was really in
 * UTF-8 input (EF BF BD) is text, not a decoding failure, so UTF-8 is checked on the
 * bytes; other encodings cannot carry U+FFFD literally, except UTF-16.
 */
function undecodable(bytes: Uint8Array, text: string, encoding: string): { count: number; first: number; firstByte: number } {
  let count = 0;
  let first = -1;
  if (encoding === 'utf-8') {
    const status = utf8Status(bytes);
    if (status.valid) return NOTHING_UNDECODABLE;
    const literal = countLiteralReplacementsUtf8(bytes);
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
      if (first < 0) first = i;
      count++;
    }
    // the first replacement is a decoding failure unless literal ones come before it
    if (literal.count > 0) {
      count -= literal.count;
      first = firstFailureOffset(bytes, status.firstBad);
    }
    return { count, first, firstByte: status.firstBad };
  }
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    if (first < 0) first = i;
    count++;
  }
  return { count, first, firstByte: -1 };
}

function countLiteralReplacementsUtf8(b: Uint8Array): { count: number } {
  let count = 0;
  for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) count++;
  return { count };
}

/** The text offset of byte `at` of valid UTF-8 prefix bytes[0..at). */
function firstFailureOffset(bytes: Uint8Array, at: number): number {
  return new TextDecoder('utf-8').decode(bytes.subarray(0, at)).length;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
